/**
 * After the run (docs/after-the-run.md), in the production build behind nginx against the
 * loopback catalyst-api over real HTTP and SSE: the proof of sovereignty downloaded from the
 * Sovereign view and checked against its schema, the print record, the attempts a retried run
 * leaves, the new-run notice after an API restart, and the tab title and favicon.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { proofSchema } from '../../src/features/sovereignty/proof';
import {
  badge,
  checkState,
  closeConsole,
  launchChromium,
  openConsole,
  sovereigntyCard,
  visible,
  type ConsolePage,
} from './browser';
import { ARTIFACTS_DIR } from './paths';
import { startLiveStack, type LiveStack } from './stack';

let browser: Browser;
let stack: LiveStack;
let open: ConsolePage | undefined;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startLiveStack()]);
});
afterEach(async () => {
  const ending = open;
  open = undefined;
  await closeConsole(ending);
});
afterAll(async () => {
  await browser.close();
  await stack.close();
});

async function dashboard(): Promise<ConsolePage> {
  open = await openConsole(browser, `${stack.site.url}/console/dashboard`);
  return open;
}

/** Clicks Download proof and returns the file's name and its parsed, schema-checked content. */
async function downloadProof(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    sovereigntyCard(page).getByRole('button', { name: 'Download proof' }).click(),
  ]);
  const path = await download.path();
  const proof = proofSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  return { name: download.suggestedFilename(), proof };
}

describe('after the run, in the production build', () => {
  it('Sovereign: the downloaded proof holds every step, its Job and the egress hold; the tab says Sovereign', async () => {
    stack.api.reset({ scenario: 'sovereign' });
    const { page } = await dashboard();
    await visible(badge(page, 'Sovereign'));
    await visible(sovereigntyCard(page).getByRole('button', { name: 'Download proof' }));
    const host = new URL(stack.site.url).hostname;
    await expect.poll(() => page.title()).toBe(`Sovereign · ${host}`);
    const icon = await page.locator('link[rel~="icon"]').getAttribute('href');
    expect(icon?.startsWith('data:image/svg+xml,')).toBe(true);
    await checkState(page, 'proof-sovereign');

    const { name, proof } = await downloadProof(page);
    expect(name).toBe(`sovereignty-proof-${host}-${new Date().toISOString().slice(0, 10)}.json`);
    expect(proof.status).toMatchObject({ state: 'sovereign', cutoverComplete: true });
    expect(proof.status.finishedAt).not.toBeNull();
    expect(proof.sovereign.host).toBe(host);
    expect(proof.console).toEqual({ url: `${stack.site.url}/console/dashboard`, apiBase: '/api' });
    expect(proof.steps).toHaveLength(11);
    for (const step of proof.steps) {
      expect(step.status).toBe('done');
      expect(step.jobName).toMatch(/^cutover-/);
      expect(step.durationMs).toBeGreaterThanOrEqual(0);
    }
    const egress = proof.steps.find((step) => step.id === 'egress-block-test');
    expect(proof.egressHold).toEqual({
      startedAt: egress?.startedAt,
      finishedAt: egress?.finishedAt,
      durationMs: egress?.durationMs,
      passed: true,
    });
    expect(Date.now() - Date.parse(proof.savedAt)).toBeLessThan(60_000);
    await visible(sovereigntyCard(page).getByText(name, { exact: true }));
  });

  it('print: a clean record, no app chrome or buttons, every step shown', async () => {
    stack.api.reset({ scenario: 'sovereign' });
    const { page } = await dashboard();
    await visible(badge(page, 'Sovereign'));
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.shell__header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Download proof' }).isVisible()).toBe(false);
    await visible(page.getByRole('list', { name: 'Cutover steps' }), 5_000);
    // The record names every step: a step's name is a toggle button, the one button printed.
    const steps = page.getByRole('list', { name: 'Cutover steps' });
    await visible(steps.getByText('Mirror GitOps repository', { exact: true }), 5_000);
    await visible(steps.getByText('Egress-block self-test', { exact: true }), 5_000);
    const colours = await page.evaluate(() => {
      const card = document.querySelector('.card');
      const style = card ? getComputedStyle(card) : undefined;
      return { text: style?.color, body: getComputedStyle(document.body).backgroundColor };
    });
    expect(colours).toEqual({ text: 'rgb(0, 0, 0)', body: 'rgb(255, 255, 255)' });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'proof-print-preview.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({
      path: join(ARTIFACTS_DIR, 'proof-print-preview-from-dark.png'),
      fullPage: true,
    });
  });

  it('a retried run to Sovereign: attempt 1 kept, the total since it shown, and both in the proof', async () => {
    stack.api.reset({ scenario: 'retried-run', stepMs: 700 });
    const { page } = await dashboard();
    const card = sovereigntyCard(page);
    const summary = card.getByText(/Attempts seen in this browser: 2/);
    await visible(summary);
    await summary.click();
    await visible(card.getByText(/Failed at/));
    await checkState(page, 'attempts-retried-run');
    await visible(badge(page, 'Sovereign'), 30_000);
    await visible(card.getByText(/Total since the first attempt/));
    const { proof } = await downloadProof(page);
    expect(proof.attemptsSeenByThisBrowser.map((attempt) => attempt.outcome)).toEqual([
      'failed',
      'succeeded',
    ]);
    expect(proof.attemptsSeenByThisBrowser[0]?.failedStep).toBe('harbor-prewarm');
    expect(proof.durations.sinceFirstAttemptMs).toBeGreaterThan(
      proof.durations.successfulAttemptMs ?? Infinity,
    );
    await checkState(page, 'attempts-sovereign-after-retry');
  });

  it('the catalyst-api restarts mid-run: the new run is announced, the tab follows the steps', async () => {
    stack.api.reset({ scenario: 'api-restart', stepMs: 6_000 });
    const { page } = await dashboard();
    const host = new URL(stack.site.url).hostname;
    await expect.poll(() => page.title()).toMatch(new RegExp(`^\\d+/11 · Cutting over · ${host}$`));
    const notice = sovereigntyCard(page)
      .getByRole('status')
      .filter({
        hasText:
          /A new cutover run started at .*; the previous one stopped at Pre-warm critical images/,
      });
    await visible(notice, 20_000);
    await checkState(page, 'new-run-notice');
  });
});
