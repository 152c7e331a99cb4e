import { describe, expect, it } from 'vitest';
import { CUTOVER_STEPS } from './cutover';
import {
  KUBERNETES_NAME,
  STEP_GUIDANCE,
  STEPLESS_GUIDANCE,
  autoTriggerCommand,
  checkBeforeRetry,
  stepDeadlineMs,
  statusConfigMapCommand,
  workloadCommands,
} from './guidance';

const MIN = 60_000;

describe('the guidance table beside CUTOVER_STEPS', () => {
  it('covers every known step id, and nothing else', () => {
    expect(Object.keys(STEP_GUIDANCE).sort()).toEqual(CUTOVER_STEPS.map((s) => s.id).sort());
  });

  it.each(CUTOVER_STEPS.map((step) => step.id))('%s: a deadline and a specific check', (id) => {
    const guidance = STEP_GUIDANCE[id];
    expect(guidance.deadlineMs).toBeGreaterThanOrEqual(10 * MIN);
    expect(guidance.checkFirst.length).toBeGreaterThan(40);
    expect(checkBeforeRetry(id, false)).toBe(guidance.checkFirst);
  });

  it('uses the chart’s step timeouts of docs/cutover-contract.md §6', () => {
    expect(
      Object.fromEntries(CUTOVER_STEPS.map((s) => [s.id, stepDeadlineMs(s.id) / MIN])),
    ).toEqual({
      'gitea-mirror': 20,
      'harbor-projects': 10,
      'harbor-prewarm': 30,
      'registry-pivot': 10,
      'flux-gitrepository-patch': 10,
      'helmrepository-patches': 10,
      'catalyst-api-env-patch': 10,
      'egress-block-test': 15,
      'gitea-token-mint': 10,
      'vcluster-registry-pivot': 10,
      'crossplane-provider-pivot': 10,
    });
    expect(stepDeadlineMs('smtp-relay-pivot')).toBe(15 * MIN);
  });

  it('runs each step as the docs table says (a Job, or a DaemonSet for registry-pivot), with a reason near its deadline where it has one', () => {
    // docs/cutover-contract.md, "Steps: deadlines and what to check"
    expect(Object.fromEntries(CUTOVER_STEPS.map((s) => [s.id, STEP_GUIDANCE[s.id].mode]))).toEqual({
      'gitea-mirror': 'job',
      'harbor-projects': 'job',
      'harbor-prewarm': 'job',
      'registry-pivot': 'daemonset',
      'flux-gitrepository-patch': 'job',
      'helmrepository-patches': 'job',
      'catalyst-api-env-patch': 'job',
      'egress-block-test': 'job',
      'gitea-token-mint': 'job',
      'vcluster-registry-pivot': 'job',
      'crossplane-provider-pivot': 'job',
    });
    const reasons = Object.fromEntries(
      CUTOVER_STEPS.flatMap((s) => {
        const reason = STEP_GUIDANCE[s.id].whenSlow;
        return reason === undefined ? [] : [[s.id, reason]];
      }),
    );
    expect(Object.keys(reasons)).toEqual([
      'gitea-mirror',
      'harbor-prewarm',
      'registry-pivot',
      'egress-block-test',
    ]);
    expect(reasons['gitea-mirror']).toMatch(/large GitOps repository/);
    expect(reasons['harbor-prewarm']).toMatch(/large Sovereign/);
    expect(reasons['registry-pivot']).toMatch(/every node has to acknowledge/);
    expect(reasons['egress-block-test']).toMatch(/10 minutes by design/);
  });

  it('says what the issue asks: registry credentials and rate limits for pre-warm', () => {
    expect(checkBeforeRetry('harbor-prewarm', false)).toMatch(/credentials and rate limits/);
  });

  it('covers the step-less failures: the named Secret, the pivot invariant', () => {
    expect([...STEPLESS_GUIDANCE.keys()].sort()).toEqual([
      'registry-pivot',
      'secondary-kubeconfigs',
    ]);
    expect(checkBeforeRetry('secondary-kubeconfigs', true)).toMatch(/kubeconfig Secret named in/);
    // registry-pivot as a step-less failure is the invariant, not the step's own check.
    expect(checkBeforeRetry('registry-pivot', true)).toMatch(/never reached v2/);
    expect(checkBeforeRetry('registry-pivot', false)).toBe(
      STEP_GUIDANCE['registry-pivot'].checkFirst,
    );
  });

  it('falls back to the error and the status ConfigMap for anything else', () => {
    const general = checkBeforeRetry(undefined, true);
    expect(general).toMatch(/status ConfigMap/);
    expect(checkBeforeRetry('smtp-relay-pivot', false)).toBe(general);
    expect(checkBeforeRetry('seal-write', true)).toBe(general);
  });
});

describe('commands an operator pastes', () => {
  it('a Job step: logs and describe in the namespace', () => {
    expect(
      workloadCommands('harbor-prewarm', 'cutover-harbor-prewarm-1777888800', 'catalyst'),
    ).toEqual({
      resource: 'job/cutover-harbor-prewarm-1777888800',
      kind: 'Job',
      logs: 'kubectl -n catalyst logs job/cutover-harbor-prewarm-1777888800',
      describe: 'kubectl -n catalyst describe job/cutover-harbor-prewarm-1777888800',
    });
  });

  it('registry-pivot waits on a DaemonSet', () => {
    expect(
      workloadCommands('registry-pivot', 'cutover-registry-pivot', 'cutover-ns'),
    ).toMatchObject({
      kind: 'DaemonSet',
      logs: 'kubectl -n cutover-ns logs daemonset/cutover-registry-pivot',
      describe: 'kubectl -n cutover-ns describe daemonset/cutover-registry-pivot',
    });
  });

  it.each([
    ['no name yet', undefined, 'catalyst'],
    ['a shell metacharacter', 'job; rm -rf /', 'catalyst'],
    ['command substitution', '$(curl evil)', 'catalyst'],
    ['upper case', 'Cutover-X', 'catalyst'],
    ['an invisible character', 'cutover\u200b-x', 'catalyst'],
    ['a bad namespace', 'cutover-x', 'catalyst; id'],
  ])('offers no command for %s', (_what, jobName, namespace) => {
    expect(workloadCommands('gitea-mirror', jobName, namespace)).toBeUndefined();
  });

  it('accepts names Kubernetes accepts', () => {
    expect(KUBERNETES_NAME.test('cutover-gitea-mirror-1777888800')).toBe(true);
    expect(KUBERNETES_NAME.test('a.b-c')).toBe(true);
    expect(KUBERNETES_NAME.test('-a')).toBe(false);
    expect(KUBERNETES_NAME.test('a'.repeat(254))).toBe(false);
    expect(KUBERNETES_NAME.test('a')).toBe(true);
    expect(KUBERNETES_NAME.test('a'.repeat(253))).toBe(true);
    expect(KUBERNETES_NAME.test('9.0')).toBe(true);
    for (const name of ['a-', 'a.', '.a', 'a..b', 'a.-b', 'a_b', 'a.B', '']) {
      expect(KUBERNETES_NAME.test(name), name).toBe(false);
    }
  });

  it('the status ConfigMap and the auto-trigger upgrade, in the namespace', () => {
    expect(statusConfigMapCommand('catalyst')).toBe(
      'kubectl -n catalyst get configmap self-sovereign-cutover-status -o yaml',
    );
    expect(autoTriggerCommand('catalyst')).toBe(
      'helm -n catalyst upgrade bp-self-sovereign-cutover <chart> --reuse-values --set trigger.auto=true --set trigger.fireCutoverOnHandover=true',
    );
  });
});
