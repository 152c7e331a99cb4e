import { describe, expect, it } from 'vitest';
import { CutoverParseError, TETHERED, parseCutoverStatus, type CutoverStatus } from './cutover';
import {
  applyRunStarted,
  applySnapshot,
  applyStepEvent,
  parseCutoverEvent,
  type CutoverEvent,
} from './events';

const T = (minute: number) => `2026-05-04T10:${String(minute).padStart(2, '0')}:00Z`;

const status = (steps: unknown[], extra: Record<string, unknown> = {}): CutoverStatus =>
  parseCutoverStatus({ state: 'tethered', steps, ...extra });

const event = (
  phase: CutoverEvent['phase'],
  minute: number,
  step?: string,
  message?: string,
): CutoverEvent => ({
  phase,
  time: T(minute),
  ...(step ? { step } : {}),
  ...(message ? { message } : {}),
});

describe('parseCutoverEvent', () => {
  it('reads the frames of docs/cutover-contract.md §7', () => {
    expect(
      parseCutoverEvent(
        'cutover-step-started',
        '{"time":"2026-05-04T10:00:00Z","phase":"cutover-step-started","level":"info","message":"step gitea-mirror started (job)","step":"gitea-mirror","jobName":"cutover-gitea-mirror-1777888800"}',
      ),
    ).toEqual({
      time: '2026-05-04T10:00:00Z',
      phase: 'cutover-step-started',
      level: 'info',
      message: 'step gitea-mirror started (job)',
      step: 'gitea-mirror',
      jobName: 'cutover-gitea-mirror-1777888800',
    });
  });

  it('normalises legacy step ids and takes the phase from the event name when the payload has none', () => {
    expect(
      parseCutoverEvent('cutover-step-finished', '{"time":"t","step":"helmrepo-patches"}'),
    ).toMatchObject({
      phase: 'cutover-step-finished',
      step: 'helmrepository-patches',
    });
  });

  it('rejects frames it cannot read with a CutoverParseError', () => {
    expect(() => parseCutoverEvent('cutover-step-started', 'not json')).toThrow(CutoverParseError);
    expect(() => parseCutoverEvent('cutover-step', '{"time":"t"}')).toThrow(CutoverParseError);
    expect(() =>
      parseCutoverEvent('cutover-step-started', '{"phase":"cutover-step-started"}'),
    ).toThrow(CutoverParseError);
  });
});

