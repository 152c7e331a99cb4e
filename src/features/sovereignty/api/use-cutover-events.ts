import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApiClient } from '@/lib/api-client-context';
import type { CutoverStatus } from '../cutover';
import { cutoverPhase } from '../progress';
import {
  CUTOVER_EVENT_PHASES,
  applyRunStarted,
  applySnapshot,
  applyStepEvent,
  parseCutoverEvent,
  type CutoverEvent,
} from '../events';
import { CUTOVER_API_PATH, cutoverStatusQueryKey } from './get-cutover-status';
import type { StatusProblem } from './status-problem';
import { markFrameWritten } from './stream-marks';

export const CUTOVER_EVENTS_PATH = `${CUTOVER_API_PATH}/events`;

/** `live`: frames are flowing; `connecting`/`reconnecting`: trying; `off`: polling only. */
export type StreamHealth = 'off' | 'connecting' | 'live' | 'reconnecting';

/** 1 s, 2 s, 4 s, 8 s, then 8 s: how long to wait before reconnect attempt `n` (1-based). */
export function reconnectDelay(attempt: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, attempt - 1), 8_000);
}

/** A tab hidden this long drops its stream (reopened on return); polling is paused meanwhile. */
export const HIDDEN_CLOSE_MS = 5 * 60_000;

export interface StreamWarning {
  readonly message: string;
  readonly time: string;
  /**
   * False until a /status answer fetched after the event has said whether the run failed; true
   * when it did not (the engine's seal failure is reported this way and is not fatal).
   */
  readonly decided: boolean;
}

interface StreamOptions {
  /** False while sovereign, or while /status answers 401/403/404: no stream, no reconnects. */
  readonly enabled: boolean;
}

function useTabVisibleRecently(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      clearTimeout(timer);
      if (document.visibilityState === 'hidden') {
        timer = setTimeout(() => {
          setVisible(false);
        }, HIDDEN_CLOSE_MS);
      } else {
        setVisible(true);
      }
    };
    document.addEventListener('visibilitychange', update);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', update);
    };
  }, []);
  return visible;
}

/**
 * Follows the cutover over SSE (same origin, cookie auth) and writes every frame into the status
 * cache entry the poller also writes. Native EventSource reconnects are replaced by our own back-off,
 * because an EventSource cannot see HTTP statuses: the status poll decides whether to keep trying.
 */
export function useCutoverEvents({ enabled }: StreamOptions) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const visible = useTabVisibleRecently();
  const [health, setHealth] = useState<StreamHealth>('off');
  const [warning, setWarning] = useState<StreamWarning>();
  const active = enabled && visible && typeof EventSource === 'function';

  useEffect(() => {
    if (!active) return;
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let closed = false;
    /**
     * On every connect the server replays up to 256 old events before its snapshot: all of that
     * is old news, so frames count only once this connection's snapshot is in (DESIGN.md rule 9).
     */
    let synced = false;

    // Joins a fetch already in flight rather than cancelling it (frames may come faster than it).
    const refetchStatus = () =>
      queryClient.refetchQueries({ queryKey: cutoverStatusQueryKey }, { cancelRefetch: false });

    /** Writes a frame into the cache entry, unless /status is failing: see below. */
    const write = (fold: (status: CutoverStatus | undefined) => CutoverStatus | undefined) => {
      const state = queryClient.getQueryState<CutoverStatus, StatusProblem>(cutoverStatusQueryKey);
      if (state?.status === 'error') {
        // Writing would clear the problem the card shows (and reset its back-off). A frame proves
        // the API is up, though: ask /status again instead.
        void refetchStatus();
        return;
      }
      queryClient.setQueryData<CutoverStatus>(cutoverStatusQueryKey, fold);
      markFrameWritten(queryClient);
    };
    const update = (fold: (status: CutoverStatus) => CutoverStatus) => {
      write((old) => (old ? fold(old) : old));
    };

    const decideWarning = (time: string) => {
      void refetchStatus().then(() => {
        const status = queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
        const failed = status !== undefined && cutoverPhase(status) === 'failed';
        setWarning((current) =>
          current?.time !== time ? current : failed ? undefined : { ...current, decided: true },
        );
      });
    };

    const handle = (event: CutoverEvent) => {
      if (event.phase === 'cutover-status') {
        synced = true;
        write((old) => applySnapshot(old, event));
        return;
      }
      if (!synced) return;
      switch (event.phase) {
        case 'cutover-started':
          setWarning(undefined); // a new attempt: earlier warnings are about an earlier run
          update((status) => applyRunStarted(status, event));
          return;
        case 'cutover-completed':
        case 'cutover-already-complete':
          void refetchStatus();
          return;
        case 'cutover-step-failed':
          if (event.step === undefined) {
            // Step-less: a seal or bridge failure. A warning until /status decides the run.
            setWarning({
              message: event.message ?? 'The catalyst-api reported an error.',
              time: event.time,
              decided: false,
            });
            decideWarning(event.time);
            return;
          }
          update((status) => applyStepEvent(status, event));
          return;
        case 'cutover-step-started':
        case 'cutover-step-finished':
          update((status) => applyStepEvent(status, event));
          return;
      }
    };

    const connect = () => {
      setHealth(attempts === 0 ? 'connecting' : 'reconnecting');
      synced = false;
      source = new EventSource(client.url(CUTOVER_EVENTS_PATH));
      source.onopen = () => {
        attempts = 0;
        setHealth('live');
      };
      for (const phase of CUTOVER_EVENT_PHASES) {
        source.addEventListener(phase, (message: MessageEvent<string>) => {
          try {
            handle(parseCutoverEvent(phase, message.data));
          } catch {
            // A frame we cannot read is skipped; the snapshot and the poller keep the card right.
          }
        });
      }
      source.onerror = () => {
        // Closed by the server after a terminal event, dropped, or refused (401/404 look alike):
        // stop the browser's own retry loop and back off; the poller keeps the card current.
        source?.close();
        if (closed) return;
        attempts += 1;
        setHealth('reconnecting');
        void refetchStatus();
        retryTimer = setTimeout(connect, reconnectDelay(attempts));
      };
    };

    connect();
    return () => {
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
      setHealth('off');
    };
  }, [active, client, queryClient]);

  return { health: active ? health : ('off' as const), warning };
}
