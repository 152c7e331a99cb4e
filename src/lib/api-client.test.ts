import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { server } from '../../mocks/node';
import { ApiError, DEFAULT_TIMEOUT_MS, createApiClient, parseRetryAfter } from './api-client';

const BASE = 'http://api.test/api';
/** 2026-01-01T00:00:00Z, a Thursday: the clock every Retry-After date is measured against. */
const NOW = Date.UTC(2026, 0, 1);

/** Every field an ApiError carries, so a test states all of them. */
function fieldsOf(error: ApiError) {
  return {
    name: error.name,
    kind: error.kind,
    message: error.message,
    status: error.status,
    code: error.code,
    detail: error.detail,
    html: error.html,
    retryAfterMs: error.retryAfterMs,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function apiFailure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await rejection(promise);
  if (error instanceof ApiError) return error;
  throw new Error(`expected an ApiError, got ${String(error)}`, { cause: error });
}

/** A fetch that answers every call with `answer` and records what it was asked. */
function fetchAnswering(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  return vi.fn<typeof fetch>((input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return Promise.resolve(answer(url, init));
  });
}

/** A fetch that never answers but, like the platform's, gives up when its signal aborts. */
function fetchHanging() {
  return vi.fn<typeof fetch>(
    (_input, init) =>
      new Promise((_resolve, reject) => {
        const signal = init?.signal;
        if (!signal) return;
        if (signal.aborted) reject(signal.reason as Error);
        signal.addEventListener('abort', () => {
          reject(signal.reason as Error);
        });
      }),
  );
}

const encoder = new TextEncoder();

/** A body that sends `first`, then dies the way a reset connection does. */
function droppingBody(first: string, failure: Error): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (sent) {
        controller.error(failure);
        return;
      }
      sent = true;
      controller.enqueue(encoder.encode(first));
    },
  });
}

/** A body that sends `first`, then stalls for ever and ignores every abort signal. */
function stallingBody(first: string, onPull: () => void = () => undefined) {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull();
      if (sent) return new Promise<void>(() => undefined);
      sent = true;
      controller.enqueue(encoder.encode(first));
      return undefined;
    },
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('api client: the request it sends', () => {
  it.each([
    { baseUrl: 'http://api.test/api', path: '/v1/x', url: 'http://api.test/api/v1/x' },
    { baseUrl: 'http://api.test/api/', path: '/v1/x', url: 'http://api.test/api/v1/x' },
    { baseUrl: 'http://api.test/api//', path: '/v1/x', url: 'http://api.test/api/v1/x' },
    { baseUrl: '/sovereign/api', path: 'v1/x', url: '/sovereign/api/v1/x' },
    { baseUrl: '/api/', path: 'v1/x', url: '/api/v1/x' },
    { baseUrl: '', path: '/v1/x', url: '/v1/x' },
  ])('joins $baseUrl and $path into $url', async ({ baseUrl, path, url }) => {
    const fetch = fetchAnswering(() => Response.json({}));
    const client = createApiClient({ baseUrl, fetch });
    expect(client.url(path)).toBe(url);
    await client.getJson(path);
    expect(fetch.mock.calls.map(([input]) => input)).toEqual([url]);
  });

  it('GETs with Accept: application/json, no body and an abort signal', async () => {
    const fetch = fetchAnswering(() => Response.json({ ok: true }));
    const client = createApiClient({ baseUrl: BASE, fetch });
    await expect(client.getJson('/v1/x')).resolves.toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledTimes(1);
    const init = fetch.mock.calls[0]![1]!;
    expect(init.method).toBe('GET');
    expect(init.headers).toEqual({ Accept: 'application/json' });
    expect(init.body).toBeUndefined();
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(init.signal!.aborted).toBe(false);
  });

  it('POSTs the body as JSON with both JSON headers', async () => {
    const fetch = fetchAnswering(() => Response.json({ started: true }));
    const client = createApiClient({ baseUrl: BASE, fetch });
    await expect(client.postJson('/v1/start', { force: false, n: 1 })).resolves.toEqual({
      started: true,
    });
    const init = fetch.mock.calls[0]![1]!;
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
    });
    expect(init.body).toBe('{"force":false,"n":1}');
  });

  it('uses the global fetch when none is given (what MSW intercepts in tests)', async () => {
    server.use(
      http.get(`${BASE}/v1/x`, ({ request }) =>
        HttpResponse.json({
          accept: request.headers.get('accept'),
          contentType: request.headers.get('content-type'),
        }),
      ),
      http.post(`${BASE}/v1/x`, async ({ request }) =>
        HttpResponse.json({
          contentType: request.headers.get('content-type'),
          body: (await request.json()) as unknown,
        }),
      ),
    );
    const client = createApiClient({ baseUrl: `${BASE}/` });
    await expect(client.getJson('/v1/x')).resolves.toEqual({
      accept: 'application/json',
      contentType: null,
    });
    await expect(client.postJson('/v1/x', { a: [1] })).resolves.toEqual({
      contentType: 'application/json',
      body: { a: [1] },
    });
  });
});

