import type { CutoverStatus } from '@/features/sovereignty/cutover';
import { loadConfig, type LoadedConfig } from '@/lib/config';
import { writeBootBadge } from './boot-badge';
import { isDashboardPath, startBootStatusFetch, type BootStatusFetch } from './boot-status';

/**
 * What the boot module (src/main.tsx) starts before React has even been downloaded, and hands to
 * React (src/app/start-app.tsx) so nothing is asked twice (docs/performance.md, "Badge first").
 */
export interface Boot {
  /** The card's first `/status` request, when this page shows the dashboard (not in the demo). */
  readonly status: BootStatusFetch | undefined;
  /** config.json, read once for the badge and for React. */
  readonly config: Promise<LoadedConfig>;
  /**
   * The answer the shell's badge shows, once written; `undefined` when none was: no request, a
   * failed or invalid answer, or config.json naming another API base. Never rejects.
   */
  readonly badge: Promise<CutoverStatus | undefined>;
  /** The answer the shell's badge shows now, and when it arrived; `undefined` until then. */
  shownBadge(): { readonly status: CutoverStatus; readonly at: number } | undefined;
}

export interface BootOptions {
  /** `window.location.pathname`: where the console is mounted, and which page this is. */
  readonly pathname: string;
  /** config.json's URL, beside index.html. */
  readonly configUrl: string;
  /** The page, whose `#root` holds index.html's static shell. */
  readonly document: Document;
  /** The offline demo: its catalyst-api is the mock worker, which is not running yet. */
  readonly demo: boolean;
  /** The request public/head-start.js sent already, if it did (`takeHeadStart(window)`). */
  readonly headStart?: ConsoleHeadStart | undefined;
  /** config.json's request, likewise (`takeHeadConfig(window)`). */
  readonly headConfig?: ConsoleHeadConfig | undefined;
  readonly now?: () => number;
}

/**
 * Starts the status request and config.json together and, for a valid answer from the API base
 * config.json confirms, writes the badge into the static shell. Anything else (an HTTP error, a
 * body the parser refuses, a `state` it does not know, another API base) writes nothing: the
 * React card decides what to show. The answer is this visit's own; nothing is remembered.
 */
export function startBoot({
  pathname,
  configUrl,
  document,
  demo,
  headStart,
  headConfig,
  now = Date.now,
}: BootOptions): Boot {
  if (!isDashboardPath(pathname)) {
    // Another page (not found): the shell keeps its header, not the dashboard's card.
    for (const part of document.querySelectorAll('[data-boot-shell] [data-boot-dashboard]')) {
      part.remove();
    }
  }
  // The demo's head script sends nothing (index.html marks it so in that build); were it to, the
  // request would not be the card's.
  if (demo) headStart?.controller.abort();
  const status = demo ? undefined : startBootStatusFetch(pathname, now, headStart);
  const config = loadConfig(configUrl, pathname, headConfig);
  let shown: { status: CutoverStatus; at: number } | undefined;
  const badge = status
    ? Promise.all([status.answer, config]).then(
        ([answer, loaded]) => {
          if (loaded.config.apiBase !== status.apiBase) return undefined;
          if (!writeBootBadge(document, answer.state)) return undefined;
          shown = { status: answer, at: now() };
          return answer;
        },
        () => undefined,
      )
    : Promise.resolve(undefined);
  return { status, config, badge, shownBadge: () => shown };
}
