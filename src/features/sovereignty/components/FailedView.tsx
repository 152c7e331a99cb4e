import { useId } from 'react';
import { CopyButton } from '@/components/CopyButton';
import { ExpandableText } from '@/components/ExpandableText';
import { SectionTitle } from '@/components/SectionTitle';
import { truncate } from '@/lib/text';
import { revealInvisible } from '../cutover';
import { DEFAULT_CUTOVER_NAMESPACE, checkBeforeRetry } from '../guidance';
import { cutoverFailure, cutoverProgress, stepRows } from '../progress';
import { FailureHeadline } from './FailureHeadline';
import { RunClockLine } from './RunClockLine';
import { StepList } from './StepList';
import type { ViewProps } from './view-props';
import { WhereToLook } from './WhereToLook';
import './FailedView.css';

/**
 * After a failed run: where it stopped, where to look, the error, what to check before a retry
 * (`actions`: the retry itself), then the steps without their messages (the error is above).
 */
export function FailedView({
  status,
  actions,
  frozenAt,
  namespace = DEFAULT_CUTOVER_NAMESPACE,
}: ViewProps & { actions?: React.ReactNode }) {
  const failure = cutoverFailure(status);
  const { done, total } = cutoverProgress(status);
  const whereId = useId();
  const errorId = useId();
  const checkId = useId();
  return (
    <>
      <div className="failed-view">
        <FailureHeadline
          stepId={failure.stepId}
          label={failure.stepLabel}
          stepless={failure.stepless}
        />
        {failure.stepless && failure.stepId !== undefined ? (
          <p className="failed-view__note">
            No step row carries this failure (
            <code>
              <bdi>{truncate(revealInvisible(failure.stepId), 64)}</bdi>
            </code>
            ): the run halted outside its steps.
          </p>
        ) : null}
        <RunClockLine status={status} ended frozenAt={frozenAt} plain />
        <p>
          {done} of {total} steps were done before it stopped.
        </p>
        <section className="failed-view__section" aria-labelledby={whereId}>
          <SectionTitle id={whereId}>Where to look</SectionTitle>
          <WhereToLook
            status={status}
            stepId={failure.stepId}
            stepless={failure.stepless}
            namespace={namespace}
          />
        </section>
        <section className="failed-view__section" aria-labelledby={errorId}>
          <div className="failed-view__section-head">
            <SectionTitle id={errorId}>The error</SectionTitle>
            {failure.message !== undefined ? (
              <CopyButton text={failure.message} label="Copy the full error" />
            ) : null}
          </div>
          {failure.message !== undefined ? (
            <ExpandableText text={failure.message} limit={160} moreLabel="Show full error" />
          ) : (
            <p className="failed-view__note">The catalyst-api gave no error text.</p>
          )}
        </section>
        <section className="failed-view__section" aria-labelledby={checkId}>
          <SectionTitle id={checkId}>Before you retry, check</SectionTitle>
          <p>{checkBeforeRetry(failure.stepId, failure.stepless)}</p>
        </section>
        {actions}
      </div>
      <StepList
        rows={stepRows(status)}
        label="Cutover steps"
        showMessages={false}
        frozenAt={frozenAt}
        namespace={namespace}
      />
    </>
  );
}
