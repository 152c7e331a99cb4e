/** Time formatting with the platform's Intl only (no date library in the bundle). */
import { parseInstant } from './instant';

/** `45 s`, `2 min 5 s`, `1 h 2 min`. Negative or unknown durations are not invented. */
export function formatDuration(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return undefined;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

export function durationBetween(startIso?: string, endIso?: string): number | undefined {
  const start = parseInstant(startIso);
  const end = parseInstant(endIso);
  return start === undefined || end === undefined ? undefined : end - start;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** `3 minutes ago`, `in 20 seconds`; within half a second `just now`, or `now` when still ahead. */
export function formatRelative(time: number, now: number): string {
  const seconds = Math.round((time - now) / 1000);
  const abs = Math.abs(seconds);
  // Rounded, a time 0.3 s ahead is 0 s away: its sign is in the unrounded difference.
  if (abs < 1) return time <= now ? 'just now' : 'now';
  if (abs < 60) return relative.format(seconds, 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86_400), 'day');
}

// One time format everywhere (docs/cutover-contract.md "Times"): 24-hour clock with seconds, the
// date only when it is not today, the UTC offset where the view names the zone, the exact ISO time
// in the markup. The date is written day-month ("4 May"), never as digits that read differently
// on each side of the Atlantic.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(
  kind: 'clock' | 'day' | 'date' | 'dateYear' | 'zone',
  timeZone: string | undefined,
): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone ?? ''}`;
  let format = formats.get(key);
  if (format === undefined) {
    const zone = timeZone === undefined ? {} : { timeZone };
    const options: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      clock: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
      day: { year: 'numeric', month: '2-digit', day: '2-digit' },
      date: { day: 'numeric', month: 'short' },
      dateYear: { day: 'numeric', month: 'short', year: 'numeric' },
      zone: { timeZoneName: 'longOffset' },
    };
    format = new Intl.DateTimeFormat('en-GB', { ...options[kind], ...zone });
    formats.set(key, format);
  }
  return format;
}

/** Local wall-clock time, 24 h, `14:03:27`. */
export function formatClock(iso: string | undefined, timeZone?: string): string | undefined {
  const time = parseInstant(iso);
  return time === undefined ? undefined : formatter('clock', timeZone).format(time);
}

/** The calendar day of an instant in a time zone, comparable as a string (`04/05/2026`). */
function dayOf(ms: number, timeZone: string | undefined): string {
  return formatter('day', timeZone).format(ms);
}

function yearOf(ms: number, timeZone: string | undefined): string {
  return formatter('day', timeZone).format(ms).slice(-4);
}

/** The UTC offset of a time zone at an instant: `UTC`, `UTC+02:00`, `UTC−05:00`, `UTC+05:30`. */
export function formatZone(ms: number, timeZone?: string): string {
  const name =
    formatter('zone', timeZone)
      .formatToParts(ms)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name.replace(/^GMT/, '').replace('-', '\u2212');
  return offset === '' || offset === '+00:00' ? 'UTC' : `UTC${offset}`;
}

export interface InstantOptions {
  /** Decides "today": the date is written only for another day. */
  readonly now: number;
  /** IANA zone; absent → the browser's. Tests pass one. */
  readonly timeZone?: string | undefined;
  /** Adds the UTC offset (`16:44:09 UTC+02:00`). */
  readonly withZone?: boolean | undefined;
  /** A finish next to its start: no date when it is the start's day too (`→ 16:49:10`). */
  readonly sameDayAs?: number | undefined;
}

/** `16:44:09`, `3 May 23:59:50`, `31 Dec 2025 23:59:50`, with `UTC+02:00` when asked. */
export function formatInstant(ms: number, options: InstantOptions): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const { now, timeZone, withZone = false, sameDayAs } = options;
  const day = dayOf(ms, timeZone);
  const showDate =
    day !== dayOf(now, timeZone) && (sameDayAs === undefined || day !== dayOf(sameDayAs, timeZone));
  const clock = formatter('clock', timeZone).format(ms);
  const date = showDate
    ? `${formatter(yearOf(ms, timeZone) === yearOf(now, timeZone) ? 'date' : 'dateYear', timeZone).format(ms)} `
    : '';
  return `${date}${clock}${withZone ? ` ${formatZone(ms, timeZone)}` : ''}`;
}

/** The exact instant, as shown on hover and focus: ISO 8601 in UTC, as kubectl prints times. */
export function exactInstant(ms: number): string {
  return new Date(ms).toISOString();
}
