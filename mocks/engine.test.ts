import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCutoverStatus, parseStatusConfigMap } from '../src/features/sovereignty/cutover';
import { CHART_STEP_ORDER, CutoverEngine, type CutoverEvent } from './engine';
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

  it('runs every step in chart order to sovereign, publishing the phases of CUTOVER-API.md §7', () => {
    fakeTime();
    const engine = new CutoverEngine({ stepMs: 1_000 });
    const events: CutoverEvent[] = [];
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