describe('api client: answers', () => {
  it.each([
    { what: 'an object', body: '{"state":"tethered"}', json: { state: 'tethered' } },
    { what: 'an empty map', body: '{}', json: {} },
    { what: 'an array', body: '[1,2]', json: [1, 2] },
    { what: 'null', body: 'null', json: null },
    { what: 'a JSON string', body: '"<html>"', json: '<html>' },
  ])('returns the parsed JSON of a 2xx answer: $what', async ({ body, json }) => {
    const fetch = fetchAnswering(
      () => new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    await expect(createApiClient({ baseUrl: BASE, fetch }).getJson('/v1/x')).resolves.toEqual(json);
  });

  it('takes a 201 or 202 as an answer too', async () => {
    const fetch = fetchAnswering(() => Response.json({ accepted: true }, { status: 202 }));
    await expect(createApiClient({ baseUrl: BASE, fetch }).getJson('/v1/x')).resolves.toEqual({
      accepted: true,
    });
  });

  it.each([
    {
      what: 'an HTML page',
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><title>console</title>',
      html: true,
      message: 'answered with a web page instead of JSON',
    },
    {
      what: 'JSON that says it is HTML (a proxy rewrote it)',
      type: 'text/html',
      body: '{"state":"sovereign"}',
      html: true,
      message: 'answered with a web page instead of JSON',
    },
    {
      what: 'a page sent as text',
      type: 'text/plain',
      body: '\n  <HTML><body>sign in</body></HTML>',
      html: true,
      message: 'answered with a web page instead of JSON',
    },
    {
      what: 'plain text',
      type: 'text/plain',
      body: 'ok',
      html: false,
      message: 'answered with something that is not JSON',
    },
    {
      what: 'an empty body',
      type: 'application/json',
      body: '',
      html: false,
      message: 'answered with something that is not JSON',
    },
  ])('does not take a 2xx with $what for data', async ({ type, body, html, message }) => {
    const fetch = fetchAnswering(
      () => new Response(body, { status: 200, headers: { 'Content-Type': type } }),
    );
    const error = await apiFailure(createApiClient({ baseUrl: BASE, fetch }).getJson('/v1/x'));
    expect(fieldsOf(error)).toEqual({
      name: 'ApiError',
      kind: 'not-json',
      message,
      status: 200,
      code: undefined,
      detail: undefined,
      html,
      retryAfterMs: undefined,
    });
  });
});

describe('api client: non-2xx answers', () => {
  it.each([
    {
      what: "the catalyst-api's error shape",
      status: 424,
      type: 'application/json',
      body: '{"error":"no-steps-found","detail":"chart not installed?","extra":1}',
      code: 'no-steps-found',
      detail: 'chart not installed?',
      html: false,
    },
    {
      what: 'a detail alone',
      status: 500,
      type: 'application/json',
      body: '{"detail":"etcd is slow"}',
      code: undefined,
      detail: 'etcd is slow',
      html: false,
    },
    {
      what: 'an error shape with the wrong types',
      status: 500,
      type: 'application/json',
      body: '{"error":42,"detail":"ignored with it"}',
      code: undefined,
      detail: undefined,
      html: false,
    },
    {
      what: 'plain text',
      status: 500,
      type: 'text/plain',
      body: 'internal error',
      code: undefined,
      detail: undefined,
      html: false,
    },
    {
      what: 'an HTML page from a proxy',
      status: 502,
      type: 'text/html',
      body: '<h1>502 Bad Gateway</h1>',
      code: undefined,
      detail: undefined,
      html: true,
    },
    {
      what: 'an error shape labelled as HTML (not trusted as the API)',
      status: 502,
      type: 'text/html',
      body: '{"error":"bad-gateway","detail":"from the proxy"}',
      code: undefined,
      detail: undefined,
      html: true,
    },
    {
      what: 'an XHTML page',
      status: 503,
      type: 'application/xhtml+xml',
      body: '<?xml version="1.0"?><html/>',
      code: undefined,
      detail: undefined,
      html: true,
    },
    {
      what: 'an HTML page sent as text',
      status: 401,
      type: 'text/plain',
      body: '  <!DOCTYPE html><p>sign in</p>',
      code: undefined,
      detail: undefined,
      html: true,
    },
    {
      what: 'a JSON detail that mentions <html> (still the API)',
      status: 500,
      type: 'application/json',
      body: '{"detail":"<html> is not a status"}',
      code: undefined,
      detail: '<html> is not a status',
      html: false,
    },
    {
      what: 'text that only later contains a page',
      status: 500,
      type: 'text/plain',
      body: 'upstream said: <html>',
      code: undefined,
      detail: undefined,
      html: false,
    },
  ])('reads HTTP $status with $what', async ({ status, type, body, code, detail, html }) => {
    const fetch = fetchAnswering(
      () => new Response(body, { status, headers: { 'Content-Type': type } }),
    );
    const error = await apiFailure(createApiClient({ baseUrl: BASE, fetch }).getJson('/v1/x'));
    expect(fieldsOf(error)).toEqual({
      name: 'ApiError',
      kind: 'http',
      message: `HTTP ${status}`,
      status,
      code,
      detail,
      html,
      retryAfterMs: undefined,
    });
  });

  it('tells HTML by its first tag when there is no content type at all', async () => {
    const answer = (text: string) => () => new Response(encoder.encode(text), { status: 502 });
    const page = await apiFailure(
      createApiClient({ baseUrl: BASE, fetch: fetchAnswering(answer('<html><h1>x</h1>')) }).getJson(
        '/v1/x',
      ),
    );
    expect(page.html).toBe(true);
    const json = await apiFailure(
      createApiClient({ baseUrl: BASE, fetch: fetchAnswering(answer('{"detail":"d"}')) }).getJson(
        '/v1/x',
      ),
    );
    expect({ html: json.html, detail: json.detail }).toEqual({ html: false, detail: 'd' });
  });

  it.each([
    { header: '120', retryAfterMs: 120_000 },
    { header: '0', retryAfterMs: 0 },
    // 30 s after NOW
    { header: 'Thu, 01 Jan 2026 00:00:30 GMT', retryAfterMs: 30_000 },
    // a second before NOW: already past, so no wait at all
    { header: 'Wed, 31 Dec 2025 23:59:59 GMT', retryAfterMs: 0 },
    { header: '-5', retryAfterMs: undefined },
    { header: 'soon', retryAfterMs: undefined },
    { header: '', retryAfterMs: undefined },
    { header: undefined, retryAfterMs: undefined },
  ])(
    'reads Retry-After: $header on a 503 as $retryAfterMs ms',
    async ({ header, retryAfterMs }) => {
      const headers = new Headers({ 'Content-Type': 'application/json' });
      if (header !== undefined) headers.set('Retry-After', header);
      const fetch = fetchAnswering(
        () => new Response('{"error":"maintenance"}', { status: 503, headers }),
      );
      const client = createApiClient({ baseUrl: BASE, fetch, now: () => NOW });
      const error = await apiFailure(client.getJson('/v1/x'));
      expect(fieldsOf(error)).toEqual({
        name: 'ApiError',
        kind: 'http',
        message: 'HTTP 503',
        status: 503,
        code: 'maintenance',
        detail: undefined,
        html: false,
        retryAfterMs,
      });
    },
  );

  it('reads Retry-After on a 429 and on an HTML 503 page as well', async () => {
    const fetch = fetchAnswering((url) =>
      url.endsWith('/busy')
        ? Response.json({ error: 'slow-down' }, { status: 429, headers: { 'Retry-After': '7' } })
        : new Response('<html>maintenance</html>', {
            status: 503,
            headers: { 'Content-Type': 'text/html', 'Retry-After': '60' },
          }),
    );
    const client = createApiClient({ baseUrl: BASE, fetch });
    const busy = await apiFailure(client.getJson('/v1/busy'));
    expect({ status: busy.status, code: busy.code, retryAfterMs: busy.retryAfterMs }).toEqual({
      status: 429,
      code: 'slow-down',
      retryAfterMs: 7_000,
    });
    const page = await apiFailure(client.getJson('/v1/page'));
    expect({ status: page.status, html: page.html, retryAfterMs: page.retryAfterMs }).toEqual({
      status: 503,
      html: true,
      retryAfterMs: 60_000,
    });
  });

  it('ignores Retry-After on a 2xx answer (only failures carry a wait)', async () => {
    const fetch = fetchAnswering(
      () => new Response('not json', { status: 200, headers: { 'Retry-After': '30' } }),
    );
    const error = await apiFailure(createApiClient({ baseUrl: BASE, fetch }).getJson('/v1/x'));
    expect({ kind: error.kind, retryAfterMs: error.retryAfterMs }).toEqual({
      kind: 'not-json',
      retryAfterMs: undefined,
    });
  });

  it('measures an HTTP-date against the injected clock, read when the answer arrives', async () => {
    const now = vi.fn(() => NOW + 10_000);
    const fetch = fetchAnswering(
      () =>
        new Response('', {
          status: 503,
          headers: { 'Retry-After': 'Thu, 01 Jan 2026 00:01:00 GMT' },
        }),
    );
    const client = createApiClient({ baseUrl: BASE, fetch, now });
    expect(now).not.toHaveBeenCalled();
    expect((await apiFailure(client.getJson('/v1/x'))).retryAfterMs).toBe(50_000);
  });

  it('measures an HTTP-date against the system clock by default', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const fetch = fetchAnswering(
      () =>
        new Response('', {
          status: 503,
          headers: { 'Retry-After': 'Thu, 01 Jan 2026 00:00:45 GMT' },
        }),
    );
    const error = await apiFailure(createApiClient({ baseUrl: BASE, fetch }).getJson('/v1/x'));
    expect(error.retryAfterMs).toBe(45_000);
  });
});

