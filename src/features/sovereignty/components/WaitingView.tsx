import { useId } from 'react';
import { CopyableCommand } from '@/components/CopyableCommand';
import { SectionTitle } from '@/components/SectionTitle';
import { DEFAULT_CUTOVER_NAMESPACE, autoTriggerCommand } from '../guidance';
import { stepRows } from '../progress';
import { StepList } from './StepList';
import type { ViewProps } from './view-props';
import './WaitingView.css';

/** Before the run: why it has not started, the command that starts it, and the steps to come. */
export function WaitingView({
  status,
  frozenAt,
  namespace = DEFAULT_CUTOVER_NAMESPACE,
}: ViewProps) {
  const titleId = useId();
  return (
    <>
      <p className="waiting-view__lead">
        The cutover has not started yet. It starts by itself when the bp-self-sovereign-cutover
        chart is installed with its auto-trigger on.
      </p>
      <section className="waiting-view__why" aria-labelledby={titleId}>
        <SectionTitle id={titleId}>Why it has not started</SectionTitle>
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
        <p className="waiting-view__note">
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
