import { CopyableCommand } from '@/components/CopyableCommand';
import type { CutoverStatus } from '../cutover';
import { statusConfigMapCommand, workloadCommands } from '../guidance';
import { knownStepLabel } from '../progress';

/**
 * Where an operator looks first after a failure: the failed step's Job (logs, events), or for a
 * failure outside the steps the engine's status ConfigMap (and the registry-pivot DaemonSet when
 * the invariant failed). The content of the failed view's "Where to look" section.
 */
export function WhereToLook({
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
  return (
    <>
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
    </>
  );
}
