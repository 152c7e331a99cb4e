import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TETHERED } from '@/features/sovereignty/cutover';
import { ApiError, DEFAULT_TIMEOUT_MS } from '@/lib/api-client';
import { CONFIG_TIMEOUT_MS, detectBasePath, loadConfig } from '@/lib/config';
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

/**
 * The head script's requests: an XMLHttpRequest each (public/head-start.js, `send`), driven by the
 * test as a browser drives one: the headers arrive (`head`), then the body in full (`finish`), or
 * the transfer fails (`end`). Events in the order the XHR standard fires them.
 */
class FakeXhr {
  /** Every request sent, in order; `log` also takes the tests' own entries. */
  static sent: FakeXhr[] = [];
  static log: string[] = [];
  static openThrows = false;

  method = '';
  url = '';
  readonly requestHeaders: Record<string, string> = {};
  responseType = '';
  readyState = 0;
  status = 0;
  aborted = false;
  /** A wrapper (an extension's) whose `response` throws, say. */
  responseThrows = false;
  private body: ArrayBuffer | null = null;
  private rawHeaders = '';
  onreadystatechange: (() => void) | null = null;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;

  get response(): ArrayBuffer | null {
    if (this.responseThrows) throw new TypeError('response is not readable here');
    return this.readyState === 4 ? this.body : null;
  }
  open(method: string, url: string): void {
    if (FakeXhr.openThrows) throw new TypeError('XMLHttpRequest is blocked');
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }
  setRequestHeader(name: string, value: string): void {
    this.requestHeaders[name] = value;
  }
  send(): void {
    FakeXhr.sent.push(this);
    FakeXhr.log.push(`send ${this.url}`);
  }
  getAllResponseHeaders(): string {
    return this.rawHeaders;
  }
  /** As the standard says: on a request in flight, a failure with an abort event; else nothing. */
  abort(): void {
    if (this.readyState === 0 || this.readyState === 4) return;
    this.aborted = true;
    this.end('onabort');
  }
  /** The status line and headers arrive, listed as the browser lists them (lower-case names). */
  head(status: number, headers: Record<string, string> | [string, string][] = {}): this {
    this.receive(status, headers);
    this.readyState = 2;
    this.onreadystatechange?.();
    return this;
  }
  /** …then the whole body, as bytes (UTF-8 from a string). */
  finish(body: string | Uint8Array): void {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    this.body = bytes.slice().buffer;
    this.readyState = 4;
    this.onreadystatechange?.();
    this.onload?.();
  }
  /** Headers and body at once, with no HEADERS_RECEIVED event (should a browser skip it). */
  all(status: number, headers: Record<string, string>, body: string): void {
    this.receive(status, headers);
    this.finish(body);
  }
  /** The connection drops (before or after the headers): status 0, as a browser reports it. */
  end(handler: 'onerror' | 'onabort' | 'ontimeout' = 'onerror'): void {
    this.status = 0;
    this.readyState = 4;
    this.onreadystatechange?.();
    this[handler]?.();
  }

  private receive(status: number, headers: Record<string, string> | [string, string][]): void {
    this.status = status;
    this.rawHeaders = (Array.isArray(headers) ? headers : Object.entries(headers))
      .map(([name, value]) => `${name.toLowerCase()}: ${value}\r\n`)
      .join('');
  }

  /** The one request sent to `url`. */
  static to(url: string): FakeXhr {
    const found = FakeXhr.sent.filter((request) => request.url === url);
    if (found.length !== 1) throw new Error(`${found.length} requests to ${url}`);
    return found[0]!;
  }
}

/** Stands in for XMLHttpRequest; returns the URLs asked so far, whenever it is called. */
function stubRequests(): () => string[] {
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return () => FakeXhr.sent.map((request) => request.url);
}

