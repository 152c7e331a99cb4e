/**
 * The production build (`dist/`, no mock code) in Chromium, behind nginx with the shipped
 * configuration (deploy/nginx/, its CSP enforced), against the loopback catalyst-api over real
 * HTTP and SSE.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HANDOVER_TOKEN } from '../../mocks/http-server';
import {
  badge,
  checkState,
  closeConsole,
  launchChromium,
  openConsole,
  seen,
  sovereigntyCard,
  visible,
  type ConsolePage,
} from './browser';
import { DIST } from './paths';
import { spawnMockApi, startConsoleServer, startLiveStack, type LiveStack } from './stack';

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

async function dashboard(path = '/console/dashboard'): Promise<ConsolePage> {
  open = await openConsole(browser, `${stack.site.url}${path}`);
  return open;
}

describe('the production build against the loopback catalyst-api', () => {
  it('fresh install: Tethered, then the cutover runs by itself and ends Sovereign, no click', async () => {
    stack.api.reset({ scenario: 'fresh-install', stepMs: 700, hookDelayMs: 5_000 });
    const { page } = await dashboard();
    await visible(badge(page, 'Tethered'));
    await visible(
      sovereigntyCard(page).getByText('The cutover has not started yet', { exact: false }),
    );
    await checkState(page, 'live-waiting');

    // The chart's hook fires the internal trigger over HTTP; the card follows without a click.
    await visible(sovereigntyCard(page).getByText(/^\d+ of 11 done$/), 20_000);
    await checkState(page, 'live-cutting-over');
    await expect(stack.api.hook).resolves.toMatchObject({ result: 'fired', lastStatus: 200 });

    await visible(badge(page, 'Sovereign'), 30_000);
    await visible(sovereigntyCard(page).getByText('Finished', { exact: true }));
    await checkState(page, 'live-sovereign-after-run');
    const { badges, parserText } = await seen(page);
    expect(badges.filter((word) => word !== 'stale')).toEqual(['Tethered', 'Sovereign']);
    expect(parserText).toBe(false);
  });

  it('already sovereign: Sovereign at once, with the run summary', async () => {
    stack.api.reset({ scenario: 'sovereign' });
    const { page } = await dashboard();
    await visible(badge(page, 'Sovereign'));
    await visible(sovereigntyCard(page).getByText('Show the 11 cutover steps'));
    await checkState(page, 'live-sovereign');
    expect((await seen(page)).badges).not.toContain('Tethered');
  });

  it('failed: the failed step, its error, and no start button', async () => {
    stack.api.reset({ scenario: 'failed' });
    const { page } = await dashboard();
    const card = sovereigntyCard(page);
    await visible(badge(page, 'Tethered'));
    await visible(card.getByText('The cutover stopped at Pre-warm critical images.'));
    await visible(card.getByText(/BackoffLimitExceeded/));
    await checkState(page, 'live-failed');
    await expect(card.getByRole('button', { name: /start/i }).count()).resolves.toBe(0);
  });

  it('failed: where to look first (the Job’s kubectl commands), the full error to copy, what to check', async () => {
    stack.api.reset({ scenario: 'failed' });
    const job = stack.api.simulator.engine.data['step.harbor-prewarm.jobName'] ?? '';
    expect(job).toMatch(/^cutover-harbor-prewarm-\d+$/);
    const { page } = await dashboard();
    const card = sovereigntyCard(page);
    const where = card.getByRole('region', { name: 'Where to look' });
    await visible(where.getByText(`kubectl -n catalyst logs job/${job}`, { exact: true }));
    await visible(where.getByText(`kubectl -n catalyst describe job/${job}`, { exact: true }));
    await visible(
      card
        .getByRole('region', { name: 'Before you retry, check' })
        .getByText(/registry credentials and rate limits/),
    );
    // The commands come before the error in the page, as an operator reads it.
    const order = await page.evaluate(() =>
      [...document.querySelectorAll('h3')].map((heading) => heading.textContent),
    );
    expect(order).toEqual(['Where to look', 'The error', 'Before you retry, check']);
    await card.getByRole('button', { name: 'Copy the full error' }).click();
    await visible(card.getByText(/^Copied$|^Selected: press Ctrl\+C/));
    await checkState(page, 'live-failed-commands');
    await page.setViewportSize({ width: 360, height: 800 });
    await checkState(page, 'live-failed-commands-360');
  });

  it('failed → Retry cutover (confirmed in its dialog) → Sovereign', async () => {
    stack.api.reset({ scenario: 'failed', stepMs: 300 });
    const { page } = await dashboard();
    const card = sovereigntyCard(page);
    await visible(card.getByText('The cutover stopped at Pre-warm critical images.'));

    await card.getByRole('button', { name: 'Retry cutover' }).click({ timeout: 5_000 });
    const dialog = page.getByRole('dialog', { name: /retry the cutover/i });
    await visible(dialog);
    await checkState(page, 'live-retry-dialog');
    await dialog.getByRole('button', { name: 'Retry cutover' }).click();

    await visible(badge(page, 'Sovereign'), 30_000);
    expect((await seen(page)).parserText).toBe(false);
  });

  it('a run that fails live, over the stream: the card turns failed by itself', async () => {
    stack.api.reset({
      scenario: 'fresh-install',
      stepMs: 300,
      hookDelayMs: 0,
      failStep: 'registry-pivot',
    });
    const { page } = await dashboard();
    await visible(
      sovereigntyCard(page).getByText('The cutover stopped at Pivot containerd registries.'),
      20_000,
    );
    expect((await seen(page)).badges).not.toContain('Sovereign');
  });

  it('retried run: a replayed failed first attempt never shows the run as failed; it ends Sovereign', async () => {
    stack.api.reset({ scenario: 'retried-run', stepMs: 500 });
    const { page } = await dashboard();
    const card = sovereigntyCard(page);
    await visible(card.getByText(/^\d+ of 11 done$/));
    await checkState(page, 'live-retried-run');
    await visible(badge(page, 'Sovereign'), 30_000);
    const { failedView, badges } = await seen(page);
    expect(failedView).toBe(false);
    expect(badges).toEqual(['Tethered', 'Sovereign']);
  });

  it('stream drop: the card says so, keeps following by polling, and reaches Sovereign', async () => {
    stack.api.reset({
      scenario: 'stream-drop',
      stepMs: 600,
      hookDelayMs: 1_000,
      streamOutageMs: 6_000,
    });
    const { page } = await dashboard();
    const card = sovereigntyCard(page);
    await visible(card.getByText('Live', { exact: true }), 20_000);
    await visible(card.getByText(/^(Reconnecting|Polling)/), 20_000);
    const during = await card.getByText(/^\d+ of 11 done$/).textContent();
    await checkState(page, 'live-stream-drop');
    // Polling alone moves the card on while the stream is refused.
    await page.waitForFunction(
      (before) => !document.body.textContent.includes(before ?? ''),
      during,
      { timeout: 10_000 },
    );
    await visible(badge(page, 'Sovereign'), 30_000);
  });

  it('legacy API without `state`: Tethered, never a parser message, and still reaches Sovereign', async () => {
    stack.api.reset({ scenario: 'legacy-no-state', hookDelayMs: 1_500 });
    const { page } = await dashboard();
    await visible(badge(page, 'Tethered'));
    await checkState(page, 'live-legacy-no-state');
    await visible(badge(page, 'Sovereign'), 30_000);
    const { parserText, badges } = await seen(page);
    expect(parserText).toBe(false);
    expect(badges).not.toContain('Unknown');
    await expect(page.getByText(/invalid CutoverState|unrecognised state/).count()).resolves.toBe(
      0,
    );
  });

  it('hostile `state`: says so in plain words, never Sovereign', async () => {
    stack.api.reset({ scenario: 'hostile-state' });
    const { page } = await dashboard();
    const card = sovereigntyCard(page);
    await visible(card.getByText('The catalyst-api sent an unrecognised state'));
    await visible(card.getByText('"pending"'));
    await visible(badge(page, 'Unknown'));
    await checkState(page, 'live-hostile-state');
    // Another poll or two: still not Sovereign.
    await page.waitForTimeout(6_000);
    const { badges, parserText } = await seen(page);
    expect(badges).not.toContain('Sovereign');
    expect(parserText).toBe(false);
  });

  it('session auth on and no cookie: the signed-out view; a handover session brings the card back', async () => {
    stack.api.reset({ scenario: 'waiting', auth: true });
    const { page } = await dashboard();
    const card = sovereigntyCard(page);
    await visible(card.getByText('Your session has expired'));
    await visible(card.getByRole('link', { name: 'Sign in again' }));
    await checkState(page, 'live-signed-out');

    // The simulator's stand-in for the mothership handover: a signed catalyst_session cookie.
    await page.goto(`${stack.site.url}/auth/handover?token=${DEFAULT_HANDOVER_TOKEN}`);
    expect(new URL(page.url()).pathname).toBe('/console/dashboard');
    await visible(badge(page, 'Tethered'));
    await visible(card.getByText('The cutover has not started yet', { exact: false }));
    await expect(card.getByText('Your session has expired').count()).resolves.toBe(0);
  });

  it.each([
    ['not-installed', 'This catalyst-api does not serve the cutover API yet'],
    ['html-502', 'The cutover status is unavailable'],
    ['failed-no-step', 'The cutover stopped: Secondary kubeconfigs failed.'],
  ] as const)('%s: %s', async (scenario, text) => {
    stack.api.reset({ scenario });
    const { page } = await dashboard();
    await visible(sovereigntyCard(page).getByText(text, { exact: false }));
    await checkState(page, `live-${scenario}`);
    expect((await seen(page)).badges).not.toContain('Sovereign');
  });
});

describe('serving the built files', () => {
  it('deep link to /console/dashboard loads directly; / redirects there; unknown paths say so', async () => {
    stack.api.reset({ scenario: 'sovereign' });
    const direct = await fetch(`${stack.site.url}/console/dashboard`, { redirect: 'manual' });
    expect(direct.status).toBe(200);
    expect(direct.headers.get('content-type')).toMatch(/^text\/html/);
    // Redirects are relative to the page (docs/deployment.md): resolved, they land here.
    for (const from of ['/console/dashboard/', '/']) {
      const moved = await fetch(`${stack.site.url}${from}`, { redirect: 'manual' });
      expect(moved.status).toBe(302);
      const target = new URL(moved.headers.get('location') ?? '', `${stack.site.url}${from}`);
      expect(target.href).toBe(`${stack.site.url}/console/dashboard`);
    }

    const { page } = await dashboard('/console/dashboard');
    await visible(page.getByRole('heading', { level: 1, name: 'Dashboard' }));
    await visible(badge(page, 'Sovereign'));
    // The tab follows the card's state once it has one (docs/after-the-run.md).
    const host = new URL(stack.site.url).hostname;
    await expect.poll(() => page.title()).toBe(`Sovereign · ${host}`);

    await page.goto(`${stack.site.url}/`);
    await visible(badge(page, 'Sovereign'));
    expect(new URL(page.url()).pathname).toBe('/console/dashboard');

    await page.goto(`${stack.site.url}/console/no-such-page`);
    await visible(page.getByRole('heading', { level: 1, name: 'There is no page here' }));
    await checkState(page, 'live-not-found');
  });

  it('behind the mothership prefix /sovereign: the same nginx, the same build, its base and its API', async () => {
    stack.api.reset({ scenario: 'sovereign' });
    const before = stack.site.requests.length;
    open = await openConsole(browser, `${stack.site.origin}/sovereign`);
    expect(new URL(open.page.url()).pathname).toBe('/sovereign/console/dashboard');
    await visible(badge(open.page, 'Sovereign'));
    await expect
      .poll(() => stack.site.requests.slice(before))
      .toContain('GET /sovereign/api/v1/sovereign/cutover/status');
    // Everything the page fetched stayed under the prefix (the server's log also holds requests
    // of the previous test's page, ending as it closed).
    const fetched = await open.page.evaluate(() =>
      [
        ...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource'),
      ].map((entry) => new URL(entry.name).pathname),
    );
    expect(fetched).toContain('/sovereign/api/v1/sovereign/cutover/status');
    expect(fetched.filter((path) => !path.startsWith('/sovereign/'))).toEqual([]);
  });
});

describe('the catalyst-api process dies mid-run and comes back', () => {
  it('shows the last status as stale with a notice, then recovers by itself', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'mock-api-e2e-'));
    const stateFile = join(stateDir, 'status.json');
    const args = ['--scenario', 'fresh-install', '--step-ms', '1500', '--hook-delay-ms', '0'];
    let server = await spawnMockApi(['--port', '0', '--state-file', stateFile, ...args]);
    const site = await startConsoleServer({ root: DIST, apiUrl: server.url });
    try {
      open = await openConsole(browser, `${site.url}/console/dashboard`);
      const { page } = open;
      const card = sovereigntyCard(page);
      await visible(card.getByText(/^[1-9]\d* of 11 done$/), 20_000);

      await server.kill();
      await visible(card.getByText('stale', { exact: true }), 20_000);
      await visible(
        page.getByRole('alert').filter({ hasText: 'The cutover status is unavailable' }),
      );
      await visible(badge(page, 'Tethered'));
      await checkState(page, 'live-server-down-stale');

      // Same port, same ConfigMap: the restarted catalyst-api resumes the run.
      server = await spawnMockApi([
        '--port',
        String(server.port),
        '--state-file',
        stateFile,
        ...args,
      ]);
      expect(server.output()).toContain('restored the status ConfigMap');
      await page
        .getByRole('alert')
        .filter({ hasText: 'The cutover status is unavailable' })
        .waitFor({ state: 'detached', timeout: 30_000 });
      await expect(card.getByText('stale', { exact: true }).count()).resolves.toBe(0);
      await visible(badge(page, 'Sovereign'), 45_000);
    } finally {
      await open?.context.close();
      open = undefined;
      await site.close();
      await server.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
