import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import { createHash } from 'node:crypto';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cspInlineHashes, inlineBootCheck, inlineHead } from '../../vite.config';
import { MOUNTED_ATTRIBUTE, markMounted } from './boot-marker';

// public/boot-check.js is a plain script (docs/deployment.md): run it as the browser would, in
// the page's global scope, with the page's clock faked.
const SOURCE = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../public/boot-check.js'),
  'utf8',
);
const INDEX_HTML = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../index.html'),
  'utf8',
);
const SCRIPT_URL = 'https://mothership.example/sovereign/console/boot-check.js';

function runBootCheck(scriptUrl: string | null = SCRIPT_URL): void {
  const script = document.createElement('script');
  if (scriptUrl) script.src = scriptUrl;
  Object.defineProperty(document, 'currentScript', { configurable: true, value: script });
  try {
    runInThisContext(SOURCE, { filename: 'public/boot-check.js' });
  } finally {
    Reflect.deleteProperty(document, 'currentScript');
  }
}

/** The page's files are still arriving when the script runs (as the dev server's deferred file). */
function stillLoading(): void {
  Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'interactive' });
}

function finishLoading(): void {
  Reflect.deleteProperty(document, 'readyState');
  window.dispatchEvent(new Event('load'));
}

const NOT_STARTED = 'The console did not start';
const message = () => screen.queryByRole('heading', { name: NOT_STARTED });

const stylesheets = () =>
  [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map(
    (link) => link.href,
  );

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<div id="root"></div>';
});
afterEach(() => {
  Reflect.deleteProperty(document, 'readyState');
  vi.useRealTimers();
  document.documentElement.removeAttribute(MOUNTED_ATTRIBUTE);
  document.head.replaceChildren();
  document.body.replaceChildren();
});

describe('public/boot-check.js', () => {
  it('6 s after the page loaded without the console, says so inside #root with a Reload button', () => {
    runBootCheck();
    vi.advanceTimersByTime(5_999);
    expect(document.getElementById('root')).toBeEmptyDOMElement();
    expect(stylesheets()).toEqual([]);

    vi.advanceTimersByTime(1);
    const page = within(document.getElementById('root')!).getByRole('main');
    const alert = within(page).getByRole('alert');
    expect(
      within(alert).getByRole('heading', { level: 1, name: 'The console did not start' }),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      "Reload the page. If this keeps happening, the console's files may be out of date or blocked",
    );
    expect(screen.getByRole('main', { name: 'The console did not start' })).toBe(page);
    expect(within(page).getByRole('button', { name: 'Reload' })).toHaveAttribute('type', 'button');
    // No inline styles: its own stylesheet, beside the script, wherever the console is mounted.
    expect(page.querySelectorAll('[style]')).toHaveLength(0);
    expect(stylesheets()).toEqual(['https://mothership.example/sovereign/console/boot-check.css']);
  });

  it('stays quiet when the console has mounted by then', () => {
    runBootCheck();
    vi.advanceTimersByTime(2_000);
    markMounted();
    vi.advanceTimersByTime(60_000);
    expect(document.getElementById('root')).toBeEmptyDOMElement();
    expect(stylesheets()).toEqual([]);
  });

  it("index.html's static shell is not a started console: the message takes its place", () => {
    const html = readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), '../../index.html'),
      'utf8',
    );
    const shell = new DOMParser().parseFromString(html, 'text/html').getElementById('root')!;
    document.body.replaceChildren(document.importNode(shell, true));
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main'); // the shell's
    runBootCheck();
    vi.advanceTimersByTime(6_000);
    const root = document.getElementById('root')!;
    // One main landmark, the message's; the shell and its skeleton are gone.
    expect(screen.getAllByRole('main')).toEqual([screen.getByRole('main', { name: NOT_STARTED })]);
    expect(root.children).toHaveLength(1);
    expect(root.querySelector('[data-boot-shell]')).toBeNull();
  });

  it('counts from the load event: a slow download is not a failure', () => {
    stillLoading();
    runBootCheck();
    vi.advanceTimersByTime(9_000);
    expect(message()).toBeNull();
    finishLoading(); // the files arrived after 9 s…
    vi.advanceTimersByTime(5_999);
    expect(message()).toBeNull();
    vi.advanceTimersByTime(1); // …and 6 s later there is still no console
    expect(message()).toBeInTheDocument();
  });

  it('a slow download that ends in a console shows nothing', () => {
    stillLoading();
    runBootCheck();
    vi.advanceTimersByTime(12_000);
    finishLoading();
    vi.advanceTimersByTime(100);
    markMounted();
    vi.advanceTimersByTime(60_000);
    expect(message()).toBeNull();
  });

  it('a page that never finishes loading (a stalled request) gets the message after 20 s', () => {
    stillLoading();
    runBootCheck();
    vi.advanceTimersByTime(19_999);
    expect(message()).toBeNull();
    vi.advanceTimersByTime(1);
    expect(message()).toBeInTheDocument();
    finishLoading(); // and a load after that does not add a second one
    vi.advanceTimersByTime(6_000);
    expect(screen.getAllByRole('heading', { name: 'The console did not start' })).toHaveLength(1);
  });

  it('shows one message even if the script ran twice', () => {
    runBootCheck();
    runBootCheck();
    vi.advanceTimersByTime(6_000);
    expect(screen.getAllByRole('heading', { name: 'The console did not start' })).toHaveLength(1);
  });

  it('inline, as the build writes it (no URL of its own): its stylesheet beside the page', () => {
    const path = window.location.pathname;
    window.history.replaceState(null, '', '/sovereign/console/dashboard');
    try {
      runBootCheck(null);
    } finally {
      // Where the page was when the script ran counts, not where it is later.
      window.history.replaceState(null, '', path);
    }
    vi.advanceTimersByTime(6_000);
    expect(message()).toBeInTheDocument();
    expect(stylesheets()).toEqual([`${window.location.origin}/sovereign/console/boot-check.css`]);
  });

  it('inline in the head, with the page’s own HTML stalled: speaks once the shell is parsed, in its place', () => {
    document.body.replaceChildren();
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    runBootCheck(null);
    vi.advanceTimersByTime(20_000);
    expect(message()).not.toBeInTheDocument();
    // The rest of the page arrives: the shell, then the end of parsing.
    document.body.innerHTML = '<div id="root"><div data-boot-shell></div></div>';
    Reflect.deleteProperty(document, 'readyState');
    document.dispatchEvent(new Event('DOMContentLoaded'));
    const root = document.getElementById('root')!;
    expect(within(root).getByRole('main', { name: NOT_STARTED })).toBeInTheDocument();
    expect(root.querySelector('[data-boot-shell]')).toBeNull();
  });

  it('without #root, still shows the message', () => {
    document.body.replaceChildren();
    runBootCheck();
    vi.advanceTimersByTime(6_000);
    expect(document.body.querySelector('main.boot-check')).not.toBeNull();
  });

  it('builds text nodes only: no innerHTML, no inline style, in the file itself', () => {
    const code = SOURCE.replace(/^\s*\/\/.*$/gm, '');
    expect(code).toContain('textContent');
    expect(code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\.style\b/);
  });
});

