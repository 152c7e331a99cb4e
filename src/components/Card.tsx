import { useId, type ReactNode } from 'react';
import './Card.css';

interface CardProps {
  title: ReactNode;
  /** Beside the title: a badge or a small status. */
  aside?: ReactNode;
  subtitle?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  busy?: boolean;
}

/** A titled region; its heading names it for assistive technology. */
export function Card({ title, aside, subtitle, children, footer, busy = false }: CardProps) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} aria-busy={busy || undefined}>
      <header className="card__header">
        <div className="card__titles">
          <h2 className="card__title" id={headingId}>
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
