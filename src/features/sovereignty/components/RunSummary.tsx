import { RelativeTime } from '@/components/RelativeTime';
import { Timestamp } from '@/components/Timestamp';
import { VisuallyHidden } from '@/components/VisuallyHidden';
import { formatDuration } from '@/lib/time';
import { parseInstant } from '@/lib/instant';
import { revealInvisible, type CutoverStatus } from '../cutover';
import { successfulRunMs } from '../attempts';
import './RunSummary.css';

function SummaryValue({ value }: { value: string | undefined }) {
  return value === undefined ? (
    // aria-label on a plain span is not reliably announced (axe aria-prohibited-attr): the dash
    // is hidden from assistive technology and the words are given as visually hidden text.
    <span>
      <span aria-hidden="true">—</span>
      <VisuallyHidden>not reported</VisuallyHidden>
    </span>
  ) : (
    <span className="run-summary__value">
      <bdi>{value}</bdi>
    </span>
  );
}

/**
 * The successful run in five facts: when it finished, how long it took, the egress-block
 * self-test, the mirrored commit and the Harbor projects; "—" for what was not reported.
 */
export function RunSummary({ status, now }: { status: CutoverStatus; now: number }) {
  const finished = parseInstant(status.finishedAt);
  // The successful attempt's own run time; the total since the first attempt is shown with the
  // attempts (docs/after-the-run.md).
  const took = formatDuration(successfulRunMs(status));
  const egress =
    status.egressTestPassed === undefined
      ? undefined
      : status.egressTestPassed
        ? 'Passed'
        : 'Failed';
  return (
    <dl className="run-summary">
      <div>
        <dt>Finished</dt>
        <dd>
          {finished !== undefined ? (
            <>
              <Timestamp at={finished} now={now} withZone />
              <span className="run-summary__sub">
                <RelativeTime time={finished} tickMs={60_000} past />
              </span>
            </>
          ) : (
            <SummaryValue value={undefined} />
          )}
        </dd>
      </div>
      <div>
        <dt>Took</dt>
        <dd>
          <SummaryValue value={took} />
        </dd>
      </div>
      <div>
        <dt>Egress-block self-test</dt>
        <dd>
          <SummaryValue value={egress} />
        </dd>
      </div>
      <div>
        <dt>Mirrored commit</dt>
        <dd>
          {status.mirroredCommitSHA === undefined ? (
            <SummaryValue value={undefined} />
          ) : (
            <code title={revealInvisible(status.mirroredCommitSHA)}>
              <bdi>{revealInvisible(status.mirroredCommitSHA.slice(0, 12))}</bdi>
            </code>
          )}
        </dd>
      </div>
      <div>
        <dt>Harbor projects</dt>
        <dd>
          <SummaryValue value={status.harborProjectCount?.toString()} />
        </dd>
      </div>
    </dl>
  );
}
