/**
 * The cutover attempts this browser has seen (docs/after-the-run.md). The catalyst-api keeps no
 * history: a retried or restarted run overwrites the previous one in the status ConfigMap, and only
 * the stream's replay buffer still mentions it. This module folds what the console observes (a
 * status, a frame, replayed or live) into a list of attempts, and says when a new run began.
 *
 * Pure, like cutover.ts: zod and relative imports only, no React, no DOM, no env.
 */
import * as z from 'zod/mini';
import { STEP_STATUSES, parseInstant, type CutoverStatus } from './cutover';
import type { CutoverEvent } from './events';
import { cutoverFailure, cutoverPhase } from './progress';

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
type StepMark = z.infer<typeof stepMarkSchema>;

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
  if (text === null || text === undefined) return EMPTY_HISTORY;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return EMPTY_HISTORY;
  }
  const parsed = historySchema.safeParse(value);
  return parsed.success ? capped(parsed.data) : EMPTY_HISTORY;
}

export function attemptNumber(history: AttemptHistory, index: number): number {
  return history.dropped + index + 1;
}

// ---------------------------------------------------------------------------------------------
// The reducer

const instant = (iso: string | undefined) => parseInstant(iso) ?? Number.NaN;
/** Absent times sort before every real one. */
const orNever = (iso: string | undefined) => parseInstant(iso) ?? -Infinity;

/** The start of the attempt a status is about: the latest attempt's, else the first run's. */
export function attemptStart(status: CutoverStatus): string | undefined {
  return status.lastAttemptStartedAt ?? status.startedAt;
}

const RANK: Readonly<Record<StepMark['status'], number>> = {
  pending: 0,
  running: 1,
  done: 2,
  failed: 2,
};

/**
 * True when a step moved backwards between two statuses (done → pending, failed → running…) or
 * started again after it had finished: a new run, even when the API sent no new start time.
 */
export function stepsWentBack(
  previous: Readonly<Record<string, StepMark>> | undefined,
  next: CutoverStatus,
): boolean {
  if (previous === undefined) return false;
  return next.steps.some((step) => {
    const before = previous[step.id];
    if (before === undefined) return false;
    if (RANK[step.status] < RANK[before.status]) return true;
    const lastMoved = Math.max(orNever(before.finishedAt), orNever(before.startedAt));
    return RANK[before.status] === 2 && orNever(step.startedAt) > lastMoved;
  });
}

function stepMarks(status: CutoverStatus): Record<string, StepMark> {
  const marks: Record<string, StepMark> = {};
  for (const step of status.steps) {
    marks[step.id] = {
      status: step.status,
      ...(step.startedAt ? { startedAt: step.startedAt } : {}),
      ...(step.finishedAt ? { finishedAt: step.finishedAt } : {}),
    };
  }
  return marks;
}

function hasStarted(status: CutoverStatus): boolean {
  return (
    // A Sovereign status is never 'waiting', so the phase covers it too.
    attemptStart(status) !== undefined || cutoverPhase(status) !== 'waiting'
  );
}

/** The latest time a status mentions for its run (a step's start or finish). */
function latestStepTime(status: CutoverStatus): string | undefined {
  let best: string | undefined;
  for (const step of status.steps) {
    for (const time of [step.startedAt, step.finishedAt]) {
      if (time !== undefined && !(instant(time) <= instant(best))) best = time;
    }
  }
  return best;
}

function earliestStepStart(status: CutoverStatus, after = -Infinity): string | undefined {
  let best: string | undefined;
  for (const step of status.steps) {
    const time = step.startedAt;
    // An absent start is NaN: never after anything.
    if (instant(time) > after && !(instant(time) >= instant(best))) {
      best = time;
    }
  }
  return best;
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  // An absent b is NaN here, never later.
  return instant(b) > instant(a) ? b : a;
}

/** Drops keys whose value is undefined (`exactOptionalPropertyTypes`). */
function clean(attempt: Attempt): Attempt {
  return Object.fromEntries(
    Object.entries(attempt).filter(([, value]) => value !== undefined),
  ) as Attempt;
}

