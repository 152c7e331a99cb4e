import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiClient } from '@/lib/api-client';
import { useApiClient, useConsoleConfig } from '@/lib/console-context';
import { attemptStorageKey } from '../attempts';
import type { CutoverEvent } from '../events';
import { AttemptTracker, sessionStorageOrNone } from './attempt-tracker';
import { CutoverConnection, type InitialStatusFetch, type PageVisibility } from './connection';
import { CUTOVER_API_PATH, getCutoverStatus } from './get-cutover-status';
import { InitialStatusFetchContext } from './initial-status-context';

export const CUTOVER_EVENTS_PATH = `${CUTOVER_API_PATH}/events`;

const documentVisibility: PageVisibility = {
  isVisible: () => document.visibilityState !== 'hidden',
  // Showing the tab, or focusing the window again, is when a person looks: re-check then.
  subscribe: (onChange) => {
    document.addEventListener('visibilitychange', onChange);
    window.addEventListener('focus', onChange);
    return () => {
      document.removeEventListener('visibilitychange', onChange);
      window.removeEventListener('focus', onChange);
    };
  },
};

function browserConnection(
  client: ApiClient,
  queryClient: ReturnType<typeof useQueryClient>,
  initialFetch: InitialStatusFetch | undefined,
  onFrame: (event: CutoverEvent, replayed: boolean) => void,
) {
  return new CutoverConnection({
    onFrame,
    queryClient,
    fetchStatus: (signal) => getCutoverStatus(client, signal),
    initialFetch,
    // Same origin, so the session cookie flows; the connection does its own reconnecting.
    openStream:
      typeof EventSource === 'function'
        ? () => new EventSource(client.url(CUTOVER_EVENTS_PATH))
        : undefined,
    visibility: documentVisibility,
  });
}

/**
 * Thin adapter from the connection (a plain module, connection.ts) to React: one connection per
 * mounted card, started while mounted, read with useSyncExternalStore.
 */
export function useLiveCutoverStatus() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const initialFetch = useContext(InitialStatusFetchContext);
  const { apiBase } = useConsoleConfig();
  // The attempts this browser saw (docs/after-the-run.md): fed by the connection's frames and status.
  const [tracker] = useState(
    () => new AttemptTracker({ storage: sessionStorageOrNone(), key: attemptStorageKey(apiBase) }),
  );
  const [connection] = useState(() =>
    browserConnection(client, queryClient, initialFetch, tracker.observeFrame),
  );
  useEffect(() => {
    const unfollow = tracker.follow(connection);
    connection.start();
    return () => {
      connection.stop();
      unfollow();
    };
  }, [connection, tracker]);
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  return { connection, snapshot, tracker };
}

/** The card's connection, for the actions inside it (Retry cutover re-reads the status). */
export const CutoverConnectionContext = createContext<CutoverConnection | null>(null);

export function useCutoverConnection(): CutoverConnection | null {
  return useContext(CutoverConnectionContext);
}
