import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CUTOVER_STEPS,
  CutoverParseError,
  isCutoverState,
  mergeDuplicateSteps,
  normaliseStepId,
  parseCutoverState,
  parseCutoverStatus,
  parseSettledRollOverrides,
  parseStatusConfigMap,
  revealInvisible,
  type CutoverStatus,
  type CutoverStep,
} from './cutover';

/** Runs `fn`, asserts it throws a CutoverParseError and returns it for further checks. */
function parseErrorOf(fn: () => unknown): CutoverParseError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CutoverParseError);
  expect(caught).toBeInstanceOf(Error);
  return caught as CutoverParseError;
}

const VALID_STATES = ['tethered', 'sovereign'] as const;

// -------------------------------------------------------------------------------------------------
// CUTOVER_STEPS

describe('CUTOVER_STEPS', () => {
  it('lists exactly the 11 steps of docs/cutover-contract.md §6, in order, with their UI labels', () => {
    expect(CUTOVER_STEPS.map(({ id, label }) => ({ id, label }))).toEqual([
      { id: 'gitea-mirror', label: 'Mirror GitOps repository' },
      { id: 'harbor-projects', label: 'Create Harbor proxy projects' },
      { id: 'harbor-prewarm', label: 'Pre-warm critical images' },
      { id: 'registry-pivot', label: 'Pivot containerd registries' },
      { id: 'flux-gitrepository-patch', label: 'Repoint Flux GitRepository' },
      { id: 'helmrepository-patches', label: 'Repoint HelmRepositories' },
      { id: 'catalyst-api-env-patch', label: 'Update catalyst-api environment' },
      { id: 'egress-block-test', label: 'Egress-block self-test' },
      { id: 'gitea-token-mint', label: 'Mint local Gitea token' },
      { id: 'vcluster-registry-pivot', label: 'Pivot vCluster registries' },
      { id: 'crossplane-provider-pivot', label: 'Pivot Crossplane providers' },
    ]);
  });

  it('has a non-empty description for every step and unique ids', () => {
    expect(CUTOVER_STEPS).toHaveLength(11);
    expect(new Set(CUTOVER_STEPS.map((step) => step.id)).size).toBe(11);
    for (const step of CUTOVER_STEPS) {
      expect(step.description.trim().length).toBeGreaterThan(0);
    }
  });

  it('does not contain the legacy slug helmrepo-patches', () => {
    expect(CUTOVER_STEPS.map((step) => step.id)).not.toContain('helmrepo-patches');
  });
});

// -------------------------------------------------------------------------------------------------
// parseCutoverState / isCutoverState / CutoverParseError

