import { useId, useState } from 'react';
import { CheckIcon, CrossIcon, PendingIcon, RunningIcon } from '@/components/icons';
import { ExpandableText } from '@/components/ExpandableText';
import type { StepStatus } from '../cutover';
import { DEFAULT_CUTOVER_NAMESPACE } from '../guidance';
import type { StepRow } from '../progress';
import { StepDetails } from './StepDetails';
import { StepTimes } from './StepTimes';
import { StepToggle } from './StepToggle';
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
  /** The namespace of the cutover's Jobs, for the kubectl commands; default `catalyst`. */
  namespace?: string | undefined;
}

/**
 * One row per step: status in words and icon, times, duration, the running step against its
 * deadline; each row opens (a button, for touch and keyboard alike) to what the step does, its Job
 * and the commands to read it. The running step starts open.
 */
export function StepList({
  rows,
  label,
  showMessages = true,
  frozenAt,
  namespace = DEFAULT_CUTOVER_NAMESPACE,
}: StepListProps) {
  // An instant that cannot be written down cannot be "as of": show the rows live instead.
  const asOf =
    frozenAt !== undefined && !Number.isNaN(new Date(frozenAt).getTime()) ? frozenAt : undefined;
  // "Today" for the dates: the last good data when stale, else the time the list appeared (no
  // ticking clock here: only the running step's time ticks).
  const [mountedAt] = useState(() => Date.now());
  const now = asOf ?? mountedAt;
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const baseId = useId();
  return (
    <ol className="step-list" aria-label={label}>
      {rows.map((row, index) => {
        const frozen = asOf !== undefined && row.status === 'running';
        const Icon = frozen ? FrozenIcon : STATUS_ICONS[row.status];
        const open = toggled.get(row.id) ?? row.status === 'running';
        const detailsId = `${baseId}-${String(index)}`;
        return (
          <li
            key={row.id}
            className={`step-list__step step-list__step--${row.status}${frozen ? ' step-list__step--frozen' : ''}`}
            data-step-id={row.id}
          >
            <span className="step-list__icon" aria-hidden="true">
              <Icon />
            </span>
            <span className="step-list__main">
              <StepToggle
                row={row}
                open={open}
                detailsId={detailsId}
                onToggle={() => {
                  setToggled((current) => new Map(current).set(row.id, !open));
                }}
              />
              <StepTimes row={row} frozenAt={asOf} now={now} />
              {showMessages && row.status === 'failed' && row.message !== undefined ? (
                <ExpandableText text={row.message} limit={140} moreLabel="Show full error" />
              ) : null}
            </span>
            <span className="step-list__status">{STATUS_WORDS[row.status]}</span>
            {open ? <StepDetails row={row} namespace={namespace} id={detailsId} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
