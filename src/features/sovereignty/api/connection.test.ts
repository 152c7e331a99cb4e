import { QueryClient } from '@tanstack/query-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { parseCutoverStatus, type CutoverStatus } from '../cutover';
import {
  CutoverConnection,
  HIDDEN_CLOSE_MS,
  SNAPSHOT_TIMEOUT_MS,
  STREAM_STABLE_MS,
  INITIAL_FETCH_MAX_AGE_MS,
  type EventSourceLike,
  type InitialStatusFetch,
} from './connection';
import { cutoverStatusQueryKey } from './get-cutover-status';

/**
 * The connection's request schedule, fault by fault, with fake timers, a fake EventSource and a
 * fixed jitter draw. With `random` = 0.5 every delay is its nominal value: back-off 5, 10, 20, 40,
 * then 75 s; with 0 it is the shortest draw (-20 %): 4, 8, 16, 32, then 60 s.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

const waitingStatus = () => parseCutoverStatus({ state: 'tethered', cutoverComplete: false });
const cuttingOverStatus = () =>
  parseCutoverStatus({
    state: 'tethered',
    steps: [
      { name: 'gitea-mirror', status: 'done', startedAt: '2026-05-04T10:00:00Z' },
      { name: 'harbor-projects', status: 'running', startedAt: '2026-05-04T10:01:00Z' },
    ],
  });
const sovereignStatus = () => parseCutoverStatus({ state: 'sovereign', cutoverComplete: true });

class FakeStream implements EventSourceLike {
  private readonly listeners = new Map<string, Set<(event: Event) => void>>();
  closed = false;
  addEventListener(type: string, listener: (event: Event) => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }
  close(): void {
    this.closed = true;
  }
  listenerCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
  dispatch(event: Event): void {
    for (const listener of this.listeners.get(event.type) ?? []) listener(event);
  }
  frame(phase: string, payload: Record<string, unknown>): void {
    const data = JSON.stringify({
      time: new Date().toISOString(),
      phase,
      level: 'info',
      ...payload,
    });
    this.dispatch(new MessageEvent(phase, { data }));
  }
  snapshot(map: Record<string, string> = { cutoverComplete: 'false' }): void {
    this.frame('cutover-status', { message: JSON.stringify(map) });
  }
  /** The transport failed (refused, dropped, reset): a plain Event, as browsers dispatch it. */
  fail(): void {
    this.dispatch(new Event('error'));
  }
}

type Answer = CutoverStatus | Error | (() => CutoverStatus | Error | Promise<CutoverStatus>);

interface HarnessOptions {
  random?: number;
  stream?: boolean;
  visible?: boolean;
  /** What each new stream does right after it is opened. */
  onStream?: (stream: FakeStream) => void;
}

function harness(initial: Answer, options: HarnessOptions = {}) {
  let answer: Answer = initial;
  const statusAt: number[] = [];
  const streamAt: number[] = [];
  const streams: FakeStream[] = [];
  let visible = options.visible ?? true;
  const visibilityListeners = new Set<() => void>();
  const queryClient = new QueryClient();
  const start = Date.now();
  const connection = new CutoverConnection({
    queryClient,
    fetchStatus: () => {
      statusAt.push(Date.now() - start);
      const current = typeof answer === 'function' ? answer() : answer;
      if (current instanceof Promise) return current;
      return current instanceof Error ? Promise.reject(current) : Promise.resolve(current);
    },
    openStream:
      options.stream === false
        ? undefined
        : () => {
            const stream = new FakeStream();
            streamAt.push(Date.now() - start);
            streams.push(stream);
            queueMicrotask(() => options.onStream?.(stream));
            return stream;
          },
    random: () => options.random ?? 0.5,
    visibility: {
      isVisible: () => visible,
      subscribe: (listener) => {
        visibilityListeners.add(listener);
        return () => visibilityListeners.delete(listener);
      },
    },
  });
  const setVisible = (next: boolean) => {
    visible = next;
    for (const listener of visibilityListeners) listener();
  };
  return {
    connection,
    queryClient,
    statusAt,
    streamAt,
    streams,
    setVisible,
    visibilityListeners,
    latest: () => streams.at(-1)!,
    answer: (next: Answer) => {
      answer = next;
    },
    /** Seconds, for readable expectations. */
    statusSeconds: () => statusAt.map((ms) => ms / SECOND),
    streamSeconds: () => streamAt.map((ms) => ms / SECOND),
  };
}

/** What getCutoverStatus throws for `state: "pending"`: the branded parser's error. */
function invalidState(): Error {
  try {
    parseCutoverStatus({ state: 'pending' });
  } catch (error) {
    return error as Error;
  }
  throw new Error('the parser accepted "pending"');
}

/** Every stream sends its snapshot at once: healthy. */
const LIVE_STREAM: HarnessOptions = {
  onStream: (stream) => {
    stream.snapshot();
  },
};

const serverError = () => new ApiError('http', 'HTTP 500', { status: 500, detail: 'boom' });
const refused = () => new ApiError('network', 'could not reach the catalyst-api');
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

