import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { server, startSimulator } from '../../../../mocks/node';
import { TYPICAL_STEP_MS } from '../../../../mocks/engine';
import { HARBOR_PREWARM_ERROR } from '../../../../mocks/simulator';
import { preloadRoutes, renderConsole } from '../../../../tests/render';

// The dashboard route is a lazy chunk: load it before any test installs fake timers, so a test
// run alone does not wait on an import its fake clock never lets finish.
beforeAll(preloadRoutes);

const STATUS_URL = '*/api/v1/sovereign/cutover/status';
const EVENTS_URL = '*/api/v1/sovereign/cutover/events';

/**
 * Answers /status with a fixed body and refuses the stream, whose snapshot (the simulator's)
 * would otherwise replace that body at once.
 */
function serveStatus(body: Record<string, unknown>) {
  server.use(
    http.get(STATUS_URL, () => HttpResponse.json(body)),
    http.get(EVENTS_URL, () => new HttpResponse(null, { status: 404 })),
  );
}

const card = () => screen.getByRole('region', { name: 'Sovereignty' });
const badgeText = () => card().querySelector('.badge')?.textContent ?? '';
const START_BUTTON = /achieve true sovereignty|start cutover|start the cutover/i;

function expectNoStartButton() {
  expect(screen.queryByRole('button', { name: START_BUTTON })).not.toBeInTheDocument();
  expect(screen.queryByText(/achieve true sovereignty/i)).not.toBeInTheDocument();
}

