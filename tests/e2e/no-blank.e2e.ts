/**
 * Never a blank page (docs/architecture.md, docs/deployment.md): the production build, served as
 * an ingress would under the strict CSP, when its own files fail to load. The dashboard's chunk
 * missing after a redeploy → "The console was updated or could not load" inside the shell; the
 * entry script missing → public/boot-check.js's plain message after a few seconds. Each with a
 * Reload button that works once the files are back, no CSP violation, and nothing for axe.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleServer, type ConsoleServer } from './stack';
import {
  badge,
  checkState,
  closeConsole,
  launchChromium,
  openConsole,
  visible,
  type ConsolePage,
} from './browser';
import { ARTIFACTS_DIR, DIST } from './paths';
import { startLiveStack, type LiveStack } from './stack';

const DASHBOARD_JS = /\/assets\/Dashboard-[\w-]+\.js$/;
const DASHBOARD_CSS = /\/assets\/Dashboard-[\w-]+\.css$/;
const ENTRY_JS = /\/assets\/index-[\w-]+\.js$/;
/** public/boot-check.js waits this long after the page's load event before it speaks. */
const BOOT_CHECK_MS = 6_000;

const UPDATED = 'The console was updated or could not load';
const NOT_STARTED = 'The console did not start';

let browser: Browser;
let stack: LiveStack;
let prefixed: ConsoleServer;
let open: ConsolePage | undefined;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startLiveStack({ scenario: 'waiting' })]);
  // Mounted under a prefix, as on the mothership: relative paths must still find every file.
  prefixed = await startConsoleServer({ root: DIST, apiUrl: stack.api.url, prefix: '/sovereign' });
});
afterEach(async () => {
  const ending = open;
  open = undefined;
  if (ending) {
    const violations = await cspViolations(ending.page);
    await closeConsole(ending);
    expect(violations, 'securitypolicyviolation events').toEqual([]);
  }
});
afterAll(async () => {
  await browser.close();
  await prefixed.close();
  await stack.close();
});

/**
 * A console page that has not navigated yet, so a test can break some of its files first. It also
 * records every `securitypolicyviolation` the document sees, beside the console messages that
 * `openConsole` already collects.
 */
async function blankConsolePage(theme: 'light' | 'dark' = 'light'): Promise<ConsolePage> {
  open = await openConsole(browser, 'about:blank');
  await open.page.emulateMedia({ colorScheme: theme });
  await open.page.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { __cspViolations: violations });
    document.addEventListener('securitypolicyviolation', (event) => {
      violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return open;
}

function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
  );
}

const mounted = (page: Page) =>
  page.evaluate(() => document.documentElement.hasAttribute('data-mounted'));

/** axe (nothing allowed) and a screenshot, for a page whose theme was fixed when it loaded. */
async function checkAsLoaded(page: Page, state: string, theme: 'light' | 'dark'): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  appendFileSync(
    join(ARTIFACTS_DIR, 'axe-summary.txt'),
    `${state}\t${theme}\tviolations=${results.violations.length}\tpasses=${results.passes.length}\n`,
  );
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${state}-${theme}.png`), fullPage: true });
  expect(results.passes.length, 'axe checked nothing').toBeGreaterThan(0);
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.help}`),
    `axe violations in "${state}" (${theme})`,
  ).toEqual([]);
}