let startPath: string;
beforeEach(() => {
  startPath = window.location.pathname;
  FakeXhr.sent = [];
  FakeXhr.log = [];
  FakeXhr.openThrows = false;
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
      const asked = stubRequests();
      runHeadStart();
      // config.json aside (below): it is asked on every page.
      const requests = () => asked().filter((url) => !url.endsWith('config.json'));
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
    stubRequests();
    runHeadStart();
    const request = FakeXhr.to(`/api${STATUS_PATH}`);
    expect(request.method).toBe('GET');
    expect(request.requestHeaders).toEqual({ Accept: 'application/json' });
    // Bytes, decoded by the head script as a fetch Response's text() decodes them.
    expect(request.responseType).toBe('arraybuffer');
    expect(request.aborted).toBe(false);
    window.__consoleHeadStart!.controller.abort();
    expect(request.aborted).toBe(true);
  });

  it('in the demo build’s index.html (data-no-status) sends nothing, and still sets the theme', () => {
    window.history.replaceState(null, '', '/console/dashboard');
    window.localStorage.setItem('sovereign-console.theme', 'dark');
    const requests = stubRequests();
    const script = headScriptOf(markHeadStartNoStatus(INDEX_HTML));
    runHeadStart(script);
    // config.json only: the demo reads it too, from the file, not from the mock worker.
    expect(requests()).toEqual([new URL('config.json', script.src).href]);
    expect(window.__consoleHeadStart).toBeUndefined();
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('sends both requests before it reads the remembered theme (a synchronous wait on the browser)', () => {
    window.history.replaceState(null, '', '/console/dashboard');
    stubRequests();
    const getItem = vi.spyOn(Storage.prototype, 'getItem').mockImplementation((key) => {
      FakeXhr.log.push(`localStorage ${key}`);
      return 'dark';
    });
    try {
      const script = headScriptOf(INDEX_HTML);
      runHeadStart(script);
      expect(FakeXhr.log).toEqual([
        `send /api${STATUS_PATH}`,
        `send ${new URL('config.json', script.src).href}`,
        'localStorage sovereign-console.theme',
      ]);
      // …and the theme is still applied in the same run, before first paint.
      expect(document.documentElement.dataset.theme).toBe('dark');
    } finally {
      getItem.mockRestore();
    }
  });

  it('a request that throws leaves nothing to take, and the theme is still set before first paint', () => {
    window.history.replaceState(null, '', '/console/dashboard');
    window.localStorage.setItem('sovereign-console.theme', 'dark');
    stubRequests();
    FakeXhr.openThrows = true;
    runHeadStart(headScriptOf(INDEX_HTML));
    expect(window.__consoleHeadStart).toBeUndefined();
    expect(window.__consoleHeadConfig).toBeUndefined();
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('in the production index.html (unmarked) sends it', () => {
    window.history.replaceState(null, '', '/console/dashboard');
    const requests = stubRequests();
    const script = headScriptOf(INDEX_HTML);
    runHeadStart(script);
    expect(requests()).toEqual([`/api${STATUS_PATH}`, new URL('config.json', script.src).href]);
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
    stubRequests();
    runHeadStart();
    expect(document.documentElement.dataset.theme).toBe(theme);
  });

  it('writes the host into the static shell’s header, as the React shell shows it', () => {
    const root = new DOMParser().parseFromString(INDEX_HTML, 'text/html').getElementById('root')!;
    document.body.replaceChildren(document.importNode(root, true));
    stubRequests();
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
    stubRequests();
    runHeadStart();
    const first = takeHeadStart(window);
    expect(first?.url).toBe(`/api${STATUS_PATH}`);
    expect(takeHeadStart(window)).toBeUndefined();
    first?.controller.abort();
  });
});

describe('public/head-start.js: the answer, read in full, is classified as a fetch’s would be', () => {
  /** The head script's status request, taken by the boot module as src/main.tsx does. */
  function taken() {
    window.history.replaceState(null, '', '/console/dashboard');
    stubRequests();
    runHeadStart();
    const status = startBootStatusFetch('/console/dashboard', Date.now, takeHeadStart(window))!;
    return { status, request: FakeXhr.to(`/api${STATUS_PATH}`) };
  }

  it('a valid answer: the card’s parser reads it, and nothing is asked again', async () => {
    const fetchSpy = vi.fn(() => new Promise<Response>(() => undefined));
    vi.stubGlobal('fetch', fetchSpy);
    const { status, request } = taken();
    request
      .head(200, { 'Content-Type': 'application/json' })
      .finish('{"state":"tethered","cutoverComplete":false,"steps":[]}');
    await expect(status.answer).resolves.toMatchObject({ state: TETHERED });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('an HTTP error: its status, code, detail and Retry-After, as the client reads a Response', async () => {
    const { status, request } = taken();
    request
      .head(503, { 'Content-Type': 'application/json', 'Retry-After': '7' })
      .finish('{"error":"cutover-unavailable","detail":"starting"}');
    const error = await status.answer.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'http',
      status: 503,
      code: 'cutover-unavailable',
      detail: 'starting',
      retryAfterMs: 7_000,
      html: false,
    });
  });

  it('a proxy’s web page, and a body that is not JSON: told apart as before', async () => {
    const page = taken();
    page.request.head(502, { 'Content-Type': 'text/html' }).finish('<html><h1>Bad Gateway</h1>');
    await expect(page.status.answer).rejects.toMatchObject({
      kind: 'http',
      status: 502,
      html: true,
    });
    window.__consoleHeadConfig?.controller.abort();
    FakeXhr.sent = [];
    const garbage = taken();
    garbage.request.head(200, { 'Content-Type': 'application/json' }).finish('{"state":');
    await expect(garbage.status.answer).rejects.toMatchObject({ kind: 'not-json', status: 200 });
  });

  it('no answer at all: unreachable (network); a transfer broken after the headers: interrupted', async () => {
    const none = taken();
    none.request.end();
    await expect(none.status.answer).rejects.toMatchObject({ kind: 'network' });
    window.__consoleHeadConfig?.controller.abort();
    FakeXhr.sent = [];
    const broken = taken();
    broken.request.head(200, { 'Content-Type': 'application/json' }).end();
    await expect(broken.status.answer).rejects.toMatchObject({ kind: 'interrupted', status: 200 });
  });

  it('the client’s timeout stops the request and says so', async () => {
    vi.useFakeTimers();
    try {
      const { status, request } = taken();
      const answer = status.answer.catch((caught: unknown) => caught);
      await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS);
      expect(request.aborted).toBe(true);
      expect(await answer).toMatchObject({ kind: 'timeout' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a body that stalls after the headers: the client’s timeout says the answer was incomplete', async () => {
    vi.useFakeTimers();
    try {
      const { status, request } = taken();
      const answer = status.answer.catch((caught: unknown) => caught);
      request.head(200, { 'Content-Type': 'application/json' });
      await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS);
      expect(request.aborted).toBe(true);
      expect(await answer).toMatchObject({
        kind: 'timeout',
        message: `the answer did not arrive in full within ${DEFAULT_TIMEOUT_MS / 1000} s`,
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('cancelled (config.json names another API base): stopped, and rejects with the reason', async () => {
    const { status, request } = taken();
    status.cancel();
    expect(request.aborted).toBe(true);
    await expect(status.answer).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stopped after it arrived: nothing changes, the answer read stays', async () => {
    window.history.replaceState(null, '', '/console/dashboard');
    stubRequests();
    runHeadStart();
    const head = takeHeadStart(window)!;
    FakeXhr.to(`/api${STATUS_PATH}`).head(200).finish('{"state":"tethered"}');
    const answer = await head.response;
    head.controller.abort();
    await expect(answer.text()).resolves.toBe('{"state":"tethered"}');
  });

  it('stopped while its body is on the way: the body rejects with the reason, as a fetch’s', async () => {
    window.history.replaceState(null, '', '/console/dashboard');
    stubRequests();
    runHeadStart();
    const head = takeHeadStart(window)!;
    FakeXhr.to(`/api${STATUS_PATH}`).head(200);
    const answer = await head.response;
    const reason = new DOMException('no answer within 10 s', 'TimeoutError');
    head.controller.abort(reason);
    await expect(answer.text()).rejects.toBe(reason);
  });

  it('stopped where the browser fires no event (a wrapper’s XMLHttpRequest): it still settles', async () => {
    window.history.replaceState(null, '', '/console/dashboard');
    stubRequests();
    runHeadStart();
    const head = takeHeadStart(window)!;
    FakeXhr.to(`/api${STATUS_PATH}`).abort = () => undefined;
    const reason = new DOMException('stopped', 'AbortError');
    head.controller.abort(reason);
    await expect(head.response).rejects.toBe(reason);
  });

  it('headers as the client reads them: repeated ones joined, colons kept in values', async () => {
    window.history.replaceState(null, '', '/console/dashboard');
    stubRequests();
    runHeadStart();
    const head = takeHeadStart(window)!;
    FakeXhr.to(`/api${STATUS_PATH}`)
      .head(503, [
        ['Retry-After', 'Fri, 27 Nov 2026 08:00:00 GMT'],
        ['Vary', 'Accept'],
        ['Vary', 'Accept-Encoding'],
      ])
      .finish('');
    const answer = await head.response;
    expect(answer.status).toBe(503);
    expect(answer.ok).toBe(false);
    expect(answer.headers.get('retry-after')).toBe('Fri, 27 Nov 2026 08:00:00 GMT');
    expect(answer.headers.get('vary')).toBe('Accept, Accept-Encoding');
  });

  it('headers and body at once, with no HEADERS_RECEIVED event: still handed over whole', async () => {
    const { status, request } = taken();
    request.all(
      200,
      { 'Content-Type': 'application/json' },
      '{"state":"tethered","cutoverComplete":false,"steps":[]}',
    );
    await expect(status.answer).resolves.toMatchObject({ state: TETHERED });
  });

  it('decodes the body exactly as a fetch Response’s text(): UTF-8, its byte order mark dropped', async () => {
    window.history.replaceState(null, '', '/console/dashboard');
    stubRequests();
    runHeadStart();
    const head = takeHeadStart(window)!;
    // A UTF-8 byte order mark, a character outside ASCII, a malformed sequence, and a UTF-16
    // byte order mark (which a Response does not honour either) further in.
    const bytes = new Uint8Array([
      0xef, 0xbb, 0xbf, 0x7b, 0x22, 0xc3, 0xa9, 0x22, 0xff, 0x7d, 0xfe, 0xff,
    ]);
    FakeXhr.to(`/api${STATUS_PATH}`).head(200).finish(bytes);
    const answer = await head.response;
    await expect(answer.text()).resolves.toBe(await new Response(bytes).text());
  });

  it('a handler that throws (a wrapper’s doing) fails the request instead of leaving it pending', async () => {
    const broken = taken();
    broken.request.responseThrows = true;
    broken.request.head(200, { 'Content-Type': 'application/json' }).finish('{}');
    await expect(broken.status.answer).rejects.toMatchObject({ kind: 'interrupted', status: 200 });
    window.__consoleHeadConfig?.controller.abort();
    FakeXhr.sent = [];
    const unreadable = taken();
    unreadable.request.getAllResponseHeaders = () => {
      throw new TypeError('headers are not readable here');
    };
    unreadable.request.head(200);
    await expect(unreadable.status.answer).rejects.toMatchObject({ kind: 'network' });
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
      const requests = stubRequests();
      const fetchSpy = vi.fn(() => new Promise<Response>(() => undefined));
      vi.stubGlobal('fetch', fetchSpy);
      runHeadStart(builtHeadScript());
      // What src/main.tsx reads: `${import.meta.env.BASE_URL}config.json` beside the page, with
      // the build's relative base.
      const entryConfigUrl = new URL('./config.json', document.baseURI).href;
      expect(requests()).toContain(entryConfigUrl);
      const started = takeHeadConfig(window);
      expect(started?.url).toBe(entryConfigUrl);
      expect(takeHeadConfig(window)).toBeUndefined();
      // Taken over: answered from the head script's request, nothing asked again.
      const loaded = loadConfig(entryConfigUrl, pathname, started);
      FakeXhr.to(entryConfigUrl)
        .head(200, { 'Content-Type': 'application/json' })
        .finish('{"signInUrl":"/sign-in"}');
      await expect(loaded).resolves.toMatchObject({ config: { signInUrl: '/sign-in' } });
      expect(requests().filter((url) => url.endsWith('config.json'))).toEqual([entryConfigUrl]);
      expect(fetchSpy).not.toHaveBeenCalled();
    },
  );

  it('as a file (the dev server’s), beside the file', () => {
    window.history.replaceState(null, '', '/console/dashboard');
    const requests = stubRequests();
    runHeadStart(fileHeadScript());
    expect(requests().filter((url) => url.endsWith('config.json'))).toEqual([
      new URL('./files/config.json', document.baseURI).href,
    ]);
  });

  it('asks for it as loadConfig does: GET, asking for JSON, stoppable', () => {
    stubRequests();
    runHeadStart(builtHeadScript());
    const request = FakeXhr.to(new URL('./config.json', document.baseURI).href);
    expect(request.method).toBe('GET');
    expect(request.requestHeaders).toEqual({ Accept: 'application/json' });
    window.__consoleHeadConfig!.controller.abort();
    expect(request.aborted).toBe(true);
  });

  it('a file that stalls after its headers is given up at loadConfig’s timeout: defaults', async () => {
    vi.useFakeTimers();
    try {
      stubRequests();
      runHeadStart(builtHeadScript());
      const url = new URL('./config.json', document.baseURI).href;
      const loaded = loadConfig(url, '/console/dashboard', takeHeadConfig(window));
      FakeXhr.to(url).head(200, { 'Content-Type': 'application/json' });
      await vi.advanceTimersByTimeAsync(CONFIG_TIMEOUT_MS);
      expect(FakeXhr.to(url).aborted).toBe(true);
      await expect(loaded).resolves.toMatchObject({ config: { apiBase: '/api' } });
    } finally {
      vi.useRealTimers();
    }
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
