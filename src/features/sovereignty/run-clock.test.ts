import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../lib/time';
import { parseCutoverStatus } from './cutover';
import { stepRows } from './progress';
import {
  deadlineLevel,
  deadlineSentence,
  holdSentence,
  progressWords,
  retryPlan,
  retryUpperBoundMs,
  runClock,
  runningStepClock,
} from './run-clock';

const MIN = 60_000;
const START = Date.parse('2026-05-04T10:00:00Z');
const startedAt = new Date(START).toISOString();

describe('deadline levels', () => {
  it.each<[number, number, string]>([
    [0, 30 * MIN, 'normal'],
    [22.5 * MIN - 1, 30 * MIN, 'normal'],
    [22.5 * MIN, 30 * MIN, 'near'], // 75 % exactly
    [30 * MIN, 30 * MIN, 'near'], // at the deadline: not past it yet
    [30 * MIN + 1, 30 * MIN, 'past'],
  ])('%i ms of %i ms → %s', (elapsed, deadline, level) => {
    expect(deadlineLevel(elapsed, deadline)).toBe(level);
  });

  it('measures the running step against its own deadline (pre-warm 30 min, mint 10 min)', () => {
    const prewarm = runningStepClock({ id: 'harbor-prewarm', startedAt }, START + 24 * MIN);
    expect(prewarm).toEqual({ elapsedMs: 24 * MIN, deadlineMs: 30 * MIN, level: 'near' });
    const mint = runningStepClock({ id: 'gitea-token-mint', startedAt }, START + 24 * MIN);
    expect(mint).toEqual({ elapsedMs: 24 * MIN, deadlineMs: 10 * MIN, level: 'past' });
    // A step this console does not know: the engine's default Job deadline, 15 min.
    const unknown = runningStepClock({ id: 'smtp-relay-pivot', startedAt }, START + MIN);
    expect(unknown).toEqual({ elapsedMs: MIN, deadlineMs: 15 * MIN, level: 'normal' });
  });

  it('invents nothing without a start, or before it (clock skew)', () => {
    expect(runningStepClock({ id: 'harbor-prewarm' }, START)).toBeUndefined();
    expect(runningStepClock({ id: 'harbor-prewarm', startedAt }, START - 1)).toBeUndefined();
  });

  it('counts the egress-block hold down from 10 min, to 0 and no further', () => {
    const at = (ms: number) => runningStepClock({ id: 'egress-block-test', startedAt }, START + ms);
    expect(at(0)?.holdLeftMs).toBe(10 * MIN);
    expect(at(3 * MIN + 48_000)?.holdLeftMs).toBe(6 * MIN + 12_000);
    expect(at(12 * MIN)?.holdLeftMs).toBe(0);
    expect(holdSentence(6 * MIN + 12_000, formatDuration)).toBe(
      'egress blocked: 6 min 12 s left of 10 min',
    );
    expect(holdSentence(0, formatDuration)).toBe(
      'the 10 min egress block is over; checking that reconciles stayed green',
    );
  });
});

describe('hold wording with another formatter', () => {
  it('says the hold in the formatter’s own words, and "10 min" when it cannot say it', () => {
    const inSeconds = (ms: number) => `${String(ms / 1000)} s`;
    expect(holdSentence(0, inSeconds)).toBe(
      'the 600 s egress block is over; checking that reconciles stayed green',
    );
    expect(holdSentence(0, () => undefined)).toBe(
      'the 10 min egress block is over; checking that reconciles stayed green',
    );
  });
});

describe('deadline wording', () => {
  const say = (id: string, elapsed: number) =>
    deadlineSentence(runningStepClock({ id, startedAt }, START + elapsed)!, id, formatDuration);

  it('is quiet while normal', () => {
    expect(say('harbor-prewarm', 5 * MIN)).toBe('of at most 30 min');
  });

  it('is calm near the deadline, with the step’s own reason when it has one', () => {
    expect(say('harbor-prewarm', 24 * MIN)).toBe(
      'running 24 min of at most 30 min: Pre-warm can take this long on a large Sovereign',
    );
    expect(say('harbor-projects', 8 * MIN)).toBe(
      'running 8 min of at most 10 min: close to its deadline; have its logs open',
    );
  });

  it('near the deadline of a step this console does not know: the general advice', () => {
    // smtp-relay-pivot has no guidance of its own, so the engine's default 15 min applies.
    expect(say('smtp-relay-pivot', 12 * MIN)).toBe(
      'running 12 min of at most 15 min: close to its deadline; have its logs open',
    );
  });

  it('is clear past it', () => {
    expect(say('gitea-token-mint', 11 * MIN + 5_000)).toBe(
      'running 11 min 5 s, past its default deadline of 10 min: the step can be failed at any moment; read its logs now',
    );
  });
});

