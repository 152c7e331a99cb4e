import type { ReactNode } from 'react';
import './Badge.css';

export type BadgeTone = 'success' | 'warning' | 'neutral' | 'danger';

interface BadgeProps {
  tone: BadgeTone;
  /** The words: a badge is never colour alone. */
  children: ReactNode;
  icon?: ReactNode;
  /** Marks a badge that shows the last known value rather than a fresh one. */
  stale?: boolean;
}

export function Badge({ tone, children, icon, stale = false }: BadgeProps) {
  return (
    <span className={`badge badge--${tone}${stale ? ' badge--stale' : ''}`}>
      {icon ? (
        <span className="badge__icon" aria-hidden="true">
          {icon}
        </span>
      ) : null}
      <span className="badge__label">{children}</span>
      {stale ? <span className="badge__stale">stale</span> : null}
    </span>
  );
}
