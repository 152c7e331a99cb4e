/**
 * The cutover's steps: the 11 the chart runs, in its order and with its labels
 * (docs/cutover-contract.md §6), the legacy ids, and how an id from the wire is read.
 * Pure: no imports at all.
 */

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
