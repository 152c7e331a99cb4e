/**
 * The simulated catalyst-api cutover engine: a state machine over the same flat ConfigMap the
 * real engine writes (CUTOVER-API.md §4, §8), with an injected clock so tests can drive it with
 * fake timers and demos can run it fast. No I/O here: the MSW handlers, the node test server and
 * the loopback HTTP server are thin doors in front of it.
 */

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Reads the global timer functions at call time, so vitest's fake timers apply. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export type CutoverPhase =
  | 'cutover-started'
  | 'cutover-step-started'
  | 'cutover-step-finished'
  | 'cutover-step-failed'
  | 'cutover-completed'
  | 'cutover-already-complete'
  | 'cutover-status';

export interface CutoverEvent {
  time: string;
  phase: CutoverPhase;
  level: 'info' | 'warn' | 'error';
  message: string;
  step?: string;
  jobName?: string;
}

/** The engine's run order: the newest chart's, with `egress-block-test` strictly last. */
export const CHART_STEP_ORDER = [
  'gitea-mirror',
  'harbor-projects',
  'harbor-prewarm',
  'registry-pivot',
  'flux-gitrepository-patch',
  'helmrepository-patches',
  'catalyst-api-env-patch',
  'gitea-token-mint',
  'vcluster-registry-pivot',
  'crossplane-provider-pivot',
  'egress-block-test',
] as const;

/**
 * How long each step takes on a real Sovereign of medium size (the reference runbook: pre-warm
 * ~16 min is normal; the egress self-test holds for 10 min). Seeded histories use these, so the
 * scenarios that show a finished or failed run show believable times. Unknown steps: 1 min.
 */
export const TYPICAL_STEP_MS: Readonly<Record<string, number>> = {
  'gitea-mirror': 190_000,
  'harbor-projects': 35_000,
  'harbor-prewarm': 16 * 60_000 + 20_000,
  'registry-pivot': 150_000,
  'flux-gitrepository-patch': 45_000,
  'helmrepository-patches': 50_000,
  'catalyst-api-env-patch': 95_000,
  'gitea-token-mint': 20_000,
  'vcluster-registry-pivot': 70_000,
  'crossplane-provider-pivot': 125_000,
  'egress-block-test': 10 * 60_000 + 40_000,
};

export function typicalStepMs(step: string): number {
  return TYPICAL_STEP_MS[step] ?? 60_000;
}

/** The engine writes the DaemonSet's name as the jobName of a `daemonset-wait` step. */
export const DAEMONSET_STEPS: Readonly<Record<string, string>> = {
  'registry-pivot': 'cutover-registry-pivot',
};

/** `step.<id>.jobName`: a Job `cutover-<step>-<epoch>`, or the DaemonSet's name. */
export function jobNameFor(step: string, startedAtMs: number): string {
  return DAEMONSET_STEPS[step] ?? `cutover-${step}-${Math.floor(startedAtMs / 1000)}`;
}

function startedMessage(step: string): string {
  return `step ${step} started (${step in DAEMONSET_STEPS ? 'daemonset-wait' : 'job'})`;
}

export type StartSource = 'operator' | 'internal' | 'handover' | 'reconcile';

export interface StartResult {
  status: number;
  body: unknown;
}

export interface PlannedFailure {
  /** The step that fails, or a pseudo-step such as `secondary-kubeconfigs`. */
  step: string;
  error: string;
  /** How many runs fail this way before the step succeeds (default 1). */
  times?: number;
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

const RING_CAPACITY = 256;

/** Go's time.RFC3339: second precision, UTC. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export type EventListener = (event: CutoverEvent) => void;

export class CutoverEngine {
  /** The status ConfigMap's `data`: every value a string, exactly as the real engine writes. */
  readonly data: Record<string, string> = {};
  readonly steps: readonly string[];
  private readonly clock: Clock;
  private readonly stepMs: number;
  private readonly failures: Map<string, { error: string; remaining: number }>;
  private readonly sealFailure: boolean;
  private readonly ring: CutoverEvent[] = [];
  private readonly listeners = new Set<EventListener>();
  private timers = new Set<unknown>();
  private running = false;

  constructor(options: EngineOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.steps = options.steps ?? CHART_STEP_ORDER;
    this.stepMs = options.stepMs ?? 2_500;
    this.sealFailure = options.sealFailure ?? false;
    this.failures = new Map(
      (options.failures ?? []).map((failure) => [
        failure.step,
        { error: failure.error, remaining: failure.times ?? 1 },
      ]),
    );
    this.seed();
  }