describe('applyStepEvent (rule 9: old news never moves a step backwards)', () => {
  const seeded = status([{ name: 'gitea-mirror', result: '' }]);

  it('moves a step forward: pending → running → done, with the frame times', () => {
    const running = applyStepEvent(seeded, event('cutover-step-started', 0, 'gitea-mirror'));
    expect(running.steps).toEqual([{ id: 'gitea-mirror', status: 'running', startedAt: T(0) }]);
    const done = applyStepEvent(running, event('cutover-step-finished', 2, 'gitea-mirror'));
    expect(done.steps).toEqual([
      { id: 'gitea-mirror', status: 'done', startedAt: T(0), finishedAt: T(2) },
    ]);
  });

  it('keeps the Job a started frame names, through finish; a re-run names its new Job', () => {
    const running = applyStepEvent(seeded, {
      ...event('cutover-step-started', 0, 'gitea-mirror'),
      jobName: 'cutover-gitea-mirror-1',
    });
    expect(running.steps).toEqual([
      { id: 'gitea-mirror', status: 'running', startedAt: T(0), jobName: 'cutover-gitea-mirror-1' },
    ]);
    const failed = applyStepEvent(running, event('cutover-step-failed', 2, 'gitea-mirror', 'x'));
    expect(failed.steps[0]?.jobName).toBe('cutover-gitea-mirror-1');
    const rerun = applyStepEvent(failed, {
      ...event('cutover-step-started', 3, 'gitea-mirror'),
      jobName: 'cutover-gitea-mirror-2',
    });
    expect(rerun.steps[0]).toMatchObject({ status: 'running', jobName: 'cutover-gitea-mirror-2' });
    // A started frame without a jobName keeps the one the status already had.
    const again = applyStepEvent(failed, event('cutover-step-started', 3, 'gitea-mirror'));
    expect(again.steps[0]?.jobName).toBe('cutover-gitea-mirror-1');
  });

  it('ignores a replayed start of a step that has finished since', () => {
    const done = status([
      { name: 'gitea-mirror', result: 'success', startedAt: T(0), finishedAt: T(2) },
    ]);
    expect(applyStepEvent(done, event('cutover-step-started', 0, 'gitea-mirror'))).toBe(done);
    expect(applyStepEvent(done, event('cutover-step-finished', 2, 'gitea-mirror'))).toBe(done);
  });

  it('ignores a replayed failure of an earlier attempt once the step was started again', () => {
    const retried = status([{ name: 'harbor-prewarm', result: 'running', startedAt: T(10) }]);
    expect(applyStepEvent(retried, event('cutover-step-failed', 5, 'harbor-prewarm', 'boom'))).toBe(
      retried,
    );
  });

  it('a live failure marks the step failed and carries the message as the run error', () => {
    const running = status([{ name: 'harbor-prewarm', result: 'running', startedAt: T(1) }]);
    const failed = applyStepEvent(
      running,
      event('cutover-step-failed', 3, 'harbor-prewarm', 'step failed: x'),
    );
    expect(failed).toMatchObject({ failedStep: 'harbor-prewarm', lastError: 'step failed: x' });
    expect(failed.steps[0]).toMatchObject({
      status: 'failed',
      startedAt: T(1),
      finishedAt: T(3),
      message: 'step failed: x',
    });
  });

  it('a step started again after a failure, later than it failed, is running again', () => {
    const failed = status([
      { name: 'harbor-prewarm', result: 'failed', startedAt: T(1), finishedAt: T(3) },
    ]);
    expect(
      applyStepEvent(failed, event('cutover-step-started', 4, 'harbor-prewarm')).steps[0],
    ).toMatchObject({
      status: 'running',
      startedAt: T(4),
    });
  });

  it('ignores frames older than the attempt the status is about (a reset row stays pending)', () => {
    const retried = status([{ name: 'harbor-prewarm', result: '' }], {
      cutoverLastAttemptStartedAt: T(30),
    });
    expect(applyStepEvent(retried, event('cutover-step-failed', 2, 'harbor-prewarm', 'old'))).toBe(
      retried,
    );
    expect(applyStepEvent(retried, event('cutover-step-started', 2, 'harbor-prewarm'))).toBe(
      retried,
    );
    expect(
      applyStepEvent(retried, event('cutover-step-started', 31, 'harbor-prewarm')).steps[0]?.status,
    ).toBe('running');
  });

  it('appends a step the status did not list, and never touches a Sovereign status', () => {
    expect(
      applyStepEvent(status([]), event('cutover-step-started', 0, 'gitea-mirror')).steps,
    ).toHaveLength(1);
    const sovereign = parseCutoverStatus({ state: 'sovereign', steps: [] });
    expect(applyStepEvent(sovereign, event('cutover-step-started', 0, 'gitea-mirror'))).toBe(
      sovereign,
    );
  });

  it('returns the same object when nothing changes (no re-render)', () => {
    const running = status([{ name: 'gitea-mirror', result: 'running', startedAt: T(0) }]);
    expect(applyStepEvent(running, event('cutover-step-started', 0, 'gitea-mirror'))).toBe(running);
    expect(applyStepEvent(running, event('cutover-step-finished', 1))).toBe(running);
  });
});

describe('applyRunStarted', () => {
  it('a newer run clears the previous failure', () => {
    const failed = status([], {
      failedStep: 'harbor-prewarm',
      lastError: 'boom',
      cutoverLastAttemptStartedAt: T(0),
    });
    const next = applyRunStarted(failed, event('cutover-started', 5));
    expect(next.failedStep).toBeUndefined();
    expect(next.lastError).toBeUndefined();
    expect(next.lastAttemptStartedAt).toBe(T(5));
  });

  it('a replayed start of an older attempt changes nothing', () => {
    const failed = status([], {
      failedStep: 'harbor-prewarm',
      lastError: 'boom',
      cutoverLastAttemptStartedAt: T(5),
    });
    expect(applyRunStarted(failed, event('cutover-started', 0))).toBe(failed);
  });
});

describe('applySnapshot', () => {
  const snapshot = (map: Record<string, string>): CutoverEvent => ({
    phase: 'cutover-status',
    time: T(9),
    message: JSON.stringify(map),
  });

  it('is authoritative, including a legitimate reset of a retried run', () => {
    const failed = status([{ name: 'harbor-prewarm', result: 'failed' }], {
      failedStep: 'harbor-prewarm',
    });
    const next = applySnapshot(
      failed,
      snapshot({ cutoverComplete: 'false', 'step.harbor-prewarm.result': 'running' }),
    );
    expect(next?.steps).toEqual([{ id: 'harbor-prewarm', status: 'running' }]);
    expect(next?.failedStep).toBeUndefined();
  });

  it('reads cutoverComplete "true" as sovereign', () => {
    expect(applySnapshot(undefined, snapshot({ cutoverComplete: 'true' }))?.state).toBe(
      'sovereign',
    );
  });

  it('never flips a Sovereign status back to Tethered (a reverted ConfigMap behind the seal)', () => {
    const sovereign = parseCutoverStatus({ state: 'sovereign', steps: [] });
    expect(applySnapshot(sovereign, snapshot({ cutoverComplete: 'false' }))).toBe(sovereign);
  });

  it('keeps the status when the snapshot cannot be read', () => {
    const current = status([]);
    expect(applySnapshot(current, { phase: 'cutover-status', time: T(1), message: '{oops' })).toBe(
      current,
    );
    expect(applySnapshot(current, { phase: 'cutover-status', time: T(1), message: '[1]' })).toBe(
      current,
    );
  });
});