describe('the build writes boot-check.js into index.html', () => {
  const built = `<script  src="./head-start.js"></script>
    <script  defer src="./boot-check.js"></script>
    <script type="module" crossorigin src="./assets/index-AbC_12-x.js"></script>`;

  it('inline, in its place, no longer deferred (an inline script cannot be)', () => {
    expect(inlineBootCheck(built, ' check() ')).toBe(`<script  src="./head-start.js"></script>
    <script>check()</script>
    <script type="module" crossorigin src="./assets/index-AbC_12-x.js"></script>`);
    // As index.html names it before Vite has built it.
    expect(
      inlineBootCheck('<script vite-ignore defer src="%BASE_URL%boot-check.js"></script>', 'c()'),
    ).toBe('<script>c()</script>');
  });

  it('refuses what it cannot inline as it is, and a page without it', () => {
    expect(() => inlineBootCheck('<head></head>', 'check()')).toThrow(/boot-check\.js/);
    expect(() => inlineBootCheck(built, 'x="</script>"')).toThrow(/closing tag/);
    expect(() => inlineBootCheck(built, 'x="<!--"')).toThrow(/comment opener/);
    expect(() => inlineBootCheck(built, 'check()\r\n')).toThrow(/carriage return/);
  });

  it('in the real index.html, both scripts become inline and cspInlineHashes allows exactly them', () => {
    const html = inlineBootCheck(inlineHead(INDEX_HTML, 'head()'), 'check()');
    const inline = [...html.matchAll(/<script>([^<]*)<\/script>/g)].map(([, code]) => code);
    expect(inline).toEqual(['head()', 'check()']);
    expect(html).not.toMatch(/src="[^"]*(boot-check|head-start)\.js"/);
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(cspInlineHashes(html)).toBe(
      `script-src ${sha('head()')} ${sha('check()')}\nstyle-src \n`,
    );
  });
});
