import type { InitialStatusFetch } from '@/features/sovereignty/api/connection';
import {
  CUTOVER_STATUS_PATH,
  getCutoverStatus,
} from '@/features/sovereignty/api/get-cutover-status';
import type { CutoverStatus } from '@/features/sovereignty/cutover';
import { createApiClient, type ApiFetch } from '@/lib/api-client';
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
 * The request public/head-start.js sent, if it did: read once (and removed), so no later caller
 * can take the same response twice.
 */
export function takeHeadStart(win: Window): ConsoleHeadStart | undefined {
  const started = win.__consoleHeadStart;
  win.__consoleHeadStart = undefined;
  return started;
}

/** config.json's request public/head-start.js sent, read once (and removed) in the same way. */
export function takeHeadConfig(win: Window): ConsoleHeadConfig | undefined {
  const started = win.__consoleHeadConfig;
  win.__consoleHeadConfig = undefined;
  return started;
}

/**
 * A `fetch` that answers its first call with the head script's answer (read in full already)
 * instead of sending the request again, and passes any later one on. The caller's signal still
 * counts: the client's timeout, or `cancel()`, stops the head script's request and rejects with
 * the signal's reason, as a real fetch does, so failures are classified exactly as before.
 */
function headStartFetch(started: ConsoleHeadStart): ApiFetch {
  let used = false;
  return (input, init) => {
    if (used) return globalThis.fetch(input, init);
    used = true;
    const signal = init.signal;
    return new Promise<ConsoleHeadAnswer>((resolve, reject) => {
      const abort = () => {
        started.controller.abort(signal?.reason);
        // The signal's own reason, passed on as fetch does (the caller's, or the timeout's).
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(signal?.reason);
      };
      if (signal?.aborted) {
        abort();
        return;
      }
      signal?.addEventListener('abort', abort, { once: true });
      started.response.then(resolve, reject);
    });
  };
}

/**
 * The card's first `GET /status`: the one public/head-start.js already sent before the boot
 * module loaded, or else sent now, so the answer is on its way while the rest of the console loads
 * (docs/performance.md). Only on the paths that show the dashboard, to the default API base.
 * Either way its answer goes through the same client and parser. The card's connection takes it
 * as its first request (parsed and classified as any other answer) or, if stale or unused, asks
 * anew.
 */
export function startBootStatusFetch(
  pathname: string,
  now: () => number = Date.now,
  headStart?: ConsoleHeadStart,
): BootStatusFetch | undefined {
  if (!isDashboardPath(pathname)) {
    headStart?.controller.abort();
    return undefined;
  }
  const apiBase = `${detectBasePath(pathname)}/api`;
  const controller = new AbortController();
  const client = createApiClient({ baseUrl: apiBase });
  // Only a request to the very URL this module would ask: anything else is not the card's.
  const head = headStart?.url === client.url(CUTOVER_STATUS_PATH) ? headStart : undefined;
  if (headStart && !head) headStart.controller.abort();
  const startedAt = head ? head.startedAt : now();
  const sent = getCutoverStatus(
    head ? createApiClient({ baseUrl: apiBase, fetch: headStartFetch(head) }) : client,
    controller.signal,
  );
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
