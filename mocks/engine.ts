/**
 * The simulated catalyst-api cutover engine: a state machine over the same flat ConfigMap the
 * real engine writes (docs/cutover-contract.md §4, §8), with an injected clock so tests can drive
 * it with fake timers and demos can run it fast. No I/O here: the MSW handlers, the node test
 * server and the loopback HTTP server are thin doors in front of it.
 */
import { CHART_STEP_ORDER, jobNameFor, startedMessage } from './chart-steps';
import { FailurePlan, type PlannedFailure } from './failure-plan';
import { rfc3339, systemClock, Timers, type Clock } from './clock';
import {
  EventLog,
  type EngineEvent,
  type EngineEventListener,
  type EnginePhase,
} from './engine-events';
import { seedHistory, type HistoryOptions, type HistoryTarget } from './scenario-history';
import {
  chartSeed,
  startAnswerBody,
  clearRunningRows,
  statusResponse,
  stepNamesIn,
  writeRunCompleted,
  writeRunFailed,
  writeRunStarted,
  writeStepRunning,
  writeStepSucceeded,
} from './status-configmap';

// Importers outside mocks/ (tests, stories, the e2e suite) read these from here.
export { CHART_STEP_ORDER, TYPICAL_STEP_MS } from './chart-steps';
export type { PlannedFailure } from './failure-plan';

export type StartSource = 'operator' | 'internal' | 'handover' | 'reconcile';

export interface StartResult {
  status: number;
  body: unknown;
}

export interface EngineOptions {
  clock?: Clock;
  /** Steps the chart installed, in run order. Empty → start answers 424 `no-steps-found`. */
  steps?: readonly string[];
  /** Time one step takes, in ms of the engine's clock. */
  stepMs?: number;
  failures?: readonly PlannedFailure[];
  /** A step-less, non-fatal error event during the run (the engine's seal failure). */
  sealFailure?: boolean;
}

export class CutoverEngine {
  /** The status ConfigMap's `data`: every value a string, exactly as the real engine writes. */
  readonly data: Record<string, string>;
  readonly steps: readonly string[];
  private readonly clock: Clock;
  private readonly stepMs: number;
  private readonly failures: FailurePlan;
  private readonly sealFailure: boolean;
  private readonly events = new EventLog();
  private readonly timers: Timers;
  private running = false;

  constructor(options: EngineOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.timers = new Timers(this.clock);
    this.steps = options.steps ?? CHART_STEP_ORDER;
    this.stepMs = options.stepMs ?? 2_500;
    this.sealFailure = options.sealFailure ?? false;
    this.failures = new FailurePlan(options.failures);
    this.data = chartSeed(this.steps);
  }

  get isRunning(): boolean {
    return this.running;
  }

  get isComplete(): boolean {
    return this.data.cutoverComplete === 'true';
  }

  // -- reading -----------------------------------------------------------------------------------

  /** GET /status (docs/cutover-contract.md §3): steps sorted alphabetically, empty fields omitted. */
  statusResponse(): Record<string, unknown> {
    return statusResponse(this.data, stepNamesIn(this.data));
  }

  /** The `cutover-status` frame's `message`: the flat map, JSON-encoded. */
  snapshotMessage(): string {
    return JSON.stringify(this.data);
  }

  /** The process-wide replay buffer (last 256 events; never cleared between runs). */
  replay(): readonly EngineEvent[] {
    return this.events.replay();
  }

  subscribe(listener: EngineEventListener): () => void {
    return this.events.subscribe(listener);
  }

  // -- seeding (the scenario fixtures of mocks/scenario-history.ts) -------------------------------

  /** Writes an earlier run into the ConfigMap and the replay buffer, as if it had happened. */
  seedHistory(options: HistoryOptions): void {
    seedHistory(this.history(), options);
  }

  /** What a fixture writes into: the map, the steps, the clock's now and the replay buffer. */
  history(): HistoryTarget {
    const record = (event: EngineEvent) => {
      this.events.record(event);
    };
    return { data: this.data, steps: this.steps, now: this.clock.now(), record };
  }

  // -- starting ----------------------------------------------------------------------------------

  /**
   * POST /start (`operator`) and the internal trigger (`internal` and friends), minus transport
   * concerns (auth, methods): the evaluation order of docs/cutover-contract.md §2.1 / §2.4.
   */
  start(source: StartSource): StartResult {
    if (this.isComplete) {
      this.publish('cutover-already-complete', 'info', 'Self-Sovereignty Cutover already complete');
      return { status: 200, body: this.statusResponse() };
    }
    if (this.steps.length === 0) {
      return {
        status: 424,
        body: {
          error: 'no-steps-found',
          detail:
            'no cutover-step ConfigMaps found in namespace "catalyst" — bp-self-sovereign-cutover not installed?',
        },
      };
    }
    if (this.running) {
      return {
        status: 409,
        body: {
          error: 'cutover-in-progress',
          detail: 'a cutover is already running on this catalyst-api Pod',
        },
      };
    }
    const body = startAnswerBody(this.data, this.steps);
    this.run(source === 'operator');
    return { status: 200, body };
  }

