import { ApiError, DEFAULT_TIMEOUT_MS } from '@/lib/api-client';
import { CutoverParseError } from '../cutover';
import type { StatusProblemKind } from './poll-policy';

/**
 * Why the latest status fetch gave no usable status, sorted into the card's display states
 * (docs/console-rules.md "Display states"). Classified once, in the fetcher, so components only
 * switch on `kind`. The kinds are named in poll-policy.ts, which is pure and decides by them.
 */
export type { StatusProblemKind };

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
  /** The server's `Retry-After`, in ms (uncapped; 0 for a past date), when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: StatusProblemKind,
    reason: string,
    options: {
      preview?: string;
      retryAfterMs?: number | undefined;
      cause?: unknown;
    },
  ) {
    super(reason, { cause: options.cause });
    this.kind = kind;
    this.reason = reason;
    this.preview = options.preview;
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

function classifyApiError(error: ApiError): StatusProblem {
  const problem = (kind: StatusProblemKind, reason: string) =>
    new StatusProblem(kind, reason, { retryAfterMs: error.retryAfterMs, cause: error });
  switch (error.kind) {
    case 'network':
      return problem('unavailable', 'Could not reach the catalyst-api.');
    case 'timeout':
      return problem(
        'unavailable',
        `The catalyst-api did not answer within ${DEFAULT_TIMEOUT_MS / 1000} s.`,
      );
    case 'interrupted':
      return problem(
        'unavailable',
        'The connection to the catalyst-api dropped while reading its answer.',
      );
    case 'not-json':
      return problem(
        'unavailable',
        error.html
          ? 'The catalyst-api address answered with a web page instead of the cutover status.'
          : 'The catalyst-api answered with something that is not JSON.',
      );
    case 'http':
      switch (error.status) {
        case 401:
          return problem('signed-out', 'Your session has expired.');
        case 403:
          return problem('forbidden', 'Your account may not read the cutover status.');
        case 404:
          return problem('not-installed', 'This catalyst-api does not serve the cutover API yet.');
        case 429:
          return problem(
            'unavailable',
            `The catalyst-api asked the console to slow down (HTTP 429)${error.detail === undefined ? '.' : `: ${error.detail}`}`,
          );
        default:
          return problem('unavailable', httpReason(error));
      }
  }
}

export function classifyStatusError(error: unknown): StatusProblem {
  const base = { cause: error };
  if (error instanceof StatusProblem) return error;
  if (error instanceof CutoverParseError) {
    if (error.subject === 'CutoverState') {
      return new StatusProblem('invalid', 'The catalyst-api sent an unrecognised state', {
        ...base,
        preview: error.preview,
      });
    }
    return new StatusProblem(
      'unavailable',
      `The catalyst-api sent a status that is not an object (${error.preview}).`,
      base,
    );
  }
  if (error instanceof ApiError) return classifyApiError(error);
  return new StatusProblem('unavailable', 'The cutover status could not be read.', base);
}
