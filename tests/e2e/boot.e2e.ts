/**
 * Badge first, in a real browser (docs/performance.md): what a cold load of the production build
 * asks, and who asks it. The head script (public/head-start.js) sends `/status` and config.json
 * before the boot module has arrived; the boot module takes both over, so each is asked once; and
 * React's files are asked for only once the badge is written (downloaded earlier, as modulepreloads
 * or prefetches, they held the badge up: docs/performance.md), each once. Under a path prefix, as
 * on the mothership. And the head script's own request, an XMLHttpRequest read as it arrives
 * (docs/performance.md, "Seventh round"), fails as a fetch would: the card tells an unreachable
 * API from a transfer broken after the headers, from that one request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  badge,
  closeConsole,
  launchChromium,
  openConsole,
  visible,
  type ConsolePage,
} from './browser';
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
  const ending = open;
  open = undefined;
  await closeConsole(ending);
});
afterAll(async () => {
  await browser.close();
  await prefixed.close();
  await stack.close();
});

const pathOf = (request: Request) => new URL(request.url()).pathname;

describe('a cold load: each request once, the first two from the head script', () => {
  it('under /sovereign: /status and config.json asked once each, React’s files once each and after the badge', async () => {
    stack.api.reset({ scenario: 'waiting' });
    open = await openConsole(browser, 'about:blank');
    const { page } = open;
    // When the shell's badge first holds its word, and when the frame that shows it has been
    // painted (a task queued from that frame's callback runs after its paint), on the page's own
    // clock (Resource Timing's). This observer's frame callback is registered before the boot
    // module's, so its task runs first.
    await page.addInitScript(() => {
      const w = window as unknown as { __badgeWrittenAt: number; __badgePaintedAt: number };
      new MutationObserver((_records, observer) => {
        const label = document.querySelector('[data-boot-shell] .badge__label');
        if (label?.textContent === 'Tethered') {
          w.__badgeWrittenAt = performance.now();
          requestAnimationFrame(() => {
            setTimeout(() => {
              w.__badgePaintedAt = performance.now();
            });
          });
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
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

    // index.html names none of React's files: neither preloaded (compiled beside the boot entry)
    // nor prefetched (downloaded beside the badge's answers)…
    const html = await (await fetch(`${prefixed.url}/console/dashboard`)).text();
    expect(html).not.toMatch(/modulepreload|prefetch/);
    // …the boot module asks for them (every file under assets/ but its own, which index.html
    // names) once the frame that shows the shell's badge is painted…
    const entry = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map(
      (match) => `/sovereign/console/${match[1]}`,
    );
    expect(entry).toEqual([
      expect.stringMatching(/\/assets\/index-[\w-]+\.js$/),
      expect.stringMatching(/\/assets\/index-[\w-]+\.css$/),
    ]);
    const { writtenAt, paintedAt, react } = await page.evaluate(
      (own) => ({
        writtenAt: (window as unknown as { __badgeWrittenAt?: number }).__badgeWrittenAt,
        paintedAt: (window as unknown as { __badgePaintedAt?: number }).__badgePaintedAt,
        react: performance
          .getEntriesByType('resource')
          .map((entry) => ({ file: new URL(entry.name).pathname, startTime: entry.startTime }))
          .filter(({ file }) => /\/assets\/[^/]+\.(js|css)$/.test(file) && !own.includes(file)),
      }),
      entry,
    );
    expect(writtenAt).toBeTypeOf('number');
    expect(paintedAt).toBeGreaterThan(writtenAt!);
    expect(react.map(({ file }) => file.replace(/-[\w-]{8}\.(js|css)$/, '.$1'))).toEqual(
      expect.arrayContaining([
        '/sovereign/console/assets/start-app.js',
        '/sovereign/console/assets/Dashboard.js',
        '/sovereign/console/assets/Dashboard.css',
      ]),
    );
    for (const { file, startTime } of react) expect(startTime, file).toBeGreaterThan(paintedAt!);
    // …and each crosses the network once.
    for (const { file } of react) {
      const fetched = prefixed.requests.filter((line) => line === `GET ${file}`);
      expect(fetched, file).toHaveLength(1);
    }
  });
});

describe('the head script’s request fails as a fetch’s would, in a real browser', () => {
  const STATUS = '/api/v1/sovereign/cutover/status';
  let cutting: Server;
  let cuttingSite: ConsoleServer;
  let statusAsked = 0;

  beforeAll(async () => {
    // A catalyst-api whose `/status` sends its headers and part of its body, then drops the
    // connection; nginx passes the headers on and then drops the browser's connection too.
    cutting = createServer((request, response) => {
      if (request.url === STATUS) {
        statusAsked += 1;
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '200' });
        response.write('{"state":"teth', () => response.socket?.destroy());
        return;
      }
      response.writeHead(503, { 'Content-Type': 'application/json' });
      response.end('{"error":"unavailable"}');
    });
    await new Promise<void>((resolve) => cutting.listen(0, '127.0.0.1', resolve));
    const { port } = cutting.address() as AddressInfo;
    cuttingSite = await startConsoleServer({ root: DIST, apiUrl: `http://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await cuttingSite.close();
    await new Promise((resolve) => cutting.close(resolve));
  });

  it('a transfer broken after the headers: “dropped while reading”, from the one request sent', async () => {
    statusAsked = 0;
    open = await openConsole(browser, 'about:blank');
    const { page } = open;
    await page.goto(`${cuttingSite.url}/console/dashboard`);
    await visible(
      page.getByText('The connection to the catalyst-api dropped while reading its answer.'),
    );
    // The card's own retries come seconds later: this was the head script's request.
    expect(statusAsked).toBe(1);
  });

  it('no answer at all: “could not reach”, from the one request sent', async () => {
    stack.api.reset({ scenario: 'waiting' });
    open = await openConsole(browser, 'about:blank');
    const { page } = open;
    let refused = 0;
    await page.route(`**${STATUS}`, (route) => {
      refused += 1;
      return route.abort('connectionreset');
    });
    await page.goto(`${prefixed.url}/console/dashboard`);
    await visible(page.getByText('Could not reach the catalyst-api.'));
    expect(refused).toBe(1);
  });
});
