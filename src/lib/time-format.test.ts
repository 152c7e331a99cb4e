import { describe, expect, it } from 'vitest';
import { exactInstant, formatClock, formatDuration, formatInstant, formatZone } from './time';

const at = (iso: string) => Date.parse(iso);

describe('formatInstant: one time format everywhere', () => {
  it.each<[string, string, string, string]>([
    // [zone, instant, now, shown]
    ['UTC', '2026-05-04T16:44:09Z', '2026-05-04T18:00:00Z', '16:44:09'],
    ['Europe/Berlin', '2026-05-04T14:44:09Z', '2026-05-04T18:00:00Z', '16:44:09'],
    ['America/New_York', '2026-05-04T20:44:09Z', '2026-05-04T21:00:00Z', '16:44:09'],
    // 24 hours always, never "4:44 PM"; midnight is 00, not 24.
    ['UTC', '2026-05-04T00:00:05Z', '2026-05-04T08:00:00Z', '00:00:05'],
    // Another day: the date, day before month.
    ['UTC', '2026-05-03T23:59:50Z', '2026-05-04T00:00:10Z', '3 May 23:59:50'],
    // Another year: the year too.
    ['UTC', '2025-12-31T23:59:50Z', '2026-01-01T00:00:10Z', '31 Dec 2025 23:59:50'],
  ])('%s: %s seen at %s → %s', (timeZone, instant, now, shown) => {
    expect(formatInstant(at(instant), { now: at(now), timeZone })).toBe(shown);
  });

  it('decides "today" in the operator’s zone, not in UTC', () => {
    // 23:30 UTC on 3 May is 01:30 on 4 May in Berlin (summer time): the same day as "now" there.
    const instant = at('2026-05-03T23:30:00Z');
    const now = at('2026-05-04T08:00:00Z');
    expect(formatInstant(instant, { now, timeZone: 'Europe/Berlin' })).toBe('01:30:00');
    expect(formatInstant(instant, { now, timeZone: 'UTC' })).toBe('3 May 23:30:00');
    // And in New York, 4 May 08:00 UTC is still 4 May (04:00): 3 May 19:30 is "yesterday".
    expect(formatInstant(instant, { now, timeZone: 'America/New_York' })).toBe('3 May 19:30:00');
  });

  it('a finish on its start’s day carries no date, even when that day is not today', () => {
    const start = at('2026-05-02T10:00:00Z');
    const finish = at('2026-05-02T10:16:20Z');
    const now = at('2026-05-04T12:00:00Z');
    expect(formatInstant(start, { now, timeZone: 'UTC' })).toBe('2 May 10:00:00');
    expect(formatInstant(finish, { now, timeZone: 'UTC', sameDayAs: start })).toBe('10:16:20');
    // Across midnight the finish says its own day.
    const late = at('2026-05-02T23:55:00Z');
    const after = at('2026-05-03T00:05:00Z');
    expect(formatInstant(after, { now, timeZone: 'UTC', sameDayAs: late })).toBe('3 May 00:05:00');
  });

  it('names the zone as a UTC offset when asked, including half hours and DST', () => {
    const summer = at('2026-07-01T12:00:00Z');
    const winter = at('2026-01-15T12:00:00Z');
    expect(formatZone(summer, 'UTC')).toBe('UTC');
    expect(formatZone(summer, 'Europe/Berlin')).toBe('UTC+02:00');
    expect(formatZone(winter, 'Europe/Berlin')).toBe('UTC+01:00');
    expect(formatZone(winter, 'America/New_York')).toBe('UTC\u221205:00');
    expect(formatZone(winter, 'Asia/Kolkata')).toBe('UTC+05:30');
    expect(formatInstant(summer, { now: summer, timeZone: 'Europe/Berlin', withZone: true })).toBe(
      '14:00:00 UTC+02:00',
    );
  });

  it('writes nothing for an unusable instant', () => {
    expect(formatInstant(Number.NaN, { now: 0 })).toBeUndefined();
    expect(formatClock('not a time')).toBeUndefined();
  });

  it('gives the exact instant in UTC ISO 8601, as kubectl prints it', () => {
    expect(exactInstant(at('2026-05-04T16:44:09Z'))).toBe('2026-05-04T16:44:09.000Z');
  });
});

describe('formatDuration', () => {
  it.each<[number, string]>([
    [0, '0 s'],
    [59_400, '59 s'],
    [60_000, '1 min'],
    [98_000, '1 min 38 s'],
    [30 * 60_000, '30 min'],
    [115 * 60_000, '1 h 55 min'],
    [2 * 3_600_000, '2 h'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('invents nothing for negative or unknown spans', () => {
    expect(formatDuration(-1)).toBeUndefined();
    expect(formatDuration(undefined)).toBeUndefined();
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});
