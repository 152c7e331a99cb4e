import { alertClassNames } from '@/components/alert-classes';
import { Button } from '@/components/Button';
import { formatClock } from '@/lib/time';
import type { NewRunNotice as Notice } from '../attempts';
import { StepName } from './AttemptHistory';
import './NewRunNotice.css';

const ALERT = alertClassNames('info');

/**
 * "A new cutover run started at 16:27; the previous one stopped at Pre-warm critical images at
 * 16:23." A retry or a restart is announced, never shown as progress moving backwards
 * (docs/after-the-run.md). The polite status region stays mounted, empty until there is news, so
 * screen readers announce the notice when it appears; the Dismiss button sits outside it.
 */
export function NewRunNotice({
  notice,
  onDismiss,
}: {
  notice: Notice | undefined;
  onDismiss: () => void;
}) {
  return (
    <div className={notice ? `new-run new-run--shown ${ALERT.root}` : 'new-run'}>
      <div role="status" className="new-run__message">
        {notice ? (
          <p className={ALERT.title}>
            A new cutover run started at {formatClock(notice.startedAt) ?? 'an unknown time'};{' '}
            <PreviousRun notice={notice} />.
          </p>
        ) : null}
      </div>
      {notice ? (
        <div className="new-run__actions">
          <p className="new-run__note">
            The steps below are the new run&apos;s. Attempt {notice.previous.number} is kept under
            &quot;Attempts seen in this browser&quot;.
          </p>
          <Button variant="secondary" onClick={onDismiss}>
            Dismiss
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function PreviousRun({ notice }: { notice: Notice }) {
  const previous = notice.previous;
  const step = previous.failedStep ?? previous.lastStep;
  const at = formatClock(previous.endedAt ?? previous.lastSeenAt);
  if (previous.outcome === 'succeeded') {
    return <>the previous one finished{at ? ` at ${at}` : ''}</>;
  }
  const verb = previous.outcome === 'failed' ? 'failed' : 'stopped';
  return (
    <>
      the previous one {verb}
      {step ? (
        <>
          {' at '}
          <StepName id={step} />
        </>
      ) : null}
      {at ? ` at ${at}` : ''}
    </>
  );
}
