import type { ReactNode } from 'react';
import { alertClassNames, type AlertTone } from './alert-classes';

export type { AlertTone } from './alert-classes';

interface AlertProps {
  tone: AlertTone;
  title: ReactNode;
  /** What happened: announced with the title. Server text goes in as text, never as HTML. */
  children?: ReactNode;
  /**
   * `alert` for a problem that appears while the operator is looking (announced at once);
   * `status` for news worth a polite announcement; `none` when the view announces it already.
   */
  live?: 'alert' | 'status' | 'none';
  /**
   * Outside the announced part: ticking times ("next try in 4 s") and buttons, so a countdown
   * does not make a screen reader repeat the alert every second.
   */
  details?: ReactNode;
  actions?: ReactNode;
}

/** A problem and what happens next. */
export function Alert({ tone, title, children, live = 'alert', details, actions }: AlertProps) {
  return (
    <div className={alertClassNames(tone).root}>
      <div className="alert__message" role={live === 'none' ? undefined : live}>
        <p className="alert__title">{title}</p>
        {children ? <div className="alert__body">{children}</div> : null}
      </div>
      {details ? <div className="alert__body">{details}</div> : null}
      {actions ? <div className="alert__actions">{actions}</div> : null}
    </div>
  );
}