/** 0, 5, 15, 35, 75, then every 75 s: the nominal back-off from a first failure at 0. */
function nominalBackoffTimes(untilSeconds: number, from = 0): number[] {
  const times = [from];
  const delays = [5, 10, 20, 40];
  let t = from;
  for (;;) {
    t += delays.shift() ?? 75;
    if (t > untilSeconds) return times;
    times.push(t);
  }
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-05-04T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('while /status fails', () => {
  it.each([
    ['500 JSON', serverError, 'unavailable'],
    [
      '502 HTML page',
      () => new ApiError('http', 'HTTP 502', { status: 502, html: true }),
      'unavailable',
    ],
    ['connection refused', refused, 'unavailable'],
    ['timeout', () => new ApiError('timeout', 'no answer within 10 s'), 'unavailable'],
    ['reset mid-body', () => new ApiError('interrupted', 'the connection dropped'), 'unavailable'],
    ['invalid state on the first answer', invalidState, 'invalid'],
  ])(
    '%s: back-off 5, 10, 20, 40 s, then 75 s, for 30 minutes; no stream',
    async (_name, fault, kind) => {
      const api = harness(fault);
      api.connection.start();
      await advance(30 * MINUTE);
      expect(api.statusSeconds()).toEqual(nominalBackoffTimes(30 * 60));
      expect(api.streamAt).toEqual([]);
      const snapshot = api.connection.getSnapshot();
      expect(snapshot.problem?.kind).toBe(kind);
      expect(snapshot.failures).toBe(api.statusAt.length);
      expect(snapshot.data).toBeUndefined();
      expect(snapshot.stream).toBe('off');
      api.connection.stop();
    },
  );

  it('keeps the same schedule with cached data, and closes the stream as suspect', async () => {
    const api = harness(waitingStatus(), LIVE_STREAM);
    api.connection.start();
    await advance(0);
    expect(api.connection.getSnapshot().stream).toBe('live');
    api.answer(serverError());
    await advance(60 * SECOND); // the safety-net poll, 60 s after the last news
    expect(api.statusSeconds()).toEqual([0, 60]);
    expect(api.latest().closed).toBe(true);
    expect(api.connection.getSnapshot().stream).toBe('off');
    await advance(30 * MINUTE);
    expect(api.statusSeconds()).toEqual([0, ...nominalBackoffTimes(31 * 60, 60)]);
    expect(api.streamAt).toEqual([0]); // no stream attempt while /status fails
    const snapshot = api.connection.getSnapshot();
    expect(snapshot.data).toEqual(waitingStatus());
    expect(snapshot.problem?.kind).toBe('unavailable');
    api.connection.stop();
  });

  it('never asks more than once a minute at the ceiling, whatever the jitter draws', async () => {
    for (const random of [0, 0.999]) {
      const api = harness(refused(), { random });
      api.connection.start();
      await advance(2 * 60 * MINUTE);
      const gaps = api.statusAt.slice(5).map((at, i) => at - api.statusAt[i + 4]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MINUTE);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(90 * SECOND);
      const lastHour = api.statusAt.filter((at) => at > 60 * MINUTE);
      expect(lastHour.length).toBeLessThanOrEqual(60);
      expect(lastHour.length).toBeGreaterThanOrEqual(40);
      api.connection.stop();
    }
  });

  it('honours Retry-After on a 503 when it is longer than the back-off', async () => {
    const api = harness(
      new ApiError('http', 'HTTP 503', { status: 503, retryAfterMs: 120 * SECOND }),
    );
    api.connection.start();
    await advance(10 * MINUTE);
    expect(api.statusSeconds()).toEqual([0, 120, 240, 360, 480, 600]);
    api.connection.stop();
  });

  it('recovers: the next answer clears the problem and the stream reopens', async () => {
    const api = harness(serverError(), LIVE_STREAM);
    api.connection.start();
    await advance(15 * SECOND);
    expect(api.statusSeconds()).toEqual([0, 5, 15]);
    api.answer(waitingStatus());
    await advance(20 * SECOND);
    expect(api.statusSeconds()).toEqual([0, 5, 15, 35]);
    expect(api.streamSeconds()).toEqual([35]);
    const snapshot = api.connection.getSnapshot();
    expect(snapshot.problem).toBeUndefined();
    expect(snapshot.failures).toBe(0);
    expect(snapshot.stream).toBe('live');
    api.connection.stop();
  });

  it('Retry now skips the back-off once; a click during a request joins it', async () => {
    const api = harness(serverError(), { stream: false });
    api.connection.start();
    await advance(20 * SECOND); // 0, 5, 15: next at 35
    await api.connection.retryNow();
    expect(api.statusSeconds()).toEqual([0, 5, 15, 20]);
    expect(api.connection.getSnapshot().failures).toBe(4);
    // After the click the back-off carries on from its streak: 40 s later.
    await advance(40 * SECOND);
    expect(api.statusSeconds()).toEqual([0, 5, 15, 20, 60]);
    api.connection.stop();
  });
});

describe('answers that wait for something else', () => {
  it('404: re-checked about once a minute (75 s nominal), stale data dropped from view', async () => {
    const api = harness(new ApiError('http', 'HTTP 404', { status: 404 }));
    api.connection.start();
    await advance(30 * MINUTE);
    expect(api.statusSeconds()).toEqual(
      Array.from({ length: 25 }, (_, i) => i * 75).filter((s) => s <= 1800),
    );
    expect(api.connection.getSnapshot().failures).toBe(0);
    api.connection.stop();
  });

  it.each([
    [401, 'signed-out'],
    [403, 'forbidden'],
  ])(
    '%i: no polling, no stream; one re-check when the tab is shown again',
    async (status, kind) => {
      const api = harness(new ApiError('http', `HTTP ${status}`, { status }));
      api.connection.start();
      await advance(30 * MINUTE);
      expect(api.statusSeconds()).toEqual([0]);
      expect(api.connection.getSnapshot().problem?.kind).toBe(kind);
      api.setVisible(false);
      api.setVisible(true);
      await advance(0);
      expect(api.statusSeconds()).toEqual([0, 30 * 60]);
      api.connection.stop();
    },
  );
});

describe('the event stream', () => {
  it('healthy: one stream, Live only after its snapshot, a 60 s safety-net poll', async () => {
    const api = harness(waitingStatus());
    api.connection.start();
    await advance(0);
    expect(api.connection.getSnapshot().stream).toBe('connecting');
    api.latest().snapshot();
    expect(api.connection.getSnapshot().stream).toBe('live');
    await advance(30 * MINUTE);
    expect(api.streamSeconds()).toEqual([0]);
    expect(api.statusSeconds()).toEqual(Array.from({ length: 31 }, (_, i) => i * 60));
    api.connection.stop();
  });

  it('frames that change nothing do not write the cache nor postpone the safety net', async () => {
    const api = harness(cuttingOverStatus());
    api.connection.start();
    await advance(0);
    api.latest().snapshot({
      'step.gitea-mirror.result': 'success',
      'step.harbor-projects.result': 'running',
    });
    const writes = vi.fn();
    const unsubscribe = api.queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'success') writes();
    });
    await advance(30 * SECOND);
    // A replayed "started" for a step the status already has running: old news.
    api.latest().frame('cutover-step-started', {
      time: '2026-05-04T09:59:00Z',
      step: 'harbor-projects',
    });
    await advance(30 * SECOND);
    expect(writes).toHaveBeenCalledTimes(1); // only the poll at 60 s
    expect(api.statusSeconds()).toEqual([0, 60]);
    unsubscribe();
    api.connection.stop();
  });

  it('a frame that changes something writes the cache and moves the safety net', async () => {
    const api = harness(cuttingOverStatus());
    api.connection.start();
    await advance(0);
    api.latest().snapshot({
      'step.gitea-mirror.result': 'success',
      'step.harbor-projects.result': 'running',
    });
    await advance(50 * SECOND);
    api.latest().frame('cutover-step-finished', {
      time: '2026-05-04T10:02:00Z',
      step: 'harbor-projects',
    });
    const status = api.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(status?.steps.find((step) => step.id === 'harbor-projects')?.status).toBe('done');
    await advance(59 * SECOND);
    expect(api.statusSeconds()).toEqual([0]);
    await advance(1 * SECOND);
    expect(api.statusSeconds()).toEqual([0, 110]);
    api.connection.stop();
  });

  it.each([
    [
      'refused (401/404/500 look alike to an EventSource)',
      (s: FakeStream) => {
        s.fail();
      },
    ],
    [
      'closing a second after its snapshot',
      (s: FakeStream) => {
        s.snapshot();
        setTimeout(() => {
          s.fail();
        }, SECOND);
      },
    ],
  ])(
    '%s: reconnects back off 5, 10, 20, 40, 75 s; at that ceiling polls fall to its pace too',
    async (_n, onStream) => {
      const api = harness(waitingStatus(), { onStream });
      api.connection.start();
      await advance(30 * MINUTE);
      const opened = _n.startsWith('closing') ? 1 : 0;
      expect(api.streamSeconds()).toEqual(
        nominalBackoffTimes(30 * 60).reduce<number[]>((times, _t, i) => {
          // each attempt starts when the previous one ended (it lasted `opened` seconds) plus its delay
          const delays = [5, 10, 20, 40];
          if (i === 0) return [0];
          const previous = times[i - 1]!;
          const next = previous + opened + (delays[i - 1] ?? 75);
          return next <= 30 * 60 ? [...times, next] : times;
        }, []),
      );
      // Waiting, no live stream: the status every 15 s (never more because the stream failed)
      // until the stream's fifth failure in a row; from then on both keep to the ceiling's pace.
      const brokenAt = api.streamAt[4]! + opened * SECOND;
      const gaps = (from: number, to: number) => {
        const times = api.statusAt.filter((at) => at >= from && at <= to);
        return times.slice(1).map((at, i) => at - times[i]!);
      };
      // (+1 ms: on fake timers TanStack's zero-delay notification timer takes a millisecond.)
      for (const gap of gaps(0, brokenAt)) expect(gap - 15 * SECOND).toBeOneOf([0, 1]);
      const late = gaps(brokenAt + 75 * SECOND, 30 * MINUTE);
      expect(late.length).toBeGreaterThan(15);
      expect(Math.min(...late)).toBeGreaterThanOrEqual(MINUTE);
      expect(Math.max(...late)).toBeLessThanOrEqual(90 * SECOND);
      const lastTenMinutes = [...api.statusAt, ...api.streamAt].filter((at) => at > 20 * MINUTE);
      expect(lastTenMinutes.length).toBeLessThanOrEqual(20);
      const snapshot = api.connection.getSnapshot();
      expect(snapshot.problem).toBeUndefined();
      expect(snapshot.streamBroken).toBe(true);
      api.connection.stop();
    },
  );

  it('a stream that never sends is given up after 15 s and retried with back-off', async () => {
    const api = harness(waitingStatus());
    api.connection.start();
    await advance(10 * MINUTE);
    const s = SNAPSHOT_TIMEOUT_MS / SECOND;
    expect(api.streamSeconds()).toEqual(
      [
        0,
        s + 5,
        2 * s + 15,
        3 * s + 35,
        4 * s + 75,
        5 * s + 150,
        6 * s + 225,
        7 * s + 300,
        8 * s + 375,
        9 * s + 450,
      ].filter((t) => t <= 600),
    );
    expect(api.connection.getSnapshot().stream).not.toBe('live');
    api.connection.stop();
  });

  it('a server frame named "error" or "open" is not a transport event', async () => {
    const api = harness(waitingStatus());
    api.connection.start();
    await advance(0);
    api.latest().snapshot();
    api.latest().dispatch(new MessageEvent('error', { data: '{"boom":true}' }));
    api.latest().dispatch(new MessageEvent('open', { data: '{}' }));
    await advance(5 * MINUTE);
    expect(api.streamSeconds()).toEqual([0]);
    expect(api.latest().closed).toBe(false);
    expect(api.connection.getSnapshot().stream).toBe('live');
    api.connection.stop();
  });

  it('a connection that stayed up 30 s after its snapshot resets the back-off', async () => {
    let works = false;
    const api = harness(waitingStatus(), {
      onStream: (s) => {
        if (works) s.snapshot();
        else s.fail();
      },
    });
    api.connection.start();
    await advance(35 * SECOND);
    expect(api.streamSeconds()).toEqual([0, 5, 15, 35]);
    works = true;
    await advance(40 * SECOND + STREAM_STABLE_MS); // 75: opens, holds 30 s
    expect(api.connection.getSnapshot().stream).toBe('live');
    works = false;
    api.latest().fail(); // at 105: the first delay again, not the fifth
    await advance(5 * SECOND);
    expect(api.streamSeconds()).toEqual([0, 5, 15, 35, 75, 110]);
    api.connection.stop();
  });

  it('opening is not enough: a stream that drops before it proves itself keeps backing off', async () => {
    const api = harness(waitingStatus(), {
      onStream: (s) => {
        s.snapshot();
        setTimeout(() => {
          s.fail();
        }, STREAM_STABLE_MS - SECOND);
      },
    });
    api.connection.start();
    await advance(3 * MINUTE);
    const held = STREAM_STABLE_MS / SECOND - 1;
    expect(api.streamSeconds()).toEqual([0, held + 5, 2 * held + 15, 3 * held + 35]);
    api.connection.stop();
  });

  it('frames before the snapshot are replay: ignored', async () => {
    const api = harness(cuttingOverStatus());
    api.connection.start();
    await advance(0);
    api.latest().frame('cutover-step-failed', {
      step: 'harbor-projects',
      message: 'an old failure',
      level: 'error',
    });
    const status = api.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(status?.steps.find((step) => step.id === 'harbor-projects')?.status).toBe('running');
    api.connection.stop();
  });

  it('after a live terminal frame the server ends the response: /status decides, no storm', async () => {
    let sovereign = false;
    const api = harness(() => (sovereign ? sovereignStatus() : cuttingOverStatus()), {
      onStream: (s) => {
        s.snapshot({
          'step.gitea-mirror.result': 'success',
          'step.harbor-projects.result': 'running',
        });
      },
    });
    api.connection.start();
    await advance(10 * SECOND);
    sovereign = true;
    api.latest().frame('cutover-completed', {});
    api.latest().fail();
    await advance(10 * MINUTE);
    expect(api.statusSeconds()).toEqual([0, 10]);
    expect(api.streamSeconds()).toEqual([0]);
    expect(api.connection.getSnapshot().data?.state).toBe('sovereign');
    expect(api.connection.getSnapshot().stream).toBe('off');
    api.connection.stop();
  });
});

describe('the tab', () => {
  it('sovereign: no polls, no stream; re-checked each time the operator comes back', async () => {
    const api = harness(sovereignStatus());
    api.connection.start();
    await advance(30 * MINUTE);
    expect(api.statusSeconds()).toEqual([0]);
    expect(api.streamAt).toEqual([]);
    api.setVisible(true); // the window gets the focus back, the tab was visible all along
    await advance(0);
    expect(api.statusSeconds()).toEqual([0, 30 * 60]);
    api.setVisible(false);
    await advance(MINUTE);
    api.setVisible(true);
    await advance(0);
    expect(api.statusSeconds()).toEqual([0, 30 * 60, 31 * 60]);
    api.connection.stop();
  });

  it('a focus while a run is followed changes nothing', async () => {
    const api = harness(waitingStatus(), LIVE_STREAM);
    api.connection.start();
    await advance(10 * SECOND);
    api.setVisible(true);
    await advance(10 * SECOND);
    expect(api.statusSeconds()).toEqual([0]);
    expect(api.streamSeconds()).toEqual([0]);
    api.connection.stop();
  });

  it('pauses polls while hidden, closes the stream after 5 minutes, resumes on return', async () => {
    const api = harness(waitingStatus(), LIVE_STREAM);
    api.connection.start();
    await advance(0);
    api.setVisible(false);
    await advance(HIDDEN_CLOSE_MS - SECOND);
    expect(api.latest().closed).toBe(false);
    await advance(SECOND);
    expect(api.latest().closed).toBe(true);
    await advance(20 * MINUTE);
    expect(api.statusSeconds()).toEqual([0]);
    api.setVisible(true);
    await advance(0);
    expect(api.statusSeconds()).toEqual([0, 25 * 60]);
    expect(api.streamSeconds()).toEqual([0, 25 * 60]);
    expect(api.connection.getSnapshot().stream).toBe('live');
    api.connection.stop();
  });

  it('while hidden, a failing API is not asked at all; the back-off is not skipped on return', async () => {
    const api = harness(serverError());
    api.connection.start();
    await advance(0);
    api.setVisible(false);
    await advance(3 * SECOND);
    api.setVisible(true);
    await advance(0);
    expect(api.statusSeconds()).toEqual([0]); // the 5 s back-off is not over yet
    await advance(2 * SECOND);
    expect(api.statusSeconds()).toEqual([0, 5]);
    api.connection.stop();
  });
});

