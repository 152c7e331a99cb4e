import type { QueryClient } from '@tanstack/query-core';
import { BACKOFF_FORGET_MS } from './connection-types';
import { cutoverStatusQueryKey } from './get-cutover-status';
import { StatusProblem } from './status-problem';

/**
 * How `/status` has been answering: the problem on screen until an answer replaces it, the
 * failure streak the card shows, and the back-off's level (docs/reliability.md, "Request
 * budget"). The query cache keeps the problem and the streak too, so a card mounted again (another
 * page and back) shows them at once.
 */
export class StatusHealth {
  /** The latest answer's problem; undefined after a good answer. */
  problem: StatusProblem | undefined;
  /** Failed answers in a row (shown). */
  failures = 0;
  /**
   * The back-off's level: like `failures`, but one good answer does not reset it; five minutes of
   * good answers do. A flapping API (every other answer failing) so climbs to the ceiling too.
   */
  backoffLevel = 0;
  private healthySince: number | undefined;

  constructor(private readonly queryClient: QueryClient) {
    const state = queryClient.getQueryState(cutoverStatusQueryKey);
    if (state?.error instanceof StatusProblem) {
      this.problem = state.error;
      this.failures = state.fetchFailureCount;
      this.backoffLevel = state.fetchFailureCount;
    }
  }

  /** A good answer at `now`. */
  answered(now: number): void {
    this.problem = undefined;
    this.failures = 0;
    this.healthySince ??= now;
    if (now - this.healthySince >= BACKOFF_FORGET_MS) this.backoffLevel = 0;
    this.remember(now);
  }

  /** A failed request at `now`, classified. */
  failed(problem: StatusProblem, now: number): void {
    this.problem = problem;
    this.healthySince = undefined;
    // 401/403/404 are answers, not an outage: they do not grow the back-off.
    if (problem.kind === 'unavailable' || problem.kind === 'invalid') {
      this.failures += 1;
      this.backoffLevel += 1;
    }
    this.remember(now);
  }

  private remember(now: number): void {
    const query = this.queryClient
      .getQueryCache()
      .build(this.queryClient, { queryKey: cutoverStatusQueryKey });
    const error = this.problem ?? null;
    if (query.state.error === error && query.state.fetchFailureCount === this.failures) return;
    query.setState({
      ...query.state,
      error,
      errorUpdatedAt: error ? now : query.state.errorUpdatedAt,
      fetchFailureCount: this.failures,
    });
  }
}
