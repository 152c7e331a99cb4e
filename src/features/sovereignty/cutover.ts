/**
 * The cutover domain: what the catalyst-api says about the Day-2 Self-Sovereignty Cutover,
 * parsed once at the edge into typed data (docs/cutover-contract.md §3–§6, §9).
 *
 * Pure TypeScript on purpose: zod and relative imports only, no React, no DOM, no env. The card,
 * the poller, the event stream, the simulator and the tests all import it. This file parses the
 * status (the /status body, the ConfigMap, the settled overrides); the steps (`steps.ts`) and the
 * branded state with its parse error (`cutover-state.ts`) are re-exported, so the domain keeps
 * one door.
 */
import * as z from 'zod/mini';
import { parseInstant } from '../../lib/instant';
import {
  previewValue,
  CutoverParseError,
  type CutoverState,
  TETHERED,
  SOVEREIGN,
  parseCutoverState,
} from './cutover-state';
import { normaliseStepId, STEP_STATUSES, type StepStatus, type CutoverStep } from './steps';

export { parseInstant };

export * from './steps';
export * from './cutover-state';

// ---------------------------------------------------------------------------------------------
// Status

export interface CutoverStatus {
  readonly state: CutoverState;
  readonly cutoverComplete: boolean;
  /** First-ever attempt (`cutoverStartedAt`), RFC 3339. */
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly lastAttemptStartedAt?: string;
  readonly currentStep?: string;
  readonly totalSteps?: number;
  readonly failedStep?: string;
  readonly lastError?: string;
  /** One record per step id (see `mergeDuplicateSteps`), in wire order; not padded. */
  readonly steps: readonly CutoverStep[];
  readonly mirroredCommitSHA?: string;
  readonly harborProjectCount?: number;
  readonly egressTestPassed?: boolean;
  /** Newline-joined `<ns>/<name>=<reason>` entries (see `parseSettledRollOverrides`). */
  readonly settledRollOverrides?: string;
  readonly settledRollOverridesAt?: string;
}

type WireObject = Readonly<Record<string, unknown>>;

const wireObject = z.record(z.string(), z.unknown());
const nonEmptyText = z.string().check(z.minLength(1));
const wholeNumber = z.union([
  z.int().check(z.nonnegative()),
  z.pipe(z.string().check(z.regex(/^\d{1,9}$/)), z.transform(Number)),
]);

function isWireObject(value: unknown): value is WireObject {
  return wireObject.safeParse(value).success && !Array.isArray(value);
}