describe('a day in the life', () => {
  it('24 hours of outages, flapping streams and recoveries: no growth, within budget', async () => {
    let outage = false;
    const api = harness(() => (outage ? refused() : waitingStatus()), {
      random: 0,
      onStream: (s) => {
        if (outage) s.fail();
        else s.snapshot();
      },
    });
    api.connection.start();
    await advance(MINUTE);
    const baseline = vi.getTimerCount();
    const perHourInOutage: number[] = [];
    for (let hour = 0; hour < 24; hour += 1) {
      // Every other hour the API is down for the whole hour; the stream drops on the way down.
      outage = hour % 2 === 1;
      if (outage) api.latest().fail();
      const before = api.statusAt.length + api.streamAt.length;
      await advance(60 * MINUTE);
      if (outage) perHourInOutage.push(api.statusAt.length + api.streamAt.length - before);
    }
    outage = false;
    await advance(10 * MINUTE);
    expect(Math.max(...perHourInOutage)).toBeLessThanOrEqual(120);
    expect(vi.getTimerCount()).toBeLessThanOrEqual(baseline);
    expect(api.queryClient.getQueryCache().getAll()).toHaveLength(1);
    expect(api.streams.filter((s) => !s.closed)).toHaveLength(1);
    expect(api.visibilityListeners.size).toBe(1);
    expect(api.connection.getSnapshot().stream).toBe('live');
    api.connection.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(api.visibilityListeners.size).toBe(0);
    expect(api.streams.every((s) => s.closed)).toBe(true);
  });
});

/** An answer the test releases when it wants, to have a request in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('requests in flight', () => {
  it('refresh() replaces a request in flight; the late answer to the old one is ignored', async () => {
    const failed = parseCutoverStatus({
      state: 'tethered',
      failedStep: 'harbor-prewarm',
      lastError: 'x',
    });
    const old = deferred<CutoverStatus>();
    let next: Answer = failed;
    const api = harness(() => (typeof next === 'function' ? next() : next), { stream: false });
    api.connection.start();
    await advance(0);
    next = () => old.promise; // the 15 s poll hangs
    await advance(15 * SECOND);
    expect(api.connection.getSnapshot().checking).toBe(true);
    next = cuttingOverStatus(); // the operator's Retry cutover started a run
    await expect(api.connection.refresh()).resolves.toBeUndefined();
    expect(api.statusSeconds()).toEqual([0, 15, 15]);
    expect(api.connection.getSnapshot().data).toEqual(cuttingOverStatus());
    old.resolve(failed); // the replaced request answers late, with the old news
    await advance(0);
    expect(api.connection.getSnapshot().data).toEqual(cuttingOverStatus());
    expect(api.connection.getSnapshot().checking).toBe(false);
    api.connection.stop();
  });

  it('a cancelled request is not an answer: the problem shown stays, the back-off goes on', async () => {
    const hanging = deferred<CutoverStatus>();
    let fail = true;
    const api = harness(() => (fail ? serverError() : hanging.promise), { stream: false });
    api.connection.start();
    await advance(15 * SECOND); // fails at 0, 5, 15
    fail = false;
    await advance(20 * SECOND); // the 35 s request hangs
    expect(api.connection.getSnapshot().checking).toBe(true);
    api.connection.stop(); // unmounted (or StrictMode's first effect cleaned up)
    hanging.resolve(waitingStatus());
    await advance(0);
    const snapshot = api.connection.getSnapshot();
    expect(snapshot.problem?.kind).toBe('unavailable');
    expect(snapshot.failures).toBe(3);
    expect(snapshot.checking).toBe(false);
  });

  it('start, stop, start (React StrictMode): the second start asks again, nothing is doubled', async () => {
    const api = harness(waitingStatus(), LIVE_STREAM);
    api.connection.start();
    api.connection.stop();
    api.connection.start();
    await advance(0);
    expect(api.statusSeconds()).toEqual([0, 0]);
    expect(api.streams.filter((stream) => !stream.closed)).toHaveLength(1);
    expect(api.visibilityListeners.size).toBe(1);
    await advance(10 * MINUTE);
    expect(api.statusAt).toHaveLength(12); // 0, 0, then the 60 s safety net
    api.connection.stop();
  });

  it('a card mounted again shows the problem the cache remembers, and keeps its back-off', async () => {
    const api = harness(serverError(), { stream: false });
    api.connection.start();
    await advance(40 * SECOND); // 0, 5, 15, 35
    api.connection.stop();
    const again = new CutoverConnection({
      queryClient: api.queryClient,
      fetchStatus: () => Promise.reject(serverError()),
      random: () => 0.5,
    });
    expect(again.getSnapshot().problem?.kind).toBe('unavailable');
    expect(again.getSnapshot().failures).toBe(4);
  });

  it('Retry now during a request joins it: two clicks, one request', async () => {
    const hanging = deferred<CutoverStatus>();
    let hang = false;
    const api = harness(() => (hang ? hanging.promise : serverError()), { stream: false });
    api.connection.start();
    await advance(SECOND);
    hang = true;
    const first = api.connection.retryNow();
    const second = api.connection.retryNow();
    expect(api.statusSeconds()).toEqual([0, 1]);
    hanging.resolve(waitingStatus());
    await Promise.all([first, second]);
    expect(api.connection.getSnapshot().problem).toBeUndefined();
    api.connection.stop();
  });

  it('a poll answer requested before a frame was written never lands on top of it, even in the same millisecond', async () => {
    const answer = deferred<CutoverStatus>();
    let hang = false;
    const api = harness(() => (hang ? answer.promise : cuttingOverStatus()));
    api.connection.start();
    await advance(0);
    api.latest().snapshot({
      'step.gitea-mirror.result': 'success',
      'step.harbor-projects.result': 'running',
    });
    hang = true;
    void api.connection.retryNow(); // a request leaves…
    api.latest().frame('cutover-step-finished', { step: 'harbor-projects' }); // …a frame, same ms
    answer.resolve(cuttingOverStatus()); // the answer from before the frame: still running
    await advance(0);
    const status = api.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(status?.steps.find((step) => step.id === 'harbor-projects')?.status).toBe('done');
    expect(api.connection.getSnapshot().problem).toBeUndefined();
    api.connection.stop();
  });
});

describe('a step-less failure event', () => {
  it('is decided only by an answer asked for after it, and by a later one if that fails', async () => {
    const inFlight = deferred<CutoverStatus>();
    let next: Answer = cuttingOverStatus();
    const api = harness(() => (typeof next === 'function' ? next() : next), {
      onStream: (stream) => {
        stream.snapshot({
          'step.gitea-mirror.result': 'success',
          'step.harbor-projects.result': 'running',
        });
      },
    });
    api.connection.start();
    await advance(0);
    next = () => inFlight.promise;
    void api.connection.retryNow(); // a request from before the event
    next = serverError(); // the request made for the event fails
    api
      .latest()
      .frame('cutover-step-failed', { message: 'durable seal write failed', level: 'error' });
    inFlight.resolve(cuttingOverStatus());
    await advance(0);
    expect(api.connection.getSnapshot().warning).toEqual(
      expect.objectContaining({ message: 'durable seal write failed', decided: false }),
    );
    next = cuttingOverStatus();
    await advance(10 * SECOND); // the back-off's next try answers: the run carried on
    expect(api.connection.getSnapshot().warning?.decided).toBe(true);
    api.connection.stop();
  });
});

describe('a flapping API', () => {
  it('every other answer failing still climbs to the ceiling: within budget', async () => {
    let calls = 0;
    const api = harness(() => ((calls += 1) % 2 === 0 ? serverError() : waitingStatus()), {
      random: 0,
      onStream: (stream) => {
        stream.fail();
      },
    });
    api.connection.start();
    await advance(2 * 60 * MINUTE);
    const secondHour = [...api.statusAt, ...api.streamAt].filter((at) => at >= 60 * MINUTE);
    expect(secondHour.length).toBeLessThanOrEqual(120);
    api.connection.stop();
  });
});

describe('the /status request sent at boot (docs/performance.md)', () => {
  /** A boot-time request sent `ageMs` ago, whose answer is `answer`; counts how often it is taken. */
  function bootFetch(answer: Promise<CutoverStatus>, ageMs: number) {
    let taken = 0;
    return {
      startedAt: Date.now() - ageMs,
      take: () => {
        taken += 1;
        return taken === 1 ? answer : undefined;
      },
      get taken() {
        return taken;
      },
    } satisfies InitialStatusFetch & { readonly taken: number };
  }

  function connectionWith(initialFetch: InitialStatusFetch) {
    const queryClient = new QueryClient();
    const fetchStatus = vi.fn(() => Promise.resolve(sovereignStatus()));
    const connection = new CutoverConnection({
      queryClient,
      fetchStatus,
      initialFetch,
      random: () => 0.5,
    });
    return { connection, fetchStatus };
  }

  it('a fresh one is the first answer, once: no second request, then the usual schedule', async () => {
    const boot = bootFetch(Promise.resolve(waitingStatus()), 300);
    const { connection, fetchStatus } = connectionWith(boot);
    connection.start();
    await advance(0);
    expect(boot.taken).toBe(1);
    expect(fetchStatus).not.toHaveBeenCalled();
    expect(connection.getSnapshot()).toMatchObject({
      data: waitingStatus(),
      problem: undefined,
      failures: 0,
      checking: false,
      nextPollAt: Date.now() + 15 * SECOND,
    });
    // The next request is the connection's own, at the no-stream cadence.
    await advance(15 * SECOND);
    expect(fetchStatus).toHaveBeenCalledTimes(1);
    expect(boot.taken).toBe(1);
    expect(connection.getSnapshot().data).toEqual(sovereignStatus());
    connection.stop();
  });

  it('its failure is classified and backed off like any other answer', async () => {
    const boot = bootFetch(Promise.reject(serverError()), 0);
    const { connection, fetchStatus } = connectionWith(boot);
    connection.start();
    await advance(0);
    expect(fetchStatus).not.toHaveBeenCalled();
    expect(connection.getSnapshot()).toMatchObject({
      data: undefined,
      problem: { kind: 'unavailable' },
      failures: 1,
      nextPollAt: Date.now() + 5 * SECOND,
    });
    await advance(5 * SECOND);
    expect(fetchStatus).toHaveBeenCalledTimes(1);
    expect(connection.getSnapshot()).toMatchObject({ problem: undefined, failures: 0 });
    connection.stop();
  });

  it('an invalid answer is the same "invalid" problem, never a badge', async () => {
    const boot = bootFetch(Promise.reject(invalidState()), 0);
    const { connection } = connectionWith(boot);
    connection.start();
    await advance(0);
    expect(connection.getSnapshot()).toMatchObject({
      data: undefined,
      problem: { kind: 'invalid' },
    });
    connection.stop();
  });

  it('one older than the limit is not used: the connection asks anew', async () => {
    const boot = bootFetch(Promise.resolve(waitingStatus()), INITIAL_FETCH_MAX_AGE_MS + 1);
    const { connection, fetchStatus } = connectionWith(boot);
    connection.start();
    await advance(0);
    expect(boot.taken).toBe(0);
    expect(fetchStatus).toHaveBeenCalledTimes(1);
    expect(connection.getSnapshot().data).toEqual(sovereignStatus());
    connection.stop();
  });

  it('a second connection (the card mounted again) asks anew', async () => {
    const boot = bootFetch(Promise.resolve(waitingStatus()), 0);
    const first = connectionWith(boot);
    first.connection.start();
    await advance(0);
    first.connection.stop();
    const second = connectionWith(boot);
    second.connection.start();
    await advance(0);
    expect(boot.taken).toBe(2);
    expect(second.fetchStatus).toHaveBeenCalledTimes(1);
    expect(second.connection.getSnapshot().data).toEqual(sovereignStatus());
    second.connection.stop();
  });
});