describe('applyStepEvent keeps one record per step id', () => {
  // A status put together by hand can carry an id twice; the parser never gives one.
  const twice: CutoverStatus = {
    state: TETHERED,
    cutoverComplete: false,
    steps: [
      { id: 'gitea-mirror', status: 'done', startedAt: T(0), finishedAt: T(2) },
      { id: 'harbor-projects', status: 'pending' },
      { id: 'harbor-projects', status: 'running', startedAt: T(2) },
    ],
  };

  it('replaces every record of the step with one, in the place of the first', () => {
    const next = applyStepEvent(twice, event('cutover-step-finished', 4, 'harbor-projects'));
    expect(next.steps).toEqual([
      { id: 'gitea-mirror', status: 'done', startedAt: T(0), finishedAt: T(2) },
      { id: 'harbor-projects', status: 'done', startedAt: T(2), finishedAt: T(4) },
    ]);
  });

  it('judges a frame against the most advanced record of the step', () => {
    // The running record (started 10:02) knows more than the pending one: a replayed start of
    // 10:01 is old news, and a second start while running changes nothing.
    expect(applyStepEvent(twice, event('cutover-step-started', 1, 'harbor-projects'))).toBe(twice);
    expect(applyStepEvent(twice, event('cutover-step-started', 3, 'harbor-projects'))).toBe(twice);
  });

  it('gives a step id with an invisible character a record of its own', () => {
    const seeded = status([{ name: 'gitea-mirror', result: '' }]);
    const next = applyStepEvent(
      seeded,
      parseCutoverEvent(
        'cutover-step-started',
        JSON.stringify({ time: T(1), step: 'gitea\u200b-mirror' }),
      ),
    );
    expect(next.steps).toEqual([
      { id: 'gitea-mirror', status: 'pending' },
      { id: 'gitea\u200b-mirror', status: 'running', startedAt: T(1) },
    ]);
  });
});

describe('parseCutoverEvent: which phase, and what a refusal says', () => {
  it('keeps the payload phase over the event name (a frame named "error" is still a frame, §7)', () => {
    const data = JSON.stringify({
      time: T(1),
      phase: 'cutover-step-started',
      step: 'gitea-mirror',
    });
    expect(parseCutoverEvent('error', data).phase).toBe('cutover-step-started');
    expect(parseCutoverEvent('cutover-step-failed', data).phase).toBe('cutover-step-started');
  });

  it.each([
    ['null', 'null'],
    ['a string', '"cutover-step-started"'],
    ['a number', '42'],
  ])('refuses a payload that is %s with a CutoverParseError', (_kind, data) => {
    expect(() => parseCutoverEvent('cutover-step-started', data)).toThrow(CutoverParseError);
  });

  it('says which frame it refused and why: data that is not JSON', () => {
    const error = catchParseError(() => parseCutoverEvent('cutover-step-started', 'not json'));
    expect(error.subject).toBe('CutoverEvent');
    expect(error.preview).toBe('"not json"');
    expect(error.message).toBe('invalid CutoverEvent: not JSON');
  });

  it('says which frame it refused and why: JSON of the wrong shape, named by its event', () => {
    const error = catchParseError(() => parseCutoverEvent('cutover-step', '{"time":"t"}'));
    expect(error.subject).toBe('CutoverEvent');
    expect(error.preview).toBe('"cutover-step"');
    expect(error.message).toBe('invalid CutoverEvent: unexpected shape');
  });
});

function catchParseError(run: () => unknown): CutoverParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof CutoverParseError) return error;
    throw error;
  }
  throw new Error('expected a CutoverParseError');
}

