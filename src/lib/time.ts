/** Time formatting with the platform's Intl only (no date library in the bundle). */

export function parseTime(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

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
  const start = parseTime(startIso);
  const end = parseTime(endIso);
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

const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Local wall-clock time, 24 h, `14:03:27`. */
export function formatClock(iso: string | undefined): string | undefined {
  const time = parseTime(iso);
  return time === undefined ? undefined : clock.format(time);
}

export function formatDateTime(iso: string | undefined): string | undefined {
  const time = parseTime(iso);
  return time === undefined ? undefined : dateTime.format(time);
}
