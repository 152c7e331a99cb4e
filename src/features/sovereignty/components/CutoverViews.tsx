import { ExpandableText } from '@/components/ExpandableText';
import { RelativeTime } from '@/components/RelativeTime';
import { VisuallyHidden } from '@/components/VisuallyHidden';
import { durationBetween, formatDateTime, formatDuration, parseTime } from '@/lib/time';
import { truncate } from '@/lib/text';
import { revealInvisible, type CutoverStatus } from '../cutover';
import { cutoverFailure, cutoverProgress, knownStepLabel, stepRows } from '../progress';
import { StepList } from './StepList';

/**
 * The bodies of the four data phases. Everything the server sent is rendered as text, and inside
 * `<bdi>`, so that a right-to-left script or a bidi control in it cannot reorder the console's
 * own words around it.
 */

interface ViewProps {
  status: CutoverStatus;
  /**
   * Epoch ms of the last good data when `status` is stale: running steps' times stop there
   * ("running for ≥ 22 s as of 16:44:09") and nothing ticks. Absent while the data is live.
   */
  frozenAt?: number | undefined;
}

export function WaitingView({ status, frozenAt }: ViewProps) {
  return (
    <>
      <p className="lead">
        The cutover has not started yet. It starts by itself when the bp-self-sovereign-cutover
        chart is installed with its auto-trigger on.
      </p>
      <StepList rows={stepRows(status)} label="Cutover steps" frozenAt={frozenAt} />
    </>
  );
}

function ProgressMeter({ done, total }: { done: number; total: number }) {
  const value = Math.min(done, total);
  return (
    <div
      className="meter"
      role="progressbar"
      aria-label="Cutover progress"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={value}
      aria-valuetext={`${value} of ${total} steps done`}
    >
      <span className="meter__fill" style={{ width: `${total ? (100 * value) / total : 0}%` }} />
    </div>
  );
}

export function CuttingOverView({ status, frozenAt }: ViewProps) {
  const { done, total } = cutoverProgress(status);
  const rows = stepRows(status);
  const running = rows.find((row) => row.status === 'running');
  const failedEarlier = rows.some((row) => row.status === 'failed');
  return (
    <>
      <div className="progress-summary">
        <p className="progress-summary__count">
          Step {done} of {total} complete
        </p>
        <p className="progress-summary__now">
          {running ? (
            <>
              Now: <strong>{running.known ? running.label : <bdi>{running.label}</bdi>}</strong>
            </>
          ) : (
            'Between steps'
          )}
        </p>
      </div>
      <ProgressMeter done={done} total={total} />
      {failedEarlier ? (
        <p className="muted">A step that failed in an earlier attempt is being retried.</p>
      ) : null}
      <StepList rows={rows} label="Cutover steps" frozenAt={frozenAt} />
      <p className="muted">The cutover runs in the cluster; this tab does not need to stay open.</p>
    </>
  );
}

/**
 * "The cutover stopped at <step>." The console's own label is part of the sentence; a label made
 * from server text (an id this console does not know) is isolated within it.
 */
function FailureHeadline({
  stepId,
  label,
  stepless,
}: {
  stepId: string | undefined;
  label: string | undefined;
  stepless: boolean;
}) {
  if (stepId === undefined || label === undefined) {
    return <p className="failure__title">The cutover stopped.</p>;
  }
  const own = knownStepLabel(stepId) !== undefined;
  const shown = truncate(label, 80);
  if (own) {
    return (
      <p className="failure__title">
        {stepless ? `The cutover stopped: ${shown} failed.` : `The cutover stopped at ${shown}.`}
      </p>
    );
  }
  const name = <bdi>{shown}</bdi>;
  return (
    <p className="failure__title">
      {stepless ? <>The cutover stopped: {name} failed.</> : <>The cutover stopped at {name}.</>}
    </p>
  );
}

export function FailedView({
  status,
  actions,
  frozenAt,
}: ViewProps & { actions?: React.ReactNode }) {
  const failure = cutoverFailure(status);
  const { done, total } = cutoverProgress(status);
  return (
    <>
      <div className="failure">
        <FailureHeadline
          stepId={failure.stepId}
          label={failure.stepLabel}
          stepless={failure.stepless}
        />
        {failure.stepless && failure.stepId !== undefined ? (
          <p className="muted">
            No step row carries this failure (
            <code>
              <bdi>{truncate(revealInvisible(failure.stepId), 64)}</bdi>
            </code>
            ): the run halted outside its steps.
          </p>
        ) : null}
        {failure.message !== undefined ? (
          <ExpandableText text={failure.message} limit={160} moreLabel="Show full error" />
        ) : (
          <p className="muted">The catalyst-api gave no error text.</p>
        )}
        <p>
          {done} of {total} steps were done before it stopped.
        </p>
        {actions}
      </div>
      <StepList
        rows={stepRows(status)}
        label="Cutover steps"
        showMessages={false}
        frozenAt={frozenAt}
      />
    </>
  );
}

function SummaryValue({ value }: { value: string | undefined }) {
  return value === undefined ? (
    // aria-label on a plain span is not reliably announced (axe aria-prohibited-attr): the dash
    // is hidden from assistive technology and the words are given as visually hidden text.
    <span>
      <span aria-hidden="true">—</span>
      <VisuallyHidden>not reported</VisuallyHidden>
    </span>
  ) : (
    <span className="summary__value">
      <bdi>{value}</bdi>
    </span>
  );
}

export function SovereignView({ status, frozenAt }: ViewProps) {
  const finished = parseTime(status.finishedAt);
  const took = formatDuration(durationBetween(status.startedAt, status.finishedAt));
  const egress =
    status.egressTestPassed === undefined
      ? undefined
      : status.egressTestPassed
        ? 'Passed'
        : 'Failed';
  const rows = stepRows(status);
  return (
    <>
      <p className="lead">
        This Sovereign pulls images from its own Harbor and GitOps sources from its own Gitea. It no
        longer depends on the mothership.
      </p>
      <dl className="summary">
        <div>
          <dt>Finished</dt>
          <dd>
            {finished !== undefined ? (
              <>
                {formatDateTime(status.finishedAt)}
                <span className="summary__sub">
                  <RelativeTime time={finished} tickMs={60_000} past />
                </span>
              </>
            ) : (
              <SummaryValue value={undefined} />
            )}
          </dd>
        </div>
        <div>
          <dt>Took</dt>
          <dd>
            <SummaryValue value={took} />
          </dd>
        </div>
        <div>
          <dt>Egress-block self-test</dt>
          <dd>
            <SummaryValue value={egress} />
          </dd>
        </div>
        <div>
          <dt>Mirrored commit</dt>
          <dd>
            {status.mirroredCommitSHA === undefined ? (
              <SummaryValue value={undefined} />
            ) : (
              <code title={revealInvisible(status.mirroredCommitSHA)}>
                <bdi>{revealInvisible(status.mirroredCommitSHA.slice(0, 12))}</bdi>
              </code>
            )}
          </dd>
        </div>
        <div>
          <dt>Harbor projects</dt>
          <dd>
            <SummaryValue value={status.harborProjectCount?.toString()} />
          </dd>
        </div>
      </dl>
      <details className="steps-details">
        <summary>Show the {rows.length} cutover steps</summary>
        <StepList rows={rows} label="Cutover steps" frozenAt={frozenAt} />
      </details>
    </>
  );
}
