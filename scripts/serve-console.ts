/**
 * Serves built console files the way docs/deployment.md tells an ingress to: `dist/` at
 * `<prefix>/console/` with index.html as the fallback, `<prefix>/` → `<prefix>/console/dashboard`,
 * the strict CSP, and `/api`, `/healthz` and `/auth` proxied same-origin to a catalyst-api,
 * streamed unbuffered (the cutover SSE stream sends no heartbeats). The end-to-end suite runs the
 * production and demo builds behind it; `npx tsx scripts/serve-console.ts --help` runs it by hand.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** docs/deployment.md's policy: no inline script anywhere, inline styles for bar widths. */
export const CONSOLE_CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** What nginx answers when its upstream is down: the console must read it as "unavailable". */
const BAD_GATEWAY_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>serve-console</center></body></html>\n';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

export interface ConsoleServerOptions {
  /** The built files: `dist` or `dist-demo`. */
  root: string;
  /** Where `/api`, `/healthz` and `/auth` go; none: they answer 404 (the offline demo). */
  apiUrl?: string | undefined;
  /** The mount prefix, such as `/sovereign` (Catalyst-Zero); `''` on a Sovereign. */
  prefix?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The Content-Security-Policy header; `false` sends none. */
  csp?: string | false;
}

export interface ConsoleServer {
  readonly url: string;
  readonly port: number;
  /** `METHOD path` of every request, for tests that check what the page asked for. */
  readonly requests: string[];
  close(): Promise<void>;
}

function headersFrom(source: IncomingMessage['headers']): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  return headers;
}

export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const root = resolve(options.root);
  const prefix = (options.prefix ?? '').replace(/\/+$/, '');
  const csp = options.csp ?? CONSOLE_CSP;
  const upstream = options.apiUrl ? new URL(options.apiUrl) : undefined;
  // No pooled upstream sockets: a killed and restarted catalyst-api must not get stale ones.
  const agent = new Agent({ keepAlive: false });
  const requests: string[] = [];
  const securityHeaders: OutgoingHttpHeaders = {
    'X-Content-Type-Options': 'nosniff',
    ...(csp ? { 'Content-Security-Policy': csp } : {}),
  };

  function redirect(res: ServerResponse, location: string): void {
    res.writeHead(302, { Location: location, 'Content-Length': 0 });
    res.end();
  }

  function proxy(req: IncomingMessage, res: ServerResponse, target: URL, path: string): void {
    const upstreamRequest = httpRequest({
      agent,
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method ?? 'GET',
      path,
      headers: {
        ...headersFrom(req.headers),
        host: target.host,
        'x-forwarded-host': req.headers.host ?? '',
        'x-forwarded-proto': 'http',
        'x-forwarded-prefix': prefix,
      },
    });
    upstreamRequest.on('response', (upstreamResponse) => {
      res.writeHead(upstreamResponse.statusCode ?? 502, headersFrom(upstreamResponse.headers));
      res.flushHeaders(); // an event stream's headers go out before its first frame
      // Chunks are passed on as they come; an upstream that dies mid-stream ends this one too.
      pipeline(upstreamResponse, res, () => undefined);
    });
    upstreamRequest.on('error', () => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, {
        'Content-Type': 'text/html',
        'Content-Length': Buffer.byteLength(BAD_GATEWAY_PAGE),
      });
      res.end(BAD_GATEWAY_PAGE);
    });
    res.on('close', () => {
      upstreamRequest.destroy(); // the browser went away: so does the upstream stream
    });
    req.pipe(upstreamRequest);
  }

  async function serveFile(res: ServerResponse, method: string, relative: string): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(relative);
    } catch {
      decoded = '';
    }
    let file = join(root, decoded);
    if (file !== root && !file.startsWith(root + sep)) file = root; // no way out of the root
    let found = await stat(file).catch(() => undefined);
    if (!found?.isFile()) {
      // The SPA fallback, as `try_files $uri <prefix>/console/index.html`.
      file = join(root, 'index.html');
      found = await stat(file);
    }
    const immutable = file.startsWith(join(root, 'assets') + sep);
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Length': found.size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...securityHeaders,
    });
    if (method === 'HEAD') {
      res.end();
      return;
    }
    pipeline(createReadStream(file), res, () => undefined);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const raw = req.url ?? '/';
    const url = new URL(raw, 'http://console.invalid');
    requests.push(`${method} ${url.pathname}`);
    let path = url.pathname;
    if (prefix) {
      if (path !== prefix && !path.startsWith(`${prefix}/`)) {
        if (path === '/') {
          redirect(res, `${prefix}/console/dashboard`);
          return;
        }
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('404 page not found\n');
        return;
      }
      path = path.slice(prefix.length) || '/';
    }
    if (
      path === '/api' ||
      path.startsWith('/api/') ||
      path === '/healthz' ||
      path.startsWith('/auth/')
    ) {
      if (upstream) {
        proxy(req, res, upstream, `${path}${url.search}`);
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('404 page not found\n');
      }
      return;
    }
    if (path === '/' || path === '/console') {
      redirect(res, `${prefix}/console/dashboard`);
      return;
    }
    // Relative asset URLs resolve against the page's path, so `/console/dashboard/` would ask for
    // `/console/dashboard/assets/…`: the console's pages are canonical without a trailing slash.
    if (path.length > '/console/'.length && path.endsWith('/')) {
      redirect(res, `${prefix}${path.replace(/\/+$/, '')}${url.search}`);
      return;
    }
    if (!path.startsWith('/console/') || (method !== 'GET' && method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('404 page not found\n');
      return;
    }
    await serveFile(res, method, path.slice('/console/'.length));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => {
          agent.destroy();
          resolveClose();
        });
        server.closeAllConnections();
      }),
  };
}

// -- by hand: npx tsx scripts/serve-console.ts [--root dist] [--port 4173] [--api URL] [--prefix P]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', default: 'dist' },
      port: { type: 'string', default: '4173' },
      api: { type: 'string' },
      prefix: { type: 'string', default: '' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npx tsx scripts/serve-console.ts [--root dist] [--port 4173] [--api http://127.0.0.1:8080] [--prefix /sovereign]\n',
    );
    process.exit(0);
  }
  const served = await startConsoleServer({
    root: values.root,
    port: Number(values.port),
    apiUrl: values.api ?? process.env.CATALYST_API_URL,
    prefix: values.prefix,
  });
  process.stdout.write(`serving ${values.root} at ${served.url}/console/dashboard\n`);
}
