import type { QueryClient } from '@tanstack/query-core';
import type { CutoverStatus } from '../cutover';
import { cutoverStatusQueryKey } from './get-cutover-status';

const statusQueryHash = JSON.stringify(cutoverStatusQueryKey);

/**
 * The one TanStack Query cache entry that holds the parsed status (`cutoverStatusQueryKey`),
 * written by `/status` answers and by stream frames. Old news never overwrites newer news
 * (docs/reliability.md): an answer requested before a frame was written does not replace it.
 */
export class StatusCache {
  /** Counts the writes of frames. */
  private frameWrites = 0;
  /** When the latest news (an answer, or a frame that changed something) arrived. */
  newsAt = 0;

  constructor(private readonly queryClient: QueryClient) {
    // The entry must outlive observers: nothing but the connection reads it.
    queryClient.setQueryDefaults(cutoverStatusQueryKey, { gcTime: Infinity, retry: false });
  }

  get data(): CutoverStatus | undefined {
    return this.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
  }

  /** When the entry was last written (epoch ms; 0: never). */
  get updatedAt(): number {
    return this.queryClient.getQueryState(cutoverStatusQueryKey)?.dataUpdatedAt ?? 0;
  }

  /** Taken when a request leaves; given back with its answer. */
  mark(): number {
    return this.frameWrites;
  }

  /** An answer to a request that left at `mark`: written unless a frame wrote newer news since. */
  answered(status: CutoverStatus, now: number, mark: number): void {
    if (this.frameWrites === mark || this.data === undefined) {
      this.queryClient.setQueryData<CutoverStatus>(cutoverStatusQueryKey, status, {
        updatedAt: now,
      });
    }
    this.newsAt = now;
  }

  /** Folds a frame into the status, written only when it changes something; true if written. */
  write(fold: (status: CutoverStatus | undefined) => CutoverStatus | undefined, now: number) {
    const old = this.data;
    const next = fold(old);
    if (next === undefined || next === old || sameJson(next, old)) return false;
    this.frameWrites += 1;
    this.newsAt = now;
    this.queryClient.setQueryData<CutoverStatus>(cutoverStatusQueryKey, next, { updatedAt: now });
    return true;
  }

  /**
   * Follows the entry: `changed` for every event on it, `invalidated` first when someone said
   * "this changed on the server". Returns the unsubscribe.
   */
  follow(changed: () => void, invalidated: () => void): () => void {
    return this.queryClient.getQueryCache().subscribe((event) => {
      if (event.query.queryHash !== statusQueryHash) return;
      if (event.type === 'updated' && event.action.type === 'invalidate') invalidated();
      changed();
    });
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
