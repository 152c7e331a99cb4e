import type { CutoverStatus } from './cutover';
import { nextPollDelay } from './api/poll-policy';
import type { StatusProblem } from './api/status-problem';
import { cutoverFailure, cutoverPhase, cutoverProgress, type CutoverPhase } from './progress';

/**
 * What the SovereigntyCard shows, decided from the query's state: the display state of DESIGN.md
 * (a data phase, or a fetch problem layered over the last good data, or shown alone).
 */
export type CardState =
  | { readonly display: 'loading' }
  | {
      readonly display: CutoverPhase;
      readonly status: CutoverStatus;
      /** When the shown status was fetched (epoch ms). */
      readonly asOf: number;
      /** The latest fetch's problem; the status shown is then the last good one, stale. */
      readonly problem?: StatusProblem;
      readonly nextTryAt?: number;
    }
  | {
      readonly display: 'problem';
      readonly problem: StatusProblem;
      readonly nextTryAt?: number;
    };

export interface CardQueryInput {
  readonly data: CutoverStatus | undefined;
  readonly error: StatusProblem | null;
  readonly dataUpdatedAt: number;
  readonly errorUpdatedAt: number;
  readonly streamHealthy?: boolean;
}

export function cardState({
  data,
  error,
  dataUpdatedAt,
  errorUpdatedAt,
  streamHealthy = false,
}: CardQueryInput): CardState {
  const problem = error ?? undefined;
  const delay = problem ? nextPollDelay({ data, problem, streamHealthy }) : false;
  const nextTry = delay === false ? {} : { nextTryAt: errorUpdatedAt + delay };
  // A 404 means the routes are gone: old data would claim a state nobody serves any more.
  if (problem && (data === undefined || problem.kind === 'not-installed')) {
    return { display: 'problem', problem, ...nextTry };
  }
  if (data === undefined) return { display: 'loading' };
  return {
    display: cutoverPhase(data),
    status: data,
    asOf: dataUpdatedAt,
    ...(problem ? { problem, ...nextTry } : {}),
  };
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
