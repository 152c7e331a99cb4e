/**
 * What the card makes of a parsed status: the display phase (DESIGN.md "Decide the state in this
 * order"), the step rows in display order (rule 5) and the progress count. Pure, like cutover.ts.
 */
import {
  CUTOVER_STEPS,
  DEFAULT_TOTAL_STEPS,
  SOVEREIGN,
  findStepDefinition,
  parseInstant,
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

/** `vcluster-registry-pivot` → `Vcluster registry pivot`, for step ids we have no label for. */
export function humaniseId(id: string): string {
  const words = id.replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Every known step (padded as pending when the API has no row for it) plus any unknown ids, in
 * display order: started steps by start time, then the rest in canonical order, then unknown ids.
 * Steps are matched by id, never by position.
 */
export function stepRows(status: CutoverStatus): StepRow[] {
  const byId = new Map(status.steps.map((step) => [step.id, step]));
  const canonicalIndex = new Map<string, number>(
    CUTOVER_STEPS.map((step, index) => [step.id, index]),
  );
  const known: StepRow[] = CUTOVER_STEPS.map((definition) => ({
    ...(byId.get(definition.id) ?? { id: definition.id, status: 'pending' as const }),
    label: definition.label,
    description: definition.description,
    known: true,
  }));
  const unknown: StepRow[] = status.steps
    .filter((step) => findStepDefinition(step.id) === undefined)
    .map((step) => ({ ...step, label: humaniseId(step.id), known: false }));
  const rank = (row: StepRow) => canonicalIndex.get(row.id) ?? CUTOVER_STEPS.length;
  return [...known, ...unknown].sort((a, b) => {
    const startA = parseInstant(a.startedAt);
    const startB = parseInstant(b.startedAt);
    if (startA !== undefined && startB !== undefined) return startA - startB || rank(a) - rank(b);
    if (startA !== undefined) return -1;
    if (startB !== undefined) return 1;
    return rank(a) - rank(b);
  });
}

export interface CutoverProgress {
  readonly done: number;
  readonly total: number;
}

/** "Step k of N": k = steps done, N = `totalSteps` from the API, else 11. */
export function cutoverProgress(status: CutoverStatus): CutoverProgress {
  return {
    done: status.steps.filter((step) => step.status === 'done').length,
    total: status.totalSteps ?? DEFAULT_TOTAL_STEPS,
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
    failure.stepLabel = findStepDefinition(stepId)?.label ?? humaniseId(stepId);
  }
  if (message !== undefined) failure.message = message;
  return failure;
}