describe('progress wording: "7 of 11 done · now: … (step 8)"', () => {
  const order = [
    'gitea-mirror',
    'harbor-projects',
    'harbor-prewarm',
    'registry-pivot',
    'flux-gitrepository-patch',
    'helmrepository-patches',
    'catalyst-api-env-patch',
    'gitea-token-mint',
  ];
  const rowsWith = (done: number, running?: string) =>
    stepRows(
      parseCutoverStatus({
        state: 'tethered',
        steps: [
          ...order.slice(0, done).map((name, i) => ({
            name,
            result: 'success',
            startedAt: new Date(START + i * MIN).toISOString(),
            finishedAt: new Date(START + (i + 1) * MIN).toISOString(),
          })),
          ...(running
            ? [
                {
                  name: running,
                  result: 'running',
                  startedAt: new Date(START + 9 * MIN).toISOString(),
                },
              ]
            : []),
        ],
      }),
    );

  it('names the running step with its own place, one after the done ones', () => {
    expect(progressWords(7, 11, rowsWith(7, 'gitea-token-mint'))).toEqual({
      count: '7 of 11 done',
      position: 8,
    });
  });

  it('has no place between steps, and k never exceeds N', () => {
    expect(progressWords(3, 11, rowsWith(3))).toEqual({ count: '3 of 11 done' });
    expect(progressWords(12, 11, rowsWith(3))).toEqual({ count: '11 of 11 done' });
  });

  it('caps the running step’s place at N (an 8-step chart padded with known rows)', () => {
    // Unknown and without a start time: listed after the 11 known steps, 12th.
    const rows = stepRows(
      parseCutoverStatus({
        state: 'tethered',
        steps: [{ name: 'smtp-relay-pivot', result: 'running' }],
      }),
    );
    expect(rows.findIndex((row) => row.status === 'running')).toBe(11);
    expect(progressWords(0, 8, rows)).toEqual({ count: '0 of 8 done', position: 8 });
  });
});

describe('runClock', () => {
  it('a first attempt: its start; ended → its last finish', () => {
    const status = parseCutoverStatus({
      state: 'tethered',
      cutoverStartedAt: '2026-05-04T10:00:00Z',
      steps: [
        { name: 'gitea-mirror', result: 'success', finishedAt: '2026-05-04T10:03:00Z' },
        { name: 'harbor-projects', result: 'failed', finishedAt: '2026-05-04T10:04:10Z' },
      ],
    });
    expect(runClock(status, false)).toEqual({ attemptStartedAt: '2026-05-04T10:00:00Z' });
    expect(runClock(status, true)).toEqual({
      attemptStartedAt: '2026-05-04T10:00:00Z',
      endedAt: '2026-05-04T10:04:10Z',
    });
  });

  it('a retried run: this attempt’s start, and the first attempt beside it', () => {
    const status = parseCutoverStatus({
      state: 'sovereign',
      cutoverStartedAt: '2026-05-04T10:00:00Z',
      cutoverLastAttemptStartedAt: '2026-05-04T11:30:00Z',
      cutoverFinishedAt: '2026-05-04T12:00:00Z',
      steps: [],
    });
    expect(runClock(status, true)).toEqual({
      attemptStartedAt: '2026-05-04T11:30:00Z',
      firstStartedAt: '2026-05-04T10:00:00Z',
      endedAt: '2026-05-04T12:00:00Z',
    });
  });

  it('says nothing it does not know: no field at all, not even an undefined one', () => {
    expect(runClock(parseCutoverStatus({ state: 'tethered', steps: [] }), true)).toStrictEqual({});
  });

  it('a status with only the current attempt’s start: no first attempt beside it', () => {
    const status = parseCutoverStatus({
      state: 'tethered',
      cutoverLastAttemptStartedAt: '2026-05-04T11:30:00Z',
      steps: [],
    });
    expect(runClock(status, false)).toStrictEqual({ attemptStartedAt: '2026-05-04T11:30:00Z' });
  });

  it('the same instant written twice is one attempt, not a retry', () => {
    const status = parseCutoverStatus({
      state: 'tethered',
      cutoverStartedAt: '2026-05-04T10:00:00Z',
      cutoverLastAttemptStartedAt: '2026-05-04T12:00:00+02:00',
      steps: [],
    });
    expect(runClock(status, false)).toStrictEqual({
      attemptStartedAt: '2026-05-04T12:00:00+02:00',
    });
  });

  it('ended without any finish time: no end is invented', () => {
    const status = parseCutoverStatus({
      state: 'tethered',
      cutoverStartedAt: '2026-05-04T10:00:00Z',
      steps: [{ name: 'gitea-mirror', result: 'failed', startedAt: '2026-05-04T10:00:05Z' }],
    });
    expect(runClock(status, true)).toStrictEqual({ attemptStartedAt: '2026-05-04T10:00:00Z' });
  });

  it('a failure ends at the latest step finish, whatever the order of the steps, skipping unreadable times', () => {
    const status = parseCutoverStatus({
      state: 'tethered',
      cutoverStartedAt: '2026-05-04T10:00:00Z',
      steps: [
        { name: 'gitea-mirror', result: 'success', finishedAt: 'yesterday' },
        { name: 'harbor-prewarm', result: 'failed', finishedAt: '2026-05-04T10:20:00Z' },
        { name: 'harbor-projects', result: 'success', finishedAt: '2026-05-04T10:05:00Z' },
      ],
    });
    expect(runClock(status, true)).toStrictEqual({
      attemptStartedAt: '2026-05-04T10:00:00Z',
      endedAt: '2026-05-04T10:20:00Z',
    });
  });
});

