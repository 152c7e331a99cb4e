import { describe, expect, it } from 'vitest';
import { parseCutoverStatus, type CutoverStatus } from './cutover';
import {
  EMPTY_HISTORY,
  MAX_ATTEMPTS,
  attemptNumber,
  attemptStorageKey,
  observeAttempt,
  parseStoredHistory,
  runDurations,
  stepsWentBack,
  successfulRunMs,
  type AttemptHistory,
  type AttemptObservation,
} from './attempts';
import type { CutoverEvent } from './events';

const T = (hhmm: string) => `2026-05-04T${hhmm}:00Z`;

const ERROR = 'Job catalyst/cutover-harbor-prewarm-1 reported Failed condition';

function status(wire: Record<string, unknown>): CutoverStatus {
  return parseCutoverStatus({ state: 'tethered', cutoverComplete: false, ...wire });
}

/** Attempt 1 failed at harbor-prewarm at 16:23; attempt 2 (a retry) started at 16:27. */
const retriedStatus = () =>
  status({
    cutoverStartedAt: T('16:20'),
    cutoverLastAttemptStartedAt: T('16:27'),
    currentStep: 'harbor-prewarm',
    steps: [
      { name: 'gitea-mirror', result: 'success', startedAt: T('16:20'), finishedAt: T('16:21') },
      { name: 'harbor-projects', result: 'success', startedAt: T('16:21'), finishedAt: T('16:22') },
      { name: 'harbor-prewarm', result: 'running', startedAt: T('16:27') },
    ],
  });

/** The run of 16:20, at harbor-prewarm. */
const runningStatus = () =>
  status({
    cutoverStartedAt: T('16:20'),
    cutoverLastAttemptStartedAt: T('16:20'),
    currentStep: 'harbor-prewarm',
    steps: [
      { name: 'gitea-mirror', result: 'success', startedAt: T('16:20'), finishedAt: T('16:21') },
      { name: 'harbor-projects', result: 'success', startedAt: T('16:21'), finishedAt: T('16:22') },
      { name: 'harbor-prewarm', result: 'running', startedAt: T('16:22') },
    ],
  });

const failedStatus = () =>
  status({
    cutoverStartedAt: T('16:20'),
    cutoverLastAttemptStartedAt: T('16:20'),
    failedStep: 'harbor-prewarm',
    lastError: ERROR,
    steps: [
      { name: 'gitea-mirror', result: 'success', startedAt: T('16:20'), finishedAt: T('16:21') },
      { name: 'harbor-projects', result: 'success', startedAt: T('16:21'), finishedAt: T('16:22') },
      {
        name: 'harbor-prewarm',
        result: 'failed',
        startedAt: T('16:22'),
        finishedAt: T('16:23'),
      },
    ],
  });

const frame = (
  phase: CutoverEvent['phase'],
  time: string,
  extra: Partial<CutoverEvent> = {},
  replayed = true,
): AttemptObservation => ({ kind: 'frame', event: { phase, time, ...extra }, replayed });

const seen = (value: CutoverStatus, at: string): AttemptObservation => ({
  kind: 'status',
  status: value,
  at,
});

/** The replay of attempt 1 (failed at 16:23) and the start of attempt 2, as the server sends it. */
const REPLAY: AttemptObservation[] = [
  frame('cutover-started', T('16:20')),
  frame('cutover-step-started', T('16:20'), { step: 'gitea-mirror' }),
  frame('cutover-step-finished', T('16:21'), { step: 'gitea-mirror' }),
  frame('cutover-step-started', T('16:22'), { step: 'harbor-prewarm' }),
  frame('cutover-step-failed', T('16:23'), {
    step: 'harbor-prewarm',
    message: `step harbor-prewarm failed: ${ERROR}`,
  }),
  frame('cutover-started', T('16:27')),
  frame('cutover-step-started', T('16:27'), { step: 'harbor-prewarm' }),
];

function fold(observations: readonly AttemptObservation[], from: AttemptHistory = EMPTY_HISTORY) {
  let history = from;
  const notices = [];
  for (const observation of observations) {
    const result = observeAttempt(history, observation);
    history = result.history;
    if (result.notice) notices.push(result.notice);
  }
  return { history, notices };
}

