import type { CutoverStatus } from '../cutover';
import type { ConnectionSnapshot } from '../api/connection';
import type { StatusProblem } from '../api/status-problem';
import { cutoverFailure, cutoverPhase, cutoverProgress, type CutoverPhase } from '../progress';

/**
 * What the SovereigntyCard shows, decided from the connection's snapshot: a display state of
 * docs/console-rules.md ("Display states": a data phase, or a fetch problem layered over the last
 * good data, or shown alone). A problem stays until an answer replaces it: a request in flight
 * is `checking`, never the loading skeleton again.
 */
export type CardState =
  | { readonly display: 'loading' }
  | {
      readonly display: CutoverPhase;
      readonly status: CutoverStatus;
      /** When the shown status was last written (epoch ms). */
      readonly asOf: number;
      /** The latest fetch's problem; the status shown is then the last good one, stale. */
      readonly problem?: StatusProblem;
      readonly nextTryAt?: number;
      readonly checking: boolean;
    }
  | {
      readonly display: 'problem';
      readonly problem: StatusProblem;
      readonly nextTryAt?: number;
      readonly checking: boolean;
    };

export function cardState(snapshot: ConnectionSnapshot): CardState {
  const { data, problem, checking } = snapshot;
  const nextTry =
    problem && snapshot.nextPollAt !== undefined ? { nextTryAt: snapshot.nextPollAt } : {};
  // A 404 means the routes are gone: old data would claim a state nobody serves any more.
  if (problem && (data === undefined || problem.kind === 'not-installed')) {
    return { display: 'problem', problem, checking, ...nextTry };
  }
  if (data === undefined) return { display: 'loading' };
  return {
    display: cutoverPhase(data),
    status: data,
    asOf: snapshot.dataUpdatedAt,
    checking,
    ...(problem ? { problem, ...nextTry } : {}),
  };
}

/** The card shows the last good status under a problem: it is stale, and says so. */
export function isStale(state: CardState): boolean {
  return state.display !== 'loading' && state.display !== 'problem' && state.problem !== undefined;
}

/** What the polite live region says when the display state changes; once per change. */
export function announcement(state: CardState): string {
  switch (state.display) {
    case 'loading':
    case 'problem':
      return ''; // problems announce themselves (role="alert")
    case 'waiting':
      return 'Tethered. The cutover has not started yet.';
    case 'cutting-over': {
      const { done, total } = cutoverProgress(state.status);
      return `Tethered. Cutover in progress, step ${done} of ${total} complete.`;
    }
    case 'failed': {
      const failure = cutoverFailure(state.status);
      return `Tethered. The cutover failed${failure.stepLabel ? ` at ${failure.stepLabel}` : ''}.`;
    }
    case 'sovereign':
      return 'Sovereign. The cutover is complete.';
  }
}
