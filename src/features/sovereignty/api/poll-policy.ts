import type { CutoverStatus } from '../cutover';
import { cutoverPhase } from '../progress';

/**
 * The cadence of the console's requests (docs/reliability.md "The request budget"). Pure: the
 * connection (connection.ts) asks these functions when to fetch `/status` and when to (re)open
 * the event stream, and owns the timers.
 */
export const POLL = {
  /** No live stream: while a step runs, the card follows it by polling. */
  cuttingOverMs: 2_000,
  /** No live stream, nothing running (waiting, failed). */
  idleMs: 15_000,
  /** A live stream keeps the cache current: polling is only a safety net. */
  withStreamMs: 60_000,
} as const;

export const BACKOFF = {
  /** The first delay after a failure, then doubling: 5 s, 10 s, 20 s, 40 s. */
  firstMs: 5_000,
  /** Every delay is drawn within ±20 % of its nominal value, so tabs do not synchronise. */
  jitter: 0.2,
  /**
   * The ceiling's nominal delay. 75 s ± 20 % is 60–90 s: even its shortest draw is a full minute,
   * so a failing API gets at most one request of each kind a minute from a tab.
   */
  ceilingMs: 75_000,
  /** The longest a `Retry-After` is honoured; a longer one is capped (and said so). */
  retryAfterMaxMs: 15 * 60_000,
} as const;

/** After this many failures in a row the back-off is at its ceiling. */
export const BACKOFF_CEILING_AFTER = 5;

/**
 * The delay before the next try after `failures` failures in a row (1-based), jittered by
 * `random` (a number in [0, 1)): 4–6 s, 8–12 s, 16–24 s, 32–48 s, then 60–90 s.
 */
export function backoffDelay(failures: number, random: number): number {
  const nominal =
    failures >= BACKOFF_CEILING_AFTER
      ? BACKOFF.ceilingMs
      : BACKOFF.firstMs * 2 ** Math.max(0, failures - 1);
  return Math.round(nominal * (1 - BACKOFF.jitter + 2 * BACKOFF.jitter * random));
}

/** `Retry-After` wins over a shorter back-off, up to a cap. */
export function failureDelay(
  failures: number,
  random: number,
  retryAfterMs: number | undefined,
): number {
  const backoff = backoffDelay(failures, random);
  if (retryAfterMs === undefined) return backoff;
  return Math.max(backoff, Math.min(retryAfterMs, BACKOFF.retryAfterMaxMs));
}

/** The kinds of a failed `/status` answer, as status-problem.ts classifies them. */
export type StatusProblemKind =
  'unavailable' | 'not-installed' | 'signed-out' | 'forbidden' | 'invalid';

export interface PollInput {
  readonly data: CutoverStatus | undefined;
  /** The kind of the problem the latest `/status` answer had, if it had one. */
  readonly problem: StatusProblemKind | undefined;
  /** A live event stream keeps the cache current; polling is then only a safety net. */
  readonly streamLive: boolean;
  /**
   * The stream has failed so often in a row that its back-off is at the ceiling: the way to the
   * API is sick, so polling falls to the ceiling's pace too (docs/reliability.md, rule 2).
   */
  readonly streamBroken?: boolean;
}

/**
 * While `/status` answers well: how long after the latest news to ask again (0: now, there is
 * nothing yet), or `false` for not until something else happens (the tab comes back, the
 * operator acts). While it fails: `false` for the answers that wait for a person (401, 403),
 * `'ceiling'` for a 404 (about once a minute), otherwise `'backoff'`. `'ceiling'` too while
 * `/status` answers but the stream keeps failing.
 */
export function pollDelay({
  data,
  problem,
  streamLive,
  streamBroken = false,
}: PollInput): number | false | 'backoff' | 'ceiling' {
  switch (problem) {
    case 'signed-out':
    case 'forbidden':
      return false; // wait for a new session: re-checked when the tab is shown again
    case 'not-installed':
      return 'ceiling'; // an answer, not a glitch: about once a minute
    case 'invalid':
    case 'unavailable':
      return 'backoff';
    case undefined:
      break;
  }
  if (data === undefined) return 0;
  const phase = cutoverPhase(data);
  if (phase === 'sovereign') return false; // re-checked when the tab is shown again
  if (streamLive) return POLL.withStreamMs;
  if (streamBroken) return 'ceiling';
  return phase === 'cutting-over' ? POLL.cuttingOverMs : POLL.idleMs;
}

/** The stream is worth holding open only while there is a run to follow and `/status` is fine. */
export function wantsStream(
  data: CutoverStatus | undefined,
  problem: StatusProblemKind | undefined,
) {
  return data !== undefined && problem === undefined && cutoverPhase(data) !== 'sovereign';
}

/**
 * `news`: right after an answer or a write, so a new jittered delay is drawn; `keep`: the
 * situation changed (the stream dropped, the tab came back), so a cadence may tighten but a
 * back-off already drawn stands; `relax`: the stream went live, so the next request may only
 * move later (going live never causes a request).
 */
export type PollMode = 'news' | 'keep' | 'relax';

export interface PollPlanInput extends PollInput {
  readonly mode: PollMode;
  /** When the poll already planned is due (epoch ms), if one is. */
  readonly planned: number | undefined;
  readonly now: number;
  /** When the latest news arrived (an answer, or a frame that changed something). */
  readonly newsAt: number;
  /** The back-off's level (failures, forgotten only after a while of good answers). */
  readonly backoffLevel: number;
  /** Draws the jitter, in [0, 1); called only when a back-off is drawn. */
  readonly draw: () => number;
  readonly retryAfterMs: number | undefined;
}

/** When to ask `/status` next: a time (epoch ms), `'keep'` the plan there is, or `'none'`. */
export function planPoll(input: PollPlanInput): number | 'keep' | 'none' {
  const { mode, planned, now } = input;
  const delay = pollDelay(input);
  if (delay === false) return 'none';
  let at: number;
  if (delay === 'backoff' || delay === 'ceiling') {
    if (mode !== 'news' && planned !== undefined) return 'keep';
    const failures = delay === 'ceiling' ? BACKOFF_CEILING_AFTER : input.backoffLevel;
    at = now + failureDelay(failures, input.draw(), input.retryAfterMs);
  } else {
    at = delay === 0 ? now : Math.max(now, input.newsAt + delay);
  }
  if (mode === 'relax' && planned !== undefined && at < planned) return 'keep';
  return at;
}

/**
 * What waits for the operator's return to the tab: a Sovereign card, and a signed-out or
 * forbidden one. These are re-checked on every return (never a back-off being skipped: none runs
 * for them).
 */
export function recheckOnReturn(
  data: CutoverStatus | undefined,
  problem: StatusProblemKind | undefined,
): boolean {
  if (problem === 'signed-out' || problem === 'forbidden') return true;
  return problem === undefined && data !== undefined && cutoverPhase(data) === 'sovereign';
}
