import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, type ApiClient } from '@/lib/api-client';
import { useApiClient } from '@/lib/console-context';
import { CUTOVER_API_PATH, cutoverStatusQueryKey } from './get-cutover-status';
import { useCutoverConnection } from './use-live-cutover';

export const CUTOVER_START_PATH = `${CUTOVER_API_PATH}/start`;

/** `started`: 200; `already-running`: 409 cutover-in-progress, which is progress, not an error. */
export type StartOutcome = 'started' | 'already-running';

/** Why a retry did not start, in the catalyst-api's own words where it gave some. */
export class StartCutoverError extends Error {
  override readonly name = 'StartCutoverError';
  readonly status: number | undefined;
  readonly code: string | undefined;

  constructor(message: string, status?: number, code?: string, cause?: unknown) {
    super(message, { cause });
    this.status = status;
    this.code = code;
  }
}

/**
 * POST /start with `{}`. The 200 body is not used: it is a re-read taken before the engine has
 * done anything and lists every step pending (docs/cutover-contract.md §13), so the status is
 * re-fetched.
 */
export async function startCutover(client: ApiClient): Promise<StartOutcome> {
  try {
    await client.postJson(CUTOVER_START_PATH, {});
    return 'started';
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.kind === 'http' && error.status === 409) return 'already-running';
      if (error.kind === 'http') {
        const why =
          error.detail ?? (error.html ? 'a proxy answered with an error page' : undefined);
        throw new StartCutoverError(
          `The catalyst-api answered HTTP ${error.status ?? '?'}${error.code ? ` (${error.code})` : ''}${why ? `: ${why}` : '.'}`,
          error.status,
          error.code,
          error,
        );
      }
      if (error.kind === 'not-json') {
        // A web page where JSON belongs is a proxy or a sign-in page answering, not the API.
        if (error.html) {
          throw new StartCutoverError(
            'The catalyst-api address answered with a web page (a proxy or a sign-in page?); the cutover did not start.',
            error.status,
            undefined,
            error,
          );
        }
        return 'started'; // a 2xx from the API itself; its body is not used anyway
      }
      throw new StartCutoverError(
        `Could not reach the catalyst-api (${error.message}).`,
        undefined,
        undefined,
        error,
      );
    }
    throw error;
  }
}

export function useStartCutover() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const connection = useCutoverConnection();
  return useMutation<StartOutcome, StartCutoverError>({
    mutationKey: ['sovereignty', 'start-cutover'],
    mutationFn: () => startCutover(client),
    // Awaited, so the mutation stays pending (and Retry disabled) until the new status is in.
    onSuccess: () =>
      connection
        ? connection.refresh()
        : queryClient.invalidateQueries({ queryKey: cutoverStatusQueryKey }),
  });
}
