import { useRef, useState } from 'react';
import { Button } from '@/components/Button';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { truncate } from '@/lib/text';
import { formatDuration } from '@/lib/time';
import { useStartCutover } from '../api/start-cutover';
import type { CutoverStatus } from '../cutover';
import { checkBeforeRetry } from '../guidance';
import { cutoverFailure, stepRows } from '../progress';
import { retryPlan } from '../run-clock';
import './RetryCutover.css';

const DENIED_HOSTS = 'github.com, ghcr.io and harbor.openova.io';

/**
 * The console's only cutover action: after a failed run, re-run it (the operator retry path,
 * which re-runs the failed step; done steps are skipped). Never offered in any other state.
 */
export function RetryCutover({ status }: { status: CutoverStatus }) {
  const [open, setOpen] = useState(false);
  const start = useStartCutover();
  const rows = stepRows(status);
  const remaining = rows.filter((row) => row.status !== 'done');
  const failure = cutoverFailure(status);

  // A ref, not `start.isPending`: two clicks in one task both see the render before pending.
  const inFlight = useRef(false);
  const confirm = () => {
    if (inFlight.current) return; // a double click sends one request
    inFlight.current = true;
    start.mutate(undefined, {
      onSuccess: () => {
        setOpen(false);
      },
      onSettled: () => {
        inFlight.current = false;
      },
    });
  };

  return (
    <>
      <div className="retry">
        <Button
          variant="primary"
          onClick={() => {
            start.reset();
            setOpen(true);
          }}
          disabled={start.isPending}
        >
          Retry cutover
        </Button>
      </div>
      {open ? (
        <ConfirmDialog
          title="Retry the cutover?"
          confirmLabel="Retry cutover"
          busyLabel="Starting…"
          busy={start.isPending}
          error={start.error ? truncate(start.error.message, 400) : undefined}
          onConfirm={confirm}
          onCancel={() => {
            setOpen(false);
          }}
        >
          <p>{retryPlan(rows, failure.stepless, formatDuration)}</p>
          {remaining.length > 0 ? (
            <ol className="retry__steps">
              {remaining.map((row) => (
                <li key={row.id}>{row.label}</li>
              ))}
            </ol>
          ) : null}
          {remaining.some((row) => row.id === 'egress-block-test') ? (
            <p className="retry__warning">
              It includes the 10-minute egress-block self-test, which denies egress to{' '}
              {DENIED_HOSTS}. The cutover halts if a Flux reconcile fails meanwhile.
            </p>
          ) : null}
          <p className="retry__check">
            <strong>Check first: </strong>
            {checkBeforeRetry(failure.stepId, failure.stepless)}
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
