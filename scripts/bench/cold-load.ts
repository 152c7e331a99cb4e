import type { Browser, Page } from 'playwright-core';
import type { Condition } from './conditions';
import { BADGE_MESSAGE, INIT_SCRIPT, MOUNTED_MESSAGE } from './pages';

export interface Load {
  readonly page: 'console' | 'plain';
  /** Navigation start → the frame that paints the badge's word. */
  readonly ms: number;
  /** Navigation start → React has rendered (`data-mounted`); the console only. */
  readonly mountedMs: number | undefined;
  readonly cls: number;
  /** Bytes the network transferred (with headers) up to the badge. */
  readonly transferred: number;
  /** The JS and CSS files that had arrived by the badge (whether or not it needed them). */
  readonly scripts: string[];
  /** When the status request left, ms after navigation start. */
  readonly statusStart: number | undefined;
  /** `/status` requests sent by the time React had rendered (and a moment after). */
  readonly statusRequests: number;
}

const TIMEOUT_MS = 30_000;

/** The init script's message for that moment, listened for before the page could send it. */
function said(tab: Page, text: string): Promise<unknown> {
  return tab.waitForEvent('console', {
    predicate: (message) => message.text() === text,
    timeout: TIMEOUT_MS,
  });
}

export async function coldLoad(
  browser: Browser,
  url: string,
  page: Load['page'],
  condition: Condition,
): Promise<Load> {
  // A new context per load: an empty cache and no open connections (a cold load).
  const context = await browser.newContext({ viewport: { width: 1180, height: 900 } });
  try {
    const tab = await context.newPage();
    await tab.addInitScript(INIT_SCRIPT);
    let statusRequests = 0;
    tab.on('request', (request) => {
      if (request.url().includes('/cutover/status')) statusRequests += 1;
    });
    const cdp = await context.newCDPSession(tab);
    if (condition.cpu !== 1)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpu });
    if (condition.network) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...condition.network });
    }
    const badgeSaid = said(tab, BADGE_MESSAGE);
    const mountedSaid = page === 'console' ? said(tab, MOUNTED_MESSAGE) : undefined;
    // Awaited below; a load that fails first must not leave them to reject unheard.
    for (const waiting of [badgeSaid, mountedSaid]) waiting?.catch(() => undefined);
    // Nothing of the driver's runs in the page until React has rendered (or, on the plain page,
    // the badge is there): no polling, no evaluating.
    await tab.goto(url, { waitUntil: 'commit' });
    await badgeSaid;
    await mountedSaid;
    const measured = await tab.evaluate((kind) => {
      const w = window as unknown as { __badgeAt: number; __cls: number };
      const at = w.__badgeAt;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const before = resources.filter((entry) => entry.responseEnd <= at);
      const status = resources.find((entry) => entry.name.includes('/cutover/status'));
      return {
        page: kind,
        ms: at,
        transferred: nav.transferSize + before.reduce((sum, entry) => sum + entry.transferSize, 0),
        // Once each: a preloaded file shows up again when it is used (from the memory cache).
        scripts: [
          ...new Set(
            before
              .map((entry) => new URL(entry.name).pathname)
              .filter((path) => /\.(js|css)$/.test(path)),
          ),
        ],
        statusStart: status?.startTime,
      };
    }, page);
    let mountedMs: number | undefined;
    if (mountedSaid) {
      mountedMs = await tab.evaluate(
        () => (window as unknown as { __mountedAt: number }).__mountedAt,
      );
      // The card's connection starts as React renders: a second request would have left by now.
      await tab.waitForTimeout(100);
    }
    const cls = await tab.evaluate(() => (window as unknown as { __cls: number }).__cls);
    return { ...measured, mountedMs, cls, statusRequests };
  } finally {
    await context.close();
  }
}
