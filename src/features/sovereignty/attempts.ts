/**
 * The cutover attempts this browser has seen (docs/after-the-run.md). The catalyst-api keeps no
 * history: a retried or restarted run overwrites the previous one in the status ConfigMap, and only
 * the stream's replay buffer still mentions it. This module folds what the console observes (a
 * status, a frame, replayed or live) into a list of attempts, and says when a new run began.
 *
 * Pure, like cutover.ts: zod and relative imports only, no React, no DOM, no env. Its parts: the
 * stored history (`attempt-history.ts`), the reducer's pieces (`attempt-fold.ts`) and the run
 * times (`run-durations.ts`), re-exported here.
 */
import { parseInstant, type CutoverStatus } from './cutover';
import type { CutoverEvent } from './events';
import {
  type Attempt,
  type AttemptHistory,
  EMPTY_HISTORY,
  type NewRunNotice,
  type AttemptObservation,
  type ObserveResult,
  capped,
} from './attempt-history';
import {
  instant,
  orNever,
  attemptStart,
  stepsWentBack,
  stepMarks,
  hasStarted,
  earliestStepStart,
  later,
  clean,
  fromStatus,
  sorted,
  beginRun,
  replaceLast,
} from './attempt-fold';

export * from './attempt-history';
export { attemptStart, stepsWentBack } from './attempt-fold';
export * from './run-durations';

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