describe('api client: no answer, or half of one', () => {
  it('reports a refused or reset connection before the headers as network', async () => {
    const reset = new TypeError('fetch failed');
    const fetch = vi.fn<typeof globalThis.fetch>(() => Promise.reject(reset));
    const error = await apiFailure(createApiClient({ baseUrl: BASE, fetch }).getJson('/v1/x'));
    expect(fieldsOf(error)).toEqual({
      name: 'ApiError',
      kind: 'network',
      message: 'could not reach the catalyst-api',
      status: undefined,
      code: undefined,
      detail: undefined,
      html: false,
      retryAfterMs: undefined,
    });
    expect(error.cause).toBe(reset);
  });

  it('reports no headers within the timeout as timeout', async () => {
    const fetch = fetchHanging();
    const client = createApiClient({ baseUrl: BASE, fetch, timeoutMs: 20 });
    const error = await apiFailure(client.getJson('/v1/x'));
    expect(fieldsOf(error)).toEqual({
      name: 'ApiError',
      kind: 'timeout',
      message: 'no answer within 0.02 s',
      status: undefined,
      code: undefined,
      detail: undefined,
      html: false,
      retryAfterMs: undefined,
    });
    const signal = fetch.mock.calls[0]![1]!.signal!;
    expect(error.cause).toBe(signal.reason);
    expect(error.cause).toMatchObject({ name: 'TimeoutError' });
  });

  it('reports a body still incomplete at the timeout as timeout, even if fetch ignores its signal', async () => {
    const fetch = fetchAnswering(() => new Response(stallingBody('{"state":'), { status: 200 }));
    const client = createApiClient({ baseUrl: BASE, fetch, timeoutMs: 20 });
    const error = await apiFailure(client.getJson('/v1/x'));
    expect(fieldsOf(error)).toEqual({
      name: 'ApiError',
      kind: 'timeout',
      message: 'the answer did not arrive in full within 0.02 s',
      status: undefined,
      code: undefined,
      detail: undefined,
      html: false,
      retryAfterMs: undefined,
    });
  });

  it('reports a connection that drops while the body comes in as interrupted, not as "not JSON"', async () => {
    const reset = new TypeError('terminated');
    const fetch = fetchAnswering(
      () =>
        new Response(droppingBody('{"state":"tethe', reset), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const error = await apiFailure(createApiClient({ baseUrl: BASE, fetch }).getJson('/v1/x'));
    expect(fieldsOf(error)).toEqual({
      name: 'ApiError',
      kind: 'interrupted',
      message: 'the connection dropped while reading the answer',
      status: 200,
      code: undefined,
      detail: undefined,
      html: false,
      retryAfterMs: undefined,
    });
    expect(error.cause).toBe(reset);
  });

  it("keeps a failure's status and Retry-After when its body drops", async () => {
    const reset = new TypeError('terminated');
    const fetch = fetchAnswering(
      () =>
        new Response(droppingBody('{"error":"maint', reset), {
          status: 503,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '90' },
        }),
    );
    const error = await apiFailure(createApiClient({ baseUrl: BASE, fetch }).getJson('/v1/x'));
    expect(fieldsOf(error)).toEqual({
      name: 'ApiError',
      kind: 'interrupted',
      message: 'the connection dropped while reading the answer',
      status: 503,
      code: undefined,
      detail: undefined,
      html: false,
      retryAfterMs: 90_000,
    });
  });

  it('uses a 10 s timeout unless told otherwise, on the page clock (fake timers drive it)', async () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(10_000);
    vi.useFakeTimers();
    try {
      const call = createApiClient({ baseUrl: BASE, fetch: fetchHanging() }).getJson('/v1/x');
      const settled = vi.fn();
      call.then(settled, settled);
      await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1);
      expect(settled).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      const error = await rejection(call);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).kind).toBe('timeout');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('clears its timer when the answer comes, and lets go of the caller signal', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const remove = vi.spyOn(controller.signal, 'removeEventListener');
      const fetch = fetchAnswering(() => Response.json({ ok: true }));
      await expect(
        createApiClient({ baseUrl: BASE, fetch }).getJson('/v1/x', { signal: controller.signal }),
      ).resolves.toEqual({ ok: true });
      expect(vi.getTimerCount()).toBe(0);
      expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('api client: the caller cancels', () => {
  it('re-throws the abort as is while waiting for the headers', async () => {
    const fetch = fetchHanging();
    const client = createApiClient({ baseUrl: BASE, fetch, timeoutMs: 5_000 });
    const controller = new AbortController();
    const reason = new DOMException('navigated away', 'AbortError');
    const call = client.getJson('/v1/x', { signal: controller.signal });
    controller.abort(reason);
    expect(await rejection(call)).toBe(reason);
  });

  it('re-throws the abort as is when the signal was aborted before the call', async () => {
    const client = createApiClient({ baseUrl: BASE, fetch: fetchHanging(), timeoutMs: 5_000 });
    const reason = new Error('unmounted');
    expect(
      await rejection(client.postJson('/v1/x', {}, { signal: AbortSignal.abort(reason) })),
    ).toBe(reason);
  });

  it('re-throws the abort as is while the body comes in', async () => {
    const controller = new AbortController();
    const reason = new Error('query cancelled');
    let pulls = 0;
    const body = stallingBody('{"state":', () => {
      pulls += 1;
      if (pulls === 2) controller.abort(reason);
    });
    const fetch = fetchAnswering(() => new Response(body, { status: 200 }));
    const client = createApiClient({ baseUrl: BASE, fetch, timeoutMs: 5_000 });
    expect(await rejection(client.getJson('/v1/x', { signal: controller.signal }))).toBe(reason);
  });

  it('re-throws the abort as is when it comes between the headers and the body', async () => {
    const controller = new AbortController();
    const reason = new Error('query cancelled');
    const fetch = fetchAnswering(() => {
      controller.abort(reason);
      return new Response(stallingBody(''), { status: 200 });
    });
    const client = createApiClient({ baseUrl: BASE, fetch, timeoutMs: 1_000 });
    expect(await rejection(client.getJson('/v1/x', { signal: controller.signal }))).toBe(reason);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    // delta-seconds
    { value: '0', ms: 0 },
    { value: '1', ms: 1_000 },
    { value: '120', ms: 120_000 },
    { value: '007', ms: 7_000 },
    { value: '86400', ms: 86_400_000 },
    // IMF-fixdate, the preferred form
    { value: 'Thu, 01 Jan 2026 00:00:30 GMT', ms: 30_000 },
    { value: 'Fri, 09 Jan 2026 00:00:00 GMT', ms: 8 * 86_400_000 },
    { value: 'Thu, 01 Jan 2026 00:00:00 GMT', ms: 0 },
    { value: 'Wed, 31 Dec 2025 23:59:59 GMT', ms: 0 },
    { value: 'Sun, 06 Nov 1994 08:49:37 GMT', ms: 0 },
    // asctime, obsolete but still to be accepted, with a space-padded and a two-digit day
    { value: 'Tue Feb  3 04:05:06 2026', ms: Date.UTC(2026, 1, 3, 4, 5, 6) - NOW },
    { value: 'Fri Nov  6 08:49:37 2026', ms: Date.UTC(2026, 10, 6, 8, 49, 37) - NOW },
    { value: 'Fri Jan 09 00:00:00 2026', ms: 8 * 86_400_000 },
    // RFC 850, obsolete: two-digit years up to 50 years ahead are ahead, later ones are past
    { value: 'Friday, 06-Nov-26 08:49:37 GMT', ms: Date.UTC(2026, 10, 6, 8, 49, 37) - NOW },
    { value: 'Friday, 06-Nov-76 08:49:37 GMT', ms: Date.UTC(2076, 10, 6, 8, 49, 37) - NOW },
    { value: 'Sunday, 06-Nov-77 08:49:37 GMT', ms: 0 },
    { value: 'Wednesday, 31-Dec-25 23:59:59 GMT', ms: 0 },
    { value: 'Tuesday, 03-Feb-26 04:05:06 GMT', ms: Date.UTC(2026, 1, 3, 4, 5, 6) - NOW },
  ])('reads $value as $ms ms', ({ value, ms }) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it.each([
    null,
    '',
    '-5',
    '-0',
    '1.5',
    '1e3',
    '+5',
    '5s',
    'x5',
    ' 5',
    '5 ',
    '9'.repeat(400),
    'soon',
    'Invalid Date',
    'Thu, 01 Jan 2026 00:00:30',
    'Thu, 01 Jan 2026 00:00:30 UTC',
    'Mon, 01 Jan 2026 00:00:30 GMT',
    'thu, 01 jan 2026 00:00:30 gmt',
    'Mon, 30 Feb 2026 08:00:00 GMT',
    'Thu, 01 Jan 2026 24:00:00 GMT',
    'Thu, 1 Jan 2026 00:00:30 GMT',
    '2026-01-01T00:00:30Z',
    '1 2',
    'Tue Feb  3 04:05:06 2026 GMT',
    'on Tue Feb  3 04:05:06 2026',
    'Tue Feb 3 04:05:06 2026',
    'Mon Feb  3 04:05:06 2026',
    'Friday, 06-Nov-26 08:49:37 GMT later',
    'on Friday, 06-Nov-26 08:49:37 GMT',
    'Fri, 06-Nov-26 08:49:37 GMT',
    'Fridday, 06-Nov-26 08:49:37 GMT',
    'Thursday, 06-Nov-26 08:49:37 GMT',
    'Friday, 06-Nov-2026 08:49:37 GMT',
  ])('ignores %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it('reads an RFC 850 year as the one nearest the clock it is given, not by a fixed century', () => {
    const in2090 = Date.UTC(2090, 0, 1);
    const ahead = (year: number) => Date.UTC(year, 10, 6, 8, 49, 37) - in2090;
    // From 2090, "26" is 2126 (36 years ahead), not 2026 (64 years back).
    expect(parseRetryAfter('Wednesday, 06-Nov-26 08:49:37 GMT', in2090)).toBe(ahead(2126));
    expect(parseRetryAfter('Tuesday, 06-Nov-36 08:49:37 GMT', in2090)).toBe(ahead(2136));
    // "40": 2040 is 50 years back, 2140 exactly 50 ahead, which is not yet "more than 50".
    expect(parseRetryAfter('Sunday, 06-Nov-40 08:49:37 GMT', in2090)).toBe(ahead(2140));
    // "41": 2141 would be more than 50 years ahead, so it is 2041, in the past.
    expect(parseRetryAfter('Wednesday, 06-Nov-41 08:49:37 GMT', in2090)).toBe(0);
    // From NOW the same "26" is this year.
    expect(parseRetryAfter('Friday, 06-Nov-26 08:49:37 GMT', NOW)).toBe(
      Date.UTC(2026, 10, 6, 8, 49, 37) - NOW,
    );
  });
});