describe('parseCutoverState', () => {
  it.each(VALID_STATES)('accepts %s and returns it unchanged', (value) => {
    expect(parseCutoverState(value)).toBe(value);
    expect(isCutoverState(value)).toBe(true);
  });

  const longString = 'x'.repeat(10_000);

  it.each<[string, unknown, string]>([
    ['empty string', '', '""'],
    ['null', null, '<null>'],
    ['undefined', undefined, '<undefined>'],
    ['capitalised', 'Tethered', '"Tethered"'],
    ['upper case', 'TETHERED', '"TETHERED"'],
    ['upper case sovereign', 'SOVEREIGN', '"SOVEREIGN"'],
    ['a third state', 'pending', '"pending"'],
    ['padded', ' tethered', '" tethered"'],
    ['trailing newline', 'sovereign\n', '"sovereign\n"'],
    ['a number', 42, '<number>'],
    ['zero', 0, '<number>'],
    ['NaN', Number.NaN, '<number>'],
    ['a boolean', true, '<boolean>'],
  ])('rejects %s with a CutoverParseError quoting it as %j', (_label, value, preview) => {
    const error = parseErrorOf(() => parseCutoverState(value));
    expect(error.preview).toBe(preview);
    expect(error.subject).toBe('CutoverState');
    expect(error.name).toBe('CutoverParseError');
    expect(error.message).toBe(`invalid CutoverState: ${preview}`);
    expect(error.message.length).toBeLessThan(80);
    expect(isCutoverState(value)).toBe(false);
  });

  it('rejects a bigint, a symbol and a function with <typeof> previews', () => {
    const cases: [unknown, string][] = [
      [1n, '<bigint>'],
      [Symbol('tethered'), '<symbol>'],
      [() => 'tethered', '<function>'],
    ];
    for (const [value, preview] of cases) {
      const error = parseErrorOf(() => parseCutoverState(value));
      expect(error.preview).toBe(preview);
      expect(error.message).toBe(`invalid CutoverState: ${preview}`);
      expect(isCutoverState(value)).toBe(false);
    }
  });

  it.each<[string, unknown]>([
    ['an object', { state: 'tethered' }],
    ['an empty object', {}],
    ['an array', ['tethered']],
    ['a String wrapper', new String('tethered')],
    ['a Date', new Date(0)],
  ])('rejects %s with a <type> preview', (_label, value) => {
    const error = parseErrorOf(() => parseCutoverState(value));
    expect(error.preview).toMatch(/^<[a-z]+>$/);
    expect(error.preview.length).toBeLessThanOrEqual(32);
    expect(error.message).toBe(`invalid CutoverState: ${error.preview}`);
    expect(isCutoverState(value)).toBe(false);
  });

  it('follows the reference message format exactly for "pending"', () => {
    const error = parseErrorOf(() => parseCutoverState('pending'));
    expect(error.message).toBe('invalid CutoverState: "pending"');
    expect(error.preview).toBe('"pending"');
  });

  it('truncates a 10 000-character string to a quoted preview of at most 32 characters', () => {
    const error = parseErrorOf(() => parseCutoverState(longString));
    expect(error.preview.length).toBeLessThanOrEqual(32);
    expect(error.preview.startsWith('"xxxx')).toBe(true);
    expect(error.preview.endsWith('"')).toBe(true);
    expect(error.message.length).toBeLessThan(80);
    expect(error.message).not.toContain(longString);
    expect(error.message.startsWith('invalid CutoverState: "')).toBe(true);
  });

  it('keeps previews at the 32-character boundary (30 chars quoted in full, 31 truncated)', () => {
    const thirty = 'a'.repeat(30);
    expect(parseErrorOf(() => parseCutoverState(thirty)).preview).toBe(`"${thirty}"`);
    const thirtyOne = 'b'.repeat(31);
    const preview = parseErrorOf(() => parseCutoverState(thirtyOne)).preview;
    expect(preview.length).toBeLessThanOrEqual(32);
    expect(preview).not.toBe(`"${thirtyOne}"`);
    expect(preview.startsWith('"bbb')).toBe(true);
  });

  it('property: succeeds iff the value is exactly "tethered" or "sovereign"; preview ≤ 32, message < 80', () => {
    const arbitraryValue = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({ minLength: 30, maxLength: 2000 }),
      fc.constantFrom(...VALID_STATES),
      fc.constantFrom(...VALID_STATES).map((value) => value.toUpperCase()),
      fc.constantFrom(...VALID_STATES).map((value) => ` ${value}`),
    );
    fc.assert(
      fc.property(arbitraryValue, (value) => {
        const valid = value === 'tethered' || value === 'sovereign';
        expect(isCutoverState(value)).toBe(valid);
        if (valid) {
          expect(parseCutoverState(value)).toBe(value);
          return;
        }
        let caught: unknown;
        try {
          parseCutoverState(value);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(CutoverParseError);
        const error = caught as CutoverParseError;
        expect(error.preview.length).toBeLessThanOrEqual(32);
        expect(error.message.length).toBeLessThan(80);
        expect(error.message).toBe(`invalid CutoverState: ${error.preview}`);
        if (typeof value === 'string') {
          expect(error.preview.startsWith('"')).toBe(true);
          expect(error.preview.endsWith('"')).toBe(true);
          if (value.length <= 30) expect(error.preview).toBe(`"${value}"`);
        } else {
          expect(error.preview).toMatch(/^<[a-z]+>$/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

// -------------------------------------------------------------------------------------------------
// parseCutoverStatus: the docs/cutover-contract.md §3 examples

const FRESH_SEEDED = {
  state: 'tethered',
  cutoverComplete: false,
  currentStepIndex: 0,
  totalSteps: 11,
  progressPercent: 0,
  steps: [
    { name: 'catalyst-api-env-patch', result: '' },
    { name: 'crossplane-provider-pivot', result: '' },
    { name: 'egress-block-test', result: '' },
    { name: 'flux-gitrepository-patch', result: '' },
    { name: 'gitea-mirror', result: '' },
    { name: 'gitea-token-mint', result: '' },
    { name: 'harbor-prewarm', result: '' },
    { name: 'harbor-projects', result: '' },
    { name: 'helmrepository-patches', result: '' },
    { name: 'registry-pivot', result: '' },
    { name: 'vcluster-registry-pivot', result: '' },
  ],
  raw: {
    cutoverComplete: 'false',
    totalSteps: '11',
    registriesYamlActive: 'v1',
    'step.gitea-mirror.result': '',
    '…': '…',
  },
};

const MID_FLIGHT = {
  state: 'tethered',
  cutoverComplete: false,
  currentStep: 'harbor-projects',
  currentStepIndex: 1,
  totalSteps: 8,
  progressPercent: 12,
  steps: [
    {
      name: 'gitea-mirror',
      result: 'success',
      startedAt: '2026-05-04T10:00:00Z',
      finishedAt: '2026-05-04T10:01:30Z',
    },
    { name: 'harbor-projects', result: 'running', startedAt: '2026-05-04T10:01:30Z' },
  ],
  raw: { '…': '…' },
};

describe('parseCutoverStatus — docs/cutover-contract.md §3 examples', () => {
  it('parses the fresh chart-seeded Sovereign: tethered, 11 pending steps in wire (alphabetical) order', () => {
    const status = parseCutoverStatus(FRESH_SEEDED);
    expect(status).toEqual({
      state: 'tethered',
      cutoverComplete: false,
      totalSteps: 11,
      steps: FRESH_SEEDED.steps.map((step) => ({ id: step.name, status: 'pending' })),
    });
    // Not reordered, not padded: exactly the wire order.
    expect(status.steps.map((step) => step.id)).toEqual(
      FRESH_SEEDED.steps.map((step) => step.name),
    );
  });

  it('parses the mid-flight Go fixture exactly', () => {
    const status = parseCutoverStatus(MID_FLIGHT);
    expect(status).toEqual({
      state: 'tethered',
      cutoverComplete: false,
      currentStep: 'harbor-projects',
      totalSteps: 8,
      steps: [
        {
          id: 'gitea-mirror',
          status: 'done',
          startedAt: '2026-05-04T10:00:00Z',
          finishedAt: '2026-05-04T10:01:30Z',
        },
        { id: 'harbor-projects', status: 'running', startedAt: '2026-05-04T10:01:30Z' },
      ],
    });
  });

  it('does not pad the mid-flight steps to 11', () => {
    expect(parseCutoverStatus(MID_FLIGHT).steps).toHaveLength(2);
  });

  it('parses a finished sovereign response with timestamps and jobName', () => {
    const status = parseCutoverStatus({
      state: 'sovereign',
      cutoverComplete: true,
      cutoverStartedAt: '2026-05-04T10:00:00Z',
      cutoverFinishedAt: '2026-05-04T10:30:00Z',
      cutoverLastAttemptStartedAt: '2026-05-04T10:05:00Z',
      currentStep: '',
      currentStepIndex: 11,
      totalSteps: 11,
      progressPercent: 100,
      failedStep: '',
      lastError: '',
      steps: [
        {
          name: 'egress-block-test',
          result: 'success',
          startedAt: '2026-05-04T10:15:00Z',
          finishedAt: '2026-05-04T10:25:00Z',
          jobName: 'cutover-egress-block-test-1777888800',
        },
      ],
    });
    expect(status.state).toBe('sovereign');
    expect(status.cutoverComplete).toBe(true);
    expect(status.startedAt).toBe('2026-05-04T10:00:00Z');
    expect(status.finishedAt).toBe('2026-05-04T10:30:00Z');
    expect(status.currentStep).toBeUndefined();
    expect(status.failedStep).toBeUndefined();
    expect(status.lastError).toBeUndefined();
    expect(status.totalSteps).toBe(11);
    expect(status.egressTestPassed).toBe(true);
    expect(status.steps).toEqual([
      {
        id: 'egress-block-test',
        status: 'done',
        startedAt: '2026-05-04T10:15:00Z',
        finishedAt: '2026-05-04T10:25:00Z',
        jobName: 'cutover-egress-block-test-1777888800',
      },
    ]);
  });
});

// -------------------------------------------------------------------------------------------------
// parseCutoverStatus: state derivation (rules 1 and 2)

describe('parseCutoverStatus — state', () => {
  it('parses {} as tethered, not an error (the #933 regression)', () => {
    expect(parseCutoverStatus({})).toEqual({
      state: 'tethered',
      cutoverComplete: false,
      steps: [],
    });
  });

  it('derives sovereign from boolean cutoverComplete: true when state is missing', () => {
    const status = parseCutoverStatus({ cutoverComplete: true });
    expect(status.state).toBe('sovereign');
    expect(status.cutoverComplete).toBe(true);
  });

  it('derives tethered from cutoverComplete: false when state is missing', () => {
    const status = parseCutoverStatus({ cutoverComplete: false });
    expect(status.state).toBe('tethered');
    expect(status.cutoverComplete).toBe(false);
  });

  it.each<[string, unknown]>([
    ['string "true"', 'true'],
    ['number 1', 1],
    ['string "yes"', 'yes'],
    ['null', null],
  ])('treats cutoverComplete %s without state as tethered', (_label, cutoverComplete) => {
    const status = parseCutoverStatus({ cutoverComplete });
    expect(status.state).toBe('tethered');
    expect(status.cutoverComplete).toBe(false);
  });

  it('derives the state when state is null', () => {
    expect(parseCutoverStatus({ state: null, cutoverComplete: true }).state).toBe('sovereign');
    expect(parseCutoverStatus({ state: null }).state).toBe('tethered');
    expect(parseCutoverStatus({ state: null, cutoverComplete: 'true' }).state).toBe('tethered');
  });

  it('keys state off `state`, and cutoverComplete off the wire boolean when there is one', () => {
    const disagreeing = parseCutoverStatus({ state: 'tethered', cutoverComplete: true });
    expect(disagreeing.state).toBe('tethered');
    expect(disagreeing.cutoverComplete).toBe(true);
    const sovereign = parseCutoverStatus({ state: 'sovereign' });
    expect(sovereign.state).toBe('sovereign');
    expect(sovereign.cutoverComplete).toBe(true);
    const sovereignFalse = parseCutoverStatus({ state: 'sovereign', cutoverComplete: false });
    expect(sovereignFalse.state).toBe('sovereign');
    expect(sovereignFalse.cutoverComplete).toBe(false);
    expect(parseCutoverStatus({ state: 'tethered' }).cutoverComplete).toBe(false);
    expect(
      parseCutoverStatus({ state: 'sovereign', cutoverComplete: 'false' }).cutoverComplete,
    ).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['"pending"', 'pending', '"pending"'],
    ['""', '', '""'],
    ['"TETHERED"', 'TETHERED', '"TETHERED"'],
    ['"Sovereign"', 'Sovereign', '"Sovereign"'],
    ['42', 42, '<number>'],
    ['true', true, '<boolean>'],
  ])(
    'throws on a present but invalid state %s, even with cutoverComplete: true',
    (_label, state, preview) => {
      for (const wire of [{ state }, { state, cutoverComplete: true }, { ...MID_FLIGHT, state }]) {
        const error = parseErrorOf(() => parseCutoverStatus(wire));
        expect(error.subject).toBe('CutoverState');
        expect(error.preview).toBe(preview);
        expect(error.message).toBe(`invalid CutoverState: ${preview}`);
        expect(error.message.length).toBeLessThan(80);
      }
    },
  );

  it('throws with a short preview on a hostile 10 000-char state', () => {
    const error = parseErrorOf(() => parseCutoverStatus({ state: '<script>'.repeat(1250) }));
    expect(error.subject).toBe('CutoverState');
    expect(error.preview.length).toBeLessThanOrEqual(32);
    expect(error.message.length).toBeLessThan(80);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['an array', []],
    ['an array of a status', [FRESH_SEEDED]],
    ['a string', 'x'],
    ['a JSON string', JSON.stringify(FRESH_SEEDED)],
    ['a number', 3],
    ['a boolean', true],
  ])('throws `invalid CutoverStatus: not an object` for %s', (_label, wire) => {
    const error = parseErrorOf(() => parseCutoverStatus(wire));
    expect(error.message).toBe('invalid CutoverStatus: not an object');
    expect(error.subject).toBe('CutoverStatus');
    expect(error.preview.length).toBeLessThanOrEqual(32);
  });

  it('gives non-object previews in the <typeof> form', () => {
    expect(parseErrorOf(() => parseCutoverStatus(null)).preview).toBe('<null>');
    expect(parseErrorOf(() => parseCutoverStatus(undefined)).preview).toBe('<undefined>');
    expect(parseErrorOf(() => parseCutoverStatus(3)).preview).toBe('<number>');
    expect(parseErrorOf(() => parseCutoverStatus('x')).preview).toBe('"x"');
  });

  it('property: never throws for any object without `state`, and only boolean true is sovereign', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string().filter((key) => key !== 'state' && key !== '__proto__'),
          fc.anything(),
        ),
        (wire) => {
          const status = parseCutoverStatus(wire);
          expect(status.state).toBe(wire.cutoverComplete === true ? 'sovereign' : 'tethered');
          expect(Array.isArray(status.steps)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

// -------------------------------------------------------------------------------------------------
// parseCutoverStatus: steps

function stepsOf(steps: unknown, extra: Record<string, unknown> = {}): CutoverStatus['steps'] {
  return parseCutoverStatus({ state: 'tethered', ...extra, steps }).steps;
}

describe('parseCutoverStatus — steps', () => {
  it.each<[string, unknown]>([
    ['missing', undefined],
    ['null', null],
    ['an object', { 'gitea-mirror': { result: 'success' } }],
    ['a string', 'gitea-mirror'],
    ['a number', 11],
  ])('turns non-array steps (%s) into []', (_label, steps) => {
    expect(stepsOf(steps)).toEqual([]);
  });

  it('treats an empty `status` as absent and falls back to `result` (rule 7)', () => {
    expect(stepsOf([{ name: 'gitea-mirror', status: '', result: 'success' }])).toEqual([
      { id: 'gitea-mirror', status: 'done' },
    ]);
  });

  it('takes the id from `step`, else from `name`', () => {
    expect(stepsOf([{ step: 'gitea-mirror', name: 'harbor-projects', result: '' }])).toEqual([
      { id: 'gitea-mirror', status: 'pending' },
    ]);
    expect(stepsOf([{ name: 'harbor-projects', result: '' }])).toEqual([
      { id: 'harbor-projects', status: 'pending' },
    ]);
    // An empty `step` is absent: fall back to `name`.
    expect(stepsOf([{ step: '', name: 'harbor-projects' }])).toEqual([
      { id: 'harbor-projects', status: 'pending' },
    ]);
  });

  it('maps the legacy id helmrepo-patches to helmrepository-patches (from `step` and `name`)', () => {
    expect(stepsOf([{ step: 'helmrepo-patches', status: 'done' }])).toEqual([
      { id: 'helmrepository-patches', status: 'done' },
    ]);
    expect(stepsOf([{ name: 'helmrepo-patches', result: 'running' }])).toEqual([
      { id: 'helmrepository-patches', status: 'running' },
    ]);
  });

  it.each<[unknown, string]>([
    ['pending', 'pending'],
    ['running', 'running'],
    ['done', 'done'],
    ['failed', 'failed'],
  ])('uses a valid `status` %s as is', (status, expected) => {
    expect(stepsOf([{ step: 'gitea-mirror', status }])).toEqual([
      { id: 'gitea-mirror', status: expected },
    ]);
  });

  it('prefers a valid `status` over `result`', () => {
    expect(stepsOf([{ name: 'gitea-mirror', status: 'pending', result: 'success' }])).toEqual([
      { id: 'gitea-mirror', status: 'pending' },
    ]);
    expect(stepsOf([{ name: 'gitea-mirror', status: 'done', result: 'failed' }])).toEqual([
      { id: 'gitea-mirror', status: 'done' },
    ]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['success', { result: 'success' }, 'done'],
    ['skipped', { result: 'skipped' }, 'done'],
    ['running', { result: 'running' }, 'running'],
    ['failed', { result: 'failed' }, 'failed'],
    ['"" (not attempted / reset)', { result: '' }, 'pending'],
    ['null', { result: null }, 'pending'],
    ['absent', {}, 'pending'],
    ['success with status null', { status: null, result: 'success' }, 'done'],
    ['failed with status null', { status: null, result: 'failed' }, 'failed'],
  ])('maps the engine result %s', (_label, fields, expected) => {
    expect(stepsOf([{ name: 'harbor-prewarm', ...fields }])).toEqual([
      { id: 'harbor-prewarm', status: expected },
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown status', { status: 'complete' }],
    ['an unknown status even with a valid result', { status: 'succeeded', result: 'success' }],
    ['a UI status in the wrong case', { status: 'Done' }],
    ['a result value used as status', { status: 'success' }],
    ['a numeric status', { status: 1 }],
    ['an unknown result', { result: 'succeeded' }],
    ['a UI status word as result', { result: 'done' }],
    ['a result in the wrong case', { result: 'Success' }],
    ['a numeric result', { result: 0 }],
  ])('drops a record with %s', (_label, fields) => {
    expect(stepsOf([{ name: 'registry-pivot', ...fields }])).toEqual([]);
    // ...and keeps the valid neighbours, in order.
    expect(
      stepsOf([
        { name: 'gitea-mirror', result: 'success' },
        { name: 'registry-pivot', ...fields },
        { name: 'harbor-projects', result: 'running' },
      ]).map((step) => step.id),
    ).toEqual(['gitea-mirror', 'harbor-projects']);
  });

  it.each<[string, unknown]>([
    ['no id at all', { result: 'success' }],
    ['an empty name', { name: '', result: 'success' }],
    ['an empty step and name', { step: '', name: '', status: 'done' }],
    ['a numeric name', { name: 7, result: 'success' }],
    ['null', null],
    ['a string', 'gitea-mirror'],
    ['an array', ['gitea-mirror', 'success']],
    ['a number', 1],
  ])('drops a record with %s', (_label, record) => {
    expect(stepsOf([record, { name: 'gitea-mirror', result: 'success' }])).toEqual([
      { id: 'gitea-mirror', status: 'done' },
    ]);
  });

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])(
    'keeps a step named %s as a string id (no Object.prototype lookup)',
    (name) => {
      const status = parseCutoverStatus({
        currentStep: name,
        failedStep: name,
        lastError: 'boom',
        steps: [{ name, result: 'failed' }],
      });
      expect(status.steps).toEqual([{ id: name, status: 'failed', message: 'boom' }]);
      expect(status.currentStep).toBe(name);
      expect(status.failedStep).toBe(name);
      expect(parseStatusConfigMap({ [`step.${name}.result`]: 'running' }).steps).toEqual([
        { id: name, status: 'running' },
      ]);
    },
  );

  it('keeps steps in wire order, unknown ids included, and never pads', () => {
    const steps = stepsOf([
      { name: 'registry-pivot', result: 'success' },
      { name: 'smtp-relay-pivot', result: 'running' },
      { name: 'gitea-mirror', result: 'success' },
    ]);
    expect(steps).toEqual([
      { id: 'registry-pivot', status: 'done' },
      { id: 'smtp-relay-pivot', status: 'running' },
      { id: 'gitea-mirror', status: 'done' },
    ]);
  });

  it('keeps per-step timestamps as RFC 3339 strings and treats empty ones as absent', () => {
    expect(
      stepsOf([
        {
          name: 'gitea-mirror',
          result: 'success',
          startedAt: '2026-05-04T10:00:00Z',
          finishedAt: '2026-05-04T10:01:30Z',
          jobName: 'cutover-gitea-mirror-1777888800',
        },
        { name: 'harbor-projects', result: '', startedAt: '', finishedAt: '', jobName: '' },
      ]),
    ).toEqual([
      {
        id: 'gitea-mirror',
        status: 'done',
        startedAt: '2026-05-04T10:00:00Z',
        finishedAt: '2026-05-04T10:01:30Z',
        jobName: 'cutover-gitea-mirror-1777888800',
      },
      { id: 'harbor-projects', status: 'pending' },
    ]);
  });

  it('does not truncate long messages (the card truncates)', () => {
    const long = 'e'.repeat(5000);
    const [step] = stepsOf([{ name: 'gitea-mirror', status: 'failed', message: long }]);
    expect(step?.message).toBe(long);
  });

  it('parses the old 8-step shape (step/status vocabulary, helmrepo-patches)', () => {
    const status = parseCutoverStatus({
      state: 'tethered',
      cutoverComplete: false,
      steps: [
        { step: 'gitea-mirror', status: 'done', startedAt: '2026-05-04T10:00:00Z' },
        { step: 'harbor-projects', status: 'done' },
        { step: 'harbor-prewarm', status: 'done' },
        { step: 'registry-pivot', status: 'done' },
        { step: 'flux-gitrepository-patch', status: 'done' },
        { step: 'helmrepo-patches', status: 'running', startedAt: '2026-05-04T10:20:00Z' },
        { step: 'catalyst-api-env-patch', status: 'pending' },
        { step: 'egress-block-test', status: 'pending' },
      ],
    });
    expect(status.state).toBe('tethered');
    expect(status.steps).toEqual([
      { id: 'gitea-mirror', status: 'done', startedAt: '2026-05-04T10:00:00Z' },
      { id: 'harbor-projects', status: 'done' },
      { id: 'harbor-prewarm', status: 'done' },
      { id: 'registry-pivot', status: 'done' },
      { id: 'flux-gitrepository-patch', status: 'done' },
      { id: 'helmrepository-patches', status: 'running', startedAt: '2026-05-04T10:20:00Z' },
      { id: 'catalyst-api-env-patch', status: 'pending' },
      { id: 'egress-block-test', status: 'pending' },
    ]);
    expect(status.egressTestPassed).toBeUndefined();
  });

  it('property: every kept step has a non-empty id and a valid status; no more steps than records', () => {
    const record = fc.record(
      {
        step: fc.oneof(
          fc.constantFrom('', 'gitea-mirror', 'helmrepo-patches', 'constructor', 'toString'),
          fc.string(),
        ),
        name: fc.oneof(fc.constantFrom('', 'harbor-projects', 'egress-block-test'), fc.string()),
        status: fc.oneof(
          fc.constantFrom('pending', 'running', 'done', 'failed', 'bogus', null),
          fc.anything(),
        ),
        result: fc.oneof(
          fc.constantFrom('', 'success', 'skipped', 'running', 'failed', 'bogus', null),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(record, fc.anything())), (records) => {
        const steps = stepsOf(records);
        expect(steps.length).toBeLessThanOrEqual(records.length);
        for (const step of steps) {
          expect(typeof step.id).toBe('string');
          expect(step.id.length).toBeGreaterThan(0);
          expect(step.id).not.toBe('helmrepo-patches');
          expect(['pending', 'running', 'done', 'failed']).toContain(step.status);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// -------------------------------------------------------------------------------------------------
// parseCutoverStatus: top-level fields

describe('parseCutoverStatus — top-level fields', () => {
  it('treats empty strings as absent (chart seeds failedStep "" and lastError "")', () => {
    const status = parseCutoverStatus({
      state: 'tethered',
      cutoverComplete: false,
      currentStep: '',
      failedStep: '',
      lastError: '',
      cutoverStartedAt: '',
      cutoverFinishedAt: '',
      mirroredCommitSHA: '',
      steps: [],
    });
    expect(status).toEqual({ state: 'tethered', cutoverComplete: false, steps: [] });
    expect('failedStep' in status).toBe(false);
    expect('lastError' in status).toBe(false);
  });

  it('keeps failedStep, lastError and currentStep when they are set', () => {
    const status = parseCutoverStatus({
      state: 'tethered',
      currentStep: 'harbor-prewarm',
      failedStep: 'secondary-kubeconfigs',
      lastError: 'bridge failed',
    });
    expect(status.currentStep).toBe('harbor-prewarm');
    expect(status.failedStep).toBe('secondary-kubeconfigs');
    expect(status.lastError).toBe('bridge failed');
  });

  it('gives lastError to the failed step named by failedStep, and only to it', () => {
    const status = parseCutoverStatus({
      state: 'tethered',
      failedStep: 'harbor-projects',
      lastError: 'Job catalyst/cutover-harbor-projects-1777888800 reported Failed condition',
      steps: [
        { name: 'gitea-mirror', result: 'success' },
        { name: 'harbor-projects', result: 'failed', finishedAt: '2026-05-04T10:02:00Z' },
        { name: 'harbor-prewarm', result: 'failed' },
        { name: 'registry-pivot', result: '' },
      ],
    });
    expect(status.steps).toEqual([
      { id: 'gitea-mirror', status: 'done' },
      {
        id: 'harbor-projects',
        status: 'failed',
        finishedAt: '2026-05-04T10:02:00Z',
        message: 'Job catalyst/cutover-harbor-projects-1777888800 reported Failed condition',
      },
      { id: 'harbor-prewarm', status: 'failed' },
      { id: 'registry-pivot', status: 'pending' },
    ]);
    expect(status.lastError).toBe(
      'Job catalyst/cutover-harbor-projects-1777888800 reported Failed condition',
    );
  });

  it('does not give lastError to a non-failed step named by failedStep (the registry-pivot invariant)', () => {
    const status = parseCutoverStatus({
      state: 'tethered',
      failedStep: 'registry-pivot',
      lastError: 'registriesYamlActive is v1, want v2',
      steps: [{ name: 'registry-pivot', result: 'success' }],
    });
    expect(status.steps).toEqual([{ id: 'registry-pivot', status: 'done' }]);
    expect(status.failedStep).toBe('registry-pivot');
    expect(status.lastError).toBe('registriesYamlActive is v1, want v2');
  });

  it('lets a per-step message win over lastError', () => {
    const [step] = stepsOf(
      [{ name: 'harbor-projects', result: 'failed', message: 'own message' }],
      {
        failedStep: 'harbor-projects',
        lastError: 'top-level error',
      },
    );
    expect(step?.message).toBe('own message');
  });

  it('treats an empty per-step message as absent, so lastError fills it', () => {
    const [step] = stepsOf([{ name: 'harbor-projects', result: 'failed', message: '' }], {
      failedStep: 'harbor-projects',
      lastError: 'top-level error',
    });
    expect(step?.message).toBe('top-level error');
  });

  it('matches failedStep to the step by normalised id (legacy helmrepo-patches)', () => {
    const status = parseCutoverStatus({
      state: 'tethered',
      failedStep: 'helmrepo-patches',
      lastError: 'boom',
      steps: [{ step: 'helmrepo-patches', status: 'failed' }],
    });
    expect(status.steps).toEqual([
      { id: 'helmrepository-patches', status: 'failed', message: 'boom' },
    ]);
  });

  it('takes startedAt/finishedAt from the top level, else cutoverStartedAt/cutoverFinishedAt', () => {
    const both = parseCutoverStatus({
      startedAt: '2026-05-04T09:00:00Z',
      cutoverStartedAt: '2026-05-04T08:00:00Z',
      finishedAt: '2026-05-04T09:30:00Z',
      cutoverFinishedAt: '2026-05-04T08:30:00Z',
    });
    expect(both.startedAt).toBe('2026-05-04T09:00:00Z');
    expect(both.finishedAt).toBe('2026-05-04T09:30:00Z');

    const cutoverOnly = parseCutoverStatus({
      cutoverStartedAt: '2026-05-04T08:00:00Z',
      cutoverFinishedAt: '2026-05-04T08:30:00Z',
    });
    expect(cutoverOnly.startedAt).toBe('2026-05-04T08:00:00Z');
    expect(cutoverOnly.finishedAt).toBe('2026-05-04T08:30:00Z');

    const emptyFirst = parseCutoverStatus({
      startedAt: '',
      cutoverStartedAt: '2026-05-04T08:00:00Z',
    });
    expect(emptyFirst.startedAt).toBe('2026-05-04T08:00:00Z');

    const none = parseCutoverStatus({});
    expect(none.startedAt).toBeUndefined();
    expect(none.finishedAt).toBeUndefined();
  });

  it('reads totalSteps as a number or numeric string', () => {
    expect(parseCutoverStatus({ totalSteps: 11 }).totalSteps).toBe(11);
    expect(parseCutoverStatus({ totalSteps: '8' }).totalSteps).toBe(8);
    expect(parseCutoverStatus({ totalSteps: 'eleven' }).totalSteps).toBeUndefined();
    expect(parseCutoverStatus({}).totalSteps).toBeUndefined();
  });

  it('reads a count only from a string that is digits and nothing else', () => {
    for (const value of ['11a', 'x11', '1 1', '-3', '1.5', '1234567890']) {
      expect(parseCutoverStatus({ totalSteps: value }).totalSteps, value).toBeUndefined();
      expect(parseCutoverStatus({ harborProjectCount: value }).harborProjectCount).toBeUndefined();
    }
    expect(parseCutoverStatus({ harborProjectCount: '123456789' }).harborProjectCount).toBe(
      123_456_789,
    );
  });

  it('takes totalSteps 0 (the chart seeds scalar keys empty or zero) as not said', () => {
    expect(parseCutoverStatus({ totalSteps: 0 }).totalSteps).toBeUndefined();
    expect(parseCutoverStatus({ totalSteps: '0' }).totalSteps).toBeUndefined();
    expect(parseStatusConfigMap({ totalSteps: '0' }).totalSteps).toBeUndefined();
  });

  it('reads mirroredCommitSHA from the top level first, then from raw', () => {
    expect(
      parseCutoverStatus({ mirroredCommitSHA: 'abc123', raw: { mirroredCommitSHA: 'def456' } })
        .mirroredCommitSHA,
    ).toBe('abc123');
    expect(parseCutoverStatus({ raw: { mirroredCommitSHA: 'def456' } }).mirroredCommitSHA).toBe(
      'def456',
    );
    expect(
      parseCutoverStatus({ mirroredCommitSHA: '', raw: { mirroredCommitSHA: 'def456' } })
        .mirroredCommitSHA,
    ).toBe('def456');
    expect(
      parseCutoverStatus({ raw: { mirroredCommitSHA: '' } }).mirroredCommitSHA,
    ).toBeUndefined();
    expect(parseCutoverStatus({ raw: 'not a map' }).mirroredCommitSHA).toBeUndefined();
    expect(parseCutoverStatus({}).mirroredCommitSHA).toBeUndefined();
  });

  it('does not truncate mirroredCommitSHA (the card does)', () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    expect(parseCutoverStatus({ mirroredCommitSHA: sha }).mirroredCommitSHA).toBe(sha);
  });

  it('reads harborProjectCount as a number or numeric string, top level first, then raw', () => {
    expect(parseCutoverStatus({ harborProjectCount: 7 }).harborProjectCount).toBe(7);
    expect(parseCutoverStatus({ harborProjectCount: '7' }).harborProjectCount).toBe(7);
    expect(parseCutoverStatus({ harborProjectCount: 0 }).harborProjectCount).toBe(0);
    expect(parseCutoverStatus({ raw: { harborProjectCount: '12' } }).harborProjectCount).toBe(12);
    expect(
      parseCutoverStatus({ harborProjectCount: 3, raw: { harborProjectCount: '12' } })
        .harborProjectCount,
    ).toBe(3);
    expect(
      parseCutoverStatus({ harborProjectCount: '', raw: { harborProjectCount: '12' } })
        .harborProjectCount,
    ).toBe(12);
  });

  it.each<[string, unknown]>([
    ['a word', 'seven'],
    ['an empty string', ''],
    ['a boolean', true],
    ['null', null],
  ])('ignores a non-numeric harborProjectCount (%s)', (_label, value) => {
    expect(parseCutoverStatus({ harborProjectCount: value }).harborProjectCount).toBeUndefined();
    expect(
      parseCutoverStatus({ raw: { harborProjectCount: value } }).harborProjectCount,
    ).toBeUndefined();
  });

  it('takes an explicit egressTestPassed boolean over the egress-block-test step', () => {
    expect(
      parseCutoverStatus({
        egressTestPassed: false,
        steps: [{ name: 'egress-block-test', result: 'success' }],
      }).egressTestPassed,
    ).toBe(false);
    expect(
      parseCutoverStatus({
        egressTestPassed: true,
        steps: [{ name: 'egress-block-test', result: 'failed' }],
      }).egressTestPassed,
    ).toBe(true);
    expect(parseCutoverStatus({ egressTestPassed: true }).egressTestPassed).toBe(true);
  });

  it.each<[string, Record<string, unknown>, boolean | undefined]>([
    ['done (success)', { result: 'success' }, true],
    ['done (skipped)', { result: 'skipped' }, true],
    ['done (status)', { status: 'done' }, true],
    ['failed', { result: 'failed' }, false],
    ['running', { result: 'running' }, undefined],
    ['pending', { result: '' }, undefined],
  ])(
    'derives egressTestPassed from an egress-block-test step that is %s',
    (_label, fields, expected) => {
      const status = parseCutoverStatus({
        egressTestPassed: 'true',
        steps: [
          { name: 'gitea-mirror', result: 'success' },
          { name: 'egress-block-test', ...fields },
        ],
      });
      expect(status.egressTestPassed).toBe(expected);
    },
  );

  it('leaves egressTestPassed undefined without the egress-block-test step', () => {
    expect(
      parseCutoverStatus({ steps: [{ name: 'gitea-mirror', result: 'failed' }] }).egressTestPassed,
    ).toBeUndefined();
  });

  it('does not mutate its input', () => {
    const wire = structuredClone(MID_FLIGHT);
    parseCutoverStatus(wire);
    expect(wire).toEqual(MID_FLIGHT);
  });
});

// -------------------------------------------------------------------------------------------------
// parseStatusConfigMap (the SSE cutover-status snapshot)

describe('parseStatusConfigMap', () => {
  it('parses the §7 snapshot example', () => {
    const frame = {
      time: '2026-05-04T10:05:00Z',
      phase: 'cutover-status',
      level: 'info',
      message:
        '{"cutoverComplete":"false","step.gitea-mirror.result":"success","step.harbor-projects.result":"running"}',
    };
    const status = parseStatusConfigMap(JSON.parse(frame.message) as unknown);
    expect(status.state).toBe('tethered');
    expect(status.cutoverComplete).toBe(false);
    expect(status.steps).toEqual([
      { id: 'gitea-mirror', status: 'done' },
      { id: 'harbor-projects', status: 'running' },
    ]);
  });

  it('treats cutoverComplete "true" (or true) as sovereign', () => {
    for (const cutoverComplete of ['true', true]) {
      const status = parseStatusConfigMap({ cutoverComplete });
      expect(status.state).toBe('sovereign');
      expect(status.cutoverComplete).toBe(true);
    }
  });

  it.each<[string, unknown]>([
    ['"false"', 'false'],
    ['"True"', 'True'],
    ['""', ''],
    ['absent', undefined],
  ])('treats cutoverComplete %s as tethered', (_label, cutoverComplete) => {
    const map = cutoverComplete === undefined ? {} : { cutoverComplete };
    const status = parseStatusConfigMap(map);
    expect(status.state).toBe('tethered');
    expect(status.cutoverComplete).toBe(false);
  });

  it('ignores a `state` key, valid or not', () => {
    expect(parseStatusConfigMap({ state: 'sovereign', cutoverComplete: 'false' }).state).toBe(
      'tethered',
    );
    expect(parseStatusConfigMap({ state: 'pending' }).state).toBe('tethered');
    expect(parseStatusConfigMap({ state: 'pending', cutoverComplete: 'true' }).state).toBe(
      'sovereign',
    );
    expect(() => parseStatusConfigMap({ state: 42 })).not.toThrow();
  });

  it('rebuilds steps from step.<id>.<field> keys only, sorted by id', () => {
    const status = parseStatusConfigMap({
      cutoverComplete: 'false',
      totalSteps: '11',
      currentStep: 'harbor-prewarm',
      registriesYamlActive: 'v1',
      'node.worker-1.registriesYaml': 'v2',
      'node.worker-2.registriesYaml': 'v2',
      'step.harbor-prewarm.result': 'running',
      'step.harbor-prewarm.startedAt': '2026-05-04T10:03:00Z',
      'step.harbor-prewarm.jobName': 'cutover-harbor-prewarm-1777889000',
      'step.gitea-mirror.result': 'success',
      'step.gitea-mirror.startedAt': '2026-05-04T10:00:00Z',
      'step.gitea-mirror.finishedAt': '2026-05-04T10:01:30Z',
      'step.egress-block-test.result': '',
      'step.egress-block-test.startedAt': '',
      'steps.bogus.result': 'success',
      stepfoo: 'bar',
      'laststep.harbor-projects.result': 'success',
      'step.vcluster-registry-pivot.result2': 'success',
    });
    expect(status.steps).toEqual([
      { id: 'egress-block-test', status: 'pending' },
      {
        id: 'gitea-mirror',
        status: 'done',
        startedAt: '2026-05-04T10:00:00Z',
        finishedAt: '2026-05-04T10:01:30Z',
      },
      {
        id: 'harbor-prewarm',
        status: 'running',
        startedAt: '2026-05-04T10:03:00Z',
        jobName: 'cutover-harbor-prewarm-1777889000',
      },
    ]);
    expect(status.totalSteps).toBe(11);
    expect(status.currentStep).toBe('harbor-prewarm');
    expect(status.steps.map((step) => step.id)).not.toContain('worker-1');
  });

  it('sorts steps by id regardless of key order', () => {
    const status = parseStatusConfigMap({
      'step.vcluster-registry-pivot.result': '',
      'step.catalyst-api-env-patch.result': '',
      'step.registry-pivot.result': '',
      'step.crossplane-provider-pivot.result': '',
    });
    expect(status.steps.map((step) => step.id)).toEqual([
      'catalyst-api-env-patch',
      'crossplane-provider-pivot',
      'registry-pivot',
      'vcluster-registry-pivot',
    ]);
  });

  it('applies the same rules as parseCutoverStatus (failedStep/lastError, raw fields, empties)', () => {
    const status = parseStatusConfigMap({
      cutoverComplete: 'false',
      cutoverStartedAt: '2026-05-04T10:00:00Z',
      cutoverFinishedAt: '',
      failedStep: 'harbor-projects',
      lastError: 'Job failed',
      currentStep: '',
      mirroredCommitSHA: 'abc123',
      harborProjectCount: '7',
      'step.gitea-mirror.result': 'success',
      'step.harbor-projects.result': 'failed',
      'step.harbor-projects.finishedAt': '2026-05-04T10:02:00Z',
      'step.egress-block-test.result': 'bogus',
    });
    expect(status).toEqual({
      state: 'tethered',
      cutoverComplete: false,
      startedAt: '2026-05-04T10:00:00Z',
      failedStep: 'harbor-projects',
      lastError: 'Job failed',
      mirroredCommitSHA: 'abc123',
      harborProjectCount: 7,
      steps: [
        { id: 'gitea-mirror', status: 'done' },
        {
          id: 'harbor-projects',
          status: 'failed',
          finishedAt: '2026-05-04T10:02:00Z',
          message: 'Job failed',
        },
      ],
    });
  });

  it('treats the chart-seeded empty strings as absent', () => {
    const status = parseStatusConfigMap({
      cutoverComplete: 'false',
      failedStep: '',
      lastError: '',
      currentStep: '',
      totalSteps: '11',
      'step.gitea-mirror.result': '',
      'step.gitea-mirror.startedAt': '',
      'step.gitea-mirror.finishedAt': '',
      'step.gitea-mirror.jobName': '',
    });
    expect(status).toEqual({
      state: 'tethered',
      cutoverComplete: false,
      totalSteps: 11,
      steps: [{ id: 'gitea-mirror', status: 'pending' }],
    });
  });

  it('maps the legacy step key helmrepo-patches', () => {
    expect(parseStatusConfigMap({ 'step.helmrepo-patches.result': 'success' }).steps).toEqual([
      { id: 'helmrepository-patches', status: 'done' },
    ]);
  });

  it('parses an empty map as tethered with no steps', () => {
    expect(parseStatusConfigMap({})).toEqual({
      state: 'tethered',
      cutoverComplete: false,
      steps: [],
    });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['an array', []],
    ['a string', '{"cutoverComplete":"true"}'],
    ['a number', 3],
  ])('throws a CutoverParseError for %s', (_label, map) => {
    const error = parseErrorOf(() => parseStatusConfigMap(map));
    expect(error.message).toBe('invalid CutoverStatus: not an object');
    expect(error.preview.length).toBeLessThanOrEqual(32);
  });

  it('property: never throws for a flat string map; sovereign iff cutoverComplete is "true"', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(
            fc.string(),
            fc.constantFrom('state', 'cutoverComplete', 'failedStep', 'lastError', 'totalSteps'),
            fc
              .tuple(
                fc.constantFrom('gitea-mirror', 'harbor-projects', 'x'),
                fc.constantFrom('result', 'startedAt'),
              )
              .map(([id, field]) => `step.${id}.${field}`),
          ),
          fc.oneof(fc.string(), fc.constantFrom('true', 'false', 'success', 'running', '')),
        ),
        (map) => {
          const status = parseStatusConfigMap(map);
          expect(status.state).toBe(map.cutoverComplete === 'true' ? 'sovereign' : 'tethered');
          const ids = status.steps.map((step) => step.id);
          expect(ids).toEqual([...ids].sort());
        },
      ),
      { numRuns: 500 },
    );
  });
});

// -------------------------------------------------------------------------------------------------
// Invisible characters in step ids

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, offset) => from + offset);

/** The characters that render as nothing or reorder text, by code point. */
const INVISIBLE_CODE_POINTS: readonly number[] = [
  ...range(0x200b, 0x200f), // zero-width space, non-joiner, joiner; LRM, RLM
  ...range(0x2060, 0x2064), // word joiner, the invisible operators
  0xfeff, // byte-order mark
  0x00ad, // soft hyphen
  ...range(0x202a, 0x202e), // bidi embeddings and overrides
  ...range(0x2066, 0x2069), // bidi isolates
];

const hex = (codePoint: number) => codePoint.toString(16).toUpperCase().padStart(4, '0');

describe('step ids with invisible characters', () => {
  it.each(INVISIBLE_CODE_POINTS.map((codePoint) => [hex(codePoint), codePoint] as const))(
    'U+%s: keeps the id as sent, never matched to the known id, and spells it out',
    (code, codePoint) => {
      const id = `gitea${String.fromCodePoint(codePoint)}-mirror`;
      expect(normaliseStepId(id)).toBe(id);
      const steps = stepsOf([
        { name: 'gitea-mirror', result: '' },
        { name: id, result: 'success' },
      ]);
      // Two records, and the look-alike did not move the known step.
      expect(steps).toEqual([
        { id: 'gitea-mirror', status: 'pending' },
        { id, status: 'done' },
      ]);
      expect(revealInvisible(id)).toBe(`gitea<U+${code}>-mirror`);
    },
  );

  it('does not map a legacy id written with an invisible character', () => {
    expect(normaliseStepId('helmrepo\u200b-patches')).toBe('helmrepo\u200b-patches');
    expect(stepsOf([{ step: 'helmrepo\u200b-patches', status: 'done' }])).toEqual([
      { id: 'helmrepo\u200b-patches', status: 'done' },
    ]);
  });

  it('keeps an invisible character in failedStep, so the look-alike is not the known failed step', () => {
    const status = parseCutoverStatus({
      failedStep: 'harbor\u202e-projects',
      lastError: 'boom',
      steps: [{ name: 'harbor-projects', result: 'failed' }],
    });
    expect(status.failedStep).toBe('harbor\u202e-projects');
    // lastError belongs to the step failedStep names; the known row is not that step.
    expect(status.steps).toEqual([{ id: 'harbor-projects', status: 'failed' }]);
  });
});

describe('revealInvisible', () => {
  it.each<[string, string, string]>([
    ['a plain id', 'gitea-mirror', 'gitea-mirror'],
    ['a zero-width space', 'gitea\u200b-mirror', 'gitea<U+200B>-mirror'],
    ['a right-to-left override', '\u202eevil', '<U+202E>evil'],
    ['two in a row', 'a\u200d\u2060b', 'a<U+200D><U+2060>b'],
    ['a tag character (astral)', 'a\u{E0041}b', 'a<U+E0041>b'],
    ['a variation selector', 'a\ufe0fb', 'a<U+FE0F>b'],
    ['the Arabic letter mark', 'a\u061cb', 'a<U+061C>b'],
    ['a no-break space', 'a\u00a0b', 'a<U+00A0>b'],
    ['a tab and a newline', 'a\tb\n', 'a<U+0009>b<U+000A>'],
    ['leading and trailing spaces', ' x  ', '<U+0020>x<U+0020><U+0020>'],
    ['an inner space', 'a b', 'a b'],
    ['Hebrew letters (visible text)', 'שלב-חדש', 'שלב-חדש'],
    ['nothing', '', ''],
  ])('%s', (_label, value, expected) => {
    expect(revealInvisible(value)).toBe(expected);
  });

  it('property: the result contains no invisible character and differs when the input had one', () => {
    const invisible = fc.constantFrom(
      ...INVISIBLE_CODE_POINTS.map((codePoint) => String.fromCodePoint(codePoint)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...CUTOVER_STEPS.map((step) => step.id)),
        fc.nat(),
        invisible,
        (id, at, char) => {
          const position = at % (id.length + 1);
          const hostile = id.slice(0, position) + char + id.slice(position);
          const shown = revealInvisible(hostile);
          expect(shown).not.toBe(id);
          expect(shown).toBe(
            `${id.slice(0, position)}<U+${hex(char.codePointAt(0) ?? 0)}>${id.slice(position)}`,
          );
          for (const codePoint of INVISIBLE_CODE_POINTS) {
            expect(shown).not.toContain(String.fromCodePoint(codePoint));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

// -------------------------------------------------------------------------------------------------
// One record per step id

describe('one record per step id', () => {
  const T = (minute: number) => `2026-05-04T10:${String(minute).padStart(2, '0')}:00Z`;

  it.each<[string, unknown[], CutoverStep[]]>([
    [
      'pending then running: running wins',
      [
        { name: 'gitea-mirror', result: '' },
        { name: 'gitea-mirror', result: 'running', startedAt: T(1) },
      ],
      [{ id: 'gitea-mirror', status: 'running', startedAt: T(1) }],
    ],
    [
      'done then running: done wins whatever the order',
      [
        { name: 'gitea-mirror', result: 'success', startedAt: T(1), finishedAt: T(2) },
        { name: 'gitea-mirror', result: 'running', startedAt: T(0) },
      ],
      [{ id: 'gitea-mirror', status: 'done', startedAt: T(1), finishedAt: T(2) }],
    ],
    [
      'running then failed: failed wins',
      [
        { name: 'harbor-projects', result: 'running', startedAt: T(1) },
        { name: 'harbor-projects', result: 'failed', startedAt: T(1), finishedAt: T(3) },
      ],
      [{ id: 'harbor-projects', status: 'failed', startedAt: T(1), finishedAt: T(3) }],
    ],
    [
      'failed earlier, done later (a retried step): the later finish wins',
      [
        { name: 'harbor-projects', result: 'success', startedAt: T(5), finishedAt: T(9) },
        { name: 'harbor-projects', result: 'failed', startedAt: T(1), finishedAt: T(2) },
      ],
      [{ id: 'harbor-projects', status: 'done', startedAt: T(5), finishedAt: T(9) }],
    ],
    [
      'done earlier, failed later: the later finish wins',
      [
        { name: 'harbor-projects', result: 'success', startedAt: T(1), finishedAt: T(2) },
        { name: 'harbor-projects', result: 'failed', startedAt: T(5), finishedAt: T(9) },
      ],
      [{ id: 'harbor-projects', status: 'failed', startedAt: T(5), finishedAt: T(9) }],
    ],
    [
      'two running records: the later start wins',
      [
        { name: 'harbor-prewarm', result: 'running', startedAt: T(7), jobName: 'job-b' },
        { name: 'harbor-prewarm', result: 'running', startedAt: T(3), jobName: 'job-a' },
      ],
      [{ id: 'harbor-prewarm', status: 'running', startedAt: T(7), jobName: 'job-b' }],
    ],
    [
      'a timed record beats an untimed one at the same stage',
      [
        { name: 'gitea-mirror', result: 'success', finishedAt: T(2) },
        { name: 'gitea-mirror', result: 'success' },
      ],
      [{ id: 'gitea-mirror', status: 'done', finishedAt: T(2) }],
    ],
    [
      'a full tie: the later record on the wire wins',
      [
        { name: 'gitea-mirror', result: 'success', jobName: 'first' },
        { name: 'gitea-mirror', result: 'success', jobName: 'second' },
      ],
      [{ id: 'gitea-mirror', status: 'done', jobName: 'second' }],
    ],
    [
      'the legacy id next to the chart id: one helmrepository-patches record',
      [
        { step: 'helmrepo-patches', status: 'running', startedAt: T(4) },
        { name: 'helmrepository-patches', result: 'success', startedAt: T(4), finishedAt: T(6) },
      ],
      [{ id: 'helmrepository-patches', status: 'done', startedAt: T(4), finishedAt: T(6) }],
    ],
    [
      'each id keeps the place of its first record',
      [
        { name: 'registry-pivot', result: '' },
        { name: 'gitea-mirror', result: 'success' },
        { name: 'registry-pivot', result: 'running', startedAt: T(8) },
        { name: 'smtp-relay-pivot', result: '' },
        { name: 'smtp-relay-pivot', result: '' },
      ],
      [
        { id: 'registry-pivot', status: 'running', startedAt: T(8) },
        { id: 'gitea-mirror', status: 'done' },
        { id: 'smtp-relay-pivot', status: 'pending' },
      ],
    ],
  ])('%s', (_label, records, expected) => {
    expect(stepsOf(records)).toEqual(expected);
  });

  it('gives lastError to the surviving failed record', () => {
    expect(
      stepsOf(
        [
          { name: 'harbor-projects', result: 'running', startedAt: T(1) },
          { name: 'harbor-projects', result: 'failed', finishedAt: T(2) },
        ],
        { failedStep: 'harbor-projects', lastError: 'boom' },
      ),
    ).toEqual([{ id: 'harbor-projects', status: 'failed', finishedAt: T(2), message: 'boom' }]);
  });

  it('merges the legacy and the chart key of the flat ConfigMap into one step', () => {
    expect(
      parseStatusConfigMap({
        'step.helmrepo-patches.result': 'running',
        'step.helmrepo-patches.startedAt': T(1),
        'step.helmrepository-patches.result': 'success',
        'step.helmrepository-patches.startedAt': T(1),
        'step.helmrepository-patches.finishedAt': T(3),
      }).steps,
    ).toEqual([
      { id: 'helmrepository-patches', status: 'done', startedAt: T(1), finishedAt: T(3) },
    ]);
    // On a full tie the chart's key (sorted after the legacy one) wins.
    expect(
      parseStatusConfigMap({
        'step.helmrepo-patches.result': 'success',
        'step.helmrepo-patches.jobName': 'legacy',
        'step.helmrepository-patches.result': 'success',
        'step.helmrepository-patches.jobName': 'chart',
      }).steps,
    ).toEqual([{ id: 'helmrepository-patches', status: 'done', jobName: 'chart' }]);
  });

  it('returns the records unchanged when every id is distinct', () => {
    const steps: CutoverStep[] = [
      { id: 'b', status: 'pending' },
      { id: 'a', status: 'done' },
    ];
    expect(mergeDuplicateSteps(steps)).toEqual(steps);
  });

  it('property: one record per id, each the most advanced of its id, ids in first-seen order', () => {
    const rank = { pending: 0, running: 1, done: 2, failed: 2 } as const;
    const record = fc.record({
      id: fc.constantFrom('gitea-mirror', 'harbor-projects', 'smtp-relay-pivot'),
      status: fc.constantFrom('pending', 'running', 'done', 'failed'),
      minute: fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), (records) => {
        const steps: CutoverStep[] = records.map(({ id, status, minute }) =>
          minute === undefined ? { id, status } : { id, status, startedAt: T(minute) },
        );
        const merged = mergeDuplicateSteps(steps);
        const ids = merged.map((step) => step.id);
        expect(ids).toEqual([...new Set(steps.map((step) => step.id))]);
        for (const kept of merged) {
          const same = steps.filter((step) => step.id === kept.id);
          expect(same).toContain(kept);
          const best = Math.max(...same.map((step) => rank[step.status]));
          expect(rank[kept.status]).toBe(best);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('settled roll overrides (docs/cutover-contract.md §3/§4)', () => {
  it('reads the top-level fields first, else raw', () => {
    const top = parseCutoverStatus({
      state: 'sovereign',
      settledRollOverrides: 'a/b=top',
      settledRollOverridesAt: '2026-05-04T10:00:00Z',
      raw: { settledRollOverrides: 'c/d=raw', settledRollOverridesAt: '2026-05-04T09:00:00Z' },
    });
    expect(top.settledRollOverrides).toBe('a/b=top');
    expect(top.settledRollOverridesAt).toBe('2026-05-04T10:00:00Z');
    const raw = parseCutoverStatus({
      state: 'sovereign',
      settledRollOverrides: '',
      raw: { settledRollOverrides: 'c/d=raw', settledRollOverridesAt: '2026-05-04T09:00:00Z' },
    });
    expect(raw.settledRollOverrides).toBe('c/d=raw');
    expect(raw.settledRollOverridesAt).toBe('2026-05-04T09:00:00Z');
    // From the SSE snapshot's flat map too.
    expect(
      parseStatusConfigMap({ cutoverComplete: 'true', settledRollOverrides: 'e/f=map' })
        .settledRollOverrides,
    ).toBe('e/f=map');
  });

  it('splits newline-separated <ns>/<name>=<reason> entries', () => {
    expect(
      parseSettledRollOverrides(
        'delta-corp/bp-keycloak=realm import still running\r\nacme/bp-grafana = pinned = by operator\n',
      ),
    ).toEqual([
      {
        namespace: 'delta-corp',
        name: 'bp-keycloak',
        reason: 'realm import still running',
        entry: 'delta-corp/bp-keycloak=realm import still running',
      },
      {
        namespace: 'acme',
        name: 'bp-grafana',
        reason: 'pinned = by operator',
        entry: 'acme/bp-grafana = pinned = by operator',
      },
    ]);
  });

  it('skips blank lines, keeps an entry without a reason, and never drops one of another shape', () => {
    expect(parseSettledRollOverrides('\n  \nns/name=\nbare text entry\n  a/b/c=x  ')).toEqual([
      { namespace: 'ns', name: 'name', entry: 'ns/name=' },
      { entry: 'bare text entry' },
      { entry: 'a/b/c=x' },
    ]);
  });

  it('nothing recorded → no entries', () => {
    expect(parseSettledRollOverrides(undefined)).toEqual([]);
    expect(parseSettledRollOverrides('')).toEqual([]);
    expect(parseSettledRollOverrides('\n\n')).toEqual([]);
  });
});
