import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { useApiClient } from '@/lib/api-client-context';
import { parseCutoverStatus, type CutoverStatus } from '../cutover';
import { nextPollDelay } from './poll-policy';
import { StatusProblem, classifyStatusError } from './status-problem';
import { frameWrittenSince } from './stream-marks';

export const CUTOVER_API_PATH = '/v1/sovereign/cutover';
export const CUTOVER_STATUS_PATH = `${CUTOVER_API_PATH}/status`;

/** The single cache entry that polling and the event stream both write. */
export const cutoverStatusQueryKey = ['sovereignty', 'cutover-status'] as const;

export async function getCutoverStatus(
  client: ApiClient,
  signal?: AbortSignal,
): Promise<CutoverStatus> {
  const body = await client.getJson(CUTOVER_STATUS_PATH, signal ? { signal } : {});
  return parseCutoverStatus(body);
}

export interface CutoverStatusQueryOptions {
  /** Whether a live event stream is currently feeding the cache (polling then relaxes). */
  readonly streamHealthy?: boolean;
}

export function cutoverStatusQueryOptions(
  client: ApiClient,
  { streamHealthy = false }: CutoverStatusQueryOptions = {},
) {
  // One cache entry by design (DESIGN.md): the client is fixed for the app's lifetime.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions<CutoverStatus, StatusProblem>({
    queryKey: cutoverStatusQueryKey,
    queryFn: async ({ signal, client: queryClient, queryKey }) => {
      const previous = queryClient.getQueryState<CutoverStatus, StatusProblem>(queryKey);
      const requestedAt = Date.now();
      try {
        const status = await getCutoverStatus(client, signal);
        // The stream wrote newer news while this answer was on its way: keep the newer news
        // (rule 9); the next poll is the authoritative check.
        const cached = queryClient.getQueryData<CutoverStatus>(queryKey);
        return cached && frameWrittenSince(queryClient, requestedAt) ? cached : status;
      } catch (error) {
        const streak =
          previous?.status === 'error' ? (previous.error?.consecutiveFailures ?? 0) : 0;
        throw classifyStatusError(error, streak + 1);
      }
    },
    // One quick retry absorbs a single network blip; 4xx answers and parse errors are answers.
    retry: (failureCount, problem) => problem.transient && failureCount < 1,
    retryDelay: 1_000,
    refetchInterval: (query) =>
      nextPollDelay({
        data: query.state.data,
        problem: query.state.error,
        streamHealthy,
      }),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}

export function useCutoverStatus(options?: CutoverStatusQueryOptions) {
  const client = useApiClient();
  return useQuery(cutoverStatusQueryOptions(client, options));
}
