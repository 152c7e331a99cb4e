/**
 * The status ConfigMap the engine keeps (docs/cutover-contract.md §4, §8): its first-install seed,
 * and how `GET /status` reads it (§3). Plain functions over the flat `data` map; every value is a
 * string, exactly as the real engine writes it.
 */

export type StatusData = Record<string, string>;

const STEP_FIELDS = ['startedAt', 'finishedAt', 'result', 'jobName'] as const;

/** The chart's first-install seed (`09-cutover-status-configmap.yaml`). */
export function chartSeed(steps: readonly string[]): StatusData {
  const data: StatusData = {
    cutoverComplete: 'false',
    cutoverStartedAt: '',
    cutoverLastAttemptStartedAt: '',
    cutoverFinishedAt: '',
    currentStep: '',
    currentStepIndex: '0',
    totalSteps: String(steps.length),
    progressPercent: '0',
    failedStep: '',
    lastError: '',
    registriesYamlActive: 'v1',
  };
  for (const step of steps) {
    for (const field of STEP_FIELDS) data[`step.${step}.${field}`] = '';
  }
  return data;
}

/** Every step the map has a row for, sorted alphabetically as the real `/status` lists them. */
export function stepNamesIn(data: StatusData): string[] {
  const names = new Set<string>();
  for (const key of Object.keys(data)) {
    const match = /^step\.(.+)\.[A-Za-z]+$/.exec(key);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names].sort();
}

/**
 * A `/status` body for these steps, empty fields omitted. `blankResults`: every step `result: ""`
 * with no times, as in the answer to a start (a re-read taken before the engine did anything).
 */
export function statusResponse(
  data: StatusData,
  stepNames: readonly string[],
  blankResults = false,
): Record<string, unknown> {
  const d = data;
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

/**
 * The start handler's answer: a re-read taken before the engine has done anything, in practice
 * every step `result: ""`, in chart order. Consoles must not regress on it.
 */
export function startAnswerBody(
  data: StatusData,
  steps: readonly string[],
): Record<string, unknown> {
  return { ...statusResponse(data, steps, true), totalSteps: steps.length };
}

// -- what a run writes -------------------------------------------------------------------------------

/** A run begins: a new attempt; the first attempt's start stays. */
export function writeRunStarted(data: StatusData, steps: readonly string[], now: string): void {
  Object.assign(data, {
    cutoverComplete: 'false',
    failedStep: '',
    lastError: '',
    totalSteps: String(steps.length),
    cutoverLastAttemptStartedAt: now,
  });
  if (!data.cutoverStartedAt) data.cutoverStartedAt = now;
}

/** Step `index` is running, started at `startedAt` under `jobName`. */
export function writeStepRunning(
  data: StatusData,
  steps: readonly string[],
  index: number,
  startedAt: string,
  jobName: string,
): void {
  const step = steps[index] ?? '';
  Object.assign(data, {
    currentStep: step,
    currentStepIndex: String(index),
    progressPercent: String(Math.floor((100 * index) / steps.length)),
    [`step.${step}.result`]: 'running',
    [`step.${step}.startedAt`]: startedAt,
    [`step.${step}.finishedAt`]: '',
    [`step.${step}.jobName`]: jobName,
  });
}

export function writeStepSucceeded(data: StatusData, step: string, now: string): void {
  Object.assign(data, { [`step.${step}.result`]: 'success', [`step.${step}.finishedAt`]: now });
  // Pre-warm done: the nodes' registries.yaml points at the Sovereign's own Harbor.
  if (step === 'harbor-prewarm') data.registriesYamlActive = 'v2';
}

/** The run halts at `failedStep`; `stepRow`, when there is one, is marked failed. */
export function writeRunFailed(
  data: StatusData,
  failedStep: string,
  error: string,
  stepRow: string | undefined,
  now: string,
): void {
  Object.assign(data, { currentStep: '', failedStep, lastError: error });
  if (stepRow !== undefined) {
    Object.assign(data, {
      [`step.${stepRow}.result`]: 'failed',
      [`step.${stepRow}.finishedAt`]: now,
    });
  }
}

export function writeRunCompleted(data: StatusData, steps: readonly string[], now: string): void {
  Object.assign(data, {
    cutoverComplete: 'true',
    cutoverFinishedAt: now,
    currentStep: '',
    currentStepIndex: String(steps.length),
    progressPercent: '100',
  });
}

/** A restarted process resets the rows its dead run left `running`. */
export function clearRunningRows(data: StatusData, steps: readonly string[]): void {
  for (const step of steps) {
    if (data[`step.${step}.result`] !== 'running') continue;
    for (const field of STEP_FIELDS) data[`step.${step}.${field}`] = '';
  }
  data.currentStep = '';
}