describe('onFrame: observers see every frame, replayed or live (docs/after-the-run.md)', () => {
  it('reports replayed frames as replayed, the snapshot and later frames as live, and writes the cache as before', async () => {
    const seen: [string, string | undefined, boolean][] = [];
    const streams: FakeStream[] = [];
    const queryClient = new QueryClient();
    const connection = new CutoverConnection({
      queryClient,
      fetchStatus: () => Promise.resolve(cuttingOverStatus()),
      openStream: () => {
        const stream = new FakeStream();
        streams.push(stream);
        return stream;
      },
      random: () => 0.5,
      onFrame: (event, replayed) => {
        seen.push([event.phase, event.step, replayed]);
      },
    });
    connection.start();
    await advance(0);
    const stream = streams[0]!;
    stream.frame('cutover-started', { time: '2026-05-04T09:00:00Z' });
    stream.frame('cutover-step-failed', {
      time: '2026-05-04T09:05:00Z',
      step: 'harbor-projects',
      level: 'error',
      message: 'an old failure',
    });
    // A frame nobody can read is not reported.
    stream.dispatch(new MessageEvent('cutover-step-started', { data: 'not json' }));
    const beforeSnapshot = queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(beforeSnapshot?.steps.find((step) => step.id === 'harbor-projects')?.status).toBe(
      'running',
    );
    stream.snapshot({
      cutoverComplete: 'false',
      'step.gitea-mirror.result': 'success',
      'step.harbor-projects.result': 'running',
      'step.harbor-projects.startedAt': '2026-05-04T10:01:00Z',
    });
    stream.frame('cutover-step-finished', {
      time: '2026-05-04T10:02:00Z',
      step: 'harbor-projects',
    });
    expect(seen).toEqual([
      ['cutover-started', undefined, true],
      ['cutover-step-failed', 'harbor-projects', true],
      ['cutover-status', undefined, false],
      ['cutover-step-finished', 'harbor-projects', false],
    ]);
    // The live frame was written, after the observer's view of the replay changed nothing.
    const after = queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(after?.steps.find((step) => step.id === 'harbor-projects')?.status).toBe('done');
    connection.stop();
  });

  it('is optional: a connection without it follows the stream as before', async () => {
    const api = harness(cuttingOverStatus(), LIVE_STREAM);
    api.connection.start();
    await advance(0);
    api.latest().frame('cutover-step-finished', {
      time: '2026-05-04T10:02:00Z',
      step: 'harbor-projects',
    });
    const status = api.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(status?.steps.find((step) => step.id === 'harbor-projects')?.status).toBe('done');
    api.connection.stop();
  });
});

describe('the snapshot React reads', () => {
  it('notifies subscribers only when a field changes, and keeps the same object otherwise', async () => {
    const api = harness(waitingStatus(), LIVE_STREAM);
    expect(api.connection.getSnapshot()).toMatchObject({ dataUpdatedAt: 0, stream: 'off' });
    const listener = vi.fn();
    const unsubscribe = api.connection.subscribe(listener);
    api.connection.start();
    // The request leaves at once (synchronously), and says so.
    expect(api.statusSeconds()).toEqual([0]);
    expect(api.connection.getSnapshot().checking).toBe(true);
    expect(listener).toHaveBeenCalled();
    await advance(0);
    const settled = api.connection.getSnapshot();
    expect(settled).toMatchObject({
      stream: 'live',
      checking: false,
      problem: undefined,
      warning: undefined,
    });
    expect(settled.dataUpdatedAt).toBe(Date.now());
    listener.mockClear();
    api.setVisible(true); // a focus that changes nothing
    await advance(10 * SECOND);
    expect(listener).not.toHaveBeenCalled();
    expect(api.connection.getSnapshot()).toBe(settled);
    unsubscribe();
    api.latest().fail();
    expect(api.connection.getSnapshot().stream).toBe('reconnecting');
    expect(api.connection.getSnapshot()).not.toBe(settled);
    expect(listener).not.toHaveBeenCalled();
    api.connection.stop();
    expect(api.connection.getSnapshot().stream).toBe('off');
  });

  it('a write to the entry from elsewhere shows up, without a request', async () => {
    const api = harness(waitingStatus(), { stream: false });
    api.connection.start();
    await advance(0);
    const listener = vi.fn();
    api.connection.subscribe(listener);
    api.queryClient.setQueryData(cutoverStatusQueryKey, cuttingOverStatus());
    expect(listener).toHaveBeenCalled();
    expect(api.connection.getSnapshot().data).toEqual(cuttingOverStatus());
    // Other entries are none of its business: no notification, no request.
    listener.mockClear();
    api.queryClient.setQueryData(['elsewhere'], { any: 'thing' });
    await api.queryClient.invalidateQueries({ queryKey: ['elsewhere'] });
    await advance(0);
    expect(listener).not.toHaveBeenCalled();
    expect(api.statusSeconds()).toEqual([0]);
    api.connection.stop();
  });

  it('an invalidation of the status entry is a request to read it again now', async () => {
    const hanging = deferred<CutoverStatus>();
    let hang = false;
    const signals: AbortSignal[] = [];
    const queryClient = new QueryClient();
    const connection = new CutoverConnection({
      queryClient,
      fetchStatus: (signal) => {
        signals.push(signal);
        return hang ? hanging.promise : Promise.resolve(waitingStatus());
      },
      random: () => 0.5,
    });
    connection.start();
    await advance(5 * SECOND);
    expect(signals).toHaveLength(1);
    await queryClient.invalidateQueries({ queryKey: ['sovereignty', 'cutover-status'] });
    expect(signals).toHaveLength(2);
    // One in flight is replaced (it may predate the change): aborted, and a new one asked.
    hang = true;
    await advance(15 * SECOND);
    expect(signals).toHaveLength(3);
    void queryClient.invalidateQueries({ queryKey: cutoverStatusQueryKey });
    expect(signals).toHaveLength(4);
    expect(signals[2]!.aborted).toBe(true);
    expect(signals[3]!.aborted).toBe(false);
    connection.stop();
    expect(signals[3]!.aborted).toBe(true);
  });

  it('dataUpdatedAt and the schedule follow the injected clock', async () => {
    const offset = 60 * MINUTE;
    const clock = {
      now: () => Date.now() + offset,
      setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
      clearTimeout: (handle: unknown) => {
        clearTimeout(handle as ReturnType<typeof setTimeout>);
      },
    };
    const streams: FakeStream[] = [];
    const connection = new CutoverConnection({
      queryClient: new QueryClient(),
      fetchStatus: () => Promise.resolve(cuttingOverStatus()),
      openStream: () => {
        const stream = new FakeStream();
        streams.push(stream);
        return stream;
      },
      clock,
      random: () => 0.5,
    });
    connection.start();
    await advance(0);
    expect(connection.getSnapshot().dataUpdatedAt).toBe(clock.now());
    expect(connection.getSnapshot().nextPollAt).toBe(clock.now() + 2 * SECOND);
    streams[0]!.snapshot({
      'step.gitea-mirror.result': 'success',
      'step.harbor-projects.result': 'running',
    });
    await advance(SECOND);
    streams[0]!.frame('cutover-step-finished', { step: 'harbor-projects' });
    expect(connection.getSnapshot().dataUpdatedAt).toBe(clock.now());
    expect(connection.getSnapshot().nextPollAt).toBe(clock.now() + MINUTE);
    connection.stop();
  });
});

