/**
 * The production build behind the machine's nginx with the configuration operators deploy
 * (deploy/nginx/, docs/deployment.md), started as `npm run serve:nginx` and the container start
 * it: what it answers, checked over HTTP, and one Chromium pass with its CSP enforced.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockApi, type MockApi } from '../../mocks/http-server';
import chromiumOptions from '../chromium.json';
import { ARTIFACTS_DIR, CHROMIUM_PATH, DIST, ROOT } from './paths';
import { openSse, type SseConnection } from './sse';
import { startConsoleServer, type ConsoleServer } from './stack';

const STATUS = '/api/v1/sovereign/cutover/status';
const START = '/api/v1/sovereign/cutover/start';
const EVENTS = '/api/v1/sovereign/cutover/events';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** nginx's default proxy_read_timeout: a stream silent this long is cut unless raised. */
const NGINX_DEFAULT_READ_TIMEOUT_MS = 60_000;

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The bytes as sent: not decompressed. */
  readonly body: Buffer;
}

/** A plain HTTP/1.1 GET (or HEAD): no redirect following, no decoding, no cache. */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<RawResponse>((resolve, reject) => {
    const request = get(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        });
      });
    });
    request.on('error', reject);
  });
}

function header(response: RawResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The policy's directives, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

/**
 * The CSP sources for index.html's inline code, worked out here from the page the build wrote:
 * one sha256 of each inline script's and style's text (vite.config.ts writes them for start.sh).
 */
function inlineHashes(tag: 'script' | 'style'): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  return [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))]
    .map((match) => match[1] ?? '')
    .filter((text) => text !== '')
    .map((text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`);
}
const SCRIPT_HASHES = inlineHashes('script');
const STYLE_HASHES = inlineHashes('style');

/** The same security headers on every answer nginx gives, whatever it is. */
function expectSecurityHeaders(where: string, response: RawResponse): void {
  const policy = header(response, 'content-security-policy') ?? '';
  expect(policy, `${where}: one CSP header`).not.toMatch(/,/);
  const csp = directives(policy);
  expect(csp.get('default-src'), where).toEqual(["'self'"]);
  // This origin, and index.html's two inline scripts by their hashes: no other inline code.
  expect(csp.get('script-src'), where).toEqual(["'self'", ...SCRIPT_HASHES]);
  expect(csp.get('style-src'), where).toEqual(["'self'", ...STYLE_HASHES]);
  expect(csp.get('connect-src'), where).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors'), where).toEqual(["'none'"]);
  expect(csp.get('object-src'), where).toEqual(["'none'"]);
  expect(policy, `${where}: nothing unsafe`).not.toMatch(/unsafe-|\*/);
  expect(header(response, 'x-content-type-options'), where).toBe('nosniff');
  expect(header(response, 'referrer-policy'), where).toBe('same-origin');
  expect(header(response, 'x-frame-options'), where).toBe('DENY');
  expect(header(response, 'server'), `${where}: no version`).toBe('nginx');
}

const assets = readdirSync(join(DIST, 'assets'));
/** The JavaScript and CSS of the app, as the build named them. */
const code = assets.filter((name) => /\.(js|css)$/.test(name));
const maps = assets.filter((name) => name.endsWith('.map'));

let api: MockApi;
let site: ConsoleServer;
/** A second catalyst-api that stays silent, and its stream, opened first and checked last. */
let quietApi: MockApi;
let quietSite: ConsoleServer;
let quietStream: SseConnection;
let quietOpenedAt: number;

beforeAll(async () => {
  [api, quietApi] = await Promise.all([
    startMockApi({ port: 0, scenario: 'waiting', stepMs: 300 }),
    startMockApi({ port: 0, scenario: 'waiting', stepMs: 300 }),
  ]);
  [site, quietSite] = await Promise.all([
    startConsoleServer({ root: DIST, apiUrl: api.url }),
    startConsoleServer({ root: DIST, apiUrl: quietApi.url }),
  ]);
  quietStream = await openSse(`${quietSite.origin}${EVENTS}`);
  quietOpenedAt = Date.now();
  await quietStream.waitFor((frame) => frame.event === 'cutover-status', 5_000);
});
afterAll(async () => {
  quietStream.close();
  await Promise.all([site.close(), quietSite.close()]);
  await Promise.all([api.close(), quietApi.close()]);
});

describe('headers', () => {
  it('index, assets, config.json, redirects, 404s, 405 and 502: the same security headers', async () => {
    const noApi = await startConsoleServer({ root: DIST }); // nothing behind /api: nginx's 502
    try {
      const answers: [string, RawResponse][] = [];
      const ask = async (where: string, url: string, method = 'GET') => {
        answers.push([where, await raw(url, {}, method)]);
      };
      await ask('index (SPA fallback)', `${site.origin}/console/dashboard`);
      await ask('index.html', `${site.origin}/console/index.html`);
      for (const name of code) await ask(name, `${site.origin}/console/assets/${name}`);
      await ask('config.json', `${site.origin}/console/config.json`);
      await ask('boot-check.css', `${site.origin}/console/boot-check.css`);
      await ask('redirect', `${site.origin}/`);
      await ask('missing asset', `${site.origin}/console/assets/index-00000000.js`);
      await ask('outside /console', `${site.origin}/wp-login.php`);
      await ask('POST to a file', `${site.origin}/console/index.html`, 'POST');
      await ask('catalyst-api answer', `${site.origin}${STATUS}`);
      await ask('catalyst-api down', `${noApi.origin}${STATUS}`);
      await ask('under /sovereign', `${site.origin}/sovereign/console/dashboard`);

      expect(answers.map(([where, response]) => `${where} ${response.status}`)).toEqual([
        'index (SPA fallback) 200',
        'index.html 200',
        ...code.map((name) => `${name} 200`),
        'config.json 200',
        'boot-check.css 200',
        'redirect 302',
        'missing asset 404',
        'outside /console 404',
        'POST to a file 405',
        'catalyst-api answer 200',
        'catalyst-api down 502',
        'under /sovereign 200',
      ]);
      for (const [where, response] of answers) expectSecurityHeaders(where, response);
    } finally {
      await noApi.close();
    }
  });

  it('index.html: the head script and the boot check inline, allowed by their hashes; no inline style', async () => {
    // The two scripts, and no file of the head script left beside the page; no inline style at
    // all. boot-check.js stays a file one release more, for pages of the previous build during a
    // rolling update, but this page names neither (vite.config.ts).
    expect(SCRIPT_HASHES).toHaveLength(2);
    expect(STYLE_HASHES).toHaveLength(0);
    expect(readFileSync(join(DIST, 'csp-inline.txt'), 'utf8')).toBe(
      `script-src ${SCRIPT_HASHES.join(' ')}\nstyle-src ${STYLE_HASHES.join(' ')}\n`,
    );
    expect(existsSync(join(DIST, 'head-start.js'))).toBe(false);
    expect(existsSync(join(DIST, 'boot-check.js'))).toBe(true);
    const page = await raw(`${site.origin}/console/dashboard`);
    expect(page.body.toString()).not.toMatch(/src="[^"]*(head-start|boot-check)\.js"/);

    // A build without the hashes (or with anything else in their place) is refused at start.
    const bare = mkdtempSync(join(tmpdir(), 'console-no-hashes-'));
    try {
      cpSync(DIST, bare, { recursive: true });
      for (const content of [
        undefined,
        '',
        'garbage\n',
        `script-src ${SCRIPT_HASHES.join(' ')}\n`,
        "script-src 'unsafe-inline'\nstyle-src 'self'\n",
      ]) {
        if (content === undefined) rmSync(join(bare, 'csp-inline.txt'));
        else writeFileSync(join(bare, 'csp-inline.txt'), content);
        const started = spawnSync('sh', [join(ROOT, 'deploy', 'nginx', 'start.sh')], {
          env: { ...process.env, CONSOLE_DIST: bare, NGINX_PREFIX: join(bare, 'prefix') },
          encoding: 'utf8',
          // Were it ever let through, nginx would run in the foreground: end it, and fail.
          timeout: 15_000,
        });
        expect(started.signal, content ?? 'no file').toBeNull();
        expect(started.status, content ?? 'no file').toBe(64);
        expect(started.stderr, content ?? 'no file').toMatch(/csp-inline\.txt/);
      }
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('Cache-Control: hashed assets immutable, the rest revalidated, errors never stored', async () => {
    for (const name of code) {
      const asset = await raw(`${site.origin}/console/assets/${name}`);
      expect(header(asset, 'cache-control'), name).toBe(IMMUTABLE);
      expect(header(asset, 'content-type'), name).toMatch(
        name.endsWith('.js') ? /^text\/javascript/ : /^text\/css/,
      );
    }
    for (const path of [
      '/console/dashboard',
      '/console/index.html',
      '/console/config.json',
      '/console/boot-check.css',
      '/console/favicon.svg',
    ]) {
      const file = await raw(`${site.origin}${path}`);
      expect(header(file, 'cache-control'), path).toBe('no-cache');
    }
    // no-cache means "ask again": a revalidation costs a 304, and says the same.
    const index = await raw(`${site.origin}/console/dashboard`);
    const again = await raw(`${site.origin}/console/dashboard`, {
      'If-None-Match': header(index, 'etag') ?? '',
    });
    expect(again.status).toBe(304);
    expect(header(again, 'cache-control')).toBe('no-cache');
    for (const path of [
      '/console/assets/index-00000000.js',
      '/nope',
      `/console/assets/${maps[0]}`,
    ]) {
      const missing = await raw(`${site.origin}${path}`);
      expect(missing.status, path).toBe(404);
      expect(header(missing, 'cache-control'), path).toBe('no-store');
    }
    // The catalyst-api's answers keep its own caching headers; nginx adds none.
    const status = await raw(`${site.origin}${STATUS}`);
    expect(header(status, 'cache-control')).toBeUndefined();
  });
});

describe('compression', () => {
  it('serves the build’s .gz (and .br) files for every asset, with Vary: Accept-Encoding', async () => {
    const lines: string[] = [];
    for (const name of code) {
      const file = readFileSync(join(DIST, 'assets', name));
      const copy = (suffix: string) => join(DIST, 'assets', `${name}${suffix}`);
      const url = `${site.origin}/console/assets/${name}`;
      const plain = await raw(url);
      expect(header(plain, 'content-encoding'), name).toBeUndefined();
      expect(plain.body.equals(file), name).toBe(true);
      if (file.length < 1024) {
        // Too small to gain (scripts/precompress.ts, gzip_min_length): sent as it is.
        expect(existsSync(copy('.gz')), name).toBe(false);
        const small = await raw(url, { 'Accept-Encoding': 'gzip, br' });
        expect(header(small, 'content-encoding'), name).toBeUndefined();
        continue;
      }

      const gzip = await raw(url, { 'Accept-Encoding': 'gzip' });
      expect(header(gzip, 'content-encoding'), name).toBe('gzip');
      expect(header(gzip, 'vary'), name).toMatch(/Accept-Encoding/);
      // The very bytes of the precompressed file: gzip_static, not compressed per request.
      expect(gzip.body.equals(readFileSync(copy('.gz'))), name).toBe(true);
      expect(header(gzip, 'cache-control'), name).toBe(IMMUTABLE);
      expectSecurityHeaders(`${name} gzip`, gzip);

      const best = await raw(url, { 'Accept-Encoding': 'gzip, deflate, br' });
      const encoding = site.brotli ? 'br' : 'gzip';
      expect(header(best, 'content-encoding'), name).toBe(encoding);
      expect(header(best, 'vary'), name).toMatch(/Accept-Encoding/);
      expect(best.body.equals(readFileSync(copy(site.brotli ? '.br' : '.gz'))), name).toBe(true);
      expectSecurityHeaders(`${name} ${encoding}`, best);
      lines.push(`${name}\t${file.length}\t${gzip.body.length}\t${best.body.length}`);
    }
    // The transfer sizes, as docs/deployment.md quotes them.
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    appendFileSync(
      join(ARTIFACTS_DIR, 'compression.txt'),
      `# file\tbytes\tgzip\t${site.brotli ? 'br' : 'gzip (no brotli module)'}\n${lines.join('\n')}\n`,
    );
  });

  it('compresses on the fly what has no precompressed copy, and the catalyst-api’s JSON', async () => {
    // The same build without its .gz/.br files.
    const bare = mkdtempSync(join(tmpdir(), 'console-bare-dist-'));
    cpSync(DIST, bare, {
      recursive: true,
      filter: (source) => !/\.(gz|br)$/.test(source),
    });
    const bareSite = await startConsoleServer({ root: bare, apiUrl: api.url });
    try {
      const name = code.find((file) => file.endsWith('.js')) ?? '';
      const file = readFileSync(join(DIST, 'assets', name));
      const gzip = await raw(`${bareSite.origin}/console/assets/${name}`, {
        'Accept-Encoding': 'gzip',
      });
      expect(header(gzip, 'content-encoding')).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(file)).toBe(true);
      expect(gzip.body.length).toBeLessThan(file.length / 2);
      expectSecurityHeaders('on the fly', gzip);
    } finally {
      await bareSite.close();
      rmSync(bare, { recursive: true, force: true });
    }
    api.reset({ scenario: 'mid-run' }); // eleven steps: a status body over gzip_min_length
    const status = await raw(`${site.origin}${STATUS}`, { 'Accept-Encoding': 'gzip' });
    expect(header(status, 'content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(status.body).toString())).toMatchObject({ state: 'tethered' });
    api.reset({ scenario: 'waiting' });
  });
});

