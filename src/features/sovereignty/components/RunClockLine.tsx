import { Timestamp } from '@/components/Timestamp';
import { formatDuration } from '@/lib/time';
import { parseInstant } from '@/lib/instant';
import { useNow } from '@/lib/use-now';
import type { CutoverStatus } from '../cutover';
import { runClock } from '../run-clock';
import { useReferenceNow } from './use-reference-now';
import './RunClockLine.css';

/** Elapsed since `since`, ticking each second; frozen: "≥ … as of" the last good data. */
function Elapsed({ since, frozenAt }: { since: number; frozenAt: number | undefined }) {
  return frozenAt === undefined ? (
    <LiveElapsed since={since} />
  ) : (
    <>
      {`running for ≥ ${formatDuration(Math.max(0, frozenAt - since)) ?? ''} as of `}
      <Timestamp at={frozenAt} now={frozenAt} />
    </>
  );
}

function LiveElapsed({ since }: { since: number }) {
  const now = useNow(1_000);
  return <>{`running for ${formatDuration(Math.max(0, now - since)) ?? ''}`}</>;
}

/**
 * The run's clock: when this attempt started (with the zone, so it can be matched with kubectl
 * and logs) and how long it has run or ran; a retried run also names its first attempt. `plain`
 * takes the surrounding colour (inside the failure box) instead of the muted one.
 */
export function RunClockLine({
  status,
  ended,
  frozenAt,
  plain = false,
}: {
  status: CutoverStatus;
  ended: boolean;
  frozenAt: number | undefined;
  plain?: boolean;
}) {
  const now = useReferenceNow(frozenAt);
  const clock = runClock(status, ended);
  const started = parseInstant(clock.attemptStartedAt);
  if (started === undefined) return null;
  const first = parseInstant(clock.firstStartedAt);
  const end = parseInstant(clock.endedAt);
  const took = end === undefined ? undefined : formatDuration(end - started);
  return (
    <p className={plain ? 'run-clock run-clock--plain' : 'run-clock'}>
      <span>
        {first === undefined ? 'Started ' : 'This attempt started '}
        <Timestamp at={started} now={now} withZone />
      </span>
      {ended ? (
        end !== undefined ? (
          <span>
            {' · ended '}
            <Timestamp at={end} now={now} sameDayAs={started} />
            {took !== undefined ? ` after ${took}` : null}
          </span>
        ) : null
      ) : (
        <span>
          {' · '}
          <Elapsed since={started} frozenAt={frozenAt} />
        </span>
      )}
      {first !== undefined ? (
        <span className="run-clock__first">
          {' · first attempt '}
          <Timestamp at={first} now={now} sameDayAs={started} />
        </span>
      ) : null}
    </p>
  );
}