describe('life cycle', () => {
  it('a second start() changes nothing: one request, one subscription', async () => {
    const api = harness(waitingStatus(), LIVE_STREAM);
    api.connection.start();
    api.connection.start();
    await advance(0);
    expect(api.statusSeconds()).toEqual([0]);
    expect(api.visibilityListeners.size).toBe(1);
    expect(api.streams).toHaveLength(1);
    api.connection.stop();
    api.connection.stop();
    expect(api.visibilityListeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('before start() and after stop(), Retry now and refresh send nothing', async () => {
    const api = harness(waitingStatus(), { stream: false });
    await api.connection.retryNow();
    await api.connection.refresh();
    expect(api.statusAt).toEqual([]);
    api.connection.start();
    await advance(0);
    api.connection.stop();
    await api.connection.retryNow();
    await advance(MINUTE);
    expect(api.statusSeconds()).toEqual([0]);
  });

  it('stop() while hidden clears every timer, the hidden-tab one included', async () => {
    const api = harness(serverError());
    api.connection.start();
    await advance(0);
    api.setVisible(false);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    api.connection.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(api.connection.getSnapshot().nextPollAt).toBeUndefined();
  });

  it('cached data and a hidden tab at start: nothing is asked until the tab is shown', async () => {
    const api = harness(cuttingOverStatus(), { visible: false });
    api.queryClient.setQueryData(cutoverStatusQueryKey, waitingStatus());
    api.connection.start();
    await advance(10 * MINUTE);
    expect(api.statusAt).toEqual([]);
    expect(api.streamAt).toEqual([]);
    api.setVisible(true);
    expect(api.connection.getSnapshot().checking).toBe(true); // the due poll, at once
    await advance(0);
    expect(api.statusSeconds()).toEqual([600]);
    expect(api.streamSeconds()).toEqual([600]);
    api.connection.stop();
  });

  it('cached data and a visible tab at start: /status is asked at once, before the stream', () => {
    const api = harness(cuttingOverStatus());
    api.queryClient.setQueryData(cutoverStatusQueryKey, waitingStatus());
    api.connection.start();
    expect(api.statusSeconds()).toEqual([0]);
    expect(api.streamAt).toEqual([]);
    expect(api.connection.getSnapshot()).toMatchObject({ checking: true, nextPollAt: undefined });
    api.connection.stop();
  });

  it('polling only when there is no EventSource: the stream stays off', async () => {
    const api = harness(waitingStatus(), { stream: false });
    api.connection.start();
    await advance(MINUTE);
    expect(api.statusSeconds()).toEqual([0, 15, 30, 45, 60]);
    expect(api.connection.getSnapshot().stream).toBe('off');
    api.connection.stop();
  });
});

describe('the back-off level (docs/reliability.md, rule 2)', () => {
  it('one good answer does not reset the back-off: the next failure waits 40 s, not 5 s', async () => {
    let fail = true;
    const api = harness(() => (fail ? serverError() : waitingStatus()), { stream: false });
    api.connection.start();
    await advance(15 * SECOND); // failures at 0, 5, 15
    fail = false;
    await advance(20 * SECOND); // good at 35
    expect(api.connection.getSnapshot()).toMatchObject({ problem: undefined, failures: 0 });
    fail = true;
    await advance(15 * SECOND); // fails at 50: the fourth level
    expect(api.connection.getSnapshot().failures).toBe(1);
    await advance(40 * SECOND);
    expect(api.statusSeconds()).toEqual([0, 5, 15, 35, 50, 90]);
    api.connection.stop();
  });

  it('five minutes of good answers forget it: the next failure waits 5 s again', async () => {
    let fail = true;
    const api = harness(() => (fail ? serverError() : waitingStatus()), { stream: false });
    api.connection.start();
    await advance(15 * SECOND); // failures at 0, 5, 15
    fail = false;
    await advance(5 * MINUTE + 20 * SECOND); // good from 35 s to 335 s, exactly five minutes
    fail = true;
    await advance(15 * SECOND); // fails at 350
    await advance(5 * SECOND);
    expect(api.statusSeconds().slice(-3)).toEqual([335, 350, 355]);
    api.connection.stop();
  });

  it('the five minutes start again after every failure', async () => {
    let fail = true;
    const api = harness(() => (fail ? serverError() : waitingStatus()), { stream: false });
    api.connection.start();
    await advance(0); // fails at 0
    fail = false;
    await advance(200 * SECOND); // good from 5 s on: 5, 20, …, 200
    fail = true;
    await advance(15 * SECOND); // fails at 215: level 2
    fail = false;
    await advance(10 * SECOND); // good at 225: not yet five good minutes since 5 s
    await advance(5 * MINUTE - 15 * SECOND); // good until 510: 285 s of good answers
    fail = true;
    await advance(15 * SECOND); // fails at 525: level 3, a 20 s wait
    await advance(20 * SECOND);
    expect(api.statusSeconds().slice(-3)).toEqual([510, 525, 545]);
    api.connection.stop();
  });

  it('Retry-After longer than 15 minutes is capped at 15 minutes', async () => {
    const api = harness(
      new ApiError('http', 'HTTP 503', { status: 503, retryAfterMs: 60 * MINUTE }),
    );
    api.connection.start();
    await advance(0);
    expect(api.connection.getSnapshot().nextPollAt).toBe(Date.now() + 15 * MINUTE);
    await advance(40 * MINUTE);
    expect(api.statusSeconds()).toEqual([0, 15 * 60, 30 * 60]);
    api.connection.stop();
  });

  it('401 and 403 do not count as failures and the cache remembers them for the next card', async () => {
    for (const [status, kind] of [
      [401, 'signed-out'],
      [403, 'forbidden'],
    ] as const) {
      const api = harness(new ApiError('http', `HTTP ${status}`, { status }));
      api.connection.start();
      await advance(0);
      expect(api.connection.getSnapshot()).toMatchObject({
        failures: 0,
        nextPollAt: undefined,
        problem: { kind },
      });
      api.connection.stop();
      const again = new CutoverConnection({
        queryClient: api.queryClient,
        fetchStatus: () => Promise.resolve(waitingStatus()),
      });
      expect(again.getSnapshot()).toMatchObject({ failures: 0, problem: { kind } });
    }
  });

  it('the cache keeps when the problem was seen, and its error state is written only when it changes', async () => {
    let fail = true;
    const api = harness(() => (fail ? serverError() : waitingStatus()), { stream: false });
    const setStates = vi.fn();
    api.queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'setState') setStates();
    });
    api.connection.start();
    await advance(0);
    const failedAt = Date.now();
    expect(api.queryClient.getQueryState(cutoverStatusQueryKey)).toMatchObject({
      errorUpdatedAt: failedAt,
      fetchFailureCount: 1,
    });
    expect(setStates).toHaveBeenCalledTimes(1);
    fail = false;
    await advance(5 * SECOND);
    expect(api.queryClient.getQueryState(cutoverStatusQueryKey)).toMatchObject({
      error: null,
      errorUpdatedAt: failedAt,
      fetchFailureCount: 0,
    });
    expect(setStates).toHaveBeenCalledTimes(2);
    await advance(MINUTE); // four more good answers: nothing to remember
    expect(api.statusAt).toHaveLength(6);
    expect(setStates).toHaveBeenCalledTimes(2);
    api.connection.stop();
  });
});

describe('the event stream, edge by edge', () => {
  /** Where the fake clock starts (the harness measures request times from here). */
  const startedAt = new Date('2026-05-04T10:00:00Z').getTime();

  it('says Reconnecting… after a failure, and the stream is broken at exactly its fifth failure in a row', async () => {
    const api = harness(waitingStatus(), {
      onStream: (s) => {
        s.fail();
      },
    });
    api.connection.start();
    await advance(0);
    expect(api.connection.getSnapshot()).toMatchObject({ stream: 'reconnecting' });
    await advance(35 * SECOND); // failures at 0, 5, 15, 35
    expect(api.streamSeconds()).toEqual([0, 5, 15, 35]);
    expect(api.connection.getSnapshot().streamBroken).toBe(false);
    await advance(40 * SECOND); // the fifth, at 75
    expect(api.streamSeconds()).toEqual([0, 5, 15, 35, 75]);
    expect(api.connection.getSnapshot().streamBroken).toBe(true);
    // Until then, 15 s apart; the next answer plans the following poll at the ceiling's pace.
    await advance(SECOND);
    const polls = api.statusAt;
    expect(polls.at(-1)! - polls.at(-2)!).toBeLessThanOrEqual(15 * SECOND + 1);
    expect(api.connection.getSnapshot().nextPollAt).toBe(startedAt + polls.at(-1)! + 75 * SECOND);
    api.connection.stop();
  });

  it('a connection that proves itself ends the broken state', async () => {
    let works = false;
    const api = harness(waitingStatus(), {
      onStream: (s) => {
        if (works) s.snapshot();
        else s.fail();
      },
    });
    api.connection.start();
    await advance(75 * SECOND);
    expect(api.connection.getSnapshot().streamBroken).toBe(true);
    works = true;
    await advance(75 * SECOND); // reopens at 150 and delivers its snapshot
    expect(api.connection.getSnapshot()).toMatchObject({ stream: 'live', streamBroken: true });
    await advance(STREAM_STABLE_MS - 1);
    expect(api.connection.getSnapshot().streamBroken).toBe(true);
    await advance(1);
    expect(api.connection.getSnapshot().streamBroken).toBe(false);
    api.connection.stop();
  });

  it('going live never brings the next poll earlier, even one planned at the ceiling', async () => {
    let works = false;
    const api = harness(waitingStatus(), {
      onStream: (s) => {
        if (works) s.snapshot();
        else s.fail();
      },
    });
    api.connection.start();
    await advance(76 * SECOND); // five stream failures: broken; the poll after it answered
    const lastPoll = api.statusAt.at(-1)!;
    const planned = api.connection.getSnapshot().nextPollAt!;
    expect(planned).toBe(startedAt + lastPoll + 75 * SECOND);
    works = true;
    await advance(74 * SECOND); // the stream reopens at 150 and goes live
    expect(api.connection.getSnapshot().stream).toBe('live');
    // Live would say 60 s after the latest news: earlier than planned, so the plan stands.
    expect(api.connection.getSnapshot().nextPollAt).toBe(planned);
    expect(api.statusAt.at(-1)).toBe(lastPoll);
    api.connection.stop();
  });

  it('going live postpones a 15 s poll to the 60 s safety net, and causes no request', async () => {
    const api = harness(waitingStatus());
    api.connection.start();
    await advance(10 * SECOND);
    expect(api.connection.getSnapshot().nextPollAt).toBe(Date.now() + 5 * SECOND);
    api.latest().snapshot();
    expect(api.connection.getSnapshot().nextPollAt).toBe(Date.now() + 50 * SECOND);
    await advance(50 * SECOND - 1);
    expect(api.statusSeconds()).toEqual([0]);
    await advance(1);
    expect(api.statusSeconds()).toEqual([0, 60]);
    api.connection.stop();
  });

  it('a dropped live stream tightens polling back to 15 s after the latest news', async () => {
    const api = harness(waitingStatus(), LIVE_STREAM);
    api.connection.start();
    await advance(20 * SECOND);
    expect(api.connection.getSnapshot().nextPollAt).toBe(Date.now() + 40 * SECOND);
    api.latest().fail();
    expect(api.connection.getSnapshot()).toMatchObject({ stream: 'reconnecting' });
    // 15 s after the latest news (the answer at 0) is already past: due now.
    expect(api.connection.getSnapshot().nextPollAt).toBe(Date.now());
    await advance(0);
    expect(api.statusSeconds()).toEqual([0, 20]);
    api.connection.stop();
  });

  it('a stream closed as suspect before its snapshot counts as failed: it reopens only after its back-off', async () => {
    let fail = false;
    const api = harness(() => (fail ? serverError() : cuttingOverStatus()));
    api.connection.start();
    await advance(0); // the stream opens at 0 and sends nothing yet
    fail = true;
    await advance(2 * SECOND); // the 2 s poll fails: the stream is closed as suspect
    expect(api.latest().closed).toBe(true);
    expect(api.connection.getSnapshot().stream).toBe('off');
    fail = false;
    await advance(SECOND);
    await api.queryClient.invalidateQueries({ queryKey: cutoverStatusQueryKey }); // good at 3 s
    await advance(0);
    expect(api.connection.getSnapshot().problem).toBeUndefined();
    expect(api.streamSeconds()).toEqual([0]);
    await advance(4 * SECOND - 1);
    expect(api.streamSeconds()).toEqual([0]);
    await advance(1);
    expect(api.streamSeconds()).toEqual([0, 7]); // 5 s after it was closed
    expect(api.connection.getSnapshot().stream).toBe('reconnecting');
    api.connection.stop();
  });

  it('a live stream closed because /status failed is not a stream failure: it reopens with the answer', async () => {
    let fail = false;
    const api = harness(() => (fail ? serverError() : cuttingOverStatus()), LIVE_STREAM);
    api.connection.start();
    await advance(0);
    expect(api.connection.getSnapshot().stream).toBe('live');
    fail = true;
    await advance(MINUTE); // the safety net fails: closed as suspect
    expect(api.latest().closed).toBe(true);
    fail = false;
    await advance(SECOND);
    await api.queryClient.invalidateQueries({ queryKey: cutoverStatusQueryKey });
    await advance(0);
    expect(api.streamSeconds()).toEqual([0, 61]);
    expect(api.connection.getSnapshot()).toMatchObject({ stream: 'live', streamBroken: false });
    api.connection.stop();
  });

  it('a stream closed because the run ended is not a failure: the next run connects at once', async () => {
    let status: Answer = sovereignStatus();
    const api = harness(() => (typeof status === 'function' ? status() : status));
    api.queryClient.setQueryData(cutoverStatusQueryKey, waitingStatus());
    api.connection.start();
    await advance(0); // sovereign: no stream
    expect(api.streamAt).toEqual([]);
    status = waitingStatus();
    api.setVisible(true); // re-checked on the operator's return: a new run waits
    await advance(0);
    expect(api.streamSeconds()).toEqual([0]);
    status = sovereignStatus();
    await advance(15 * SECOND); // the stream never sent its snapshot; the run ended meanwhile
    expect(api.latest().closed).toBe(true);
    status = waitingStatus();
    api.setVisible(true);
    await advance(0);
    expect(api.streamSeconds()).toEqual([0, 15]);
    expect(api.connection.getSnapshot().stream).toBe('connecting');
    api.connection.stop();
  });

  it('Retry now lets the stream try at once too', async () => {
    const api = harness(waitingStatus(), {
      onStream: (s) => {
        s.fail();
      },
    });
    api.connection.start();
    await advance(SECOND); // the stream failed at 0: its back-off says 5 s
    await api.connection.retryNow();
    expect(api.streamSeconds()).toEqual([0, 1]);
    api.connection.stop();
  });

  it('a closed stream is deaf: its late frames and errors change nothing', async () => {
    const api = harness(cuttingOverStatus(), {
      onStream: (s) => {
        s.snapshot({
          'step.gitea-mirror.result': 'success',
          'step.harbor-projects.result': 'running',
        });
      },
    });
    api.connection.start();
    await advance(0);
    const first = api.latest();
    first.fail();
    await advance(5 * SECOND);
    expect(api.streams).toHaveLength(2);
    const before = api.connection.getSnapshot();
    first.frame('cutover-step-finished', { step: 'harbor-projects' });
    first.fail();
    await advance(0);
    const status = api.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(status?.steps.find((step) => step.id === 'harbor-projects')?.status).toBe('running');
    expect(api.latest().closed).toBe(false);
    expect(api.connection.getSnapshot().stream).toBe(before.stream);
    expect(api.connection.getSnapshot().streamBroken).toBe(false);
    await advance(MINUTE);
    expect(api.streams).toHaveLength(2);
    api.connection.stop();
  });

  it('a stream that sent no snapshot in 15 s is given up exactly then', async () => {
    const api = harness(waitingStatus());
    api.connection.start();
    await advance(SNAPSHOT_TIMEOUT_MS - 1);
    expect(api.latest().closed).toBe(false);
    expect(api.connection.getSnapshot().stream).toBe('connecting');
    await advance(1);
    expect(api.latest().closed).toBe(true);
    expect(api.connection.getSnapshot().stream).toBe('reconnecting');
    api.connection.stop();
  });
});

