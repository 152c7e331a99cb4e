import * as z from 'zod/mini';

/**
 * The one small transport the app uses: JSON over same-origin fetch, a timeout on every call and
 * a typed error that says what went wrong. Handed in through context, so tests and stories give
 * their own and never patch globals.
 */
export type ApiErrorKind =
  /** The server answered with a non-2xx status. */
  | 'http'
  /** No answer: DNS, refused connection, reset before the headers, CORS, offline. */
  | 'network'
  /** No complete answer within the timeout: before the headers, or while the body came in. */
  | 'timeout'
  /** The headers came, then the connection dropped (reset, abort) before the body was complete. */
  | 'interrupted'
  /** A 2xx answer whose body is not JSON (an ingress's HTML page, a proxy's text). */
  | 'not-json';

const errorBody = z.looseObject({
  error: z.optional(z.string()),
  detail: z.optional(z.string()),
});

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  /** The catalyst-api's kebab-case `error` code, when the body was its JSON error shape. */
  readonly code: string | undefined;
  /** The catalyst-api's operator-facing `detail` text. */
  readonly detail: string | undefined;
  /** The body was an HTML page (a proxy or ingress answering instead of the API). */
  readonly html: boolean;
  /**
   * How long the server asked us to wait before asking again (`Retry-After` on a non-2xx answer),
   * in ms; 0 for a date already past. Uncapped: the scheduler decides how much of it to honour.
   */
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: ApiErrorKind,
    message: string,
    extra: {
      status?: number | undefined;
      code?: string | undefined;
      detail?: string | undefined;
      html?: boolean;
      retryAfterMs?: number | undefined;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: extra.cause });
    this.kind = kind;
    this.status = extra.status;
    this.code = extra.code;
    this.detail = extra.detail;
    this.html = extra.html ?? false;
    this.retryAfterMs = extra.retryAfterMs;
  }
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
}

export interface ApiClient {
  /** Absolute or root-relative URL of an API path such as `/v1/sovereign/cutover/events`. */
  url(path: string): string;
  getJson(path: string, options?: RequestOptions): Promise<unknown>;
  postJson(path: string, body: unknown, options?: RequestOptions): Promise<unknown>;
}

/**
 * What the client reads of an answer: a fetch `Response` is one, and so is the answer
 * public/head-start.js read before the boot module ran (`ConsoleHeadAnswer`).
 */
export type ApiResponse = Pick<Response, 'status' | 'ok' | 'headers' | 'text'>;

/** `fetch`, or anything that sends a request as it does and answers with an `ApiResponse`. */
export type ApiFetch = (url: string, init: RequestInit) => Promise<ApiResponse>;

export interface ApiClientOptions {
  /** `/api` on a Sovereign, `/sovereign/api` behind the mothership's prefix; absolute in tests. */
  readonly baseUrl: string;
  readonly fetch?: ApiFetch;
  readonly timeoutMs?: number;
  /** The clock an HTTP-date `Retry-After` is measured against (epoch ms). */
  readonly now?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export function createApiClient({
  baseUrl,
  fetch: fetchImpl = (url, init) => globalThis.fetch(url, init),
  timeoutMs = DEFAULT_TIMEOUT_MS,
  now = Date.now,
}: ApiClientOptions): ApiClient {
  const base = baseUrl.replace(/\/+$/, '');
  const url = (path: string) => `${base}${path.startsWith('/') ? path : `/${path}`}`;

  async function request(
    path: string,
    init: { method: string; body?: string },
    signal?: AbortSignal,
  ): Promise<unknown> {
    const { signal: combined, timedOut, release } = requestSignal(signal, timeoutMs);
    /** The caller's own abort is theirs, re-thrown as is; the rest is the API's failure. */
    const failure = (error: unknown, timeoutMessage: string, otherwise: () => ApiError) => {
      if (timedOut()) return new ApiError('timeout', timeoutMessage, { cause: error });
      if (signal?.aborted) return error;
      return otherwise();
    };
    try {
      let response: ApiResponse;
      try {
        response = await fetchImpl(url(path), {
          ...init,
          headers:
            init.body === undefined
              ? { Accept: 'application/json' }
              : { Accept: 'application/json', 'Content-Type': 'application/json' },
          signal: combined,
        });
      } catch (error) {
        throw failure(
          error,
          `no answer within ${timeoutMs / 1000} s`,
          () => new ApiError('network', 'could not reach the catalyst-api', { cause: error }),
        );
      }
      const status = response.status;
      const retryAfterMs = response.ok
        ? undefined
        : parseRetryAfter(response.headers.get('retry-after'), now());
      let body: string;
      try {
        body = await readBody(response, combined);
      } catch (error) {
        // A reset or an aborted transfer after the headers: the answer is missing, not "not JSON".
        throw failure(
          error,
          `the answer did not arrive in full within ${timeoutMs / 1000} s`,
          () =>
            new ApiError('interrupted', 'the connection dropped while reading the answer', {
              status,
              retryAfterMs,
              cause: error,
            }),
        );
      }
      const html =
        response.headers.get('content-type')?.includes('html') === true ||
        /^\s*<(!doctype|html)/i.test(body);
      if (!response.ok) {
        const parsed = html ? undefined : errorBody.safeParse(safeJson(body));
        const fields = parsed?.success ? parsed.data : {};
        throw new ApiError('http', `HTTP ${status}`, {
          status,
          html,
          code: fields.error,
          detail: fields.detail,
          retryAfterMs,
        });
      }
      const json = html ? undefined : safeJson(body);
      if (json === undefined) {
        throw new ApiError(
          'not-json',
          html
            ? 'answered with a web page instead of JSON'
            : 'answered with something that is not JSON',
          { status, html },
        );
      }
      return json;
    } finally {
      release();
    }
  }

  return {
    url,
    getJson: (path, options) => request(path, { method: 'GET' }, options?.signal),
    postJson: (path, body, options) =>
      request(path, { method: 'POST', body: JSON.stringify(body) }, options?.signal),
  };
}

/**
 * One signal for a request: the caller's, and a timer of our own (a plain `setTimeout`, so fake
 * timers drive it in tests; `AbortSignal.any` is avoided for older browsers). `release` clears the
 * timer and the listener when the request is over.
 */
function requestSignal(caller: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  const forward = () => {
    controller.abort(caller?.reason);
  };
  if (caller?.aborted) forward();
  else caller?.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    release: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', forward);
    },
  };
}