  /** Stops timers; the engine can be dropped afterwards. */
  dispose(): void {
    this.timers.cancelAll();
    this.events.unsubscribeAll();
  }

  // -- running -----------------------------------------------------------------------------------

  private now(): string {
    return rfc3339(this.clock.now());
  }

  private publish(
    phase: EnginePhase,
    level: EngineEvent['level'],
    message: string,
    extra: { step?: string; jobName?: string } = {},
  ): void {
    this.events.publish({ time: this.now(), phase, level, message, ...extra });
  }

  private run(operatorRetry: boolean): void {
    this.running = true;
    writeRunStarted(this.data, this.steps, this.now());
    this.publish(
      'cutover-started',
      'info',
      `Self-Sovereignty Cutover started: ${this.steps.length} steps`,
    );

    // A pseudo-step failure halts the run before step 1 (nothing else has used it up meanwhile).
    if (this.failures.has('secondary-kubeconfigs')) {
      this.timers.later(this.stepMs / 2, () => {
        this.fail(
          'secondary-kubeconfigs',
          this.failures.take('secondary-kubeconfigs') ?? '',
          undefined,
        );
      });
      return;
    }
    this.runStep(0, operatorRetry);
  }

  private runStep(index: number, operatorRetry: boolean): void {
    const step = this.steps[index];
    if (step === undefined) {
      this.complete();
      return;
    }
    const key = (field: string) => `step.${step}.${field}`;
    const result = this.data[key('result')];
    if (result === 'success') {
      this.publish('cutover-step-finished', 'info', `step ${step} already succeeded — skipping`, {
        step,
      });
      this.runStep(index + 1, operatorRetry);
      return;
    }
    if (result === 'failed' && !operatorRetry) {
      // Unattended paths never re-run a genuine failure: the run halts where it halted before.
      this.fail(
        step,
        this.data.lastError || `step ${step} failed earlier; an operator retry is needed`,
        step,
      );
      return;
    }
    // A row left `running` by a seeded mid-run state is resumed, keeping its start time.
    const resumed = result === 'running' && this.data[key('startedAt')] !== '';
    const jobName = resumed
      ? (this.data[key('jobName')] ?? '')
      : jobNameFor(step, this.clock.now());
    const startedAt = resumed ? (this.data[key('startedAt')] ?? '') : this.now();
    writeStepRunning(this.data, this.steps, index, startedAt, jobName);
    this.publish(
      'cutover-step-started',
      'info',
      resumed
        ? `step ${step} resumed by attaching to in-flight Job ${jobName}`
        : startedMessage(step),
      { step, jobName },
    );
    const duration = step === 'egress-block-test' ? this.stepMs * 2 : this.stepMs;
    this.timers.later(duration, () => {
      const error = this.failures.take(step);
      if (error !== undefined) {
        this.fail(step, error, step);
        return;
      }
      writeStepSucceeded(this.data, step, this.now());
      this.publish('cutover-step-finished', 'info', `step ${step} completed`, { step });
      if (this.sealFailure && index === this.steps.length - 1) {
        // Non-fatal: the engine reports it step-less, and the run still completes.
        this.publish(
          'cutover-step-failed',
          'error',
          'durable seal write failed: openbao sealed; cutover continues',
          {},
        );
      }
      this.runStep(index + 1, operatorRetry);
    });
  }

  private fail(failedStep: string, error: string, stepRow: string | undefined): void {
    writeRunFailed(this.data, failedStep, error, stepRow, this.now());
    this.running = false;
    this.publish(
      'cutover-step-failed',
      'error',
      stepRow ? `step ${stepRow} failed: ${error}` : error,
      stepRow ? { step: stepRow } : {},
    );
  }

  private complete(): void {
    writeRunCompleted(this.data, this.steps, this.now());
    this.running = false;
    this.publish('cutover-completed', 'info', 'Self-Sovereignty Cutover completed successfully');
  }

  /**
   * The catalyst-api process restarts mid-run (the `api-restart` scenario): its timers and its
   * in-memory replay buffer are gone; on boot it resets `running` rows and runs again, as a new
   * attempt (a newer `cutoverLastAttemptStartedAt`, a `cutover-started` event).
   */
  restartProcess(): void {
    if (!this.running) return;
    this.timers.cancelAll();
    this.events.forget();
    this.running = false;
    clearRunningRows(this.data, this.steps);
    this.run(false);
  }

  /** The startup resume path: a seeded in-flight run carries on. */
  resume(): void {
    if (this.running || this.isComplete) return;
    this.running = true;
    const index = this.steps.findIndex((step) => this.data[`step.${step}.result`] !== 'success');
    this.timers.later(0, () => {
      this.runStep(Math.max(index, 0), false);
    });
  }
}
