import type { QueryClient } from '@tanstack/react-query';

/**
 * When the event stream last wrote into the status cache entry, per query client. The poller reads
 * it so that an answer requested before a frame arrived does not land on top of that frame.
 */
const lastFrameAt = new WeakMap<QueryClient, number>();

export function markFrameWritten(queryClient: QueryClient): void {
  lastFrameAt.set(queryClient, Date.now());
}

export function frameWrittenSince(queryClient: QueryClient, time: number): boolean {
  return (lastFrameAt.get(queryClient) ?? 0) > time;
}
