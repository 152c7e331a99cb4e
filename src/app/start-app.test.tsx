import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { MOUNTED_ATTRIBUTE } from './boot-marker';
import { startBoot } from './boot-shell';
import { startApp } from './start-app';

// The real index.html's shell, then the boot module and React as the page runs them: React must
// take over the boot module's answer (docs/performance.md, "Badge first").
const INDEX_HTML = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../index.html'),
  'utf8',
);
const STATUS_PATH = '/api/v1/sovereign/cutover/status';

let unmount: (() => void) | undefined;

beforeEach(() => {
  const root = new DOMParser().parseFromString(INDEX_HTML, 'text/html').getElementById('root')!;
  document.body.replaceChildren(document.importNode(root, true));
  window.history.replaceState(null, '', '/console/dashboard');
  // Polling only: the event stream is not what this is about.
  vi.stubGlobal('EventSource', undefined);
});
afterEach(() => {
  unmount?.();
  unmount = undefined;
  vi.unstubAllGlobals();
  document.documentElement.removeAttribute(MOUNTED_ATTRIBUTE);
  document.body.replaceChildren();
  window.history.replaceState(null, '', '/');
});

it("React's first render shows the shell's badge, from the same answer: no skeleton in between", async () => {
  const requests: string[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input);
    requests.push(url);
    if (url.endsWith(STATUS_PATH)) {
      return Promise.resolve(
        new Response(JSON.stringify({ state: 'tethered', cutoverComplete: false, steps: [] }), {
          headers: { 'Content-Type': 'application/json' },
        }),
      );
    }
    return Promise.resolve(new Response('', { status: 404 }));
  });
  const boot = startBoot({
    pathname: window.location.pathname,
    configUrl: 'http://localhost/console/config.json',
    document,
    demo: false,
  });
  await boot.badge;
  const root = document.getElementById('root')!;
  expect(within(root).getByText('Tethered')).toHaveClass('badge__label');

  // From here on, every state of the page: the badge's word, and whether a skeleton badge is back.
  const seen: string[] = [];
  const observer = new MutationObserver(() => {
    const labels = [...root.querySelectorAll('.badge__label')].map((label) => label.textContent);
    const skeleton = root.querySelector('.skeleton__badge') ? 'skeleton' : '';
    const now = `${labels.join(',')}|${skeleton}`;
    if (seen.at(-1) !== now) seen.push(now);
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  await startApp(boot, root, (file) => `http://localhost/console/${file}`);
  unmount = () => {
    observer.disconnect();
  };

  // A busy machine transforms the dashboard's modules slowly: wait for them as long as the test.
  const patience = { timeout: 15_000 };
  await waitFor(() => {
    expect(document.documentElement).toHaveAttribute(MOUNTED_ATTRIBUTE);
  }, patience);
  const card = await screen.findByRole('region', { name: 'Sovereignty' }, patience);
  await within(card).findByText('The cutover has not started yet.', { exact: false }, patience);
  expect(root.querySelector('[data-boot-shell]')).toBeNull(); // React's own page now
  expect(within(card).getByText('Tethered')).toHaveClass('badge__label');
  // Tethered all along: never a skeleton badge, never another word.
  expect(seen).toEqual(seen.map(() => 'Tethered|'));
  // The card's connection took the boot request as its first (in a production build it is the
  // only one; here StrictMode mounts the card twice in development, and the remount asks anew).
  expect(boot.status!.take()).toBeUndefined();
  expect(requests.filter((url) => url.endsWith(STATUS_PATH))[0]).toBe(STATUS_PATH);
}, 20_000);
