import { useId, useState } from 'react';
import { CopyableCommand } from '@/components/CopyableCommand';
import { CopyButton } from '@/components/CopyButton';
import { ExpandableText } from '@/components/ExpandableText';
import { RelativeTime } from '@/components/RelativeTime';
import { Timestamp } from '@/components/Timestamp';
import { VisuallyHidden } from '@/components/VisuallyHidden';
import { formatDuration, parseTime } from '@/lib/time';
import { truncate } from '@/lib/text';
import { useNow } from '@/lib/use-now';
import { parseSettledRollOverrides, revealInvisible, type CutoverStatus } from '../cutover';
import {
  DEFAULT_CUTOVER_NAMESPACE,
  autoTriggerCommand,
  checkBeforeRetry,
  statusConfigMapCommand,
  workloadCommands,
} from '../guidance';
import { cutoverFailure, cutoverProgress, knownStepLabel, stepRows } from '../progress';
import { progressWords, runClock } from '../run-clock';
import { successfulRunMs } from '../attempts';
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
  /** The namespace of the cutover's Jobs, for kubectl commands (config.json; default catalyst). */
  namespace?: string | undefined;
}

/** "Today" for dates: the last good data when stale, else when the view appeared (no ticking). */
function useReferenceNow(frozenAt: number | undefined): number {
  const [mountedAt] = useState(() => Date.now());
  return frozenAt ?? mountedAt;
}

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
 * and logs) and how long it has run or ran; a retried run also names its first attempt.
 */
