/**
 * `npm run serve:nginx`: the built console behind the machine's nginx, with the configuration
 * operators deploy (deploy/nginx/, docs/deployment.md), started as the container starts it:
 * deploy/nginx/start.sh renders it into a fresh temp folder and runs `nginx -p <dir>/ -c …` in the
 * foreground, as this user, on 127.0.0.1 only. Ctrl-C or SIGTERM stops nginx and removes the
 * folder. The end-to-end suite starts its servers with `startNginx` (tests/e2e/stack.ts).
 *
 *   PORT=8081 CATALYST_API_URL=http://127.0.0.1:8080 npm run serve:nginx [-- --root dist]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const START_SCRIPT = join(ROOT, 'deploy', 'nginx', 'start.sh');
/** Where nothing listens: the offline demo has no catalyst-api, so /api answers nginx's 502. */
const NO_API = 'http://127.0.0.1:9';

export interface NginxOptions {
  /** The built console: `dist` or `dist-demo`. */
  root: string;
  /** The catalyst-api, `http://host:port`; none (the offline demo): /api answers 502. */
  apiUrl?: string | undefined;
  /** 0 picks a free port. */
  port?: number;
  /** Only shapes `url`: the one configuration serves /console/ and /sovereign/console/ alike. */
  prefix?: string;
  /** More environment for start.sh, such as CONSOLE_API_BASE and CONSOLE_SIGN_IN_URL. */
  env?: Readonly<Record<string, string>>;
  /** Where nginx's runtime folder is made (the system's temp folder by default). */
  parentDir?: string | undefined;
  /** Copy nginx's output (access log on stdout, errors on stderr) to this process's. */
  echo?: boolean;
}

/** One line of the access log (deploy/nginx/console.conf, `console_json`). */
export interface AccessLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly bytes: number;
}

export interface NginxServer {
  /** `http://127.0.0.1:<port>` and the prefix, if one was given. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  /** nginx's -p folder: the rendered configuration, config.json, pid and temp files. */
  readonly prefixDir: string;
  /** start.sh found Debian's brotli modules and loaded them. */
  readonly brotli: boolean;
  readonly pid: number;
  /** `METHOD path` of every request, from the access log. */
  readonly requests: string[];
  readonly accessLog: AccessLogEntry[];
  /** Everything nginx and start.sh wrote that is not an access-log line. */
  output(): string;
  /** Resolves with nginx's exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  close(signal?: NodeJS.Signals): Promise<void>;
}

export function findNginx(): string | undefined {
  // Not `NGINX`: nginx itself reads that variable (sockets inherited during a binary upgrade).
  if (process.env.NGINX_BIN) return process.env.NGINX_BIN;
  const dirs = ['/usr/sbin', ...(process.env.PATH ?? '').split(delimiter)];
  return dirs.map((dir) => join(dir, 'nginx')).find((path) => existsSync(path));
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** nginx processes still running, and their folders: stopped and removed if this one exits first. */
const running = new Map<ChildProcess, string>();
process.once('exit', () => {
  for (const [child, prefixDir] of running) {
    child.kill('SIGTERM');
    rmSync(prefixDir, { recursive: true, force: true });
  }
});

async function startOnce(options: NginxOptions, port: number, nginx: string) {
  const root = resolve(options.root);
  const prefixDir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'console-nginx-'));
  const child = spawn('sh', [START_SCRIPT], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...options.env,
      NGINX_BIN: nginx,
      CONSOLE_DIST: root,
      NGINX_PREFIX: prefixDir,
      PORT: String(port),
      LISTEN_ADDRESS: '127.0.0.1',
      CATALYST_API_URL: options.apiUrl ?? NO_API,
    },
  });
  running.set(child, prefixDir);
  const requests: string[] = [];
  const accessLog: AccessLogEntry[] = [];
  let output = '';
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    if (options.echo) process.stdout.write(chunk);
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) {
        output += `${line}\n`;
        continue;
      }
      const entry = JSON.parse(line) as AccessLogEntry;
      accessLog.push(entry);
      requests.push(`${entry.method} ${entry.path}`);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (options.echo) process.stderr.write(chunk);
    output += chunk;
  });
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code) => {
      running.delete(child);
      resolveExit(code);
    });
  });

  const origin = `http://127.0.0.1:${port}`;
  const ready = async (): Promise<boolean> => {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) return false;
      const answer = await fetch(`${origin}/console/index.html`, { method: 'HEAD' }).catch(
        () => undefined,
      );
      if (answer?.status === 200) return true;
      await new Promise((wait) => setTimeout(wait, 50));
    }
    return false;
  };
  const up = await ready();
  const close = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(prefixDir, { recursive: true, force: true });
  };
  if (!up) {
    await close();
    return { ok: false as const, output };
  }
  const server: NginxServer = {
    url: `${origin}${(options.prefix ?? '').replace(/\/+$/, '')}`,
    origin,
    port,
    prefixDir,
    brotli: /brotli on/.test(output),
    pid: child.pid ?? 0,
    requests,
    accessLog,
    output: () => output,
    exited,
    close,
  };
  return { ok: true as const, server };
}

/** Starts nginx with deploy/nginx/ through start.sh; resolves once it serves index.html. */
export async function startNginx(options: NginxOptions): Promise<NginxServer> {
  const nginx = findNginx();
  if (!nginx) {
    throw new Error('nginx is not installed (Debian: apt-get install -y nginx; .ci/run does it)');
  }
  // A free port can be taken between the look and nginx's bind: then try another one.
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ? options.port : await freePort();
    const started = await startOnce(options, port, nginx);
    if (started.ok) return started.server;
    const busy = /Address already in use/.test(started.output);
    if (!busy || options.port || attempt === 3) {
      throw new Error(`nginx did not start on 127.0.0.1:${port}:\n${started.output}`);
    }
  }
}

// -- npm run serve:nginx
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { root: { type: 'string', default: 'dist' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: [PORT=8081] [CATALYST_API_URL=http://127.0.0.1:8080] npm run serve:nginx [-- --root dist]\n' +
        '  The build behind nginx with deploy/nginx/ on 127.0.0.1:PORT (0: any free port).\n' +
        '  Also CONSOLE_API_BASE, CONSOLE_SIGN_IN_URL (config.json). Ctrl-C stops it.\n',
    );
    process.exit(0);
  }
  const apiUrl = process.env.CATALYST_API_URL ?? 'http://127.0.0.1:8080';
  let server: NginxServer | undefined;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Before nginx is up, startNginx is still waiting: the exit handler above stops it.
    if (!server) process.exit(0);
    void server.close().then(() => {
      process.stdout.write('serve:nginx: stopped\n');
      process.exit(0);
    });
  };
  // Ctrl-C reaches nginx too (same process group): it stops, and so does this, cleaning up.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  try {
    server = await startNginx({
      root: values.root,
      apiUrl,
      port: Number(process.env.PORT ?? 8081),
      echo: true,
    });
  } catch (error) {
    process.stderr.write(`serve:nginx: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const started = server;
  process.stdout.write(
    `serve:nginx: ${values.root}/ at ${started.origin}/console/dashboard ` +
      `(and ${started.origin}/sovereign/console/dashboard), /api → ${apiUrl}; Ctrl-C stops it\n`,
  );
  void started.exited.then(async (code) => {
    if (stopping) return;
    await started.close(); // nginx ended by itself: report its code
    process.exit(code ?? 1);
  });
}
