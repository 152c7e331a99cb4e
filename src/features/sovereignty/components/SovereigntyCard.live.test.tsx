import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { server, startSimulator } from '../../../../mocks/node';
import { preloadRoutes, renderConsole } from '../../../../tests/render';
import { HIDDEN_CLOSE_MS } from '../api/connection';
import { cutoverStatusQueryKey } from '../api/get-cutover-status';
import type { CutoverStatus, StepStatus } from '../cutover';
import type { QueryClient } from '@tanstack/react-query';

const START_URL = '*/api/v1/sovereign/cutover/start';
const STATUS_URL = '*/api/v1/sovereign/cutover/status';
const EVENTS_PATH = '/api/v1/sovereign/cutover/events';

const badge = () =>
  screen.getByRole('region', { name: 'Sovereignty' }).querySelector('.badge__label')?.textContent;

/** Records every step status the cache ever held, to catch any step moving backwards. */
function watchSteps(queryClient: QueryClient) {
  const history = new Map<string, StepStatus[]>();
  const unsubscribe = queryClient.getQueryCache().subscribe(() => {
    const status = queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
    for (const step of status?.steps ?? []) {
      const seen = history.get(step.id) ?? [];
      if (seen.at(-1) !== step.status) seen.push(step.status);
      history.set(step.id, seen);
    }
  });
  return { history, unsubscribe };
}

const RANK: Record<StepStatus, number> = { pending: 0, running: 1, done: 2, failed: 2 };

function expectNeverBackwards(history: Map<string, StepStatus[]>) {
  for (const [id, statuses] of history) {
    for (let i = 1; i < statuses.length; i += 1) {
      const from = statuses[i - 1]!;
      const to = statuses[i]!;
      expect(RANK[to] >= RANK[from], `${id} went ${from} → ${to} (${statuses.join(' → ')})`).toBe(
        true,
      );
    }
  }
}

function countEventConnections() {
  const count = { value: 0 };
  server.events.on('request:start', ({ request }) => {
    if (new URL(request.url).pathname === EVENTS_PATH) count.value += 1;
  });
  return count;
}

