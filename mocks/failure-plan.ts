/** Failures a scenario or a test plans for the engine's next runs. */

export interface PlannedFailure {
  /** The step that fails, or a pseudo-step such as `secondary-kubeconfigs`. */
  step: string;
  error: string;
  /** How many runs fail this way before the step succeeds (default 1). */
  times?: number;
}

export class FailurePlan {
  private readonly remaining: Map<string, { error: string; runs: number }>;

  constructor(failures: readonly PlannedFailure[] = []) {
    this.remaining = new Map(
      failures.map((failure) => [failure.step, { error: failure.error, runs: failure.times ?? 1 }]),
    );
  }

  /** Whether `step` fails this time, without using up the failure. */
  has(step: string): boolean {
    return (this.remaining.get(step)?.runs ?? 0) > 0;
  }

  /** The error `step` fails with this time, using up one planned run; undefined: it succeeds. */
  take(step: string): string | undefined {
    const planned = this.remaining.get(step);
    if (!planned || planned.runs <= 0) return undefined;
    planned.runs -= 1;
    return planned.error;
  }
}
