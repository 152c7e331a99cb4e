import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCutoverStatus } from '../cutover';
import { EMPTY_HISTORY } from '../attempts';
import { AttemptTracker, sessionStorageOrNone, type StorageLike } from './attempt-tracker';

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

/** A storage that counts its writes, to see what the tracker saves and when. */
function countingStorage() {
  const { storage, items } = memoryStorage();
  let writes = 0;
  const counting: StorageLike = {
    getItem: (key) => storage.getItem(key),
    setItem: (key, value) => {
      writes += 1;
      storage.setItem(key, value);
    },
  };
  return { storage: counting, items, writes: () => writes };
}

/** A clock that moves a minute on every read, so no two observations share a time. */
function tickingClock() {
  let now = Date.parse('2026-05-04T16:30:00Z');
  return () => (now += 60_000);
}

describe('AttemptTracker: only real news is saved and told', () => {
  it('a status it already saw, or none, changes nothing even as time passes', () => {
    const { storage, writes } = countingStorage();
    const tracker = new AttemptTracker({ storage, key: 'k', now: tickingClock() });
    let calls = 0;
    tracker.subscribe(() => {
      calls += 1;
    });
    tracker.observeStatus(failed);
    const seen = tracker.getSnapshot();
    tracker.observeStatus(failed);
    // The connection lost its data (a cleared cache): the history stays as it was.
    tracker.observeStatus(undefined);
    expect(tracker.getSnapshot()).toBe(seen);
    expect(calls).toBe(1);
    expect(writes()).toBe(1);
  });

  it('the same running status handed over again later is no new sign of life: its last-seen time stays', () => {
    const tracker = new AttemptTracker({ storage: undefined, key: 'k', now: tickingClock() });
    tracker.observeStatus(retried);
    const seen = tracker.getSnapshot();
    expect(seen.history.attempts.at(-1)?.outcome).toBe('running');
    // The connection notifies for other reasons too (a request in flight): same data, same object.
    tracker.observeStatus(retried);
    expect(tracker.getSnapshot()).toBe(seen);
  });

  it('a frame replayed again neither writes nor notifies', () => {
    const { storage, writes } = countingStorage();
    const tracker = new AttemptTracker({ storage, key: 'k' });
    let calls = 0;
    tracker.subscribe(() => {
      calls += 1;
    });
    const started = { phase: 'cutover-started', time: '2026-05-04T16:20:00Z' } as const;
    tracker.observeFrame(started, true);
    const seen = tracker.getSnapshot();
    tracker.observeFrame(started, true);
    expect(tracker.getSnapshot()).toBe(seen);
    expect(seen.history.attempts).toHaveLength(1);
    expect(calls).toBe(1);
    expect(writes()).toBe(1);
  });

  it('dismissing when there is no notice notifies no one', () => {
    const tracker = new AttemptTracker({ storage: undefined, key: 'k' });
    tracker.observeStatus(failed);
    const seen = tracker.getSnapshot();
    let calls = 0;
    tracker.subscribe(() => {
      calls += 1;
    });
    tracker.dismissNotice();
    expect(calls).toBe(0);
    expect(tracker.getSnapshot()).toBe(seen);
  });

  it('an unsubscribed listener hears nothing more', () => {
    const tracker = new AttemptTracker({ storage: undefined, key: 'k' });
    let calls = 0;
    const unsubscribe = tracker.subscribe(() => {
      calls += 1;
    });
    tracker.observeStatus(failed);
    unsubscribe();
    tracker.observeStatus(retried);
    expect(tracker.getSnapshot().history.attempts).toHaveLength(2);
    expect(calls).toBe(1);
  });

  it('following a source reads its status at once, then on every change it announces', () => {
    const tracker = new AttemptTracker({ storage: undefined, key: 'k' });
    let data: typeof failed | undefined = failed;
    const listeners = new Set<() => void>();
    tracker.follow({
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      getSnapshot: () => ({ data }),
    });
    expect(tracker.getSnapshot().history.attempts).toHaveLength(1);
    expect(tracker.getSnapshot().notice).toBeUndefined();
    data = retried;
    for (const listener of listeners) listener();
    expect(tracker.getSnapshot().history.attempts).toHaveLength(2);
    expect(tracker.getSnapshot().notice?.previous.failedStep).toBe('harbor-prewarm');
  });
});

describe('sessionStorageOrNone', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives the session storage where there is one', () => {
    expect(sessionStorageOrNone()).toBe(sessionStorage);
  });

  it('gives none where reading it throws (private mode, a sandboxed frame)', () => {
    vi.spyOn(window, 'sessionStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(sessionStorageOrNone()).toBeUndefined();
  });
});
