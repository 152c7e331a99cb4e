import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, TEST_API_BASE } from '../../../../mocks/node';
import { renderConsole } from '../../../../tests/render';
import { attemptStorageKey, parseStoredHistory } from '../attempts';
import { proofSchema } from '../proof';
import { DEFAULT_TITLE } from '../tab-status';

/**
 * After the run (docs/after-the-run.md): the attempts this browser saw, the new-run notice, the
 * proof, the tab title and favicon, and the opt-in notification, through the real card, the MSW
 * node server and the simulator (stream replay included).
 */

const card = () => screen.getByRole('region', { name: 'Sovereignty' });
const HOST = window.location.hostname;

afterEach(() => {
  for (const link of document.head.querySelectorAll('link[rel~="icon"]')) link.remove();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.title = DEFAULT_TITLE;
});

describe('attempts', () => {
  it('retried-run: attempt 1 and how it failed, learnt from the stream replay, collapsed under the run', async () => {
    startSimulator({ scenario: 'retried-run', stepMs: 600_000 });
    renderConsole();
    const attempts = await screen.findByRole('region', { name: 'Attempts seen in this browser' });
    // The error text comes only from the replayed step-failed frame.
    await waitFor(() => {
      expect(attempts).toHaveTextContent(/Attempt 1.*Failed/);
    });
    const summary = within(attempts).getByText(/Attempts seen in this browser: 2/);
    expect(summary.closest('details')).not.toHaveAttribute('open');
    await userEvent.click(summary);
    const items = within(attempts).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Failed at');
    expect(items[0]).toHaveTextContent('Pre-warm critical images');
    expect(items[0]).toHaveTextContent(/BackoffLimitExceeded/);
    expect(items[1]).toHaveTextContent('Attempt 2 (this run)');
    expect(items[1]).toHaveTextContent('Running');
    expect(attempts).toHaveTextContent('The catalyst-api keeps no history of earlier runs');
    // Server text stays isolated.
    expect(items[0]?.querySelector('bdi')).toHaveTextContent(/BackoffLimitExceeded/);
    // Replays are history, not news: no notice.
    expect(screen.queryByText(/A new cutover run started/)).not.toBeInTheDocument();
    // Kept for this browser session, per API base, and nowhere else.
    const stored = parseStoredHistory(sessionStorage.getItem(attemptStorageKey(TEST_API_BASE)));
    expect(stored.attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'running']);
    expect(Object.keys(localStorage)).not.toContain(attemptStorageKey(TEST_API_BASE));
  });

  it('api-restart: the new run is announced politely, with where the previous one stopped; Dismiss hides it', async () => {
    startSimulator({ scenario: 'api-restart', stepMs: 1_500 });
    renderConsole();
    const notice = await screen.findByText(/A new cutover run started at/, undefined, {
      timeout: 8_000,
    });
    expect(notice.closest('[role="status"]')).not.toBeNull();
    expect(notice).toHaveTextContent(/the previous one stopped at Pre-warm critical images at/);
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/A new cutover run started at/)).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Sovereignty' })).toHaveFocus();
    const attempts = screen.getByRole('region', { name: 'Attempts seen in this browser' });
    expect(attempts).toHaveTextContent(/Attempts seen in this browser: 2/);
    await userEvent.click(within(attempts).getByText(/Attempts seen in this browser: 2/));
    expect(within(attempts).getAllByRole('listitem')[0]).toHaveTextContent(
      /Stopped.*Last seen running.*Stopped at.*Pre-warm critical images/,
    );
  });
});

describe('proof of sovereignty', () => {
  it('Download proof saves the schema-valid JSON named after the host and the day', async () => {
    startSimulator({ scenario: 'sovereign' });
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:proof';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download);
    });
    renderConsole();
    await userEvent.click(await screen.findByRole('button', { name: 'Download proof' }));
    const today = new Date().toISOString().slice(0, 10);
    expect(downloads).toEqual([`sovereignty-proof-${HOST}-${today}.json`]);
    expect(blobs[0]?.type).toBe('application/json');
    const proof = proofSchema.parse(JSON.parse(await blobs[0]!.text()));
    expect(proof.status.cutoverComplete).toBe(true);
    expect(proof.console.apiBase).toBe(TEST_API_BASE);
    expect(proof.steps).toHaveLength(11);
    expect(proof.steps.every((step) => step.jobName !== null && step.durationMs !== null)).toBe(
      true,
    );
    expect(proof.egressHold?.passed).toBe(true);
    expect(card()).toHaveTextContent(`Saved sovereignty-proof-${HOST}-${today}.json.`);
  });

  it('only the Sovereign view offers it', async () => {
    startSimulator({ scenario: 'failed' });
    renderConsole();
    await screen.findByText('The cutover stopped at Pre-warm critical images.');
    expect(screen.queryByRole('button', { name: 'Download proof' })).not.toBeInTheDocument();
  });
});