describe('Retry: the steps not yet done, bounded by their deadlines', () => {
  const failedAtPrewarm = stepRows(
    parseCutoverStatus({
      state: 'tethered',
      failedStep: 'harbor-prewarm',
      steps: [
        { name: 'gitea-mirror', result: 'success', startedAt: '2026-05-04T10:00:00Z' },
        { name: 'harbor-projects', result: 'success', startedAt: '2026-05-04T10:03:00Z' },
        { name: 'harbor-prewarm', result: 'failed', startedAt: '2026-05-04T10:04:00Z' },
      ],
    }),
  );

  it('sums the deadlines of every step not done: 30 + 15 + 7 × 10 = 115 min', () => {
    expect(retryUpperBoundMs(failedAtPrewarm)).toBe(115 * MIN);
    expect(retryPlan(failedAtPrewarm, false, formatDuration)).toBe(
      'The cutover runs the 9 steps not yet done, starting with the one that failed; the 2 done steps are skipped. Each step ends by its deadline, so this takes at most 1 h 55 min, usually much less.',
    );
  });

  it('a failure before step 1 runs all 11 (2 h 25 min at most), from the first', () => {
    const none = stepRows(parseCutoverStatus({ state: 'tethered', steps: [] }));
    expect(retryUpperBoundMs(none)).toBe(145 * MIN);
    expect(retryPlan(none, true, formatDuration)).toBe(
      'The cutover runs the 11 steps not yet done, from the first of them. Each step ends by its deadline, so this takes at most 2 h 25 min, usually much less.',
    );
  });

  it('one step done: said in the singular, and its 20 min taken off the bound', () => {
    const rows = stepRows(
      parseCutoverStatus({
        state: 'tethered',
        failedStep: 'harbor-projects',
        steps: [
          { name: 'gitea-mirror', result: 'success', startedAt: '2026-05-04T10:00:00Z' },
          { name: 'harbor-projects', result: 'failed', startedAt: '2026-05-04T10:03:00Z' },
        ],
      }),
    );
    expect(retryPlan(rows, false, formatDuration)).toBe(
      'The cutover runs the 10 steps not yet done, starting with the one that failed; the 1 done step is skipped. Each step ends by its deadline, so this takes at most 2 h 5 min, usually much less.',
    );
  });

  it('one step left; nothing left', () => {
    const rows = failedAtPrewarm.map((row) =>
      row.id === 'egress-block-test' ? row : { ...row, status: 'done' as const },
    );
    expect(retryPlan(rows, false, formatDuration)).toBe(
      'The cutover runs the 1 step not yet done, starting with the one that failed; the 10 done steps are skipped. Each step ends by its deadline, so this takes at most 15 min, usually much less.',
    );
    const all = failedAtPrewarm.map((row) => ({ ...row, status: 'done' as const }));
    expect(retryPlan(all, true, formatDuration)).toBe(
      'Every step is done already; the retry runs the end-of-run checks and finishes the cutover.',
    );
  });
});
