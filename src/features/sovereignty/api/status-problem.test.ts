import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '@/lib/api-client';
import { CutoverParseError, parseCutoverState, parseCutoverStatus } from '../cutover';
import { parseCutoverEvent } from '../events';
import { StatusProblem, classifyStatusError, type StatusProblemKind } from './status-problem';

const NOW = Date.UTC(2026, 0, 1);

/** What a real client throws for this answer (fetch injected), so the rows start at the wire. */
async function thrownFor(answer: () => Response | Promise<Response>): Promise<unknown> {
  const fetch = vi.fn<typeof globalThis.fetch>(() => Promise.resolve().then(answer));
  const client = createApiClient({ baseUrl: 'http://api.test/api', fetch, now: () => NOW });
  try {
    await client.getJson('/v1/sovereign/cutover/status');
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

function thrownBy(parse: () => unknown): unknown {
  try {
    parse();
  } catch (error) {
    return error;
  }
  throw new Error('expected the parser to throw');
}

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers });

/** A body that starts, then dies like a reset connection. */
function droppingBody(status: number, headers: Record<string, string> = {}) {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) {
        controller.error(new TypeError('terminated'));
        return;
      }
      sent = true;
      controller.enqueue(new TextEncoder().encode('{"state":'));
    },
  });
  return new Response(body, { status, headers });
}

interface Expected {
  kind: StatusProblemKind;
  reason: string;
  preview?: string;
  retryAfterMs?: number;
}

interface Row extends Expected {
  input: string;
  thrown: () => unknown;
}

