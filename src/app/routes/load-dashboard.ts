import { ChunkLoadError } from '../chunk-load';

type DashboardModule = typeof import('./Dashboard');

/** One import() for the dashboard chunk, shared by the route and the boot-time preload. */
let pending: Promise<DashboardModule> | undefined;
/** The chunk, once it has loaded: the route renders it at once, with no Suspense fallback. */
let loaded: DashboardModule | undefined;

export function loadDashboard(): Promise<DashboardModule> {
  // A rejection reaches the route's error boundary as a ChunkLoadError: "the console was updated".
  pending ??= import('./Dashboard').then(
    (module) => {
      loaded = module;
      return module;
    },
    (error: unknown) => {
      throw new ChunkLoadError(error);
    },
  );
  return pending;
}

/** The dashboard's module if its chunk has loaded (docs/performance.md), else `undefined`. */
export function loadedDashboard(): DashboardModule | undefined {
  return loaded;
}
