/**
 * Does anything move when React takes over from index.html's static shell? Serves the production
 * build (dist/, `npm run build` first) behind the shipped nginx in front of the loopback
 * catalyst-api, holds React's chunk back until the shell shows its badge, and at each width
 * compares where the header, the badge, the card's title and its subtitle are in the shell and
 * once React has rendered; screenshots of both in artifacts/bench/ (docs/performance.md).
 *
 *   node --import tsx scripts/bench/shell-match.ts [sovereign]   (default: the waiting, Tethered scenario)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startMockApi } from '../../mocks/http-server';
import chromiumOptions from '../../tests/chromium.json';
import { startNginx } from '../serve-nginx';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'artifacts', 'bench');
const WIDTHS = [360, 1280];
const PARTS = {
  header: '.shell__header',
  host: '.shell__host',
  badge: '.sovereignty .card__aside .badge',
  title: '.sovereignty .card__title',
  subtitle: '.sovereignty .card__subtitle',
};

async function boxes(page: Page): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const [name, selector] of Object.entries(PARTS)) {
    const part = page.locator(selector).first();
    const box = await part.boundingBox();
    found[name] = box
      ? `${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)} ${await part.evaluate((node) => getComputedStyle(node).color)}`
      : 'absent';
  }
  return found;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const api = await startMockApi({
    port: 0,
    scenario: process.argv[2] === 'sovereign' ? 'sovereign' : 'waiting',
  });
  const nginx = await startNginx({ root: join(ROOT, 'dist'), apiUrl: api.url, port: 0 });
  const browser = await chromium.launch(chromiumOptions);
  let moved = false;
  try {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/assets\/start-app-[\w-]+\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${nginx.origin}/console/dashboard`);
      await page.locator('[data-boot-shell] .badge__label').waitFor();
      const shell = await boxes(page);
      await page.screenshot({ path: join(OUT, `shell-${width}.png`) });
      release();
      await page.locator('html[data-mounted]').waitFor();
      await page.locator('.sovereignty[data-display]:not([data-display="loading"])').waitFor();
      const react = await boxes(page);
      await page.screenshot({ path: join(OUT, `react-${width}.png`) });
      for (const name of Object.keys(PARTS)) {
        const same = shell[name] === react[name];
        if (!same && name !== 'host') moved = true;
        console.log(
          `${width} px ${name.padEnd(8)} shell ${shell[name]!.padEnd(40)} react ${react[name]!.padEnd(40)} ${same ? 'same' : 'MOVED'}`,
        );
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await nginx.close();
    await api.close();
  }
  console.log(moved ? 'something moved' : 'nothing moved');
}

await main();
