import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCutoverStatus, parseStatusConfigMap } from '../src/features/sovereignty/cutover';
import { CHART_STEP_ORDER, CutoverEngine } from './engine';
import type { EngineEvent } from './engine-events';
import { Simulator } from './simulator';

afterEach(() => {
  vi.useRealTimers();
});

function fakeTime() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(Date.parse('2026-11-26T10:00:00Z'));
}

describe('simulated cutover engine', () => {
  it('serves the chart seed like the real /status: alphabetical steps, every result ""', () => {
    const status = new CutoverEngine().statusResponse();
    expect(status).toMatchObject({
      state: 'tethered',
      cutoverComplete: false,
      totalSteps: 11,
      progressPercent: 0,
    });
    const names = (status.steps as { name: string; result: string }[]).map((step) => step.name);
    expect(names).toEqual([...CHART_STEP_ORDER].sort());
    expect(status).not.toHaveProperty('failedStep');
  });

  it('runs every step in chart order to sovereign, publishing the phases of docs/cutover-contract.md §7', () => {
    fakeTime();
    const engine = new CutoverEngine({ stepMs: 1_000 });
    const events: EngineEvent[] = [];
    engine.subscribe((event) => events.push(event));
    const started = engine.start('internal');
    expect(started.status).toBe(200);
    // The real start answer lists every step pending, in chart order.
    expect(
      (started.body as { steps: { name: string; result: string }[] }).steps.map((s) => s.result),
    ).toEqual(Array(11).fill(''));
    expect(engine.start('operator').status).toBe(409);
    vi.advanceTimersByTime(60_000);
    expect(engine.isComplete).toBe(true);
    expect(parseCutoverStatus(engine.statusResponse()).state).toBe('sovereign');
    expect(parseStatusConfigMap(JSON.parse(engine.snapshotMessage())).state).toBe('sovereign');
    const startedSteps = events
      .filter((e) => e.phase === 'cutover-step-started')
      .map((e) => e.step);
    expect(startedSteps).toEqual([...CHART_STEP_ORDER]);
    expect(events[0]?.phase).toBe('cutover-started');
    expect(events.at(-1)?.phase).toBe('cutover-completed');
    expect(engine.start('operator')).toMatchObject({ status: 200 });
    expect(engine.replay().at(-1)?.phase).toBe('cutover-already-complete');
  });

  it('answers 424 no-steps-found when the chart brought no steps', () => {
    expect(new CutoverEngine({ steps: [] }).start('operator')).toMatchObject({
      status: 424,
      body: { error: 'no-steps-found' },
    });
  });

  it('halts on a planned failure; an operator retry re-runs the failed step and finishes', () => {
    fakeTime();
    const engine = new CutoverEngine({
      stepMs: 1_000,
      failures: [{ step: 'harbor-prewarm', error: 'boom' }],
    });
    engine.start('internal');
    vi.advanceTimersByTime(60_000);
    const failed = parseCutoverStatus(engine.statusResponse());
    expect(failed).toMatchObject({ failedStep: 'harbor-prewarm', lastError: 'boom' });
    expect(failed.steps.find((s) => s.id === 'harbor-prewarm')).toMatchObject({
      status: 'failed',
      message: 'boom',
    });
    expect(engine.isRunning).toBe(false);
    // Unattended paths never re-run a genuine failure.
    engine.start('internal');
    vi.advanceTimersByTime(60_000);
    expect(engine.isComplete).toBe(false);
    engine.start('operator');
    vi.advanceTimersByTime(60_000);
    expect(engine.isComplete).toBe(true);
    expect(engine.data.failedStep).toBe('');
  });

  it('keeps at most 256 events for replay, dropping the oldest', () => {
    const done = new CutoverEngine();
    done.seedHistory({ done: 11, complete: true });
    for (let i = 0; i < 300; i += 1) done.start('operator');
    expect(done.replay()).toHaveLength(256);
  });

  it('fires the auto-trigger by itself in fresh-install, and never in waiting', () => {
    fakeTime();
    const fresh = new Simulator({
      scenario: 'fresh-install',
      stepMs: 1_000,
      autoTriggerDelayMs: 1_500,
    });
    const waiting = new Simulator({ scenario: 'waiting', stepMs: 1_000 });
    vi.advanceTimersByTime(2_000);
    expect(fresh.engine.isRunning).toBe(true);
    expect(waiting.engine.isRunning).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(fresh.engine.isComplete).toBe(true);
    fresh.dispose();
    waiting.dispose();
  });

  it('shapes answers per scenario: legacy omits state, hostile sends pending, flaky drops every third', () => {
    expect(new Simulator({ scenario: 'legacy-no-state' }).statusBody()).not.toHaveProperty('state');
    expect(new Simulator({ scenario: 'hostile-state' }).statusBody()).toMatchObject({
      state: 'pending',
    });
    const flaky = new Simulator({ scenario: 'flaky' });
    const kinds = [1, 2, 3, 4, 5, 6].map(
      () => flaky.handle({ method: 'GET', path: '/v1/sovereign/cutover/status' }).kind,
    );
    expect(kinds).toEqual(['json', 'json', 'network-error', 'json', 'json', 'network-error']);
  });

  it('retried-run: the replay still holds attempt 1 (its start and its failure) before the retry', () => {
    fakeTime();
    const sim = new Simulator({ scenario: 'retried-run', stepMs: 600_000 });
    const replay = sim.engine.replay();
    const starts = replay.filter((event) => event.phase === 'cutover-started');
    expect(starts).toHaveLength(2);
    const failure = replay.find((event) => event.phase === 'cutover-step-failed');
    expect(failure).toMatchObject({ step: 'harbor-prewarm' });
    expect(Date.parse(failure?.time ?? '')).toBeLessThan(Date.parse(starts[1]?.time ?? ''));
    const status = parseCutoverStatus(sim.statusBody());
    expect(Date.parse(status.startedAt ?? '')).toBeLessThan(
      Date.parse(status.lastAttemptStartedAt ?? ''),
    );
    sim.dispose();
  });

  it('api-restart: halfway through pre-warm the process restarts: streams end, the running step resets, a newer attempt runs to Sovereign', () => {
    fakeTime();
    const sim = new Simulator({ scenario: 'api-restart', stepMs: 1_000 });
    let drops = 0;
    sim.onStreamDrop(() => {
      drops += 1;
    });
    const before = parseCutoverStatus(sim.statusBody());
    expect(before.steps.find((step) => step.id === 'harbor-prewarm')?.status).toBe('running');
    vi.advanceTimersByTime(0);
    vi.advanceTimersByTime(500);
    expect(drops).toBe(1);
    const after = parseCutoverStatus(sim.statusBody());
    expect(Date.parse(after.lastAttemptStartedAt ?? '')).toBeGreaterThan(
      Date.parse(before.lastAttemptStartedAt ?? ''),
    );
    expect(after.startedAt).toBe(before.startedAt);
    const prewarm = after.steps.find((step) => step.id === 'harbor-prewarm');
    expect(prewarm?.status).toBe('running');
    expect(Date.parse(prewarm?.startedAt ?? '')).toBeGreaterThan(
      Date.parse(before.steps.find((step) => step.id === 'harbor-prewarm')?.startedAt ?? ''),
    );
    // The new process's replay buffer starts with the new run.
    expect(sim.engine.replay()[0]?.phase).toBe('cutover-started');
    vi.advanceTimersByTime(60_000);
    expect(sim.engine.isComplete).toBe(true);
    expect(drops).toBe(1);
    sim.dispose();
  });
});

