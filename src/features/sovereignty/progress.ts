/**
 * What the card makes of a parsed status: the display phase (docs/console-rules.md "Display
 * states"), the step rows in display order (docs/console-rules.md, rule 5) and the progress
 * count. Pure, like cutover.ts.
 */
import {
  CUTOVER_STEPS,
  DEFAULT_TOTAL_STEPS,
  SOVEREIGN,
  findStepDefinition,
  mergeDuplicateSteps,
  parseInstant,
  revealInvisible,
  type CutoverStatus,
  type CutoverStep,
  type StepStatus,
} from './cutover';

export type CutoverPhase = 'waiting' | 'cutting-over' | 'failed' | 'sovereign';

export function cutoverPhase(status: CutoverStatus): CutoverPhase {
  if (status.state === SOVEREIGN) return 'sovereign';
  const has = (wanted: StepStatus) => status.steps.some((step) => step.status === wanted);
  if (has('running')) return 'cutting-over';
  if (status.failedStep !== undefined || status.lastError !== undefined || has('failed')) {
    return 'failed';
  }
  if (has('done')) return 'cutting-over';
  return 'waiting';
}

export interface StepRow extends CutoverStep {
  readonly label: string;
  readonly description?: string;
  /** False for ids this console does not know yet (a newer chart): shown, humanised. */
  readonly known: boolean;
}

/**
 * `vcluster-registry-pivot` → `Vcluster registry pivot`, for step ids we have no label for.
 * Invisible characters are spelled out (`gitea\u200b-mirror` → `Gitea<U+200B> mirror`), so an id
 * that differs from another only by them never reads the same.
 */
export function humaniseId(id: string): string {
  const words = revealInvisible(id)
    .replace(/[-_.]+/g, ' ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Failures the engine reports under a name that has no step row (`failedStep`): the console names
// them in its own words, like the steps.
const PSEUDO_STEP_LABELS: ReadonlyMap<string, string> = new Map([
  ['secondary-kubeconfigs', 'Secondary kubeconfigs'],
]);

/**
 * The console's own label for a step or pseudo-step id, or undefined for an id it does not know
 * (whose label is then made from server text and must be shown isolated).
 */
export function knownStepLabel(id: string): string | undefined {
  return findStepDefinition(id)?.label ?? PSEUDO_STEP_LABELS.get(id);
}

/**
 * Every known step (padded as pending when the API has no row for it) plus any unknown ids, in
 * display order: started steps by start time, then the rest in canonical order, then unknown ids.
 * Steps are matched by id, never by position.
 */
export function stepRows(status: CutoverStatus): StepRow[] {
  // The parser already merged duplicates; a status put together elsewhere may not have.
  const steps = mergeDuplicateSteps(status.steps);
  const byId = new Map(steps.map((step) => [step.id, step]));
  const known: StepRow[] = CUTOVER_STEPS.map((definition) => ({
    ...(byId.get(definition.id) ?? { id: definition.id, status: 'pending' as const }),
    label: definition.label,
    description: definition.description,
    known: true,
  }));
  const unknown: StepRow[] = steps
    .filter((step) => findStepDefinition(step.id) === undefined)
    .map((step) => ({ ...step, label: humaniseId(step.id), known: false }));
  // The sort is stable: rows that tie keep this order, the canonical one, then the unknown ids.
  return [...known, ...unknown].sort((a, b) => {
    const startA = parseInstant(a.startedAt);
    const startB = parseInstant(b.startedAt);
    if (startA !== undefined && startB !== undefined) return startA - startB;
    if (startA !== undefined) return -1;
    if (startB !== undefined) return 1;
    return 0;
  });
}

export interface CutoverProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * "Step k of N", where k can never exceed N. k = distinct step ids that are done. N = `totalSteps`
 * from the API, else 11, but never fewer than the distinct step ids the API listed: a list longer
 * than its own count (a chart that grew while the ConfigMap kept the old `totalSteps`) means more
 * steps, not "13 of 11". Since every done id is a listed id, k ≤ N follows. The rows the console
 * pads in for steps the API did not list do not raise N: an 8-step chart stays "k of 8".
 */
export function cutoverProgress(status: CutoverStatus): CutoverProgress {
  const steps = mergeDuplicateSteps(status.steps);
  return {
    done: steps.filter((step) => step.status === 'done').length,
    total: Math.max(status.totalSteps ?? DEFAULT_TOTAL_STEPS, steps.length),
  };
}

export interface CutoverFailure {
  /** The failed step's row id, or the pseudo-step (`secondary-kubeconfigs`) the API named. */
  readonly stepId?: string;
  readonly stepLabel?: string;
  /** True when no step row carries the failure (a failure before step 1, an invariant). */
  readonly stepless: boolean;
  readonly message?: string;
}

export function cutoverFailure(status: CutoverStatus): CutoverFailure {
  // `failedStep` names the failure of the latest run; an older failed row (a retried run) is only
  // blamed when the API names no step at all.
  const failedRow =
    status.failedStep === undefined
      ? status.steps.find((step) => step.status === 'failed')
      : status.steps.find((step) => step.status === 'failed' && step.id === status.failedStep);
  const stepId = failedRow?.id ?? status.failedStep;
  const message = failedRow?.message ?? status.lastError;
  const failure: { -readonly [K in keyof CutoverFailure]: CutoverFailure[K] } = {
    stepless: failedRow === undefined,
  };
  if (stepId !== undefined) {
    failure.stepId = stepId;
    failure.stepLabel = knownStepLabel(stepId) ?? humaniseId(stepId);
  }
  if (message !== undefined) failure.message = message;
  return failure;
}
