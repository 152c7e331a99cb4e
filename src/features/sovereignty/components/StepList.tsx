import { CheckIcon, CrossIcon, PendingIcon, RunningIcon } from '@/components/icons';
import { ExpandableText } from '@/components/ExpandableText';
import { durationBetween, formatClock, formatDuration, parseTime } from '@/lib/time';
import { truncate } from '@/lib/text';
import { useNow } from '@/lib/use-now';
import type { StepStatus } from '../cutover';
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

function StepTimes({ row, now }: { row: StepRow; now: number }) {
  const started = formatClock(row.startedAt);
  if (started === undefined) return null;
  const finished = formatClock(row.finishedAt);
  const start = parseTime(row.startedAt);
  const duration =
    row.status === 'running' && start !== undefined
      ? formatDuration(now - start)
      : formatDuration(durationBetween(row.startedAt, row.finishedAt));
  return (
    <span className="step__times">
      <time dateTime={row.startedAt}>{started}</time>
      {finished !== undefined && row.status !== 'running' ? (
        <>
          {' → '}
          <time dateTime={row.finishedAt}>{finished}</time>
        </>
      ) : null}
      {duration !== undefined ? (
        <span className="step__duration">
          {' · '}
          {row.status === 'running' ? `running for ${duration}` : duration}
        </span>
      ) : null}
    </span>
  );
}

interface StepListProps {
  rows: readonly StepRow[];
  /** Labels the list for assistive technology. */
  label: string;
  /** Error text of failed rows; off where the view already shows the failure above the list. */
  showMessages?: boolean;
}

/** One row per step: status in words and icon, times, duration; error text for a failed step. */
export function StepList({ rows, label, showMessages = true }: StepListProps) {
  // Only a running step's duration moves; otherwise there is nothing to re-render every second.
  const now = useNow(rows.some((row) => row.status === 'running') ? 1_000 : 60_000);
  return (
    <ol className="steps" aria-label={label}>
      {rows.map((row) => {
        const Icon = STATUS_ICONS[row.status];
        return (
          <li key={row.id} className={`step step--${row.status}`} data-step-id={row.id}>
            <span className="step__icon" aria-hidden="true">
              <Icon />
            </span>
            <span className="step__main">
              <span className="step__label" title={row.known ? row.description : row.id}>
                {truncate(row.label, 80)}
              </span>
              <StepTimes row={row} now={now} />
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
