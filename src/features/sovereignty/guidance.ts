/**
 * What an operator needs beside each step of CUTOVER_STEPS: how the engine runs it (a Job, or a
 * wait on a DaemonSet), its default deadline (the chart's step timeout), what to check before a
 * retry, and where its logs are. Kept as data, next to the step list, so every known step id has
 * an entry (the type says so, and a test walks them). Pure, like cutover.ts: the card, the tests
 * and the docs table (docs/cutover-contract.md "Steps: deadlines and what to check") read it.
 */
import { CUTOVER_STEPS, type KnownStepId } from './cutover';

export type StepMode = 'job' | 'daemonset';

export interface StepGuidance {
  readonly mode: StepMode;
  /** The chart's default step timeout: the Job's deadline (docs/cutover-contract.md §6). */
  readonly deadlineMs: number;
  /** Said when the step nears its deadline: why that can be normal, if it can. */
  readonly whenSlow?: string;
  /** What to look at before pressing Retry cutover, in a sentence or two. */
  readonly checkFirst: string;
}

const MIN = 60_000;

/** How long the egress-block self-test keeps egress denied (docs/cutover-contract.md §6). */
export const EGRESS_HOLD_MS = 10 * MIN;

/**
 * The deadline of a step this console does not know (a newer chart): the engine's default Job
 * deadline, `CATALYST_CUTOVER_STEP_TIMEOUT` (docs/cutover-contract.md §8).
 */
export const UNKNOWN_STEP_DEADLINE_MS = 15 * MIN;

/** Where the cutover's Jobs, ConfigMaps and DaemonSet live unless config.json says otherwise. */
export const DEFAULT_CUTOVER_NAMESPACE = 'catalyst';

/** The status ConfigMap the engine writes (docs/cutover-contract.md §4). */
export const STATUS_CONFIGMAP = 'self-sovereign-cutover-status';

export const STEP_GUIDANCE: Readonly<Record<KnownStepId, StepGuidance>> = {
  'gitea-mirror': {
    mode: 'job',
    deadlineMs: 20 * MIN,
    whenSlow: 'a large GitOps repository takes a while to mirror',
    checkFirst:
      'The local Gitea is up and its volume has room, and the GitHub repository can still be read with the token the chart uses (not expired, not rate-limited).',
  },
  'harbor-projects': {
    mode: 'job',
    deadlineMs: 10 * MIN,
    checkFirst:
      'The Harbor API answers and its admin credentials Secret is current; a proxy project left half-made by an earlier try may need deleting in Harbor.',
  },
  'harbor-prewarm': {
    mode: 'job',
    deadlineMs: 30 * MIN,
    whenSlow: 'Pre-warm can take this long on a large Sovereign',
    checkFirst:
      'Upstream registry credentials and rate limits (toomanyrequests, unauthorized), image tags that no longer exist upstream (manifest unknown), and free space on Harbor’s storage.',
  },
  'registry-pivot': {
    mode: 'daemonset',
    deadlineMs: 10 * MIN,
    whenSlow: 'every node has to acknowledge the new registries.yaml',
    checkFirst:
      'Every node runs the registry-pivot DaemonSet’s pod and has acknowledged (node.<node>.registriesYaml: v2 in the status ConfigMap); a NotReady or cordoned node never does.',
  },
  'flux-gitrepository-patch': {
    mode: 'job',
    deadlineMs: 10 * MIN,
    checkFirst:
      'The local Gitea serves the mirrored repository and Flux’s source-controller can reach it (flux get sources git -A).',
  },
  'helmrepository-patches': {
    mode: 'job',
    deadlineMs: 10 * MIN,
    checkFirst:
      'The HelmRepositories exist and the local registry serves their charts (flux get sources helm -A).',
  },
  'catalyst-api-env-patch': {
    mode: 'job',
    deadlineMs: 10 * MIN,
    checkFirst:
      'The catalyst-api Deployment can roll out: its new Pod pulls its image and passes its probes.',
  },
  'egress-block-test': {
    mode: 'job',
    deadlineMs: 15 * MIN,
    whenSlow: 'the self-test holds egress blocked for 10 minutes by design',
    checkFirst:
      'Which Flux reconcile went red while egress was denied (flux get all -A --status-selector ready=false): something still pulls from github.com, ghcr.io or harbor.openova.io.',
  },
  'gitea-token-mint': {
    mode: 'job',
    deadlineMs: 10 * MIN,
    checkFirst: 'The local Gitea API answers and its admin credentials Secret is current.',
  },
  'vcluster-registry-pivot': {
    mode: 'job',
    deadlineMs: 10 * MIN,
    checkFirst:
      'Each vCluster is healthy, and its images and pull secrets can point at the local Harbor.',
  },
  'crossplane-provider-pivot': {
    mode: 'job',
    deadlineMs: 10 * MIN,
    checkFirst:
      'Crossplane providers become Healthy from the local package host (kubectl get providers.pkg.crossplane.io).',
  },
};

