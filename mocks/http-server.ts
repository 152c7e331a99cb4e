/**
 * The loopback door to the simulated catalyst-api: a plain Node HTTP server (`npm run mock-api`)
 * in front of the same Simulator/CutoverEngine the MSW doors use, so the console can be run and
 * tested over real HTTP and a real `text/event-stream`, as against a live catalyst-api.
 *
 * What this door adds on top of the transport-neutral simulator: the SSE stream (CUTOVER-API.md
 * §7), the internal trigger with its bearer check (§2.4), session auth (§1), the chart's
 * post-install hook fired over HTTP (§11), an optional state file (the ConfigMap that survives a
 * Pod restart) and test-only controls under `/__sim/`.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod/mini';
import { rfc3339, type CutoverEvent } from './engine';
import { runAutoTriggerHook, type AutoTriggerOutcome } from './http-auto-trigger';
import {
  clearSessionCookieHeader,
  mintSession,
  newSessionSecret,
  readCookie,
  SESSION_COOKIE,
  sessionCookieHeader,
  verifySession,
} from './http-session';
import {
  CUTOVER_PATH,
  DEFAULT_SCENARIO,
  SCENARIO_NAMES,
  SCENARIOS,
  Simulator,
  type ScenarioName,
  type SimResponse,
} from './simulator';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HANDOVER_TOKEN = 'sim-handover-token';
export const DEFAULT_TRIGGER_TOKEN = 'sim-cutover-runner-token';
/** The ServiceAccount the default trigger token stands for (always accepted by the real API). */
export const CUTOVER_RUNNER_SA = 'system:serviceaccount:catalyst:bp-self-sovereign-cutover-runner';

const API = '/api';
const TRIGGER_PATH = `${API}/v1/internal/cutover/trigger`;
const EVENTS_PATH = `${API}${CUTOVER_PATH}/events`;

/** What a `POST /__sim/scenario` may change: the simulated Sovereign, not the server. */
export interface WorldOptions {
  scenario: ScenarioName;
  /** Milliseconds per step (the simulator's fast clock); the default runs ~30 s. */
  stepMs?: number | undefined;
  /** Session auth on (401 `unauthenticated` without a valid cookie), as with auth configured. */
  auth: boolean;
  /**
   * The handover archive is absent: the internal trigger answers 425 `handover-incomplete` until
   * it arrives, this many ms after start-up (`null`: never).
   */
  handoverPendingMs?: number | null | undefined;
  /** The chart installed no step ConfigMaps: start and trigger answer 424 `no-steps-found`. */
  noSteps: boolean;
  /** The next run fails live at this step (its Job reports Failed); the run after succeeds. */
  failStep?: string | undefined;
  /** How long the `stream-drop` scenario refuses the stream (its default is 10 s). */
  streamOutageMs?: number | undefined;
  /** The post-install hook's pause before its first `/healthz` probe (the chart's `autoDelaySeconds`). */
  hookDelayMs: number;
  /** The hook's retry cadence after a 425 or a transient answer. */
  hookRetryMs: number;
}

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

// -- answers ---------------------------------------------------------------------------------------

function send(
  res: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  headers: OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  // Go's json.Encoder ends the body with a newline.
  send(res, status, `${JSON.stringify(body)}\n`, 'application/json', headers);
}

function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  detail: string,
  headers: OutgoingHttpHeaders = {},
): void {
  sendJson(res, status, { error, detail }, headers);
}

function sendNotFound(res: ServerResponse): void {
  send(res, 404, '404 page not found\n', 'text/plain; charset=utf-8');
}

