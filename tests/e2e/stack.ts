import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startMockApi, type MockApi, type MockApiOptions } from '../../mocks/http-server';
import { startNginx, type NginxServer } from '../../scripts/serve-nginx';
import { DIST, ROOT } from './paths';

/** The fast clock for browser tests: a whole cutover in a few seconds. */
export const FAST_STEP_MS = 400;

/** Set by global-setup.ts: every nginx of a run keeps its -p folder in there (see the teardown). */
export const NGINX_RUN_DIR_ENV = 'CONSOLE_E2E_NGINX_DIR';

export interface ConsoleServerOptions {
  /** The built files: `dist` or `dist-demo`. */
  root: string;
  /** Where `/api`, `/healthz` and `/auth` go; none (the offline demo): nginx answers 502. */
  apiUrl?: string | undefined;
  /** Only shapes `url`: the shipped configuration serves `/sovereign/console/` as well. */
  prefix?: string;
  /** More environment for deploy/nginx/start.sh (CONSOLE_API_BASE, CONSOLE_SIGN_IN_URL). */
  env?: Readonly<Record<string, string>>;
}

/**
 * The built files behind the machine's nginx with the configuration operators deploy
 * (deploy/nginx/, started by its start.sh as `npm run serve:nginx` and the image do), on a free
 * loopback port. `requests` comes from nginx's access log.
 */
export type ConsoleServer = NginxServer;

export function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  return startNginx({ ...options, port: 0, parentDir: process.env[NGINX_RUN_DIR_ENV] });
}

export interface LiveStack {
  /** The simulated catalyst-api, in this process. */
  readonly api: MockApi;
  /** The production build at `/console/` (and `/sovereign/console/`) behind nginx, `/api` → `api`. */
  readonly site: ConsoleServer;
  close(): Promise<void>;
}

/** The production build behind nginx, in front of the loopback catalyst-api. */
export async function startLiveStack(options: MockApiOptions = {}): Promise<LiveStack> {
  const api = await startMockApi({ port: 0, stepMs: FAST_STEP_MS, ...options });
  const site = await startConsoleServer({ root: DIST, apiUrl: api.url });
  return {
    api,
    site,
    close: async () => {
      await site.close();
      await api.close();
    },
  };
}

/** `npm run mock-api` as its own process (what CI and a developer run), so a test can kill it. */
export interface MockApiProcess {
  readonly url: string;
  readonly port: number;
  readonly output: () => string;
  readonly child: ChildProcess;
  /** SIGKILL: no goodbye, sockets cut, as a crashed Pod. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function spawnMockApi(args: readonly string[]): Promise<MockApiProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts', 'mock-api.ts'), ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '' } },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`mock-api did not start in 20 s:\n${output}`));
    }, 20_000);
    const look = () => {
      const match = /simulated catalyst-api on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`mock-api exited early:\n${output}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    port: Number(new URL(url).port),
    output: () => output,
    child,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