/** What a status says about the attempt it describes. */
function fromStatus(attempt: Attempt, status: CutoverStatus, at: string): Attempt {
  const phase = cutoverPhase(status);
  if (phase === 'sovereign') {
    return clean({
      ...attempt,
      outcome: 'succeeded',
      endedAt: status.finishedAt ?? attempt.endedAt ?? at,
      failedStep: undefined,
      error: undefined,
      lastSeenAt: later(attempt.lastSeenAt, status.finishedAt),
    });
  }
  if (phase === 'failed') {
    const failure = cutoverFailure(status);
    const row = status.steps.find((step) => step.id === failure.stepId);
    return clean({
      ...attempt,
      outcome: 'failed',
      failedStep: failure.stepId,
      error: failure.message,
      lastStep: failure.stepId ?? attempt.lastStep,
      endedAt: row?.finishedAt ?? attempt.endedAt ?? latestStepTime(status) ?? at,
    });
  }
  const running = status.steps.find((step) => step.status === 'running');
  const lastDone = [...status.steps]
    .filter((step) => step.status === 'done' && step.finishedAt !== undefined)
    .sort((a, b) => instant(a.finishedAt) - instant(b.finishedAt))
    .at(-1);
  return clean({
    ...attempt,
    outcome: 'running',
    endedAt: undefined,
    failedStep: undefined,
    error: undefined,
    lastStep: status.currentStep ?? running?.id ?? lastDone?.id ?? attempt.lastStep,
    lastSeenAt: later(attempt.lastSeenAt, at),
  });
}

/** The run before a new one stopped: a run still marked running was interrupted. */
function closed(attempt: Attempt): Attempt {
  if (attempt.outcome !== 'running') return attempt;
  return clean({ ...attempt, outcome: 'interrupted', endedAt: attempt.lastSeenAt });
}

function capped(history: AttemptHistory): AttemptHistory {
  const excess = history.attempts.length - MAX_ATTEMPTS;
  if (excess <= 0) return history;
  return {
    ...history,
    attempts: history.attempts.slice(excess),
    dropped: history.dropped + excess,
  };
}

function sorted(attempts: readonly Attempt[]): Attempt[] {
  return [...attempts].sort((a, b) => instant(a.startedAt) - instant(b.startedAt));
}

/** Appends a new run after the current one, closing it; returns the notice for it. */
function beginRun(
  history: AttemptHistory,
  next: Attempt,
  announce: boolean,
): { history: AttemptHistory; notice?: NewRunNotice } {
  const attempts = [...history.attempts];
  const previousIndex = attempts.length - 1;
  const previous = attempts[previousIndex];
  if (previous !== undefined) attempts[previousIndex] = closed(previous);
  attempts.push(next);
  const grown = { ...history, attempts };
  const result = capped(grown);
  if (!announce || previous === undefined) return { history: result };
  const previousClosed = attempts[previousIndex] ?? previous;
  return {
    history: result,
    notice: {
      number: attemptNumber(grown, attempts.length - 1),
      startedAt: next.startedAt,
      previous: { ...previousClosed, number: attemptNumber(grown, previousIndex) },
    },
  };
}

function replaceLast(history: AttemptHistory, attempt: Attempt): AttemptHistory {
  return { ...history, attempts: [...history.attempts.slice(0, -1), attempt] };
}