function sendSim(req: IncomingMessage, res: ServerResponse, answer: SimResponse): void {
  switch (answer.kind) {
    case 'network-error':
      // A connection that dies without an answer: what a flaky network or a crashing Pod gives.
      req.socket.destroy();
      return;
    case 'json':
      sendJson(res, answer.status, answer.body, answer.headers ?? {});
      return;
    case 'text':
      send(res, answer.status, answer.body, answer.contentType, answer.headers ?? {});
      return;
  }
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// -- the SSE stream (CUTOVER-API.md §7) ------------------------------------------------------------

type SnapshotEvent = Omit<CutoverEvent, 'phase'> & { phase: 'cutover-status' };

function frame(event: CutoverEvent | SnapshotEvent): string {
  return `event: ${event.phase}\ndata: ${JSON.stringify(event)}\n\n`;
}

function isTerminal(event: CutoverEvent): boolean {
  return event.phase === 'cutover-completed' || event.phase === 'cutover-step-failed';
}

// -- the state file (the ConfigMap survives a Pod restart) -----------------------------------------

const stateFileSchema = z.record(z.string(), z.string());

function readState(path: string): Record<string, string> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = stateFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function writeState(path: string, data: Record<string, string>): void {
  // Write-then-rename: a server killed mid-write leaves the previous, whole file.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(data));
  renameSync(temporary, path);
}

// -- test-only controls ----------------------------------------------------------------------------

const resetSchema = z.strictObject({
  scenario: z.optional(z.enum(SCENARIO_NAMES)),
  stepMs: z.optional(z.number().check(z.positive())),
  auth: z.optional(z.boolean()),
  handoverPendingMs: z.optional(z.nullable(z.number().check(z.nonnegative()))),
  noSteps: z.optional(z.boolean()),
  failStep: z.optional(z.string().check(z.minLength(1))),
  streamOutageMs: z.optional(z.number().check(z.nonnegative())),
  hookDelayMs: z.optional(z.number().check(z.nonnegative())),
  hookRetryMs: z.optional(z.number().check(z.positive())),
});

// -- the server ------------------------------------------------------------------------------------

interface World {
  readonly options: WorldOptions;
  readonly simulator: Simulator;
  readonly startedAt: number;
  readonly hookAbort: AbortController;
  hook: Promise<AutoTriggerOutcome> | undefined;
  readonly unsubscribe: () => void;
}

export async function startMockApi(options: MockApiOptions = {}): Promise<MockApi> {
  const host = options.host ?? '127.0.0.1';
  const handoverToken = options.handoverToken ?? DEFAULT_HANDOVER_TOKEN;
  const triggerToken = options.triggerToken ?? DEFAULT_TRIGGER_TOKEN;
  const sessionSecret = options.sessionSecret ?? newSessionSecret();
  const sessionTtlMs = options.sessionTtlMs ?? 8 * 3_600_000;
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
  /** The TokenReview stand-in: which user a bearer token authenticates as. */
  const tokenUser = (token: string) =>
    token === triggerToken ? CUTOVER_RUNNER_SA : 'system:serviceaccount:default:default';
  const streams = new Set<ServerResponse>();
  let baseUrl = '';
  let world: World | undefined;

  function current(): World {
    if (!world) throw new Error('the mock catalyst-api is not started');
    return world;
  }

  function createWorld(worldOptions: WorldOptions, restore: boolean): World {
    const simulator = new Simulator({
      scenario: worldOptions.scenario,
      // The chart's hook fires the trigger over HTTP instead (mocks/http-auto-trigger.ts).
      autoTrigger: false,
      ...(worldOptions.stepMs === undefined ? {} : { stepMs: worldOptions.stepMs }),
      ...(worldOptions.streamOutageMs === undefined
        ? {}
        : { streamOutageMs: worldOptions.streamOutageMs }),
      engine: {
        ...(worldOptions.noSteps ? { steps: [] } : {}),
        ...(worldOptions.failStep === undefined
          ? {}
          : {
              failures: [
                {
                  step: worldOptions.failStep,
                  error: `Job catalyst/cutover-${worldOptions.failStep} reported Failed condition: BackoffLimitExceeded (simulated)`,
                },
              ],
            }),
      },
    });
    const { engine } = simulator;
    let restored = false;
    if (restore && options.stateFile) {
      const saved = readState(options.stateFile);
      if (saved) {
        Object.assign(engine.data, saved);
        restored = true;
        // The real engine's startup resume (TBD-V13): an unfinished, unfailed run carries on.
        if (!engine.isComplete && saved.cutoverStartedAt && !saved.failedStep) engine.resume();
        log(`restored the status ConfigMap from ${options.stateFile}`);
      }
    }
    // `stream-drop`: the stream dies mid-run; open responses just end (reconnects get a 502).
    const stopDrops = simulator.onStreamDrop(endStreams);
    const stateFile = options.stateFile;
    const unsubscribeState = stateFile
      ? engine.subscribe(() => {
          writeState(stateFile, engine.data);
        })
      : () => undefined;
    if (stateFile) writeState(stateFile, engine.data);
    const created: World = {
      options: worldOptions,
      simulator,
      startedAt: Date.now(),
      hookAbort: new AbortController(),
      hook: undefined,
      unsubscribe: () => {
        stopDrops();
        unsubscribeState();
      },
    };
    // The chart's hook runs once, after the install: not again when a restarted Pod resumes.
    if (SCENARIOS[worldOptions.scenario].autoTrigger && !restored) {
      created.hook = runAutoTriggerHook({
        apiUrl: baseUrl,
        token: triggerToken,
        delayMs: worldOptions.hookDelayMs,
        probeEveryMs: 500,
        retryEveryMs: worldOptions.hookRetryMs,
        signal: created.hookAbort.signal,
        log,
      });
    }
    return created;
  }

  function endStreams(): void {
    for (const res of streams) res.end();
    streams.clear();
  }

  function disposeWorld(): void {
    if (!world) return;
    world.hookAbort.abort();
    world.unsubscribe();
    world.simulator.dispose();
    endStreams();
  }

  function sessionOk(req: IncomingMessage): boolean {
    if (!current().options.auth) return true; // auth config nil: a passthrough (Sovereign clusters)
    return (
      verifySession(readCookie(req.headers.cookie, SESSION_COOKIE), sessionSecret) !== undefined
    );
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse, { simulator }: World): void {
    const { engine } = simulator;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    req.socket.setNoDelay(true);
    // 1. every event in the process-wide ring buffer; replayed terminal events do not end it
    for (const event of engine.replay()) res.write(frame(event));
    // 2. one snapshot: the flat ConfigMap map, JSON-encoded as a string
    res.write(
      frame({
        time: rfc3339(Date.now()),
        phase: 'cutover-status',
        level: 'info',
        message: engine.snapshotMessage(),
      }),
    );
    // 3. the live tail, until a live terminal event
    streams.add(res);
    const unsubscribe = engine.subscribe((event) => {
      if (res.writableEnded || res.destroyed) return;
      res.write(frame(event));
      if (isTerminal(event)) res.end();
    });
    res.on('close', () => {
      unsubscribe();
      streams.delete(res);
    });
  }

  async function handleTrigger(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { simulator, options: worldOptions, startedAt } = current();
    if (req.method !== 'POST') {
      sendError(res, 405, 'method-not-allowed', 'use POST', { Allow: 'POST' });
      return;
    }
    await readBody(req); // `{}`; the source is always `internal` here
    if (simulator.scenario === 'not-installed') {
      sendNotFound(res); // no cutover routes at all
      return;
    }
    const authorization = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!token) {
      sendError(
        res,
        401,
        'missing-bearer',
        'an Authorization: Bearer <ServiceAccount token> header is required',
      );
      return;
    }
    const user = tokenUser(token);
    if (user !== CUTOVER_RUNNER_SA) {
      sendError(res, 403, 'unauthorized-sa', `user "${user}" may not trigger the cutover`);
      return;
    }
    const { engine } = simulator;
    const pending = worldOptions.handoverPendingMs;
    const handoverDone =
      pending === undefined || (pending !== null && Date.now() - startedAt >= pending);
    if (!engine.isComplete && !handoverDone) {
      sendError(
        res,
        425,
        'handover-incomplete',
        'the tofu handover archive secret/catalyst/tofu-phase0-archive is not there yet; retry later',
      );
      return;
    }
    const { status, body } = engine.start('internal');
    sendJson(res, status, body);
  }

  async function handleSimControl(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<void> {
    if (path !== '/__sim/scenario') {
      sendNotFound(res);
      return;
    }
    if (req.method === 'GET') {
      const { options: worldOptions, simulator } = current();
      sendJson(res, 200, {
        ...worldOptions,
        running: simulator.engine.isRunning,
        complete: simulator.engine.isComplete,
        scenarios: SCENARIO_NAMES,
      });
      return;
    }
    if (req.method !== 'POST') {
      sendError(res, 405, 'method-not-allowed', 'use GET or POST', { Allow: 'GET, POST' });
      return;
    }
    let parsed: z.infer<typeof resetSchema>;
    try {
      const text = await readBody(req);
      const result = resetSchema.safeParse(text.trim() === '' ? {} : JSON.parse(text));
      if (!result.success) {
        sendError(res, 400, 'bad-request', result.error.issues[0]?.message ?? 'invalid body');
        return;
      }
      parsed = result.data;
    } catch {
      sendError(res, 400, 'bad-request', 'the body must be JSON');
      return;
    }
    // Only what the body names changes; the rest stays as the server was started.
    const {
      scenario,
      stepMs,
      auth,
      handoverPendingMs,
      noSteps,
      failStep,
      streamOutageMs,
      hookDelayMs,
      hookRetryMs,
    } = parsed;
    api.reset({
      ...(scenario === undefined ? {} : { scenario }),
      ...(stepMs === undefined ? {} : { stepMs }),
      ...(auth === undefined ? {} : { auth }),
      ...(handoverPendingMs === undefined ? {} : { handoverPendingMs }),
      ...(noSteps === undefined ? {} : { noSteps }),
      ...(failStep === undefined ? {} : { failStep }),
      ...(streamOutageMs === undefined ? {} : { streamOutageMs }),
      ...(hookDelayMs === undefined ? {} : { hookDelayMs }),
      ...(hookRetryMs === undefined ? {} : { hookRetryMs }),
    });
    sendJson(res, 200, current().options);
  }

  function handleAuth(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (url.pathname === '/auth/handover' && req.method === 'GET') {
      if (url.searchParams.get('token') !== handoverToken) {
        sendError(res, 401, 'invalid-handover-token', 'the handover token is missing or wrong');
        return;
      }
      const next = url.searchParams.get('next') ?? '';
      // Same-origin paths only: never an open redirect.
      const location = /^\/(?![/\\])/.test(next) ? next : '/console/dashboard';
      const value = mintSession({ sub: 'operator', exp: Date.now() + sessionTtlMs }, sessionSecret);
      res.writeHead(302, {
        Location: location,
        'Set-Cookie': sessionCookieHeader(value, Math.floor(sessionTtlMs / 1000)),
        'Cache-Control': 'no-store',
        'Content-Length': 0,
      });
      res.end();
      return;
    }
    if (url.pathname === '/auth/logout' && req.method === 'POST') {
      res.writeHead(204, { 'Set-Cookie': clearSessionCookieHeader() });
      res.end();
      return;
    }
    sendNotFound(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://catalyst-api.invalid');
    const path = url.pathname;
    if (options.verbose) log(`${req.method ?? '?'} ${path}`);
    if (path === '/healthz') {
      send(res, 200, 'ok\n', 'text/plain; charset=utf-8'); // unauthenticated, always 200
      return;
    }
    if (path.startsWith('/__sim/')) return handleSimControl(req, res, path);
    if (path.startsWith('/auth/')) {
      handleAuth(req, res, url);
      return;
    }
    if (path === TRIGGER_PATH) return handleTrigger(req, res);
    if (!path.startsWith(`${API}${CUTOVER_PATH}/`)) {
      sendNotFound(res);
      return;
    }

    // The RequireSession group: status, start, events.
    if (!sessionOk(req)) {
      sendJson(res, 401, { error: 'unauthenticated' });
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
      sendSim(req, res, fixed);
      return;
    }
    const route = path.slice(API.length);
    const allowed: Record<string, string> = {
      [`${CUTOVER_PATH}/status`]: 'GET',
      [`${CUTOVER_PATH}/start`]: 'POST',
      [`${CUTOVER_PATH}/events`]: 'GET',
    };
    const method = allowed[route];
    if (method === undefined) {
      sendNotFound(res);
      return;
    }
    if (req.method !== method) {
      sendError(res, 405, 'method-not-allowed', `use ${method}`, { Allow: method });
      return;
    }
    if (path === EVENTS_PATH) {
      if (simulator.isStreamDown()) {
        // The ingress answers for the dead stream, as nginx does (and as the MSW door does).
        send(res, 502, 'upstream unavailable', 'text/plain');
        return;
      }
      streamEvents(req, res, active);
      return;
    }
    if (req.method === 'POST') await readBody(req);
    sendSim(req, res, simulator.handle({ method, path: route }));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, 500, 'internal', error instanceof Error ? error.message : String(error));
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
  world = createWorld(startup, true);

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
      disposeWorld();
      world = createWorld({ ...startup, ...changes }, false);
      log(`scenario ${current().options.scenario} (reset)`);
    },
    async close() {
      disposeWorld();
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
