/**
 * One simulated Sovereign behind the loopback server (a "world"): its simulator, the chart's
 * post-install hook fired over HTTP, its state file, and the event streams open on it. The server
 * replaces the world on `POST /__sim/scenario`; disposing one ends everything it started.
 */
import type { ServerResponse } from 'node:http';
import { runAutoTriggerHook, type AutoTriggerOutcome } from './http-auto-trigger';
import { keepEngineState, restoreEngineState } from './http-state-file';
import { SCENARIOS, type ScenarioName } from './scenarios';
import { Simulator } from './simulator';

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

export interface World {
  readonly options: WorldOptions;
  readonly simulator: Simulator;
  readonly startedAt: number;
  /** The post-install hook's outcome, when it fires in this world. */
  readonly hook: Promise<AutoTriggerOutcome> | undefined;
  /** Event streams open on this world (they end with it). */
  readonly streams: Set<ServerResponse>;
  dispose(): void;
}

export interface WorldContext {
  /** The server's own URL, which the hook calls. */
  readonly apiUrl: string;
  readonly triggerToken: string;
  readonly stateFile?: string | undefined;
  /** Load the state file first (at start-up, not on a reset). */
  readonly restore: boolean;
  readonly log: (line: string) => void;
}

function simulatorFor(options: WorldOptions): Simulator {
  const { stepMs, streamOutageMs, failStep } = options;
  return new Simulator({
    scenario: options.scenario,
    // The chart's hook fires the trigger over HTTP instead (mocks/http-auto-trigger.ts).
    autoTrigger: false,
    ...(stepMs === undefined ? {} : { stepMs }),
    ...(streamOutageMs === undefined ? {} : { streamOutageMs }),
    engine: {
      ...(options.noSteps ? { steps: [] } : {}),
      ...(failStep === undefined
        ? {}
        : {
            failures: [
              {
                step: failStep,
                error: `Job catalyst/cutover-${failStep} reported Failed condition: BackoffLimitExceeded (simulated)`,
              },
            ],
          }),
    },
  });
}

export function createWorld(options: WorldOptions, context: WorldContext): World {
  const simulator = simulatorFor(options);
  const { engine } = simulator;
  const { stateFile, log } = context;
  let restored = false;
  if (context.restore && stateFile && restoreEngineState(engine, stateFile)) {
    restored = true;
    log(`restored the status ConfigMap from ${stateFile}`);
  }
  const stopKeeping = stateFile ? keepEngineState(engine, stateFile) : () => undefined;
  const hookAbort = new AbortController();
  // The chart's hook runs once, after the install: not again when a restarted Pod resumes.
  const hook =
    SCENARIOS[options.scenario].autoTrigger && !restored
      ? runAutoTriggerHook({
          apiUrl: context.apiUrl,
          token: context.triggerToken,
          delayMs: options.hookDelayMs,
          probeEveryMs: 500,
          retryEveryMs: options.hookRetryMs,
          signal: hookAbort.signal,
          log,
        })
      : undefined;
  const streams = new Set<ServerResponse>();
  return {
    options,
    simulator,
    startedAt: Date.now(),
    hook,
    streams,
    dispose() {
      hookAbort.abort();
      stopKeeping();
      simulator.dispose();
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