function expectNoParserText() {
  expect(document.body).not.toHaveTextContent(
    /invalid CutoverState|invalid CutoverStatus|<undefined>/,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SovereigntyCard display states', () => {
  it('shows a named skeleton while the first answer is on its way', async () => {
    startSimulator({ scenario: 'slow', latencyMs: 60_000 });
    renderConsole();
    expect(
      await screen.findByRole('status', { name: 'Loading the cutover status' }),
    ).toBeInTheDocument();
    expect(badgeText()).toBe('');
  });

  it('waiting: Tethered, the auto-trigger explanation, every step pending, no start button', async () => {
    startSimulator({ scenario: 'waiting' });
    renderConsole();
    expect(
      await screen.findByText(/The cutover has not started yet\. It starts by itself/),
    ).toBeInTheDocument();
    expect(badgeText()).toBe('Tethered');
    const steps = within(screen.getByRole('list', { name: 'Cutover steps' })).getAllByRole(
      'listitem',
    );
    expect(steps).toHaveLength(11);
    for (const step of steps) expect(step).toHaveTextContent('Pending');
    expectNoStartButton();
  });

  it('cutting over: "Step k of N", the running step, rows in run order although the API sorts them', async () => {
    startSimulator({ scenario: 'mid-run', stepMs: 600_000 });
    renderConsole();
    expect(await screen.findByText('5 of 11 done')).toBeInTheDocument();
    expect(badgeText()).toBe('Tethered');
    expect(screen.getByRole('progressbar', { name: 'Cutover progress' })).toHaveValue(5);
    const labels = within(screen.getByRole('list', { name: 'Cutover steps' }))
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.step-toggle__label')?.textContent);
    // The API lists steps alphabetically (catalyst-api-env-patch first); display is run order.
    expect(labels.slice(0, 6)).toEqual([
      'Mirror GitOps repository',
      'Create Harbor proxy projects',
      'Pre-warm critical images',
      'Pivot containerd registries',
      'Repoint Flux GitRepository',
      'Repoint HelmRepositories',
    ]);
    expect(screen.getAllByRole('listitem')[5]).toHaveTextContent('Running');
    expectNoStartButton();
  });

  it('failed at a step: which step, the error truncated with the full text on demand', async () => {
    startSimulator({ scenario: 'failed' });
    renderConsole();
    expect(
      await screen.findByText('The cutover stopped at Pre-warm critical images.'),
    ).toBeInTheDocument();
    expect(badgeText()).toBe('Tethered');
    expect(screen.getByText('2 of 11 steps were done before it stopped.')).toBeInTheDocument();
    expect(screen.queryByText(HARBOR_PREWARM_ERROR)).not.toBeInTheDocument();
    const [expand] = screen.getAllByRole('button', { name: 'Show full error' });
    await userEvent.click(expand!);
    expect(screen.getAllByText(HARBOR_PREWARM_ERROR).length).toBeGreaterThan(0);
  });

  it('failed without a step row: the step-less failure and its error are shown', async () => {
    startSimulator({ scenario: 'failed-no-step' });
    renderConsole();
    expect(
      await screen.findByText('The cutover stopped: Secondary kubeconfigs failed.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Secret catalyst\/kubeconfig-fsn1 not found/)).toBeInTheDocument();
    expect(screen.getByText('0 of 11 steps were done before it stopped.')).toBeInTheDocument();
  });

  it('sovereign: badge, finish time, duration, summary with — where the API says nothing', async () => {
    startSimulator({ scenario: 'sovereign' });
    renderConsole();
    expect(await screen.findByText('Sovereign', { selector: '.badge__label' })).toBeInTheDocument();
    const summary = screen.getByText('Egress-block self-test', { selector: 'dt' }).closest('dl')!;
    expect(within(summary).getByText('Passed')).toBeInTheDocument();
    // The seeded run takes each step's typical time (mocks/engine.ts) plus 30 s before the first.
    const seeded = Object.values(TYPICAL_STEP_MS).reduce((sum, ms) => sum + ms, 30_000);
    expect(seeded).toBe(40 * 60_000 + 30_000);
    expect(within(summary).getByText('Took').nextElementSibling).toHaveTextContent('40 min 30 s');
    expect(within(summary).getByText('Mirrored commit').nextElementSibling).toHaveTextContent('—');
    expect(within(summary).getByText('Harbor projects').nextElementSibling).toHaveTextContent('—');
    expect(screen.getByText('Show the 11 cutover steps')).toBeInTheDocument();
    expectNoStartButton();
  });

  it('unavailable without data: Unknown, what failed, the next try, and Retry now refetches', async () => {
    const sim = startSimulator({ scenario: 'server-error' });
    renderConsole();
    expect(
      await screen.findByText('The cutover status is unavailable', {}, { timeout: 3_000 }),
    ).toBeInTheDocument();
    expect(badgeText()).toBe('Unknown');
    expect(screen.getByText(/HTTP 500 status-read-failed: configmaps/)).toBeInTheDocument();
    expect(screen.getByText(/Next automatic try/)).toBeInTheDocument();
    const calls = sim.statusCalls;
    await userEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    await vi.waitFor(() => {
      expect(sim.statusCalls).toBeGreaterThan(calls);
    });
  });

  it('unavailable after good data: the last good badge stays, marked stale with its age', async () => {
    startSimulator({ scenario: 'waiting' });
    const { queryClient } = renderConsole();
    await screen.findByText(/It starts by itself/);
    server.use(http.get(STATUS_URL, () => HttpResponse.error()));
    await act(() => queryClient.invalidateQueries());
    expect(await screen.findByText('Could not reach the catalyst-api.')).toBeInTheDocument();
    expect(badgeText()).toBe('Tetheredstale');
    expect(screen.getByText(/Showing the last known status, as of/)).toBeInTheDocument();
    // Nothing is lost: the steps are still on screen.
    expect(screen.getByRole('list', { name: 'Cutover steps' })).toBeInTheDocument();
  });

  it("a proxy's HTML error page is described, never rendered", async () => {
    startSimulator({ scenario: 'html-502' });
    const { container } = renderConsole();
    expect(
      await screen.findByText(/answered HTTP 502 with a web page/, {}, { timeout: 3_000 }),
    ).toBeInTheDocument();
    expect(container.querySelector('center, hr')).toBeNull();
    expect(screen.queryByText('502 Bad Gateway')).not.toBeInTheDocument();
  });

  it('a 200 web page (an ingress fallback) and non-object JSON are unavailable, not a crash', async () => {
    startSimulator({ scenario: 'waiting' });
    server.use(
      http.get(STATUS_URL, () =>
        HttpResponse.html('<!doctype html><html><body>console</body></html>'),
      ),
    );
    renderConsole();
    expect(
      await screen.findByText(/answered with a web page instead of the cutover status/),
    ).toBeInTheDocument();
    cleanupAndUse(() => HttpResponse.json([1, 2, 3]));
    renderConsole();
    expect(await screen.findByText(/sent a status that is not an object/)).toBeInTheDocument();
    expectNoParserText();
  });

  it('keeps a very long error detail to a few lines, with the whole text still at hand', async () => {
    startSimulator({ scenario: 'waiting' });
    const detail = 'x'.repeat(10_000);
    server.use(
      http.get(STATUS_URL, () =>
        HttpResponse.json({ error: 'status-read-failed', detail }, { status: 500 }),
      ),
    );
    renderConsole();
    const reason = await screen.findByText(
      /^The catalyst-api answered HTTP 500 status-read-failed: x+…$/,
      {},
      { timeout: 3_000 },
    );
    expect(reason.textContent.length).toBeLessThanOrEqual(400);
    expect(reason).toHaveAttribute('title', expect.stringContaining(detail));
  });

  it('not installed (404): Unknown and the plain explanation', async () => {
    startSimulator({ scenario: 'not-installed' });
    renderConsole();
    expect(
      await screen.findByText('This catalyst-api does not serve the cutover API yet'),
    ).toBeInTheDocument();
    expect(badgeText()).toBe('Unknown');
  });

  it('signed out (401): session expired with a sign-in link that can be configured', async () => {
    startSimulator({ scenario: 'unauthorized' });
    renderConsole({ config: { signInUrl: '/auth/login' } });
    expect(await screen.findByText('Your session has expired')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute(
      'href',
      '/auth/login',
    );
  });

  it('forbidden (403): says the account may not read the status, keeps the last good badge', async () => {
    startSimulator({ scenario: 'sovereign' });
    const { queryClient } = renderConsole();
    await screen.findByText('Sovereign', { selector: '.badge__label' });
    server.use(
      http.get(STATUS_URL, () => HttpResponse.json({ error: 'forbidden' }, { status: 403 })),
    );
    await act(() => queryClient.invalidateQueries());
    expect(
      await screen.findByText('Your account may not read the cutover status'),
    ).toBeInTheDocument();
    expect(badgeText()).toBe('Sovereignstale');
  });

  it('hostile state: no Sovereign badge, the value quoted, no parser text on screen', async () => {
    startSimulator({ scenario: 'hostile-state' });
    renderConsole();
    expect(
      await screen.findByText('The catalyst-api sent an unrecognised state'),
    ).toBeInTheDocument();
    expect(screen.getByText('"pending"')).toBeInTheDocument();
    expect(badgeText()).toBe('Unknown');
    expectNoParserText();
  });

  it('a hostile state never shows Sovereign, even with cutoverComplete true', async () => {
    startSimulator({ scenario: 'waiting' });
    server.use(
      http.get(STATUS_URL, () =>
        HttpResponse.json({ state: 'Sovereign', cutoverComplete: true, steps: [] }),
      ),
    );
    renderConsole();
    expect(await screen.findByText('"Sovereign"')).toBeInTheDocument();
    expect(screen.queryByText('Sovereign', { selector: '.badge__label' })).not.toBeInTheDocument();
  });

  it('an API without `state` (the #933 regression) shows Tethered, never an error string', async () => {
    startSimulator({ scenario: 'legacy-no-state', stepMs: 600_000, autoTriggerDelayMs: 600_000 });
    renderConsole();
    expect(await screen.findByText(/It starts by itself/)).toBeInTheDocument();
    expect(badgeText()).toBe('Tethered');
    expectNoParserText();
  });

  it('an API without `state` but with cutoverComplete: true shows Sovereign', async () => {
    startSimulator({ scenario: 'waiting' });
    server.use(http.get(STATUS_URL, () => HttpResponse.json({ cutoverComplete: true, steps: [] })));
    renderConsole();
    expect(await screen.findByText('Sovereign', { selector: '.badge__label' })).toBeInTheDocument();
  });

  it('renders server text as text, never as HTML', async () => {
    startSimulator({ scenario: 'waiting' });
    serveStatus({
      state: 'tethered',
      failedStep: 'harbor-projects',
      lastError: '<img src=x onerror="alert(1)"><b>bold</b>',
      steps: [{ name: 'harbor-projects', result: 'failed' }],
    });
    const { container } = renderConsole();
    expect(
      await screen.findByText('<img src=x onerror="alert(1)"><b>bold</b>'),
    ).toBeInTheDocument();
    expect(container.querySelector('img, b')).toBeNull();
  });

  it('an old 8-step API with the legacy helmrepo-patches id lights the right row', async () => {
    startSimulator({ scenario: 'waiting' });
    serveStatus({
      state: 'tethered',
      totalSteps: 8,
      steps: [
        {
          step: 'gitea-mirror',
          status: 'done',
          startedAt: '2026-05-04T10:00:00Z',
          finishedAt: '2026-05-04T10:01:00Z',
        },
        { step: 'helmrepo-patches', status: 'running', startedAt: '2026-05-04T10:01:00Z' },
      ],
    });
    renderConsole();
    expect(await screen.findByText('1 of 8 done')).toBeInTheDocument();
    const row = screen
      .getByText('Repoint HelmRepositories', { selector: '.step-toggle__label' })
      .closest('li')!;
    expect(row).toHaveTextContent('Running');
  });

  it('announces a display-state change once through a polite live region', async () => {
    startSimulator({ scenario: 'waiting' });
    renderConsole();
    await screen.findByText(/It starts by itself/);
    const live = document.querySelector('[aria-live="polite"]')!;
    expect(live).toHaveTextContent('Tethered. The cutover has not started yet.');
  });
});

function cleanupAndUse(resolver: () => Response) {
  document.body.innerHTML = '';
  server.use(http.get(STATUS_URL, resolver));
}

describe('fresh install (the chart auto-trigger)', () => {
  it('progresses from Tethered to Sovereign with no click, and stops polling once sovereign', async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    const sim = startSimulator({
      scenario: 'fresh-install',
      stepMs: 2_500,
      autoTriggerDelayMs: 1_500,
    });
    renderConsole();
    const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

    await advance(100);
    expect(screen.getByText(/It starts by itself/)).toBeInTheDocument();

    const seen = new Set<string>();
    for (let elapsed = 0; elapsed < 120_000 && !sim.engine.isComplete; elapsed += 1_000) {
      await advance(1_000);
      const count = screen.queryByText(/^\d+ of 11 done$/)?.textContent;
      if (count) seen.add(count);
      expectNoStartButton();
    }
    await advance(3_000);
    expect(screen.getByText('Sovereign', { selector: '.badge__label' })).toBeInTheDocument();
    // It was followed live, not just found finished.
    expect(seen.size).toBeGreaterThanOrEqual(4);
    expect(screen.getByText('Passed')).toBeInTheDocument();

    const callsWhenSovereign = sim.statusCalls;
    await advance(5 * 60_000);
    expect(sim.statusCalls).toBe(callsWhenSovereign);
    // Two simulated minutes of renders: seconds of CPU, more on a busy machine. No clock is read.
  }, 30_000);
});

describe('following the run like an operator', () => {
  it('failed: the Job’s commands in the namespace from config.json, the check, the full error to copy', async () => {
    const sim = startSimulator({ scenario: 'failed' });
    const job = sim.engine.data['step.harbor-prewarm.jobName'];
    expect(job).toMatch(/^cutover-harbor-prewarm-\d+$/);
    renderConsole({ config: { cutoverNamespace: 'cutover-ns' } });
    const where = await screen.findByRole('region', { name: 'Where to look' });
    expect(within(where).getByText(`kubectl -n cutover-ns logs job/${job!}`)).toBeInTheDocument();
    expect(
      within(where).getByText(`kubectl -n cutover-ns describe job/${job!}`),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy the full error' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Before you retry, check' })).toHaveTextContent(
      /rate limits/,
    );
    // The seeded run's typical times: 30 s, mirror 3 min 10 s, projects 35 s, pre-warm 16 min 20 s.
    expect(document.querySelector('.run-clock')).toHaveTextContent(/ended .* after 20 min 35 s$/);
  });

  it('cutting over: "k of N done · now: <step> (step k+1)", the run clock, the running step open', async () => {
    startSimulator({ scenario: 'mid-run', stepMs: 600_000 });
    renderConsole();
    const count = await screen.findByText('5 of 11 done');
    expect(count.parentElement).toHaveTextContent(
      /^5 of 11 done · now: Repoint HelmRepositories \(step 6\)$/,
    );
    expect(document.querySelector('.run-clock')).toHaveTextContent(/^Started .* · running for /);
    expect(screen.getByRole('button', { name: 'Repoint HelmRepositories' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(
      screen.getByText(/^kubectl -n catalyst logs job\/cutover-helmrepository-patches-\d+$/),
    ).toBeInTheDocument();
  });

  it('settled-overrides: Sovereign, and the HelmReleases left out of the roll stay listed', async () => {
    startSimulator({ scenario: 'settled-overrides' });
    renderConsole();
    expect(await screen.findByText('Sovereign', { selector: '.badge__label' })).toBeInTheDocument();
    const notice = screen.getByRole('region', { name: '2 HelmReleases left out of the roll' });
    expect(within(notice).getByText('delta-corp/bp-keycloak')).toBeInTheDocument();
    expect(within(notice).getAllByRole('listitem')).toHaveLength(2);
  });

  it('waiting: the chart values that start it, and still no start button', async () => {
    startSimulator({ scenario: 'waiting' });
    renderConsole();
    const why = await screen.findByRole('region', { name: 'Why it has not started' });
    expect(
      within(why).getByText(/--set trigger\.auto=true --set trigger\.fireCutoverOnHandover=true$/),
    ).toBeInTheDocument();
    expectNoStartButton();
  });
});
