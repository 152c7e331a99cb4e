/**
 * The run's clock, as an operator reads it (docs/cutover-contract.md "The run clock"): how far
 * along, since when, and whether the running step's time is still normal for it. Pure, like
 * cutover.ts: numbers and plain sentences from a status and an instant, no React, no DOM.
 */
import { parseInstant, type CutoverStatus } from './cutover';
import { EGRESS_HOLD_MS, stepDeadlineMs, stepGuidance } from './guidance';
import type { StepRow } from './progress';

/** A running step is "near its deadline" from this share of it on. */
export const NEAR_DEADLINE_SHARE = 0.75;

export type DeadlineLevel = 'normal' | 'near' | 'past';

/** `normal` below 75 % of the deadline, `near` from there up to it, `past` beyond it. */
export function deadlineLevel(elapsedMs: number, deadlineMs: number): DeadlineLevel {
  if (elapsedMs > deadlineMs) return 'past';
  if (elapsedMs >= NEAR_DEADLINE_SHARE * deadlineMs) return 'near';
  return 'normal';
}

export interface RunningStepClock {
  readonly elapsedMs: number;
  readonly deadlineMs: number;
  readonly level: DeadlineLevel;
  /** egress-block-test only: how long egress stays denied (0 once the hold is over). */
  readonly holdLeftMs?: number;
}

/**
 * The running step's time against its deadline at `now`; undefined when its start is unknown or
 * later than `now` (clock skew: nothing is invented).
 */
export function runningStepClock(
  row: Pick<StepRow, 'id' | 'startedAt'>,
  now: number,
): RunningStepClock | undefined {
  const start = parseInstant(row.startedAt);
  if (start === undefined || now < start) return undefined;
  const elapsedMs = now - start;
  const deadlineMs = stepDeadlineMs(row.id);
  const clock = { elapsedMs, deadlineMs, level: deadlineLevel(elapsedMs, deadlineMs) };
  return row.id === 'egress-block-test'
    ? { ...clock, holdLeftMs: Math.max(0, EGRESS_HOLD_MS - elapsedMs) }
    : clock;
}

type Duration = (ms: number) => string | undefined;

/**
 * What the card says about a running step's time, by level:
 * - normal: `of at most 30 min`
 * - near: `running 24 min of at most 30 min: Pre-warm can take this long on a large Sovereign`
 * - past: `running 31 min, past its default deadline of 30 min: …`
 * The note after the colon is the step's own (`whenSlow` in guidance.ts); `duration` formats a
 * span of time.
 */
export function deadlineSentence(
  clock: RunningStepClock,
  stepId: string,
  duration: Duration,
): string {
  const elapsed = duration(clock.elapsedMs) ?? '';
  const deadline = duration(clock.deadlineMs) ?? '';
  const whenSlow = stepGuidance(stepId)?.whenSlow;
  switch (clock.level) {
    case 'normal':
      return `of at most ${deadline}`;
    case 'near':
      return `running ${elapsed} of at most ${deadline}: ${whenSlow ?? 'close to its deadline; have its logs open'}`;
    case 'past':
      return `running ${elapsed}, past its default deadline of ${deadline}: the step can be failed at any moment; read its logs now`;
  }
}

/** The egress hold, said plainly: `egress blocked: 6 min 12 s left of 10 min`. */
export function holdSentence(holdLeftMs: number, duration: Duration): string {
  const hold = duration(EGRESS_HOLD_MS) ?? '10 min';
  if (holdLeftMs <= 0)
    return `the ${hold} egress block is over; checking that reconciles stayed green`;
  return `egress blocked: ${duration(holdLeftMs) ?? ''} left of ${hold}`;
}

export interface ProgressWords {
  /** `7 of 11 done` */
  readonly count: string;
  /** The running step's place in the run (`8` for "(step 8)"), when a step runs. */
  readonly position?: number;
}

/**
 * "7 of 11 done · now: Mint local Gitea token (step 8)": the count says what is finished, and the
 * running step is named with its own place in the run, so "7 of 11" never reads as "on step 7".
 * The place is the step's position in display order (started steps by start time), capped at N.
 */
export function progressWords(
  done: number,
  total: number,
  rows: readonly StepRow[],
): ProgressWords {
  const count = `${Math.min(done, total)} of ${total} done`;
  const index = rows.findIndex((row) => row.status === 'running');
  if (index === -1) return { count };
  return { count, position: Math.min(index + 1, total) };
}

export interface RunClock {
  /** The current attempt's start (`cutoverLastAttemptStartedAt`, else the first start). */
  readonly attemptStartedAt?: string;
  /** The first-ever attempt, when it differs from the current one (a retried run). */
  readonly firstStartedAt?: string;
  /** When the run ended: its finish when sovereign, else the latest step finish (a failure). */
  readonly endedAt?: string;
}

/** The run's own times, read from the status (docs/cutover-contract.md §3/§4). */
export function runClock(status: CutoverStatus, ended: boolean): RunClock {
  const attempt = status.lastAttemptStartedAt ?? status.startedAt;
  const clock: { -readonly [K in keyof RunClock]: RunClock[K] } = {};
  if (attempt !== undefined) clock.attemptStartedAt = attempt;
  if (
    status.startedAt !== undefined &&
    attempt !== undefined &&
    parseInstant(status.startedAt) !== parseInstant(attempt)
  ) {
    clock.firstStartedAt = status.startedAt;
  }
  if (ended) {
    const end = status.finishedAt ?? latestFinish(status);
    if (end !== undefined) clock.endedAt = end;
  }
  return clock;
}

function latestFinish(status: CutoverStatus): string | undefined {
  let latest: { at: number; iso: string } | undefined;
  for (const step of status.steps) {
    const at = parseInstant(step.finishedAt);
    if (
      at !== undefined &&
      step.finishedAt !== undefined &&
      (latest === undefined || at > latest.at)
    ) {
      latest = { at, iso: step.finishedAt };
    }
  }
  return latest?.iso;
}

/**
 * How long a retry can take: the sum of the deadlines of the steps it will run (every step not
 * done). An upper bound, said as one: each step ends at its deadline at the latest.
 */
export function retryUpperBoundMs(rows: readonly Pick<StepRow, 'id' | 'status'>[]): number {
  return rows
    .filter((row) => row.status !== 'done')
    .reduce((sum, row) => sum + stepDeadlineMs(row.id), 0);
}

/**
 * What a retry will do, in words that fit the failure: the steps not yet done (the engine skips
 * the done ones), and how long that can take at most, from those steps' deadlines
 * (docs/cutover-contract.md "Retry cutover"). `duration` formats a span of time.
 */
export function retryPlan(rows: readonly StepRow[], stepless: boolean, duration: Duration): string {
  const remaining = rows.filter((row) => row.status !== 'done');
  const done = rows.length - remaining.length;
  if (remaining.length === 0) {
    return 'Every step is done already; the retry runs the end-of-run checks and finishes the cutover.';
  }
  const count = remaining.length;
  const steps = `${String(count)} ${count === 1 ? 'step' : 'steps'} not yet done`;
  const from = stepless ? 'from the first of them' : 'starting with the one that failed';
  const skipped =
    done === 0 ? '' : `; the ${String(done)} done ${done === 1 ? 'step is' : 'steps are'} skipped`;
  const bound = duration(retryUpperBoundMs(remaining)) ?? '';
  return `The cutover runs the ${steps}, ${from}${skipped}. Each step ends by its deadline, so this takes at most ${bound}, usually much less.`;
}
