import './ProgressMeter.css';

/** The run's progress as a bar, with the same count in words for assistive technology. */
export function ProgressMeter({ done, total }: { done: number; total: number }) {
  const value = Math.min(done, total);
  return (
    <div
      className="progress-meter"
      role="progressbar"
      aria-label="Cutover progress"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={value}
      aria-valuetext={`${value} of ${total} steps done`}
    >
      <span
        className="progress-meter__fill"
        style={{ width: `${total ? (100 * value) / total : 0}%` }}
      />
    </div>
  );
}
