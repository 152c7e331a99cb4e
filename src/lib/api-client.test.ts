import { http, HttpResponse, delay } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../mocks/node';
import { ApiError, createApiClient } from './api-client';

const BASE = 'http://api.test/api';
const client = createApiClient({ baseUrl: `${BASE}/`, timeoutMs: 200 });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('api client', () => {
  it('joins the base and the path and returns parsed JSON', async () => {
    server.use(
      http.get(`${BASE}/v1/x`, ({ request }) =>
        HttpResponse.json({ accept: request.headers.get('accept') }),
      ),
    );
    await expect(client.getJson('/v1/x')).resolves.toEqual({ accept: 'application/json' });
  });

  it("reads the catalyst-api's error body into code and detail", async () => {
    server.use(
      http.post(`${BASE}/v1/start`, () =>
        HttpResponse.json(
          { error: 'no-steps-found', detail: 'chart not installed?' },
          { status: 424 },
        ),
      ),
    );
    const error = await failure(client.postJson('/v1/start', {}));
    expect(error).toMatchObject({
      kind: 'http',
      status: 424,
      code: 'no-steps-found',
      detail: 'chart not installed?',
      html: false,
    });
  });

  it('recognises an HTML error page and does not read it as an error body', async () => {
    server.use(
      http.get(`${BASE}/v1/x`, () =>
        HttpResponse.html('<html><h1>502 Bad Gateway</h1></html>', { status: 502 }),
      ),
    );
    const error = await failure(client.getJson('/v1/x'));
    expect(error).toMatchObject({
      kind: 'http',
      status: 502,
      html: true,
      code: undefined,
      detail: undefined,
    });
  });

  it('treats a 200 that is not JSON as an error, not as data', async () => {
    server.use(
      http.get(`${BASE}/v1/x`, () => HttpResponse.html('<!doctype html><title>console</title>')),
    );
    expect(await failure(client.getJson('/v1/x'))).toMatchObject({ kind: 'not-json', html: true });
    server.use(http.get(`${BASE}/v1/x`, () => HttpResponse.text('ok')));
    expect(await failure(client.getJson('/v1/x'))).toMatchObject({ kind: 'not-json', html: false });
  });

  it('reports network failures and timeouts as such', async () => {
    server.use(http.get(`${BASE}/v1/down`, () => HttpResponse.error()));
    expect(await failure(client.getJson('/v1/down'))).toMatchObject({ kind: 'network' });
    server.use(
      http.get(`${BASE}/v1/slow`, async () => {
        await delay(2_000);
        return HttpResponse.json({});
      }),
    );
    expect(await failure(client.getJson('/v1/slow'))).toMatchObject({ kind: 'timeout' });
  });

  it('lets a caller cancel without calling it a failure of the API', async () => {
    server.use(
      http.get(`${BASE}/v1/slow`, async () => {
        await delay(1_000);
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    const call = client.getJson('/v1/slow', { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.not.toBeInstanceOf(ApiError);
  });
});
