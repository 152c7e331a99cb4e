/**
 * The loopback door to the simulated catalyst-api: a plain Node HTTP server (`npm run mock-api`)
 * in front of the same Simulator/CutoverEngine the MSW doors use, so the console can be run and
 * tested over real HTTP and a real `text/event-stream`, as against a live catalyst-api.
 *
 * What this door adds on top of the transport-neutral simulator, one module each: the SSE
 * transport (mocks/http-event-stream.ts, docs/cutover-contract.md §7), the internal trigger with
 * its bearer check (mocks/http-trigger.ts, §2.4), session auth (mocks/http-session.ts, §1), the
 * chart's post-install hook fired over HTTP (mocks/http-auto-trigger.ts, §11), an optional state
 * file (mocks/http-state-file.ts), test-only controls (mocks/http-sim-control.ts), and the world
 * they act on (mocks/http-world.ts). This module routes requests to them and runs the server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorAnswer, json, readBody, text, writeAnswer } from './http-answers';
import type { AutoTriggerOutcome } from './http-auto-trigger';
import { serveEventStream } from './http-event-stream';
import { cutoverMethod, EVENTS_ROUTE, routeOf } from './http-routes';
import {
  authAnswer,
  DEFAULT_HANDOVER_TOKEN,
  newSessionSecret,
  sessionAllows,
  type SessionDoorOptions,
} from './http-session';
import { simControlAnswer } from './http-sim-control';
import { DEFAULT_TRIGGER_TOKEN, handoverArrived, triggerAnswer } from './http-trigger';
import { createWorld, type World, type WorldOptions } from './http-world';
import { streamRefusal } from './event-stream';
import { DEFAULT_SCENARIO } from './scenarios';
import { NOT_FOUND } from './sim-answers';
import type { Simulator } from './simulator';

export { DEFAULT_HANDOVER_TOKEN } from './http-session';
export { CUTOVER_RUNNER_SA, DEFAULT_TRIGGER_TOKEN } from './http-trigger';
export type { WorldOptions } from './http-world';

export const DEFAULT_PORT = 8080;

export interface MockApiOptions extends Partial<WorldOptions> {
  /** Loopback only by default. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  handoverToken?: string;
  triggerToken?: string;
  sessionSecret?: string;
  sessionTtlMs?: number;
  /** Keeps the status ConfigMap in this file, so a killed and restarted server resumes its run. */
  stateFile?: string;
  /** One line per notable thing (start-up, hook outcome); request lines too with `verbose`. */
  log?: (line: string) => void;
  verbose?: boolean;
}