/**
 * Failures the engine names with no step row of their own (`failedStep`,
 * docs/cutover-contract.md §4): `secondary-kubeconfigs` fails before step 1; `registry-pivot` as
 * a failure whose step row is done is the end-of-run invariant `registriesYamlActive != v2`.
 */
export const STEPLESS_GUIDANCE: ReadonlyMap<string, string> = new Map([
  [
    'secondary-kubeconfigs',
    'The kubeconfig Secret named in the error (catalyst/kubeconfig-<region>) exists and holds a working kubeconfig for that region.',
  ],
  [
    'registry-pivot',
    'The registry pivot never reached v2 on every node: check each node’s acknowledgement (node.<node>.registriesYaml) in the status ConfigMap and the registry-pivot DaemonSet’s pods.',
  ],
]);

const GENERAL_CHECK =
  'The error text above, and the status ConfigMap, which holds the engine’s last error.';

export function stepGuidance(id: string): StepGuidance | undefined {
  return CUTOVER_STEPS.some((step) => step.id === id)
    ? STEP_GUIDANCE[id as KnownStepId]
    : undefined;
}

/** The step's default deadline; an unknown step gets the engine's default Job deadline. */
export function stepDeadlineMs(id: string): number {
  return stepGuidance(id)?.deadlineMs ?? UNKNOWN_STEP_DEADLINE_MS;
}

/** What to check before a retry, for a failed step or a step-less failure. */
export function checkBeforeRetry(id: string | undefined, stepless: boolean): string {
  if (id === undefined) return GENERAL_CHECK;
  if (stepless) return STEPLESS_GUIDANCE.get(id) ?? GENERAL_CHECK;
  return stepGuidance(id)?.checkFirst ?? GENERAL_CHECK;
}

export interface WorkloadCommands {
  /** `job/<name>` or `daemonset/<name>`. */
  readonly resource: string;
  readonly kind: 'Job' | 'DaemonSet';
  readonly logs: string;
  readonly describe: string;
}

/**
 * The two commands that show a step's workload: its logs and its events. The name is the
 * engine's `jobName` (a Job `cutover-<step>-<epoch>`, or the DaemonSet's name for registry-pivot).
 * Returns undefined for a name a shell could misread (anything but a Kubernetes object name), so
 * a hostile `jobName` is never handed to someone's terminal.
 */
export function workloadCommands(
  stepId: string,
  jobName: string | undefined,
  namespace: string,
): WorkloadCommands | undefined {
  if (jobName === undefined || !KUBERNETES_NAME.test(jobName)) return undefined;
  if (!KUBERNETES_NAME.test(namespace)) return undefined;
  const daemonset = stepGuidance(stepId)?.mode === 'daemonset';
  const resource = `${daemonset ? 'daemonset' : 'job'}/${jobName}`;
  return {
    resource,
    kind: daemonset ? 'DaemonSet' : 'Job',
    logs: `kubectl -n ${namespace} logs ${resource}`,
    describe: `kubectl -n ${namespace} describe ${resource}`,
  };
}

/** For failures without a Job: the engine's own record of the run. */
export function statusConfigMapCommand(namespace: string): string {
  return `kubectl -n ${namespace} get configmap ${STATUS_CONFIGMAP} -o yaml`;
}

/** A DNS-1123 subdomain, the shape of Job, DaemonSet and namespace names. */
export const KUBERNETES_NAME =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The chart values that make the cutover start by itself (docs/cutover-contract.md §11):
 * `trigger.auto`, and in newer charts also `trigger.fireCutoverOnHandover`, which defaults to off.
 * The upgrade re-runs the chart's post-install/post-upgrade hook, which starts the cutover.
 */
export function autoTriggerCommand(namespace: string): string {
  return `helm -n ${namespace} upgrade bp-self-sovereign-cutover <chart> --reuse-values --set trigger.auto=true --set trigger.fireCutoverOnHandover=true`;
}