/**
 * The body as text, or the request signal's reason as soon as it aborts: a `fetch` that does not
 * tie the body to its signal must not let a stalled body outlive the timeout. The listener is not
 * removed: the signal belongs to this one request and goes with it.
 */
function readBody(response: ApiResponse, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    signal.addEventListener('abort', () => {
      // The signal's own reason, passed on as is, as fetch does (the caller's, or the timeout's).
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      reject(signal.reason);
    });
    response.text().then(resolve, reject);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // not JSON: undefined, below
  }
  return undefined;
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) in ms from `now`: delta-seconds, or an HTTP-date (a past date
 * is 0). Anything else, including a negative number, is no instruction at all: `undefined`.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value)) {
    const ms = Number(value) * 1000;
    return Number.isFinite(ms) ? ms : undefined;
  }
  const time = parseHttpDate(value, now);
  return time === undefined ? undefined : Math.max(0, time - now);
}

// The two obsolete HTTP-date forms a recipient must still accept (RFC 9110 §5.6.7), rewritten
// into the preferred IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`. Unanchored on purpose: text
// before or after a match stays in the rewritten value, and so fails the round trip below.
const RFC850_DATE =
  /(Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day, (\d\d)-([A-Z][a-z]{2})-(\d\d) (\d\d:\d\d:\d\d) GMT/;
const ASCTIME_DATE = /([A-Z][a-z]{2}) ([A-Z][a-z]{2}) ([ \d]\d) (\d\d:\d\d:\d\d) (\d{4})/;

/**
 * Epoch ms of an HTTP-date, or `undefined`. `toUTCString()` prints exactly the IMF-fixdate form,
 * so a value is a date only if it prints back unchanged: `Feb 30`, `25:00:00`, a wrong weekday or
 * whatever else `Date.parse` would guess at are not.
 */
function parseHttpDate(value: string, now: number): number | undefined {
  const fixdate = value
    .replace(
      RFC850_DATE,
      (_, day: string, date: string, month: string, year: string, time: string) =>
        `${day.slice(0, 3)}, ${date} ${month} ${String(rfc850Year(Number(year), now))} ${time} GMT`,
    )
    .replace(
      ASCTIME_DATE,
      (_, day: string, month: string, date: string, time: string, year: string) =>
        `${day}, ${date.replace(' ', '0')} ${month} ${year} ${time} GMT`,
    );
  const time = Date.parse(fixdate);
  return Number.isFinite(time) && new Date(time).toUTCString() === fixdate ? time : undefined;
}

/**
 * The year with these last two digits nearest to now: never more than 50 years ahead (that is the
 * most recent past one, RFC 9110 §5.6.7), and so never 50 or more years back either.
 */
function rfc850Year(twoDigits: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  const year = current - (current % 100) + twoDigits;
  if (year > current + 50) return year - 100;
  if (year <= current - 50) return year + 100;
  return year;
}
