import { ChunkLoadError } from '../chunk-load';

/** One import() for the dashboard chunk, shared by the lazy route and the boot-time preload. */
let pending: Promise<typeof import('./Dashboard')> | undefined;

export function loadDashboard(): Promise<{ default: typeof import('./Dashboard').Dashboard }> {
  // A rejection reaches the route's error boundary as a ChunkLoadError: "the console was updated".
  pending ??= import('./Dashboard').catch((error: unknown) => {
    throw new ChunkLoadError(error);
  });
  return pending.then((module) => ({ default: module.Dashboard }));
}
