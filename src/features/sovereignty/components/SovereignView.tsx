import { stepRows } from '../progress';
import { RunSummary } from './RunSummary';
import { SettledOverridesNotice } from './SettledOverridesNotice';
import { StepList } from './StepList';
import { useReferenceNow } from './use-reference-now';
import type { ViewProps } from './view-props';
import './SovereignView.css';

/** After the successful run: what it means, the run's summary, and the steps, collapsed. */
export function SovereignView({ status, frozenAt, namespace }: ViewProps) {
  const now = useReferenceNow(frozenAt);
  const rows = stepRows(status);
  return (
    <>
      <p className="sovereign-view__lead">
        This Sovereign pulls images from its own Harbor and GitOps sources from its own Gitea. It no
        longer depends on the mothership.
      </p>
      <SettledOverridesNotice status={status} frozenAt={frozenAt} />
      <RunSummary status={status} now={now} />
      <details className="sovereign-view__steps">
        <summary>Show the {rows.length} cutover steps</summary>
        <StepList rows={rows} label="Cutover steps" frozenAt={frozenAt} namespace={namespace} />
      </details>
    </>
  );
}
