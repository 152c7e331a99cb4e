import { ExpandableText } from '@/components/ExpandableText';
import { RelativeTime } from '@/components/RelativeTime';
import { VisuallyHidden } from '@/components/VisuallyHidden';
import { durationBetween, formatDateTime, formatDuration, parseTime } from '@/lib/time';
import { truncate } from '@/lib/text';
import type { CutoverStatus } from '../cutover';
import { cutoverFailure, cutoverProgress, stepRows } from '../progress';
import { StepList } from './StepList';

/** The bodies of the four data phases. Everything the server sent is rendered as text. */

export function WaitingView({ status }: { status: CutoverStatus }) {
  return (
    <>
      <p className="lead">
        The cutover has not started yet. It starts by itself when the bp-self-sovereign-cutover
        chart is installed with its auto-trigger on.
      </p>
      <StepList rows={stepRows(status)} label="Cutover steps" />
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

export function CuttingOverView({ status }: { status: CutoverStatus }) {
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
              Now: <strong>{running.label}</strong>
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
      <StepList rows={rows} label="Cutover steps" />
      <p className="muted">The cutover runs in the cluster; this tab does not need to stay open.</p>
    </>
  );
}

export function FailedView({
  status,
  actions,
}: {
  status: CutoverStatus;
  actions?: React.ReactNode;
}) {
  const failure = cutoverFailure(status);
  const { done, total } = cutoverProgress(status);
  const label = failure.stepLabel === undefined ? undefined : truncate(failure.stepLabel, 80);
  const headline =
    label === undefined
      ? 'The cutover stopped.'
      : failure.stepless
        ? `The cutover stopped: ${label} failed.`
        : `The cutover stopped at ${label}.`;
  return (
    <>
      <div className="failure">
        <p className="failure__title">{headline}</p>
        {failure.stepless && failure.stepId !== undefined ? (
          <p className="muted">
            No step row carries this failure (<code>{truncate(failure.stepId, 64)}</code>): the run
            halted outside its steps.
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
      <StepList rows={stepRows(status)} label="Cutover steps" showMessages={false} />
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
    <span className="summary__value">{value}</span>
  );
}

export function SovereignView({ status }: { status: CutoverStatus }) {
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
              <code title={status.mirroredCommitSHA}>{status.mirroredCommitSHA.slice(0, 12)}</code>
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
        <StepList rows={rows} label="Cutover steps" />
      </details>
    </>
  );
}
