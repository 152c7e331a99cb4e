/**
 * The `/status` request public/head-start.js sends before the boot module has even been fetched
 * (docs/performance.md, "Badge first"). Read once, and removed, by src/app/boot-status.ts.
 */
interface ConsoleHeadStart {
  /** Where it went: `<mount point>/api/v1/sovereign/cutover/status`, root-relative. */
  readonly url: string;
  /** When it was sent (epoch ms). */
  readonly startedAt: number;
  /** The fetch, as sent: nothing has read its body. */
  readonly response: Promise<Response>;
  /** Stops it (a timeout, or config.json naming another API base). */
  readonly controller: AbortController;
}

/**
 * config.json's request, sent by public/head-start.js beside the status request; taken once by
 * src/lib/config.ts's loadConfig (`StartedConfigFetch`) when its URL is the boot module's own.
 */
interface ConsoleHeadConfig {
  /** Absolute: config.json beside the page (beside head-start.js where it is a file). */
  readonly url: string;
  readonly response: Promise<Response>;
  readonly controller: AbortController;
}

interface Window {
  __consoleHeadStart?: ConsoleHeadStart | undefined;
  __consoleHeadConfig?: ConsoleHeadConfig | undefined;
}
