import type { ApiClient } from '@/lib/api-client';
import { parseCutoverStatus, type CutoverStatus } from '../cutover';

export const CUTOVER_API_PATH = '/v1/sovereign/cutover';
export const CUTOVER_STATUS_PATH = `${CUTOVER_API_PATH}/status`;

/** The single cache entry that polling and the event stream both write (connection.ts). */
export const cutoverStatusQueryKey = ['sovereignty', 'cutover-status'] as const;

/** GET /status, parsed once at the edge: callers only ever see a valid `CutoverStatus`. */
export async function getCutoverStatus(
  client: ApiClient,
  signal?: AbortSignal,
): Promise<CutoverStatus> {
  const body = await client.getJson(CUTOVER_STATUS_PATH, signal ? { signal } : {});
  return parseCutoverStatus(body);
}
