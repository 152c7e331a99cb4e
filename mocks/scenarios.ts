/**
 * The scenarios the simulated catalyst-api offers, by the names of docs/console-rules.md
 * ("Scenarios the simulated API offers, by these names"), and their fixtures: what each seeds into
 * a fresh engine, how it shapes or replaces the API's answers, and when its Sovereign misbehaves.
 */
import type { CutoverEngine, EngineOptions } from './engine';
import { seedSettledRollOverrides } from './scenario-history';
import type { SimResponse } from './sim-answers';

export const SCENARIO_NAMES = [
  'fresh-install',
  'sovereign',
  'waiting',
  'mid-run',
  'failed',
  'failed-no-step',
  'legacy-no-state',
  'hostile-state',
  'not-installed',
  'unauthorized',
  'server-error',
  'html-502',
  'slow',
  'flaky',
  'stream-drop',
  'retried-run',
  'settled-overrides',
  'api-restart',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const DEFAULT_SCENARIO: ScenarioName = 'fresh-install';

export function isScenarioName(value: unknown): value is ScenarioName {
  return SCENARIO_NAMES.some((name) => name === value);
}

export interface Scenario {
  readonly summary: string;
  /** The chart's post-install hook fires the internal trigger shortly after start-up. */
  readonly autoTrigger?: boolean;
  readonly engine?: Omit<EngineOptions, 'clock' | 'stepMs'>;
  readonly setup?: (engine: CutoverEngine) => void;
  /** Rewrites a 200 status body (an older or a broken catalyst-api). */
  readonly mapStatus?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** Answers every cutover route with this instead of the engine's answer. */
  readonly fixedAnswer?: SimResponse;
  readonly latencyMs?: number;
  /** Every n-th status call fails at the network level. */
  readonly failEvery?: number;
  /** The event stream dies when this step starts, and refuses connections for `forMs`. */
  readonly streamOutage?: { readonly atStep: string; readonly forMs: number };
  /** The catalyst-api restarts halfway through this step (once): streams end, a new run starts. */
  readonly restartAtStep?: string;
}

export const HARBOR_PREWARM_ERROR =
  'Job catalyst/cutover-harbor-prewarm-1777888800 reported Failed condition: BackoffLimitExceeded ' +
  '(pulled 41 of 44 images; ghcr.io/openova-io/bp-cnpg:1.4.2: manifest unknown; ' +
  'ghcr.io/openova-io/bp-keycloak:26.1.0: toomanyrequests: retry-after 60s; ' +
  'docker.io/library/redis:7.4: unauthorized: authentication required)';

export const SECONDARY_KUBECONFIG_ERROR =
  'secondary-kubeconfigs: could not bridge the kubeconfig for region fsn1: ' +
  'Secret catalyst/kubeconfig-fsn1 not found';

const DAY_MS = 86_400_000;

/** The #5391 audit entries of the `settled-overrides` scenario: `<ns>/<name>=<reason>`. */
export const SETTLED_ROLL_OVERRIDES = [
  'delta-corp/bp-keycloak=upgrade held: realm import still running after the settle window',
  'acme-sre/bp-grafana=pinned by the operator: dashboard plugin pulled from grafana.com',
] as const;

export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = {
  'fresh-install': {
    summary: 'Tethered; the chart auto-trigger starts the cutover, 11 steps, then Sovereign.',
    autoTrigger: true,
  },
  sovereign: {
    summary: 'The cutover finished two days ago.',
    setup: (engine) => {
      engine.seedHistory({ done: engine.steps.length, complete: true, endedAgoMs: 2 * DAY_MS });
    },
  },
  waiting: {
    summary: 'Tethered; the chart is installed with its auto-trigger off, so nothing starts.',
  },
  'mid-run': {
    summary: 'Five steps done, the sixth running; the run carries on to Sovereign.',
    setup: (engine) => {
      engine.seedHistory({ done: 5, then: 'running' });
      engine.resume();
    },
  },
  failed: {
    summary: 'Pre-warm failed after two steps; Retry cutover succeeds.',
    setup: (engine) => {
      engine.seedHistory({
        done: 2,
        then: 'failed',
        lastError: HARBOR_PREWARM_ERROR,
        endedAgoMs: 240_000,
      });
    },
  },
  'failed-no-step': {
    summary: 'Halted before step 1 (failedStep secondary-kubeconfigs); Retry cutover succeeds.',
    setup: (engine) => {
      engine.seedHistory({
        done: 0,
        failedStep: 'secondary-kubeconfigs',
        lastError: SECONDARY_KUBECONFIG_ERROR,
      });
    },
  },
  'legacy-no-state': {
    summary: 'An older catalyst-api that omits the state field; the run still reaches Sovereign.',
    autoTrigger: true,
    mapStatus: ({ state: _omitted, ...body }) => body,
  },
  'hostile-state': {
    summary: 'The API sends the state "pending", which is no cutover state.',
    mapStatus: (body) => ({ ...body, state: 'pending' }),
  },
  'not-installed': {
    summary: 'A catalyst-api without the cutover routes: 404.',
    fixedAnswer: {
      kind: 'text',
      status: 404,
      contentType: 'text/plain; charset=utf-8',
      body: '404 page not found\n',
    },
  },
  unauthorized: {
    summary: 'The session cookie is missing or expired: 401.',
    fixedAnswer: { kind: 'json', status: 401, body: { error: 'unauthenticated' } },
  },
  'server-error': {
    summary: 'The API fails with a 500 JSON error.',
    fixedAnswer: {
      kind: 'json',
      status: 500,
      body: {
        error: 'status-read-failed',
        detail: 'configmaps "self-sovereign-cutover-status" is forbidden',
      },
    },
  },
  'html-502': {
    summary: "A proxy's HTML error page instead of the API: 502.",
    fixedAnswer: {
      kind: 'text',
      status: 502,
      contentType: 'text/html',
      body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n',
    },
  },
  slow: {
    summary: 'Every answer takes 5 s; the cutover runs as in fresh-install.',
    autoTrigger: true,
    latencyMs: 5_000,
  },
  flaky: {
    summary: 'Every third status call fails; the cutover runs as in fresh-install.',
    autoTrigger: true,
    failEvery: 3,
  },
  'stream-drop': {
    summary:
      'The event stream dies mid-run and is refused for 10 s; polling keeps the card current.',
    autoTrigger: true,
    streamOutage: { atStep: 'registry-pivot', forMs: 10_000 },
  },
  'settled-overrides': {
    summary:
      'Sovereign since an hour ago; the run left delta-corp/bp-keycloak and acme-sre/bp-grafana out of the roll.',
    setup: (engine) => {
      const hourAgo = 60 * 60_000;
      engine.seedHistory({ done: engine.steps.length, complete: true, endedAgoMs: hourAgo });
      seedSettledRollOverrides(engine.history(), SETTLED_ROLL_OVERRIDES, hourAgo + 12 * 60_000);
    },
  },
  'retried-run': {
    summary: 'A retried run in progress; the event buffer still replays the failed first attempt.',
    setup: (engine) => {
      engine.seedHistory({
        done: 2,
        then: 'failed',
        lastError: HARBOR_PREWARM_ERROR,
        endedAgoMs: 120_000,
      });
      engine.start('operator');
    },
  },
  'api-restart': {
    summary:
      'Mid-run, the catalyst-api restarts during pre-warm: its stream ends and a new run starts.',
    setup: (engine) => {
      // Pre-warm has been running a few minutes when the console opens (then the restart).
      engine.seedHistory({ done: 2, then: 'running', thenForMs: 5 * 60_000 });
      engine.resume();
    },
    restartAtStep: 'harbor-prewarm',
  },
};
