import { truncate } from '@/lib/text';
import { revealInvisible } from '../cutover';
import type { StepRow } from '../progress';
import './StepToggle.css';

const Chevron = () => (
  <svg
    className="step-toggle__chevron"
    width={12}
    height={12}
    viewBox="0 0 12 12"
    fill="none"
    stroke="currentColor"
    strokeWidth={1.6}
    aria-hidden
    focusable={false}
  >
    <path d="M4 2.5 7.5 6 4 9.5" />
  </svg>
);

/**
 * The row's name, as the button that opens its details. A known step has the console's own label;
 * an unknown one (a newer chart) is named from server text, so it is bidi-isolated, and its exact
 * id is shown with invisible characters spelled out: two ids never read the same.
 */
export function StepToggle({
  row,
  open,
  detailsId,
  onToggle,
}: {
  row: StepRow;
  open: boolean;
  detailsId: string;
  onToggle: () => void;
}) {
  const labelClass =
    row.status === 'pending'
      ? 'step-toggle__label step-toggle__label--pending'
      : 'step-toggle__label';
  return (
    <>
      <button
        type="button"
        className="step-toggle"
        aria-expanded={open}
        aria-controls={open ? detailsId : undefined}
        onClick={onToggle}
      >
        <Chevron />
        {row.known ? (
          <span className={labelClass}>{truncate(row.label, 80)}</span>
        ) : (
          <bdi className={labelClass}>{truncate(row.label, 80)}</bdi>
        )}
      </button>
      {row.known ? null : (
        <span className="step-toggle__id">
          Step id{' '}
          <code>
            <bdi>{truncate(revealInvisible(row.id), 80)}</bdi>
          </code>
        </span>
      )}
    </>
  );
}
