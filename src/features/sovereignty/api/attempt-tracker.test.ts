import { describe, expect, it } from 'vitest';
import { parseCutoverStatus } from '../cutover';
import { EMPTY_HISTORY } from '../attempts';
import { AttemptTracker, type StorageLike } from './attempt-tracker';

const failed = parseCutoverStatus({
  state: 'tethered',
  cutoverStartedAt: '2026-05-04T16:20:00Z',
  cutoverLastAttemptStartedAt: '2026-05-04T16:20:00Z',
  failedStep: 'harbor-prewarm',
  lastError: 'boom',
  steps: [{ name: 'harbor-prewarm', result: 'failed', startedAt: '2026-05-04T16:22:00Z' }],
});
const retried = parseCutoverStatus({
  state: 'tethered',
  cutoverStartedAt: '2026-05-04T16:20:00Z',
  cutoverLastAttemptStartedAt: '2026-05-04T16:27:00Z',
  steps: [{ name: 'harbor-prewarm', result: 'running', startedAt: '2026-05-04T16:27:00Z' }],
});

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  const storage: StorageLike = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
  return { storage, items };
}

const throwing: StorageLike = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
};

describe('AttemptTracker', () => {
  it('keeps the history under its key, and a new tracker (a reload) reads it back', () => {
    const { storage, items } = memoryStorage();
    const tracker = new AttemptTracker({ storage, key: 'k' });
    tracker.observeStatus(failed);
    tracker.observeStatus(retried);
    expect(tracker.getSnapshot().notice?.previous.failedStep).toBe('harbor-prewarm');
    expect(JSON.parse(items.get('k') ?? '{}')).toEqual(tracker.getSnapshot().history);
    const reloaded = new AttemptTracker({ storage, key: 'k' });
    expect(reloaded.getSnapshot().history.attempts).toHaveLength(2);
    // The notice is for the page that saw the change, not stored.
    expect(reloaded.getSnapshot().notice).toBeUndefined();
  });

  it('starts empty on corrupt storage, and works in memory when storage throws', () => {
    const corrupt = new AttemptTracker({
      storage: memoryStorage({ k: '{oops' }).storage,
      key: 'k',
    });
    expect(corrupt.getSnapshot().history).toEqual(EMPTY_HISTORY);
    const privateMode = new AttemptTracker({ storage: throwing, key: 'k' });
    privateMode.observeStatus(failed);
    privateMode.observeStatus(retried);
    expect(privateMode.getSnapshot().history.attempts).toHaveLength(2);
    const none = new AttemptTracker({ storage: undefined, key: 'k' });
    none.observeStatus(failed);
    expect(none.getSnapshot().history.attempts).toHaveLength(1);
  });

  it('dismissing the notice keeps the history; subscribers hear each change once', () => {
    const tracker = new AttemptTracker({ storage: undefined, key: 'k' });
    let calls = 0;
    tracker.subscribe(() => {
      calls += 1;
    });
    tracker.observeStatus(failed);
    tracker.observeStatus(failed); // the same object: nothing to do
    tracker.observeStatus(retried);
    expect(calls).toBe(2);
    tracker.dismissNotice();
    expect(tracker.getSnapshot().notice).toBeUndefined();
    expect(tracker.getSnapshot().history.attempts).toHaveLength(2);
    expect(calls).toBe(3);
  });

  it('follows a status source and learns from frames', () => {
    const tracker = new AttemptTracker({ storage: undefined, key: 'k' });
    let data: typeof failed | undefined = retried;
    const listeners = new Set<() => void>();
    const unfollow = tracker.follow({
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      getSnapshot: () => ({ data }),
    });
    tracker.observeFrame(
      {
        phase: 'cutover-step-failed',
        time: '2026-05-04T16:23:00Z',
        step: 'harbor-prewarm',
        message: 'step harbor-prewarm failed: boom',
      },
      true,
    );
    expect(tracker.getSnapshot().history.attempts[0]).toMatchObject({
      outcome: 'failed',
      error: 'boom',
    });
    unfollow();
    expect(listeners.size).toBe(0);
    data = undefined;
  });
});
