import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CUTOVER_STEPS,
  SOVEREIGN,
  TETHERED,
  parseCutoverStatus,
  parseStatusConfigMap,
  type CutoverStatus,
  type CutoverStep,
  type StepStatus,
} from './cutover';
import {
  cutoverFailure,
  cutoverPhase,
  cutoverProgress,
  humaniseId,
  knownStepLabel,
  stepRows,
} from './progress';

const CANONICAL_IDS: readonly string[] = CUTOVER_STEPS.map((step) => step.id);

/** A status as the parser would give it, built from the wire shape. */
function wire(body: Record<string, unknown>): CutoverStatus {
  return parseCutoverStatus(body);
}

function tethered(
  steps: readonly CutoverStep[],
  extra: Partial<CutoverStatus> = {},
): CutoverStatus {
  return { state: TETHERED, cutoverComplete: false, steps, ...extra };
}

function step(id: string, status: StepStatus, extra: Partial<CutoverStep> = {}): CutoverStep {
  return { id, status, ...extra };
}

// -------------------------------------------------------------------------------------------------
// cutoverPhase — docs/console-rules.md "Display states"

describe('cutoverPhase', () => {
  it('1. sovereign wins over everything', () => {
    expect(cutoverPhase(wire({ state: 'sovereign' }))).toBe('sovereign');
    expect(
      cutoverPhase(
        wire({
          state: 'sovereign',
          failedStep: 'harbor-projects',
          lastError: 'stale error',
          steps: [
            { name: 'harbor-projects', result: 'failed' },
            { name: 'harbor-prewarm', result: 'running' },
          ],
        }),
      ),
    ).toBe('sovereign');
    expect(cutoverPhase(wire({ cutoverComplete: true }))).toBe('sovereign');
    expect(cutoverPhase(parseStatusConfigMap({ cutoverComplete: 'true' }))).toBe('sovereign');
  });

  it('keys off state, not cutoverComplete', () => {
    expect(cutoverPhase(wire({ state: 'tethered', cutoverComplete: true }))).toBe('waiting');
    expect(cutoverPhase(wire({ state: 'sovereign', cutoverComplete: false }))).toBe('sovereign');
  });

  it('2. a running step is cutting over', () => {
    expect(cutoverPhase(tethered([step('gitea-mirror', 'running')]))).toBe('cutting-over');
  });

  it('2. a running step wins over an older failed row (a retried run)', () => {
    expect(
      cutoverPhase(
        wire({
          state: 'tethered',
          steps: [
            { name: 'gitea-mirror', result: 'running', startedAt: '2026-05-04T11:00:00Z' },
            { name: 'harbor-projects', result: 'failed', finishedAt: '2026-05-04T10:02:00Z' },
          ],
        }),
      ),
    ).toBe('cutting-over');
  });

  it('2. a running step wins even over failedStep/lastError', () => {
    expect(
      cutoverPhase(
        tethered([step('harbor-projects', 'failed'), step('harbor-prewarm', 'running')], {
          failedStep: 'harbor-projects',
          lastError: 'old failure',
        }),
      ),
    ).toBe('cutting-over');
  });

  it('3. failedStep alone (no step row) is failed', () => {
    expect(cutoverPhase(wire({ state: 'tethered', failedStep: 'secondary-kubeconfigs' }))).toBe(
      'failed',
    );
  });

  it('3. lastError alone is failed', () => {
    expect(cutoverPhase(wire({ state: 'tethered', lastError: 'status seed failed' }))).toBe(
      'failed',
    );
  });

  it('3. a failed step row is failed, even when other steps are done', () => {
    expect(cutoverPhase(tethered([step('gitea-mirror', 'failed')]))).toBe('failed');
    expect(
      cutoverPhase(
        wire({
          steps: [
            { name: 'gitea-mirror', result: 'success' },
            { name: 'harbor-projects', result: 'failed' },
            { name: 'harbor-prewarm', result: '' },
          ],
        }),
      ),
    ).toBe('failed');
  });

  it('3. failedStep with every row done (the registry-pivot invariant) is failed', () => {
    const steps = CANONICAL_IDS.map((id) => ({ name: id, result: 'success' }));
    expect(
      cutoverPhase(
        wire({
          failedStep: 'registry-pivot',
          lastError: 'registriesYamlActive != v2',
          steps,
        }),
      ),
    ).toBe('failed');
  });

  it('treats the chart-seeded empty failedStep/lastError as no failure', () => {
    expect(cutoverPhase(wire({ state: 'tethered', failedStep: '', lastError: '' }))).toBe(
      'waiting',
    );
    expect(
      cutoverPhase(
        wire({
          failedStep: '',
          lastError: '',
          steps: [{ name: 'gitea-mirror', result: 'success' }],
        }),
      ),
    ).toBe('cutting-over');
  });

  it('4. some step done (between two steps) is cutting over', () => {
    expect(
      cutoverPhase(
        wire({
          steps: [
            { name: 'gitea-mirror', result: 'success' },
            { name: 'harbor-projects', result: '' },
          ],
        }),
      ),
    ).toBe('cutting-over');
    expect(cutoverPhase(tethered([step('gitea-mirror', 'done')]))).toBe('cutting-over');
  });

  it('5. otherwise waiting: no steps, all pending, the fresh chart seed, {}', () => {
    expect(cutoverPhase(tethered([]))).toBe('waiting');
    expect(cutoverPhase(wire({}))).toBe('waiting');
    expect(cutoverPhase(tethered(CANONICAL_IDS.map((id) => step(id, 'pending'))))).toBe('waiting');
    expect(
      cutoverPhase(
        wire({
          state: 'tethered',
          cutoverComplete: false,
          totalSteps: 11,
          steps: [...CANONICAL_IDS].sort().map((name) => ({ name, result: '' })),
        }),
      ),
    ).toBe('waiting');
  });

  it('the §3 mid-flight fixture is cutting over', () => {
    expect(
      cutoverPhase(
        wire({
          state: 'tethered',
          cutoverComplete: false,
          currentStep: 'harbor-projects',
          totalSteps: 8,
          steps: [
            { name: 'gitea-mirror', result: 'success' },
            { name: 'harbor-projects', result: 'running' },
          ],
        }),
      ),
    ).toBe('cutting-over');
  });

  it('property: follows the documented decision order for any combination', () => {
    const statusArb = fc.record({
      sovereign: fc.boolean(),
      statuses: fc.array(fc.constantFrom<StepStatus>('pending', 'running', 'done', 'failed'), {
        maxLength: 14,
      }),
      failedStep: fc.option(fc.constantFrom('harbor-projects', 'secondary-kubeconfigs'), {
        nil: undefined,
      }),
      lastError: fc.option(fc.constant('boom'), { nil: undefined }),
    });
    fc.assert(
      fc.property(statusArb, ({ sovereign, statuses, failedStep, lastError }) => {
        const status: CutoverStatus = {
          state: sovereign ? SOVEREIGN : TETHERED,
          cutoverComplete: sovereign,
          steps: statuses.map((value, index) =>
            step(CANONICAL_IDS[index] ?? `extra-${index}`, value),
          ),
          ...(failedStep === undefined ? {} : { failedStep }),
          ...(lastError === undefined ? {} : { lastError }),
        };
        let expected: string;
        if (sovereign) expected = 'sovereign';
        else if (statuses.includes('running')) expected = 'cutting-over';
        else if (
          failedStep !== undefined ||
          lastError !== undefined ||
          statuses.includes('failed')
        ) {
          expected = 'failed';
        } else if (statuses.includes('done')) expected = 'cutting-over';
        else expected = 'waiting';
        expect(cutoverPhase(status)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

// -------------------------------------------------------------------------------------------------
// stepRows — docs/console-rules.md, rule 5

describe('stepRows', () => {
  it('lists an unknown step that started with the started ones, before the steps still pending', () => {
    const rows = stepRows(
      tethered([step('smtp-relay-pivot', 'running', { startedAt: '2026-05-04T10:00:00Z' })]),
    );
    expect(rows.map((row) => row.id)).toEqual(['smtp-relay-pivot', ...CANONICAL_IDS]);
  });

  it('pads all 11 known steps as pending, in canonical order, with labels and descriptions', () => {
    const rows = stepRows(tethered([]));
    expect(rows).toEqual(
      CUTOVER_STEPS.map((definition) => ({
        id: definition.id,
        status: 'pending',
        label: definition.label,
        description: definition.description,
        known: true,
      })),
    );
  });

  it('shows the fresh chart seed (alphabetical on the wire) in canonical order', () => {
    const status = wire({
      state: 'tethered',
      totalSteps: 11,
      steps: [...CANONICAL_IDS].sort().map((name) => ({ name, result: '' })),
    });
    expect(stepRows(status).map((row) => row.id)).toEqual(CANONICAL_IDS);
    expect(stepRows(status).every((row) => row.status === 'pending' && row.known)).toBe(true);
  });

  it("displays the API's alphabetical mid-run order in run order", () => {
    const status = wire({
      state: 'tethered',
      currentStep: 'harbor-prewarm',
      totalSteps: 11,
      steps: [
        { name: 'egress-block-test', result: '' },
        {
          name: 'gitea-mirror',
          result: 'success',
          startedAt: '2026-05-04T10:00:00Z',
          finishedAt: '2026-05-04T10:01:30Z',
        },
        { name: 'harbor-prewarm', result: 'running', startedAt: '2026-05-04T10:03:00Z' },
        {
          name: 'harbor-projects',
          result: 'success',
          startedAt: '2026-05-04T10:01:30Z',
          finishedAt: '2026-05-04T10:03:00Z',
        },
      ],
    });
    const rows = stepRows(status);
    expect(rows.map((row) => [row.id, row.status])).toEqual([
      ['gitea-mirror', 'done'],
      ['harbor-projects', 'done'],
      ['harbor-prewarm', 'running'],
      ['registry-pivot', 'pending'],
      ['flux-gitrepository-patch', 'pending'],
      ['helmrepository-patches', 'pending'],
      ['catalyst-api-env-patch', 'pending'],
      ['egress-block-test', 'pending'],
      ['gitea-token-mint', 'pending'],
      ['vcluster-registry-pivot', 'pending'],
      ['crossplane-provider-pivot', 'pending'],
    ]);
    expect(rows[0]).toEqual({
      id: 'gitea-mirror',
      status: 'done',
      startedAt: '2026-05-04T10:00:00Z',
      finishedAt: '2026-05-04T10:01:30Z',
      label: 'Mirror GitOps repository',
      description: CUTOVER_STEPS[0].description,
      known: true,
    });
  });

  it('orders started steps by start time even when it differs from the canonical order (egress-block-test last)', () => {
    const runOrder = [
      'gitea-mirror',
      'harbor-projects',
      'harbor-prewarm',
      'registry-pivot',
      'flux-gitrepository-patch',
      'helmrepository-patches',
      'catalyst-api-env-patch',
      'gitea-token-mint',
      'vcluster-registry-pivot',
      'crossplane-provider-pivot',
      'egress-block-test',
    ];
    const steps = runOrder.map((name, index) => ({
      name,
      result: index === runOrder.length - 1 ? 'running' : 'success',
      startedAt: new Date(Date.UTC(2026, 4, 4, 10, index)).toISOString(),
    }));
    const status = wire({ steps: [...steps].sort((a, b) => a.name.localeCompare(b.name)) });
    expect(stepRows(status).map((row) => row.id)).toEqual(runOrder);
  });

  it('compares start times as instants, not as strings', () => {
    const status = tethered([
      step('gitea-mirror', 'done', { startedAt: '2026-05-04T12:00:00+02:00' }), // 10:00Z
      step('harbor-projects', 'running', { startedAt: '2026-05-04T10:30:00Z' }),
    ]);
    expect(
      stepRows(status)
        .slice(0, 2)
        .map((row) => row.id),
    ).toEqual(['gitea-mirror', 'harbor-projects']);
    const reversed = tethered([
      step('gitea-mirror', 'running', { startedAt: '2026-05-04T10:30:00Z' }),
      step('harbor-projects', 'done', { startedAt: '2026-05-04T12:00:00+02:00' }),
    ]);
    expect(
      stepRows(reversed)
        .slice(0, 2)
        .map((row) => row.id),
    ).toEqual(['harbor-projects', 'gitea-mirror']);
  });

  it('breaks start-time ties by canonical order', () => {
    const at = '2026-05-04T10:00:00Z';
    const status = tethered([
      step('registry-pivot', 'done', { startedAt: at }),
      step('gitea-mirror', 'done', { startedAt: at }),
    ]);
    expect(
      stepRows(status)
        .slice(0, 2)
        .map((row) => row.id),
    ).toEqual(['gitea-mirror', 'registry-pivot']);
  });

  it('treats an unparsable startedAt as not started', () => {
    const status = tethered([
      step('registry-pivot', 'done', { startedAt: 'yesterday' }),
      step('harbor-prewarm', 'running', { startedAt: '2026-05-04T10:00:00Z' }),
    ]);
    const ids = stepRows(status).map((row) => row.id);
    expect(ids[0]).toBe('harbor-prewarm');
    expect(ids.slice(1)).toEqual(CANONICAL_IDS.filter((id) => id !== 'harbor-prewarm'));
  });

  it('keeps unknown ids, humanised and known=false, after the canonical steps (in wire order)', () => {
    const status = wire({
      steps: [
        { name: 'smtp-relay-pivot', result: '' },
        { name: 'gitea-mirror', result: 'success', startedAt: '2026-05-04T10:00:00Z' },
        { name: 'zz_future.step', result: 'failed', message: 'nope' },
        { name: 'a-new-first-step', result: '' },
      ],
    });
    const rows = stepRows(status);
    expect(rows).toHaveLength(14);
    expect(rows.slice(0, 11).map((row) => row.id)).toEqual(CANONICAL_IDS);
    expect(rows.slice(0, 11).every((row) => row.known)).toBe(true);
    expect(rows.slice(11)).toEqual([
      { id: 'smtp-relay-pivot', status: 'pending', label: 'Smtp relay pivot', known: false },
      {
        id: 'zz_future.step',
        status: 'failed',
        message: 'nope',
        label: 'Zz future step',
        known: false,
      },
      { id: 'a-new-first-step', status: 'pending', label: 'A new first step', known: false },
    ]);
  });

  it('places a started unknown step among the started steps by its start time (rule 5: started steps first)', () => {
    const status = tethered([
      step('gitea-mirror', 'done', { startedAt: '2026-05-04T10:00:00Z' }),
      step('smtp-relay-pivot', 'running', { startedAt: '2026-05-04T10:05:00Z' }),
    ]);
    const rows = stepRows(status);
    expect(rows.map((row) => row.id).slice(0, 2)).toEqual(['gitea-mirror', 'smtp-relay-pivot']);
    expect(rows[1]?.known).toBe(false);
    expect(rows[1]?.label).toBe('Smtp relay pivot');
    expect(rows).toHaveLength(12);
  });

  it('shows a step whose id is an Object.prototype name as an unknown row instead of crashing', () => {
    const status = wire({ steps: [{ name: 'constructor', result: 'running' }] });
    const rows = stepRows(status);
    expect(rows).toHaveLength(12);
    expect(rows.slice(0, 11).map((row) => row.id)).toEqual(CANONICAL_IDS);
    expect(rows[11]).toEqual({
      id: 'constructor',
      status: 'running',
      label: 'Constructor',
      known: false,
    });
  });

  it('matches steps by id, never by position', () => {
    const forward = tethered([
      step('gitea-mirror', 'done'),
      step('harbor-projects', 'failed', { message: 'x' }),
    ]);
    const backward = tethered([
      step('harbor-projects', 'failed', { message: 'x' }),
      step('gitea-mirror', 'done'),
    ]);
    expect(stepRows(backward)).toEqual(stepRows(forward));
    const rows = stepRows(forward);
    expect(rows.find((row) => row.id === 'gitea-mirror')?.status).toBe('done');
    expect(rows.find((row) => row.id === 'harbor-projects')).toMatchObject({
      status: 'failed',
      message: 'x',
      label: 'Create Harbor proxy projects',
    });
    // A single record for step 8 does not light up row 1.
    const only = stepRows(tethered([step('egress-block-test', 'done')]));
    expect(only.find((row) => row.id === 'gitea-mirror')?.status).toBe('pending');
    expect(only.find((row) => row.id === 'egress-block-test')?.status).toBe('done');
  });

  it('lights up the helmrepository-patches row from the legacy helmrepo-patches id', () => {
    const rows = stepRows(wire({ steps: [{ step: 'helmrepo-patches', status: 'running' }] }));
    expect(rows).toHaveLength(11);
    expect(rows.find((row) => row.id === 'helmrepository-patches')).toMatchObject({
      status: 'running',
      label: 'Repoint HelmRepositories',
      known: true,
    });
    expect(rows.some((row) => row.id === 'helmrepo-patches')).toBe(false);
  });

  it('pads the old 8-step shape with the three newer steps', () => {
    const rows = stepRows(
      wire({
        steps: [
          'gitea-mirror',
          'harbor-projects',
          'harbor-prewarm',
          'registry-pivot',
          'flux-gitrepository-patch',
          'helmrepo-patches',
          'catalyst-api-env-patch',
          'egress-block-test',
        ].map((id) => ({ step: id, status: 'done' })),
      }),
    );
    expect(rows.map((row) => row.id)).toEqual(CANONICAL_IDS);
    expect(rows.filter((row) => row.status === 'done')).toHaveLength(8);
    expect(rows.filter((row) => row.status === 'pending').map((row) => row.id)).toEqual([
      'gitea-token-mint',
      'vcluster-registry-pivot',
      'crossplane-provider-pivot',
    ]);
  });

  it('carries the step data (times, message, jobName) onto the row', () => {
    const rows = stepRows(
      tethered([
        step('harbor-projects', 'failed', {
          startedAt: '2026-05-04T10:01:30Z',
          finishedAt: '2026-05-04T10:02:00Z',
          message: 'Job failed',
          jobName: 'cutover-harbor-projects-1777888800',
        }),
      ]),
    );
    expect(rows[0]).toEqual({
      id: 'harbor-projects',
      status: 'failed',
      startedAt: '2026-05-04T10:01:30Z',
      finishedAt: '2026-05-04T10:02:00Z',
      message: 'Job failed',
      jobName: 'cutover-harbor-projects-1777888800',
      label: 'Create Harbor proxy projects',
      description: CUTOVER_STEPS[1].description,
      known: true,
    });
  });

  it('property: 11 known rows once each; started rows first by time, then canonical, then unknown', () => {
    const stepArb = fc.record({
      id: fc.oneof(
        fc.constantFrom(...CANONICAL_IDS),
        fc.constantFrom('smtp-relay-pivot', 'future-step', 'another-one'),
      ),
      status: fc.constantFrom<StepStatus>('pending', 'running', 'done', 'failed'),
      minute: fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(stepArb, { selector: (entry) => entry.id, maxLength: 14 }),
        (entries) => {
          const steps = entries.map(({ id, status, minute }) =>
            step(
              id,
              status,
              minute === undefined
                ? {}
                : { startedAt: `2026-05-04T10:${String(minute).padStart(2, '0')}:00Z` },
            ),
          );
          const rows = stepRows(tethered(steps));
          const unknownCount = entries.filter((entry) => !CANONICAL_IDS.includes(entry.id)).length;
          expect(rows).toHaveLength(11 + unknownCount);
          for (const id of CANONICAL_IDS) {
            expect(rows.filter((row) => row.id === id)).toHaveLength(1);
          }
          // Every wire step is on its row, unchanged.
          for (const wireStep of steps) {
            expect(rows.find((row) => row.id === wireStep.id)).toMatchObject(wireStep);
          }
          const started = rows.filter((row) => row.startedAt !== undefined);
          const rest = rows.slice(started.length);
          expect(rows.slice(0, started.length)).toEqual(started);
          const times = started.map((row) => Date.parse(row.startedAt ?? ''));
          expect(times).toEqual([...times].sort((a, b) => a - b));
          const restKnown = rest.filter((row) => row.known);
          expect(rest.slice(0, restKnown.length)).toEqual(restKnown);
          expect(restKnown.map((row) => row.id)).toEqual(
            CANONICAL_IDS.filter((id) => restKnown.some((row) => row.id === id)),
          );
          for (const row of rows) {
            expect(row.known).toBe(CANONICAL_IDS.includes(row.id));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

// -------------------------------------------------------------------------------------------------
// cutoverProgress — "Step k of N"

describe('cutoverProgress', () => {
  it('counts done steps and takes N from totalSteps (the §3 mid-flight fixture: 1 of 8)', () => {
    expect(
      cutoverProgress(
        wire({
          totalSteps: 8,
          steps: [
            { name: 'gitea-mirror', result: 'success' },
            { name: 'harbor-projects', result: 'running' },
          ],
        }),
      ),
    ).toEqual({ done: 1, total: 8 });
  });

  it('defaults N to 11 without totalSteps (or with an unusable one)', () => {
    expect(cutoverProgress(wire({}))).toEqual({ done: 0, total: 11 });
    expect(cutoverProgress(wire({ totalSteps: 0 }))).toEqual({ done: 0, total: 11 });
    expect(cutoverProgress(wire({ totalSteps: 'n/a' }))).toEqual({ done: 0, total: 11 });
    expect(cutoverProgress(wire({ totalSteps: '11' }))).toEqual({ done: 0, total: 11 });
  });

  it('counts success and skipped as done, and nothing else', () => {
    expect(
      cutoverProgress(
        wire({
          totalSteps: 11,
          steps: [
            { name: 'gitea-mirror', result: 'success' },
            { name: 'harbor-projects', result: 'skipped' },
            { name: 'harbor-prewarm', result: 'failed' },
            { name: 'registry-pivot', result: 'running' },
            { name: 'flux-gitrepository-patch', result: '' },
          ],
        }),
      ),
    ).toEqual({ done: 2, total: 11 });
  });

  it('reports 11 of 11 once every step is done', () => {
    expect(
      cutoverProgress(
        wire({
          state: 'sovereign',
          totalSteps: 11,
          steps: CANONICAL_IDS.map((name) => ({ name, result: 'success' })),
        }),
      ),
    ).toEqual({ done: 11, total: 11 });
  });
});

// -------------------------------------------------------------------------------------------------
// cutoverFailure — docs/console-rules.md, rule 8

describe('cutoverFailure', () => {
  it('with no failedStep named, blames the failed row, not the first one; no message means none at all', () => {
    const status = tethered([
      step('gitea-mirror', 'done'),
      step('harbor-projects', 'done'),
      step('harbor-prewarm', 'failed'),
    ]);
    expect(cutoverFailure(status)).toStrictEqual({
      stepless: false,
      stepId: 'harbor-prewarm',
      stepLabel: 'Pre-warm critical images',
    });
  });

  it('names the failed row and carries lastError as its message', () => {
    const status = wire({
      failedStep: 'harbor-projects',
      lastError: 'Job catalyst/cutover-harbor-projects-1777888800 reported Failed condition',
      steps: [
        { name: 'gitea-mirror', result: 'success' },
        { name: 'harbor-projects', result: 'failed' },
      ],
    });
    expect(cutoverFailure(status)).toEqual({
      stepId: 'harbor-projects',
      stepLabel: 'Create Harbor proxy projects',
      stepless: false,
      message: 'Job catalyst/cutover-harbor-projects-1777888800 reported Failed condition',
    });
  });

  it('uses a failed row without failedStep, with its own message', () => {
    expect(
      cutoverFailure(tethered([step('registry-pivot', 'failed', { message: 'ack timeout' })])),
    ).toEqual({
      stepId: 'registry-pivot',
      stepLabel: 'Pivot containerd registries',
      stepless: false,
      message: 'ack timeout',
    });
  });

  it('prefers the failed row named by failedStep over another failed row', () => {
    const status = tethered(
      [
        step('gitea-mirror', 'failed', { message: 'older failure' }),
        step('harbor-prewarm', 'failed', { message: 'current failure' }),
      ],
      { failedStep: 'harbor-prewarm' },
    );
    expect(cutoverFailure(status)).toMatchObject({
      stepId: 'harbor-prewarm',
      stepLabel: 'Pre-warm critical images',
      stepless: false,
      message: 'current failure',
    });
  });

  it('reports a step-less failure via failedStep secondary-kubeconfigs with a humanised label', () => {
    const status = wire({
      failedStep: 'secondary-kubeconfigs',
      lastError: 'multi-region kubeconfig bridge failed',
      steps: [...CANONICAL_IDS].sort().map((name) => ({ name, result: '' })),
    });
    expect(cutoverFailure(status)).toEqual({
      stepId: 'secondary-kubeconfigs',
      stepLabel: 'Secondary kubeconfigs',
      stepless: true,
      message: 'multi-region kubeconfig bridge failed',
    });
    expect(cutoverPhase(status)).toBe('failed');
  });

  it('reports the registry-pivot invariant (row success) as step-less, with the known label', () => {
    const status = wire({
      failedStep: 'registry-pivot',
      lastError: 'registriesYamlActive is v1, want v2',
      steps: [{ name: 'registry-pivot', result: 'success' }],
    });
    expect(cutoverFailure(status)).toEqual({
      stepId: 'registry-pivot',
      stepLabel: 'Pivot containerd registries',
      stepless: true,
      message: 'registriesYamlActive is v1, want v2',
    });
  });

  it('does not blame an older failed row for a step-less failure named by failedStep (retried run)', () => {
    // A retry after harbor-projects failed: the engine clears failedStep/lastError, then the
    // multi-region kubeconfig bridge fails before step 1. The old harbor-projects row is still
    // `failed` (it is only reset when the run reaches it), but failedStep names the new failure.
    const status = wire({
      failedStep: 'secondary-kubeconfigs',
      lastError: 'multi-region kubeconfig bridge failed',
      steps: [
        { name: 'gitea-mirror', result: 'success' },
        { name: 'harbor-projects', result: 'failed', finishedAt: '2026-05-04T10:02:00Z' },
      ],
    });
    // The parser (§9) gives lastError only to the failed step whose id equals failedStep...
    expect(status.steps.find((row) => row.id === 'harbor-projects')?.message).toBeUndefined();
    // ...so the failure view must not attach it to harbor-projects either.
    expect(cutoverFailure(status)).toEqual({
      stepId: 'secondary-kubeconfigs',
      stepLabel: 'Secondary kubeconfigs',
      stepless: true,
      message: 'multi-region kubeconfig bridge failed',
    });
  });

  it('reports lastError alone as step-less with no step id or label', () => {
    const failure = cutoverFailure(wire({ lastError: 'status seed failed' }));
    expect(failure).toEqual({ stepless: true, message: 'status seed failed' });
    expect('stepId' in failure).toBe(false);
    expect('stepLabel' in failure).toBe(false);
  });

  it('humanises the label of an unknown failed step', () => {
    expect(cutoverFailure(tethered([step('smtp-relay-pivot', 'failed')]))).toEqual({
      stepId: 'smtp-relay-pivot',
      stepLabel: 'Smtp relay pivot',
      stepless: false,
    });
  });

  it('normalises a legacy failedStep', () => {
    const status = wire({
      failedStep: 'helmrepo-patches',
      lastError: 'boom',
      steps: [{ step: 'helmrepo-patches', status: 'failed' }],
    });
    expect(cutoverFailure(status)).toEqual({
      stepId: 'helmrepository-patches',
      stepLabel: 'Repoint HelmRepositories',
      stepless: false,
      message: 'boom',
    });
  });

  it('has nothing to name when there is no failure', () => {
    expect(cutoverFailure(wire({}))).toEqual({ stepless: true });
  });
});

describe('humaniseId', () => {
  it.each([
    ['vcluster-registry-pivot', 'Vcluster registry pivot'],
    ['secondary-kubeconfigs', 'Secondary kubeconfigs'],
    ['smtp_relay.pivot', 'Smtp relay pivot'],
    ['--x--', 'X'],
    ['smtp__relay--pivot', 'Smtp relay pivot'],
    ['single', 'Single'],
    ['gitea\u200b-mirror', 'Gitea<U+200B> mirror'],
    ['\u202eharbor-projects', '<U+202E>harbor projects'],
    ['smtp-relay-pivot ', 'Smtp relay pivot<U+0020>'],
  ])('%s → %s', (id, label) => {
    expect(humaniseId(id)).toBe(label);
  });
});

describe('knownStepLabel', () => {
  it.each<[string, string | undefined]>([
    ['gitea-mirror', 'Mirror GitOps repository'],
    ['egress-block-test', 'Egress-block self-test'],
    ['secondary-kubeconfigs', 'Secondary kubeconfigs'],
    ['registry-pivot', 'Pivot containerd registries'],
    ['smtp-relay-pivot', undefined],
    ['gitea\u200b-mirror', undefined],
    ['helmrepo-patches', undefined],
    ['constructor', undefined],
  ])('%s → %s', (id, label) => {
    expect(knownStepLabel(id)).toBe(label);
  });
});

// -------------------------------------------------------------------------------------------------
// One row per step id, no look-alike rows, "k of N" never above N

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, offset) => String.fromCodePoint(from + offset));

/** Zero-width characters, soft hyphen, BOM, bidi controls. */
const INVISIBLE: readonly string[] = [
  ...range(0x200b, 0x200f),
  ...range(0x2060, 0x2064),
  '\ufeff',
  '\u00ad',
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
];
const INVISIBLE_PATTERN = new RegExp(`[${INVISIBLE.join('')}]`, 'u');

/** What a reader sees of a row: its label with every invisible character gone. */
const seen = (row: { label: string }) => row.label.replace(new RegExp(INVISIBLE_PATTERN, 'gu'), '');

describe('stepRows — look-alike ids', () => {
  it.each(
    INVISIBLE.map(
      (char) =>
        [(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0'), char] as const,
    ),
  )(
    'U+%s inside gitea-mirror: a row of its own that reads differently, the known row untouched',
    (code, char) => {
      const rows = stepRows(
        wire({
          steps: [
            { name: 'gitea-mirror', result: '' },
            { name: `gitea${char}-mirror`, result: 'success', startedAt: '2026-05-04T10:00:00Z' },
          ],
        }),
      );
      expect(rows).toHaveLength(12);
      expect(rows.find((row) => row.id === 'gitea-mirror')).toMatchObject({
        status: 'pending',
        label: 'Mirror GitOps repository',
        known: true,
      });
      const lookAlike = rows.find((row) => row.id === `gitea${char}-mirror`);
      expect(lookAlike?.known).toBe(false);
      expect(lookAlike?.label).toBe(`Gitea<U+${code}> mirror`);
      const labels = rows.map(seen);
      expect(new Set(labels).size).toBe(rows.length);
      for (const row of rows) expect(row.label).not.toMatch(INVISIBLE_PATTERN);
    },
  );

  it('property: however invisible characters are slipped into known ids, no two rows read the same', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.constantFrom(...CANONICAL_IDS, 'smtp-relay-pivot'),
            char: fc.constantFrom(...INVISIBLE),
            at: fc.nat(),
            status: fc.constantFrom<StepStatus>('pending', 'running', 'done', 'failed'),
          }),
          { maxLength: 8 },
        ),
        (entries) => {
          const steps = entries.map(({ id, char, at, status }) => {
            const position = at % (id.length + 1);
            return step(id.slice(0, position) + char + id.slice(position), status);
          });
          const rows = stepRows(tethered(steps));
          expect(new Set(rows.map(seen)).size).toBe(rows.length);
          for (const row of rows) expect(row.label).not.toMatch(INVISIBLE_PATTERN);
          // The known rows stay pending: no look-alike moved them.
          for (const row of rows.filter((entry) => entry.known)) expect(row.status).toBe('pending');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('stepRows — duplicates', () => {
  it('shows one row per id even for a status that was not parsed (known and unknown ids)', () => {
    const rows = stepRows(
      tethered([
        step('gitea-mirror', 'running', { startedAt: '2026-05-04T10:00:00Z' }),
        step('smtp-relay-pivot', 'pending'),
        step('gitea-mirror', 'done', {
          startedAt: '2026-05-04T10:00:00Z',
          finishedAt: '2026-05-04T10:01:00Z',
        }),
        step('smtp-relay-pivot', 'running', { startedAt: '2026-05-04T10:02:00Z' }),
      ]),
    );
    expect(rows).toHaveLength(12);
    expect(rows.filter((row) => row.id === 'gitea-mirror')).toEqual([
      expect.objectContaining({ status: 'done', finishedAt: '2026-05-04T10:01:00Z' }),
    ]);
    expect(rows.filter((row) => row.id === 'smtp-relay-pivot')).toEqual([
      expect.objectContaining({ status: 'running', known: false }),
    ]);
  });

  it('shows one helmrepository-patches row when the wire has the legacy and the chart id', () => {
    const rows = stepRows(
      wire({
        steps: [
          { step: 'helmrepo-patches', status: 'done' },
          { name: 'helmrepository-patches', result: '' },
        ],
      }),
    );
    expect(rows).toHaveLength(11);
    expect(rows.filter((row) => row.id === 'helmrepository-patches')).toEqual([
      expect.objectContaining({ status: 'done', label: 'Repoint HelmRepositories' }),
    ]);
  });

  it('property: row ids are unique for any list of records, duplicates included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.constantFrom('gitea-mirror', 'harbor-projects', 'smtp-relay-pivot', 'x'),
            status: fc.constantFrom<StepStatus>('pending', 'running', 'done', 'failed'),
          }),
          { maxLength: 16 },
        ),
        (entries) => {
          const rows = stepRows(tethered(entries.map(({ id, status }) => step(id, status))));
          const ids = rows.map((row) => row.id);
          expect(new Set(ids).size).toBe(ids.length);
          const unknown = new Set(
            entries.map((entry) => entry.id).filter((id) => !CANONICAL_IDS.includes(id)),
          );
          expect(rows).toHaveLength(11 + unknown.size);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('cutoverProgress — k never above N', () => {
  const allKnownDone = CANONICAL_IDS.map((name) => ({ name, result: 'success' }));

  it.each<[string, Record<string, unknown>, { done: number; total: number }]>([
    [
      'the same done step twice counts once',
      {
        totalSteps: 11,
        steps: [
          { name: 'gitea-mirror', result: 'success' },
          { name: 'gitea-mirror', result: 'success' },
        ],
      },
      { done: 1, total: 11 },
    ],
    [
      'the legacy and the chart id, both done, count once',
      {
        steps: [
          { step: 'helmrepo-patches', status: 'done' },
          { name: 'helmrepository-patches', result: 'success' },
        ],
      },
      { done: 1, total: 11 },
    ],
    [
      '13 steps done with totalSteps 11: N rises to the 13 steps listed ("13 of 11" is impossible)',
      {
        totalSteps: 11,
        steps: [
          ...allKnownDone,
          { name: 'smtp-relay-pivot', result: 'success' },
          { name: 'openbao-seal-rotate', result: 'success' },
        ],
      },
      { done: 13, total: 13 },
    ],
    [
      'an 11-step list with the old count of 8: N is 11',
      { totalSteps: 8, steps: allKnownDone },
      { done: 11, total: 11 },
    ],
    [
      'a look-alike id is a listed step of its own',
      {
        totalSteps: 11,
        steps: [...allKnownDone, { name: 'gitea\u200b-mirror', result: 'success' }],
      },
      { done: 12, total: 12 },
    ],
    [
      'the old 8-step chart mid-run stays "of 8" (padded rows do not count)',
      {
        totalSteps: 8,
        steps: [
          { step: 'gitea-mirror', status: 'done' },
          { step: 'helmrepo-patches', status: 'running' },
        ],
      },
      { done: 1, total: 8 },
    ],
    [
      'a done step that then failed (later) is not done',
      {
        steps: [
          { name: 'gitea-mirror', result: 'success', finishedAt: '2026-05-04T10:01:00Z' },
          { name: 'gitea-mirror', result: 'failed', finishedAt: '2026-05-04T10:09:00Z' },
        ],
      },
      { done: 0, total: 11 },
    ],
  ])('%s', (_label, body, expected) => {
    expect(cutoverProgress(wire(body))).toEqual(expected);
  });

  it('counts distinct done ids for a status that was not parsed', () => {
    expect(
      cutoverProgress(
        tethered([step('gitea-mirror', 'done'), step('gitea-mirror', 'done')], { totalSteps: 1 }),
      ),
    ).toEqual({ done: 1, total: 1 });
  });

  it('property: k ≤ N, N ≥ totalSteps (else 11), k = distinct ids whose kept record is done', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.oneof(fc.constantFrom(...CANONICAL_IDS), fc.constantFrom('a', 'b', 'c')),
            status: fc.constantFrom<StepStatus>('pending', 'running', 'done', 'failed'),
          }),
          { maxLength: 30 },
        ),
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        (entries, totalSteps) => {
          const status = tethered(
            entries.map(({ id, status: value }) => step(id, value)),
            totalSteps === undefined ? {} : { totalSteps },
          );
          const { done, total } = cutoverProgress(status);
          expect(done).toBeLessThanOrEqual(total);
          expect(total).toBeGreaterThanOrEqual(totalSteps ?? 11);
          expect(total).toBe(Math.max(totalSteps ?? 11, new Set(entries.map((e) => e.id)).size));
          const doneIds = new Set(
            entries.filter((entry) => entry.status === 'done').map((entry) => entry.id),
          );
          expect(done).toBeLessThanOrEqual(doneIds.size);
          expect(done).toBe(stepRows(status).filter((row) => row.status === 'done').length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('cutoverFailure — server text in failedStep', () => {
  it('spells out invisible characters in the label of an unknown failedStep', () => {
    expect(
      cutoverFailure(wire({ failedStep: 'harbor\u202e-projects', lastError: 'boom' })),
    ).toEqual({
      stepId: 'harbor\u202e-projects',
      stepLabel: 'Harbor<U+202E> projects',
      stepless: true,
      message: 'boom',
    });
  });
});
