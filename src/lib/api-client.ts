import * as z from 'zod/mini';

/**
 * The one small transport the app uses: JSON over same-origin fetch, a timeout on every call and
 * a typed error that says what went wrong. Handed in through context, so tests and stories give
 * their own and never patch globals.
 */
export type ApiErrorKind =
  /** The server answered with a non-2xx status. */
  | 'http'
  /** No answer: DNS, refused connection, reset, CORS, offline. */
  | 'network'
  | 'timeout'
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

  constructor(
    kind: ApiErrorKind,
    message: string,
    extra: {
      status?: number;
      code?: string;
      detail?: string;
      html?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: extra.cause });
    this.kind = kind;
    this.status = extra.status;
    this.code = extra.code;
    this.detail = extra.detail;
    this.html = extra.html ?? false;
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

export interface ApiClientOptions {
  /** `/api` on a Sovereign, `/sovereign/api` behind the mothership's prefix; absolute in tests. */
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export function createApiClient({
  baseUrl,
  fetch: fetchImpl = (...args) => globalThis.fetch(...args),
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: ApiClientOptions): ApiClient {
  const base = baseUrl.replace(/\/+$/, '');
  const url = (path: string) => `${base}${path.startsWith('/') ? path : `/${path}`}`;

  async function request(
    path: string,
    init: { method: string; body?: string },
    signal?: AbortSignal,
  ): Promise<unknown> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetchImpl(url(path), {
        ...init,
        headers:
          init.body === undefined
            ? { Accept: 'application/json' }
            : { Accept: 'application/json', 'Content-Type': 'application/json' },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (timeout.aborted) {
        throw new ApiError('timeout', `no answer within ${timeoutMs / 1000} s`, { cause: error });
      }
      if (signal?.aborted) throw error;
      throw new ApiError('network', 'could not reach the catalyst-api', { cause: error });
    }
    const type = response.headers.get('content-type') ?? '';
    const body = await response.text().catch(() => '');
    const html = type.includes('html') || /^\s*<(!doctype|html)/i.test(body);
    if (!response.ok) {
      const parsed = html ? undefined : errorBody.safeParse(safeJson(body));
      const fields = parsed?.success ? parsed.data : {};
      throw new ApiError('http', `HTTP ${response.status}`, {
        status: response.status,
        html,
        ...(fields.error === undefined ? {} : { code: fields.error }),
        ...(fields.detail === undefined ? {} : { detail: fields.detail }),
      });
    }
    const json = html ? undefined : safeJson(body);
    if (json === undefined) {
      throw new ApiError(
        'not-json',
        html
          ? 'answered with a web page instead of JSON'
          : 'answered with something that is not JSON',
        { status: response.status, html },
      );
    }
    return json;
  }

  return {
    url,
    getJson: (path, options) => request(path, { method: 'GET' }, options?.signal),
    postJson: (path, body, options) =>
      request(path, { method: 'POST', body: JSON.stringify(body) }, options?.signal),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
