import { formatRelative } from '@/lib/time';
import { useNow } from '@/lib/use-now';

interface RelativeTimeProps {
  /** Epoch milliseconds. */
  time: number;
  /** How often to re-render; 1 s for countdowns, longer for "3 minutes ago". */
  tickMs?: number;
}

/** "3 minutes ago" / "in 20 seconds", with the exact time as the machine-readable value. */
export function RelativeTime({ time, tickMs = 5_000 }: RelativeTimeProps) {
  const now = useNow(tickMs);
  const iso = new Date(time).toISOString();
  return (
    <time dateTime={iso} title={new Date(time).toLocaleString()}>
      {formatRelative(time, now)}
    </time>
  );
}
