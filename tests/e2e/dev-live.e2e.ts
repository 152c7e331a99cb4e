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
import { badge, launchChromium, openConsole, visible } from './browser';
import { ROOT } from './paths';
import { openSse } from './sse';

const EVENTS = '/api/v1/sovereign/cutover/events';

let api: MockApi;
let vite: ViteDevServer;
let viteUrl: string;
let browser: Browser;

beforeAll(async () => {
  api = await startMockApi({ port: 0, scenario: 'waiting', stepMs: 2_000 });
  process.env.CATALYST_API_URL = api.url; // what `CATALYST_API_URL=… npm run dev:live` sets
  vite = await createServer({
    root: ROOT,
    mode: 'development',
    cacheDir: join(ROOT, 'node_modules', '.vite-e2e'),
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, strictPort: true },
  });
  await vite.listen();
  viteUrl = (vite.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  await vite.close();
  await api.close();
  delete process.env.CATALYST_API_URL;
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
