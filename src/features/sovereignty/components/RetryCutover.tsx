import { useState } from 'react';
import { Button } from '@/components/Button';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { truncate } from '@/lib/text';
import { useStartCutover } from '../api/start-cutover';
import type { CutoverStatus } from '../cutover';
import { stepRows } from '../progress';

const DENIED_HOSTS = 'github.com, ghcr.io and harbor.openova.io';

/**
 * The console's only cutover action: after a failed run, re-run it (the operator retry path,
 * which re-runs the failed step; done steps are skipped). Never offered in any other state.
 */
export function RetryCutover({ status }: { status: CutoverStatus }) {
  const [open, setOpen] = useState(false);
  const start = useStartCutover();
  const remaining = stepRows(status).filter((row) => row.status !== 'done');

  const confirm = () => {
    if (start.isPending) return; // a double click sends one request
    start.mutate(undefined, {
      onSuccess: () => {
        setOpen(false);
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
          <p>
            The cutover runs the {remaining.length} remaining{' '}
            {remaining.length === 1 ? 'step' : 'steps'} again, starting with the one that failed;
            steps already done are skipped. It takes about 10 minutes.
          </p>
          <ol className="retry__steps">
            {remaining.map((row) => (
              <li key={row.id}>{row.label}</li>
            ))}
          </ol>
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
