import { useId } from 'react';
import { Button } from '@/components/Button';
import { describeFailure } from './failure-text';
import './FailureView.css';

interface FailureViewProps {
  error: unknown;
  /** What failed: showing a page (the default), or starting the console. */
  during?: 'page' | 'start';
  /** Outside the shell (the outermost boundary): the view is the page's main landmark. */
  standalone?: boolean;
  /** What "Reload" does; the console reloads the page (tests pass a spy). */
  onReload?: () => void;
}

function reloadPage(): void {
  window.location.reload();
}

/**
 * What the operator sees instead of a blank page when the console itself fails: what happened in
 * plain words, a Reload button (never an automatic reload) and the error as text, collapsed.
 * src/main.tsx builds the same view without React. docs/architecture.md ("Never a blank page").
 */
export function FailureView({
  error,
  during = 'page',
  standalone = false,
  onReload = reloadPage,
}: FailureViewProps) {
  const titleId = useId();
  const text = describeFailure(error, during);
  const view = (
    <section className="failure-view" aria-labelledby={titleId}>
      <div className="failure-view__message" role="alert">
        <h1 id={titleId} className="failure-view__title">
          {text.title}
        </h1>
        <p>{text.explanation}</p>
        <p className="failure-view__calm">{text.reassurance}</p>
      </div>
      <div className="failure-view__actions">
        <Button variant="primary" onClick={onReload}>
          Reload
        </Button>
      </div>
      <details className="failure-view__details">
        <summary>Technical details</summary>
        {/* Focusable: a long error scrolls inside its box, and keyboards must reach it too. */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
        <pre tabIndex={0}>{text.details}</pre>
      </details>
    </section>
  );
  return standalone ? <main className="failure-page">{view}</main> : view;
}