describe('live frames that ask /status', () => {
  const following = () =>
    harness(cuttingOverStatus(), {
      onStream: (s) => {
        s.snapshot({
          'step.gitea-mirror.result': 'success',
          'step.harbor-projects.result': 'running',
        });
      },
    });

  it('a live cutover-step-failed for a step, then the end of the response: one /status, asked then', async () => {
    const api = following();
    api.connection.start();
    await advance(SECOND);
    api.latest().frame('cutover-step-failed', {
      step: 'harbor-projects',
      level: 'error',
      message: 'harbor is down',
    });
    const status = api.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(status?.steps.find((step) => step.id === 'harbor-projects')?.status).toBe('failed');
    expect(api.statusSeconds()).toEqual([0]); // the frame alone asks nothing
    api.latest().fail();
    expect(api.statusSeconds()).toEqual([0, 1]);
    await advance(0);
    expect(api.connection.getSnapshot().stream).toBe('reconnecting');
    api.connection.stop();
  });

  it('the end of the response joins a /status already asked after the terminal frame', async () => {
    const answer = deferred<CutoverStatus>();
    let hang = false;
    const api = harness(() => (hang ? answer.promise : cuttingOverStatus()), LIVE_STREAM);
    api.connection.start();
    await advance(SECOND);
    hang = true;
    api.latest().frame('cutover-completed', {});
    expect(api.statusSeconds()).toEqual([0, 1]);
    api.latest().fail();
    expect(api.statusSeconds()).toEqual([0, 1]);
    answer.resolve(sovereignStatus());
    await advance(0);
    expect(api.connection.getSnapshot().data?.state).toBe('sovereign');
    api.connection.stop();
  });

  it('a request in flight from before the terminal frame is not enough: the end asks again', async () => {
    const early = deferred<CutoverStatus>();
    let next: Answer = cuttingOverStatus();
    const api = harness(() => (typeof next === 'function' ? next() : next), LIVE_STREAM);
    api.connection.start();
    await advance(SECOND);
    next = () => early.promise;
    void api.connection.retryNow(); // leaves before the frame
    next = () => new Promise<CutoverStatus>(() => undefined);
    api.latest().frame('cutover-step-failed', { step: 'harbor-projects', level: 'error' });
    api.latest().fail();
    expect(api.statusSeconds()).toEqual([0, 1, 1]);
    api.connection.stop();
  });

  it('a stream that ends without a terminal frame asks nothing extra: polls keep their cadence', async () => {
    const api = harness(waitingStatus(), LIVE_STREAM);
    api.connection.start();
    await advance(SECOND);
    api.latest().frame('cutover-step-started', { step: 'gitea-mirror' });
    api.latest().fail();
    await advance(0);
    expect(api.statusSeconds()).toEqual([0]);
    api.connection.stop();
  });

  it('a new connection forgets the previous one’s terminal frame', async () => {
    const api = following();
    api.connection.start();
    await advance(SECOND);
    api.latest().frame('cutover-step-failed', { step: 'harbor-projects', level: 'error' });
    api.latest().fail(); // asks /status at 1 s
    await advance(5 * SECOND); // reconnects at 6 s with a fresh snapshot…
    expect(api.streams).toHaveLength(2);
    const asked = api.statusAt.length;
    api.latest().fail(); // …that drops without any terminal frame
    await advance(0);
    expect(api.statusAt).toHaveLength(asked);
    api.connection.stop();
  });

  it('cutover-already-complete asks /status at once', async () => {
    const api = following();
    api.connection.start();
    await advance(SECOND);
    api.answer(sovereignStatus());
    api.latest().frame('cutover-already-complete', {});
    expect(api.statusSeconds()).toEqual([0, 1]);
    await advance(0);
    expect(api.connection.getSnapshot().data?.state).toBe('sovereign');
    api.connection.stop();
  });

  it('a live cutover-completed asks /status at once', async () => {
    const api = following();
    api.connection.start();
    await advance(SECOND);
    api.latest().frame('cutover-completed', {});
    expect(api.statusSeconds()).toEqual([0, 1]);
    api.connection.stop();
  });

  it('a step-less failure without a message is a warning in the console’s words, asked about at once', async () => {
    const api = following();
    api.connection.start();
    await advance(SECOND);
    api.latest().frame('cutover-step-failed', { time: '2026-05-04T10:00:01Z', level: 'error' });
    expect(api.connection.getSnapshot().warning).toEqual({
      message: 'The catalyst-api reported an error.',
      time: '2026-05-04T10:00:01Z',
      decided: false,
    });
    expect(api.statusSeconds()).toEqual([0, 1]);
    await advance(0);
    expect(api.connection.getSnapshot().warning?.decided).toBe(true);
    api.connection.stop();
  });

  it('a step-less failure that /status confirms as a failed run leaves no warning: the run’s failure says it', async () => {
    const api = following();
    api.connection.start();
    await advance(SECOND);
    api.answer(
      parseCutoverStatus({ state: 'tethered', failedStep: 'harbor-projects', lastError: 'x' }),
    );
    api.latest().frame('cutover-step-failed', { message: 'seal failed', level: 'error' });
    expect(api.connection.getSnapshot().warning?.message).toBe('seal failed');
    await advance(0);
    expect(api.connection.getSnapshot().warning).toBeUndefined();
    api.connection.stop();
  });

  it('a decided warning stays decided: later answers do not touch it', async () => {
    const api = following();
    api.connection.start();
    await advance(SECOND);
    api.latest().frame('cutover-step-failed', { message: 'seal failed', level: 'error' });
    await advance(0);
    const decided = api.connection.getSnapshot().warning;
    expect(decided?.decided).toBe(true);
    api.answer(
      parseCutoverStatus({ state: 'tethered', failedStep: 'harbor-projects', lastError: 'x' }),
    );
    await api.connection.retryNow();
    expect(api.connection.getSnapshot().warning).toBe(decided);
    api.connection.stop();
  });

  it('cutover-started clears a warning and marks the new run in the cache', async () => {
    const api = following();
    api.connection.start();
    await advance(SECOND);
    api.latest().frame('cutover-step-failed', { message: 'seal failed', level: 'error' });
    await advance(0);
    expect(api.connection.getSnapshot().warning).toBeDefined();
    api.latest().frame('cutover-started', { time: '2026-05-04T10:00:02Z' });
    expect(api.connection.getSnapshot().warning).toBeUndefined();
    const status = api.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(status?.lastAttemptStartedAt).toBe('2026-05-04T10:00:02Z');
    api.connection.stop();
  });

  it('live step frames update the cache: started, finished', async () => {
    const api = harness(waitingStatus(), LIVE_STREAM);
    api.connection.start();
    await advance(SECOND);
    api.latest().frame('cutover-step-started', { step: 'gitea-mirror' });
    const running = api.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(running?.steps.find((step) => step.id === 'gitea-mirror')?.status).toBe('running');
    api.latest().frame('cutover-step-finished', { step: 'gitea-mirror' });
    const done = api.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(done?.steps.find((step) => step.id === 'gitea-mirror')?.status).toBe('done');
    api.connection.stop();
  });

  it('a live frame with unreadable data is skipped: nothing written, nothing asked, still live', async () => {
    const seen = vi.fn();
    const streams: FakeStream[] = [];
    const fetchStatus = vi.fn(() => Promise.resolve(cuttingOverStatus()));
    const queryClient = new QueryClient();
    const connection = new CutoverConnection({
      queryClient,
      fetchStatus,
      openStream: () => {
        const stream = new FakeStream();
        streams.push(stream);
        return stream;
      },
      random: () => 0.5,
      onFrame: seen,
    });
    connection.start();
    await advance(0);
    streams[0]!.snapshot({
      'step.gitea-mirror.result': 'success',
      'step.harbor-projects.result': 'running',
    });
    seen.mockClear();
    const before = queryClient.getQueryState(cutoverStatusQueryKey)?.dataUpdatedAt;
    for (const phase of ['cutover-completed', 'cutover-step-finished', 'cutover-status']) {
      streams[0]!.dispatch(new MessageEvent(phase, { data: '{not json' }));
    }
    expect(seen).not.toHaveBeenCalled();
    expect(fetchStatus).toHaveBeenCalledTimes(1);
    expect(queryClient.getQueryState(cutoverStatusQueryKey)?.dataUpdatedAt).toBe(before);
    expect(connection.getSnapshot().stream).toBe('live');
    connection.stop();
  });
});