describe('never a blank page', () => {
  it('index.html: two inline scripts, the head script and the boot check; the rest from files, relative', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    // Written in by the build and allowed by their hashes (nginx.e2e.ts), first: the head script,
    // then the boot check (public/boot-check.js), which needs no file of its own to speak.
    const [
      [, headAttributes = '', headBody = ''] = [],
      [, checkAttributes = '', checkBody = ''] = [],
      ...files
    ] = scripts;
    expect(headAttributes).toBe('');
    expect(headBody).toContain('__consoleHeadStart');
    expect(checkAttributes).toBe('');
    expect(checkBody).toContain('data-mounted');
    for (const [tag, attributes = '', body] of files) {
      expect(attributes, tag).toMatch(/\bsrc="\.\//);
      expect(body, tag).toBe('');
    }
    // Still shipped one release more, for a page of the previous build during a rolling update.
    expect(readFileSync(join(DIST, 'boot-check.js'), 'utf8')).toContain('data-mounted');
    // Copied from public/ by the build, for the boot check to load beside the page.
    expect(readFileSync(join(DIST, 'boot-check.css'), 'utf8')).toContain('.boot-check');
  });

  it.each([
    ['its script answers 404', DASHBOARD_JS],
    ['its stylesheet answers 404', DASHBOARD_CSS],
  ])(
    'the dashboard chunk cannot load (%s, as after a redeploy): "the console was updated", Reload fixes it',
    async (_how, file) => {
      stack.api.reset({ scenario: 'waiting' });
      const { page, context } = await blankConsolePage();
      let gone = true;
      await context.route(file, (route) =>
        gone
          ? route.fulfill({ status: 404, contentType: 'text/plain', body: '404 page not found\n' })
          : route.continue(),
      );
      await page.goto(`${stack.site.url}/console/dashboard`);

      const heading = page.getByRole('heading', { level: 1, name: UPDATED });
      await visible(heading);
      await visible(
        page.getByRole('alert').filter({ hasText: 'Reload the page to get the current version' }),
      );
      // Inside the shell, which did load: its header and theme choice stay.
      await visible(page.getByRole('banner').getByText('Sovereign console'));
      await expect(page.getByRole('button', { name: 'Reload' }).isEnabled()).resolves.toBe(true);
      await expect(page.getByText('Technical details').isVisible()).resolves.toBe(true);
      await expect(mounted(page)).resolves.toBe(true);
      await expect(page.getByRole('region', { name: 'Sovereignty' }).count()).resolves.toBe(0);

      gone = false; // the operator reloads once the new files are there
      await page.getByRole('button', { name: 'Reload' }).click();
      await visible(badge(page, 'Tethered'));
      await expect(heading.count()).resolves.toBe(0);
    },
  );

  it('the chunk failure view passes axe, light and dark, and boot-check.js stays quiet behind it', async () => {
    stack.api.reset({ scenario: 'waiting' });
    const { page, context } = await blankConsolePage();
    await context.route(DASHBOARD_JS, (route) => route.fulfill({ status: 404, body: '' }));
    const loaded = Date.now();
    await page.goto(`${stack.site.url}/console/dashboard`);
    await visible(page.getByRole('heading', { level: 1, name: UPDATED }));
    await checkState(page, 'chunk-failure');
    // The console mounted and said what happened: the plain boot message must never join it.
    await page.waitForTimeout(Math.max(0, BOOT_CHECK_MS + 1_000 - (Date.now() - loaded)));
    await expect(page.getByRole('heading', { name: NOT_STARTED }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { level: 1 }).allTextContents()).resolves.toEqual([
      UPDATED,
    ]);
  });

  it.each(['light', 'dark'] as const)(
    'the entry script cannot load (under /sovereign, %s): after a few seconds a plain message with Reload, which fixes it',
    async (theme) => {
      stack.api.reset({ scenario: 'waiting' });
      const { page, context } = await blankConsolePage(theme);
      let blocked = true;
      await context.route(ENTRY_JS, (route) =>
        blocked ? route.abort('failed') : route.continue(),
      );
      const loaded = Date.now();
      await page.goto(`${prefixed.url}/console/dashboard`);
      const heading = page.getByRole('heading', { level: 1, name: NOT_STARTED });
      await expect(heading.count()).resolves.toBe(0); // it gives the console its few seconds

      await visible(heading, BOOT_CHECK_MS + 5_000);
      expect(Date.now() - loaded).toBeGreaterThanOrEqual(BOOT_CHECK_MS - 500);
      await visible(
        page
          .getByRole('alert')
          .filter({ hasText: "the console's files may be out of date or blocked" }),
      );
      await visible(page.getByRole('main', { name: NOT_STARTED }));
      await expect(mounted(page)).resolves.toBe(false);
      // Its stylesheet came from beside index.html under the prefix, and applied.
      expect(prefixed.requests).toEqual(
        expect.arrayContaining(['GET /sovereign/console/boot-check.css']),
      );
      await page.waitForFunction(
        () =>
          getComputedStyle(document.querySelector('main.boot-check')!).borderLeftWidth === '4px',
      );
      await checkAsLoaded(page, 'boot-check', theme);

      blocked = false;
      await page.getByRole('button', { name: 'Reload' }).click();
      await visible(badge(page, 'Tethered'));
      // The badge comes first (index.html's shell, docs/performance.md); React follows.
      await expect.poll(() => mounted(page)).toBe(true);
      await expect(heading.count()).resolves.toBe(0);
    },
  );

  it('a slow entry is not reported as a failure: nothing until the page has loaded, then the console', async () => {
    stack.api.reset({ scenario: 'waiting' });
    const { page, context } = await blankConsolePage();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await context.route(ENTRY_JS, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${stack.site.url}/console/dashboard`, { waitUntil: 'commit' });
    // Past the 6 s, with the entry still on its way: the page has not loaded, so no verdict yet.
    await page.waitForTimeout(BOOT_CHECK_MS + 2_000);
    await expect(page.getByRole('heading', { name: NOT_STARTED }).count()).resolves.toBe(0);
    await expect(page.evaluate(() => document.readyState)).resolves.not.toBe('complete');

    release();
    await visible(badge(page, 'Tethered'));
    // The badge comes first (index.html's shell, docs/performance.md); React follows.
    await expect.poll(() => mounted(page)).toBe(true);
    await expect(page.getByRole('heading', { name: NOT_STARTED }).count()).resolves.toBe(0);
    await expect(page.getByRole('main').count()).resolves.toBe(1);
  });
});
