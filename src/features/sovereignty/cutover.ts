/**
 * The cutover domain: what the catalyst-api says about the Day-2 Self-Sovereignty Cutover,
 * parsed once at the edge into typed data (docs/cutover-contract.md §3–§6, §9).
 *
 * Pure TypeScript on purpose: zod and relative imports only, no React, no DOM, no env. The card,
 * the poller, the event stream, the simulator and the tests all import it.
 */
import * as z from 'zod/mini';

// ---------------------------------------------------------------------------------------------
// Steps

export interface CutoverStepDefinition {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

/** The 11 steps, in the order and with the labels of docs/cutover-contract.md §6. */
export const CUTOVER_STEPS = [
  {
    id: 'gitea-mirror',
    label: 'Mirror GitOps repository',
    description: 'Mirrors the GitHub repository into the local Gitea.',
  },
  {
    id: 'harbor-projects',
    label: 'Create Harbor proxy projects',
    description:
      'Creates the seven Harbor proxy-cache projects (ghcr, docker, k8s, gcr, quay, xpkg, ecr).',
  },
  {
    id: 'harbor-prewarm',
    label: 'Pre-warm critical images',
    description: 'Pulls the images of every HelmRelease through Harbor.',
  },
  {
    id: 'registry-pivot',
    label: 'Pivot containerd registries',
    description:
      "Rewrites each node's containerd registries.yaml to the local Harbor, with per-node acks.",
  },
  {
    id: 'flux-gitrepository-patch',
    label: 'Repoint Flux GitRepository',
    description: "Points Flux's GitRepository at the local Gitea.",
  },
  {
    id: 'helmrepository-patches',
    label: 'Repoint HelmRepositories',
    description: 'Points the oci://ghcr.io/openova-io HelmRepositories at the local registry.',
  },
  {
    id: 'catalyst-api-env-patch',
    label: 'Update catalyst-api environment',
    description: 'Sets CATALYST_GITOPS_REPO_URL to the local Gitea.',
  },
  {
    id: 'egress-block-test',
    label: 'Egress-block self-test',
    description:
      'Denies egress to github.com, ghcr.io and harbor.openova.io for 10 minutes; reconciles must stay green.',
  },
  {
    id: 'gitea-token-mint',
    label: 'Mint local Gitea token',
    description: 'Mints a Gitea API token for the platform.',
  },
  {
    id: 'vcluster-registry-pivot',
    label: 'Pivot vCluster registries',
    description: 'Repoints vCluster images and pull secrets to the local registry.',
  },
  {
    id: 'crossplane-provider-pivot',
    label: 'Pivot Crossplane providers',
    description: 'Rewrites Crossplane provider package hosts to the local registry.',
  },
] as const satisfies readonly CutoverStepDefinition[];

export type KnownStepId = (typeof CUTOVER_STEPS)[number]['id'];

/** Used for "Step k of N" when the API does not say how many steps there are. */
export const DEFAULT_TOTAL_STEPS = CUTOVER_STEPS.length;

// A Map, not an object literal: a step named `constructor` must not find Object.prototype's.
const LEGACY_STEP_IDS: ReadonlyMap<string, string> = new Map([
  ['helmrepo-patches', 'helmrepository-patches'],
]);

/**
 * Maps legacy ids (the old 8-step UI's `helmrepo-patches`) to the chart's ids.
 *
 * Invisible characters are deliberately NOT stripped here: `gitea\u200b-mirror` stays a step of its
 * own and is never matched to `gitea-mirror`. The engine keeps each step's status under ConfigMap
 * keys `step.<id>.<field>`, and Kubernetes allows only `[-._a-zA-Z0-9]` in those keys, so a real
 * step can never carry such characters; a record that does is not the known step, and folding it
 * into that row would let it set the known step's status. It is shown as an unknown step instead,
 * with the characters made visible (`revealInvisible`), so it cannot pass for the known one.
 */
export function normaliseStepId(id: string): string {
  return LEGACY_STEP_IDS.get(id) ?? id;
}

// Characters that render as nothing (zero-width, soft hyphen, word joiner, BOM, variation
// selectors, tags), bidi controls and marks, control characters, and every space but U+0020.
// Each match is one code point; leading and trailing spaces are matched one by one.
const INVISIBLE = /(?! )[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Z}]|(?<=^ *) | (?= *$)/gu;

/**
 * Server text with its invisible characters written out as `<U+200B>`, so that two strings that
 * differ only by them never look the same, and a bidi control (U+202E) cannot reorder anything.
 * Also spells out leading and trailing spaces. For ids, not for prose (error texts keep theirs).
 */
export function revealInvisible(value: string): string {
  return value.replace(
    INVISIBLE,
    (char) => `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

export function findStepDefinition(id: string): CutoverStepDefinition | undefined {
  return CUTOVER_STEPS.find((step) => step.id === id);
}

export const STEP_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface CutoverStep {
  readonly id: string;
  readonly status: StepStatus;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly message?: string;
  readonly jobName?: string;
}

// ---------------------------------------------------------------------------------------------
// Errors

type ParseSubject = 'CutoverState' | 'CutoverStatus' | 'CutoverEvent';

const PREVIEW_MAX = 32;

/** How a rejected value is quoted: at most 32 characters, strings in double quotes. */
export function previewValue(value: unknown): string {
  if (typeof value === 'string') {
    return value.length + 2 <= PREVIEW_MAX ? `"${value}"` : `"${value.slice(0, PREVIEW_MAX - 3)}…"`;
  }
  if (value === null) return '<null>';
  if (Array.isArray(value)) return '<array>';
  return `<${typeof value}>`;
}

/**
 * A wire value the console refuses. `preview` is safe to quote on screen (≤ 32 characters); the
 * message keeps the reference console's format and stays under 80 characters.
 */
export class CutoverParseError extends Error {
  override readonly name = 'CutoverParseError';
  readonly subject: ParseSubject;
  readonly preview: string;

  constructor(subject: ParseSubject, preview: string, detail?: string) {
    super(`invalid ${subject}: ${detail ?? preview}`);
    this.subject = subject;
    this.preview = preview;
  }
}

// ---------------------------------------------------------------------------------------------
// State

const cutoverStateSchema = z.enum(['tethered', 'sovereign']).brand<'CutoverState'>();

/** `"tethered"` or `"sovereign"`, and only a value that went through the parser. */
export type CutoverState = z.infer<typeof cutoverStateSchema>;

export const TETHERED = cutoverStateSchema.parse('tethered');
export const SOVEREIGN = cutoverStateSchema.parse('sovereign');

export function isCutoverState(value: unknown): value is CutoverState {
  return cutoverStateSchema.safeParse(value).success;
}

export function parseCutoverState(value: unknown): CutoverState {
  const parsed = cutoverStateSchema.safeParse(value);
  if (!parsed.success) throw new CutoverParseError('CutoverState', previewValue(value));
  return parsed.data;
}

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

/** An RFC 3339 time as epoch ms; absent or unparsable → undefined (never NaN). */
export function parseInstant(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
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