describe('routes', () => {
  it('the SPA fallback for pages, a 404 for missing assets', async () => {
    const index = readFileSync(join(DIST, 'index.html'));
    for (const path of [
      '/console/dashboard',
      '/console/no-such-page',
      '/console/a/deep/link',
      '/sovereign/console/dashboard',
      '/sovereign/console/no-such-page',
    ]) {
      const page = await raw(`${site.origin}${path}`);
      expect(page.status, path).toBe(200);
      expect(header(page, 'content-type'), path).toBe('text/html; charset=utf-8');
      expect(page.body.equals(index), path).toBe(true);
    }
    for (const path of [
      '/console/assets/Dashboard-00000000.js',
      '/sovereign/console/assets/index-00000000.css',
    ]) {
      const missing = await raw(`${site.origin}${path}`);
      expect(missing.status, path).toBe(404);
      expect(missing.body.includes('id="root"'), `${path} is not index.html`).toBe(false);
    }
    for (const name of code) {
      const under = await raw(`${site.origin}/sovereign/console/assets/${name}`);
      expect(under.status, name).toBe(200);
      expect(under.body.equals(readFileSync(join(DIST, 'assets', name))), name).toBe(true);
    }
  });

  it('redirects are relative (no scheme, host or port) and land on the dashboard, prefixed or not', async () => {
    const cases: [string, string][] = [
      ['/', '/console/dashboard'],
      ['/console', '/console/dashboard'],
      ['/console/', '/console/dashboard'],
      ['/console/dashboard/', '/console/dashboard'],
      ['/console/dashboard/?scenario=x', '/console/dashboard?scenario=x'],
      ['/sovereign', '/sovereign/console/dashboard'],
      ['/sovereign/', '/sovereign/console/dashboard'],
      ['/sovereign/console', '/sovereign/console/dashboard'],
      ['/sovereign/console/', '/sovereign/console/dashboard'],
      ['/sovereign/console/dashboard/', '/sovereign/console/dashboard'],
    ];
    for (const [from, to] of cases) {
      const moved = await raw(`${site.origin}${from}`);
      expect(moved.status, from).toBe(302);
      const location = header(moved, 'location') ?? '';
      expect(location, from).not.toMatch(/^[a-z]+:|^\/\/|:\d/);
      const landed = new URL(location, `${site.origin}${from}`);
      expect(`${landed.pathname}${landed.search}`, from).toBe(to);
    }
    // Behind an ingress that strips /sovereign, nginx sees /console/…: the same relative answer
    // still lands under the prefix the browser is on.
    const stripped = await raw(`${site.origin}/console/dashboard/`);
    const landed = new URL(
      header(stripped, 'location') ?? '',
      'https://mothership.example/sovereign/console/dashboard/',
    );
    expect(landed.href).toBe('https://mothership.example/sovereign/console/dashboard');
  });

  it('no source map is served, nor the precompressed files as such', async () => {
    expect(maps.length).toBeGreaterThan(0); // the build makes them (vite.config.ts)
    for (const name of maps) {
      for (const path of [`/console/assets/${name}`, `/sovereign/console/assets/${name}`]) {
        const map = await raw(`${site.origin}${path}`);
        expect(map.status, path).toBe(404);
        expect(map.body.includes('"mappings"'), path).toBe(false);
      }
    }
    for (const name of assets.filter((file) => /\.(gz|br)$/.test(file))) {
      expect((await raw(`${site.origin}/console/assets/${name}`)).status, name).toBe(404);
    }
    const script = await raw(
      `${site.origin}/console/assets/${code.find((n) => n.endsWith('.js')) ?? ''}`,
    );
    expect(header(script, 'sourcemap')).toBeUndefined();
  });

  it('config.json: the environment’s, written at start; never a stale precompressed copy', async () => {
    const configured = await startConsoleServer({
      root: DIST,
      env: {
        CONSOLE_API_BASE: '/sovereign/api',
        CONSOLE_SIGN_IN_URL: '/auth/login?next=/console',
        CONSOLE_CUTOVER_NAMESPACE: 'catalyst-system',
      },
    });
    try {
      const config = await raw(`${configured.origin}/console/config.json`, {
        'Accept-Encoding': 'gzip, br',
      });
      expect(config.status).toBe(200);
      expect(header(config, 'content-type')).toBe('application/json');
      expect(header(config, 'content-encoding')).toBeUndefined();
      expect(JSON.parse(config.body.toString())).toEqual({
        apiBase: '/sovereign/api',
        signInUrl: '/auth/login?next=/console',
        cutoverNamespace: 'catalyst-system',
      });
    } finally {
      await configured.close();
    }
    const built = await raw(`${site.origin}/console/config.json`);
    expect(built.body.equals(readFileSync(join(DIST, 'config.json')))).toBe(true);

    // What cannot be written into the configuration or config.json stops the start, plainly.
    await expect(
      startConsoleServer({ root: DIST, env: { CONSOLE_SIGN_IN_URL: '//evil.example/' } }),
    ).rejects.toThrow(/CONSOLE_SIGN_IN_URL must be a path on this origin/);
    await expect(
      startConsoleServer({ root: DIST, env: { CONSOLE_CUTOVER_NAMESPACE: 'x; rm -rf /' } }),
    ).rejects.toThrow(/CONSOLE_CUTOVER_NAMESPACE must be a Kubernetes namespace name/);
    await expect(startConsoleServer({ root: DIST, apiUrl: 'http://api;evil' })).rejects.toThrow(
      /CATALYST_API_URL must be http:\/\/host\[:port\]/,
    );
  });
});

