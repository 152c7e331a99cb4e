import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import chromiumOptions from '../chromium.json';
import { ARTIFACTS_DIR, CHROMIUM_PATH } from './paths';

/** Debian's Chromium, headless, with nothing that phones home (docs/testing.md "Traps we met"). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: chromiumOptions.args,
  });
}

export interface ConsolePage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught exceptions and Content-Security-Policy violations seen in the page. */
  readonly problems: string[];
}

/**
 * A fresh context (axe needs one from `newContext()`), light theme from the system setting,
 * reduced motion so screenshots and contrast checks never catch a transition half-way.
 * An init script records what the page ever showed (`window.__seen`, see `Seen`), for "never"
 * assertions that a final look could miss.
 */
export async function openConsole(browser: Browser, url: string): Promise<ConsolePage> {
  const context = await browser.newContext({
    colorScheme: 'light',
    reducedMotion: 'reduce',
    viewport: { width: 1180, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      problems.push(`csp: ${message.text()}`);
    }
  });
  await page.addInitScript(() => {
    const seen = { badges: [] as string[], parserText: false, failedView: false };
    Object.assign(window, { __seen: seen });
    const record = () => {
      for (const label of document.querySelectorAll('.badge__label')) {
        const text = label.textContent;
        if (seen.badges.at(-1) !== text) seen.badges.push(text);
      }
      const pageText = document.documentElement.textContent;
      if (pageText.includes('invalid CutoverState')) seen.parserText = true;
      if (pageText.includes('The cutover stopped')) seen.failedView = true;
    };
    new MutationObserver(record).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  await page.goto(url);
  return { context, page, problems };
}

/**
 * Ends a test's page: it must have had no uncaught exception and no Content-Security-Policy
 * violation, then its context goes. For each file's `afterEach`; nothing to do without a page.
 */
export async function closeConsole(open: ConsolePage | undefined): Promise<void> {
  if (!open) return;
  try {
    expect(open.problems, 'page errors or CSP violations').toEqual([]);
  } finally {
    await open.context.close();
  }
}

export interface Seen {
  /** Every badge word shown, in order, without repeats in a row. */
  badges: string[];
  /** A parser message (`invalid CutoverState…`) reached the screen. */
  parserText: boolean;
  /** The failed view ("The cutover stopped…") was ever shown. */
  failedView: boolean;
}

export function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);
}

/** The dashboard's Sovereignty card, found as a person finds it: the region named by its heading. */
export function sovereigntyCard(page: Page): Locator {
  return page.getByRole('region', { name: 'Sovereignty' });
}

/** The card's badge word, exactly (`Sovereign`, `Tethered`, `Unknown`). */
export function badge(page: Page, word: string): Locator {
  return sovereigntyCard(page).getByText(word, { exact: true });
}

export async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  // The console follows the system setting live (src/app/theme.tsx) when no choice is stored.
  await page.waitForFunction((wanted) => document.documentElement.dataset.theme === wanted, theme);
}

function describeViolations(results: Awaited<ReturnType<AxeBuilder['analyze']>>): string[] {
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ` +
      violation.nodes
        .slice(0, 4)
        .map(
          (node) =>
            `${node.target.join(' ')}${node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, ' ')}]` : ''}`,
        )
        .join('; '),
  );
}

/**
 * The state as it is on screen now: axe (zero violations) and a full-page screenshot, in the
 * light theme and then the dark one. Screenshots: artifacts/e2e/<state>-<theme>.png; one line per
 * check in artifacts/e2e/axe-summary.txt.
 */
export async function checkState(page: Page, state: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const failures: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    const results = await new AxeBuilder({ page }).analyze();
    const violations = describeViolations(results);
    // One line per check, so a run's accessibility record can be read without re-running it.
    appendFileSync(
      join(ARTIFACTS_DIR, 'axe-summary.txt'),
      `${state}\t${theme}\tviolations=${results.violations.length}\tpasses=${results.passes.length}` +
        `\tneeds-review=${results.incomplete.map((item) => `${item.id}×${item.nodes.length}`).join(',') || '-'}\n`,
    );
    expect(results.passes.length, 'axe checked nothing').toBeGreaterThan(0);
    failures.push(...violations.map((line) => `${theme}: ${line}`));
    await page.screenshot({ path: join(ARTIFACTS_DIR, `${state}-${theme}.png`), fullPage: true });
  }
  await setTheme(page, 'light');
  expect(failures, `axe violations in "${state}"`).toEqual([]);
}
