import { QueryClient } from '@tanstack/react-query';

/**
 * Defaults for every query; the cutover status query sets its own polling and retry policy
 * (src/features/sovereignty/api/get-cutover-status.ts).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: true, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}