describe('applyStepEvent at the edges', () => {
  it('a frame with a time it cannot read changes nothing', () => {
    const seeded = status([{ name: 'gitea-mirror', result: '' }]);
    const unreadable: CutoverEvent = {
      phase: 'cutover-step-started',
      time: 'yesterday',
      step: 'gitea-mirror',
    };
    expect(applyStepEvent(seeded, unreadable)).toBe(seeded);
  });

  it('a step started at the very instant its attempt began belongs to that attempt', () => {
    const retried = status([{ name: 'harbor-prewarm', result: '' }], {
      cutoverLastAttemptStartedAt: T(30),
    });
    expect(
      applyStepEvent(retried, event('cutover-step-started', 30, 'harbor-prewarm')).steps[0],
    ).toEqual({ id: 'harbor-prewarm', status: 'running', startedAt: T(30) });
  });

  it('a start at the same instant as the last finish is that run replayed, not a retry', () => {
    const done = status([
      { name: 'gitea-mirror', result: 'success', startedAt: T(0), finishedAt: T(2) },
    ]);
    expect(applyStepEvent(done, event('cutover-step-started', 2, 'gitea-mirror'))).toBe(done);
    const failed = status([
      { name: 'harbor-prewarm', result: 'failed', startedAt: T(1), finishedAt: T(3) },
    ]);
    expect(applyStepEvent(failed, event('cutover-step-started', 3, 'harbor-prewarm'))).toBe(failed);
  });

  it('a failure at the instant a step finished is old news: the step stays done', () => {
    const done = status([
      { name: 'gitea-mirror', result: 'success', startedAt: T(0), finishedAt: T(2) },
    ]);
    expect(applyStepEvent(done, event('cutover-step-failed', 2, 'gitea-mirror', 'x'))).toBe(done);
  });

  it('a later finish of a step already done keeps the first finish (never rewrites history)', () => {
    const done = status([
      { name: 'gitea-mirror', result: 'success', startedAt: T(0), finishedAt: T(2) },
    ]);
    expect(applyStepEvent(done, event('cutover-step-finished', 5, 'gitea-mirror'))).toBe(done);
  });

  it('a failure without a message still says the step failed', () => {
    const running = status([{ name: 'harbor-prewarm', result: 'running', startedAt: T(1) }]);
    const failed = applyStepEvent(running, event('cutover-step-failed', 3, 'harbor-prewarm'));
    expect(failed.lastError).toBe('the step failed');
    expect(failed.steps[0]?.message).toBe('the step failed');
  });

  it.each(['cutover-started', 'cutover-completed', 'cutover-already-complete', 'cutover-status'])(
    'a %s frame that names a step does not move that step',
    (phase) => {
      const running = status([{ name: 'gitea-mirror', result: 'running', startedAt: T(0) }]);
      const frame = event(phase as CutoverEvent['phase'], 4, 'gitea-mirror');
      expect(applyStepEvent(running, frame)).toBe(running);
    },
  );
});

describe('applyRunStarted at the edges', () => {
  it('the first run seen also dates the first attempt; a later run keeps that date', () => {
    const fresh = status([]);
    const first = applyRunStarted(fresh, event('cutover-started', 5));
    expect(first).toMatchObject({ startedAt: T(5), lastAttemptStartedAt: T(5) });
    const second = applyRunStarted(first, event('cutover-started', 9));
    expect(second).toMatchObject({ startedAt: T(5), lastAttemptStartedAt: T(9) });
  });

  it('the replayed start of the attempt the status knows changes nothing', () => {
    const failed = status([], {
      failedStep: 'harbor-prewarm',
      lastError: 'boom',
      cutoverLastAttemptStartedAt: T(5),
    });
    expect(applyRunStarted(failed, event('cutover-started', 5))).toBe(failed);
  });

  it('a start frame with a time it cannot read changes nothing', () => {
    const failed = status([], {
      failedStep: 'harbor-prewarm',
      lastError: 'boom',
      cutoverLastAttemptStartedAt: T(5),
    });
    const unreadable: CutoverEvent = { phase: 'cutover-started', time: 'soon' };
    expect(applyRunStarted(failed, unreadable)).toBe(failed);
    expect(applyRunStarted(status([]), unreadable)).toEqual(status([]));
  });

  it('never touches a Sovereign status, even with a newer start', () => {
    const sovereign = parseCutoverStatus({
      state: 'sovereign',
      cutoverLastAttemptStartedAt: T(0),
      steps: [],
    });
    expect(applyRunStarted(sovereign, event('cutover-started', 5))).toBe(sovereign);
  });
});

describe('applySnapshot on a Sovereign status', () => {
  it('takes a Sovereign snapshot: it is authoritative as long as it stays Sovereign', () => {
    const sovereign = parseCutoverStatus({ state: 'sovereign', steps: [] });
    const next = applySnapshot(sovereign, {
      phase: 'cutover-status',
      time: T(9),
      message: JSON.stringify({ cutoverComplete: 'true', cutoverFinishedAt: T(8) }),
    });
    expect(next).not.toBe(sovereign);
    expect(next).toMatchObject({ state: 'sovereign', finishedAt: T(8) });
  });
});
