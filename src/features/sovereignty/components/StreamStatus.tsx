import { RelativeTime } from '@/components/RelativeTime';
import type { StreamHealth } from '../api/use-cutover-events';

const WORDS: Readonly<Record<StreamHealth, string>> = {
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  off: 'Polling',
};

/** Discreet freshness line: how the card is kept current, and when it last heard news. */
export function StreamStatus({
  health,
  updatedAt,
}: {
  health: StreamHealth;
  updatedAt: number | undefined;
}) {
  return (
    <>
      <span className={`stream-status stream-status--${health}`}>
        <span className="stream-status__dot" aria-hidden="true" />
        {WORDS[health]}
      </span>
      {updatedAt ? (
        <span>
          Updated <RelativeTime time={updatedAt} past />
        </span>
      ) : null}
    </>
  );
}
