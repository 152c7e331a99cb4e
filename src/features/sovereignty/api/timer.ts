import type { Clock, PageVisibility } from './connection-types';

/**
 * The connection's clock and its one-shot timers. The connection runs on an injected `Clock`
 * (fake in the unit tests, simulated in `npm run budget`); these are the defaults and the timer
 * that remembers when it is due.
 */

export const realClock: Clock = {
  now: () => Date.now(),
  // Looked up at call time, so fake timers installed after construction still apply.
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** Where there is no page (tests, scripts): always visible, never changes. */
export const alwaysVisible: PageVisibility = {
  isVisible: () => true,
  subscribe: () => () => undefined,
};

/** One pending callback at a time; `at` says when it is due (undefined: nothing planned). */
export class Timer {
  private handle: unknown;
  at: number | undefined;
  constructor(private readonly clock: Clock) {}

  /** Replaces whatever was planned with `callback` at `at` (epoch ms, on the clock). */
  set(at: number, callback: () => void): void {
    this.clear();
    this.at = at;
    this.handle = this.clock.setTimeout(
      () => {
        this.handle = undefined;
        this.at = undefined;
        callback();
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  clear(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
    this.at = undefined;
  }
}
