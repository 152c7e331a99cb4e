import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { parseCutoverStatus, type CutoverStatus } from '../cutover';
import { cutoverStatusQueryKey } from './get-cutover-status';
import { StatusCache } from './status-cache';

const waiting = () => parseCutoverStatus({ state: 'tethered', cutoverComplete: false });
const sovereign = () => parseCutoverStatus({ state: 'sovereign', cutoverComplete: true });

describe('StatusCache: the one cache entry of the status', () => {
  it('keeps the entry for good and never lets TanStack retry it', () => {
    const queryClient = new QueryClient();
    new StatusCache(queryClient);
    const defaults = queryClient.getQueryDefaults(cutoverStatusQueryKey);
    expect(defaults.retry).toBe(false);
    expect(defaults.gcTime).toBe(Infinity);
  });

  it('writes a frame only when it changes something, and counts only real writes', () => {
    const cache = new StatusCache(new QueryClient());
    const first = waiting();
    expect(cache.write(() => first, 1_000)).toBe(true); // nothing before: written
    expect(cache.data).toEqual(first);
    expect(cache.updatedAt).toBe(1_000);
    const mark = cache.mark();
    expect(cache.write(() => undefined, 2_000)).toBe(false); // nothing to write
    expect(cache.write((old) => old, 2_000)).toBe(false); // the same object
    expect(cache.write(() => waiting(), 2_000)).toBe(false); // equal, as JSON
    expect(cache.mark()).toBe(mark);
    expect(cache.updatedAt).toBe(1_000);
    expect(cache.newsAt).toBe(1_000);
    expect(cache.write(() => sovereign(), 3_000)).toBe(true);
    expect(cache.mark()).toBe(mark + 1);
    expect(cache.newsAt).toBe(3_000);
  });

  it('an answer requested before a frame was written does not replace it, but is news', () => {
    const cache = new StatusCache(new QueryClient());
    cache.answered(waiting(), 1_000, cache.mark());
    const mark = cache.mark();
    const newer: CutoverStatus = sovereign();
    cache.write(() => newer, 2_000);
    cache.answered(waiting(), 3_000, mark); // asked before the frame: old news
    expect(cache.data).toEqual(newer);
    expect(cache.newsAt).toBe(3_000);
    cache.answered(waiting(), 4_000, cache.mark()); // asked after it: written
    expect(cache.data?.state).toBe('tethered');
  });
});