  get isRunning(): boolean {
    return this.running;
  }

  get isComplete(): boolean {
    return this.data.cutoverComplete === 'true';
  }

  /** The chart's first-install seed (`09-cutover-status-configmap.yaml`). */
  private seed(): void {
    Object.assign(this.data, {
      cutoverComplete: 'false',
      cutoverStartedAt: '',
      cutoverLastAttemptStartedAt: '',
      cutoverFinishedAt: '',
      currentStep: '',
      currentStepIndex: '0',
      totalSteps: String(this.steps.length),
      progressPercent: '0',
      failedStep: '',
      lastError: '',
      registriesYamlActive: 'v1',
    });
    for (const step of this.steps) {
      for (const field of ['startedAt', 'finishedAt', 'result', 'jobName']) {
        this.data[`step.${step}.${field}`] = '';
      }
    }
  }

  // -- reading -----------------------------------------------------------------------------------

  /** GET /status (CUTOVER-API.md §3): steps sorted alphabetically, empty fields omitted. */
  statusResponse(): Record<string, unknown> {
    const names = new Set<string>();
    for (const key of Object.keys(this.data)) {
      const match = /^step\.(.+)\.[A-Za-z]+$/.exec(key);
      if (match?.[1]) names.add(match[1]);
    }
    return this.responseFor([...names].sort());
  }

  private responseFor(stepNames: readonly string[], blankResults = false): Record<string, unknown> {
    const d = this.data;
    const complete = d.cutoverComplete === 'true';
    const optional = (key: string) => (d[key] ? { [key]: d[key] } : {});
    return {
      state: complete ? 'sovereign' : 'tethered',
      cutoverComplete: complete,
      ...optional('cutoverStartedAt'),
      ...optional('cutoverFinishedAt'),
      ...optional('cutoverLastAttemptStartedAt'),
      ...optional('currentStep'),
      currentStepIndex: Number.parseInt(d.currentStepIndex ?? '0', 10) || 0,
      totalSteps: Number.parseInt(d.totalSteps ?? '0', 10) || 0,
      progressPercent: Number.parseInt(d.progressPercent ?? '0', 10) || 0,
      ...optional('failedStep'),
      ...optional('lastError'),
      ...optional('settledRollOverrides'),
      ...optional('settledRollOverridesAt'),
      steps: stepNames.map((name) => {
        const field = (f: string) => d[`step.${name}.${f}`] ?? '';
        const record: Record<string, string> = {
          name,
          result: blankResults ? '' : field('result'),
        };
        for (const f of ['startedAt', 'finishedAt', 'jobName']) {
          if (!blankResults && field(f)) record[f] = field(f);
        }
        return record;
      }),
      raw: { ...d },
    };
  }

  /** The `cutover-status` frame's `message`: the flat map, JSON-encoded. */
  snapshotMessage(): string {
    return JSON.stringify(this.data);
  }

