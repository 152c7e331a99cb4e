/**
 * The cutover event stream (docs/cutover-contract.md §7), parsed and folded into the status.
 * Pure, like cutover.ts: the stream hook feeds frames in, the cache gets the result.
 *
 * The server replays up to 256 old events on every connect and never sends ids, so every frame
 * may be old news. docs/console-rules.md, rule 9: a frame never moves a step backwards and never
 * flips Sovereign to Tethered; only a newer snapshot or /status answer may reset a step.
 */
import * as z from 'zod/mini';
import {
  CutoverParseError,
  SOVEREIGN,
  mergeDuplicateSteps,
  normaliseStepId,
  parseInstant,
  parseStatusConfigMap,
  previewValue,
  type CutoverStatus,
  type CutoverStep,
} from './cutover';

export const CUTOVER_EVENT_PHASES = [
  'cutover-started',
  'cutover-step-started',
  'cutover-step-finished',
  'cutover-step-failed',
  'cutover-completed',
  'cutover-already-complete',
  'cutover-status',
] as const;

export type CutoverEventPhase = (typeof CUTOVER_EVENT_PHASES)[number];

const eventSchema = z.object({
  time: z.string(),
  phase: z.enum(CUTOVER_EVENT_PHASES),
  level: z.optional(z.string()),
  message: z.optional(z.string()),
  step: z.optional(z.string()),
  jobName: z.optional(z.string()),
});

export interface CutoverEvent {
  readonly time: string;
  readonly phase: CutoverEventPhase;
  readonly level?: string;
  readonly message?: string;
  /** Normalised step id; absent for run-level events and step-less failures. */
  readonly step?: string;
  /** The step's Job (or DaemonSet) name, sent with `cutover-step-started`. */
  readonly jobName?: string;
}

/** Parses one frame's `data`; the event name decides the phase when the payload lacks one. */
export function parseCutoverEvent(eventName: string, data: string): CutoverEvent {
  let payload: unknown;
  try {
    payload = JSON.parse(data) as unknown;
  } catch {
    throw new CutoverParseError('CutoverEvent', previewValue(data), 'not JSON');
  }
  const withPhase =
    typeof payload === 'object' && payload !== null && !('phase' in payload)
      ? { ...payload, phase: eventName }
      : payload;
  const parsed = eventSchema.safeParse(withPhase);
  if (!parsed.success)
    throw new CutoverParseError('CutoverEvent', previewValue(eventName), 'unexpected shape');
  const { time, phase, level, message, step, jobName } = parsed.data;
  return {
    time,
    phase,
    ...(level ? { level } : {}),
    ...(message ? { message } : {}),
    ...(step ? { step: normaliseStepId(step) } : {}),
    ...(jobName ? { jobName } : {}),
  };
}

/** True when `step` already reflects something at or after `time`: the frame is old news. */
function knowsLater(step: CutoverStep | undefined, time: number): boolean {
  if (step === undefined) return false;
  const started = parseInstant(step.startedAt);
  const finished = parseInstant(step.finishedAt);
  return (started !== undefined && started > time) || (finished !== undefined && finished >= time);
}

/** Puts `next` in the place of its id's first record; any further record of that id goes. */
function replaceStep(status: CutoverStatus, next: CutoverStep): CutoverStatus {
  const index = status.steps.findIndex((step) => step.id === next.id);
  if (index === -1) return { ...status, steps: [...status.steps, next] };
  return {
    ...status,
    steps: status.steps.flatMap((step, at) => {
      if (at === index) return [next];
      return step.id === next.id ? [] : [step];
    }),
  };
}

/**
 * Folds a step frame into the status, or returns the same object when the frame changes nothing
 * (so the cache, and the card, do not update).
 */
export function applyStepEvent(status: CutoverStatus, event: CutoverEvent): CutoverStatus {
  const id = event.step;
  if (id === undefined || status.state === SOVEREIGN) return status;
  const time = parseInstant(event.time);
  if (time === undefined) return status;
  // Older than the attempt the status is about: news of an earlier run.
  const attempt = lastAttempt(status);
  if (attempt !== undefined && time < attempt) return status;
  const current = mergeDuplicateSteps(status.steps).find((step) => step.id === id);
  if (knowsLater(current, time)) return status;
  const base = { id, ...(current?.jobName ? { jobName: current.jobName } : {}) };

  switch (event.phase) {
    case 'cutover-step-started': {
      // Started again after finishing (a retried step) only counts when it is newer; knowsLater
      // has ruled out everything at or before the last finish.
      if (current?.status === 'running') return status;
      // The started frame names the step's new Job; a re-run has a new one.
      const jobName = event.jobName ?? base.jobName;
      return replaceStep(status, {
        id,
        status: 'running',
        startedAt: event.time,
        ...(jobName ? { jobName } : {}),
      });
    }
    case 'cutover-step-finished': {
      if (current?.status === 'done') return status;
      return replaceStep(status, {
        ...base,
        status: 'done',
        ...(current?.startedAt ? { startedAt: current.startedAt } : {}),
        finishedAt: event.time,
      });
    }
    case 'cutover-step-failed': {
      const message = event.message ?? 'the step failed';
      const next = replaceStep(status, {
        ...base,
        status: 'failed',
        ...(current?.startedAt ? { startedAt: current.startedAt } : {}),
        finishedAt: event.time,
        message,
      });
      return { ...next, failedStep: id, lastError: message };
    }
    default:
      return status;
  }
}

/** The latest attempt start the status knows about. */
function lastAttempt(status: CutoverStatus): number | undefined {
  return parseInstant(status.lastAttemptStartedAt) ?? parseInstant(status.startedAt);
}

/**
 * A `cutover-started` frame newer than the attempt the status knows: a new run has begun, and
 * the engine has cleared the previous failure.
 */
export function applyRunStarted(status: CutoverStatus, event: CutoverEvent): CutoverStatus {
  const time = parseInstant(event.time);
  const known = lastAttempt(status);
  if (status.state === SOVEREIGN || time === undefined || (known !== undefined && known >= time)) {
    return status;
  }
  const { failedStep: _failedStep, lastError: _lastError, ...rest } = status;
  return {
    ...rest,
    lastAttemptStartedAt: event.time,
    ...(status.startedAt ? {} : { startedAt: event.time }),
  };
}

/**
 * The connect-time snapshot: authoritative, except that it cannot flip a Sovereign status back
 * to Tethered (the ConfigMap may have been reverted while the durable seal says sovereign).
 */
export function applySnapshot(
  status: CutoverStatus | undefined,
  event: CutoverEvent,
): CutoverStatus | undefined {
  // A message that is not JSON, or not a ConfigMap: keep what we have.
  let snapshot: CutoverStatus;
  try {
    snapshot = parseStatusConfigMap(JSON.parse(event.message ?? '') as unknown);
  } catch {
    return status;
  }
  if (status?.state === SOVEREIGN && snapshot.state !== SOVEREIGN) return status;
  return snapshot;
}
