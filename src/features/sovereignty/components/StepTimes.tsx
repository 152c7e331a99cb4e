import { Timestamp } from '@/components/Timestamp';
import { durationBetween, formatDuration } from '@/lib/time';
import { parseInstant } from '@/lib/instant';
import { useNow } from '@/lib/use-now';
import type { StepRow } from '../progress';
import { deadlineSentence, holdSentence, runningStepClock } from '../run-clock';
import './StepTimes.css';

/**
 * How the running step's time compares with its deadline, as of `now`: a quiet "at most 30 min"
 * while normal, a warning near it, a clear notice past it; for the egress-block self-test also the
 * hold counting down.
 */
function DeadlineNote({ row, now }: { row: StepRow; now: number }) {
  const clock = runningStepClock(row, now);
  if (clock === undefined) return null;
  const sentence = deadlineSentence(clock, row.id, formatDuration);
  return (
    <>
      {clock.level === 'normal' ? (
        <span className="step-times__deadline">{` · ${sentence}`}</span>
      ) : (
        <span className={`step-times__deadline step-times__deadline--${clock.level}`}>
          {clock.level === 'past' ? 'Past its deadline: ' : 'Near its deadline: '}
          {sentence}
        </span>
      )}
      {clock.holdLeftMs !== undefined ? (
        <span className="step-times__hold">{holdSentence(clock.holdLeftMs, formatDuration)}</span>
      ) : null}
    </>
  );
}

/** A running step's elapsed time, ticking: the only part of the list that re-renders each second. */
function RunningFor({ row }: { row: StepRow }) {
  const now = useNow(1_000);
  const start = parseInstant(row.startedAt);
  const duration = start === undefined ? undefined : formatDuration(now - start);
  if (duration === undefined) return null;
  return (
    <>
      <span className="step-times__duration">
        {' · '}
        {`running for ${duration}`}
      </span>
      <DeadlineNote row={row} now={now} />
    </>
  );
}

/**
 * A running step's elapsed time on stale data: measured up to the last good data and said as a
 * lower bound, because the step may have run on, or finished, since. Nothing ticks.
 */
function RunningForAsOf({ row, frozenAt }: { row: StepRow; frozenAt: number }) {
  const start = parseInstant(row.startedAt);
  const duration = start === undefined ? undefined : formatDuration(frozenAt - start);
  return (
    <>
      <span className="step-times__duration">
        {' · '}
        {duration === undefined ? 'running' : `running for ≥ ${duration}`}
        {' as of '}
        <Timestamp at={frozenAt} now={frozenAt} />
      </span>
      <DeadlineNote row={row} now={frozenAt} />
    </>
  );
}

/**
 * A step's times: started (→ finished) and its duration; for the running step the time it has run
 * (ticking, or "≥ … as of" on stale data) against its deadline.
 */
export function StepTimes({
  row,
  frozenAt,
  now,
}: {
  row: StepRow;
  frozenAt: number | undefined;
  now: number;
}) {
  const started = parseInstant(row.startedAt);
  if (started === undefined) return null;
  const running = row.status === 'running';
  const finished = parseInstant(row.finishedAt);
  const duration = running
    ? undefined
    : formatDuration(durationBetween(row.startedAt, row.finishedAt));
  return (
    <span className="step-times">
      <Timestamp at={started} now={now} />
      {finished !== undefined && !running ? (
        <>
          {' → '}
          <Timestamp at={finished} now={now} sameDayAs={started} />
        </>
      ) : null}
      {running ? (
        frozenAt === undefined ? (
          <RunningFor row={row} />
        ) : (
          <RunningForAsOf row={row} frozenAt={frozenAt} />
        )
      ) : duration !== undefined ? (
        <span className="step-times__duration">
          {' · '}
          {duration}
        </span>
      ) : null}
    </span>
  );
}