  /** The process-wide replay buffer (last 256 events; never cleared between runs). */
  replay(): readonly CutoverEvent[] {
    return [...this.ring];
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // -- starting ----------------------------------------------------------------------------------

  /**
   * POST /start (`operator`) and the internal trigger (`internal` and friends), minus transport
   * concerns (auth, methods): the evaluation order of CUTOVER-API.md §2.1 / §2.4.
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
    // The real handler answers with a re-read taken before the engine has done anything: in
    // practice every step `result: ""`, in chart order. Consoles must not regress on it.
    const body = this.responseFor(this.steps, true);
    body.totalSteps = this.steps.length;
    this.run(source === 'operator');
    return { status: 200, body };
  }

  /** Stops timers; the engine can be dropped afterwards. */
  dispose(): void {
    for (const timer of this.timers) this.clock.clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
  }

  // -- running -----------------------------------------------------------------------------------

  private later(ms: number, callback: () => void): void {
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(handle);
      callback();
    }, ms);
    this.timers.add(handle);
  }

  private now(): string {
    return rfc3339(this.clock.now());
  }

  /** Puts an event of the past into the replay buffer only (seeded history). */
  private record(event: CutoverEvent): void {
    this.ring.push(event);
    if (this.ring.length > RING_CAPACITY) this.ring.shift();
  }

  private publish(
    phase: CutoverPhase,
    level: CutoverEvent['level'],
    message: string,
    extra: { step?: string; jobName?: string } = {},
  ): void {
    const event: CutoverEvent = { time: this.now(), phase, level, message, ...extra };
    this.ring.push(event);
    if (this.ring.length > RING_CAPACITY) this.ring.shift();
    for (const listener of [...this.listeners]) listener(event);
  }

  private run(operatorRetry: boolean): void {
    this.running = true;
    const now = this.now();
    Object.assign(this.data, {
      cutoverComplete: 'false',
      failedStep: '',
      lastError: '',
      totalSteps: String(this.steps.length),
      cutoverLastAttemptStartedAt: now,
    });
    if (!this.data.cutoverStartedAt) this.data.cutoverStartedAt = now;
    this.publish(
      'cutover-started',
      'info',
      `Self-Sovereignty Cutover started: ${this.steps.length} steps`,
    );

    const pseudo = this.failures.get('secondary-kubeconfigs');
    if (pseudo && pseudo.remaining > 0) {
      this.later(this.stepMs / 2, () => {
        pseudo.remaining -= 1;
        this.fail('secondary-kubeconfigs', pseudo.error, undefined);
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
    Object.assign(this.data, {
      currentStep: step,
      currentStepIndex: String(index),
      progressPercent: String(Math.floor((100 * index) / this.steps.length)),
      [key('result')]: 'running',
      [key('startedAt')]: resumed ? this.data[key('startedAt')] : this.now(),
      [key('finishedAt')]: '',
      [key('jobName')]: jobName,
    });
    this.publish(
      'cutover-step-started',
      'info',
      resumed
        ? `step ${step} resumed by attaching to in-flight Job ${jobName}`
        : startedMessage(step),
      { step, jobName },
    );
    const duration = step === 'egress-block-test' ? this.stepMs * 2 : this.stepMs;
    this.later(duration, () => {
      const planned = this.failures.get(step);
      if (planned && planned.remaining > 0) {
        planned.remaining -= 1;
        this.fail(step, planned.error, step);
        return;
      }
      Object.assign(this.data, { [key('result')]: 'success', [key('finishedAt')]: this.now() });
      if (step === 'harbor-prewarm') this.data.registriesYamlActive = 'v2';
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
    Object.assign(this.data, { currentStep: '', failedStep, lastError: error });
    if (stepRow !== undefined) {
      Object.assign(this.data, {
        [`step.${stepRow}.result`]: 'failed',
        [`step.${stepRow}.finishedAt`]: this.now(),
      });
    }
    this.running = false;
    this.publish(
      'cutover-step-failed',
      'error',
      stepRow ? `step ${stepRow} failed: ${error}` : error,
      stepRow ? { step: stepRow } : {},
    );
  }

  private complete(): void {
    Object.assign(this.data, {
      cutoverComplete: 'true',
      cutoverFinishedAt: this.now(),
      currentStep: '',
      currentStepIndex: String(this.steps.length),
      progressPercent: '100',
    });
    this.running = false;
    this.publish('cutover-completed', 'info', 'Self-Sovereignty Cutover completed successfully');
  }

  // -- seeding (scenarios) -----------------------------------------------------------------------

  /**
   * Writes the state of an earlier run straight into the ConfigMap, as if it had happened:
   * `done` steps succeeded, then optionally one step running (resumed by `resume()`) or failed.
   */
  seedHistory(options: {
    done: number;
    then?: 'running' | 'failed';
    failedStep?: string;
    lastError?: string;
    complete?: boolean;
    endedAgoMs?: number;
    /** How long the `then` step has been running (or ran before failing); default its typical time. */
    thenForMs?: number;
  }): void {
    const end = this.clock.now() - (options.endedAgoMs ?? 0);
    const doneSteps = this.steps.slice(0, options.done);
    const next = options.then ? this.steps[options.done] : undefined;
    const thenMs =
      next === undefined
        ? 0
        : (options.thenForMs ?? (options.then === 'failed' ? typicalStepMs(next) : 0));
    const runMs = doneSteps.reduce((sum, step) => sum + typicalStepMs(step), 0);
    let time = end - runMs - thenMs - 30_000;
    const start = rfc3339(time);
    Object.assign(this.data, { cutoverStartedAt: start, cutoverLastAttemptStartedAt: start });
    const past = (
      at: number,
      phase: CutoverPhase,
      level: CutoverEvent['level'],
      message: string,
      step?: string,
      jobName?: string,
    ) => {
      this.record({
        time: rfc3339(at),
        phase,
        level,
        message,
        ...(step ? { step } : {}),
        ...(jobName ? { jobName } : {}),
      });
    };
    past(
      time,
      'cutover-started',
      'info',
      `Self-Sovereignty Cutover started: ${this.steps.length} steps`,
    );
    time += 30_000;
    doneSteps.forEach((step, index) => {
      const startedAt = rfc3339(time);
      const jobName = jobNameFor(step, time);
      past(time, 'cutover-step-started', 'info', startedMessage(step), step, jobName);
      time += typicalStepMs(step);
      past(time, 'cutover-step-finished', 'info', `step ${step} completed`, step);
      Object.assign(this.data, {
        [`step.${step}.result`]: 'success',
        [`step.${step}.startedAt`]: startedAt,
        [`step.${step}.finishedAt`]: rfc3339(time),
        [`step.${step}.jobName`]: jobName,
        currentStepIndex: String(index + 1),
        progressPercent: String(Math.floor((100 * (index + 1)) / this.steps.length)),
      });
    });
    if (options.then && next) {
      const startedAt = rfc3339(time);
      const jobName = jobNameFor(next, time);
      Object.assign(this.data, {
        [`step.${next}.result`]: options.then,
        [`step.${next}.startedAt`]: startedAt,
        [`step.${next}.jobName`]: jobName,
        currentStep: options.then === 'running' ? next : '',
        currentStepIndex: String(options.done),
      });
      past(time, 'cutover-step-started', 'info', startedMessage(next), next, jobName);
      if (options.then === 'failed') {
        past(
          end,
          'cutover-step-failed',
          'error',
          `step ${next} failed: ${options.lastError ?? 'failed'}`,
          next,
        );
        Object.assign(this.data, {
          [`step.${next}.finishedAt`]: rfc3339(end),
          failedStep: next,
          lastError: options.lastError ?? `step ${next} failed`,
        });
      }
    }
    if (options.failedStep !== undefined) {
      past(
        end,
        'cutover-step-failed',
        'error',
        options.lastError ?? `${options.failedStep} failed`,
      );
      Object.assign(this.data, {
        failedStep: options.failedStep,
        lastError: options.lastError ?? '',
      });
    }
    if (options.complete) {
      past(end, 'cutover-completed', 'info', 'Self-Sovereignty Cutover completed successfully');
      Object.assign(this.data, {
        cutoverComplete: 'true',
        cutoverFinishedAt: rfc3339(end),
        currentStep: '',
        currentStepIndex: String(this.steps.length),
        progressPercent: '100',
        registriesYamlActive: 'v2',
      });
    }
  }

  /** The #5391 audit record: HelmReleases the run left out of its roll (CUTOVER-API.md §4). */
  seedSettledRollOverrides(entries: readonly string[], agoMs: number): void {
    Object.assign(this.data, {
      settledRollOverrides: entries.join('\n'),
      settledRollOverridesAt: rfc3339(this.clock.now() - agoMs),
    });
  }

  /**
   * The catalyst-api process restarts mid-run (the `api-restart` scenario): its timers and its
   * in-memory replay buffer are gone; on boot it resets `running` rows and runs again, as a new
   * attempt (a newer `cutoverLastAttemptStartedAt`, a `cutover-started` event).
   */
  restartProcess(): void {
    if (!this.running) return;
    for (const timer of this.timers) this.clock.clearTimeout(timer);
    this.timers.clear();
    this.ring.length = 0;
    this.running = false;
    for (const step of this.steps) {
      if (this.data[`step.${step}.result`] !== 'running') continue;
      Object.assign(this.data, {
        [`step.${step}.result`]: '',
        [`step.${step}.startedAt`]: '',
        [`step.${step}.finishedAt`]: '',
        [`step.${step}.jobName`]: '',
      });
    }
    this.data.currentStep = '';
    this.run(false);
  }

  /** The startup resume path: a seeded in-flight run carries on. */
  resume(): void {
    if (this.running || this.isComplete) return;
    this.running = true;
    const index = this.steps.findIndex((step) => this.data[`step.${step}.result`] !== 'success');
    this.later(0, () => {
      this.runStep(Math.max(index, 0), false);
    });
  }
}