async function openRetryDialog() {
  await userEvent.click(await screen.findByRole('button', { name: 'Retry cutover' }));
  return screen.getByRole('dialog', { name: 'Retry the cutover?' });
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

// Tests on fake timers must not wait for the lazy route's chunk, which loads on the real clock.
beforeAll(async () => {
  await preloadRoutes();
});

afterEach(() => {
  vi.useRealTimers();
  setVisibility('visible');
});

describe('live cutover over SSE', { timeout: 20_000 }, () => {
  it('closes the stream after the tab has been hidden for 5 minutes and reopens it on return', async () => {
    startSimulator({ scenario: 'waiting' });
    const connections = countEventConnections();
    renderConsole();
    expect(await screen.findByText('Live', {}, { timeout: 3_000 })).toBeInTheDocument();
    expect(connections.value).toBe(1);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    setVisibility('hidden');
    await act(() => vi.advanceTimersByTimeAsync(HIDDEN_CLOSE_MS - 1_000));
    expect(screen.getByText('Live')).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(screen.getByText('Polling')).toBeInTheDocument();
    vi.useRealTimers();
    act(() => {
      setVisibility('visible');
    });
    expect(await screen.findByText('Live', {}, { timeout: 3_000 })).toBeInTheDocument();
    expect(connections.value).toBe(2);
  });

  it('follows a fresh install to Sovereign from the stream, with no click and little polling', async () => {
    // The auto-trigger fires once the stream is up, so every frame arrives live however loaded
    // the machine is (the trigger's own timing is covered in SovereigntyCard.test.tsx).
    const sim = startSimulator({
      scenario: 'fresh-install',
      stepMs: 250,
      autoTriggerDelayMs: 60_000,
    });
    const { queryClient } = renderConsole();
    const steps = watchSteps(queryClient);
    expect(await screen.findByText('Live', {}, { timeout: 3_000 })).toBeInTheDocument();
    act(() => {
      sim.engine.start('internal');
    });
    await screen.findByText(/^[1-9]\d* of 11 done$/, {}, { timeout: 3_000 });
    await waitFor(
      () => {
        expect(badge()).toBe('Sovereign');
      },
      { timeout: 8_000 },
    );
    // Waiting polls every 15 s and a live stream relaxes polling to 15 s: the run was followed
    // from frames, with only the first fetch and the completion re-check hitting /status.
    expect(sim.statusCalls).toBeLessThanOrEqual(4);
    // Seen running, then done: followed live, not just found finished.
    expect(steps.history.get('gitea-mirror')?.slice(-2)).toEqual(['running', 'done']);
    expectNeverBackwards(steps.history);
    steps.unsubscribe();
    // Sovereign: the stream is closed and polling stops.
    await waitFor(() => {
      expect(
        screen.getByText('Complete: re-checked when you return to this tab'),
      ).toBeInTheDocument();
    });
  });

  it('replayed events of an earlier failed attempt and the snapshot never move a step backwards', async () => {
    startSimulator({ scenario: 'retried-run', stepMs: 1_500 });
    const { queryClient } = renderConsole();
    const steps = watchSteps(queryClient);
    expect(await screen.findByText('Live', {}, { timeout: 3_000 })).toBeInTheDocument();
    await screen.findByText('3 of 11 done', {}, { timeout: 4_000 });
    // The buffer replayed "harbor-prewarm failed" from the first attempt; it is old news.
    expect(screen.queryByText(/The cutover stopped/)).not.toBeInTheDocument();
    expect(steps.history.get('harbor-prewarm')).not.toContain('failed');
    expectNeverBackwards(steps.history);
    steps.unsubscribe();
  });

  it('keeps the card current by polling while the stream is down, then reconnects by itself', async () => {
    // The reconnect waits out its first back-off (4–6 s): the run must still be going by then.
    const sim = startSimulator({
      scenario: 'stream-drop',
      stepMs: 1_000,
      autoTriggerDelayMs: 200,
      streamOutageMs: 3_000,
    });
    renderConsole();
    expect(await screen.findByText('Live', {}, { timeout: 3_000 })).toBeInTheDocument();
    expect(await screen.findByText('Reconnecting…', {}, { timeout: 4_000 })).toBeInTheDocument();
    const callsAtDrop = sim.statusCalls;
    const stepAtDrop = screen.getByText(/^\d+ of 11 done$/).textContent;
    // Polling at 2 s carries the progress while no frame can arrive.
    await waitFor(
      () => {
        expect(sim.isStreamDown()).toBe(true);
        // eslint-disable-next-line jest-dom/prefer-to-have-text-content -- exact text, not a substring
        expect(screen.getByText(/^\d+ of 11 done$/).textContent).not.toBe(stepAtDrop);
      },
      { timeout: 2_900 },
    );
    expect(sim.statusCalls).toBeGreaterThan(callsAtDrop);
    expect(await screen.findByText('Live', {}, { timeout: 8_000 })).toBeInTheDocument();
    await waitFor(
      () => {
        expect(badge()).toBe('Sovereign');
      },
      { timeout: 12_000 },
    );
  }, 30_000);

  it('a failing /status is never hidden by frames: the stream is closed as suspect, the notice stays', async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    const tick = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
    const sim = startSimulator({ scenario: 'mid-run', stepMs: 4_000 });
    const connections = countEventConnections();
    const { queryClient } = renderConsole();
    await tick(1_000);
    expect(screen.getByText('Live')).toBeInTheDocument();
    server.use(
      http.get(STATUS_URL, () =>
        HttpResponse.json(
          { error: 'status-read-failed', detail: 'apiserver not ready' },
          { status: 502 },
        ),
      ),
    );
    await act(() => queryClient.invalidateQueries());
    await tick(100);
    const notice = /HTTP 502 status-read-failed: apiserver not ready/;
    expect(screen.getByText(notice)).toBeInTheDocument();
    const eventsBefore = sim.engine.replay().length;
    // The run carries on in the cluster; no frame reaches the card, and the notice stays.
    for (let second = 0; second < 20; second += 1) {
      await tick(1_000);
      expect(screen.getByText(notice)).toBeInTheDocument();
      expect(badge()).toBe('Tethered');
      expect(
        screen.getByRole('region', { name: 'Sovereignty' }).querySelector('.badge__stale'),
      ).not.toBeNull();
      expect(screen.queryByText('Live')).not.toBeInTheDocument();
    }
    expect(sim.engine.replay().length).toBeGreaterThan(eventsBefore + 2);
    expect(connections.value).toBe(1);
  });

  it('shows a step-less failure event as a warning until the status decides (the seal failure is not fatal)', async () => {
    startSimulator({
      scenario: 'fresh-install',
      stepMs: 150,
      autoTriggerDelayMs: 200,
      engine: { sealFailure: true },
    });
    renderConsole();
    expect(
      await screen.findByText(
        'The catalyst-api reported an error outside the steps',
        {},
        { timeout: 6_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/durable seal write failed/)).toBeInTheDocument();
    await waitFor(
      () => {
        expect(badge()).toBe('Sovereign');
      },
      { timeout: 8_000 },
    );
    // The status decided: the run did not fail, so the report stays, as information.
    expect(
      await screen.findByText('The run carried on: this alone did not fail it.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/durable seal write failed/)).toBeInTheDocument();
  });

  it('stops reconnecting while /status answers 401, and shows the signed-out view', async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    const tick = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
    const sim = startSimulator({
      scenario: 'waiting',
      stepMs: 100,
      engine: { failures: [{ step: 'gitea-mirror', error: 'boom' }] },
    });
    const connections = countEventConnections();
    renderConsole();
    await tick(1_000);
    expect(screen.getByText('Live')).toBeInTheDocument();
    server.use(
      http.get(STATUS_URL, () => HttpResponse.json({ error: 'unauthenticated' }, { status: 401 })),
      http.get(`*${EVENTS_PATH}`, () =>
        HttpResponse.json({ error: 'unauthenticated' }, { status: 401 }),
      ),
    );
    // The session expires. The run's failure ends the stream (a live terminal frame), and
    // /status, asked what that means, says 401.
    act(() => {
      sim.engine.start('internal');
    });
    await tick(1_000);
    expect(screen.getByText('Your session has expired')).toBeInTheDocument();
    const afterSignOut = connections.value;
    await tick(30 * 60_000);
    expect(connections.value).toBe(afterSignOut);
    expect(screen.getByText('Your session has expired')).toBeInTheDocument();
  });
});

describe('Retry cutover', { timeout: 20_000 }, () => {
  it('says what the run does, and Cancel sends nothing', async () => {
    const sim = startSimulator({ scenario: 'failed' });
    const posts = { value: 0 };
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST') posts.value += 1;
    });
    renderConsole();
    const dialog = await openRetryDialog();
    // The steps not yet done, never "again"; the bound is the sum of their deadlines
    // (pre-warm 30, egress 15, seven more of 10 min each).
    expect(dialog).toHaveTextContent(
      'runs the 9 steps not yet done, starting with the one that failed',
    );
    expect(dialog).toHaveTextContent('the 2 done steps are skipped');
    expect(dialog).toHaveTextContent('at most 1 h 55 min');
    expect(dialog).not.toHaveTextContent(/again|about 10 minutes/);
    expect(dialog).toHaveTextContent(/Check first: Upstream registry credentials and rate limits/);
    expect(dialog).toHaveTextContent('10-minute egress-block self-test');
    expect(dialog).toHaveTextContent('github.com, ghcr.io and harbor.openova.io');
    const remaining = within(within(dialog).getByRole('list')).getAllByRole('listitem');
    expect(remaining).toHaveLength(9);
    expect(remaining[0]).toHaveTextContent('Pre-warm critical images');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry cutover' })).toHaveFocus();
    expect(posts.value).toBe(0);
    expect(sim.engine.isRunning).toBe(false);
  });

  it('retries a failed run to Sovereign; done rows never flicker back to pending', async () => {
    startSimulator({ scenario: 'failed', stepMs: 200 });
    const { queryClient } = renderConsole();
    await screen.findByText('The cutover stopped at Pre-warm critical images.');
    const steps = watchSteps(queryClient);
    const dialog = await openRetryDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Retry cutover' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    // The Retry button went with the failed view; focus lands on the card, not on <body>.
    await waitFor(() => {
      expect(screen.getByRole('heading', { name: 'Sovereignty' })).toHaveFocus();
    });
    await waitFor(
      () => {
        expect(badge()).toBe('Sovereign');
      },
      { timeout: 8_000 },
    );
    // The 200 start body lists every step pending; it must never reach the screen.
    expect(steps.history.get('gitea-mirror')).toEqual(['done']);
    expect(steps.history.get('harbor-projects')).toEqual(['done']);
    steps.unsubscribe();
  });

  it('a double click sends one request', async () => {
    startSimulator({ scenario: 'failed', stepMs: 60_000 });
    const posts = { value: 0 };
    server.use(
      http.post(START_URL, async () => {
        posts.value += 1;
        await new Promise((resolve) => setTimeout(resolve, 300));
        return HttpResponse.json({ state: 'tethered', steps: [] });
      }),
    );
    renderConsole();
    const dialog = await openRetryDialog();
    await userEvent.dblClick(within(dialog).getByRole('button', { name: 'Retry cutover' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    expect(posts.value).toBe(1);
  });

  it('409 cutover-in-progress means running, not an error', async () => {
    const sim = startSimulator({ scenario: 'failed', stepMs: 60_000 });
    server.use(
      http.post(START_URL, () => {
        sim.engine.start('operator'); // another replica got there first
        return HttpResponse.json(
          {
            error: 'cutover-in-progress',
            detail: 'a cutover is already running on this catalyst-api Pod',
          },
          { status: 409 },
        );
      }),
    );
    renderConsole();
    const dialog = await openRetryDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Retry cutover' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    expect(await screen.findByText('2 of 11 done')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('424 shows the API detail in the dialog, which stays open; nothing is lost', async () => {
    startSimulator({ scenario: 'failed' });
    server.use(
      http.post(START_URL, () =>
        HttpResponse.json(
          {
            error: 'no-steps-found',
            detail:
              'no cutover-step ConfigMaps found in namespace "catalyst" — bp-self-sovereign-cutover not installed?',
          },
          { status: 424 },
        ),
      ),
    );
    renderConsole();
    const dialog = await openRetryDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Retry cutover' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The catalyst-api answered HTTP 424 (no-steps-found): no cutover-step ConfigMaps found in namespace "catalyst"',
    );
    expect(dialog).toBeVisible();
    expect(
      screen.getByText('The cutover stopped at Pre-warm critical images.'),
    ).toBeInTheDocument();
    // A second try is possible from the same dialog.
    expect(within(dialog).getByRole('button', { name: 'Retry cutover' })).toBeEnabled();
  });

  it.each([
    [
      502,
      { error: 'status-read-failed', detail: 'etcdserver: request timed out' },
      /HTTP 502 \(status-read-failed\): etcdserver/,
    ],
    [
      503,
      { error: 'cutover-unconfigured', detail: 'no in-cluster config' },
      /HTTP 503 \(cutover-unconfigured\): no in-cluster config/,
    ],
  ])('%i shows its detail and keeps the dialog open', async (status, body, text) => {
    startSimulator({ scenario: 'failed-no-step' });
    server.use(http.post(START_URL, () => HttpResponse.json(body, { status })));
    renderConsole();
    const dialog = await openRetryDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Retry cutover' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(text);
  });

  it('a sign-in page answering POST /start is an error in the dialog, not a start', async () => {
    const sim = startSimulator({ scenario: 'failed' });
    server.use(
      http.post(START_URL, () => HttpResponse.html('<!doctype html><title>Sign in</title>')),
    );
    renderConsole();
    const dialog = await openRetryDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Retry cutover' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/answered with a web page/);
    expect(sim.engine.isRunning).toBe(false);
  });

  it('is offered only after a failure: no cutover action while waiting, cutting over or sovereign', async () => {
    for (const scenario of ['waiting', 'mid-run', 'sovereign'] as const) {
      startSimulator({ scenario, stepMs: 60_000 });
      const view = renderConsole();
      await screen.findByText(/It starts by itself|5 of 11 done|Show the 11 cutover steps/);
      expect(
        screen.queryByRole('button', { name: /retry cutover|start|achieve/i }),
      ).not.toBeInTheDocument();
      view.unmount();
    }
  });
});
