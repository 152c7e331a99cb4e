import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../mocks/simulator';
import { parseCutoverStatus } from './cutover';
import { CUTOVER_STEPS } from './cutover';
import { buildProof, overrideItems, proofFileName, proofSchema } from './proof';

const NOW = Date.parse('2026-05-06T09:30:00Z');
const CONTEXT = {
  host: 'console.omantel.example',
  url: 'https://console.omantel.example/console/dashboard',
  apiBase: '/api',
  now: NOW,
};

const stepsDone = CUTOVER_STEPS.map((step, index) => ({
  name: step.id,
  result: 'success',
  startedAt: `2026-05-04T16:${String(30 + 2 * index).padStart(2, '0')}:00Z`,
  finishedAt: `2026-05-04T16:${String(31 + 2 * index).padStart(2, '0')}:00Z`,
  jobName: `cutover-${step.id}-1777912200`,
}));

const sovereign = (extra: Record<string, unknown> = {}) =>
  parseCutoverStatus({
    state: 'sovereign',
    cutoverComplete: true,
    cutoverStartedAt: '2026-05-04T16:20:00Z',
    cutoverLastAttemptStartedAt: '2026-05-04T16:30:00Z',
    cutoverFinishedAt: '2026-05-04T16:52:00Z',
    totalSteps: 11,
    steps: stepsDone,
    ...extra,
  });