describe('observeAttempt', () => {
  it('a waiting status records nothing', () => {
    const { history, notices } = fold([seen(status({}), T('16:00'))]);
    expect(history.attempts).toEqual([]);
    expect(notices).toEqual([]);
  });

  it.each([
    ['running', runningStatus(), { outcome: 'running', lastStep: 'harbor-prewarm' }],
    [
      'failed',
      failedStatus(),
      {
        outcome: 'failed',
        failedStep: 'harbor-prewarm',
        error: ERROR,
        endedAt: T('16:23'),
        lastStep: 'harbor-prewarm',
      },
    ],
    [
      'sovereign',
      parseCutoverStatus({
        state: 'sovereign',
        cutoverComplete: true,
        cutoverStartedAt: T('16:20'),
        cutoverLastAttemptStartedAt: T('16:20'),
        cutoverFinishedAt: T('16:40'),
        steps: [],
      }),
      { outcome: 'succeeded', endedAt: T('16:40') },
    ],
  ])('a first %s status is one attempt, without a notice', (_name, value, expected) => {
    const { history, notices } = fold([seen(value, T('16:24'))]);
    expect(history.attempts).toHaveLength(1);
    expect(history.attempts[0]).toMatchObject({ startedAt: T('16:20'), ...expected });
    expect(notices).toEqual([]);
  });

  it('a retried run: the status implies an earlier attempt, the replay tells how it failed', () => {
    const { history, notices } = fold([seen(retriedStatus(), T('16:28')), ...REPLAY]);
    expect(history.attempts).toEqual([
      {
        startedAt: T('16:20'),
        outcome: 'failed',
        failedStep: 'harbor-prewarm',
        error: ERROR,
        lastStep: 'harbor-prewarm',
        endedAt: T('16:23'),
        lastSeenAt: T('16:23'),
      },
      expect.objectContaining({
        startedAt: T('16:27'),
        outcome: 'running',
        lastStep: 'harbor-prewarm',
      }),
    ]);
    // Replays are history, not news.
    expect(notices).toEqual([]);
  });

  it('replaying the same frames again (a reconnect, a reload) changes nothing', () => {
    const once = fold([seen(retriedStatus(), T('16:28')), ...REPLAY]).history;
    const twice = fold([...REPLAY, seen(retriedStatus(), T('16:29')), ...REPLAY], once).history;
    expect(twice.attempts).toHaveLength(2);
    expect(twice.attempts[0]).toEqual(once.attempts[0]);
    expect(twice.attempts[1]).toMatchObject({ startedAt: T('16:27'), outcome: 'running' });
  });

  it.each([
    [
      'a live cutover-started frame with the same time',
      frame('cutover-started', T('16:20'), {}, false),
    ],
    ['a replayed one', frame('cutover-started', T('16:20'))],
    ['the same status again', seen(runningStatus(), T('16:25'))],
    [
      'a status that writes the same start with another precision',
      seen(
        status({ ...runningStatus(), cutoverLastAttemptStartedAt: '2026-05-04T16:20:00.000Z' }),
        T('16:25'),
      ),
    ],
  ])('equal timestamps are the same attempt: %s', (_name, observation) => {
    const { history, notices } = fold([seen(runningStatus(), T('16:24')), observation]);
    expect(history.attempts).toHaveLength(1);
    expect(notices).toEqual([]);
  });

  it('a failed run then a retry (a newer attempt start): a notice naming where the previous one stopped', () => {
    const { history, notices } = fold([
      seen(failedStatus(), T('16:24')),
      seen(retriedStatus(), T('16:28')),
    ]);
    expect(history.attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'running']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      number: 2,
      startedAt: T('16:27'),
      previous: {
        number: 1,
        outcome: 'failed',
        failedStep: 'harbor-prewarm',
        error: ERROR,
        endedAt: T('16:23'),
      },
    });
  });

  it('an API restart mid-run: the interrupted run ends where it was last seen', () => {
    const restarted = status({
      cutoverStartedAt: T('16:20'),
      cutoverLastAttemptStartedAt: T('16:27'),
      steps: [
        { name: 'gitea-mirror', result: 'success', startedAt: T('16:20'), finishedAt: T('16:21') },
        {
          name: 'harbor-projects',
          result: 'success',
          startedAt: T('16:21'),
          finishedAt: T('16:22'),
        },
        { name: 'harbor-prewarm', result: '' },
      ],
    });
    const { history, notices } = fold([
      seen(runningStatus(), T('16:23')),
      seen(runningStatus(), T('16:26')),
      seen(restarted, T('16:27')),
    ]);
    expect(history.attempts[0]).toMatchObject({
      outcome: 'interrupted',
      lastStep: 'harbor-prewarm',
      endedAt: T('16:26'),
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      number: 2,
      startedAt: T('16:27'),
      previous: { number: 1, outcome: 'interrupted', lastStep: 'harbor-prewarm' },
    });
  });

  it('steps moving backwards with no new start time (an older API) are a new run too', () => {
    const firstRun = status({
      cutoverStartedAt: T('16:20'),
      failedStep: 'harbor-prewarm',
      lastError: ERROR,
      steps: [
        { name: 'gitea-mirror', result: 'success', startedAt: T('16:20'), finishedAt: T('16:21') },
        { name: 'harbor-prewarm', result: 'failed', startedAt: T('16:22'), finishedAt: T('16:23') },
      ],
    });
    // cutoverStartedAt stays the first run's: only the steps show the retry.
    const retry = status({
      cutoverStartedAt: T('16:20'),
      steps: [
        { name: 'gitea-mirror', result: 'success', startedAt: T('16:20'), finishedAt: T('16:21') },
        { name: 'harbor-prewarm', result: 'running', startedAt: T('16:27') },
      ],
    });
    const later = status({
      cutoverStartedAt: T('16:20'),
      steps: [
        { name: 'gitea-mirror', result: 'success', startedAt: T('16:20'), finishedAt: T('16:21') },
        {
          name: 'harbor-prewarm',
          result: 'success',
          startedAt: T('16:27'),
          finishedAt: T('16:28'),
        },
      ],
    });
    const { history, notices } = fold([
      seen(firstRun, T('16:24')),
      seen(retry, T('16:27')),
      seen(later, T('16:28')),
    ]);
    expect(history.attempts).toEqual([
      expect.objectContaining({ startedAt: T('16:20'), outcome: 'failed' }),
      expect.objectContaining({ startedAt: T('16:27'), startInferred: true, outcome: 'running' }),
    ]);
    expect(notices).toHaveLength(1);
    // A live cutover-started with the run's real time dates the inferred attempt, no third one.
    const dated = fold([frame('cutover-started', '2026-05-04T16:26:50Z', {}, false)], history);
    expect(dated.history.attempts).toHaveLength(2);
    expect(dated.history.attempts[1]).toMatchObject({ startedAt: '2026-05-04T16:26:50Z' });
    expect(dated.history.attempts[1]?.startInferred).toBeUndefined();
    expect(dated.notices).toEqual([]);
  });

  it('a step that merely advances is not a new run', () => {
    expect(
      stepsWentBack(
        { 'harbor-prewarm': { status: 'running', startedAt: T('16:22') } },
        status({
          steps: [
            {
              name: 'harbor-prewarm',
              result: 'success',
              startedAt: T('16:22'),
              finishedAt: T('16:23'),
            },
          ],
        }),
      ),
    ).toBe(false);
    expect(stepsWentBack(undefined, runningStatus())).toBe(false);
  });

  it.each([
    [
      'done → pending',
      { status: 'done', startedAt: T('16:20'), finishedAt: T('16:21') },
      { result: '' },
    ],
    ['running → pending', { status: 'running', startedAt: T('16:20') }, { result: '' }],
    [
      'failed → running, later',
      { status: 'failed', startedAt: T('16:20'), finishedAt: T('16:21') },
      { result: 'running', startedAt: T('16:27') },
    ],
    [
      'done → done, started again later',
      { status: 'done', startedAt: T('16:20'), finishedAt: T('16:21') },
      { result: 'success', startedAt: T('16:27'), finishedAt: T('16:28') },
    ],
  ] as const)('steps went back: %s', (_name, before, after) => {
    expect(
      stepsWentBack(
        { 'gitea-mirror': before },
        status({ steps: [{ name: 'gitea-mirror', ...after }] }),
      ),
    ).toBe(true);
  });

  it('a live cutover-started newer than the current run announces it; a replayed one does not', () => {
    const live = fold([
      seen(failedStatus(), T('16:24')),
      frame('cutover-started', T('16:27'), {}, false),
    ]);
    expect(live.notices).toHaveLength(1);
    expect(live.history.attempts[1]).toMatchObject({ startedAt: T('16:27'), outcome: 'running' });
    const replayed = fold([seen(failedStatus(), T('16:24')), frame('cutover-started', T('16:27'))]);
    expect(replayed.notices).toEqual([]);
    expect(replayed.history.attempts).toHaveLength(2);
  });

  it('a cutover-started notice with a step (a snapshot re-run) is not a new run', () => {
    const { history } = fold([
      seen(runningStatus(), T('16:24')),
      frame('cutover-started', T('16:25'), { step: 'gitea-mirror' }, false),
    ]);
    expect(history.attempts).toHaveLength(1);
  });

  it('a status about an older attempt than the current one does not go back', () => {
    const { history, notices } = fold([
      seen(retriedStatus(), T('16:28')),
      seen(failedStatus(), T('16:29')),
    ]);
    expect(history.attempts.at(-1)).toMatchObject({ startedAt: T('16:27') });
    expect(notices).toEqual([]);
  });

  it.each([
    [
      'a run dated before the current one, with a start no attempt had',
      [
        seen(retriedStatus(), T('16:28')),
        seen(
          status({
            cutoverStartedAt: T('15:00'),
            cutoverLastAttemptStartedAt: T('15:00'),
            steps: [{ name: 'gitea-mirror', result: 'running', startedAt: T('15:00') }],
          }),
          T('16:29'),
        ),
      ],
      T('15:00'),
    ],
    [
      'a newer run after a Sovereign one',
      [
        seen(
          parseCutoverStatus({
            state: 'sovereign',
            cutoverComplete: true,
            cutoverStartedAt: T('12:00'),
            cutoverFinishedAt: T('12:30'),
          }),
          T('16:00'),
        ),
        seen(failedStatus(), T('16:24')),
      ],
      T('16:20'),
    ],
  ])(
    'another API behind the same address (%s): start over, no notice',
    (_name, observations, start) => {
      const { history, notices } = fold(observations);
      expect(history.attempts).toHaveLength(1);
      expect(history.attempts[0]?.startedAt).toBe(start);
      expect(notices).toEqual([]);
    },
  );

  it(`keeps the last ${MAX_ATTEMPTS} attempts and numbers on`, () => {
    const observations: AttemptObservation[] = [];
    for (let minute = 0; minute < MAX_ATTEMPTS + 5; minute += 1) {
      const time = `2026-05-04T17:${String(minute).padStart(2, '0')}:00Z`;
      observations.push(frame('cutover-started', time, {}, false));
    }
    const { history, notices } = fold(observations);
    expect(history.attempts).toHaveLength(MAX_ATTEMPTS);
    expect(history.dropped).toBe(5);
    expect(attemptNumber(history, 0)).toBe(6);
    expect(history.attempts[0]?.startedAt).toBe('2026-05-04T17:05:00Z');
    expect(notices.at(-1)?.number).toBe(MAX_ATTEMPTS + 5);
    expect(notices.at(-1)?.previous.number).toBe(MAX_ATTEMPTS + 4);
  });
});

