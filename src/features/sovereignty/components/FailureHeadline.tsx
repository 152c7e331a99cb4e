import { truncate } from '@/lib/text';
import { knownStepLabel } from '../progress';
import './FailureHeadline.css';

/**
 * "The cutover stopped at <step>." The console's own label is part of the sentence; a label made
 * from server text (an id this console does not know) is isolated within it.
 */
export function FailureHeadline({
  stepId,
  label,
  stepless,
}: {
  stepId: string | undefined;
  label: string | undefined;
  stepless: boolean;
}) {
  if (stepId === undefined || label === undefined) {
    return <p className="failure-headline">The cutover stopped.</p>;
  }
  const own = knownStepLabel(stepId) !== undefined;
  const shown = truncate(label, 80);
  if (own) {
    return (
      <p className="failure-headline">
        {stepless ? `The cutover stopped: ${shown} failed.` : `The cutover stopped at ${shown}.`}
      </p>
    );
  }
  const name = <bdi>{shown}</bdi>;
  return (
    <p className="failure-headline">
      {stepless ? <>The cutover stopped: {name} failed.</> : <>The cutover stopped at {name}.</>}
    </p>
  );
}
