import { RelativeTime } from '@/components/RelativeTime';
import type { StreamHealth } from '../api/connection';
import './StreamStatus.css';

const WORDS: Readonly<Record<StreamHealth, string>> = {
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  off: 'Polling',
};

interface StreamStatusProps {
  health: StreamHealth;
  updatedAt: number | undefined;
  /**
   * Said instead of the stream's state when that alone would mislead: why nothing is followed
   * (sovereign, signed out, the API failing), or that the stream keeps failing.
   */
  note?: string | undefined;
}

/** Discreet freshness line: how the card is kept current, and when it last heard news. */
export function StreamStatus({ health, updatedAt, note }: StreamStatusProps) {
  return (
    <>
      {note !== undefined ? (
        <span className="stream-status">{note}</span>
      ) : (
        <span className={`stream-status stream-status--${health}`}>
          <span className="stream-status__dot" aria-hidden="true" />
          {WORDS[health]}
        </span>
      )}
      {updatedAt ? (
        <span>
          Updated <RelativeTime time={updatedAt} past />
        </span>
      ) : null}
    </>
  );
}
