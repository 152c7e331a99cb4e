/**
 * The attempts this browser keeps (docs/after-the-run.md): their shape, checked by zod when read
 * back from sessionStorage, the storage key and the numbering. Pure: zod and relative imports only.
 */
import * as z from 'zod/mini';
import { STEP_STATUSES, type CutoverStatus } from './cutover';
import type { CutoverEvent } from './events';

/** How many attempts a browser session keeps; older ones are dropped (numbering carries on). */
export const MAX_ATTEMPTS = 20;

export const ATTEMPT_OUTCOMES = [
  'running',
  'failed',
  'succeeded',
  'interrupted',
  'unknown',
] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

const attemptSchema = z.object({
  /** RFC 3339: the API's attempt start, or (when `startInferred`) the first sign of the run. */
  startedAt: z.string(),
  startInferred: z.optional(z.boolean()),
  /** When it failed or finished; for an interrupted run, the last time it was seen running. */
  endedAt: z.optional(z.string()),
  outcome: z.enum(ATTEMPT_OUTCOMES),
  /** The step it failed at (or the pseudo-step the API named). */
  failedStep: z.optional(z.string()),
  error: z.optional(z.string()),
  /** The step it was at when last seen: running, or the last one it finished. */
  lastStep: z.optional(z.string()),
  /** The latest time this browser knows the run was alive (a frame's time or an observation). */
  lastSeenAt: z.optional(z.string()),
});

export type Attempt = z.infer<typeof attemptSchema>;

const stepMarkSchema = z.object({
  status: z.enum(STEP_STATUSES),
  startedAt: z.optional(z.string()),
  finishedAt: z.optional(z.string()),
});
export type StepMark = z.infer<typeof stepMarkSchema>;

const historySchema = z.object({
  version: z.literal(1),
  /** Oldest first. */
  attempts: z.array(attemptSchema),
  /** Attempts dropped by the cap: the first kept one is number `dropped + 1`. */
  dropped: z.int().check(z.nonnegative()),
  /** The latest status's steps, to notice a reset (steps moving backwards) with no new start time. */
  steps: z.optional(z.record(z.string(), stepMarkSchema)),
});

export type AttemptHistory = z.infer<typeof historySchema>;

export const EMPTY_HISTORY: AttemptHistory = { version: 1, attempts: [], dropped: 0 };

/** What the card says when a new run began while the console was watching. */
export interface NewRunNotice {
  readonly number: number;
  readonly startedAt: string;
  readonly previous: Attempt & { readonly number: number };
}

export type AttemptObservation =
  | {
      readonly kind: 'status';
      readonly status: CutoverStatus;
      /** When the console observed it (RFC 3339, the browser's clock). */
      readonly at: string;
    }
  | { readonly kind: 'frame'; readonly event: CutoverEvent; readonly replayed: boolean };

export interface ObserveResult {
  readonly history: AttemptHistory;
  /** Set when this observation revealed a new run after one the console had already seen. */
  readonly notice?: NewRunNotice;
}

// ---------------------------------------------------------------------------------------------
// Storage

/** The sessionStorage key: one history per catalyst-api the console talks to. */
export function attemptStorageKey(apiBase: string): string {
  return `catalyst-console:cutover-attempts:${apiBase}`;
}

/** Stored text → history; absent, corrupt or of another shape → an empty history. */
export function parseStoredHistory(text: string | null | undefined): AttemptHistory {
  let value: unknown;
  try {
    // Nothing stored needs no case of its own: "null" parses to null, "undefined" is not JSON.
    value = JSON.parse(String(text)) as unknown;
  } catch {
    // Not JSON: `value` stays undefined, which the schema refuses like any other shape.
  }
  const parsed = historySchema.safeParse(value);
  return parsed.success ? capped(parsed.data) : EMPTY_HISTORY;
}

export function attemptNumber(history: AttemptHistory, index: number): number {
  return history.dropped + index + 1;
}

export function capped(history: AttemptHistory): AttemptHistory {
  const excess = history.attempts.length - MAX_ATTEMPTS;
  if (excess <= 0) return history;
  return {
    ...history,
    attempts: history.attempts.slice(excess),
    dropped: history.dropped + excess,
  };
}
