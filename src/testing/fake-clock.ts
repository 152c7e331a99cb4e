import type { Clock } from '@/features/sovereignty/api/connection-types';

/**
 * A hand-driven `Clock` for the connection's pieces: timers run, in time order, only when a test
 * calls `advance`. `timers` shows what is still pending (none should be after a stop).
 */
export function fakeClock() {
  let now = 0;
  let handles = 0;
  const timers: { at: number; callback: () => void; handle: number }[] = [];
  const clock: Clock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      handles += 1;
      timers.push({ at: now + ms, callback, handle: handles });
      return handles;
    },
    clearTimeout: (handle) => {
      const index = timers.findIndex((timer) => timer.handle === handle);
      if (index !== -1) timers.splice(index, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.callback();
    }
  };
  return { clock, advance, timers };
}
