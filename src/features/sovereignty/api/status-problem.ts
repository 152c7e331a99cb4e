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
  /** Plain words for the operator: what failed. Never the parser's internal message. */
  readonly reason: string;
  /** For `invalid`: the value the API sent, quoted, at most 32 characters. */
  readonly preview: string | undefined;
  /** How many fetches in a row have failed, this one included; drives the back-off. */
  readonly consecutiveFailures: number;
  /** A glitch worth one quick retry (network, timeout, 5xx), as opposed to an answer. */
  readonly transient: boolean;

  constructor(
    kind: StatusProblemKind,
    reason: string,
    options: { preview?: string; consecutiveFailures: number; transient: boolean; cause?: unknown },
  ) {
    super(reason, { cause: options.cause });
    this.kind = kind;
    this.reason = reason;
    this.preview = options.preview;
    this.consecutiveFailures = options.consecutiveFailures;
    this.transient = options.transient;
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
  if (error instanceof ApiError) {
    switch (error.kind) {
      case 'network':
        return new StatusProblem('unavailable', 'Could not reach the catalyst-api.', {
          ...base,
          transient: true,
        });
      case 'timeout':
        return new StatusProblem(
          'unavailable',
          `The catalyst-api did not answer within ${DEFAULT_TIMEOUT_MS / 1000} s.`,
          {
            ...base,
            transient: true,
          },
        );
      case 'not-json':
        return new StatusProblem(
          'unavailable',
          error.html
            ? 'The catalyst-api address answered with a web page instead of the cutover status.'
            : 'The catalyst-api answered with something that is not JSON.',
          { ...base, transient: false },
        );
      case 'http':
        switch (error.status) {
          case 401:
            return new StatusProblem('signed-out', 'Your session has expired.', {
              ...base,
              transient: false,
            });
          case 403:
            return new StatusProblem('forbidden', 'Your account may not read the cutover status.', {
              ...base,
              transient: false,
            });
          case 404:
            return new StatusProblem(
              'not-installed',
              'This catalyst-api does not serve the cutover API yet.',
              {
                ...base,
                transient: false,
              },
            );
          default:
            return new StatusProblem('unavailable', httpReason(error), {
              ...base,
              transient: (error.status ?? 0) >= 500,
            });
        }
    }
  }
  return new StatusProblem('unavailable', 'The cutover status could not be read.', {
    ...base,
    transient: false,
  });
}
