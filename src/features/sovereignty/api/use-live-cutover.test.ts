import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '@/lib/api-client';
import { ConsoleContextProvider } from '@/lib/console-context';
import type { ConsoleConfig } from '@/lib/config';
import { attemptStorageKey } from '../attempts';
import { parseCutoverStatus } from '../cutover';
import { HIDDEN_CLOSE_MS, type InitialStatusFetch } from './connection';
import { CUTOVER_STATUS_PATH } from './get-cutover-status';
import { InitialStatusFetchContext } from './initial-status-context';
import {
  CUTOVER_EVENTS_PATH,
  CutoverConnectionContext,
  useCutoverConnection,
  useLiveCutoverStatus,
} from './use-live-cutover';

/**
 * The adapter between the connection (connection.ts, tested on its own) and React: what it wires
 * to the browser (the API client, EventSource, the tab's visibility and the window's focus, the
 * attempt history in sessionStorage) and what it gives the card. Fake timers, a fake client and a
 * fake EventSource: no network, no real time.
 */

const API_ORIGIN = 'https://sovereign.example';

const WAITING = { state: 'tethered', cutoverComplete: false };
const CUTTING_OVER = {
  state: 'tethered',
  lastAttemptStartedAt: '2026-05-04T10:00:00Z',
  steps: [
    { name: 'gitea-mirror', status: 'done', startedAt: '2026-05-04T10:00:00Z' },
    { name: 'harbor-projects', status: 'running', startedAt: '2026-05-04T10:01:00Z' },
  ],
};
const SOVEREIGN = { state: 'sovereign', cutoverComplete: true };

/** The part of EventSource the connection uses, recording what was opened and closed. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  readonly listeners = new Map<string, ((event: Event) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  frame(phase: string, payload: Record<string, unknown>): void {
    const data = JSON.stringify({ time: '2026-05-04T10:02:00Z', phase, level: 'info', ...payload });
    const event = new MessageEvent(phase, { data });
    for (const listener of this.listeners.get(phase) ?? []) listener(event);
  }
}

function fakeClient(answers: unknown[]) {
  const getJson = vi.fn((_path: string, _options?: { signal?: AbortSignal }) => {
    return Promise.resolve(answers.length > 1 ? answers.shift() : answers[0]);
  });
  const client: ApiClient = {
    url: (path) => `${API_ORIGIN}/api${path}`,
    getJson,
    postJson: vi.fn(() => Promise.resolve({})),
  };
  return { client, getJson };
}

interface Setup {
  answers?: unknown[];
  initialFetch?: InitialStatusFetch;
  apiBase?: string;
}

function mount({ answers = [WAITING], initialFetch, apiBase = '/api' }: Setup = {}) {
  const { client, getJson } = fakeClient(answers);
  const queryClient = new QueryClient();
  const config: ConsoleConfig = { basePath: '', apiBase };
  const wrapper = ({ children }: { children: ReactNode }) =>
    createElement(
      QueryClientProvider,
      { client: queryClient },
      createElement(ConsoleContextProvider, {
        client,
        config,
        children: createElement(InitialStatusFetchContext, { value: initialFetch }, children),
      }),
    );
  const view = renderHook(() => useLiveCutoverStatus(), { wrapper });
  return { ...view, getJson, queryClient };
}

/** Lets the answers in flight arrive (microtasks), with the fake clock at a standstill. */
const settle = () =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(0);
  });