describe('the tab', () => {
  it.each([
    ['sovereign', {}, `Sovereign · ${HOST}`, '#1a7f37'],
    ['failed', {}, `Failed · ${HOST}`, '#cf222e'],
    ['mid-run', { stepMs: 600_000 }, `5/11 · Cutting over · ${HOST}`, '#0969da'],
    ['server-error', {}, `Unavailable · ${HOST}`, '#6e7781'],
  ] as const)(
    '%s %j: the title and a matching favicon; both restored on unmount',
    async (scenario, options, title, colour) => {
      document.title = DEFAULT_TITLE;
      const icon = document.createElement('link');
      icon.rel = 'icon';
      icon.href = '/console/favicon.svg';
      document.head.append(icon);
      startSimulator({ scenario, ...options });
      const { unmount } = renderConsole();
      await waitFor(() => {
        expect(document.title).toBe(title);
      });
      const href = icon.getAttribute('href') ?? '';
      expect(href.startsWith('data:image/svg+xml,')).toBe(true);
      expect(decodeURIComponent(href)).toContain(colour);
      unmount();
      // Back to what the page had before the card's state took the tab.
      expect(document.title).toBe('Dashboard · Sovereign console');
      expect(icon).toHaveAttribute('href', '/console/favicon.svg');
      icon.remove();
    },
  );
});

describe('the tab, with the dashboard route', () => {
  it('keeps the page title before the first answer, then the state goes on top of it', async () => {
    document.title = DEFAULT_TITLE;
    startSimulator({ scenario: 'slow', latencyMs: 600 });
    renderConsole();
    await screen.findByRole('status', { name: 'Loading the cutover status' });
    expect(document.title).toBe('Dashboard · Sovereign console');
    await waitFor(() => {
      expect(document.title).toBe(`Tethered · ${HOST}`);
    });
  });
});

/** A stand-in for the browser's Notification: records what would have been shown. */
function fakeNotification(
  initial: NotificationPermission = 'default',
  answer: NotificationPermission = 'granted',
) {
  const shown: { title: string; options?: NotificationOptions }[] = [];
  const requestPermission = vi.fn(() => {
    FakeNotification.permission = answer;
    return Promise.resolve(answer);
  });
  class FakeNotification {
    static permission: NotificationPermission = initial;
    static requestPermission = requestPermission;
    readonly title: string;
    constructor(title: string, options?: NotificationOptions) {
      this.title = title;
      shown.push({ title, ...(options ? { options } : {}) });
    }
  }
  vi.stubGlobal('Notification', FakeNotification);
  return { shown, requestPermission };
}

describe('notifications', () => {
  it('asks only on "Notify me", then notifies once when the run reaches Sovereign in a background window', async () => {
    const api = fakeNotification();
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    startSimulator({ scenario: 'mid-run', stepMs: 300 });
    renderConsole();
    const button = await screen.findByRole('button', { name: 'Notify me' });
    expect(api.requestPermission).not.toHaveBeenCalled();
    await userEvent.click(button);
    expect(api.requestPermission).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('button', { name: 'Stop notifications' })).toBeInTheDocument();
    await screen.findByText(/This Sovereign pulls images from its own Harbor/, undefined, {
      timeout: 10_000,
    });
    await waitFor(() => {
      expect(api.shown).toHaveLength(1);
    });
    expect(api.shown[0]).toMatchObject({ title: `Sovereign · ${HOST}` });
    expect(sessionStorage.getItem('catalyst-console:notify-run-end')).toBe('on');
  }, 20_000);

  it('a failure in a background window names the step', async () => {
    const api = fakeNotification('granted');
    sessionStorage.setItem('catalyst-console:notify-run-end', 'on');
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const sim = startSimulator({
      scenario: 'mid-run',
      stepMs: 300,
      engine: { failures: [{ step: 'gitea-token-mint', error: 'token refused' }] },
    });
    renderConsole();
    await screen.findByText(/The cutover stopped at Mint local Gitea token/, undefined, {
      timeout: 10_000,
    });
    await waitFor(() => {
      expect(api.shown).toEqual([
        {
          title: `Cutover failed · ${HOST}`,
          options: {
            body: 'The cutover stopped at Mint local Gitea token. Open the console to retry it.',
            tag: `cutover-failed:${HOST}`,
          },
        },
      ]);
    });
    expect(sim.engine.isRunning).toBe(false);
  }, 20_000);

  it('nothing while the window has the focus, nothing without the opt-in', async () => {
    const api = fakeNotification('granted');
    const focus = vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    sessionStorage.setItem('catalyst-console:notify-run-end', 'on');
    startSimulator({ scenario: 'mid-run', stepMs: 300 });
    const { unmount: unmountFirst } = renderConsole();
    await screen.findByText(/This Sovereign pulls images from its own Harbor/, undefined, {
      timeout: 10_000,
    });
    unmountFirst();
    sessionStorage.removeItem('catalyst-console:notify-run-end');
    focus.mockReturnValue(false);
    startSimulator({ scenario: 'mid-run', stepMs: 300 });
    renderConsole();
    await screen.findByText(/This Sovereign pulls images from its own Harbor/, undefined, {
      timeout: 10_000,
    });
    expect(api.shown).toEqual([]);
    expect(api.requestPermission).not.toHaveBeenCalled();
  }, 30_000);

  it('a browser that blocks notifications: says so, no button', async () => {
    fakeNotification('denied');
    startSimulator({ scenario: 'failed' });
    renderConsole();
    expect(
      await screen.findByText(/Browser notifications are blocked for this site/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Notify me' })).not.toBeInTheDocument();
  });
});
