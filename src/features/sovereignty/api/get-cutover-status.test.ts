import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '@/lib/api-client';
import { CutoverParseError } from '../cutover';
import { getCutoverStatus } from './get-cutover-status';

/** A real client over a fetch that answers `body`, or gives up at once on an aborted signal. */
function clientAnswering(body: unknown) {
  const fetch = vi.fn((_input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.signal?.aborted) return Promise.reject(init.signal.reason as Error);
    return Promise.resolve(
      new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }),
    );
  });
  return { client: createApiClient({ baseUrl: '/api', fetch }), fetch };
}

describe('getCutoverStatus', () => {
  it('asks GET /api/v1/sovereign/cutover/status (docs/cutover-contract.md §2.2) and gives the status parsed', async () => {
    const { client, fetch } = clientAnswering({ state: 'sovereign', cutoverComplete: true });
    const status = await getCutoverStatus(client);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/sovereign/cutover/status');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('GET');
    expect(status).toEqual({ state: 'sovereign', cutoverComplete: true, steps: [] });
  });

  it('refuses a body that is not a status, at the edge', async () => {
    const { client } = clientAnswering({ state: 'pending' });
    await expect(getCutoverStatus(client)).rejects.toBeInstanceOf(CutoverParseError);
  });

  it('gives the caller’s signal to the request: an aborted one abandons it, with its own reason', async () => {
    const { client } = clientAnswering({ state: 'tethered' });
    const controller = new AbortController();
    const reason = new Error('the card went away');
    controller.abort(reason);
    await expect(getCutoverStatus(client, controller.signal)).rejects.toBe(reason);
  });
});
