/**
 * How long a run took (docs/after-the-run.md): the successful attempt's own run time,
 * and the total since the first attempt. Pure.
 */
import { parseInstant, type CutoverStatus } from './cutover';
import type { Attempt } from './attempt-history';
import { attemptStart, instant } from './attempt-fold';

export interface RunDurations {
  /** The successful attempt's run time: its start to the finish. */
  readonly attemptMs?: number;
  /** From the first attempt's start (the API's, or the earliest this browser saw) to the finish. */
  readonly totalMs?: number;
}

function between(start: string | undefined, end: string | undefined): number | undefined {
  const from = parseInstant(start);
  const to = parseInstant(end);
  return from === undefined || to === undefined || to < from ? undefined : to - from;
}

/**
 * How long the cutover took: the successful attempt alone, and since the first attempt. The two
 * differ when a failed or interrupted run came first; the idle time between them is in the total
 * only.
 */
export function runDurations(
  status: CutoverStatus,
  attempts: readonly Attempt[] = [],
): RunDurations {
  const end = status.finishedAt;
  const attemptMs = between(attemptStart(status), end);
  const starts = [status.startedAt, ...attempts.map((attempt) => attempt.startedAt)]
    .filter((start): start is string => parseInstant(start) !== undefined)
    .sort((a, b) => instant(a) - instant(b));
  const totalMs = between(starts[0] ?? attemptStart(status), end);
  return {
    ...(attemptMs === undefined ? {} : { attemptMs }),
    ...(totalMs === undefined ? {} : { totalMs }),
  };
}

/** "Took" in the Sovereign view: the successful attempt's run time, without earlier runs. */
export function successfulRunMs(status: CutoverStatus): number | undefined {
  return runDurations(status).attemptMs;
}
