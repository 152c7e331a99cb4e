import type { StreamWarning } from './connection-types';

/**
 * A step-less failure the stream reported (the seal, the bridge): a warning until a `/status`
 * answer to a request made after it says whether the run failed. It did: the failed view says
 * it, and the warning goes. It did not: the warning stays, marked decided (docs/architecture.md).
 */
export class WarningKeeper {
  current: StreamWarning | undefined;
  /** Only an answer to a request numbered above this may decide it. */
  private decidedBy = 0;

  /** Raised while `requestsSoFar` requests have been sent. */
  raise(warning: StreamWarning, requestsSoFar: number): void {
    this.current = warning;
    this.decidedBy = requestsSoFar;
  }

  /** A new attempt started: warnings about an earlier run go. */
  clear(): void {
    this.current = undefined;
  }

  /** A good answer to request `id`; `runFailed` reads the status on screen after it. */
  answered(id: number, runFailed: () => boolean): void {
    const warning = this.current;
    if (!warning || warning.decided || id <= this.decidedBy) return;
    this.current = runFailed() ? undefined : { ...warning, decided: true };
  }
}
