/** The engine's time: an injectable clock, and timestamps written the way the real engine writes them. */

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Reads the global timer functions at call time, so vitest's fake timers apply. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** Go's time.RFC3339: second precision, UTC. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Timeouts on one clock that can all be cancelled at once (an engine's pending work). */
export class Timers {
  private readonly pending = new Set<unknown>();

  constructor(private readonly clock: Clock) {}

  later(ms: number, callback: () => void): void {
    const handle = this.clock.setTimeout(() => {
      this.pending.delete(handle);
      callback();
    }, ms);
    this.pending.add(handle);
  }

  cancelAll(): void {
    for (const handle of this.pending) this.clock.clearTimeout(handle);
    this.pending.clear();
  }
}
