import { exactInstant, formatRelative } from '@/lib/time';
import { useNow } from '@/lib/use-now';

interface RelativeTimeProps {
  /** Epoch milliseconds. */
  time: number;
  /** How often to re-render; 1 s for countdowns, longer for "3 minutes ago". */
  tickMs?: number;
  /**
   * For times that have happened ("updated 5 s ago"): the clock here ticks every `tickMs`, so a
   * fresh time can be a little ahead of it; it then reads "just now", never "in 3 seconds".
   */
  past?: boolean;
  /**
   * For times still to come ("next try in 20 s"): once due (a background tab pauses the work it
   * announces) it reads "shortly", never "5 seconds ago".
   */
  future?: boolean;
}

/** "3 minutes ago" / "in 20 seconds", with the exact time as the machine-readable value. */
export function RelativeTime({
  time,
  tickMs = 5_000,
  past = false,
  future = false,
}: RelativeTimeProps) {
  const ticked = useNow(tickMs);
  const now = past ? Math.max(ticked, time) : ticked;
  if (future && time <= now) {
    return <time dateTime={new Date(time).toISOString()}>shortly</time>;
  }
  const iso = exactInstant(time);
  // The exact instant on hover, in the one format the console uses for it (docs/cutover-contract.md
  // "Times"), not the browser's locale string (12-hour in some locales).
  return (
    <time dateTime={iso} title={iso}>
      {formatRelative(time, now)}
    </time>
  );
}
