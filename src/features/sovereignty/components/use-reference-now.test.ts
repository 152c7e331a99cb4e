import { renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useReferenceNow } from './use-reference-now';

describe('useReferenceNow', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 4, 4, 12, 0, 0) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is when the view appeared, and does not tick while it stays', () => {
    const { result, rerender } = renderHook(() => useReferenceNow(undefined));
    expect(result.current).toBe(Date.UTC(2026, 4, 4, 12, 0, 0));
    vi.advanceTimersByTime(3_600_000);
    rerender();
    expect(result.current).toBe(Date.UTC(2026, 4, 4, 12, 0, 0));
  });

  it('is the last good data’s time when the data is stale, and the mount time again once fresh', () => {
    const frozenAt = Date.UTC(2026, 4, 1, 9, 30, 0);
    const { result, rerender } = renderHook<number, { frozen: number | undefined }>(
      ({ frozen }) => useReferenceNow(frozen),
      { initialProps: { frozen: frozenAt } },
    );
    expect(result.current).toBe(frozenAt);
    vi.advanceTimersByTime(60_000);
    rerender({ frozen: undefined });
    expect(result.current).toBe(Date.UTC(2026, 4, 4, 12, 0, 0));
  });
});
