import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectBasePath, loadConfig } from '@/lib/config';
import { cspInlineHashes, inlineHead, markHeadStartNoStatus } from '../../vite.config';
import {
  isDashboardPath,
  startBootStatusFetch,
  takeHeadConfig,
  takeHeadStart,
} from './boot-status';

const here = dirname(fileURLToPath(import.meta.url));
const HEAD_START = readFileSync(join(here, '../../public/head-start.js'), 'utf8');
const INDEX_HTML = readFileSync(join(here, '../../index.html'), 'utf8');
const STATUS_PATH = '/v1/sovereign/cutover/status';

/** Runs public/head-start.js as the page does, from `script` (index.html's element) if given. */
function runHeadStart(script?: HTMLScriptElement): void {
  Object.defineProperty(document, 'currentScript', {
    configurable: true,
    get: () => script ?? null,
  });
  try {
    // The shipped file, as is, in this window (as a classic script runs); jsdom runs no <script>.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const run = new Function(HEAD_START) as () => void;
    run();
  } finally {
    Reflect.deleteProperty(document, 'currentScript');
  }
}

/** The head script's element as an index.html names it, parsed, with its attributes. */
function headScriptOf(html: string): HTMLScriptElement {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const script = parsed.querySelector<HTMLScriptElement>('script[src$="head-start.js"]');
  if (!script) throw new Error('no head-start.js in this index.html');
  return script;
}

function stubFetch() {
  const requests: string[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    requests.push(input instanceof Request ? input.url : String(input));
    return new Promise<Response>(() => undefined);
  });
  return requests;
}

