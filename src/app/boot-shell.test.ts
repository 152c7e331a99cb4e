import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SovereigntyBadge } from '@/features/sovereignty/components/SovereigntyBadge';
import { CutoverParseError, SOVEREIGN, TETHERED } from '@/features/sovereignty/cutover';
import { SUBTITLES } from '@/features/sovereignty/subtitles';
import { Card } from '@/components/Card';
import { ApiError, DEFAULT_TIMEOUT_MS } from '@/lib/api-client';
import { startBoot, type BootOptions } from './boot-shell';

// The real index.html's shell, as the browser has it before any script ran.
const INDEX_HTML = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../index.html'),
  'utf8',
);
const STATUS_PATH = '/v1/sovereign/cutover/status';

function putShell(): void {
  const root = new DOMParser().parseFromString(INDEX_HTML, 'text/html').getElementById('root')!;
  document.body.replaceChildren(document.importNode(root, true));
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/** A fake network: config.json and the status answer as given; every request recorded. */
function network(answers: { status?: () => Response; config?: () => Response }) {
  const requests: string[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input);
    requests.push(url);
    if (url.endsWith('config.json')) {
      return Promise.resolve(answers.config?.() ?? new Response('', { status: 404 }));
    }
    if (url.endsWith(STATUS_PATH) && answers.status) return Promise.resolve(answers.status());
    return Promise.reject(new TypeError(`no answer for ${url}`));
  });
  return requests;
}

function boot(options: Partial<BootOptions> = {}) {
  return startBoot({
    pathname: '/console/dashboard',
    configUrl: 'https://sovereign.example/console/config.json',
    document,
    demo: false,
    ...options,
  });
}

/** What public/head-start.js leaves on window: a request already sent, its answer as given. */
function headStart(response: Promise<Response>, url = `/api${STATUS_PATH}`): ConsoleHeadStart {
  response.catch(() => undefined);
  return { url, startedAt: 1_000, response, controller: new AbortController() };
}

/** React's card header subtitle for this text, as a node, to compare with the boot module's. */
function reactSubtitle(text: string): Element {
  const box = document.createElement('div');
  box.innerHTML = renderToStaticMarkup(
    createElement(Card, { title: 'Sovereignty', subtitle: text }),
  );
  return box.querySelector('.card__subtitle')!;
}

const aside = () => document.querySelector('[data-boot-shell] [data-boot-card] .card__aside')!;
const shellLabel = () => aside().querySelector('.badge__label')?.textContent;

/** The badge as React renders it, as a node, to compare with the boot module's. */
function reactBadge(state: typeof TETHERED): Element {
  const box = document.createElement('div');
  box.innerHTML = renderToStaticMarkup(createElement(SovereigntyBadge, { state }));
  return box.firstElementChild!;
}