let visibility: DocumentVisibilityState = 'visible';
function setVisibility(next: DocumentVisibilityState) {
  visibility = next;
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-05-04T10:05:00Z') });
  FakeEventSource.opened = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  visibility = 'visible';
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useLiveCutoverStatus', () => {
  it('asks GET /status once on mount, and gives the parsed answer to the card', async () => {
    const { result, getJson } = mount({ answers: [CUTTING_OVER] });
    expect(getJson).toHaveBeenCalledTimes(1);
    expect(getJson.mock.calls[0]?.[0]).toBe(CUTOVER_STATUS_PATH);
    expect(getJson.mock.calls[0]?.[1]?.signal).toBeInstanceOf(AbortSignal);
    expect(result.current.snapshot.checking).toBe(true);
    expect(result.current.snapshot.data).toBeUndefined();
    await settle();
    expect(result.current.snapshot.checking).toBe(false);
    expect(result.current.snapshot.data).toEqual(parseCutoverStatus(CUTTING_OVER));
    expect(result.current.snapshot).toBe(result.current.connection.getSnapshot());
  });

  it('opens the event stream at the API base, and goes Live on its snapshot', async () => {
    const { result } = mount({ answers: [CUTTING_OVER] });
    expect(FakeEventSource.opened).toHaveLength(0);
    await settle();
    expect(FakeEventSource.opened.map((source) => source.url)).toEqual([
      `${API_ORIGIN}/api${CUTOVER_EVENTS_PATH}`,
    ]);
    expect(CUTOVER_EVENTS_PATH).toBe('/v1/sovereign/cutover/events');
    expect(result.current.snapshot.stream).toBe('connecting');
    act(() => {
      FakeEventSource.opened[0]?.frame('cutover-status', {
        message: JSON.stringify({ cutoverComplete: 'false' }),
      });
    });
    expect(result.current.snapshot.stream).toBe('live');
  });

  it('polls only where the browser has no EventSource', async () => {
    vi.stubGlobal('EventSource', undefined);
    const { result } = mount({ answers: [CUTTING_OVER] });
    await settle();
    expect(result.current.snapshot.data).toEqual(parseCutoverStatus(CUTTING_OVER));
    expect(result.current.snapshot.stream).toBe('off');
    expect(result.current.snapshot.nextPollAt).toBeDefined();
  });

  it('keeps one connection and one tracker across renders', async () => {
    const { result, rerender } = mount();
    const first = result.current;
    await settle();
    rerender();
    expect(result.current.connection).toBe(first.connection);
    expect(result.current.tracker).toBe(first.tracker);
  });

  it('uses the /status request sent at boot instead of asking again', async () => {
    const take = vi.fn(() => Promise.resolve(parseCutoverStatus(SOVEREIGN)));
    const { result, getJson } = mount({
      answers: [WAITING],
      initialFetch: { startedAt: Date.now(), take },
    });
    await settle();
    expect(take).toHaveBeenCalledTimes(1);
    expect(getJson).not.toHaveBeenCalled();
    expect(result.current.snapshot.data?.state).toBe('sovereign');
  });

  it('stops on unmount: the stream is closed and no timer is left', async () => {
    const { unmount, getJson } = mount({ answers: [CUTTING_OVER] });
    await settle();
    const [source] = FakeEventSource.opened;
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    unmount();
    expect(source?.closed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(HIDDEN_CLOSE_MS);
    });
    expect(getJson).toHaveBeenCalledTimes(1);
  });

  it('cancels the request in flight on unmount', () => {
    const { unmount, getJson } = mount();
    const signal = getJson.mock.calls[0]?.[1]?.signal;
    expect(signal?.aborted).toBe(false);
    unmount();
    expect(signal?.aborted).toBe(true);
  });
});

