/**
 * The simulated catalyst-api, transport-neutral: a scenario (mocks/scenarios.ts) on top of the
 * engine, answering requests described as plain data (mocks/sim-answers.ts). The MSW handlers
 * (browser worker, node tests, Storybook) and the loopback HTTP server translate to and from their
 * own request types.
 */
import { systemClock, type Clock } from './clock';
import { CutoverEngine, type EngineOptions } from './engine';
import { DEFAULT_SCENARIO, SCENARIOS, type Scenario, type ScenarioName } from './scenarios';
import { CUTOVER_PATH, NOT_FOUND, type SimRequest, type SimResponse } from './sim-answers';

// What the console's tests, stories and demo read from here.
export {
  DEFAULT_SCENARIO,
  HARBOR_PREWARM_ERROR,
  isScenarioName,
  SCENARIO_NAMES,
  SCENARIOS,
  SECONDARY_KUBECONFIG_ERROR,
  SETTLED_ROLL_OVERRIDES,
  type ScenarioName,
} from './scenarios';
export { CUTOVER_PATH, type SimRequest, type SimResponse } from './sim-answers';

export interface SimulatorOptions {
  scenario?: ScenarioName;
  clock?: Clock;
  /** Milliseconds one step takes (the demo default, 2.5 s, runs the cutover in about 30 s). */
  stepMs?: number;
  /** Delay before the auto-trigger fires, in ms. */
  autoTriggerDelayMs?: number;
  /**
   * False: the scenario's auto-trigger is not fired in-process (a door that fires it over HTTP,
   * like the chart's hook, does it itself).
   */
  autoTrigger?: boolean;
  /** Overrides the scenario's answer latency (tests keep it 0). */
  latencyMs?: number;
  /** Extra engine options on top of the scenario's (for tests). */
  engine?: Omit<EngineOptions, 'clock' | 'stepMs'>;
  /** Overrides how long the `stream-drop` outage lasts (tests shorten it). */
  streamOutageMs?: number;
}

export class Simulator {
  readonly scenario: ScenarioName;
  readonly engine: CutoverEngine;
  readonly latencyMs: number;
  /** Status requests served, for tests that check polling. */
  statusCalls = 0;
  private readonly definition: Scenario;
  private readonly clock: Clock;
  private autoTriggerTimer: unknown;
  private streamDownUntil = 0;
  private readonly dropListeners = new Set<() => void>();
  private stopWatchingOutage: (() => void) | undefined;
  private stopWatchingRestart: (() => void) | undefined;
  private restartTimer: unknown;

  constructor(options: SimulatorOptions = {}) {
    this.scenario = options.scenario ?? DEFAULT_SCENARIO;
    this.definition = SCENARIOS[this.scenario];
    this.clock = options.clock ?? systemClock;
    this.latencyMs = options.latencyMs ?? this.definition.latencyMs ?? 0;
    this.engine = new CutoverEngine({
      ...this.definition.engine,
      ...options.engine,
      clock: this.clock,
      ...(options.stepMs === undefined ? {} : { stepMs: options.stepMs }),
    });
    this.definition.setup?.(this.engine);
    const outage = this.definition.streamOutage && {
      ...this.definition.streamOutage,
      ...(options.streamOutageMs === undefined ? {} : { forMs: options.streamOutageMs }),
    };
    if (outage) {
      this.stopWatchingOutage = this.engine.subscribe((event) => {
        if (
          event.phase !== 'cutover-step-started' ||
          event.step !== outage.atStep ||
          this.streamDownUntil
        )
          return;
        this.streamDownUntil = this.clock.now() + outage.forMs;
        for (const drop of [...this.dropListeners]) drop();
      });
    }
    const restartAt = this.definition.restartAtStep;
    if (restartAt !== undefined) {
      let restarted = false;
      this.stopWatchingRestart = this.engine.subscribe((event) => {
        if (restarted || event.phase !== 'cutover-step-started' || event.step !== restartAt) return;
        restarted = true;
        this.restartTimer = this.clock.setTimeout(
          () => {
            // The process dies: its open streams end with it, then it boots and runs again.
            for (const drop of [...this.dropListeners]) drop();
            this.engine.restartProcess();
          },
          (options.stepMs ?? 2_500) / 2,
        );
      });
    }
    if (this.definition.autoTrigger && options.autoTrigger !== false) {
      this.autoTriggerTimer = this.clock.setTimeout(() => {
        this.engine.start('internal');
      }, options.autoTriggerDelayMs ?? 1_500);
    }
  }

  /** While true, the event stream refuses connections (the `stream-drop` outage). */
  isStreamDown(): boolean {
    return this.clock.now() < this.streamDownUntil;
  }

  /** Called when an outage begins, so doors can cut their open streams. */
  onStreamDrop(listener: () => void): () => void {
    this.dropListeners.add(listener);
    return () => {
      this.dropListeners.delete(listener);
    };
  }

  /** A 200 status body as this scenario's catalyst-api would send it. */
  statusBody(): Record<string, unknown> {
    const body = this.engine.statusResponse();
    return this.definition.mapStatus ? this.definition.mapStatus(body) : body;
  }

  /** The fixed answer of a broken or absent API, if the scenario has one. */
  get fixedAnswer(): SimResponse | undefined {
    return this.definition.fixedAnswer;
  }

  handle(request: SimRequest): SimResponse {
    if (this.definition.fixedAnswer && request.path.startsWith(CUTOVER_PATH)) {
      if (request.path === `${CUTOVER_PATH}/status`) this.statusCalls += 1;
      return this.definition.fixedAnswer;
    }
    if (request.path === `${CUTOVER_PATH}/status` && request.method === 'GET') {
      this.statusCalls += 1;
      const every = this.definition.failEvery;
      if (every !== undefined && this.statusCalls % every === 0) return { kind: 'network-error' };
      return { kind: 'json', status: 200, body: this.statusBody() };
    }
    if (request.path === `${CUTOVER_PATH}/start` && request.method === 'POST') {
      const { status, body } = this.engine.start('operator');
      return { kind: 'json', status, body };
    }
    return NOT_FOUND;
  }

  dispose(): void {
    this.stopWatchingOutage?.();
    this.stopWatchingRestart?.();
    this.clock.clearTimeout(this.restartTimer);
    this.dropListeners.clear();
    this.clock.clearTimeout(this.autoTriggerTimer);
    this.engine.dispose();
  }
}