describe('jobName in every door (docs/cutover-contract.md §4, §7)', () => {
  const JOB = /^cutover-[a-z-]+-\d+$/;
  const expectWorkload = (step: string, jobName: string | undefined) => {
    if (step === 'registry-pivot') expect(jobName).toBe('cutover-registry-pivot');
    else expect(jobName).toMatch(JOB);
  };

  it('a live run: every started frame, the status and the snapshot name each step’s Job', () => {
    fakeTime();
    const engine = new CutoverEngine({ stepMs: 1_000 });
    const events: EngineEvent[] = [];
    engine.subscribe((event) => events.push(event));
    engine.start('internal');
    vi.advanceTimersByTime(20_000);
    const started = events.filter((event) => event.phase === 'cutover-step-started');
    expect(started.map((event) => event.step)).toEqual([...CHART_STEP_ORDER]);
    for (const event of started) expectWorkload(event.step!, event.jobName);
    expect(started.find((e) => e.step === 'registry-pivot')?.message).toContain('daemonset-wait');
    const status = parseCutoverStatus(engine.statusResponse());
    expect(status.steps).toHaveLength(11);
    for (const step of status.steps) expectWorkload(step.id, step.jobName);
    const snapshot = parseStatusConfigMap(JSON.parse(engine.snapshotMessage()));
    expect(snapshot.steps.map((step) => step.jobName)).toEqual(status.steps.map((s) => s.jobName));
  });

  it.each(['sovereign', 'mid-run', 'failed', 'retried-run', 'settled-overrides'] as const)(
    'seeded history (%s): every started step has its Job, in the status and in the replayed frames',
    (scenario) => {
      fakeTime();
      const sim = new Simulator({ scenario, autoTrigger: false });
      const status = parseCutoverStatus(sim.statusBody());
      const started = status.steps.filter((step) => step.status !== 'pending');
      expect(started.length).toBeGreaterThan(0);
      for (const step of started) expectWorkload(step.id, step.jobName);
      const replayed = sim.engine.replay().filter((e) => e.phase === 'cutover-step-started');
      expect(replayed.length).toBeGreaterThan(0);
      for (const event of replayed) expectWorkload(event.step!, event.jobName);
      sim.dispose();
    },
  );

  it('seeded runs take each step’s typical time: pre-warm 16 min 20 s, not a flat minute', () => {
    fakeTime();
    const sim = new Simulator({ scenario: 'sovereign' });
    const prewarm = parseCutoverStatus(sim.statusBody()).steps.find(
      (s) => s.id === 'harbor-prewarm',
    );
    expect(Date.parse(prewarm!.finishedAt!) - Date.parse(prewarm!.startedAt!)).toBe(
      16 * 60_000 + 20_000,
    );
    sim.dispose();
  });

  it('settled-overrides: Sovereign, two HelmReleases left out of the roll, top-level and in raw', () => {
    fakeTime();
    const sim = new Simulator({ scenario: 'settled-overrides' });
    const body = sim.statusBody();
    expect(body).toMatchObject({ state: 'sovereign' });
    const status = parseCutoverStatus(body);
    expect(status.settledRollOverrides?.split('\n')).toEqual([
      'delta-corp/bp-keycloak=upgrade held: realm import still running after the settle window',
      'acme-sre/bp-grafana=pinned by the operator: dashboard plugin pulled from grafana.com',
    ]);
    // Recorded 12 minutes before the run finished, an hour ago.
    expect(status.settledRollOverridesAt).toBe('2026-11-26T08:48:00Z');
    expect((body.raw as Record<string, string>).settledRollOverrides).toBe(
      status.settledRollOverrides,
    );
    sim.dispose();
  });
});