beforeEach(putShell);
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe('the boot badge (src/app/boot-shell.ts)', () => {
  it('writes Tethered for a valid tethered answer, with the markup React renders for it', async () => {
    network({ status: () => json({ state: 'tethered', cutoverComplete: false, steps: [] }) });
    const started = boot();
    await expect(started.badge).resolves.toMatchObject({ state: TETHERED });
    expect(shellLabel()).toBe('Tethered');
    // Same element, classes, icon and word as SovereigntyBadge: React's first render matches.
    expect(aside().firstElementChild!.isEqualNode(reactBadge(TETHERED))).toBe(true);
    expect(aside().querySelector('.skeleton__badge')).toBeNull();
    expect(started.shownBadge()?.status.state).toBe(TETHERED);
  });

  it('writes Sovereign for a valid sovereign answer, with the markup React renders for it', async () => {
    network({ status: () => json({ state: 'sovereign', cutoverComplete: true, steps: [] }) });
    await expect(boot().badge).resolves.toMatchObject({ state: SOVEREIGN });
    expect(shellLabel()).toBe('Sovereign');
    expect(aside().firstElementChild!.isEqualNode(reactBadge(SOVEREIGN))).toBe(true);
    expect(aside().firstElementChild!.isEqualNode(reactBadge(TETHERED))).toBe(false);
  });

  it.each([
    [{ cutoverComplete: true }, 'Sovereign'],
    [{ cutoverComplete: false }, 'Tethered'],
    [{ state: null, cutoverComplete: true }, 'Sovereign'],
    [{}, 'Tethered'],
  ])('no state (%j): the parser’s cutoverComplete fallback decides: %s', async (body, word) => {
    network({ status: () => json(body) });
    await boot().badge;
    expect(shellLabel()).toBe(word);
  });

  it('a state the parser refuses writes nothing: the card reports it', async () => {
    network({ status: () => json({ state: 'SOVEREIGN', cutoverComplete: true }) });
    const started = boot();
    await expect(started.badge).resolves.toBeUndefined();
    expect(shellLabel()).toBeUndefined();
    expect(aside().querySelector('.skeleton__badge')).not.toBeNull();
    expect(started.shownBadge()).toBeUndefined();
    // The same answer still goes to the card's connection, which shows the parser's refusal.
    await expect(started.status!.take()).rejects.toBeInstanceOf(CutoverParseError);
  });

  it.each([
    ['503', () => json({ error: 'unavailable' }, 503)],
    ['401', () => json({ error: 'unauthorized' }, 401)],
    ['an HTML page', () => new Response('<!doctype html><p>hi</p>', { status: 200 })],
    ['not an object', () => json(['tethered'])],
  ])('an answer that is not a status (%s) writes nothing', async (_what, answer) => {
    network({ status: answer });
    const started = boot();
    await expect(started.badge).resolves.toBeUndefined();
    expect(shellLabel()).toBeUndefined();
    expect(aside().querySelector('.skeleton__badge')).not.toBeNull();
  });

  it('no answer at all (network error) writes nothing', async () => {
    network({});
    await expect(boot().badge).resolves.toBeUndefined();
    expect(shellLabel()).toBeUndefined();
  });

  it('under a base path, asks that base path’s API and config.json, once each', async () => {
    const requests = network({ status: () => json({ state: 'tethered' }) });
    const started = boot({
      pathname: '/sovereign/console/dashboard',
      configUrl: 'https://mothership.example/sovereign/console/config.json',
    });
    await started.badge;
    expect(requests).toEqual([
      `/sovereign/api${STATUS_PATH}`,
      'https://mothership.example/sovereign/console/config.json',
    ]);
    expect(started.status?.apiBase).toBe('/sovereign/api');
    expect(shellLabel()).toBe('Tethered');
  });

  it('config.json naming another API base: the answer from the default one is not shown', async () => {
    network({
      status: () => json({ state: 'sovereign' }),
      config: () => json({ apiBase: '/elsewhere/api' }),
    });
    await expect(boot().badge).resolves.toBeUndefined();
    expect(shellLabel()).toBeUndefined();
  });

  it('config.json confirming the API base: shown', async () => {
    network({
      status: () => json({ state: 'sovereign' }),
      config: () => json({ apiBase: '/api' }),
    });
    await boot().badge;
    expect(shellLabel()).toBe('Sovereign');
  });

  it('once React has replaced the shell, writes nothing into the page', async () => {
    network({ status: () => json({ state: 'tethered' }) });
    const started = boot();
    document.getElementById('root')!.replaceChildren(); // React's render empties #root
    await expect(started.badge).resolves.toBeUndefined();
    expect(document.querySelector('.badge')).toBeNull();
  });

  it('in the demo, sends no request (its API is a worker not yet running) and writes nothing', async () => {
    const requests = network({ status: () => json({ state: 'tethered' }) });
    const started = boot({ demo: true });
    await expect(started.badge).resolves.toBeUndefined();
    await started.config;
    expect(requests.filter((url) => url.includes('/api/'))).toEqual([]);
    expect(started.status).toBeUndefined();
    expect(shellLabel()).toBeUndefined();
  });

  it('on another page, sends no status request and drops the dashboard from the shell', async () => {
    const requests = network({ status: () => json({ state: 'tethered' }) });
    const started = boot({ pathname: '/console/nope' });
    await expect(started.badge).resolves.toBeUndefined();
    expect(requests.filter((url) => url.includes('/api/'))).toEqual([]);
    expect(document.querySelector('[data-boot-dashboard]')).toBeNull();
    // The header and the main landmark stay.
    expect(document.querySelector('[data-boot-shell] .shell__header')).not.toBeNull();
    expect(document.getElementById('main')).not.toBeNull();
  });
});

