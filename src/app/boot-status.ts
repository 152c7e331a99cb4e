import type { InitialStatusFetch } from '@/features/sovereignty/api/connection';
import { getCutoverStatus } from '@/features/sovereignty/api/get-cutover-status';
import type { CutoverStatus } from '@/features/sovereignty/cutover';
import { createApiClient } from '@/lib/api-client';
import { detectBasePath } from '@/lib/config';

/** The paths that show the dashboard, directly or by redirect, below the base path. */
const DASHBOARD_PATHS = /^\/?(console\/?(dashboard\/?)?)?$/;

/** Whether `pathname` shows the dashboard (directly or by redirect), wherever it is mounted. */
export function isDashboardPath(pathname: string): boolean {
  return DASHBOARD_PATHS.test(pathname.slice(detectBasePath(pathname).length));
}

export interface BootStatusFetch extends InitialStatusFetch {
  /** The API base it was sent to (the default one: config.json is not read yet). */
  readonly apiBase: string;
  /**
   * The same answer, parsed, for the boot badge (src/app/boot-shell.ts) to look at: reading it
   * does not take it, the card's connection still does (`take()`).
   */
  readonly answer: Promise<CutoverStatus>;
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
  if (!isDashboardPath(pathname)) return undefined;
  const apiBase = `${detectBasePath(pathname)}/api`;
  const controller = new AbortController();
  const startedAt = now();
  const sent = getCutoverStatus(createApiClient({ baseUrl: apiBase }), controller.signal);
  // Its failure is the connection's to report, once taken; untaken, it is nobody's.
  sent.catch(() => undefined);
  let answer: Promise<CutoverStatus> | undefined = sent;
  return {
    apiBase,
    answer: sent,
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