describe('buildProof', () => {
  it('has every step with its label, times, duration and Job, and validates against the schema', () => {
    const proof = buildProof(sovereign(), {
      ...CONTEXT,
      attempts: [
        {
          startedAt: '2026-05-04T16:20:00Z',
          outcome: 'failed',
          failedStep: 'harbor-prewarm',
          error: 'BackoffLimitExceeded',
          endedAt: '2026-05-04T16:23:00Z',
        },
      ],
    });
    expect(proofSchema.parse(proof)).toEqual(proof);
    expect(proof?.savedAt).toBe('2026-05-06T09:30:00.000Z');
    expect(proof?.sovereign).toEqual({ host: CONTEXT.host });
    expect(proof?.console).toEqual({ url: CONTEXT.url, apiBase: '/api' });
    expect(proof?.status).toMatchObject({
      state: 'sovereign',
      cutoverComplete: true,
      startedAt: '2026-05-04T16:20:00.000Z',
      lastAttemptStartedAt: '2026-05-04T16:30:00.000Z',
      finishedAt: '2026-05-04T16:52:00.000Z',
      egressTestPassed: true,
    });
    expect(proof?.durations).toEqual({
      successfulAttemptMs: 22 * 60_000,
      sinceFirstAttemptMs: 32 * 60_000,
    });
    expect(proof?.steps).toHaveLength(11);
    expect(proof?.steps[0]).toEqual({
      id: 'gitea-mirror',
      label: 'Mirror GitOps repository',
      status: 'done',
      startedAt: '2026-05-04T16:30:00.000Z',
      finishedAt: '2026-05-04T16:31:00.000Z',
      durationMs: 60_000,
      jobName: 'cutover-gitea-mirror-1777912200',
    });
    const egressIndex = CUTOVER_STEPS.findIndex((step) => step.id === 'egress-block-test');
    expect(proof?.egressHold).toEqual({
      startedAt: proof?.steps.find((step) => step.id === 'egress-block-test')?.startedAt,
      finishedAt: `2026-05-04T16:${String(31 + 2 * egressIndex).padStart(2, '0')}:00.000Z`,
      durationMs: 60_000,
      passed: true,
    });
    expect(proof?.settledRollOverrides).toBeNull();
    expect(proof?.attemptsSeenByThisBrowser).toEqual([
      {
        startedAt: '2026-05-04T16:20:00Z',
        endedAt: '2026-05-04T16:23:00Z',
        outcome: 'failed',
        failedStep: 'harbor-prewarm',
        error: 'BackoffLimitExceeded',
      },
    ]);
  });

  it('settled roll overrides: the raw value and its names', () => {
    const proof = buildProof(
      sovereign({ settledRollOverrides: '["delta-corp/bp-keycloak","flux-system/bp-harbor"]' }),
      CONTEXT,
    );
    expect(proof?.settledRollOverrides).toEqual({
      raw: '["delta-corp/bp-keycloak","flux-system/bp-harbor"]',
      items: ['delta-corp/bp-keycloak', 'flux-system/bp-harbor'],
    });
    expect(proofSchema.safeParse(proof).success).toBe(true);
  });

  it.each([
    ['a JSON list', '["a/b", "c/d"]', ['a/b', 'c/d']],
    ['a comma list', 'a/b, c/d', ['a/b', 'c/d']],
    ['one name', 'a/b', ['a/b']],
    ['a list with blank entries', 'a/b,, c/d,\n', ['a/b', 'c/d']],
    ['one name per line', 'a/b\n  c/d\n', ['a/b', 'c/d']],
  ])('overrideItems: %s', (_name, raw, items) => {
    expect(overrideItems(raw)).toEqual(items);
  });

  it('a Sovereign without times or steps still gives a valid proof, with nulls', () => {
    const proof = buildProof(
      parseCutoverStatus({ state: 'sovereign', cutoverComplete: true }),
      CONTEXT,
    );
    expect(proofSchema.parse(proof)).toEqual(proof);
    expect(proof?.egressHold).toBeNull();
    expect(proof?.status.finishedAt).toBeNull();
    expect(proof?.steps.every((step) => step.status === 'pending')).toBe(true);
  });

  it('a step duration only from a start and a finish in order (skew gives null, not a negative)', () => {
    const proof = buildProof(
      sovereign({
        steps: [
          // Finished in the same second it started: a real duration of 0.
          {
            name: 'gitea-mirror',
            result: 'success',
            startedAt: '2026-05-04T16:30:00Z',
            finishedAt: '2026-05-04T16:30:00Z',
          },
          // No start recorded.
          { name: 'harbor-projects', result: 'success', finishedAt: '2026-05-04T16:33:00Z' },
          // No finish recorded.
          { name: 'harbor-prewarm', result: 'success', startedAt: '2026-05-04T16:34:00Z' },
          // The finish before the start (clock skew).
          {
            name: 'registry-pivot',
            result: 'success',
            startedAt: '2026-05-04T16:40:00Z',
            finishedAt: '2026-05-04T16:39:00Z',
          },
        ],
      }),
      CONTEXT,
    );
    const durationOf = (id: string) => proof?.steps.find((step) => step.id === id)?.durationMs;
    expect(durationOf('gitea-mirror')).toBe(0);
    expect(durationOf('harbor-projects')).toBeNull();
    expect(durationOf('harbor-prewarm')).toBeNull();
    expect(durationOf('registry-pivot')).toBeNull();
    expect(proofSchema.safeParse(proof).success).toBe(true);
  });

  it('a Tethered status has no proof', () => {
    expect(
      buildProof(parseCutoverStatus({ state: 'tethered', cutoverComplete: false }), CONTEXT),
    ).toBeUndefined();
  });

  it('the simulated Sovereign gives a valid proof (the demo and e2e path)', () => {
    const simulator = new Simulator({ scenario: 'sovereign' });
    const proof = buildProof(parseCutoverStatus(simulator.statusBody()), CONTEXT);
    simulator.dispose();
    expect(proofSchema.safeParse(proof).success).toBe(true);
    expect(proof?.steps.filter((step) => step.status === 'done')).toHaveLength(11);
    expect(proof?.egressHold?.passed).toBe(true);
  });

  it('the schema refuses a document that does not prove sovereignty', () => {
    const proof = buildProof(sovereign(), CONTEXT);
    expect(
      proofSchema.safeParse({ ...proof, status: { ...proof?.status, cutoverComplete: false } })
        .success,
    ).toBe(false);
    expect(proofSchema.safeParse({ ...proof, extra: 1 }).success).toBe(false);
  });
});

describe('proofFileName', () => {
  it.each([
    ['console.omantel.example', 'sovereignty-proof-console.omantel.example-2026-05-06.json'],
    ['', 'sovereignty-proof-sovereign-2026-05-06.json'],
    ['we ird/host', 'sovereignty-proof-we_ird_host-2026-05-06.json'],
    // A run of unsafe characters becomes one underscore.
    ['https://host:8443', 'sovereignty-proof-https_host_8443-2026-05-06.json'],
  ])('%s', (host, name) => {
    expect(proofFileName(host, NOW)).toBe(name);
  });
});