describe('useLiveCutoverStatus: the tab and the window', () => {
  it('re-checks a Sovereign card when the tab is shown again, not while it is hidden', async () => {
    const { getJson } = mount({ answers: [SOVEREIGN] });
    await settle();
    expect(getJson).toHaveBeenCalledTimes(1);
    setVisibility('hidden');
    await settle();
    expect(getJson).toHaveBeenCalledTimes(1);
    setVisibility('visible');
    await settle();
    expect(getJson).toHaveBeenCalledTimes(2);
  });

  it('re-checks a Sovereign card when the window gets the focus back', async () => {
    const { getJson } = mount({ answers: [SOVEREIGN] });
    await settle();
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    await settle();
    expect(getJson).toHaveBeenCalledTimes(2);
  });

  it('drops the stream of a tab hidden for 5 minutes and opens it again on return', async () => {
    const { result } = mount({ answers: [CUTTING_OVER] });
    await settle();
    const [first] = FakeEventSource.opened;
    act(() => {
      first?.frame('cutover-status', { message: JSON.stringify({ cutoverComplete: 'false' }) });
    });
    expect(result.current.snapshot.stream).toBe('live');
    setVisibility('hidden');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(HIDDEN_CLOSE_MS - 1);
    });
    expect(first?.closed).toBe(false);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(first?.closed).toBe(true);
    expect(result.current.snapshot.stream).toBe('off');
    setVisibility('visible');
    await settle();
    expect(FakeEventSource.opened).toHaveLength(2);
    expect(FakeEventSource.opened[1]?.closed).toBe(false);
  });

  it('listens to the tab and the window only while mounted', async () => {
    const onDocument = {
      add: vi.spyOn(document, 'addEventListener'),
      remove: vi.spyOn(document, 'removeEventListener'),
    };
    const onWindow = {
      add: vi.spyOn(window, 'addEventListener'),
      remove: vi.spyOn(window, 'removeEventListener'),
    };
    const ofType = (calls: unknown[][], type: string) => calls.filter(([name]) => name === type);
    const { unmount, getJson } = mount({ answers: [SOVEREIGN] });
    await settle();
    expect(ofType(onDocument.add.mock.calls, 'visibilitychange')).toHaveLength(1);
    expect(ofType(onWindow.add.mock.calls, 'focus')).toHaveLength(1);
    unmount();
    expect(ofType(onDocument.remove.mock.calls, 'visibilitychange')).toEqual(
      ofType(onDocument.add.mock.calls, 'visibilitychange'),
    );
    expect(ofType(onWindow.remove.mock.calls, 'focus')).toEqual(
      ofType(onWindow.add.mock.calls, 'focus'),
    );
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('focus'));
    });
    await settle();
    expect(getJson).toHaveBeenCalledTimes(1);
  });
});

describe('useLiveCutoverStatus: the attempts this browser saw', () => {
  it('keeps them in sessionStorage under the API base, fed by the status', async () => {
    const { result } = mount({ answers: [CUTTING_OVER], apiBase: '/sovereign/api' });
    await settle();
    const history = result.current.tracker.getSnapshot().history;
    expect(history.attempts).toHaveLength(1);
    expect(sessionStorage.getItem(attemptStorageKey('/sovereign/api'))).toBe(
      JSON.stringify(history),
    );
  });

  it('and by the stream frames, replayed ones included', async () => {
    const { result } = mount({ answers: [WAITING] });
    await settle();
    expect(result.current.tracker.getSnapshot().history.attempts).toHaveLength(0);
    act(() => {
      FakeEventSource.opened[0]?.frame('cutover-started', {
        message: 'cutover started',
        time: '2026-05-04T10:01:00Z',
      });
    });
    expect(result.current.tracker.getSnapshot().history.attempts).toEqual([
      expect.objectContaining({ startedAt: '2026-05-04T10:01:00Z' }),
    ]);
  });

  it('stops following the connection on unmount', async () => {
    const { result, unmount, queryClient } = mount({ answers: [WAITING] });
    await settle();
    const { tracker } = result.current;
    unmount();
    act(() => {
      queryClient.setQueryData(['sovereignty', 'cutover-status'], parseCutoverStatus(CUTTING_OVER));
    });
    expect(tracker.getSnapshot().history.attempts).toHaveLength(0);
  });
});

describe('CutoverConnectionContext', () => {
  it('is null outside a card', () => {
    const { result } = renderHook(() => useCutoverConnection());
    expect(result.current).toBeNull();
  });

  it("gives the card's connection to the actions inside it", async () => {
    const card = mount();
    await settle();
    const { connection } = card.result.current;
    const { result } = renderHook(() => useCutoverConnection(), {
      wrapper: ({ children }: { children: ReactNode }) =>
        createElement(CutoverConnectionContext, { value: connection }, children),
    });
    expect(result.current).toBe(connection);
  });
});
