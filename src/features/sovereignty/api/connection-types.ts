import type { QueryClient } from '@tanstack/query-core';
import type { CutoverStatus } from '../cutover';
import type { CutoverEvent } from '../events';
import type { StreamWarning } from './frame-effect';
import type { StatusProblem } from './status-problem';

/**
 * What the cutover connection (connection.ts) is given and what it shows: its options, the
 * ports it runs on (clock, page visibility, event source) and the snapshot the card reads.
 * Types and the timing constants only, so the pieces of the connection can share them.
 */

/** `live`: this connection's snapshot arrived and `/status` is healthy; `off`: polling only. */
export type StreamHealth = 'off' | 'connecting' | 'live' | 'reconnecting';

/** A tab hidden this long drops its stream (reopened on return); polls pause while hidden. */
export const HIDDEN_CLOSE_MS = 5 * 60_000;
/** A stream that has not sent its snapshot this long after connecting counts as failed. */
export const SNAPSHOT_TIMEOUT_MS = 15_000;
/** A connection that stayed up this long after its snapshot has proved itself: back-off resets. */
export const STREAM_STABLE_MS = 30_000;

export type { StreamWarning };

export interface ConnectionSnapshot {
  readonly data: CutoverStatus | undefined;
  /** When the cache entry was last written, by a poll or a frame (epoch ms; 0: never). */
  readonly dataUpdatedAt: number;
  /** The latest `/status` answer's problem; it stays until an answer replaces it. */
  readonly problem: StatusProblem | undefined;
  /** `/status` failures in a row (the back-off's input). */
  readonly failures: number;
  /** When the next automatic `/status` request is due, if one is planned. */
  readonly nextPollAt: number | undefined;
  /** A `/status` request is in flight. */
  readonly checking: boolean;
  readonly stream: StreamHealth;
  /** The stream has failed so often in a row that polls fall to about once a minute too. */
  readonly streamBroken: boolean;
  readonly warning: StreamWarning | undefined;
}

/** The part of an EventSource this module uses. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PageVisibility {
  isVisible(): boolean;
  /** Calls `onChange` whenever visibility may have changed; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
}

/**
 * A `GET /status` the entry sent at boot, while the JS was still loading (docs/performance.md),
 * so the card's first answer does not wait for the card to mount.
 */
export interface InitialStatusFetch {
  /** When it was sent (epoch ms). */
  readonly startedAt: number;
  /** Its answer, parsed as `fetchStatus` parses one; given out once, then `undefined`. */
  take(): Promise<CutoverStatus> | undefined;
}

/** After this long of good answers a back-off is forgotten. */
export const BACKOFF_FORGET_MS = 5 * 60_000;

/** A boot-time request older than this when the card first asks is not used: it asks anew. */
export const INITIAL_FETCH_MAX_AGE_MS = 5_000;

export interface ConnectionOptions {
  readonly queryClient: QueryClient;
  readonly fetchStatus: (signal: AbortSignal) => Promise<CutoverStatus>;
  /** Stands in for the first `fetchStatus` when fresh; its answer and errors go the same way. */
  readonly initialFetch?: InitialStatusFetch | undefined;
  /** Opens the event stream; absent where there is no EventSource (polling only). */
  readonly openStream?: (() => EventSourceLike) | undefined;
  readonly clock?: Clock;
  /** A number in [0, 1) for the jitter. */
  readonly random?: () => number;
  readonly visibility?: PageVisibility;
  /**
   * Called for every frame parsed, replayed (before this connection's snapshot) or live, after the
   * connection has handled it; for observers such as the attempt history (docs/after-the-run.md).
   * It never changes what is written to the cache.
   */
  readonly onFrame?: ((event: CutoverEvent, replayed: boolean) => void) | undefined;
}
