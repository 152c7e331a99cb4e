import type { ReactNode } from 'react';
import './Alert.css';

export type AlertTone = 'danger' | 'warning' | 'info';

interface AlertProps {
  tone: AlertTone;
  title: ReactNode;
  children?: ReactNode;
  /**
   * `alert` for a problem that appears while the operator is looking (announced at once);
   * `status` for news worth a polite announcement; `none` when the view announces it already.
   */
  live?: 'alert' | 'status' | 'none';
  actions?: ReactNode;
}

/** A problem and what happens next. Server text goes in as text children, never as HTML. */
export function Alert({ tone, title, children, live = 'alert', actions }: AlertProps) {
  return (
    <div className={`alert alert--${tone}`} role={live === 'none' ? undefined : live}>
      <p className="alert__title">{title}</p>
      {children ? <div className="alert__body">{children}</div> : null}
      {actions ? <div className="alert__actions">{actions}</div> : null}
    </div>
  );
}
