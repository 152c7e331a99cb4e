import { useId, useState } from 'react';
import { CheckIcon, CrossIcon, PendingIcon, RunningIcon } from '@/components/icons';
import { CopyableCommand } from '@/components/CopyableCommand';
import { ExpandableText } from '@/components/ExpandableText';
import { Timestamp } from '@/components/Timestamp';
import { durationBetween, formatDuration, parseTime } from '@/lib/time';
import { truncate } from '@/lib/text';
import { useNow } from '@/lib/use-now';
import { revealInvisible, type StepStatus } from '../cutover';
import {
  DEFAULT_CUTOVER_NAMESPACE,
  stepDeadlineMs,
  stepGuidance,
  workloadCommands,
} from '../guidance';
import type { StepRow } from '../progress';
import { deadlineSentence, holdSentence, runningStepClock } from '../run-clock';
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
        <span className="step__deadline">{` · ${sentence}`}</span>
      ) : (
        <span className={`step__deadline step__deadline--${clock.level}`}>
          {clock.level === 'past' ? 'Past its deadline: ' : 'Near its deadline: '}
          {sentence}
        </span>
      )}
      {clock.holdLeftMs !== undefined ? (
        <span className="step__hold">{holdSentence(clock.holdLeftMs, formatDuration)}</span>
      ) : null}
    </>
  );
}

/** A running step's elapsed time, ticking: the only part of the list that re-renders each second. */
function RunningFor({ row }: { row: StepRow }) {
  const now = useNow(1_000);
  const start = parseTime(row.startedAt);
  const duration = start === undefined ? undefined : formatDuration(now - start);
  if (duration === undefined) return null;
  return (
    <>
      <span className="step__duration">
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
  const start = parseTime(row.startedAt);
  const duration = start === undefined ? undefined : formatDuration(frozenAt - start);
  return (
    <>
      <span className="step__duration">
        {' · '}
        {duration === undefined ? 'running' : `running for ≥ ${duration}`}
        {' as of '}
        <Timestamp at={frozenAt} now={frozenAt} />
      </span>
      <DeadlineNote row={row} now={frozenAt} />
    </>
  );
}

function StepTimes({
  row,
  frozenAt,
  now,
}: {
  row: StepRow;
  frozenAt: number | undefined;
  now: number;
}) {
  const started = parseTime(row.startedAt);
  if (started === undefined) return null;
  const running = row.status === 'running';
  const finished = parseTime(row.finishedAt);
  const duration = running
    ? undefined
    : formatDuration(durationBetween(row.startedAt, row.finishedAt));
  return (
    <span className="step__times">
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
        <span className="step__duration">
          {' · '}
          {duration}
        </span>
      ) : null}
    </span>
  );
}

/**
 * The row's name, as the button that opens its details. A known step has the console's own label;
 * an unknown one (a newer chart) is named from server text, so it is bidi-isolated, and its exact
 * id is shown with invisible characters spelled out: two ids never read the same.
 */
function StepName({
  row,
  open,
  detailsId,
  onToggle,
}: {
  row: StepRow;
  open: boolean;
  detailsId: string;
  onToggle: () => void;
}) {
  return (
    <>
      <button
        type="button"
        className="step__toggle"
        aria-expanded={open}
        aria-controls={open ? detailsId : undefined}
        onClick={onToggle}
      >
        <Chevron />
        {row.known ? (
          <span className="step__label">{truncate(row.label, 80)}</span>
        ) : (
          <bdi className="step__label">{truncate(row.label, 80)}</bdi>
        )}
      </button>
      {row.known ? null : (
        <span className="step__id">
          Step id{' '}
          <code>
            <bdi>{truncate(revealInvisible(row.id), 80)}</bdi>
          </code>
        </span>
      )}
    </>
  );
}

const Chevron = () => (
  <svg
    className="step__chevron"
    width={12}
    height={12}
    viewBox="0 0 12 12"
    fill="none"
    stroke="currentColor"
    strokeWidth={1.6}
    aria-hidden
    focusable={false}
  >
    <path d="M4 2.5 7.5 6 4 9.5" />
  </svg>
);

/**
 * What opens under a step: what it does, how long it may take, where its Job's logs are, and what
 * to check before a retry. Commands appear once the engine has named the step's Job.
 */
function StepDetails({ row, namespace, id }: { row: StepRow; namespace: string; id: string }) {
  const guidance = stepGuidance(row.id);
  const commands = workloadCommands(row.id, row.jobName, namespace);
  const deadline = formatDuration(stepDeadlineMs(row.id));
  return (
    <div className="step__details" id={id}>
      {row.description !== undefined ? <p>{row.description}</p> : null}
      <p className="step__fact">
        {guidance === undefined
          ? `A step this console does not know yet; the engine's default deadline is ${deadline ?? ''}.`
          : `${guidance.mode === 'daemonset' ? 'Waits for a DaemonSet on every node' : 'Runs as a Kubernetes Job'}; default deadline ${deadline ?? ''}.`}
      </p>
      {commands !== undefined ? (
        <>
          <p className="step__fact">
            {commands.kind} <code dir="ltr">{row.jobName}</code>
            {commands.kind === 'Job' ? ' (kept 24 h after it ends)' : ''}
          </p>
          <CopyableCommand command={commands.logs} purpose={`the logs command for ${row.label}`} />
          <CopyableCommand
            command={commands.describe}
            purpose={`the describe command for ${row.label}`}
          />
        </>
      ) : row.jobName !== undefined ? (
        <p className="step__fact">
          The catalyst-api named its workload{' '}
          <code>
            <bdi>{truncate(revealInvisible(row.jobName), 80)}</bdi>
          </code>
          , which is not a Kubernetes name: no command is offered for it.
        </p>
      ) : row.status !== 'pending' ? (
        <p className="step__fact">The catalyst-api has not said which Job ran this step.</p>
      ) : null}
      {guidance !== undefined && row.status !== 'done' ? (
        <p className="step__fact">
          <span className="step__fact-title">If it fails, check first: </span>
          {guidance.checkFirst}
        </p>
      ) : null}
    </div>
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
    <ol className="steps" aria-label={label}>
      {rows.map((row, index) => {
        const frozen = asOf !== undefined && row.status === 'running';
        const Icon = frozen ? FrozenIcon : STATUS_ICONS[row.status];
        const open = toggled.get(row.id) ?? row.status === 'running';
        const detailsId = `${baseId}-${String(index)}`;
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
              <StepName
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
            <span className="step__status">{STATUS_WORDS[row.status]}</span>
            {open ? <StepDetails row={row} namespace={namespace} id={detailsId} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