describe('the tab, edge by edge', () => {
  it('hidden twice in a row: the stream still closes 5 minutes after the tab was first hidden', async () => {
    const api = harness(waitingStatus(), LIVE_STREAM);
    api.connection.start();
    await advance(0);
    api.setVisible(false);
    await advance(4 * MINUTE);
    api.setVisible(false); // another "may have changed" while still hidden
    await advance(MINUTE);
    expect(api.latest().closed).toBe(true);
    expect(api.connection.getSnapshot().stream).toBe('off');
    api.connection.stop();
  });

  it('shown again before 5 minutes: the stream is kept, and the hidden-tab timer is gone', async () => {
    const live = harness(waitingStatus(), LIVE_STREAM);
    live.connection.start();
    await advance(0);
    live.setVisible(false);
    await advance(30 * SECOND);
    live.setVisible(true);
    await advance(10 * MINUTE);
    expect(live.streams).toHaveLength(1);
    expect(live.latest().closed).toBe(false);
    expect(live.connection.getSnapshot().stream).toBe('live');
    live.connection.stop();
  });

  it('a poll that came due while hidden runs on return, once: a second return asks nothing more', async () => {
    const api = harness(waitingStatus(), { stream: false });
    api.connection.start();
    await advance(0);
    api.setVisible(false);
    await advance(20 * SECOND); // the 15 s poll came due while hidden
    expect(api.statusSeconds()).toEqual([0]);
    expect(api.connection.getSnapshot().nextPollAt).toBeUndefined();
    api.setVisible(true);
    expect(api.connection.getSnapshot().checking).toBe(true); // at once, on the return
    await advance(0);
    expect(api.statusSeconds()).toEqual([0, 20]);
    api.setVisible(false);
    await advance(SECOND);
    api.setVisible(true);
    await advance(0);
    expect(api.statusSeconds()).toEqual([0, 20]);
    await advance(14 * SECOND);
    expect(api.statusSeconds()).toEqual([0, 20, 35]);
    api.connection.stop();
  });

  it('shown again before any answer (nothing cached, the first request hanging): it is joined', async () => {
    const first = deferred<CutoverStatus>();
    const api = harness(() => first.promise, { stream: false });
    api.connection.start();
    api.setVisible(false);
    api.setVisible(true);
    api.setVisible(true);
    await advance(SECOND);
    expect(api.statusSeconds()).toEqual([0]);
    first.resolve(waitingStatus());
    await advance(0);
    expect(api.connection.getSnapshot().data).toEqual(waitingStatus());
    api.connection.stop();
  });

  it('a failing API is not re-checked on return: only 401 and 403 wait for the operator', async () => {
    const api = harness(serverError(), { stream: false });
    api.connection.start();
    await advance(0);
    api.setVisible(true);
    api.setVisible(false);
    api.setVisible(true);
    await advance(0);
    expect(api.statusSeconds()).toEqual([0]);
    expect(api.connection.getSnapshot().nextPollAt).toBe(Date.now() + 5 * SECOND);
    api.connection.stop();
  });

  it('a focus while visible does not re-check a waiting card', async () => {
    const api = harness(waitingStatus(), { stream: false });
    api.connection.start();
    await advance(0);
    api.setVisible(true);
    await advance(0);
    expect(api.statusSeconds()).toEqual([0]);
    api.connection.stop();
  });

  it('hidden from the start with nothing cached: asks once, then waits for the tab', async () => {
    const api = harness(waitingStatus(), { visible: false });
    api.connection.start();
    await advance(10 * MINUTE);
    expect(api.statusSeconds()).toEqual([0]);
    expect(api.streamAt).toEqual([]);
    api.setVisible(true);
    await advance(0);
    expect(api.statusSeconds()).toEqual([0, 600]);
    expect(api.streamSeconds()).toEqual([600]);
    api.connection.stop();
  });
});

describe('the /status request sent at boot, at the limit', () => {
  it('one exactly INITIAL_FETCH_MAX_AGE_MS old is still used', async () => {
    const take = vi.fn(() => Promise.resolve(waitingStatus()));
    const fetchStatus = vi.fn(() => Promise.resolve(sovereignStatus()));
    const connection = new CutoverConnection({
      queryClient: new QueryClient(),
      fetchStatus,
      initialFetch: { startedAt: Date.now() - INITIAL_FETCH_MAX_AGE_MS, take },
      random: () => 0.5,
    });
    connection.start();
    await advance(0);
    expect(take).toHaveBeenCalledTimes(1);
    expect(fetchStatus).not.toHaveBeenCalled();
    expect(connection.getSnapshot().data).toEqual(waitingStatus());
    connection.stop();
  });
});

describe('a step-less failure event, decided on the newest news', () => {
  it('a failed step written by a frame after the request left decides it as a failed run', async () => {
    const answer = deferred<CutoverStatus>();
    let hang = false;
    const api = harness(() => (hang ? answer.promise : cuttingOverStatus()), {
      onStream: (s) => {
        s.snapshot({
          'step.gitea-mirror.result': 'success',
          'step.harbor-projects.result': 'running',
        });
      },
    });
    api.connection.start();
    await advance(SECOND);
    hang = true;
    api.latest().frame('cutover-step-failed', { message: 'seal failed', level: 'error' });
    api.latest().frame('cutover-step-failed', {
      step: 'harbor-projects',
      level: 'error',
      message: 'harbor is down',
    });
    answer.resolve(cuttingOverStatus()); // asked before the step's frame: old news
    await advance(0);
    const status = api.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(status?.steps.find((step) => step.id === 'harbor-projects')?.status).toBe('failed');
    expect(api.connection.getSnapshot().warning).toBeUndefined();
    api.connection.stop();
  });
});

describe('old news, edge by edge', () => {
  it('a replaced request is no answer: its late failure shows no problem, its late end keeps the new one checking', async () => {
    const old = deferred<CutoverStatus>();
    const fresh = deferred<CutoverStatus>();
    let next: Answer = waitingStatus();
    const api = harness(() => (typeof next === 'function' ? next() : next), { stream: false });
    api.connection.start();
    await advance(0);
    next = () => old.promise;
    void api.connection.retryNow();
    next = () => fresh.promise;
    void api.connection.refresh();
    old.reject(serverError());
    await advance(0);
    expect(api.connection.getSnapshot()).toMatchObject({
      problem: undefined,
      failures: 0,
      checking: true,
    });
    fresh.resolve(cuttingOverStatus());
    await advance(0);
    expect(api.connection.getSnapshot()).toMatchObject({
      data: cuttingOverStatus(),
      checking: false,
    });
    api.connection.stop();
  });

  it('a stopped connection ignores a late failure', async () => {
    const hanging = deferred<CutoverStatus>();
    let hang = false;
    const api = harness(() => (hang ? hanging.promise : waitingStatus()), { stream: false });
    api.connection.start();
    await advance(0);
    hang = true;
    void api.connection.retryNow();
    api.connection.stop();
    hanging.reject(serverError());
    await advance(0);
    expect(api.connection.getSnapshot()).toMatchObject({ problem: undefined, failures: 0 });
  });

  it('replayed frames change nothing, even a finished step or a completed run', async () => {
    const api = harness(cuttingOverStatus());
    api.connection.start();
    await advance(0);
    const before = api.queryClient.getQueryState(cutoverStatusQueryKey)?.dataUpdatedAt;
    api.latest().frame('cutover-step-finished', {
      time: '2026-05-04T10:02:00Z',
      step: 'harbor-projects',
    });
    api.latest().frame('cutover-started', { time: '2026-05-04T10:05:00Z' });
    api.latest().frame('cutover-completed', { time: '2026-05-04T10:06:00Z' });
    api.latest().frame('cutover-step-failed', { message: 'an old seal failure', level: 'error' });
    const status = api.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(status?.steps.find((step) => step.id === 'harbor-projects')?.status).toBe('running');
    expect(api.queryClient.getQueryState(cutoverStatusQueryKey)?.dataUpdatedAt).toBe(before);
    expect(api.statusSeconds()).toEqual([0]);
    expect(api.connection.getSnapshot().warning).toBeUndefined();
    api.connection.stop();
  });

  it('with nothing cached any more, an answer is written even if a frame was written since it was asked', async () => {
    const answer = deferred<CutoverStatus>();
    let hang = false;
    const api = harness(() => (hang ? answer.promise : cuttingOverStatus()), {
      onStream: (s) => {
        s.snapshot({
          'step.gitea-mirror.result': 'success',
          'step.harbor-projects.result': 'running',
        });
      },
    });
    api.connection.start();
    await advance(0);
    hang = true;
    void api.connection.retryNow();
    api.latest().frame('cutover-step-finished', { step: 'harbor-projects' });
    api.queryClient.removeQueries({ queryKey: cutoverStatusQueryKey }); // e.g. signed out
    answer.resolve(waitingStatus());
    await advance(0);
    expect(api.queryClient.getQueryData(cutoverStatusQueryKey)).toEqual(waitingStatus());
    api.connection.stop();
  });
});

describe('the stream at its ceiling, edge by edge', () => {
  /** Where the fake clock starts (the harness measures request times from here). */
  const startedAt = new Date('2026-05-04T10:00:00Z').getTime();

  it('news from a reconnect while the stream counts as broken draws the next poll afresh from it', async () => {
    let works = false;
    const api = harness(waitingStatus(), {
      onStream: (s) => {
        if (!works) s.fail();
        else s.snapshot({ 'step.gitea-mirror.result': 'running' }); // news: a step runs
      },
    });
    api.connection.start();
    await advance(76 * SECOND); // five stream failures; the poll after them answered
    expect(api.connection.getSnapshot().nextPollAt).toBe(
      startedAt + api.statusAt.at(-1)! + 75 * SECOND,
    );
    works = true;
    await advance(74 * SECOND); // at 150 the stream reopens with a snapshot that changes the status
    expect(api.connection.getSnapshot().stream).toBe('live');
    expect(api.connection.getSnapshot().dataUpdatedAt).toBe(Date.now());
    expect(api.connection.getSnapshot().nextPollAt).toBe(Date.now() + 75 * SECOND);
    api.connection.stop();
  });

  it('a stream whose snapshot says Sovereign, then ends: off, not Reconnecting…, and nothing reopens', async () => {
    const api = harness(waitingStatus(), {
      onStream: (s) => {
        s.snapshot({ cutoverComplete: 'true' });
      },
    });
    api.connection.start();
    await advance(0);
    expect(api.connection.getSnapshot().data?.state).toBe('sovereign');
    api.latest().fail();
    expect(api.connection.getSnapshot().stream).toBe('off');
    await advance(10 * MINUTE);
    expect(api.streams).toHaveLength(1);
    api.connection.stop();
  });
});

