import { exactInstant, formatInstant } from '@/lib/time';
import './Timestamp.css';

interface TimestampProps {
  /** Epoch ms. */
  at: number;
  /** Decides whether the date is written (only when not today). */
  now: number;
  /** Adds the UTC offset, where a view names the zone. */
  withZone?: boolean;
  /** A finish beside its start: no date when both are on the same day. */
  sameDayAs?: number | undefined;
  timeZone?: string | undefined;
}

/**
 * One time format everywhere (docs/cutover-contract.md "Times"): `16:44:09`, or `3 May 23:59:50`
 * on another day, optionally `UTC+02:00`; the exact ISO instant in `datetime`, and on hover
 * (title) and keyboard focus (shown beside it), so a time can be matched with kubectl's.
 */
export function Timestamp({ at, now, withZone = false, sameDayAs, timeZone }: TimestampProps) {
  const shown = formatInstant(at, { now, withZone, sameDayAs, timeZone });
  if (shown === undefined) return null;
  const exact = exactInstant(at);
  return (
    // Focusable so a keyboard user can reach the exact time that a mouse user gets on hover.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <time className="timestamp" dateTime={exact} title={exact} data-exact={exact} tabIndex={0}>
      {shown}
    </time>
  );
}
