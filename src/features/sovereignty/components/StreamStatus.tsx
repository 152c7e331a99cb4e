import { RelativeTime } from '@/components/RelativeTime';
import type { StreamHealth } from '../api/connection';

const WORDS: Readonly<Record<StreamHealth, string>> = {
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  off: 'Polling',
};

interface StreamStatusProps {
  health: StreamHealth;
  updatedAt: number | undefined;
  /** Why nothing is being followed, when that is not "polling" (sovereign, signed out). */
  idle?: string | undefined;
}

/** Discreet freshness line: how the card is kept current, and when it last heard news. */
export function StreamStatus({ health, updatedAt, idle }: StreamStatusProps) {
  return (
    <>
      {idle !== undefined && health === 'off' ? (
        <span className="stream-status">{idle}</span>
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
