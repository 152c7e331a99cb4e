import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './use-now';

const START = Date.parse('2026-05-04T10:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useNow', () => {
  it('starts at the time of the first render', () => {
    const { result } = renderHook(() => useNow(1_000));
    expect(result.current).toBe(START);
  });

  it('re-renders with the new time every intervalMs, not before', () => {
    let hookCalls = 0;
    const { result } = renderHook(() => {
      hookCalls += 1;
      return useNow(5_000);
    });
    const hookCallsBefore = hookCalls;
    act(() => {
      vi.advanceTimersByTime(4_999);
    });
    expect(result.current).toBe(START);
    expect(hookCalls).toBe(hookCallsBefore);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current).toBe(START + 5_000);
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(result.current).toBe(START + 10_000);
  });

  it('ticks every second by default', () => {
    const { result } = renderHook(() => useNow());
    act(() => {
      vi.advanceTimersByTime(999);
    });
    expect(result.current).toBe(START);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current).toBe(START + 1_000);
  });

  it('keeps one timer, at the new interval, when intervalMs changes', () => {
    const { result, rerender } = renderHook(({ interval }) => useNow(interval), {
      initialProps: { interval: 1_000 },
    });
    expect(vi.getTimerCount()).toBe(1);
    rerender({ interval: 60_000 });
    expect(vi.getTimerCount()).toBe(1);
    act(() => {
      vi.advanceTimersByTime(59_999);
    });
    // The old one-second timer is gone: no tick in between.
    expect(result.current).toBe(START);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current).toBe(START + 60_000);
  });

  it('stops ticking when unmounted: no timer is left behind', () => {
    const { unmount } = renderHook(() => useNow(1_000));
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