/** Empty strings on the wire mean absent (the chart seeds `failedStep: ""`). */
function text(value: unknown): string | undefined {
  const parsed = nonEmptyText.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function count(value: unknown): number | undefined {
  const parsed = wholeNumber.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function statusFromResult(result: unknown): StepStatus | undefined {
  switch (result) {
    case undefined:
    case null:
    case '':
      return 'pending';
    case 'success':
    case 'skipped':
      return 'done';
    case 'running':
    case 'failed':
      return result;
    default:
      return undefined;
  }
}

function stepStatus(record: WireObject): StepStatus | undefined {
  // Empty strings mean absent (docs/console-rules.md, rule 7), so `status: ""` falls back to
  // `result` too.
  if (record.status === undefined || record.status === null || record.status === '') {
    return statusFromResult(record.result);
  }
  return STEP_STATUSES.find((status) => status === record.status);
}

function parseStep(
  record: unknown,
  failedStep?: string,
  lastError?: string,
): CutoverStep | undefined {
  if (!isWireObject(record)) return undefined;
  const rawId = text(record.step) ?? text(record.name);
  const status = stepStatus(record);
  if (rawId === undefined || status === undefined) return undefined;
  const id = normaliseStepId(rawId);
  const message =
    text(record.message) ?? (status === 'failed' && id === failedStep ? lastError : undefined);
  return withoutUndefined({
    id,
    status,
    startedAt: text(record.startedAt),
    finishedAt: text(record.finishedAt),
    message,
    jobName: text(record.jobName),
  });
}

// How far a record has got: a finished step (done or failed) outranks a running one, which
// outranks a pending one.
const ADVANCE: Readonly<Record<StepStatus, number>> = {
  pending: 0,
  running: 1,
  done: 2,
  failed: 2,
};

/** The latest time a record mentions (finish, else start), or -Infinity when it has none. */
function lastMoved(step: CutoverStep): number {
  return Math.max(
    parseInstant(step.finishedAt) ?? -Infinity,
    parseInstant(step.startedAt) ?? -Infinity,
  );
}

function moreAdvanced(candidate: CutoverStep, kept: CutoverStep): boolean {
  const byStatus = ADVANCE[candidate.status] - ADVANCE[kept.status];
  if (byStatus !== 0) return byStatus > 0;
  // Same stage: the later start or finish is the newer news; on a full tie the record further down
  // the wire wins (in the flat ConfigMap, sorted by key, that is the chart's id over its legacy one).
  return lastMoved(candidate) >= lastMoved(kept);
}

/**
 * One record per step id, so the card never shows two rows for one step. The same id can arrive
 * twice (a legacy id next to its chart id, a wire list that repeats itself): the most advanced
 * record wins (done or failed over running over pending; then the later start or finish time).
 * Each id keeps the place of its first record.
 */
export function mergeDuplicateSteps(steps: readonly CutoverStep[]): CutoverStep[] {
  const kept = new Map<string, CutoverStep>();
  for (const step of steps) {
    const current = kept.get(step.id);
    if (current === undefined || moreAdvanced(step, current)) kept.set(step.id, step);
  }
  return [...kept.values()];
}

function egressFromSteps(steps: readonly CutoverStep[]): boolean | undefined {
  const egress = steps.find((step) => step.id === 'egress-block-test');
  if (egress?.status === 'done') return true;
  if (egress?.status === 'failed') return false;
  return undefined;
}

/**
 * Parses the body of GET `/status` and of a 200 POST `/start`, old and new shapes.
 *
 * `state` absent or null is derived from `cutoverComplete` (boolean `true` → sovereign): the fix
 * for the `invalid CutoverState: <undefined>` regression. A present but unknown `state` throws.
 */
export function parseCutoverStatus(wire: unknown): CutoverStatus {
  if (!isWireObject(wire)) {
    throw new CutoverParseError('CutoverStatus', previewValue(wire), 'not an object');
  }
  const state =
    wire.state === undefined || wire.state === null
      ? wire.cutoverComplete === true
        ? SOVEREIGN
        : TETHERED
      : parseCutoverState(wire.state);
  const raw = isWireObject(wire.raw) ? wire.raw : {};
  const failedStepText = text(wire.failedStep);
  const failedStep = failedStepText === undefined ? undefined : normaliseStepId(failedStepText);
  const lastError = text(wire.lastError);
  const steps = mergeDuplicateSteps(
    Array.isArray(wire.steps)
      ? wire.steps.flatMap((record) => parseStep(record, failedStep, lastError) ?? [])
      : [],
  );
  const currentStepText = text(wire.currentStep);

  return withoutUndefined({
    state,
    cutoverComplete:
      typeof wire.cutoverComplete === 'boolean' ? wire.cutoverComplete : state === SOVEREIGN,
    startedAt: text(wire.startedAt) ?? text(wire.cutoverStartedAt),
    finishedAt: text(wire.finishedAt) ?? text(wire.cutoverFinishedAt),
    lastAttemptStartedAt: text(wire.cutoverLastAttemptStartedAt),
    currentStep: currentStepText === undefined ? undefined : normaliseStepId(currentStepText),
    totalSteps: positive(count(wire.totalSteps)),
    failedStep,
    lastError,
    steps,
    mirroredCommitSHA: text(wire.mirroredCommitSHA) ?? text(raw.mirroredCommitSHA),
    harborProjectCount: count(wire.harborProjectCount) ?? count(raw.harborProjectCount),
    egressTestPassed:
      typeof wire.egressTestPassed === 'boolean' ? wire.egressTestPassed : egressFromSteps(steps),
    settledRollOverrides: text(wire.settledRollOverrides) ?? text(raw.settledRollOverrides),
    settledRollOverridesAt: text(wire.settledRollOverridesAt) ?? text(raw.settledRollOverridesAt),
  });
}

// ---------------------------------------------------------------------------------------------
// Settled roll overrides (docs/cutover-contract.md §4, #5391)

export interface SettledRollOverride {
  /** The HelmRelease's namespace and name, or absent when the entry is not `<ns>/<name>=…`. */
  readonly namespace?: string;
  readonly name?: string;
  readonly reason?: string;
  /** The entry as the engine wrote it, trimmed: shown as it is when it has no usable shape. */
  readonly entry: string;
}

const OVERRIDE_ENTRY = /^([^/=\s]+)\/([^/=\s]+)\s*=\s*(.*)$/s;

/**
 * The HelmReleases a run left out of its roll: one `<ns>/<name>=<reason>` entry per line
 * (`\r\n` too); blank lines are skipped; an entry of another shape is kept whole, never dropped,
 * because it is an audit record. The same HelmRelease twice is listed twice: it is what was written.
 */
export function parseSettledRollOverrides(value: string | undefined): SettledRollOverride[] {
  if (value === undefined) return [];
  return value.split(/\r?\n/).flatMap((line) => {
    const entry = line.trim();
    if (entry === '') return [];
    const match = OVERRIDE_ENTRY.exec(entry);
    if (!match) return [{ entry }];
    const [, namespace = '', name = '', reason = ''] = match;
    const why = reason.trim();
    return [why === '' ? { namespace, name, entry } : { namespace, name, reason: why, entry }];
  });
}

function positive(value: number | undefined): number | undefined {
  return value === undefined || value === 0 ? undefined : value;
}

const STEP_KEY = /^step\.(.+)\.([A-Za-z]+)$/;

/**
 * Parses the flat ConfigMap map carried, JSON-encoded, by the SSE `cutover-status` frame.
 * Every value there is a string, so `cutoverComplete: "true"` counts as true; a `state` key is
 * ignored; steps come from `step.<id>.<field>` keys only, sorted by id as the API sorts them.
 */
export function parseStatusConfigMap(map: unknown): CutoverStatus {
  if (!isWireObject(map)) {
    throw new CutoverParseError('CutoverStatus', previewValue(map), 'not an object');
  }
  const records = new Map<string, Record<string, unknown>>();
  for (const [key, value] of Object.entries(map)) {
    const match = STEP_KEY.exec(key);
    if (!match) continue;
    const [, name = '', field = ''] = match;
    const record = records.get(name) ?? { name };
    record[field] = value;
    records.set(name, record);
  }
  const { state: _ignored, ...rest } = map;
  return parseCutoverStatus({
    ...rest,
    cutoverComplete: map.cutoverComplete === 'true' || map.cutoverComplete === true,
    steps: [...records.keys()].sort().map((name) => records.get(name)),
    raw: map,
  });
}

/** Drops keys whose value is undefined, so results satisfy `exactOptionalPropertyTypes`. */
function withoutUndefined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Defined<T>;
}

type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};
