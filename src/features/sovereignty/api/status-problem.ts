import { ApiError, DEFAULT_TIMEOUT_MS } from '@/lib/api-client';
import { CutoverParseError } from '../cutover';

/**
 * Why the latest status fetch gave no usable status, sorted into the card's display states
 * (DESIGN.md table). Classified once, in the fetcher, so components only switch on `kind`.
 */
export type StatusProblemKind =
  'unavailable' | 'not-installed' | 'signed-out' | 'forbidden' | 'invalid';

export class StatusProblem extends Error {
  override readonly name = 'StatusProblem';
  readonly kind: StatusProblemKind;
  /**
   * Plain words for the operator: what failed. Never the parser's internal message. May quote the
   * catalyst-api's `detail`, so it is rendered as text, never as markup.
   */
  readonly reason: string;
  /** For `invalid`: the value the API sent, quoted, at most 32 characters. */
  readonly preview: string | undefined;
  /** How many fetches in a row have failed, this one included; drives the back-off. */
  readonly consecutiveFailures: number;
  /**
   * A glitch worth one quick retry (network, timeout, a dropped answer, 5xx), as opposed to an
   * answer. Never when the server said how long to wait: that wait is honoured (DESIGN.md rule 10).
   */
  readonly transient: boolean;
  /** The server's `Retry-After`, in ms (uncapped; 0 for a past date), when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: StatusProblemKind,
    reason: string,
    options: {
      preview?: string;
      consecutiveFailures: number;
      transient: boolean;
      retryAfterMs?: number | undefined;
      cause?: unknown;
    },
  ) {
    super(reason, { cause: options.cause });
    this.kind = kind;
    this.reason = reason;
    this.preview = options.preview;
    this.consecutiveFailures = options.consecutiveFailures;
    this.transient = options.transient;
    this.retryAfterMs = options.retryAfterMs;
  }
}

function httpReason(error: ApiError): string {
  const status = error.status ?? 0;
  if (error.html)
    return `The catalyst-api answered HTTP ${status} with a web page (a proxy or ingress error).`;
  const detail = error.detail === undefined ? '' : `: ${error.detail}`;
  const code = error.code === undefined ? '' : ` ${error.code}`;
  return `The catalyst-api answered HTTP ${status}${code}${detail}`;
}

function classifyApiError(error: ApiError, consecutiveFailures: number): StatusProblem {
  const problem = (kind: StatusProblemKind, reason: string, transient: boolean) =>
    new StatusProblem(kind, reason, {
      consecutiveFailures,
      transient: transient && error.retryAfterMs === undefined,
      retryAfterMs: error.retryAfterMs,
      cause: error,
    });
  switch (error.kind) {
    case 'network':
      return problem('unavailable', 'Could not reach the catalyst-api.', true);
    case 'timeout':
      return problem(
        'unavailable',
        `The catalyst-api did not answer within ${DEFAULT_TIMEOUT_MS / 1000} s.`,
        true,
      );
    case 'interrupted':
      return problem(
        'unavailable',
        'The connection to the catalyst-api dropped while reading its answer.',
        true,
      );
    case 'not-json':
      return problem(
        'unavailable',
        error.html
          ? 'The catalyst-api address answered with a web page instead of the cutover status.'
          : 'The catalyst-api answered with something that is not JSON.',
        false,
      );
    case 'http':
      switch (error.status) {
        case 401:
          return problem('signed-out', 'Your session has expired.', false);
        case 403:
          return problem('forbidden', 'Your account may not read the cutover status.', false);
        case 404:
          return problem(
            'not-installed',
            'This catalyst-api does not serve the cutover API yet.',
            false,
          );
        case 429:
          return problem(
            'unavailable',
            `The catalyst-api asked the console to slow down (HTTP 429)${error.detail === undefined ? '.' : `: ${error.detail}`}`,
            false,
          );
        default:
          return problem('unavailable', httpReason(error), (error.status ?? 0) >= 500);
      }
  }
}

export function classifyStatusError(error: unknown, consecutiveFailures: number): StatusProblem {
  const base = { consecutiveFailures, cause: error };
  if (error instanceof StatusProblem) return error;
  if (error instanceof CutoverParseError) {
    if (error.subject === 'CutoverState') {
      return new StatusProblem('invalid', 'The catalyst-api sent an unrecognised state', {
        ...base,
        preview: error.preview,
        transient: false,
      });
    }
    return new StatusProblem(
      'unavailable',
      `The catalyst-api sent a status that is not an object (${error.preview}).`,
      { ...base, transient: false },
    );
  }
  if (error instanceof ApiError) return classifyApiError(error, consecutiveFailures);
  return new StatusProblem('unavailable', 'The cutover status could not be read.', {
    ...base,
    transient: false,
  });
}