const rows: Row[] = [
  // --- transport failures, produced by the real client ---
  {
    input: 'a refused connection (network)',
    thrown: () => thrownFor(() => Promise.reject(new TypeError('fetch failed'))),
    kind: 'unavailable',
    reason: 'Could not reach the catalyst-api.',
  },
  {
    input: 'no answer in time (timeout)',
    thrown: () => new ApiError('timeout', 'no answer within 0.02 s'),
    kind: 'unavailable',
    reason: 'The catalyst-api did not answer within 10 s.',
  },
  {
    input: 'a connection that drops while the body comes in (interrupted)',
    thrown: () => thrownFor(() => droppingBody(200)),
    kind: 'unavailable',
    reason: 'The connection to the catalyst-api dropped while reading its answer.',
  },
  {
    input: 'a 503 with Retry-After whose body drops (interrupted)',
    thrown: () => thrownFor(() => droppingBody(503, { 'Retry-After': '20' })),
    kind: 'unavailable',
    reason: 'The connection to the catalyst-api dropped while reading its answer.',
    // The server said when to come back: no quick retry before that.
    retryAfterMs: 20_000,
  },
  {
    input: 'a 200 web page (not-json, html)',
    thrown: () => thrownFor(() => new Response('<!doctype html><title>Sign in</title>')),
    kind: 'unavailable',
    reason: 'The catalyst-api address answered with a web page instead of the cutover status.',
  },
  {
    input: 'a 200 in plain text (not-json)',
    thrown: () => thrownFor(() => new Response('ok')),
    kind: 'unavailable',
    reason: 'The catalyst-api answered with something that is not JSON.',
  },
  // --- HTTP answers ---
  {
    input: 'HTTP 400 with code and detail',
    thrown: () =>
      thrownFor(() => json({ error: 'bad-request', detail: 'unknown query parameter' }, 400)),
    kind: 'unavailable',
    reason: 'The catalyst-api answered HTTP 400 bad-request: unknown query parameter',
  },
  {
    input: 'HTTP 401',
    thrown: () => thrownFor(() => json({ error: 'unauthenticated' }, 401)),
    kind: 'signed-out',
    reason: 'Your session has expired.',
  },
  {
    input: 'HTTP 403',
    thrown: () => thrownFor(() => json({ error: 'forbidden' }, 403)),
    kind: 'forbidden',
    reason: 'Your account may not read the cutover status.',
  },
  {
    input: 'HTTP 404',
    thrown: () => thrownFor(() => new Response('404 page not found', { status: 404 })),
    kind: 'not-installed',
    reason: 'This catalyst-api does not serve the cutover API yet.',
  },
  {
    input: 'HTTP 409 with no body',
    thrown: () => thrownFor(() => new Response(null, { status: 409 })),
    kind: 'unavailable',
    reason: 'The catalyst-api answered HTTP 409',
  },
  {
    input: 'HTTP 499 (the last 4xx)',
    thrown: () => thrownFor(() => json({ detail: 'client closed request' }, 499)),
    kind: 'unavailable',
    reason: 'The catalyst-api answered HTTP 499: client closed request',
  },
  {
    input: 'HTTP 429 with Retry-After',
    thrown: () => thrownFor(() => json({ error: 'rate-limited' }, 429, { 'Retry-After': '60' })),
    kind: 'unavailable',
    reason: 'The catalyst-api asked the console to slow down (HTTP 429).',
    retryAfterMs: 60_000,
  },
  {
    input: 'HTTP 429 with a detail and no Retry-After',
    thrown: () => thrownFor(() => json({ detail: '10 requests a minute' }, 429)),
    kind: 'unavailable',
    reason: 'The catalyst-api asked the console to slow down (HTTP 429): 10 requests a minute',
  },
  {
    input: 'HTTP 500 with code and detail',
    thrown: () => thrownFor(() => json({ error: 'internal', detail: 'etcd timeout' }, 500)),
    kind: 'unavailable',
    reason: 'The catalyst-api answered HTTP 500 internal: etcd timeout',
  },
  {
    input: "HTTP 502 with a proxy's HTML page",
    thrown: () =>
      thrownFor(
        () =>
          new Response('<html><h1>502 Bad Gateway</h1></html>', {
            status: 502,
            headers: { 'Content-Type': 'text/html' },
          }),
      ),
    kind: 'unavailable',
    reason: 'The catalyst-api answered HTTP 502 with a web page (a proxy or ingress error).',
  },
  {
    input: 'HTTP 503 with Retry-After in seconds',
    thrown: () =>
      thrownFor(() =>
        json({ error: 'maintenance', detail: 'back in two minutes' }, 503, {
          'Retry-After': '120',
        }),
      ),
    kind: 'unavailable',
    reason: 'The catalyst-api answered HTTP 503 maintenance: back in two minutes',
    retryAfterMs: 120_000,
  },
  {
    input: 'HTTP 503 with a Retry-After date already past',
    thrown: () =>
      thrownFor(() => json({}, 503, { 'Retry-After': 'Wed, 31 Dec 2025 23:59:00 GMT' })),
    kind: 'unavailable',
    reason: 'The catalyst-api answered HTTP 503',
    retryAfterMs: 0,
  },
  {
    input: 'HTTP 503 with an unreadable Retry-After',
    thrown: () => thrownFor(() => json({}, 503, { 'Retry-After': 'later' })),
    kind: 'unavailable',
    reason: 'The catalyst-api answered HTTP 503',
  },
  {
    input: 'an http ApiError without a status',
    thrown: () => new ApiError('http', 'HTTP ?'),
    kind: 'unavailable',
    reason: 'The catalyst-api answered HTTP 0',
  },
  {
    input: 'markup in the server text, which stays text',
    thrown: () =>
      thrownFor(() =>
        json({ error: '<b>x</b>', detail: '<img src=x onerror=alert(1)> &amp; \u202Eevil' }, 500),
      ),
    kind: 'unavailable',
    reason:
      'The catalyst-api answered HTTP 500 <b>x</b>: <img src=x onerror=alert(1)> &amp; \u202Eevil',
  },
  // --- parse errors ---
  {
    input: 'an unrecognised state (CutoverParseError for CutoverState)',
    thrown: () => thrownBy(() => parseCutoverState('pending')),
    kind: 'invalid',
    reason: 'The catalyst-api sent an unrecognised state',
    preview: '"pending"',
  },
  {
    input: 'a status that is not an object (CutoverParseError for CutoverStatus)',
    thrown: () => thrownBy(() => parseCutoverStatus([1, 2])),
    kind: 'unavailable',
    reason: 'The catalyst-api sent a status that is not an object (<array>).',
  },
  {
    input: 'a CutoverParseError about another subject (CutoverEvent)',
    thrown: () => new CutoverParseError('CutoverEvent', '"{oops"', 'not JSON'),
    kind: 'unavailable',
    reason: 'The catalyst-api sent a status that is not an object ("{oops").',
  },
  // --- anything else ---
  {
    input: 'a plain Error',
    thrown: () => new Error('boom'),
    kind: 'unavailable',
    reason: 'The cutover status could not be read.',
  },
  {
    input: 'a thrown string',
    thrown: () => 'boom',
    kind: 'unavailable',
    reason: 'The cutover status could not be read.',
  },
  {
    input: 'undefined',
    thrown: () => undefined,
    kind: 'unavailable',
    reason: 'The cutover status could not be read.',
  },
  {
    input: 'something shaped like an ApiError that is not one',
    thrown: () => ({ kind: 'http', status: 401, retryAfterMs: 5_000 }),
    kind: 'unavailable',
    reason: 'The cutover status could not be read.',
  },
];

describe('classifyStatusError', () => {
  it.each(rows)('$input', async ({ thrown, input: _input, ...expected }) => {
    const error = await thrown();
    const problem = classifyStatusError(error);
    expect(problem).toBeInstanceOf(StatusProblem);
    expect({
      kind: problem.kind,
      reason: problem.reason,
      preview: problem.preview,
      retryAfterMs: problem.retryAfterMs,
    }).toEqual({
      preview: undefined,
      retryAfterMs: undefined,
      ...expected,
    });
    expect(problem.name).toBe('StatusProblem');
    expect(problem.message).toBe(expected.reason);
    expect(problem.cause).toBe(error);
  });

  it('passes a StatusProblem through untouched', () => {
    const original = new StatusProblem('forbidden', 'already classified', {
      retryAfterMs: 1_000,
      preview: '"p"',
    });
    const problem = classifyStatusError(original);
    expect(problem).toBe(original);
    expect({
      kind: problem.kind,
      reason: problem.reason,
      preview: problem.preview,
      retryAfterMs: problem.retryAfterMs,
    }).toEqual({
      kind: 'forbidden',
      reason: 'already classified',
      preview: '"p"',
      retryAfterMs: 1_000,
    });
  });

  it('is what the event parser throws for a broken frame, too', () => {
    const error = thrownBy(() => parseCutoverEvent('cutover-status', '{oops'));
    expect(error).toBeInstanceOf(CutoverParseError);
    expect(classifyStatusError(error).kind).toBe('unavailable');
  });
});
