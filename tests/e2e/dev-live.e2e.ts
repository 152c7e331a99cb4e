/**
 * `npm run dev:live`: the Vite dev server (default mode, no MSW) in front of the loopback
 * catalyst-api through its proxy. Run in-process with its own dependency cache, so it never
 * disturbs another dev server's.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockApi, type MockApi } from '../../mocks/http-server';
import { badge, launchChromium, openConsole, sovereigntyCard, visible } from './browser';
import { ROOT } from './paths';
import { openSse } from './sse';
import { spawnMockApi, type MockApiProcess } from './stack';

const EVENTS = '/api/v1/sovereign/cutover/events';

let api: MockApi;
let vite: ViteDevServer;
let viteUrl: string;
let browser: Browser;

/** `CATALYST_API_URL=<apiUrl> npm run dev:live`, in this process. */
async function startDevServer(
  apiUrl: string,
  logLevel: 'warn' | 'silent' = 'warn',
): Promise<{ server: ViteDevServer; url: string }> {
  process.env.CATALYST_API_URL = apiUrl; // read when the config loads
  try {
    const server = await createServer({
      root: ROOT,
      mode: 'development',
      cacheDir: join(ROOT, 'node_modules', '.vite-e2e'),
      logLevel,
      server: { host: '127.0.0.1', port: 0, strictPort: true },
    });
    await server.listen();
    return { server, url: (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '') };
  } finally {
    delete process.env.CATALYST_API_URL;
  }
}

beforeAll(async () => {
  api = await startMockApi({ port: 0, scenario: 'waiting', stepMs: 2_000 });
  ({ server: vite, url: viteUrl } = await startDevServer(api.url));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  await vite.close();
  await api.close();
});

describe('npm run dev:live (Vite proxy → loopback catalyst-api)', () => {
  it('proxies /healthz and streams the SSE frames through unbuffered', async () => {
    expect(viteUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${viteUrl}/healthz`);
    expect(health.status).toBe(200);

    const stream = await openSse(`${viteUrl}${EVENTS}`);
    expect(stream.headers['content-type']).toBe('text/event-stream');
    // The snapshot arrives while the response is still open: nothing waits for the end.
    await stream.waitFor((frame) => frame.event === 'cutover-status', 3_000);
    const sent = Date.now();
    const start = await fetch(`${viteUrl}/api/v1/sovereign/cutover/start`, {
      method: 'POST',
      body: '{}',
    });
    expect(start.status).toBe(200);
    await stream.waitFor((frame) => frame.event === 'cutover-step-started', 3_000);
    expect(Date.now() - sent).toBeLessThan(1_500); // the first step starts 250 ms after the run
    stream.close();
  });

  it('serves the console with no MSW in the page, talking to the simulator over HTTP', async () => {
    api.reset({ scenario: 'sovereign' });
    const { page, context, problems } = await openConsole(browser, `${viteUrl}/console/dashboard`);
    try {
      await visible(badge(page, 'Sovereign'), 30_000);
      await expect(page.evaluate(() => navigator.serviceWorker.controller === null)).resolves.toBe(
        true,
      );
      await expect(page.getByRole('complementary', { name: 'Offline demo' }).count()).resolves.toBe(
        0,
      );
      expect(api.simulator.statusCalls).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('npm run dev:live when the catalyst-api dies', () => {
  let upstream: MockApiProcess;
  let dev: { server: ViteDevServer; url: string };

  beforeAll(async () => {
    // Its own process, so the test can kill it as a crashed Pod dies: sockets cut, no goodbye.
    upstream = await spawnMockApi(['--port', '0', '--scenario', 'waiting']);
    // Silent: Vite logs every refused proxy request as an error, and here they are the point.
    dev = await startDevServer(upstream.url, 'silent');
  });
  afterAll(async () => {
    await dev.server.close();
    await upstream.stop();
  });

  it("ends the browser's event stream with the upstream's, as nginx does, and answers 502 after", async () => {
    const stream = await openSse(`${dev.url}${EVENTS}`);
    await stream.waitFor((frame) => frame.event === 'cutover-status', 5_000);
    const { page, context, problems } = await openConsole(browser, `${dev.url}/console/dashboard`);
    try {
      const card = sovereigntyCard(page);
      await visible(badge(page, 'Tethered'), 30_000);
      await visible(card.getByText('Live', { exact: true }), 15_000);

      await upstream.kill();
      const killed = Date.now();
      // At the HTTP level: the proxied response ends (cut) instead of staying open and silent.
      await expect(
        Promise.race([
          stream.ended.then(() => 'ended'),
          new Promise((resolve) => setTimeout(resolve, 5_000, 'still open after 5 s')),
        ]),
      ).resolves.toBe('ended');
      expect(Date.now() - killed).toBeLessThan(5_000);
      // In the page: the EventSource saw the error, so the footer stops saying "Live" well before
      // the next /status poll (15 s while the stream is healthy) could have noticed.
      await card.getByText('Live', { exact: true }).waitFor({ state: 'detached', timeout: 5_000 });
      expect(Date.now() - killed).toBeLessThan(8_000);

      // Nothing listens any more: Vite's proxy answers a plain 502, which the card reads as unavailable.
      const refused = await fetch(`${dev.url}/api/v1/sovereign/cutover/status`);
      expect(refused.status).toBe(502);
      await refused.body?.cancel();
      expect(problems).toEqual([]);
    } finally {
      stream.close();
      await context.close();
    }
  });
});