let startPath: string;
beforeEach(() => {
  startPath = window.location.pathname;
});
afterEach(() => {
  window.__consoleHeadStart?.controller.abort();
  window.__consoleHeadStart = undefined;
  window.__consoleHeadConfig?.controller.abort();
  window.__consoleHeadConfig = undefined;
  window.history.replaceState(null, '', startPath);
  window.localStorage.clear();
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.style.removeProperty('--boot-host');
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

// Every path form src/lib/config.test.ts gives detectBasePath, and the dashboard's own forms.
const PATHS = [
  '/console/dashboard',
  '/sovereign/console/dashboard',
  '/sovereign/console',
  '/a/b/console/',
  '/console',
  '/',
  '/consoles/x',
  '/sovereign/consoles/x',
  '/x/console/y/console/z',
  '/sovereign/console/',
  '/sovereign/console/dashboard/',
  '/console/dashboard/',
  '/console/nope',
  '/sovereign/console/dashboard/more',
  '/a/b/console/dashboard',
];

describe('public/head-start.js: the status request before the boot module', () => {
  it.each(PATHS)(
    '%s: asks what the boot module would ask, on the paths it would ask it, and nowhere else',
    (pathname) => {
      window.history.replaceState(null, '', pathname);
      const asked = stubFetch();
      runHeadStart();
      // config.json aside (below): it is asked on every page.
      const requests = () => asked.filter((url) => !url.endsWith('config.json'));
      if (isDashboardPath(pathname)) {
        const url = `${detectBasePath(pathname)}/api${STATUS_PATH}`;
        expect(requests()).toEqual([url]);
        expect(window.__consoleHeadStart?.url).toBe(url);
        // The boot module, on the same path, takes it over instead of asking again.
        const headStart = takeHeadStart(window);
        expect(startBootStatusFetch(pathname, Date.now, headStart)).toBeDefined();
        expect(requests()).toEqual([url]);
        expect(headStart!.controller.signal.aborted).toBe(false);
      } else {
        expect(requests()).toEqual([]);
        expect(window.__consoleHeadStart).toBeUndefined();
      }
    },
  );

  it('sends it as the API client does: GET, asking for JSON, stoppable', () => {
    window.history.replaceState(null, '', '/console/dashboard');
    const fetchSpy = vi.fn(() => new Promise<Response>(() => undefined));
    vi.stubGlobal('fetch', fetchSpy);
    runHeadStart();
    expect(fetchSpy).toHaveBeenCalledWith(`/api${STATUS_PATH}`, {
      headers: { Accept: 'application/json' },
      signal: window.__consoleHeadStart!.controller.signal,
    });
  });

  it('in the demo build’s index.html (data-no-status) sends nothing, and still sets the theme', () => {
    window.history.replaceState(null, '', '/console/dashboard');
    window.localStorage.setItem('sovereign-console.theme', 'dark');
    const requests = stubFetch();
    const script = headScriptOf(markHeadStartNoStatus(INDEX_HTML));
    runHeadStart(script);
    // config.json only: the demo reads it too, from the file, not from the mock worker.
    expect(requests).toEqual([new URL('config.json', script.src).href]);
    expect(window.__consoleHeadStart).toBeUndefined();
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('sends both requests before it reads the remembered theme (a synchronous wait on the browser)', () => {
    window.history.replaceState(null, '', '/console/dashboard');
    const order: string[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
      order.push(`fetch ${input instanceof Request ? input.url : String(input)}`);
      return new Promise<Response>(() => undefined);
    });
    const getItem = vi.spyOn(Storage.prototype, 'getItem').mockImplementation((key) => {
      order.push(`localStorage ${key}`);
      return 'dark';
    });
    try {
      const script = headScriptOf(INDEX_HTML);
      runHeadStart(script);
      expect(order).toEqual([
        `fetch /api${STATUS_PATH}`,
        `fetch ${new URL('config.json', script.src).href}`,
        'localStorage sovereign-console.theme',
      ]);
      // …and the theme is still applied in the same run, before first paint.
      expect(document.documentElement.dataset.theme).toBe('dark');
    } finally {
      getItem.mockRestore();
    }
  });

  it('a fetch that throws leaves nothing to take, and the theme is still set before first paint', () => {
    window.history.replaceState(null, '', '/console/dashboard');
    window.localStorage.setItem('sovereign-console.theme', 'dark');
    vi.stubGlobal('fetch', () => {
      throw new TypeError('fetch is not a function');
    });
    runHeadStart(headScriptOf(INDEX_HTML));
    expect(window.__consoleHeadStart).toBeUndefined();
    expect(window.__consoleHeadConfig).toBeUndefined();
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('in the production index.html (unmarked) sends it', () => {
    window.history.replaceState(null, '', '/console/dashboard');
    const requests = stubFetch();
    const script = headScriptOf(INDEX_HTML);
    runHeadStart(script);
    expect(requests).toEqual([`/api${STATUS_PATH}`, new URL('config.json', script.src).href]);
  });

  it('the demo build marks the script, and fails the build if index.html no longer names it', () => {
    // Adopted into this document: jest-dom checks elements of a document with a window.
    const adopted = (html: string) => document.importNode(headScriptOf(html));
    expect(adopted(INDEX_HTML)).not.toHaveAttribute('data-no-status');
    expect(adopted(markHeadStartNoStatus(INDEX_HTML))).toHaveAttribute('data-no-status');
    expect(() => markHeadStartNoStatus('<html><head></head></html>')).toThrow(/head-start\.js/);
  });

  it.each([
    ['light', 'light'],
    ['dark', 'dark'],
  ])('applies the remembered theme (%s) before first paint', (choice, theme) => {
    window.localStorage.setItem('sovereign-console.theme', choice);
    stubFetch();
    runHeadStart();
    expect(document.documentElement.dataset.theme).toBe(theme);
  });

  it('writes the host into the static shell’s header, as the React shell shows it', () => {
    const root = new DOMParser().parseFromString(INDEX_HTML, 'text/html').getElementById('root')!;
    document.body.replaceChildren(document.importNode(root, true));
    stubFetch();
    runHeadStart();
    expect(document.querySelector('[data-boot-shell] .shell__host')?.textContent).toBe(
      window.location.host,
    );
    expect(window.location.host).not.toBe('');
    // Painted before the shell is parsed, from this property (src/app/Shell.css).
    expect(document.documentElement.style.getPropertyValue('--boot-host')).toBe(
      JSON.stringify(window.location.host),
    );
  });

  it('is read once: the boot module takes it, nothing else can', () => {
    window.history.replaceState(null, '', '/console/dashboard');
    stubFetch();
    runHeadStart();
    const first = takeHeadStart(window);
    expect(first?.url).toBe(`/api${STATUS_PATH}`);
    expect(takeHeadStart(window)).toBeUndefined();
    first?.controller.abort();
  });
});

describe('public/head-start.js: config.json before the boot module', () => {
  /** The head script's element as the built index.html has it: inline (vite.config.ts). */
  const builtHeadScript = () => document.createElement('script');
  /** As a file (the dev server's), here in a folder of its own so the two bases differ. */
  const fileHeadScript = () => {
    const script = document.createElement('script');
    script.setAttribute('src', './files/head-start.js');
    return script;
  };

  it.each(PATHS)(
    '%s: asks for the config.json the boot module reads, and the boot module takes it',
    async (pathname) => {
      window.history.replaceState(null, '', pathname);
      const requests = stubFetch();
      runHeadStart(builtHeadScript());
      // What src/main.tsx reads: `${import.meta.env.BASE_URL}config.json` beside the page, with
      // the build's relative base.
      const entryConfigUrl = new URL('./config.json', document.baseURI).href;
      expect(requests).toContain(entryConfigUrl);
      const started = takeHeadConfig(window);
      expect(started?.url).toBe(entryConfigUrl);
      expect(takeHeadConfig(window)).toBeUndefined();
      // Taken over: answered from the head script's request, nothing asked again.
      let settle: (response: Response) => void = () => undefined;
      const response = new Promise<Response>((resolve) => {
        settle = resolve;
      });
      const loaded = loadConfig(entryConfigUrl, pathname, { ...started!, response });
      settle(Response.json({ signInUrl: '/sign-in' }));
      await expect(loaded).resolves.toMatchObject({ config: { signInUrl: '/sign-in' } });
      expect(requests.filter((url) => url.endsWith('config.json'))).toEqual([entryConfigUrl]);
    },
  );

  it('as a file (the dev server’s), beside the file', () => {
    window.history.replaceState(null, '', '/console/dashboard');
    const requests = stubFetch();
    runHeadStart(fileHeadScript());
    expect(requests.filter((url) => url.endsWith('config.json'))).toEqual([
      new URL('./files/config.json', document.baseURI).href,
    ]);
  });

  it('asks for it as loadConfig does: GET, asking for JSON, stoppable', () => {
    const fetchSpy = vi.fn(() => new Promise<Response>(() => undefined));
    vi.stubGlobal('fetch', fetchSpy);
    runHeadStart(builtHeadScript());
    expect(fetchSpy).toHaveBeenCalledWith(new URL('./config.json', document.baseURI).href, {
      headers: { Accept: 'application/json' },
      signal: window.__consoleHeadConfig!.controller.signal,
    });
  });
});

describe('the build writes the head script into index.html', () => {
  const built = `<script  src="./head-start.js" data-no-status></script>
<link rel="stylesheet" crossorigin href="./assets/index-AbC_12-x.css">`;

  it('inline, attributes kept, and allowed by exactly its hash', () => {
    const html = inlineHead(built, 'run()');
    expect(html).toBe(
      '<script data-no-status>run()</script>\n<link rel="stylesheet" crossorigin href="./assets/index-AbC_12-x.css">',
    );
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(cspInlineHashes(html)).toBe(`script-src ${sha('run()')}\nstyle-src \n`);
    expect(cspInlineHashes(`${html}<style>a{}</style>`)).toBe(
      `script-src ${sha('run()')}\nstyle-src ${sha('a{}')}\n`,
    );
  });

  it('refuses what it cannot inline as it is', () => {
    expect(() => inlineHead('<head></head>', 'run()')).toThrow(/head-start\.js/);
    expect(() => inlineHead(built, 'x="</script>"')).toThrow(/closing tag/);
    expect(() => inlineHead(built, 'x="<!--"')).toThrow(/comment opener/);
    expect(() => inlineHead(built, 'run()\r\n')).toThrow(/carriage return/);
  });
});
