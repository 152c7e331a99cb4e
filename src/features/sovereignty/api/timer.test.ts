import { describe, expect, it, vi } from 'vitest';
import type { Clock } from './connection-types';
import { Timer } from './timer';

describe('Timer: one pending callback, and when it is due', () => {
  it('clears only what it set', () => {
    const setTimeout = vi.fn(() => 7);
    const clearTimeout = vi.fn();
    const clock: Clock = { now: () => 1_000, setTimeout, clearTimeout };
    const timer = new Timer(clock);
    timer.clear();
    expect(clearTimeout).not.toHaveBeenCalled();
    timer.set(5_000, () => undefined);
    expect(timer.at).toBe(5_000);
    expect(setTimeout).toHaveBeenCalledWith(expect.any(Function), 4_000);
    timer.clear();
    expect(clearTimeout).toHaveBeenCalledWith(7);
    expect(timer.at).toBeUndefined();
    timer.clear();
    expect(clearTimeout).toHaveBeenCalledTimes(1);
  });
});
