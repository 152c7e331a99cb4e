import { cutoverProgress, stepRows } from '../progress';
import { progressWords } from '../run-clock';
import { ProgressMeter } from './ProgressMeter';
import { RunClockLine } from './RunClockLine';
import { SettledOverridesNotice } from './SettledOverridesNotice';
import { StepList } from './StepList';
import type { ViewProps } from './view-props';
import './CuttingOverView.css';

/** During the run: how far it is, the step running now, the run's clock and every step. */
export function CuttingOverView({ status, frozenAt, namespace }: ViewProps) {
  const { done, total } = cutoverProgress(status);
  const rows = stepRows(status);
  const running = rows.find((row) => row.status === 'running');
  const words = progressWords(done, total, rows);
  const failedEarlier = rows.some((row) => row.status === 'failed');
  return (
    <>
      <div className="cutting-over-view__head">
        <p className="cutting-over-view__summary">
          <span className="cutting-over-view__count">{words.count}</span>
          <span className="cutting-over-view__now">
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
        <p className="cutting-over-view__note">
          A step that failed in an earlier attempt is being retried.
        </p>
      ) : null}
      <SettledOverridesNotice status={status} frozenAt={frozenAt} />
      <StepList rows={rows} label="Cutover steps" frozenAt={frozenAt} namespace={namespace} />
      <p className="cutting-over-view__note">
        The cutover runs in the cluster; this tab does not need to stay open.
      </p>
    </>
  );
}
