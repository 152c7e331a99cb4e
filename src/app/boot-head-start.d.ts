/**
 * An answer public/head-start.js reads as it arrives, handed over as the parts of a fetch
 * `Response` the boot module reads (src/lib/api-client.ts's `ApiResponse`), with a fetch's timing:
 * it is handed over when the headers are in, and `text()` settles when the body is. The browser
 * reads the body without waiting for script, so by the time the boot module asks it is usually
 * in already: a fetch body is only read when script asks for it, several main-thread tasks later
 * (docs/performance.md, "Seventh round").
 */
interface ConsoleHeadAnswer {
  readonly status: number;
  /** `status` is 200-299, as `Response.ok`. */
  readonly ok: boolean;
  readonly headers: Headers;
  /**
   * The body, decoded as UTF-8 as `Response.text()` decodes it; rejects, as that does, when the
   * transfer broke after the headers or the request was stopped.
   */
  text(): Promise<string>;
}

/**
 * The `/status` request public/head-start.js sends before the boot module has even been fetched
 * (docs/performance.md, "Badge first"). Read once, and removed, by src/app/boot-status.ts.
 */
interface ConsoleHeadStart {
  /** Where it went: `<mount point>/api/v1/sovereign/cutover/status`, root-relative. */
  readonly url: string;
  /** When it was sent (epoch ms). */
  readonly startedAt: number;
  /**
   * The answer, once its headers are in; rejects as a fetch does when none came (a `TypeError`),
   * or with the reason it was stopped with.
   */
  readonly response: Promise<ConsoleHeadAnswer>;
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
  readonly response: Promise<ConsoleHeadAnswer>;
  readonly controller: AbortController;
}

interface Window {
  __consoleHeadStart?: ConsoleHeadStart | undefined;
  __consoleHeadConfig?: ConsoleHeadConfig | undefined;
}
