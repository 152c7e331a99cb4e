/**
 * The pieces the attempts reducer (attempts.ts) is made of: what a status says about when its run
 * started and how far it got, and the small, pure edits of an attempt and of the history.
 */
import { parseInstant, type CutoverStatus } from './cutover';
import { cutoverFailure, cutoverPhase } from './progress';
import {
  attemptNumber,
  capped,
  type Attempt,
  type AttemptHistory,
  type NewRunNotice,
  type StepMark,
} from './attempt-history';

export const instant = (iso: string | undefined) => parseInstant(iso) ?? Number.NaN;
/** Absent times sort before every real one. */
export const orNever = (iso: string | undefined) => parseInstant(iso) ?? -Infinity;

/** The start of the attempt a status is about: the latest attempt's, else the first run's. */
export function attemptStart(status: CutoverStatus): string | undefined {
  return status.lastAttemptStartedAt ?? status.startedAt;
}

export const RANK: Readonly<Record<StepMark['status'], number>> = {
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

export function stepMarks(status: CutoverStatus): Record<string, StepMark> {
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

export function hasStarted(status: CutoverStatus): boolean {
  return (
    // A Sovereign status is never 'waiting', so the phase covers it too.
    attemptStart(status) !== undefined || cutoverPhase(status) !== 'waiting'
  );
}

/** The latest time a status mentions for its run (a step's start or finish). */
export function latestStepTime(status: CutoverStatus): string | undefined {
  let best: string | undefined;
  for (const step of status.steps) {
    for (const time of [step.startedAt, step.finishedAt]) {
      if (time !== undefined && !(instant(time) <= instant(best))) best = time;
    }
  }
  return best;
}

export function earliestStepStart(status: CutoverStatus, after = -Infinity): string | undefined {
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

export function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  // An absent b is NaN here, never later.
  return instant(b) > instant(a) ? b : a;
}

/** Drops keys whose value is undefined (`exactOptionalPropertyTypes`). */
export function clean(attempt: Attempt): Attempt {
  return Object.fromEntries(
    Object.entries(attempt).filter(([, value]) => value !== undefined),
  ) as Attempt;
}

/** What a status says about the attempt it describes. */
export function fromStatus(attempt: Attempt, status: CutoverStatus, at: string): Attempt {
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
export function closed(attempt: Attempt): Attempt {
  if (attempt.outcome !== 'running') return attempt;
  return clean({ ...attempt, outcome: 'interrupted', endedAt: attempt.lastSeenAt });
}

export function sorted(attempts: readonly Attempt[]): Attempt[] {
  return [...attempts].sort((a, b) => instant(a.startedAt) - instant(b.startedAt));
}

/** Appends a new run after the current one, closing it; returns the notice for it. */
export function beginRun(
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

export function replaceLast(history: AttemptHistory, attempt: Attempt): AttemptHistory {
  return { ...history, attempts: [...history.attempts.slice(0, -1), attempt] };
}
