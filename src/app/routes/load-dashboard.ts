import { ChunkLoadError } from '../chunk-load';

type DashboardModule = typeof import('./Dashboard');

/** One import() for the dashboard chunk, shared by the route and the boot-time preload. */
let pending: Promise<DashboardModule> | undefined;

export function loadDashboard(): Promise<DashboardModule> {
  if (pending) return pending;
  // A rejection reaches the route's error boundary as a ChunkLoadError: "the console was updated".
  const promise = import('./Dashboard').catch((error: unknown) => {
    throw new ChunkLoadError(error);
  });
  // Says it has settled the way React's `use` reads a promise, so a render after that reads the
  // module at once, with no Suspense fallback (React adds these fields itself, but only once it
  // has seen the promise, which costs that render a suspend). docs/performance.md
  const tracked = promise as Promise<DashboardModule> & {
    status?: string;
    value?: DashboardModule;
    reason?: unknown;
  };
  promise.then(
    (value) => {
      tracked.status = 'fulfilled';
      tracked.value = value;
    },
    (reason: unknown) => {
      tracked.status = 'rejected';
      tracked.reason = reason;
    },
  );
  pending = promise;
  return promise;
}