export interface MockApi {
  readonly url: string;
  readonly port: number;
  /** The current simulated Sovereign (replaced by `reset`). */
  readonly simulator: Simulator;
  readonly world: Readonly<WorldOptions>;
  /** The last post-install hook's outcome, when it has fired. */
  readonly hook: Promise<AutoTriggerOutcome> | undefined;
  /** A new simulated Sovereign: start-up options overridden by `changes`. Open streams end. */
  reset(changes?: Partial<WorldOptions>): void;
  close(): Promise<void>;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startMockApi(options: MockApiOptions = {}): Promise<MockApi> {
  const host = options.host ?? '127.0.0.1';
  const triggerToken = options.triggerToken ?? DEFAULT_TRIGGER_TOKEN;
  const session: SessionDoorOptions = {
    handoverToken: options.handoverToken ?? DEFAULT_HANDOVER_TOKEN,
    sessionSecret: options.sessionSecret ?? newSessionSecret(),
    sessionTtlMs: options.sessionTtlMs ?? 8 * 3_600_000,
  };
  const log = options.log ?? (() => undefined);
  const startup: WorldOptions = {
    scenario: options.scenario ?? DEFAULT_SCENARIO,
    stepMs: options.stepMs,
    auth: options.auth ?? false,
    handoverPendingMs: options.handoverPendingMs,
    noSteps: options.noSteps ?? false,
    failStep: options.failStep,
    streamOutageMs: options.streamOutageMs,
    hookDelayMs: options.hookDelayMs ?? 1_000,
    hookRetryMs: options.hookRetryMs ?? 1_000,
  };
  let baseUrl = '';
  let world: World | undefined;

  function current(): World {
    if (!world) throw new Error('the mock catalyst-api is not started');
    return world;
  }

  function newWorld(worldOptions: WorldOptions, restore: boolean): World {
    const { stateFile } = options;
    return createWorld(worldOptions, { apiUrl: baseUrl, triggerToken, stateFile, restore, log });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://catalyst-api.invalid');
    const path = url.pathname;
    if (options.verbose) log(`${req.method ?? '?'} ${path}`);
    const route = routeOf(path);
    switch (route.kind) {
      case 'healthz':
        // Unauthenticated, always 200.
        writeAnswer(req, res, text(200, 'ok\n', 'text/plain; charset=utf-8'));
        return;
      case 'sim-control': {
        const { simulator, options: worldOptions } = current();
        const control = {
          options: worldOptions,
          running: simulator.engine.isRunning,
          complete: simulator.engine.isComplete,
          reset: (changes: Partial<WorldOptions>) => {
            api.reset(changes);
            return current().options;
          },
        };
        const request = { method: req.method, path: route.path };
        writeAnswer(req, res, await simControlAnswer(request, () => readBody(req), control));
        return;
      }
      case 'auth':
        writeAnswer(req, res, authAnswer(req.method, url, session));
        return;
      case 'trigger': {
        const { simulator, options: worldOptions, startedAt } = current();
        if (req.method === 'POST') await readBody(req); // `{}`; the source is always `internal`
        const answer = triggerAnswer(
          { method: req.method, authorization: req.headers.authorization },
          {
            scenario: simulator.scenario,
            triggerToken,
            handoverArrived: handoverArrived(worldOptions.handoverPendingMs, startedAt, Date.now()),
            engine: simulator.engine,
          },
        );
        writeAnswer(req, res, answer);
        return;
      }
      case 'not-found':
        writeAnswer(req, res, NOT_FOUND);
        return;
      case 'cutover':
        await handleCutover(req, res, route.route);
        return;
    }
  }

  /** The RequireSession group: status, start, events. */
  async function handleCutover(req: IncomingMessage, res: ServerResponse, route: string) {
    if (!sessionAllows(current().options.auth, req.headers.cookie, session.sessionSecret)) {
      writeAnswer(req, res, json(401, { error: 'unauthenticated' }));
      return;
    }
    const active = current();
    const { simulator } = active;
    if (simulator.latencyMs > 0) await delay(simulator.latencyMs);
    if (world !== active) {
      // Reset while this answer was delayed: the old Sovereign is gone, as a restarted Pod's is.
      req.socket.destroy();
      return;
    }
    const fixed = simulator.fixedAnswer;
    if (fixed) {
      writeAnswer(req, res, fixed);
      return;
    }
    const checked = cutoverMethod(route, req.method);
    if ('refused' in checked) {
      writeAnswer(req, res, checked.refused);
      return;
    }
    if (route === EVENTS_ROUTE) {
      const refused = streamRefusal(simulator);
      if (refused) writeAnswer(req, res, refused);
      else serveEventStream(req, res, simulator, active.streams);
      return;
    }
    if (req.method === 'POST') await readBody(req);
    writeAnswer(req, res, simulator.handle({ method: checked.method, path: route }));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const detail = error instanceof Error ? error.message : String(error);
      writeAnswer(req, res, errorAnswer(500, 'internal', detail));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  world = newWorld(startup, true);

  const api: MockApi = {
    url: baseUrl,
    port,
    get simulator() {
      return current().simulator;
    },
    get world() {
      return current().options;
    },
    get hook() {
      return current().hook;
    },
    reset(changes = {}) {
      world?.dispose();
      world = newWorld({ ...startup, ...changes }, false);
      log(`scenario ${current().options.scenario} (reset)`);
    },
    async close() {
      world?.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
    },
  };
  return api;
}