describe('the catalyst-api behind nginx', () => {
  let echo: Server;
  let echoSite: ConsoleServer;
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    // Answers every request with what it received.
    echo = createServer((request, response) => {
      seen.push({ url: request.url ?? '', headers: request.headers });
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{}');
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const { port } = echo.address() as AddressInfo;
    echoSite = await startConsoleServer({ root: DIST, apiUrl: `http://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await echoSite.close();
    await new Promise((resolve) => echo.close(resolve));
  });

  async function upstreamSees(path: string, headers: Record<string, string> = {}) {
    const before = seen.length;
    const answer = await raw(`${echoSite.origin}${path}`, headers);
    expect(answer.status, path).toBe(200);
    expect(seen.length, path).toBe(before + 1);
    return seen[before]!;
  }

  it('gets Host and X-Forwarded-*, for /api/, /auth/ and /healthz', async () => {
    const port = String(echoSite.port);
    const plain = await upstreamSees('/api/v1/sovereign/cutover/status?x=1', {
      Cookie: 'catalyst_session=abc',
    });
    expect(plain.url).toBe('/api/v1/sovereign/cutover/status?x=1');
    expect(plain.headers).toMatchObject({
      host: '127.0.0.1',
      'x-forwarded-host': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': port,
      'x-forwarded-for': '127.0.0.1',
      'x-real-ip': '127.0.0.1',
      cookie: 'catalyst_session=abc',
    });
    expect(plain.headers['x-forwarded-prefix']).toBeUndefined();
    expect(plain.headers.connection).toBeUndefined(); // hop-by-hop: not passed on

    expect((await upstreamSees('/auth/handover?token=secret')).url).toBe(
      '/auth/handover?token=secret',
    );
    expect((await upstreamSees('/healthz')).url).toBe('/healthz');
    // The access log keeps the path, never the query (a handover token).
    await expect.poll(() => echoSite.requests).toContain('GET /auth/handover');
    expect(JSON.stringify(echoSite.accessLog)).not.toContain('secret');
  });

  it('behind a TLS ingress: its scheme and port are passed on, nonsense is not', async () => {
    const behind = await upstreamSees('/api/x', {
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-Port': '443',
      'X-Forwarded-For': '203.0.113.7',
    });
    expect(behind.headers).toMatchObject({
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '443',
      'x-forwarded-for': '203.0.113.7, 127.0.0.1',
    });
    const forged = await upstreamSees('/api/x', {
      'X-Forwarded-Proto': 'javascript',
      'X-Forwarded-Port': '443; evil',
    });
    expect(forged.headers).toMatchObject({
      'x-forwarded-proto': 'http',
      'x-forwarded-port': String(echoSite.port),
    });
  });

  it('under /sovereign: the API gets the path without the prefix, and X-Forwarded-Prefix', async () => {
    const prefixed = await upstreamSees('/sovereign/api/v1/sovereign/cutover/status');
    expect(prefixed.url).toBe('/api/v1/sovereign/cutover/status');
    expect(prefixed.headers['x-forwarded-prefix']).toBe('/sovereign');
    expect((await upstreamSees('/sovereign/auth/handover')).url).toBe('/auth/handover');
  });
});

describe('the event stream', () => {
  it('passes through frame by frame as the catalyst-api emits them, never compressed', async () => {
    api.reset({ scenario: 'waiting', stepMs: 300 });
    for (const base of [site.origin, `${site.origin}/sovereign`]) {
      const stream = await openSse(`${base}${EVENTS}`, { 'Accept-Encoding': 'gzip, deflate, br' });
      try {
        expect(stream.status).toBe(200);
        expect(stream.headers['content-type']).toBe('text/event-stream');
        expect(stream.headers['content-encoding']).toBeUndefined();
        await stream.waitFor((frame) => frame.event === 'cutover-status', 3_000);
        const sent = Date.now();
        const start = await fetch(`${base}${START}`, { method: 'POST', body: '{}' });
        expect(start.status).toBe(200);
        await stream.waitFor((frame) => frame.event === 'cutover-step-started', 3_000);
        expect(Date.now() - sent).toBeLessThan(1_500); // the first step starts 250 ms after the run
        // Three steps, each seen on its own, about one step apart: nothing held back.
        await stream.waitFor(
          () => stream.frames.filter((f) => f.event === 'cutover-step-finished').length >= 3,
          10_000,
        );
        const finished = stream.frames.filter((f) => f.event === 'cutover-step-finished');
        const gaps = finished.slice(1, 3).map((frame, i) => frame.at - finished[i]!.at);
        for (const gap of gaps) expect(gap).toBeGreaterThan(150);
      } finally {
        stream.close();
        api.reset({ scenario: 'waiting', stepMs: 300 });
      }
    }
  });
});

describe('Chromium, with the CSP enforced', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumOptions.args });
  });
  afterAll(async () => {
    await browser.close();
  });

  it('the dashboard mid-run reports no violation; an injected inline script or style is refused', async () => {
    api.reset({ scenario: 'mid-run', stepMs: 2_000 });
    const context = await browser.newContext();
    try {
      await context.addInitScript(() => {
        const violations: string[] = [];
        Object.assign(window, { __violations: violations });
        document.addEventListener('securitypolicyviolation', (event) => {
          violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
        });
        // Where the page was when the theme was first set: the inline head script sets it while
        // the document is still being parsed; React's theme code only long after.
        new MutationObserver((_records, observer) => {
          Object.assign(window, { __themeSetWhile: document.readyState });
          observer.disconnect();
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-theme'] });
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      const response = await page.goto(`${site.origin}/console/dashboard`);
      // The policy the page ran under allows its own inline code by hash, and nothing else inline.
      const policy = directives(response?.headers()['content-security-policy'] ?? '');
      expect(policy.get('script-src')).toEqual(["'self'", ...SCRIPT_HASHES]);
      expect(policy.get('style-src')).toEqual(["'self'", ...STYLE_HASHES]);
      // Under it, the inline head script ran: the theme was set while the page was being parsed.
      await expect(
        page.evaluate(() => [
          (window as unknown as { __themeSetWhile?: string }).__themeSetWhile,
          document.documentElement.dataset.theme,
        ]),
      ).resolves.toEqual(['loading', 'light']);
      const card = page.getByRole('region', { name: 'Sovereignty' });
      await card.getByText(/^\d+ of 11 done$/).waitFor({ timeout: 15_000 });
      await card.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });
      const violations = () =>
        page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
      await expect(violations()).resolves.toEqual([]);
      expect(problems).toEqual([]);

      // The policy is really in force: what the console never does is refused and reported.
      const ran = await page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.head.append(script);
        const styled = document.createElement('div');
        styled.setAttribute('style', 'color: red');
        document.body.append(styled);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return '__inlineRan' in window;
      });
      expect(ran).toBe(false);
      await expect
        .poll(violations)
        .toEqual(expect.arrayContaining(['script-src-elem inline', 'style-src-attr inline']));
    } finally {
      await context.close();
      api.reset({ scenario: 'waiting', stepMs: 300 });
    }
  });
});

describe('npm run serve:nginx', () => {
  it.each([
    // Ctrl-C in a terminal signals the whole foreground group: npm, node and nginx. npm then
    // ends by the same signal, as a shell expects; the script under it cleans up and exits 0.
    ['Ctrl-C', ['npm', 'run', 'serve:nginx']],
    ['SIGTERM', [process.execPath, '--import', 'tsx', 'scripts/serve-nginx.ts']],
  ] as const)(
    'serves on PORT, proxies to CATALYST_API_URL; %s stops it, leaving nothing',
    async (how, [command, ...args]) => {
      const child = spawn(command, args, {
        detached: how === 'Ctrl-C', // its own process group, as a terminal's foreground job
        cwd: ROOT,
        env: { ...process.env, PORT: '0', CATALYST_API_URL: api.url },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<string>((resolve) => {
        child.once('exit', (code, signal) => {
          resolve(signal ?? String(code));
        });
      });
      await expect.poll(() => output, { timeout: 20_000 }).toMatch(/serve:nginx: dist\/ at /);
      const origin = /serve:nginx: dist\/ at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1] ?? '';
      const prefixDir = /prefix (\S+)/.exec(output)?.[1] ?? '';
      expect(existsSync(join(prefixDir, 'nginx.pid'))).toBe(true);

      const page = await raw(`${origin}/console/dashboard`);
      expect(page.status).toBe(200);
      expectSecurityHeaders('serve:nginx', page);
      expect((await raw(`${origin}${STATUS}`)).status).toBe(200);

      if (how === 'Ctrl-C') process.kill(-(child.pid ?? 0), 'SIGINT');
      else child.kill('SIGTERM');
      await expect(exited).resolves.toBe(how === 'Ctrl-C' ? 'SIGINT' : '0');
      // After Ctrl-C npm ends at once; the script under it may still be stopping nginx (slow on
      // a busy machine) before it says so.
      await expect.poll(() => output, { timeout: 15_000 }).toContain('serve:nginx: stopped');
      await expect.poll(() => existsSync(prefixDir), { timeout: 15_000 }).toBe(false);
      await expect(raw(`${origin}/console/dashboard`)).rejects.toThrow(/ECONNREFUSED/);
    },
  );
});

describe('docs/deployment.md', () => {
  it('shows the server block nginx runs here, word for word', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'deployment.md'), 'utf8');
    const block = /<!-- deploy\/nginx\/console\.conf -->\n+```nginx\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(block).toBe(readFileSync(join(ROOT, 'deploy', 'nginx', 'console.conf'), 'utf8'));
  });
});

// Last, so the rest of the file runs while it waits.
describe('a stream silent for longer than nginx’s default read timeout', () => {
  it('stays open, and the next frame still comes through it', { timeout: 120_000 }, async () => {
    const rendered = readFileSync(join(quietSite.prefixDir, 'console.conf'), 'utf8');
    const events = /location = \/api\/v1\/sovereign\/cutover\/events \{([^}]*)\}/.exec(
      rendered,
    )?.[1];
    expect(events).toMatch(/proxy_buffering off;/);
    // Longer than the egress test's 10 silent minutes, with room to spare.
    expect(events).toMatch(/proxy_read_timeout 1h;/);

    const snapshot = quietStream.frames.length;
    const left = NGINX_DEFAULT_READ_TIMEOUT_MS + 5_000 - (Date.now() - quietOpenedAt);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    expect(quietStream.frames.length, 'the catalyst-api sent nothing meanwhile').toBe(snapshot);
    const start = await fetch(`${quietSite.origin}${START}`, { method: 'POST', body: '{}' });
    expect(start.status).toBe(200);
    const frame = await quietStream.waitFor((f) => f.event === 'cutover-started', 5_000);
    expect(frame.at).toBeGreaterThan(NGINX_DEFAULT_READ_TIMEOUT_MS);
  });
});
