/**
 * The offline demo as static files (`dist-demo/`): the simulated catalyst-api runs in the page
 * (MSW service worker). Served without any API behind it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleServer, type ConsoleServer } from './stack';
import {
  badge,
  checkState,
  launchChromium,
  openConsole,
  seen,
  sovereigntyCard,
  visible,
} from './browser';
import { DIST_DEMO } from './paths';

let browser: Browser;
let site: ConsoleServer;

beforeAll(async () => {
  [browser, site] = await Promise.all([
    launchChromium(),
    startConsoleServer({ root: DIST_DEMO }), // no apiUrl: nothing answers /api but the worker
  ]);
});
afterAll(async () => {
  await browser.close();
  await site.close();
});

describe('the demo build, offline', () => {
  it('fresh install reaches Sovereign by itself, with every API call answered in the page', async () => {
    const { page, context, problems } = await openConsole(
      browser,
      `${site.url}/console/dashboard?scenario=fresh-install&stepMs=400`,
    );
    try {
      await visible(page.getByRole('complementary', { name: 'Offline demo' }));
      await visible(badge(page, 'Tethered'));
      await visible(sovereigntyCard(page).getByText(/^\d+ of 11 done$/), 20_000);
      await checkState(page, 'demo-cutting-over');
      await visible(badge(page, 'Sovereign'), 30_000);
      await checkState(page, 'demo-sovereign');
      expect((await seen(page)).parserText).toBe(false);
      expect(site.requests.filter((line) => line.includes('/cutover/status'))).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
