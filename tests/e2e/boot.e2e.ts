/**
 * Badge first, in a real browser (docs/performance.md): what a cold load of the production build
 * asks, and who asks it. The head script (public/head-start.js) sends `/status` and config.json
 * before the boot module has arrived; the boot module takes both over, so each is asked once; and
 * React's files are prefetched (downloaded, not compiled: as modulepreloads they held the boot
 * module up), then imported from the browser's cache: each crosses the network once. Under a path
 * prefix, as on the mothership.
 */
import type { Browser, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { badge, launchChromium, openConsole, visible, type ConsolePage } from './browser';
import { DIST } from './paths';
import { startConsoleServer, startLiveStack, type ConsoleServer, type LiveStack } from './stack';

let browser: Browser;
let stack: LiveStack;
let prefixed: ConsoleServer;
let open: ConsolePage | undefined;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startLiveStack({ scenario: 'waiting' })]);
  prefixed = await startConsoleServer({ root: DIST, apiUrl: stack.api.url, prefix: '/sovereign' });
});
afterEach(async () => {
  if (open) expect(open.problems, 'page errors or CSP violations').toEqual([]);
  await open?.context.close();
  open = undefined;
});
afterAll(async () => {
  await browser.close();
  await prefixed.close();
  await stack.close();
});

const pathOf = (request: Request) => new URL(request.url()).pathname;

describe('a cold load: each request once, the first two from the head script', () => {
  it('under /sovereign: /status and config.json asked once each, React’s files fetched once each', async () => {
    stack.api.reset({ scenario: 'waiting' });
    open = await openConsole(browser, 'about:blank');
    const { page } = open;
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    await page.goto(`${prefixed.url}/console/dashboard`);
    await visible(badge(page, 'Tethered'));
    await expect
      .poll(() => page.evaluate(() => document.documentElement.hasAttribute('data-mounted')))
      .toBe(true);
    // A moment for a second request, were one to follow React's start.
    await page.waitForTimeout(300);

    const paths = requests.map(pathOf);
    const count = (pattern: RegExp) => paths.filter((path) => pattern.test(path)).length;
    expect(count(/^\/sovereign\/api\/v1\/sovereign\/cutover\/status$/)).toBe(1);
    expect(count(/^\/sovereign\/console\/config\.json$/)).toBe(1);
    // Both were taken: nothing is left on window for anyone else.
    await expect(
      page.evaluate(() => [window.__consoleHeadStart, window.__consoleHeadConfig]),
    ).resolves.toEqual([undefined, undefined]);

    // React's files: prefetched by index.html, not preloaded (no compiling beside the boot entry)…
    const html = await (await fetch(`${prefixed.url}/console/dashboard`)).text();
    expect(html).not.toContain('modulepreload');
    const prefetched = [...html.matchAll(/<link rel="prefetch" href="\.\/(assets\/[^"]+)">/g)].map(
      (match) => match[1],
    );
    expect(prefetched).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^assets\/start-app-[\w-]+\.js$/),
        expect.stringMatching(/^assets\/Dashboard-[\w-]+\.js$/),
        expect.stringMatching(/^assets\/Dashboard-[\w-]+\.css$/),
      ]),
    );
    // …and each fetched from the server once: the import found it in the cache.
    for (const file of prefetched) {
      const fetched = prefixed.requests.filter((line) => line === `GET /sovereign/console/${file}`);
      expect(fetched, file).toHaveLength(1);
    }
  });
});
