import { Alert } from '@/components/Alert';
import { Button } from '@/components/Button';
import { RelativeTime } from '@/components/RelativeTime';
import { useConsoleConfig } from '@/lib/console-context';
import { truncate } from '@/lib/text';
import type { StatusProblem } from '../api/status-problem';
import './ProblemNotice.css';

/** The API's `detail` is operator text of any length; the notice keeps to a few lines. */
const REASON_MAX = 400;

interface ProblemNoticeProps {
  problem: StatusProblem;
  /** When the poller tries again by itself (epoch ms), if it does. */
  nextTryAt?: number | undefined;
  /** Last good data is still on screen, marked stale, below this notice. */
  hasStaleData: boolean;
  asOf?: number | undefined;
  onRetryNow: () => void;
  /** A request is in flight: said in a small hint; the notice itself stays until an answer. */
  checking: boolean;
}

function NextTry({ at, checking }: { at: number | undefined; checking: boolean }) {
  if (checking) return <p className="problem-notice__checking">Checking now…</p>;
  if (at === undefined) return null;
  return (
    <p>
      Next automatic try <RelativeTime time={at} tickMs={1_000} future />.
    </p>
  );
}

function StaleNote({ asOf }: { asOf: number | undefined }) {
  if (asOf === undefined) return null;
  return (
    <p>
      Showing the last known status, as of <RelativeTime time={asOf} past />.
    </p>
  );
}

/** The fetch problem over (or instead of) the last good status: what failed, what happens next. */
export function ProblemNotice({
  problem,
  nextTryAt,
  hasStaleData,
  asOf,
  onRetryNow,
  checking,
}: ProblemNoticeProps) {
  const { signInUrl } = useConsoleConfig();
  const stale = hasStaleData ? <StaleNote asOf={asOf} /> : null;
  switch (problem.kind) {
    case 'not-installed':
      return (
        <Alert
          tone="info"
          title="This catalyst-api does not serve the cutover API yet"
          details={<NextTry at={nextTryAt} checking={checking} />}
        >
          <p>
            The bp-self-sovereign-cutover chart brings the cutover routes. The console checks again
            about once a minute.
          </p>
        </Alert>
      );
    case 'signed-out':
      return (
        <Alert
          tone="warning"
          title="Your session has expired"
          details={stale}
          actions={
            <a className="link-button" href={signInUrl ?? window.location.href}>
              Sign in again
            </a>
          }
        />
      );
    case 'forbidden':
      return (
        <Alert tone="warning" title="Your account may not read the cutover status" details={stale}>
          <p>Ask an administrator of this Sovereign for access.</p>
        </Alert>
      );
    case 'invalid':
      return (
        <Alert
          tone="danger"
          title="The catalyst-api sent an unrecognised state"
          details={
            <>
              {stale}
              <NextTry at={nextTryAt} checking={checking} />
            </>
          }
        >
          <p>
            It said{' '}
            <code className="problem-notice__quoted">
              <bdi>{problem.preview}</bdi>
            </code>
            , which is neither tethered nor sovereign. The console shows Sovereign only when a valid
            answer says so.
          </p>
        </Alert>
      );
    case 'unavailable':
      return (
        <Alert
          tone="danger"
          title="The cutover status is unavailable"
          details={
            <>
              {stale}
              <NextTry at={nextTryAt} checking={checking} />
            </>
          }
          actions={<Button onClick={onRetryNow}>Retry now</Button>}
        >
          <p>
            <bdi title={problem.reason.length > REASON_MAX ? problem.reason : undefined}>
              {truncate(problem.reason, REASON_MAX)}
            </bdi>
          </p>
        </Alert>
      );
  }
}
