import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import { screen, within } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MOUNTED_ATTRIBUTE, markMounted } from './boot-marker';

// public/boot-check.js is a plain script (docs/deployment.md): run it as the browser would, in
// the page's global scope, with the page's clock faked.
const SOURCE = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../public/boot-check.js'),
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

const stylesheets = () =>
  [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map(
    (link) => link.href,
  );

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<div id="root"></div>';
});
afterEach(() => {
  vi.useRealTimers();
  document.documentElement.removeAttribute(MOUNTED_ATTRIBUTE);
  document.head.replaceChildren();
  document.body.replaceChildren();
});

describe('public/boot-check.js', () => {
  it('after 6 s without the console, says so inside #root with a Reload button', () => {
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

  it('shows one message even if the script ran twice', () => {
    runBootCheck();
    runBootCheck();
    vi.advanceTimersByTime(6_000);
    expect(screen.getAllByRole('heading', { name: 'The console did not start' })).toHaveLength(1);
  });

  it('without #root, or without its own URL, still shows the message (unstyled by its sheet)', () => {
    document.body.replaceChildren();
    runBootCheck(null);
    vi.advanceTimersByTime(6_000);
    expect(document.body.querySelector('main.boot-check')).not.toBeNull();
    expect(stylesheets()).toEqual([]);
  });

  it('builds text nodes only: no innerHTML, no inline style, in the file itself', () => {
    const code = SOURCE.replace(/^\s*\/\/.*$/gm, '');
    expect(code).toContain('textContent');
    expect(code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\.style\b/);
  });
});
