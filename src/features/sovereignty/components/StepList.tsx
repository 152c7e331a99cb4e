import { CheckIcon, CrossIcon, PendingIcon, RunningIcon } from '@/components/icons';
import { ExpandableText } from '@/components/ExpandableText';
import { durationBetween, formatClock, formatDuration, parseTime } from '@/lib/time';
import { truncate } from '@/lib/text';
import { useNow } from '@/lib/use-now';
import { revealInvisible, type StepStatus } from '../cutover';
import type { StepRow } from '../progress';
import './StepList.css';

const STATUS_WORDS: Readonly<Record<StepStatus, string>> = {
  pending: 'Pending',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
};

const STATUS_ICONS: Readonly<Record<StepStatus, () => React.JSX.Element>> = {
  pending: PendingIcon,
  running: RunningIcon,
  done: CheckIcon,
  failed: CrossIcon,
};

/** A step last seen running, on data that is no longer fresh: the spinner's arc, paused. */
const FrozenIcon = () => (
  <svg
    width={16}
    height={16}
    viewBox="0 0 16 16"
    fill="none"
    stroke="currentColor"
    strokeWidth={1.6}
    strokeLinecap="round"
    aria-hidden
    focusable={false}
  >
    <path d="M8 2a6 6 0 1 1-6 6M6.6 6.2v3.6M9.4 6.2v3.6" />
  </svg>
);

/** A running step's elapsed time, ticking: the only part of the list that re-renders each second. */
function RunningFor({ startedAt }: { startedAt: string | undefined }) {
  const now = useNow(1_000);
  const start = parseTime(startedAt);
  const duration = start === undefined ? undefined : formatDuration(now - start);
  if (duration === undefined) return null;
  return (
    <span className="step__duration">
      {' · '}
      {`running for ${duration}`}
    </span>
  );
}

/**
 * A running step's elapsed time on stale data: measured up to the last good data and said as a
 * lower bound, because the step may have run on, or finished, since. Nothing ticks.
 */
function RunningForAsOf({
  startedAt,
  frozenAt,
}: {
  startedAt: string | undefined;
  frozenAt: number;
}) {
  const start = parseTime(startedAt);
  const duration = start === undefined ? undefined : formatDuration(frozenAt - start);
  const asOf = new Date(frozenAt).toISOString();
  return (
    <span className="step__duration">
      {' · '}
      {duration === undefined ? 'running' : `running for ≥ ${duration}`}
      {' as of '}
      <time dateTime={asOf}>{formatClock(asOf)}</time>
    </span>
  );
}

function StepTimes({ row, frozenAt }: { row: StepRow; frozenAt: number | undefined }) {
  const started = formatClock(row.startedAt);
  if (started === undefined) return null;
  const running = row.status === 'running';
  const finished = formatClock(row.finishedAt);
  const duration = running
    ? undefined
    : formatDuration(durationBetween(row.startedAt, row.finishedAt));
  return (
    <span className="step__times">
      <time dateTime={row.startedAt}>{started}</time>
      {finished !== undefined && !running ? (
        <>
          {' → '}
          <time dateTime={row.finishedAt}>{finished}</time>
        </>
      ) : null}
      {running ? (
        frozenAt === undefined ? (
          <RunningFor startedAt={row.startedAt} />
        ) : (
          <RunningForAsOf startedAt={row.startedAt} frozenAt={frozenAt} />
        )
      ) : duration !== undefined ? (
        <span className="step__duration">
          {' · '}
          {duration}
        </span>
      ) : null}
    </span>
  );
}

/**
 * The row's name. A known step has the console's own label; an unknown one (a newer chart) is
 * named from server text, so it is bidi-isolated, and its exact id is shown with invisible
 * characters spelled out: two ids never read the same, and neither can reorder the row.
 */
function StepName({ row }: { row: StepRow }) {
  if (row.known) {
    return (
      <span className="step__label" title={row.description}>
        {truncate(row.label, 80)}
      </span>
    );
  }
  return (
    <>
      <bdi className="step__label">{truncate(row.label, 80)}</bdi>
      <span className="step__id">
        Step id{' '}
        <code>
          <bdi>{truncate(revealInvisible(row.id), 80)}</bdi>
        </code>
      </span>
    </>
  );
}

interface StepListProps {
  rows: readonly StepRow[];
  /** Labels the list for assistive technology. */
  label: string;
  /** Error text of failed rows; off where the view already shows the failure above the list. */
  showMessages?: boolean;
  /**
   * Epoch ms of the last good data, when the rows are stale: a running step's time then stops at
   * this instant ("running for ≥ 22 s as of 16:44:09") and its spinner stops. Absent: live.
   */
  frozenAt?: number | undefined;
}

/** One row per step: status in words and icon, times, duration; error text for a failed step. */
export function StepList({ rows, label, showMessages = true, frozenAt }: StepListProps) {
  // An instant that cannot be written down cannot be "as of": show the rows live instead.
  const asOf =
    frozenAt !== undefined && !Number.isNaN(new Date(frozenAt).getTime()) ? frozenAt : undefined;
  return (
    <ol className="steps" aria-label={label}>
      {rows.map((row) => {
        const frozen = asOf !== undefined && row.status === 'running';
        const Icon = frozen ? FrozenIcon : STATUS_ICONS[row.status];
        return (
          <li
            key={row.id}
            className={`step step--${row.status}${frozen ? ' step--frozen' : ''}`}
            data-step-id={row.id}
          >
            <span className="step__icon" aria-hidden="true">
              <Icon />
            </span>
            <span className="step__main">
              <StepName row={row} />
              <StepTimes row={row} frozenAt={asOf} />
              {showMessages && row.status === 'failed' && row.message !== undefined ? (
                <ExpandableText text={row.message} limit={140} moreLabel="Show full error" />
              ) : null}
            </span>
            <span className="step__status">{STATUS_WORDS[row.status]}</span>
          </li>
        );
      })}
    </ol>
  );
}