function observeStatus(
  history: AttemptHistory,
  status: CutoverStatus,
  at: string,
): { history: AttemptHistory; notice?: NewRunNotice } {
  const steps = stepMarks(status);
  if (!hasStarted(status)) return { history: { ...history, steps } };
  // A new run is news only after a run the console had already seen (not one this status implies).
  const announce = history.attempts.length > 0;
  let base = history;
  // The API's first-run anchor is older than the attempt it describes: an earlier run happened,
  // even if nothing else about it was seen (the stream's replay may fill it in).
  const first = status.startedAt;
  if (
    first !== undefined &&
    // An absent latest start is NaN: never later.
    instant(first) < instant(status.lastAttemptStartedAt) &&
    !base.attempts.some((attempt) => instant(attempt.startedAt) <= instant(first))
  ) {
    base = capped({
      ...base,
      attempts: sorted([...base.attempts, { startedAt: first, outcome: 'unknown' }]),
    });
  }
  const start = attemptStart(status);
  const current = base.attempts.at(-1);
  if (current === undefined) {
    const attempt: Attempt =
      start === undefined
        ? { startedAt: earliestStepStart(status) ?? at, startInferred: true, outcome: 'unknown' }
        : { startedAt: start, outcome: 'unknown' };
    const created = capped({ ...base, attempts: [...base.attempts, attempt] });
    return { history: { ...replaceLast(created, fromStatus(attempt, status, at)), steps } };
  }
  const currentStart = instant(current.startedAt);
  if (start !== undefined && forgets(base, current, status, instant(start))) {
    // Not the API this history was about (a re-created ConfigMap, another Sovereign behind the
    // same address, a switched demo scenario): start over from this status, without a notice.
    return observeStatus({ ...EMPTY_HISTORY }, status, at);
  }
  if (start !== undefined && instant(start) > currentStart) {
    const begun = beginRun(
      base,
      fromStatus({ startedAt: start, outcome: 'running' }, status, at),
      announce,
    );
    return { ...begun, history: { ...begun.history, steps } };
  }
  if (start !== undefined && instant(start) <= currentStart && datable(base, instant(start))) {
    // A run first seen without a start time (an inferred one) that the API now dates, maybe to the
    // very second it was inferred from.
    const dated = clean({ ...current, startedAt: start, startInferred: undefined });
    return { history: { ...replaceLast(base, fromStatus(dated, status, at)), steps } };
  }
  // An older start than the current attempt's is the first-run anchor of an API that does not
  // date each attempt: the steps tell whether a new run began.
  if (stepsWentBack(base.steps, status)) {
    // A new run the API gave no new start time for: dated by its first step start after the
    // previous run's last news, else by when the console saw it.
    const after = Math.max(currentStart, orNever(current.lastSeenAt));
    const startedAt = earliestStepStart(status, after) ?? at;
    const begun = beginRun(
      base,
      fromStatus({ startedAt, startInferred: true, outcome: 'running' }, status, at),
      announce,
    );
    return { ...begun, history: { ...begun.history, steps } };
  }
  return { history: { ...replaceLast(base, fromStatus(current, status, at)), steps } };
}

/**
 * True when a status cannot continue this history: it dates its run before the current attempt
 * with a start no attempt had (the API's past is not the one seen), or a new run follows a
 * Sovereign one (the engine never runs again once complete).
 */
function forgets(
  history: AttemptHistory,
  current: Attempt,
  status: CutoverStatus,
  start: number,
): boolean {
  if (start > instant(current.startedAt)) return current.outcome === 'succeeded';
  if (datable(history, start)) return false;
  // The current attempt's own start is known too, so an equal start never forgets. An absent time
  // is NaN, equal to nothing.
  const known = (time: string | undefined) =>
    history.attempts.some((attempt) => instant(attempt.startedAt) === instant(time));
  return !known(status.startedAt) && !known(status.lastAttemptStartedAt);
}

/**
 * True when the current attempt's start was inferred and `time` can be its real start: later
 * than the attempt before it (an inferred start is never earlier than the real one).
 */
function datable(history: AttemptHistory, time: number): boolean {
  const current = history.attempts.at(-1);
  const before = history.attempts.at(-2);
  return (
    current?.startInferred === true && (before === undefined || time > instant(before.startedAt))
  );
}

/** The index of the attempt a moment belongs to: the last one started at or before it. */
function attemptAt(history: AttemptHistory, time: number): number {
  let found = -1;
  history.attempts.forEach((attempt, index) => {
    if (instant(attempt.startedAt) <= time) found = index;
  });
  return found;
}

