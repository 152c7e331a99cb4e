import type { InitialStatusFetch } from '@/features/sovereignty/api/connection';
import { getCutoverStatus } from '@/features/sovereignty/api/get-cutover-status';
import { createApiClient } from '@/lib/api-client';
import { detectBasePath } from '@/lib/config';

/** The paths that show the dashboard, directly or by redirect, below the base path. */
const DASHBOARD_PATHS = /^\/?(console\/?(dashboard\/?)?)?$/;

export interface BootStatusFetch extends InitialStatusFetch {
  /** The API base it was sent to (the default one: config.json is not read yet). */
  readonly apiBase: string;
  /** Not used after all (config.json names another API base): stop it. */
  cancel(): void;
}

/**
 * The card's first `GET /status`, sent by the entry before config.json and React, so the answer
 * is on its way while the rest of the console loads (docs/performance.md). Only on the paths that
 * show the dashboard, to the default API base. The card's connection takes it as its first
 * request (parsed and classified as any other answer) or, if stale or unused, asks anew.
 */
export function startBootStatusFetch(
  pathname: string,
  now: () => number = Date.now,
): BootStatusFetch | undefined {
  const basePath = detectBasePath(pathname);
  if (!DASHBOARD_PATHS.test(pathname.slice(basePath.length))) return undefined;
  const apiBase = `${basePath}/api`;
  const controller = new AbortController();
  const startedAt = now();
  let answer: Promise<Awaited<ReturnType<typeof getCutoverStatus>>> | undefined = getCutoverStatus(
    createApiClient({ baseUrl: apiBase }),
    controller.signal,
  );
  // Its failure is the connection's to report, once taken; untaken, it is nobody's.
  answer.catch(() => undefined);
  return {
    apiBase,
    startedAt,
    take() {
      const taken = answer;
      answer = undefined;
      return taken;
    },
    cancel() {
      answer = undefined;
      controller.abort();
    },
  };
}
