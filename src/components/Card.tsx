import { useId, type ReactNode, type Ref } from 'react';
import './Card.css';

interface CardProps {
  title: ReactNode;
  /** Beside the title: a badge or a small status. */
  aside?: ReactNode;
  subtitle?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  busy?: boolean;
  /** The heading takes focus programmatically (tabIndex -1) when the control that had it goes. */
  headingRef?: Ref<HTMLHeadingElement>;
}

/** A titled region; its heading names it for assistive technology. */
export function Card({
  title,
  aside,
  subtitle,
  children,
  footer,
  busy = false,
  headingRef,
}: CardProps) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} aria-busy={busy || undefined}>
      <header className="card__header">
        <div className="card__titles">
          <h2 className="card__title" id={headingId} ref={headingRef} tabIndex={-1}>
            {title}
          </h2>
          {subtitle ? <p className="card__subtitle">{subtitle}</p> : null}
        </div>
        {aside ? <div className="card__aside">{aside}</div> : null}
      </header>
      <div className="card__body">{children}</div>
      {footer ? <footer className="card__footer">{footer}</footer> : null}
    </section>
  );
}