describe('stored history', () => {
  it('round-trips through JSON', () => {
    const { history } = fold([seen(retriedStatus(), T('16:28')), ...REPLAY]);
    expect(parseStoredHistory(JSON.stringify(history))).toEqual(history);
  });

  it.each([
    ['absent', null],
    ['not JSON', '{'],
    ['another shape', '{"attempts":"lots"}'],
    ['another version', JSON.stringify({ ...EMPTY_HISTORY, version: 2 })],
    [
      'an unknown outcome',
      JSON.stringify({
        ...EMPTY_HISTORY,
        attempts: [{ startedAt: T('16:20'), outcome: 'exploded' }],
      }),
    ],
  ])('%s → an empty history', (_name, text) => {
    expect(parseStoredHistory(text)).toEqual(EMPTY_HISTORY);
  });

  it('is kept per catalyst-api', () => {
    expect(attemptStorageKey('/api')).not.toBe(attemptStorageKey('/sovereign/api'));
  });
});

describe('runDurations', () => {
  const sovereign = (wire: Record<string, unknown>) =>
    parseCutoverStatus({ state: 'sovereign', cutoverComplete: true, steps: [], ...wire });

  it.each([
    [
      'a single run',
      sovereign({ cutoverStartedAt: T('16:20'), cutoverFinishedAt: T('16:40') }),
      [],
      { attemptMs: 20 * 60_000, totalMs: 20 * 60_000 },
    ],
    [
      'a retry: Took is the successful attempt; the total includes the idle time',
      sovereign({
        cutoverStartedAt: T('16:20'),
        cutoverLastAttemptStartedAt: T('16:50'),
        cutoverFinishedAt: T('17:00'),
      }),
      [],
      { attemptMs: 10 * 60_000, totalMs: 40 * 60_000 },
    ],
    [
      'an earlier attempt seen by this browser only',
      sovereign({ cutoverLastAttemptStartedAt: T('16:50'), cutoverFinishedAt: T('17:00') }),
      [{ startedAt: T('16:10'), outcome: 'failed' as const }],
      { attemptMs: 10 * 60_000, totalMs: 50 * 60_000 },
    ],
    ['no finish time', sovereign({ cutoverStartedAt: T('16:20') }), [], {}],
  ])('%s', (_name, value, attempts, expected) => {
    expect(runDurations(value, attempts)).toEqual(expected);
  });

  it('successfulRunMs is the attempt time', () => {
    expect(
      successfulRunMs(
        sovereign({
          cutoverStartedAt: T('16:20'),
          cutoverLastAttemptStartedAt: T('16:50'),
          cutoverFinishedAt: T('17:00'),
        }),
      ),
    ).toBe(10 * 60_000);
  });
});