describe('more edges of the schedule', () => {
  it('the response ends after a terminal frame whose /status already answered: one more /status, asked then', async () => {
    const api = harness(cuttingOverStatus(), {
      onStream: (s) => {
        s.snapshot({
          'step.gitea-mirror.result': 'success',
          'step.harbor-projects.result': 'running',
        });
      },
    });
    api.connection.start();
    await advance(SECOND);
    api.latest().frame('cutover-completed', {});
    await advance(0); // answered: not Sovereign yet
    expect(api.statusSeconds()).toEqual([0, 1]);
    await advance(SECOND);
    api.latest().fail();
    expect(api.statusSeconds()).toEqual([0, 1, 2]);
    api.connection.stop();
  });

  it('a 401 re-check in flight is joined by a second return: one request', async () => {
    const recheck = deferred<CutoverStatus>();
    let hang = false;
    const api = harness(
      () => (hang ? recheck.promise : new ApiError('http', 'HTTP 401', { status: 401 })),
      { stream: false },
    );
    api.connection.start();
    await advance(MINUTE);
    hang = true;
    api.setVisible(false);
    api.setVisible(true);
    api.setVisible(false);
    api.setVisible(true);
    expect(api.statusSeconds()).toEqual([0, 60]);
    recheck.resolve(waitingStatus());
    await advance(0);
    expect(api.connection.getSnapshot().problem).toBeUndefined();
    api.connection.stop();
  });

  it('a failing API over a cached Sovereign status is not re-checked on return: the back-off stands', async () => {
    const api = harness(serverError(), { stream: false });
    api.queryClient.setQueryData(cutoverStatusQueryKey, sovereignStatus());
    api.connection.start();
    await advance(SECOND);
    api.setVisible(false);
    api.setVisible(true);
    await advance(0);
    expect(api.statusSeconds()).toEqual([0]);
    await advance(4 * SECOND);
    expect(api.statusSeconds()).toEqual([0, 5]);
    api.connection.stop();
  });

  it('a failing /status alone never marks the stream broken; the stream opens with the first good answer', async () => {
    let fail = true;
    const api = harness(() => (fail ? refused() : waitingStatus()), LIVE_STREAM);
    api.connection.start();
    await advance(10 * MINUTE);
    expect(api.connection.getSnapshot()).toMatchObject({ streamBroken: false, stream: 'off' });
    fail = false;
    await api.connection.retryNow();
    expect(api.streamSeconds()).toEqual([600]);
    expect(api.connection.getSnapshot()).toMatchObject({ stream: 'live', streamBroken: false });
    api.connection.stop();
  });

  it('a stream closed as suspect keeps its own back-off, and the count goes on from there', async () => {
    let fail = false;
    const api = harness(() => (fail ? serverError() : waitingStatus()));
    api.connection.start();
    await advance(2 * SECOND); // the stream opened at 0 and sends nothing
    fail = true;
    await api.queryClient.invalidateQueries({ queryKey: cutoverStatusQueryKey }); // fails at 2 s
    await advance(0);
    expect(api.latest().closed).toBe(true);
    fail = false;
    await advance(SECOND);
    await api.queryClient.invalidateQueries({ queryKey: cutoverStatusQueryKey }); // good at 3 s
    await advance(0);
    expect(api.streamSeconds()).toEqual([0]); // not at once: its back-off runs until 7 s
    await advance(4 * SECOND);
    expect(api.streamSeconds()).toEqual([0, 7]);
    // That one sends nothing either: given up at 22 s, the second failure in a row: 10 s.
    await advance(25 * SECOND);
    expect(api.streamSeconds()).toEqual([0, 7, 32]);
    api.connection.stop();
  });
});

describe('what the stream itself can end', () => {
  it('a snapshot that says Sovereign closes the stream: nothing is left to follow', async () => {
    const api = harness(waitingStatus(), {
      onStream: (stream) => {
        stream.snapshot({ cutoverComplete: 'true' });
      },
    });
    api.connection.start();
    await advance(0);
    expect(api.connection.getSnapshot().data?.state).toBe('sovereign');
    expect(api.latest().closed).toBe(true);
    expect(api.connection.getSnapshot().stream).toBe('off');
    await advance(30 * MINUTE);
    expect(api.streamSeconds()).toEqual([0]);
    expect(api.statusSeconds()).toEqual([0]); // Sovereign: re-checked when the operator returns
    api.connection.stop();
  });

  it('a Retry now click that joins a request in flight leaves the stream back-off alone', async () => {
    const hanging = deferred<CutoverStatus>();
    let hang = false;
    const api = harness(() => (hang ? hanging.promise : waitingStatus()), {
      onStream: (stream) => {
        stream.fail();
      },
    });
    api.connection.start();
    await advance(SECOND); // stream attempts at 0; the next after 5 s
    hang = true;
    void api.connection.refresh(); // a request in flight
    void api.connection.retryNow(); // joins it
    hanging.resolve(waitingStatus());
    await advance(0);
    expect(api.streamSeconds()).toEqual([0]); // not reopened at once
    await advance(4 * SECOND);
    expect(api.streamSeconds()).toEqual([0, 5]);
    api.connection.stop();
  });
});

describe('edges found by mutation testing', () => {
  it('stopped, it sends nothing: Retry now and refresh are no-ops, and no timer is left', async () => {
    const api = harness(cuttingOverStatus(), LIVE_STREAM);
    api.connection.start();
    await advance(0);
    expect(api.connection.getSnapshot().stream).toBe('live');
    api.connection.stop(); // while live: the stream's drop must not plan a poll
    expect(vi.getTimerCount()).toBe(0);
    await api.connection.retryNow();
    await api.connection.refresh();
    await advance(10 * MINUTE);
    expect(api.statusSeconds()).toEqual([0]);
  });

  it('a step frame does not clear a step-less warning; a new attempt does', async () => {
    const api = harness(cuttingOverStatus(), LIVE_STREAM);
    api.connection.start();
    await advance(0);
    api.latest().frame('cutover-step-failed', { message: 'seal failed' });
    await advance(0);
    expect(api.connection.getSnapshot().warning?.message).toBe('seal failed');
    api.latest().frame('cutover-step-finished', { step: 'harbor-projects', result: 'success' });
    await advance(0);
    expect(api.connection.getSnapshot().warning?.message).toBe('seal failed');
    api.latest().frame('cutover-started', {});
    await advance(0);
    expect(api.connection.getSnapshot().warning).toBeUndefined();
    api.connection.stop();
  });

  it('a live "already complete" asks /status at once: only it may say Sovereign', async () => {
    const api = harness(cuttingOverStatus(), LIVE_STREAM);
    api.connection.start();
    await advance(10 * SECOND);
    expect(api.statusSeconds()).toEqual([0]);
    api.latest().frame('cutover-already-complete', {});
    await advance(0);
    expect(api.statusSeconds()).toEqual([0, 10]);
    api.connection.stop();
  });
});

describe('more edges found by mutation testing', () => {
  const runningSnapshot = {
    'step.gitea-mirror.result': 'success',
    'step.harbor-projects.result': 'running',
  };

  it('a frame written while a request is in flight plans no poll: the answer plans the next one', async () => {
    const answer = deferred<CutoverStatus>();
    let hang = false;
    const api = harness(() => (hang ? answer.promise : cuttingOverStatus()));
    api.connection.start();
    await advance(0);
    api.latest().snapshot(runningSnapshot);
    await advance(10 * SECOND);
    hang = true;
    void api.connection.retryNow();
    expect(api.connection.getSnapshot()).toMatchObject({ checking: true, nextPollAt: undefined });
    api.latest().frame('cutover-step-finished', { step: 'harbor-projects' });
    const status = api.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    expect(status?.steps.find((step) => step.id === 'harbor-projects')?.status).toBe('done');
    expect(api.connection.getSnapshot()).toMatchObject({ checking: true, nextPollAt: undefined });
    answer.resolve(cuttingOverStatus());
    await advance(0);
    expect(api.connection.getSnapshot()).toMatchObject({
      checking: false,
      nextPollAt: Date.now() + 60 * SECOND,
    });
    api.connection.stop();
  });

  it('hidden from the start, shown before the next poll: the stream opens at once, the poll keeps its time', async () => {
    const api = harness(waitingStatus(), { visible: false });
    api.connection.start();
    await advance(0);
    expect(api.connection.getSnapshot().nextPollAt).toBe(Date.now() + 15 * SECOND);
    await advance(5 * SECOND);
    expect(api.streamAt).toEqual([]);
    api.setVisible(true);
    expect(api.streamSeconds()).toEqual([5]);
    expect(api.connection.getSnapshot().checking).toBe(false);
    await advance(10 * SECOND - 1);
    expect(api.statusSeconds()).toEqual([0]);
    await advance(1);
    expect(api.statusSeconds()).toEqual([0, 15]);
    api.connection.stop();
  });

  it('a live stream closed after 5 minutes hidden ends the 60 s safety net: the tighter poll comes due, asked on return', async () => {
    const api = harness(cuttingOverStatus(), {
      onStream: (stream) => {
        stream.snapshot(runningSnapshot);
      },
    });
    api.connection.start();
    await advance(0);
    expect(api.connection.getSnapshot().stream).toBe('live');
    api.setVisible(false);
    // News keeps coming while hidden: each frame moves the safety net to 60 s after it.
    const frames: [number, string, string][] = [
      [50, 'cutover-step-finished', 'harbor-projects'],
      [100, 'cutover-step-started', 'harbor-prewarm'],
      [150, 'cutover-step-finished', 'harbor-prewarm'],
      [200, 'cutover-step-started', 'registry-pivot'],
      [250, 'cutover-step-finished', 'registry-pivot'],
      [290, 'cutover-step-started', 'flux-gitrepository-patch'],
    ];
    let at = 0;
    for (const [second, phase, step] of frames) {
      await advance((second - at) * SECOND);
      at = second;
      api.latest().frame(phase, { step });
    }
    expect(api.connection.getSnapshot().nextPollAt).toBe(Date.now() + 60 * SECOND);
    await advance(HIDDEN_CLOSE_MS - 290 * SECOND);
    expect(api.latest().closed).toBe(true);
    // Without the stream a running step is polled every 2 s after the latest news: due now, and
    // it waits for the tab.
    expect(api.connection.getSnapshot().nextPollAt).toBe(Date.now());
    await advance(10 * SECOND);
    expect(api.statusSeconds()).toEqual([0]);
    api.setVisible(true);
    expect(api.connection.getSnapshot().checking).toBe(true);
    await advance(0);
    expect(api.statusSeconds()).toEqual([0, 310]);
    api.connection.stop();
  });

  it('a step-less failure (the seal) before the run completes stays a warning: the completion re-reads /status without clearing it', async () => {
    const api = harness(cuttingOverStatus(), {
      onStream: (stream) => {
        stream.snapshot(runningSnapshot);
      },
    });
    api.connection.start();
    await advance(SECOND);
    api.latest().frame('cutover-step-failed', { message: 'seal failed', level: 'error' });
    await advance(0);
    expect(api.connection.getSnapshot().warning).toMatchObject({
      message: 'seal failed',
      decided: true,
    });
    api.answer(sovereignStatus());
    api.latest().frame('cutover-completed', {});
    expect(api.statusSeconds()).toEqual([0, 1, 1]);
    await advance(0);
    expect(api.connection.getSnapshot().data?.state).toBe('sovereign');
    expect(api.connection.getSnapshot().warning).toMatchObject({
      message: 'seal failed',
      decided: true,
    });
    api.connection.stop();
  });
});
