/**
 * The bp-self-sovereign-cutover chart's steps as the simulated engine runs them: their order, how
 * long each takes on a real Sovereign, and the workload each one names.
 */

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

/** The `cutover-step-started` message, naming the kind of workload the step waits on. */
export function startedMessage(step: string): string {
  return `step ${step} started (${step in DAEMONSET_STEPS ? 'daemonset-wait' : 'job'})`;
}
