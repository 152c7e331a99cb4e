import { useRef, useState } from 'react';
import { Button } from '@/components/Button';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { truncate } from '@/lib/text';
import { useStartCutover } from '../api/start-cutover';
import type { CutoverStatus } from '../cutover';
import { cutoverFailure, stepRows } from '../progress';

/** What a retry will do, in words that fit the failure. */
function retryPlan(remaining: number, stepless: boolean): string {
  if (remaining === 0) {
    return 'Every step has run already; the retry runs the end-of-run checks again and finishes the cutover.';
  }
  const steps = `${remaining} remaining ${remaining === 1 ? 'step' : 'steps'}`;
  const from = stepless ? 'from the first step not yet done' : 'starting with the one that failed';
  return `The cutover runs the ${steps} again, ${from}; steps already done are skipped. It takes about 10 minutes.`;
}

const DENIED_HOSTS = 'github.com, ghcr.io and harbor.openova.io';

/**
 * The console's only cutover action: after a failed run, re-run it (the operator retry path,
 * which re-runs the failed step; done steps are skipped). Never offered in any other state.
 */
export function RetryCutover({ status }: { status: CutoverStatus }) {
  const [open, setOpen] = useState(false);
  const start = useStartCutover();
  const remaining = stepRows(status).filter((row) => row.status !== 'done');
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
          <p>{retryPlan(remaining.length, failure.stepless)}</p>
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
        </ConfirmDialog>
      ) : null}
    </>
  );
}
