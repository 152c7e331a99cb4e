import { truncate } from '@/lib/text';
import { isChunkLoadError } from './chunk-load';

const DETAILS_MAX_CHARS = 2_000;

export interface FailureText {
  readonly title: string;
  readonly explanation: string;
  readonly reassurance: string;
  /** The error itself, as text, for the collapsed details. */
  readonly details: string;
}

/**
 * The words of the failure views, shared by FailureView (React) and the entry's plain-DOM view
 * for a console that could not start or stopped outside every boundary (src/main.tsx).
 * docs/architecture.md ("Never a blank page").
 */
export function describeFailure(error: unknown, during: 'page' | 'start'): FailureText {
  const updated = isChunkLoadError(error);
  return {
    title: updated
      ? 'The console was updated or could not load'
      : during === 'start'
        ? 'The console could not start'
        : 'This page could not be shown',
    explanation: updated
      ? 'Part of the console could not be downloaded. Most likely a newer version was installed since this page was opened; a network problem has the same effect. Reload the page to get the current version.'
      : 'Something went wrong in the console itself. Reloading the page usually helps; if this keeps happening, the details below help whoever looks after the console.',
    reassurance: 'The Sovereign is not affected: only this browser page failed.',
    details: truncate(
      error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      DETAILS_MAX_CHARS,
    ),
  };
}
