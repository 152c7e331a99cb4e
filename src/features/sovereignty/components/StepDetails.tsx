import { CopyableCommand } from '@/components/CopyableCommand';
import { formatDuration } from '@/lib/time';
import { truncate } from '@/lib/text';
import { revealInvisible } from '../cutover';
import { stepDeadlineMs, stepGuidance, workloadCommands } from '../guidance';
import type { StepRow } from '../progress';
import './StepDetails.css';

/**
 * What opens under a step: what it does, how long it may take, where its Job's logs are, and what
 * to check before a retry. Commands appear once the engine has named the step's Job.
 */
export function StepDetails({
  row,
  namespace,
  id,
}: {
  row: StepRow;
  namespace: string;
  id: string;
}) {
  const guidance = stepGuidance(row.id);
  const commands = workloadCommands(row.id, row.jobName, namespace);
  const deadline = formatDuration(stepDeadlineMs(row.id));
  return (
    <div className="step-details" id={id}>
      {row.description !== undefined ? <p>{row.description}</p> : null}
      <p className="step-details__fact">
        {guidance === undefined
          ? `A step this console does not know yet; the engine's default deadline is ${deadline ?? ''}.`
          : `${guidance.mode === 'daemonset' ? 'Waits for a DaemonSet on every node' : 'Runs as a Kubernetes Job'}; default deadline ${deadline ?? ''}.`}
      </p>
      {commands !== undefined ? (
        <>
          <p className="step-details__fact">
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
        <p className="step-details__fact">
          The catalyst-api named its workload{' '}
          <code>
            <bdi>{truncate(revealInvisible(row.jobName), 80)}</bdi>
          </code>
          , which is not a Kubernetes name: no command is offered for it.
        </p>
      ) : row.status !== 'pending' ? (
        <p className="step-details__fact">The catalyst-api has not said which Job ran this step.</p>
      ) : null}
      {guidance !== undefined && row.status !== 'done' ? (
        <p className="step-details__fact">
          <span className="step-details__fact-title">If it fails, check first: </span>
          {guidance.checkFirst}
        </p>
      ) : null}
    </div>
  );
}
