import { beforeEach, describe, expect, it, vi } from 'vitest';

// Loaded afresh inside each test, not imported at the top: the formatters are built when the
// module loads, and a wrong option must fail the tests that read its output (an option Intl
// rejects would otherwise leave a file that cannot load, with no test to fail).
const time = () => import('./time');
beforeEach(() => {
  vi.resetModules();
});

const pad = (n: number) => String(n).padStart(2, '0');

describe('formatDuration', () => {
  it.each([
    { ms: 0, out: '0 s' },
    { ms: 499, out: '0 s' },
    { ms: 500, out: '1 s' },
    { ms: 45_000, out: '45 s' },
    { ms: 59_499, out: '59 s' },
    { ms: 59_500, out: '1 min' },
    { ms: 60_000, out: '1 min' },
    { ms: 125_000, out: '2 min 5 s' },
    { ms: 3_599_000, out: '59 min 59 s' },
    { ms: 3_600_000, out: '1 h' },
    { ms: 3_720_000, out: '1 h 2 min' },
    { ms: 3_725_000, out: '1 h 2 min' },
    { ms: 90_000_000, out: '25 h' },
  ])('writes $ms ms as $out', async ({ ms, out }) => {
    const { formatDuration } = await time();
    expect(formatDuration(ms)).toBe(out);
  });

  it.each([undefined, -1, -60_000, Number.NaN, Number.POSITIVE_INFINITY])(
    'invents nothing for %s',
    async (ms) => {
      const { formatDuration } = await time();
      expect(formatDuration(ms)).toBeUndefined();
    },
  );
});

describe('durationBetween', () => {
  it('is the time from start to end, when both are known', async () => {
    const { durationBetween } = await time();
    expect(durationBetween('2026-01-01T14:00:00Z', '2026-01-01T14:02:05Z')).toBe(125_000);
    expect(durationBetween('2026-01-01T14:02:05Z', '2026-01-01T14:00:00Z')).toBe(-125_000);
    expect(durationBetween('2026-01-01T14:00:00Z', undefined)).toBeUndefined();
    expect(durationBetween(undefined, '2026-01-01T14:00:00Z')).toBeUndefined();
    expect(durationBetween('2026-01-01T14:00:00Z', 'soon')).toBeUndefined();
    expect(durationBetween()).toBeUndefined();
  });
});

describe('formatRelative', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  it.each([
    { offset: 0, out: 'just now' },
    { offset: -400, out: 'just now' },
    { offset: 300, out: 'now' },
    { offset: 499, out: 'now' },
    { offset: 500, out: 'in 1 second' },
    { offset: -1_000, out: '1 second ago' },
    { offset: 20_000, out: 'in 20 seconds' },
    { offset: -59_000, out: '59 seconds ago' },
    { offset: -60_000, out: '1 minute ago' },
    { offset: -100_000, out: '2 minutes ago' },
    { offset: 180_000, out: 'in 3 minutes' },
    { offset: -3_599_000, out: '60 minutes ago' },
    { offset: -3_600_000, out: '1 hour ago' },
    { offset: 5_400_000, out: 'in 2 hours' },
    { offset: -86_399_000, out: '24 hours ago' },
    { offset: -86_400_000, out: 'yesterday' },
    { offset: 86_400_000, out: 'tomorrow' },
    { offset: -3 * 86_400_000, out: '3 days ago' },
  ])('says $out for $offset ms from now', async ({ offset, out }) => {
    const { formatRelative } = await time();
    expect(formatRelative(now + offset, now)).toBe(out);
  });
});

describe('wall-clock formats', () => {
  // Local time, so the expectations read the same instant through Date's local getters.
  const iso = '2026-03-14T09:07:05Z';
  const local = new Date(iso);

  it('formatClock writes the local time of day, 24 h, with seconds', async () => {
    const { formatClock } = await time();
    expect(formatClock(iso)).toBe(
      `${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}`,
    );
    const evening = new Date('2026-03-14T21:37:09Z');
    expect(formatClock(evening.toISOString())).toBe(
      `${pad(evening.getHours())}:${pad(evening.getMinutes())}:${pad(evening.getSeconds())}`,
    );
    expect(formatClock(undefined)).toBeUndefined();
    expect(formatClock('garbage')).toBeUndefined();
  });
});
