import { ExpandableText } from '@/components/ExpandableText';
import { formatClock, formatDuration } from '@/lib/time';
import {
  attemptNumber,
  runDurations,
  type Attempt,
  type AttemptHistory as History,
} from '../attempts';
import type { CutoverStatus } from '../cutover';
import { humaniseId, knownStepLabel } from '../progress';
import './AttemptHistory.css';

/** A step's label: the console's own, or the humanised id from server text, isolated. */
export function StepName({ id }: { id: string }) {
  const own = knownStepLabel(id);
  return own !== undefined ? <>{own}</> : <bdi>{humaniseId(id)}</bdi>;
}

const OUTCOME_WORDS: Readonly<Record<Attempt['outcome'], string>> = {
  running: 'Running',
  failed: 'Failed',
  succeeded: 'Succeeded',
  interrupted: 'Stopped',
  unknown: 'Outcome not seen',
};

function AttemptItem({
  attempt,
  number,
  current,
}: {
  attempt: Attempt;
  number: number;
  current: boolean;
}) {
  const step = attempt.failedStep ?? attempt.lastStep;
  const end = attempt.endedAt;
  return (
    <li className={`attempts__item attempts__item--${attempt.outcome}`}>
      <p className="attempts__item-head">
        <strong>
          Attempt {number}
          {current ? ' (this run)' : ''}
        </strong>{' '}
        · <span className="attempts__outcome">{OUTCOME_WORDS[attempt.outcome]}</span>
      </p>
      <dl className="attempts__facts">
        <div>
          <dt>Started</dt>
          <dd>
            {attempt.startInferred ? 'about ' : ''}
            {formatClock(attempt.startedAt) ?? '—'}
          </dd>
        </div>
        {end !== undefined ? (
          <div>
            <dt>{attempt.outcome === 'interrupted' ? 'Last seen running' : 'Ended'}</dt>
            <dd>{formatClock(end) ?? '—'}</dd>
          </div>
        ) : null}
        {step !== undefined && attempt.outcome !== 'succeeded' ? (
          <div>
            <dt>
              {attempt.outcome === 'failed'
                ? 'Failed at'
                : attempt.outcome === 'running'
                  ? 'At'
                  : 'Stopped at'}
            </dt>
            <dd>
              <StepName id={step} />
            </dd>
          </div>
        ) : null}
      </dl>
      {attempt.error !== undefined ? (
        <ExpandableText text={attempt.error} limit={160} moreLabel="Show full error" />
      ) : null}
    </li>
  );
}

/**
 * The attempts this browser saw, collapsed under the current run (docs/after-the-run.md). Shown
 * once there is more than one; the newest is the run shown above. Once Sovereign after more than
 * one attempt, the total time since the first attempt is shown beside the run's own time.
 */
export function AttemptHistory({ history, status }: { history: History; status: CutoverStatus }) {
  const attempts = history.attempts;
  if (attempts.length < 2) return null;
  const durations = status.state === 'sovereign' ? runDurations(status, attempts) : undefined;
  const total =
    durations?.totalMs !== undefined && durations.totalMs !== durations.attemptMs
      ? formatDuration(durations.totalMs)
      : undefined;
  const earlier = attempts.length - 1;
  return (
    <section className="attempts" aria-label="Attempts seen in this browser">
      {total !== undefined ? (
        <p className="attempts__total">
          Total since the first attempt: <strong>{total}</strong>
          {durations?.attemptMs !== undefined ? (
            <> (the successful run itself took {formatDuration(durations.attemptMs)})</>
          ) : null}
          .
        </p>
      ) : null}
      <details className="attempts__details">
        <summary>
          Attempts seen in this browser: {attempts.length} ({earlier} earlier{' '}
          {earlier === 1 ? 'run' : 'runs'})
        </summary>
        <p className="attempts__note">
          This is what this browser saw in this session, from the status and the event stream. The
          catalyst-api keeps no history of earlier runs, so another browser may show fewer.
        </p>
        <ol className="attempts__list">
          {attempts.map((attempt, index) => (
            <AttemptItem
              key={attempt.startedAt}
              attempt={attempt}
              number={attemptNumber(history, index)}
              current={index === attempts.length - 1}
            />
          ))}
        </ol>
      </details>
    </section>
  );
}
