/**
 * Scenario fixtures: the state of an earlier run written straight into the status ConfigMap and
 * the replay buffer, as if it had happened. The scenarios (mocks/scenarios.ts) and the stories
 * seed engines with these, through `CutoverEngine.seedHistory`.
 */
import { jobNameFor, startedMessage, typicalStepMs } from './chart-steps';
import { rfc3339 } from './clock';
import type { EngineEvent, EnginePhase } from './engine-events';
import type { StatusData } from './status-configmap';

/** What a fixture writes into: an engine's map, its steps, its clock and its replay buffer. */
export interface HistoryTarget {
  readonly data: StatusData;
  readonly steps: readonly string[];
  /** The engine's clock, epoch ms. */
  readonly now: number;
  /** Puts an event of the past into the replay buffer only. */
  record(event: EngineEvent): void;
}

export interface HistoryOptions {
  done: number;
  then?: 'running' | 'failed';
  failedStep?: string;
  lastError?: string;
  complete?: boolean;
  endedAgoMs?: number;
  /** How long the `then` step has been running (or ran before failing); default its typical time. */
  thenForMs?: number;
}

/**
 * `done` steps succeeded, each taking its typical time, then optionally one step running (resumed
 * by the engine's `resume()`) or failed, a step-less failure, or the run's completion.
 */
export function seedHistory(target: HistoryTarget, options: HistoryOptions): void {
  const { data, steps } = target;
  const end = target.now - (options.endedAgoMs ?? 0);
  const doneSteps = steps.slice(0, options.done);
  const next = options.then ? steps[options.done] : undefined;
  const thenMs =
    next === undefined
      ? 0
      : (options.thenForMs ?? (options.then === 'failed' ? typicalStepMs(next) : 0));
  const runMs = doneSteps.reduce((sum, step) => sum + typicalStepMs(step), 0);
  let time = end - runMs - thenMs - 30_000;
  const start = rfc3339(time);
  Object.assign(data, { cutoverStartedAt: start, cutoverLastAttemptStartedAt: start });
  const past = (
    at: number,
    phase: EnginePhase,
    level: EngineEvent['level'],
    message: string,
    step?: string,
    jobName?: string,
  ) => {
    target.record({
      time: rfc3339(at),
      phase,
      level,
      message,
      ...(step ? { step } : {}),
      ...(jobName ? { jobName } : {}),
    });
  };
  past(time, 'cutover-started', 'info', `Self-Sovereignty Cutover started: ${steps.length} steps`);
  time += 30_000;
  doneSteps.forEach((step, index) => {
    const startedAt = rfc3339(time);
    const jobName = jobNameFor(step, time);
    past(time, 'cutover-step-started', 'info', startedMessage(step), step, jobName);
    time += typicalStepMs(step);
    past(time, 'cutover-step-finished', 'info', `step ${step} completed`, step);
    Object.assign(data, {
      [`step.${step}.result`]: 'success',
      [`step.${step}.startedAt`]: startedAt,
      [`step.${step}.finishedAt`]: rfc3339(time),
      [`step.${step}.jobName`]: jobName,
      currentStepIndex: String(index + 1),
      progressPercent: String(Math.floor((100 * (index + 1)) / steps.length)),
    });
  });
  if (options.then && next) {
    const startedAt = rfc3339(time);
    const jobName = jobNameFor(next, time);
    Object.assign(data, {
      [`step.${next}.result`]: options.then,
      [`step.${next}.startedAt`]: startedAt,
      [`step.${next}.jobName`]: jobName,
      currentStep: options.then === 'running' ? next : '',
      currentStepIndex: String(options.done),
    });
    past(time, 'cutover-step-started', 'info', startedMessage(next), next, jobName);
    if (options.then === 'failed') {
      const error = options.lastError ?? 'failed';
      past(end, 'cutover-step-failed', 'error', `step ${next} failed: ${error}`, next);
      Object.assign(data, {
        [`step.${next}.finishedAt`]: rfc3339(end),
        failedStep: next,
        lastError: options.lastError ?? `step ${next} failed`,
      });
    }
  }
  if (options.failedStep !== undefined) {
    past(end, 'cutover-step-failed', 'error', options.lastError ?? `${options.failedStep} failed`);
    Object.assign(data, { failedStep: options.failedStep, lastError: options.lastError ?? '' });
  }
  if (options.complete) {
    past(end, 'cutover-completed', 'info', 'Self-Sovereignty Cutover completed successfully');
    Object.assign(data, {
      cutoverComplete: 'true',
      cutoverFinishedAt: rfc3339(end),
      currentStep: '',
      currentStepIndex: String(steps.length),
      progressPercent: '100',
      registriesYamlActive: 'v2',
    });
  }
}

/**
 * The #5391 audit record: HelmReleases the run left out of its roll (docs/cutover-contract.md §4),
 * recorded `agoMs` before now.
 */
export function seedSettledRollOverrides(
  target: HistoryTarget,
  entries: readonly string[],
  agoMs: number,
): void {
  Object.assign(target.data, {
    settledRollOverrides: entries.join('\n'),
    settledRollOverridesAt: rfc3339(target.now - agoMs),
  });
}
