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
    // The first run is not news; every later live start is.
    expect(notices).toHaveLength(MAX_ATTEMPTS + 4);
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
    ['no storage at all', undefined],
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

  it('reads back every outcome, every field and every step status as stored', () => {
    const history: AttemptHistory = {
      version: 1,
      dropped: 2,
      attempts: [
        { startedAt: T('16:00'), outcome: 'unknown' },
        {
          startedAt: T('16:10'),
          outcome: 'failed',
          endedAt: T('16:12'),
          failedStep: 'harbor-projects',
          error: 'quota exceeded',
          lastStep: 'harbor-projects',
        },
        {
          startedAt: T('16:20'),
          startInferred: true,
          outcome: 'interrupted',
          endedAt: T('16:25'),
          lastSeenAt: T('16:25'),
        },
        { startedAt: T('16:30'), outcome: 'succeeded', endedAt: T('16:50') },
        { startedAt: T('17:00'), outcome: 'running', lastStep: 'gitea-mirror' },
      ],
      steps: {
        'gitea-mirror': { status: 'done', startedAt: T('17:00'), finishedAt: T('17:01') },
        'harbor-projects': { status: 'running', startedAt: T('17:01') },
        'harbor-prewarm': { status: 'failed' },
        'registry-pivot': { status: 'pending' },
      },
    };
    expect(parseStoredHistory(JSON.stringify(history))).toEqual(history);
  });

  it('a stored history longer than the cap keeps its newest attempts, and the numbering carries on', () => {
    const attempts = Array.from({ length: MAX_ATTEMPTS + 3 }, (_, minute) => ({
      startedAt: T(`16:${String(minute).padStart(2, '0')}`),
      outcome: 'failed' as const,
    }));
    const read = parseStoredHistory(JSON.stringify({ version: 1, dropped: 4, attempts }));
    expect(read.attempts).toEqual(attempts.slice(3));
    expect(read.dropped).toBe(7);
    expect(attemptNumber(read, 0)).toBe(8);
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
    expect(runDurations(value, attempts)).toStrictEqual(expected);
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

describe('observeAttempt: what starts an attempt', () => {
  it('a status with an attempt start and every step still pending is an attempt', () => {
    const { history } = fold([
      seen(
        status({
          cutoverLastAttemptStartedAt: T('16:20'),
          steps: [{ name: 'gitea-mirror', result: '' }],
        }),
        T('16:21'),
      ),
    ]);
    expect(history.attempts).toEqual([
      { startedAt: T('16:20'), outcome: 'running', lastSeenAt: T('16:21') },
    ]);
  });

  it('a status with no start time but a step moving is an attempt dated "about" its first step start', () => {
    const { history, notices } = fold([
      seen(
        status({
          steps: [
            {
              name: 'gitea-mirror',
              result: 'success',
              startedAt: T('16:20'),
              finishedAt: T('16:21'),
            },
            { name: 'harbor-projects', result: 'running', startedAt: T('16:22') },
            { name: 'harbor-prewarm', result: '' },
          ],
        }),
        T('16:25'),
      ),
    ]);
    expect(history.attempts).toEqual([
      {
        startedAt: T('16:20'),
        startInferred: true,
        outcome: 'running',
        lastStep: 'harbor-projects',
        lastSeenAt: T('16:25'),
      },
    ]);
    expect(notices).toEqual([]);
  });

  it('the earliest step start dates it wherever the step is listed', () => {
    const { history } = fold([
      seen(
        status({
          steps: [
            { name: 'harbor-projects', result: 'running', startedAt: T('16:22') },
            {
              name: 'gitea-mirror',
              result: 'success',
              startedAt: T('16:20'),
              finishedAt: T('16:21'),
            },
            { name: 'harbor-prewarm', result: 'success', startedAt: T('16:21') },
          ],
        }),
        T('16:25'),
      ),
    ]);
    expect(history.attempts[0]).toMatchObject({ startedAt: T('16:20'), startInferred: true });
  });

  it('with no step start either, it is dated when the console saw it', () => {
    const { history } = fold([seen(status({ failedStep: 'secondary-kubeconfigs' }), T('16:25'))]);
    expect(history.attempts).toEqual([
      {
        startedAt: T('16:25'),
        startInferred: true,
        outcome: 'failed',
        failedStep: 'secondary-kubeconfigs',
        lastStep: 'secondary-kubeconfigs',
        endedAt: T('16:25'),
      },
    ]);
  });

  it('a later status with the start time dates the "about" attempt, keeping what came before', () => {
    const undated = status({
      steps: [{ name: 'gitea-mirror', result: 'running', startedAt: T('16:21') }],
    });
    const dated = status({
      cutoverLastAttemptStartedAt: '2026-05-04T16:20:50Z',
      steps: [{ name: 'gitea-mirror', result: 'running', startedAt: T('16:21') }],
    });
    const alone = fold([seen(undated, T('16:22')), seen(dated, T('16:23'))]);
    expect(alone.history.attempts).toEqual([
      {
        startedAt: '2026-05-04T16:20:50Z',
        outcome: 'running',
        lastStep: 'gitea-mirror',
        lastSeenAt: T('16:23'),
      },
    ]);
    expect(alone.notices).toEqual([]);
    // After an earlier attempt (an older API: the steps went back) the same holds, and the
    // earlier attempt stays.
    const steps = (result: string, startedAt?: string) => [
      { name: 'gitea-mirror', result: 'success', startedAt: T('16:00'), finishedAt: T('16:01') },
      {
        name: 'harbor-prewarm',
        result,
        startedAt,
        ...(result === 'failed' ? { finishedAt: T('16:03') } : {}),
      },
    ];
    const firstRun = status({
      cutoverStartedAt: T('16:00'),
      failedStep: 'harbor-prewarm',
      steps: steps('failed', T('16:02')),
    });
    const retry = status({ cutoverStartedAt: T('16:00'), steps: steps('running', T('16:21')) });
    const retryDated = status({
      cutoverStartedAt: T('16:00'),
      cutoverLastAttemptStartedAt: '2026-05-04T16:20:50Z',
      steps: steps('running', T('16:21')),
    });
    const after = fold([
      seen(firstRun, T('16:04')),
      seen(retry, T('16:22')),
      seen(retryDated, T('16:23')),
    ]);
    expect(after.history.attempts).toHaveLength(2);
    expect(after.history.attempts[0]).toMatchObject({ startedAt: T('16:00'), outcome: 'failed' });
    expect(after.history.attempts[1]).toMatchObject({ startedAt: '2026-05-04T16:20:50Z' });
    expect(after.history.attempts[1]?.startInferred).toBeUndefined();
    expect(after.notices).toHaveLength(1);
  });

  it('statuses without a start time keep updating the attempt they are about', () => {
    const undated = (result: string) =>
      status({ steps: [{ name: 'gitea-mirror', result, startedAt: T('16:21') }] });
    const inferred = fold([
      seen(undated('running'), T('16:22')),
      seen(undated('running'), T('16:23')),
    ]);
    expect(inferred.history.attempts).toEqual([
      {
        startedAt: T('16:21'),
        startInferred: true,
        outcome: 'running',
        lastStep: 'gitea-mirror',
        lastSeenAt: T('16:23'),
      },
    ]);
    // An attempt the console knows the start of is not started over by them either.
    const known = fold([
      frame('cutover-started', T('16:20'), {}, false),
      seen(undated('running'), T('16:22')),
    ]);
    expect(known.history.attempts).toEqual([
      {
        startedAt: T('16:20'),
        outcome: 'running',
        lastStep: 'gitea-mirror',
        lastSeenAt: T('16:22'),
      },
    ]);
    expect(known.notices).toEqual([]);
  });

  it('the first-run anchor older than an attempt already seen is added before it, as "unknown"', () => {
    const { history, notices } = fold([
      frame('cutover-started', T('16:27'), {}, false),
      seen(retriedStatus(), T('16:28')),
    ]);
    expect(history.attempts).toEqual([
      { startedAt: T('16:20'), outcome: 'unknown' },
      expect.objectContaining({ startedAt: T('16:27'), outcome: 'running' }),
    ]);
    expect(notices).toEqual([]);
  });

  it('the anchor alone, before any replay, is an attempt of unknown outcome', () => {
    const { history } = fold([seen(retriedStatus(), T('16:28'))]);
    expect(history.attempts[0]).toEqual({ startedAt: T('16:20'), outcome: 'unknown' });
  });

  it('an API that only dates the first run (cutoverStartedAt) moving on to a later one is a new run', () => {
    const run = (start: string, result: string) =>
      status({
        cutoverStartedAt: start,
        steps: [{ name: 'gitea-mirror', result, startedAt: start }],
      });
    const { history, notices } = fold([
      seen(run(T('16:20'), 'running'), T('16:21')),
      seen(run(T('16:27'), 'running'), T('16:28')),
    ]);
    expect(history.attempts.map((attempt) => attempt.startedAt)).toEqual([T('16:20'), T('16:27')]);
    expect(history.attempts[0]).toMatchObject({ outcome: 'interrupted', endedAt: T('16:21') });
    expect(notices).toHaveLength(1);
  });

  it('a retried run that went Sovereign, seen again, keeps both attempts', () => {
    const sovereign = parseCutoverStatus({
      state: 'sovereign',
      cutoverComplete: true,
      cutoverStartedAt: T('16:20'),
      cutoverLastAttemptStartedAt: T('16:27'),
      cutoverFinishedAt: T('16:40'),
    });
    const { history } = fold([
      seen(failedStatus(), T('16:24')),
      seen(sovereign, T('16:41')),
      seen(sovereign, T('16:42')),
    ]);
    expect(history.attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'succeeded']);
  });

  it('steps going back are dated by the first step start after the previous run, else when seen', () => {
    const firstRun = status({
      cutoverStartedAt: T('16:20'),
      steps: [
        { name: 'gitea-mirror', result: 'success', startedAt: T('16:20'), finishedAt: T('16:21') },
        { name: 'harbor-prewarm', result: 'failed', startedAt: T('16:22'), finishedAt: T('16:23') },
      ],
    });
    const retry = status({
      cutoverStartedAt: T('16:20'),
      steps: [
        { name: 'gitea-mirror', result: 'success', startedAt: T('16:20'), finishedAt: T('16:21') },
        { name: 'harbor-prewarm', result: 'running', startedAt: T('16:27') },
      ],
    });
    const reset = status({
      cutoverStartedAt: T('16:20'),
      steps: [
        { name: 'gitea-mirror', result: '' },
        { name: 'harbor-prewarm', result: '' },
      ],
    });
    const dated = fold([seen(firstRun, T('16:24')), seen(retry, T('16:29'))]).history;
    expect(dated.attempts[1]).toMatchObject({ startedAt: T('16:27'), startInferred: true });
    const seenOnly = fold([seen(firstRun, T('16:24')), seen(reset, T('16:29'))]);
    expect(seenOnly.history.attempts[1]).toMatchObject({
      startedAt: T('16:29'),
      startInferred: true,
      outcome: 'running',
    });
    expect(seenOnly.notices).toHaveLength(1);
  });

  it('keeps the latest status’s steps (status and times) to notice a reset', () => {
    const { history } = fold([seen(runningStatus(), T('16:24'))]);
    expect(history.steps).toEqual({
      'gitea-mirror': { status: 'done', startedAt: T('16:20'), finishedAt: T('16:21') },
      'harbor-projects': { status: 'done', startedAt: T('16:21'), finishedAt: T('16:22') },
      'harbor-prewarm': { status: 'running', startedAt: T('16:22') },
    });
    expect(fold([seen(status({}), T('16:00'))]).history.steps).toEqual({});
  });

  it('a done step reported again with a start inside its previous run is not a new run', () => {
    const step = (startedAt: string, finishedAt: string) =>
      status({
        cutoverStartedAt: T('16:20'),
        steps: [{ name: 'gitea-mirror', result: 'success', startedAt, finishedAt }],
      });
    const { history, notices } = fold([
      seen(step(T('16:20'), T('16:30')), T('16:31')),
      seen(step(T('16:25'), T('16:30')), T('16:32')),
    ]);
    expect(history.attempts).toHaveLength(1);
    expect(notices).toEqual([]);
  });
});

describe('stepsWentBack: edges', () => {
  it.each([
    [
      'a step the previous status did not have',
      { 'gitea-mirror': { status: 'done', startedAt: T('16:20'), finishedAt: T('16:21') } },
      [{ name: 'harbor-prewarm', result: '' }],
    ],
    [
      'a running step reported with a later start',
      { 'gitea-mirror': { status: 'running', startedAt: T('16:20') } },
      [{ name: 'gitea-mirror', result: 'running', startedAt: T('16:27') }],
    ],
    [
      'a step that started and finished at once (skipped), reported again',
      { 'gitea-mirror': { status: 'done', startedAt: T('16:21'), finishedAt: T('16:21') } },
      [{ name: 'gitea-mirror', result: 'skipped', startedAt: T('16:21'), finishedAt: T('16:21') }],
    ],
    [
      'a done step with a start between its old start and finish',
      { 'gitea-mirror': { status: 'done', startedAt: T('16:20'), finishedAt: T('16:30') } },
      [{ name: 'gitea-mirror', result: 'success', startedAt: T('16:25'), finishedAt: T('16:30') }],
    ],
  ] as const)('not a new run: %s', (_name, previous, steps) => {
    expect(stepsWentBack(previous, status({ steps }))).toBe(false);
  });

  it.each([
    [
      'a done step known only by its finish, started again later',
      { status: 'done', finishedAt: T('16:21') },
    ],
    [
      'a done step known only by its start, started again later',
      { status: 'done', startedAt: T('16:21') },
    ],
  ] as const)('a new run: %s', (_name, before) => {
    expect(
      stepsWentBack(
        { 'gitea-mirror': before },
        status({ steps: [{ name: 'gitea-mirror', result: 'running', startedAt: T('16:27') }] }),
      ),
    ).toBe(true);
  });
});

describe('observeAttempt: what a status says about its attempt', () => {
  const start = { cutoverStartedAt: T('16:20'), cutoverLastAttemptStartedAt: T('16:20') };

  it('without a current step, the running step is where it is', () => {
    const { history } = fold([
      seen(
        status({
          ...start,
          steps: [
            {
              name: 'gitea-mirror',
              result: 'success',
              startedAt: T('16:20'),
              finishedAt: T('16:21'),
            },
            { name: 'harbor-prewarm', result: 'running', startedAt: T('16:22') },
            { name: 'egress-block', result: '' },
          ],
        }),
        T('16:23'),
      ),
    ]);
    expect(history.attempts[0]?.lastStep).toBe('harbor-prewarm');
  });

  it('the current step the API names wins over the step rows', () => {
    const { history } = fold([
      seen(
        status({
          ...start,
          currentStep: 'harbor-prewarm',
          steps: [
            {
              name: 'gitea-mirror',
              result: 'success',
              startedAt: T('16:20'),
              finishedAt: T('16:21'),
            },
            { name: 'harbor-prewarm', result: '' },
          ],
        }),
        T('16:23'),
      ),
    ]);
    expect(history.attempts[0]?.lastStep).toBe('harbor-prewarm');
  });

  it('between steps, it is at the step that finished last', () => {
    const { history } = fold([
      seen(
        status({
          ...start,
          steps: [
            {
              name: 'gitea-mirror',
              result: 'success',
              startedAt: T('16:20'),
              finishedAt: T('16:21'),
            },
            {
              name: 'harbor-prewarm',
              result: 'success',
              startedAt: T('16:22'),
              finishedAt: T('16:25'),
            },
            {
              name: 'harbor-projects',
              result: 'success',
              startedAt: T('16:21'),
              finishedAt: T('16:23'),
            },
            { name: 'seaweedfs-migrate', result: 'success' },
            { name: 'egress-block', result: '' },
          ],
        }),
        T('16:26'),
      ),
    ]);
    expect(history.attempts[0]?.lastStep).toBe('harbor-prewarm');
  });

  it('with nothing to name, the step it was at stays', () => {
    const pending = status({ ...start, steps: [{ name: 'gitea-mirror', result: '' }] });
    const { history } = fold([seen(runningStatus(), T('16:23')), seen(pending, T('16:24'))]);
    expect(history.attempts[0]?.lastStep).toBe('harbor-prewarm');
  });

  it('a failure ends at the failed step’s finish, even when another step moved later', () => {
    const { history } = fold([
      seen(
        status({
          ...start,
          failedStep: 'harbor-prewarm',
          lastError: ERROR,
          steps: [
            {
              name: 'gitea-mirror',
              result: 'success',
              startedAt: T('16:20'),
              finishedAt: T('16:24'),
            },
            {
              name: 'harbor-prewarm',
              result: 'failed',
              startedAt: T('16:21'),
              finishedAt: T('16:23'),
            },
          ],
        }),
        T('16:30'),
      ),
    ]);
    expect(history.attempts[0]?.endedAt).toBe(T('16:23'));
  });

  it('a failure with no finished row ends at the time a frame gave, else the latest step time', () => {
    const stepless = status({
      ...start,
      failedStep: 'secondary-kubeconfigs',
      lastError: ERROR,
      steps: [
        { name: 'gitea-mirror', result: 'success', startedAt: T('16:20'), finishedAt: T('16:25') },
        {
          name: 'harbor-projects',
          result: 'success',
          startedAt: T('16:21'),
          finishedAt: T('16:22'),
        },
        { name: 'harbor-prewarm', result: '' },
      ],
    });
    const fromSteps = fold([seen(stepless, T('16:30'))]).history;
    expect(fromSteps.attempts[0]).toMatchObject({
      outcome: 'failed',
      failedStep: 'secondary-kubeconfigs',
      endedAt: T('16:25'),
    });
    const fromFrame = fold([
      seen(runningStatus(), T('16:22')),
      frame('cutover-step-failed', T('16:26'), { step: 'harbor-prewarm' }, false),
      seen(stepless, T('16:30')),
    ]).history;
    expect(fromFrame.attempts[0]?.endedAt).toBe(T('16:26'));
  });

  it('a Sovereign status without a finish time keeps the last time the run was seen', () => {
    const sovereign = parseCutoverStatus({
      state: 'sovereign',
      cutoverComplete: true,
      cutoverStartedAt: T('16:20'),
    });
    const { history } = fold([seen(runningStatus(), T('16:30')), seen(sovereign, T('16:45'))]);
    expect(history.attempts[0]).toMatchObject({
      outcome: 'succeeded',
      endedAt: T('16:45'),
      lastSeenAt: T('16:30'),
    });
  });
});

describe('observeAttempt: frames', () => {
  it('a frame with an unreadable time changes nothing', () => {
    const start = fold([frame('cutover-started', 'soon', {}, false)]);
    expect(start.history).toEqual(EMPTY_HISTORY);
    const before = fold([seen(runningStatus(), T('16:24'))]).history;
    expect(
      observeAttempt(before, frame('cutover-step-started', 'soon', { step: 'x' })).history,
    ).toBe(before);
  });

  it.each([
    ['a cutover-status snapshot', frame('cutover-status', T('16:30'))],
    ['cutover-already-complete', frame('cutover-already-complete', T('16:30'))],
    [
      'a cutover-started notice with a step',
      frame('cutover-started', T('16:30'), { step: 'gitea-mirror' }, false),
    ],
    ['a step-started frame without a step', frame('cutover-step-started', T('16:30'))],
    ['a step-finished frame without a step', frame('cutover-step-finished', T('16:30'))],
    [
      'a step-failed frame without a step',
      frame('cutover-step-failed', T('16:30'), { message: ERROR }),
    ],
  ])('%s is not news about a run: nothing changes', (_name, observation) => {
    const before = fold([seen(runningStatus(), T('16:24'))]).history;
    const result = observeAttempt(before, observation);
    expect(result.history).toBe(before);
    expect(Object.keys(result)).toEqual(['history']);
  });

  it.each([
    ['step-started', frame('cutover-step-started', T('16:30'), { step: 'egress-block' })],
    ['step-finished', frame('cutover-step-finished', T('16:30'), { step: 'harbor-prewarm' })],
  ])('a %s frame is a sign of life', (_name, observation) => {
    const before = fold([seen(runningStatus(), T('16:24'))]).history;
    expect(observeAttempt(before, observation).history.attempts[0]?.lastSeenAt).toBe(T('16:30'));
  });

  it('a step-started frame moves the attempt to that step, unless later news is known', () => {
    const before = fold([seen(runningStatus(), T('16:24'))]).history;
    const next = fold(
      [frame('cutover-step-started', T('16:30'), { step: 'egress-block' }, false)],
      before,
    ).history;
    expect(next.attempts[0]).toMatchObject({ lastStep: 'egress-block', lastSeenAt: T('16:30') });
    const old = fold(
      [frame('cutover-step-started', T('16:21'), { step: 'harbor-projects' })],
      before,
    ).history;
    expect(old.attempts[0]).toMatchObject({ lastStep: 'harbor-prewarm', lastSeenAt: T('16:24') });
  });

  it('a step starting in the second the previous one finished is where the run is', () => {
    const { history } = fold([
      frame('cutover-started', T('16:20')),
      frame('cutover-step-finished', T('16:22'), { step: 'harbor-projects' }),
      frame('cutover-step-started', T('16:22'), { step: 'harbor-prewarm' }),
    ]);
    expect(history.attempts[0]?.lastStep).toBe('harbor-prewarm');
  });

  it('the first step-started frame of an attempt known only by its start names its step', () => {
    // The status implies a run at 16:20; the replay holds only its start and its first step.
    const { history } = fold([
      seen(retriedStatus(), T('16:28')),
      frame('cutover-started', T('16:20')),
      frame('cutover-step-started', T('16:20'), { step: 'gitea-mirror' }),
    ]);
    expect(history.attempts[0]).toMatchObject({ lastStep: 'gitea-mirror', lastSeenAt: T('16:20') });
  });

  it('a live cutover-completed frame: the attempt succeeded at that time, no new attempt', () => {
    const { history, notices } = fold([
      seen(runningStatus(), T('16:24')),
      frame('cutover-completed', T('16:40'), {}, false),
    ]);
    expect(history.attempts).toEqual([
      {
        startedAt: T('16:20'),
        outcome: 'succeeded',
        endedAt: T('16:40'),
        lastStep: 'harbor-prewarm',
        lastSeenAt: T('16:40'),
      },
    ]);
    expect(notices).toEqual([]);
  });

  it('a late replayed frame does not move the last sign of life back', () => {
    const before = fold([seen(runningStatus(), T('16:26'))]).history;
    const after = fold(
      [frame('cutover-step-finished', T('16:21'), { step: 'gitea-mirror' })],
      before,
    ).history;
    expect(after.attempts[0]?.lastSeenAt).toBe(T('16:26'));
  });

  it('a step-failed frame without a message keeps the error known', () => {
    const before = fold([seen(failedStatus(), T('16:24'))]).history;
    const after = fold(
      [frame('cutover-step-failed', T('16:23'), { step: 'harbor-prewarm' })],
      before,
    ).history;
    expect(after.attempts[0]).toMatchObject({ outcome: 'failed', error: ERROR });
  });

  it('a failure message not in the engine’s "step X failed:" form is kept whole', () => {
    const { history } = fold([
      frame('cutover-started', T('16:20')),
      frame('cutover-step-failed', T('16:23'), { step: 'harbor-prewarm', message: ERROR }),
    ]);
    expect(history.attempts[0]).toMatchObject({ error: ERROR, failedStep: 'harbor-prewarm' });
  });

  it('a replayed cutover-started newer than the current run is history of unknown outcome', () => {
    const { history, notices } = fold([
      seen(failedStatus(), T('16:24')),
      frame('cutover-started', T('16:27')),
    ]);
    expect(history.attempts[1]).toEqual({
      startedAt: T('16:27'),
      outcome: 'unknown',
      lastSeenAt: T('16:27'),
    });
    expect(notices).toEqual([]);
  });

  it('a replayed cutover-started older than every known run is added before them', () => {
    const { history, notices } = fold([
      seen(retriedStatus(), T('16:28')),
      frame('cutover-started', T('16:10')),
    ]);
    expect(history.attempts).toEqual([
      { startedAt: T('16:10'), outcome: 'unknown', lastSeenAt: T('16:10') },
      { startedAt: T('16:20'), outcome: 'unknown' },
      expect.objectContaining({ startedAt: T('16:27'), outcome: 'running' }),
    ]);
    expect(notices).toEqual([]);
  });

  it('a replayed cutover-started between two known runs is a third run, not a new date', () => {
    const { history } = fold([
      seen(failedStatus(), T('16:24')),
      frame('cutover-started', T('16:40'), {}, false),
      frame('cutover-started', T('16:30')),
    ]);
    expect(history.attempts.map((attempt) => attempt.startedAt)).toEqual([
      T('16:20'),
      T('16:30'),
      T('16:40'),
    ]);
  });

  it('a live cutover-started after an "about" attempt is a new run, not its date', () => {
    const undated = status({
      steps: [{ name: 'gitea-mirror', result: 'running', startedAt: T('16:21') }],
    });
    const { history, notices } = fold([
      seen(undated, T('16:22')),
      frame('cutover-started', T('16:30'), {}, false),
    ]);
    expect(history.attempts).toEqual([
      expect.objectContaining({ startedAt: T('16:21'), startInferred: true }),
      expect.objectContaining({ startedAt: T('16:30'), outcome: 'running' }),
    ]);
    expect(notices).toHaveLength(1);
  });

  it('a step frame older than every known start adds an earlier "about" attempt', () => {
    const { history } = fold([
      frame('cutover-started', T('16:27'), {}, false),
      frame('cutover-step-finished', T('16:21'), { step: 'gitea-mirror' }),
    ]);
    expect(history.attempts).toEqual([
      { startedAt: T('16:21'), startInferred: true, outcome: 'unknown', lastSeenAt: T('16:21') },
      { startedAt: T('16:27'), outcome: 'running', lastSeenAt: T('16:27') },
    ]);
  });

  it(`with ${MAX_ATTEMPTS} attempts kept, a frame older than all of them changes nothing`, () => {
    const observations: AttemptObservation[] = [];
    for (let minute = 0; minute < MAX_ATTEMPTS; minute += 1) {
      const time = `2026-05-04T17:${String(minute).padStart(2, '0')}:00Z`;
      observations.push(frame('cutover-started', time));
    }
    const full = fold(observations).history;
    const result = observeAttempt(
      full,
      frame('cutover-step-finished', T('16:21'), { step: 'gitea-mirror' }),
    );
    expect(result.history).toBe(full);
  });

  it('a live cutover-started on an empty history is the first run, not news', () => {
    const { history, notices } = fold([frame('cutover-started', T('16:20'), {}, false)]);
    expect(history.attempts).toHaveLength(1);
    expect(notices).toEqual([]);
  });
});

describe('runDurations: edges', () => {
  const sovereign = (wire: Record<string, unknown>) =>
    parseCutoverStatus({ state: 'sovereign', cutoverComplete: true, steps: [], ...wire });

  it.each([
    ['no start time at all', sovereign({ cutoverFinishedAt: T('17:00') }), [], {}],
    [
      'a finish before the start (a skewed clock)',
      sovereign({ cutoverStartedAt: T('17:10'), cutoverFinishedAt: T('17:00') }),
      [],
      {},
    ],
    [
      'a finish in the second it started',
      sovereign({ cutoverStartedAt: T('17:00'), cutoverFinishedAt: T('17:00') }),
      [],
      { attemptMs: 0, totalMs: 0 },
    ],
    [
      'the earliest of the attempts seen, in any order',
      sovereign({ cutoverLastAttemptStartedAt: T('16:50'), cutoverFinishedAt: T('17:00') }),
      [
        { startedAt: T('16:30'), outcome: 'failed' as const },
        { startedAt: 'not a time', outcome: 'unknown' as const },
        { startedAt: T('16:10'), outcome: 'interrupted' as const },
        { startedAt: T('16:50'), outcome: 'succeeded' as const },
      ],
      { attemptMs: 10 * 60_000, totalMs: 50 * 60_000 },
    ],
    [
      'the API’s first start when it is the earliest',
      sovereign({
        cutoverStartedAt: T('16:00'),
        cutoverLastAttemptStartedAt: T('16:50'),
        cutoverFinishedAt: T('17:00'),
      }),
      [{ startedAt: T('16:10'), outcome: 'failed' as const }],
      { attemptMs: 10 * 60_000, totalMs: 60 * 60_000 },
    ],
  ])('%s', (_name, value, attempts, expected) => {
    expect(runDurations(value, attempts)).toStrictEqual(expected);
  });
});

describe('observeAttempt: an "about" attempt dated to the second it was inferred from', () => {
  const undated = () =>
    status({ steps: [{ name: 'gitea-mirror', result: 'running', startedAt: T('16:21') }] });

  it.each([
    [
      'a status',
      seen(
        status({
          cutoverLastAttemptStartedAt: T('16:21'),
          steps: [{ name: 'gitea-mirror', result: 'running', startedAt: T('16:21') }],
        }),
        T('16:23'),
      ),
    ],
    ['a cutover-started frame', frame('cutover-started', T('16:21'))],
  ])('%s naming that very start: no longer "about"', (_name, observation) => {
    const { history, notices } = fold([seen(undated(), T('16:22')), observation]);
    expect(history.attempts).toHaveLength(1);
    expect(history.attempts[0]?.startedAt).toBe(T('16:21'));
    expect(history.attempts[0]?.startInferred).toBeUndefined();
    expect(notices).toEqual([]);
  });

  it('a start equal to the attempt before it does not date the "about" one', () => {
    const before = { startedAt: T('16:21'), outcome: 'failed' as const };
    const inferred = { startedAt: T('16:30'), startInferred: true, outcome: 'running' as const };
    const history = { ...EMPTY_HISTORY, attempts: [before, inferred] };
    const result = observeAttempt(history, frame('cutover-started', T('16:21')));
    expect(result.history).toBe(history);
  });
});