/** The engine writes "step X failed: <error>"; the error alone matches the status's lastError. */
function errorOf(event: CutoverEvent): string | undefined {
  const message = event.message;
  if (message === undefined || event.step === undefined) return message;
  const prefix = `step ${event.step} failed: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

function observeFrame(
  history: AttemptHistory,
  event: CutoverEvent,
  replayed: boolean,
): { history: AttemptHistory; notice?: NewRunNotice } {
  const time = parseInstant(event.time);
  if (time === undefined) return { history };
  const isRunStart = event.phase === 'cutover-started' && event.step === undefined;
  if (isRunStart) {
    const current = history.attempts.at(-1);
    if (current !== undefined && time <= instant(current.startedAt) && datable(history, time)) {
      // The real start of an inferred attempt, maybe the very second it was inferred from.
      const dated = clean({ ...current, startedAt: event.time, startInferred: undefined });
      return { history: replaceLast(history, dated) };
    }
    // Equal timestamps are the same run (replays, a frame and a status about one start).
    if (history.attempts.some((attempt) => instant(attempt.startedAt) === time)) {
      return { history };
    }
    if (current === undefined || time > instant(current.startedAt)) {
      const next: Attempt = replayed
        ? { startedAt: event.time, outcome: 'unknown', lastSeenAt: event.time }
        : { startedAt: event.time, outcome: 'running', lastSeenAt: event.time };
      return beginRun(history, next, !replayed);
    }
    // An earlier run the console had not seen: history, not news.
    return {
      history: capped({
        ...history,
        attempts: sorted([
          ...history.attempts,
          { startedAt: event.time, outcome: 'unknown', lastSeenAt: event.time },
        ]),
      }),
    };
  }
  const relevant =
    (event.step !== undefined &&
      (event.phase === 'cutover-step-started' ||
        event.phase === 'cutover-step-finished' ||
        event.phase === 'cutover-step-failed')) ||
    event.phase === 'cutover-completed';
  if (!relevant) return { history };
  let index = attemptAt(history, time);
  let base = history;
  if (index === -1) {
    // News of a run older than every start the console knows (its start fell out of the buffer).
    base = capped({
      ...history,
      attempts: sorted([
        ...history.attempts,
        { startedAt: event.time, startInferred: true, outcome: 'unknown' },
      ]),
    });
    index = attemptAt(base, time);
  }
  const attempt = base.attempts[index];
  if (attempt === undefined) return { history };
  const seen = later(attempt.lastSeenAt, event.time);
  let next: Attempt;
  switch (event.phase) {
    case 'cutover-step-failed':
      next = clean({
        ...attempt,
        outcome: 'failed',
        failedStep: event.step,
        error: errorOf(event) ?? attempt.error,
        lastStep: event.step,
        endedAt: event.time,
        lastSeenAt: seen,
      });
      break;
    case 'cutover-completed':
      next = clean({
        ...attempt,
        outcome: 'succeeded',
        endedAt: event.time,
        failedStep: undefined,
        error: undefined,
        lastSeenAt: seen,
      });
      break;
    case 'cutover-step-started':
      next = clean({
        ...attempt,
        lastStep:
          instant(event.time) >= orNever(attempt.lastSeenAt) ? event.step : attempt.lastStep,
        lastSeenAt: seen,
      });
      break;
    default:
      next = clean({ ...attempt, lastSeenAt: seen });
  }
  // A finished attempt's outcome is not undone by a late frame about one of its steps: only a
  // failure or the completion set an outcome above.
  const attempts = [...base.attempts];
  attempts[index] = next;
  return { history: { ...base, attempts } };
}

/**
 * Folds one observation into the history. Replayed frames only ever add history; a new run seen
 * live (a newer attempt start, a live `cutover-started`, or steps moving backwards) closes the
 * previous attempt and returns a notice for the card.
 */
export function observeAttempt(
  history: AttemptHistory,
  observation: AttemptObservation,
): ObserveResult {
  const result =
    observation.kind === 'status'
      ? observeStatus(history, observation.status, observation.at)
      : observeFrame(history, observation.event, observation.replayed);
  return result.notice === undefined
    ? { history: result.history }
    : { history: result.history, notice: result.notice };
}

// ---------------------------------------------------------------------------------------------
// Durations

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
