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