function RunClockLine({
  status,
  ended,
  frozenAt,
}: {
  status: CutoverStatus;
  ended: boolean;
  frozenAt: number | undefined;
}) {
  const now = useReferenceNow(frozenAt);
  const clock = runClock(status, ended);
  const started = parseTime(clock.attemptStartedAt);
  if (started === undefined) return null;
  const first = parseTime(clock.firstStartedAt);
  const end = parseTime(clock.endedAt);
  const took = end === undefined ? undefined : formatDuration(end - started);
  return (
    <p className="run-clock">
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

/**
 * The HelmReleases a run left out of its roll (settled roll overrides, docs/cutover-contract.md
 * §4): kept on screen while the run goes on and after it succeeded, because each one is a
 * decision to review.
 */
export function SettledOverridesNotice({
  status,
  frozenAt,
}: {
  status: CutoverStatus;
  frozenAt?: number | undefined;
}) {
  const now = useReferenceNow(frozenAt);
  const titleId = useId();
  const overrides = parseSettledRollOverrides(status.settledRollOverrides);
  if (overrides.length === 0) return null;
  const at = parseTime(status.settledRollOverridesAt);
  const count =
    overrides.length === 1 ? '1 HelmRelease' : `${String(overrides.length)} HelmReleases`;
  return (
    <section className="overrides" aria-labelledby={titleId}>
      <h3 className="overrides__title" id={titleId}>
        {count} left out of the roll
      </h3>
      <p>
        The cutover excluded {overrides.length === 1 ? 'this HelmRelease' : 'these HelmReleases'}{' '}
        from its roll (settled roll overrides)
        {at !== undefined ? (
          <>
            {', recorded '}
            <Timestamp at={at} now={now} withZone />
          </>
        ) : null}
        . Check that each is healthy and still meant to be left out.
      </p>
      <ul className="overrides__list">
        {overrides.map((override, index) =>
          override.namespace !== undefined && override.name !== undefined ? (
            <li key={index}>
              <code>
                <bdi>
                  {truncate(revealInvisible(`${override.namespace}/${override.name}`), 120)}
                </bdi>
              </code>
              {override.reason !== undefined ? (
                <>
                  {': '}
                  <bdi>{truncate(override.reason, 300)}</bdi>
                </>
              ) : null}
            </li>
          ) : (
            <li key={index}>
              <bdi>{truncate(override.entry, 300)}</bdi>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

export function WaitingView({
  status,
  frozenAt,
  namespace = DEFAULT_CUTOVER_NAMESPACE,
}: ViewProps) {
  const titleId = useId();
  return (
    <>
      <p className="lead">
        The cutover has not started yet. It starts by itself when the bp-self-sovereign-cutover
        chart is installed with its auto-trigger on.
      </p>
      <section className="why-waiting" aria-labelledby={titleId}>
        <h3 className="section-title" id={titleId}>
          Why it has not started
        </h3>
        <p>
          The chart starts the cutover by itself only when its value <code>trigger.auto</code> is
          true. Newer charts also need <code>trigger.fireCutoverOnHandover</code> to be true, and
          that one is off by default. To start it, upgrade the release with both on (the upgrade
          runs the chart’s hook, which starts the cutover):
        </p>
        <CopyableCommand
          command={autoTriggerCommand(namespace)}
          purpose="the helm upgrade command"
        />
        <p className="muted">
          Replace <code>&lt;chart&gt;</code> with the chart you installed from. If Flux manages this
          release, set these values in its HelmRelease instead: a manual upgrade is undone at the
          next reconcile.
        </p>
      </section>
      <StepList
        rows={stepRows(status)}
        label="Cutover steps"
        frozenAt={frozenAt}
        namespace={namespace}
      />
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

export function CuttingOverView({ status, frozenAt, namespace }: ViewProps) {
  const { done, total } = cutoverProgress(status);
  const rows = stepRows(status);
  const running = rows.find((row) => row.status === 'running');
  const words = progressWords(done, total, rows);
  const failedEarlier = rows.some((row) => row.status === 'failed');
  return (
    <>
      <div className="progress-head">
        <p className="progress-summary">
          <span className="progress-summary__count">{words.count}</span>
          <span className="progress-summary__now">
            {running ? (
              <>
                {' · now: '}
                <strong>{running.known ? running.label : <bdi>{running.label}</bdi>}</strong>
                {words.position !== undefined ? ` (step ${String(words.position)})` : null}
              </>
            ) : (
              ' · between steps'
            )}
          </span>
        </p>
        <RunClockLine status={status} ended={false} frozenAt={frozenAt} />
      </div>
      <ProgressMeter done={done} total={total} />
      {failedEarlier ? (
        <p className="muted">A step that failed in an earlier attempt is being retried.</p>
      ) : null}
      <SettledOverridesNotice status={status} frozenAt={frozenAt} />
      <StepList rows={rows} label="Cutover steps" frozenAt={frozenAt} namespace={namespace} />
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

/**
 * Where an operator looks first after a failure: the failed step's Job (logs, events), or for a
 * failure outside the steps the engine's status ConfigMap (and the registry-pivot DaemonSet when
 * the invariant failed).
 */
function WhereToLook({
  status,
  stepId,
  stepless,
  namespace,
}: {
  status: CutoverStatus;
  stepId: string | undefined;
  stepless: boolean;
  namespace: string;
}) {
  const step = stepId === undefined ? undefined : status.steps.find((row) => row.id === stepId);
  const commands =
    stepId === undefined ? undefined : workloadCommands(stepId, step?.jobName, namespace);
  const label = stepId === undefined ? undefined : (knownStepLabel(stepId) ?? 'the step');
  const titleId = useId();
  return (
    <section className="failure__section" aria-labelledby={titleId}>
      <h3 className="section-title" id={titleId}>
        Where to look
      </h3>
      {commands !== undefined && step?.jobName !== undefined ? (
        <>
          <p>
            {stepless
              ? `The ${commands.kind} of ${label ?? 'the step'}: `
              : `Its ${commands.kind}: `}
            <code dir="ltr">{step.jobName}</code>
          </p>
          <CopyableCommand
            command={commands.logs}
            purpose={`the logs command for ${label ?? 'the step'}`}
          />
          <CopyableCommand
            command={commands.describe}
            purpose={`the describe command for ${label ?? 'the step'}`}
          />
        </>
      ) : (
        <p>
          {stepless
            ? 'No Job ran this part of the run. The engine’s record of the run:'
            : 'The catalyst-api has not said which Job ran this step. The engine’s record of the run:'}
        </p>
      )}
      {commands === undefined || stepless ? (
        <CopyableCommand
          command={statusConfigMapCommand(namespace)}
          purpose="the status ConfigMap command"
        />
      ) : null}
    </section>
  );
}

export function FailedView({
  status,
  actions,
  frozenAt,
  namespace = DEFAULT_CUTOVER_NAMESPACE,
}: ViewProps & { actions?: React.ReactNode }) {
  const failure = cutoverFailure(status);
  const { done, total } = cutoverProgress(status);
  const errorId = useId();
  const checkId = useId();
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
        <RunClockLine status={status} ended frozenAt={frozenAt} />
        <p>
          {done} of {total} steps were done before it stopped.
        </p>
        <WhereToLook
          status={status}
          stepId={failure.stepId}
          stepless={failure.stepless}
          namespace={namespace}
        />
        <section className="failure__section" aria-labelledby={errorId}>
          <div className="section-head">
            <h3 className="section-title" id={errorId}>
              The error
            </h3>
            {failure.message !== undefined ? (
              <CopyButton text={failure.message} label="Copy the full error" />
            ) : null}
          </div>
          {failure.message !== undefined ? (
            <ExpandableText text={failure.message} limit={160} moreLabel="Show full error" />
          ) : (
            <p className="muted">The catalyst-api gave no error text.</p>
          )}
        </section>
        <section className="failure__section" aria-labelledby={checkId}>
          <h3 className="section-title" id={checkId}>
            Before you retry, check
          </h3>
          <p>{checkBeforeRetry(failure.stepId, failure.stepless)}</p>
        </section>
        {actions}
      </div>
      <StepList
        rows={stepRows(status)}
        label="Cutover steps"
        showMessages={false}
        frozenAt={frozenAt}
        namespace={namespace}
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

export function SovereignView({ status, frozenAt, namespace }: ViewProps) {
  const now = useReferenceNow(frozenAt);
  const finished = parseTime(status.finishedAt);
  // The successful attempt's own run time; the total since the first attempt is shown with the
  // attempts (docs/after-the-run.md).
  const took = formatDuration(successfulRunMs(status));
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
      <SettledOverridesNotice status={status} frozenAt={frozenAt} />
      <dl className="summary">
        <div>
          <dt>Finished</dt>
          <dd>
            {finished !== undefined ? (
              <>
                <Timestamp at={finished} now={now} withZone />
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
        <StepList rows={rows} label="Cutover steps" frozenAt={frozenAt} namespace={namespace} />
      </details>
    </>
  );
}
