import './Skeleton.css';

/** Placeholder while the first answer is on its way; named, so a screen reader hears why. */
export function Skeleton({ label, lines = 3 }: { label: string; lines?: number }) {
  return (
    <div className="skeleton" role="status" aria-label={label}>
      {Array.from({ length: lines }, (_, index) => (
        <span key={index} className="skeleton__line" style={{ width: `${90 - index * 18}%` }} />
      ))}
    </div>
  );
}

export function SkeletonBadge() {
  return <span className="skeleton__badge" aria-hidden="true" />;
}
