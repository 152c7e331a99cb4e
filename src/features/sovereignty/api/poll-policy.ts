import type { CutoverStatus } from '../cutover';
import { cutoverPhase } from '../progress';
import type { StatusProblem } from './status-problem';

/** DESIGN.md "How data flows": how long until the next status fetch, or `false` for none. */
export const POLL = {
  cuttingOverMs: 2_000,
  idleMs: 15_000,
  withStreamMs: 15_000,
  notInstalledMs: 60_000,
  backoffFirstMs: 5_000,
  backoffMaxMs: 60_000,
} as const;

/** 5 s, 10 s, 20 s, 40 s, then 60 s after each further failure. */
export function backoffDelay(consecutiveFailures: number): number {
  const exponent = Math.max(0, consecutiveFailures - 1);
  return Math.min(POLL.backoffFirstMs * 2 ** exponent, POLL.backoffMaxMs);
}

export interface PollInput {
  readonly data: CutoverStatus | undefined;
  readonly problem: StatusProblem | null | undefined;
  /** A live event stream keeps the cache current; polling is then only a safety net. */
  readonly streamHealthy: boolean;
}

export function nextPollDelay({ data, problem, streamHealthy }: PollInput): number | false {
  if (problem) {
    switch (problem.kind) {
      case 'signed-out':
      case 'forbidden':
        return false; // wait for a new session: re-checked on window focus
      case 'not-installed':
        return POLL.notInstalledMs;
      case 'invalid':
      case 'unavailable':
        return backoffDelay(problem.consecutiveFailures);
    }
  }
  if (data === undefined) return false;
  const phase = cutoverPhase(data);
  if (phase === 'sovereign') return false; // re-checked on window focus
  if (streamHealthy) return POLL.withStreamMs;
  return phase === 'cutting-over' ? POLL.cuttingOverMs : POLL.idleMs;
}