describe('the boot module takes over the head script’s request (public/head-start.js)', () => {
  it('sends no second request, and shows the head script’s answer, parsed', async () => {
    const requests = network({});
    const head = headStart(Promise.resolve(json({ state: 'sovereign', cutoverComplete: true })));
    const started = boot({ headStart: head, now: () => 5_000 });
    await expect(started.badge).resolves.toMatchObject({ state: SOVEREIGN });
    expect(requests).toEqual(['https://sovereign.example/console/config.json']);
    expect(shellLabel()).toBe('Sovereign');
    // Its age counts from when the head script sent it.
    expect(started.status?.startedAt).toBe(1_000);
    await expect(started.status!.take()).resolves.toMatchObject({ state: SOVEREIGN });
  });

  it('its failures are classified as the client classifies its own: an HTTP 503', async () => {
    network({});
    const started = boot({
      headStart: headStart(Promise.resolve(json({ error: 'unavailable' }, 503))),
    });
    await expect(started.badge).resolves.toBeUndefined();
    const error: unknown = await started.status!.take()!.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'http', status: 503, code: 'unavailable' });
  });

  it('no answer (network error): a network failure, as before', async () => {
    network({});
    const started = boot({ headStart: headStart(Promise.reject(new TypeError('offline'))) });
    await expect(started.badge).resolves.toBeUndefined();
    await expect(started.status!.take()).rejects.toMatchObject({ kind: 'network' });
  });

  it('a body the parser refuses: the parser’s refusal, as before', async () => {
    network({});
    const started = boot({ headStart: headStart(Promise.resolve(json({ state: 'SOVEREIGN' }))) });
    await expect(started.badge).resolves.toBeUndefined();
    await expect(started.status!.take()).rejects.toBeInstanceOf(CutoverParseError);
  });

  it('no answer within the client’s timeout: a timeout, and the head script’s request stopped', async () => {
    vi.useFakeTimers();
    try {
      network({});
      const head = headStart(new Promise<Response>(() => undefined));
      const started = boot({ headStart: head });
      const taken = started.status!.take()!.catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS);
      await expect(taken).resolves.toMatchObject({ kind: 'timeout' });
      expect(head.controller.signal.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('cancel() (config.json names another API base) stops the head script’s request', () => {
    network({});
    const head = headStart(new Promise<Response>(() => undefined));
    boot({ headStart: head }).status!.cancel();
    expect(head.controller.signal.aborted).toBe(true);
  });

  it('a request to another URL is not the card’s: stopped, and the boot module asks itself', async () => {
    const requests = network({ status: () => json({ state: 'tethered' }) });
    const head = headStart(new Promise<Response>(() => undefined), `/elsewhere/api${STATUS_PATH}`);
    const started = boot({ headStart: head });
    await started.badge;
    expect(head.controller.signal.aborted).toBe(true);
    expect(requests).toContain(`/api${STATUS_PATH}`);
    expect(shellLabel()).toBe('Tethered');
  });

  it('in the demo, or on another page, a head request is stopped and not used', async () => {
    network({});
    for (const options of [{ demo: true }, { pathname: '/console/nope' }]) {
      const head = headStart(Promise.resolve(json({ state: 'tethered' })));
      const started = boot({ ...options, headStart: head });
      await expect(started.badge).resolves.toBeUndefined();
      expect(started.status).toBeUndefined();
      expect(head.controller.signal.aborted).toBe(true);
      expect(document.querySelector('.badge')).toBeNull();
    }
  });
});

describe('the boot module takes over the head script’s config.json request', () => {
  const CONFIG_URL = 'https://sovereign.example/console/config.json';
  const headConfig = (response: Response, url = CONFIG_URL): ConsoleHeadConfig => ({
    url,
    response: Promise.resolve(response),
    controller: new AbortController(),
  });

  it('asks config.json nothing again, and its answer still decides whether the badge is shown', async () => {
    const requests = network({ status: () => json({ state: 'tethered' }) });
    const confirmed = boot({ headConfig: headConfig(json({ apiBase: '/api' })) });
    await expect(confirmed.badge).resolves.toMatchObject({ state: TETHERED });
    expect(shellLabel()).toBe('Tethered');
    expect(requests).toEqual([`/api${STATUS_PATH}`]);

    putShell();
    const elsewhere = boot({ headConfig: headConfig(json({ apiBase: '/other/api' })) });
    await expect(elsewhere.badge).resolves.toBeUndefined();
    expect(shellLabel()).toBeUndefined();
    await expect(elsewhere.config).resolves.toMatchObject({ config: { apiBase: '/other/api' } });
  });
});

describe('the boot card header: the subtitle React shows, so nothing moves when it takes over', () => {
  it.each([
    ['tethered', SUBTITLES.tethered],
    ['sovereign', SUBTITLES.sovereign],
  ] as const)(
    '%s: the card’s subtitle under its title, as React renders it',
    async (state, text) => {
      network({ status: () => json({ state }) });
      await boot().badge;
      const subtitles = document.querySelectorAll('[data-boot-card] .card__titles .card__subtitle');
      expect(subtitles).toHaveLength(1);
      expect(subtitles[0]!.isEqualNode(reactSubtitle(text))).toBe(true);
      expect(subtitles[0]!.previousElementSibling).toHaveClass('card__title');
    },
  );

  it('no answer: the subtitle’s place stays held and unseen, its words the tethered ones (same size)', async () => {
    network({});
    await boot().badge;
    const card = document.querySelector('[data-boot-card]')!;
    // Shell.css hides it until the boot module sets the state it wrote.
    expect(card).not.toHaveAttribute('data-boot-state');
    expect(card.querySelector('.card__subtitle')?.textContent.trim()).toBe(SUBTITLES.tethered);
  });

  it('its words are written into the node index.html holds in place, not a new one', async () => {
    const placeholder = document.querySelector('[data-boot-card] .card__subtitle');
    network({ status: () => json({ state: 'sovereign' }) });
    await boot().badge;
    expect(document.querySelector('[data-boot-card] .card__subtitle')).toBe(placeholder);
    expect(placeholder?.textContent).toBe(SUBTITLES.sovereign);
  });
});

describe("index.html's static shell", () => {
  it('has the landmarks and headings of the app: skip link, banner, main, h1, the Sovereignty region', () => {
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
    // jsdom's roles count the card's <header> too; a browser (and axe) only the page's.
    const [banner] = screen.getAllByRole('banner');
    expect(banner).toHaveClass('shell__header');
    expect(within(banner!).getByText('Sovereign console')).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual([
      'Dashboard',
    ]);
    const card = screen.getByRole('region', { name: 'Sovereignty' });
    expect(
      within(card).getByRole('heading', { level: 2, name: 'Sovereignty' }),
    ).toBeInTheDocument();
    expect(card).toHaveAttribute('aria-busy', 'true');
    expect(within(card).getByRole('status', { name: 'Loading the cutover status' })).toBeVisible();
    // The theme choice is React's: shown in place, not usable until then.
    expect(screen.getByRole('combobox', { name: 'Theme' })).toBeDisabled();
    // Not the console having started (public/boot-check.js reads the mark).
    expect(document.documentElement).not.toHaveAttribute('data-mounted');
  });

  it('the badge it gets is not in a live region: only the card announces the state, once', async () => {
    network({ status: () => json({ state: 'sovereign' }) });
    await boot().badge;
    const label = within(screen.getByRole('region', { name: 'Sovereignty' })).getByText(
      'Sovereign',
    );
    expect(label.closest('[aria-live], [role="status"], [role="alert"], [role="log"]')).toBeNull();
  });
});
