import { describe, expect, it } from 'vitest';
import { parseCutoverStatus } from '../cutover';
import {
  BACKOFF,
  POLL,
  backoffDelay,
  failureDelay,
  planPoll,
  pollDelay,
  recheckOnReturn,
  wantsStream,
  type PollPlanInput,
} from './poll-policy';
import type { StatusProblemKind } from './status-problem';

const waiting = () => parseCutoverStatus({ state: 'tethered', steps: [] });
const cuttingOver = () =>
  parseCutoverStatus({ state: 'tethered', steps: [{ name: 'gitea-mirror', result: 'running' }] });
const failed = () =>
  parseCutoverStatus({ state: 'tethered', failedStep: 'gitea-mirror', lastError: 'boom' });
const sovereign = () => parseCutoverStatus({ state: 'sovereign', steps: [] });

describe('back-off (docs/reliability.md "The request budget")', () => {
  it.each([
    // failures, random, delay
    [1, 0.5, 5_000],
    [2, 0.5, 10_000],
    [3, 0.5, 20_000],
    [4, 0.5, 40_000],
    [5, 0.5, 75_000],
    [50, 0.5, 75_000],
    [0, 0.5, 5_000],
    [1, 0, 4_000],
    [1, 1, 6_000],
    [4, 0, 32_000],
    [4, 1, 48_000],
    [5, 0, 60_000],
    [5, 1, 90_000],
    [9, 0.25, 67_500],
  ])('after %i failures with draw %f: %i ms', (failures, random, delay) => {
    expect(backoffDelay(failures, random)).toBe(delay);
  });

  it('a Retry-After longer than the back-off wins, up to 15 minutes', () => {
    expect(failureDelay(1, 0.5, undefined)).toBe(5_000);
    expect(failureDelay(1, 0.5, 120_000)).toBe(120_000);
    expect(failureDelay(5, 0.5, 30_000)).toBe(75_000);
    expect(failureDelay(1, 0.5, 0)).toBe(5_000);
    expect(failureDelay(1, 0.5, 3 * 60 * 60_000)).toBe(BACKOFF.retryAfterMaxMs);
    expect(BACKOFF.retryAfterMaxMs).toBe(15 * 60_000);
  });
});

describe('polling cadence', () => {
  it.each([
    ['waiting, no stream', waiting, false, POLL.idleMs],
    ['failed, no stream', failed, false, POLL.idleMs],
    ['cutting over, no stream', cuttingOver, false, POLL.cuttingOverMs],
    ['waiting, live stream', waiting, true, POLL.withStreamMs],
    ['cutting over, live stream', cuttingOver, true, POLL.withStreamMs],
    ['sovereign', sovereign, false, false],
    ['sovereign, live stream', sovereign, true, false],
  ] as const)('%s: %s', (_name, data, streamLive, delay) => {
    expect(pollDelay({ data: data(), problem: undefined, streamLive })).toBe(delay);
  });

  it('a stream that keeps failing slows polls to the ceiling, unless sovereign or live', () => {
    for (const data of [waiting, cuttingOver, failed]) {
      expect(
        pollDelay({ data: data(), problem: undefined, streamLive: false, streamBroken: true }),
      ).toBe('ceiling');
    }
    expect(
      pollDelay({ data: sovereign(), problem: undefined, streamLive: false, streamBroken: true }),
    ).toBe(false);
    expect(
      pollDelay({ data: waiting(), problem: undefined, streamLive: true, streamBroken: true }),
    ).toBe(POLL.withStreamMs);
  });

  it('asks at once when there is nothing yet', () => {
    expect(pollDelay({ data: undefined, problem: undefined, streamLive: false })).toBe(0);
  });

  it('the cadence values', () => {
    expect(POLL).toEqual({ cuttingOverMs: 2_000, idleMs: 15_000, withStreamMs: 60_000 });
  });

  it.each<[StatusProblemKind, ReturnType<typeof pollDelay>]>([
    ['unavailable', 'backoff'],
    ['invalid', 'backoff'],
    ['not-installed', 'ceiling'],
    ['signed-out', false],
    ['forbidden', false],
  ])('a %s answer: %s, with or without cached data', (problem, expected) => {
    for (const data of [undefined, waiting(), cuttingOver(), sovereign()]) {
      expect(pollDelay({ data, problem, streamLive: false })).toBe(expected);
      expect(pollDelay({ data, problem, streamLive: true })).toBe(expected);
    }
  });
});

describe('when the stream is worth holding open', () => {
  it.each([
    ['nothing yet', undefined, undefined, false],
    ['waiting', waiting, undefined, true],
    ['cutting over', cuttingOver, undefined, true],
    ['failed (a retry may start)', failed, undefined, true],
    ['sovereign', sovereign, undefined, false],
    ['cutting over, /status failing', cuttingOver, 'unavailable', false],
    ['cutting over, signed out', cuttingOver, 'signed-out', false],
    ['waiting, invalid answer', waiting, 'invalid', false],
  ] as const)('%s: %s', (_name, data, problem, expected) => {
    expect(wantsStream(data?.(), problem)).toBe(expected);
  });
});

describe('planPoll: when the next /status request is due', () => {
  const NOW = 1_000_000;
  const plan = (overrides: Partial<PollPlanInput>) =>
    planPoll({
      data: waiting(),
      problem: undefined,
      streamLive: false,
      mode: 'news',
      planned: undefined,
      now: NOW,
      newsAt: NOW,
      backoffLevel: 0,
      draw: () => 0.5,
      retryAfterMs: undefined,
      ...overrides,
    });

  it('nothing to plan for a Sovereign or a signed-out card', () => {
    expect(plan({ data: sovereign() })).toBe('none');
    expect(plan({ problem: 'signed-out', planned: NOW + 5 })).toBe('none');
  });

  it('with nothing on screen: now', () => {
    expect(plan({ data: undefined, newsAt: 0 })).toBe(NOW);
  });

  it('a cadence counts from the latest news, never before now', () => {
    expect(plan({ newsAt: NOW - 10_000 })).toBe(NOW - 10_000 + POLL.idleMs);
    expect(plan({ newsAt: NOW - 10 * POLL.idleMs })).toBe(NOW);
    expect(plan({ streamLive: true })).toBe(NOW + POLL.withStreamMs);
    expect(plan({ data: cuttingOver() })).toBe(NOW + POLL.cuttingOverMs);
  });

  it('a back-off is drawn from its level only for news; otherwise a drawn one stands', () => {
    const draws: number[] = [];
    const draw = () => {
      draws.push(1);
      return 0.5;
    };
    const failing = { problem: 'unavailable' as const, backoffLevel: 3, draw };
    expect(plan(failing)).toBe(NOW + 20_000);
    expect(plan({ ...failing, mode: 'keep', planned: NOW + 7 })).toBe('keep');
    expect(plan({ ...failing, mode: 'relax', planned: NOW + 7 })).toBe('keep');
    expect(draws).toHaveLength(1); // no jitter is drawn for a plan that stands
    expect(plan({ ...failing, mode: 'keep', planned: undefined })).toBe(NOW + 20_000);
  });

  it('the ceiling for a 404 and for a broken stream, whatever the level', () => {
    expect(plan({ problem: 'not-installed', backoffLevel: 1 })).toBe(NOW + 75_000);
    expect(plan({ streamBroken: true, backoffLevel: 0 })).toBe(NOW + 75_000);
  });

  it('Retry-After stretches the back-off', () => {
    expect(plan({ problem: 'unavailable', backoffLevel: 1, retryAfterMs: 120_000 })).toBe(
      NOW + 120_000,
    );
  });

  it('relax only moves a planned request later, never earlier', () => {
    const live = { streamLive: true, mode: 'relax' as const };
    expect(plan({ ...live, planned: NOW + 1_000 })).toBe(NOW + POLL.withStreamMs);
    expect(plan({ ...live, planned: NOW + 2 * POLL.withStreamMs })).toBe('keep');
    expect(plan({ ...live, planned: undefined })).toBe(NOW + POLL.withStreamMs);
  });

  it('keep may tighten a cadence (the stream dropped)', () => {
    expect(plan({ mode: 'keep', planned: NOW + 10 * POLL.idleMs })).toBe(NOW + POLL.idleMs);
  });
});

describe('recheckOnReturn: what the operator coming back re-checks', () => {
  it.each([
    ['a Sovereign card', sovereign(), undefined, true],
    ['a signed-out card', undefined, 'signed-out', true],
    ['a forbidden card', waiting(), 'forbidden', true],
    ['a Tethered card', waiting(), undefined, false],
    ['a failed run', failed(), undefined, false],
    ['nothing yet', undefined, undefined, false],
    ['a Sovereign card behind an outage (its back-off runs)', sovereign(), 'unavailable', false],
    ['a 404', undefined, 'not-installed', false],
  ] as const)('%s: %s', (_name, data, problem, expected) => {
    expect(recheckOnReturn(data, problem as StatusProblemKind | undefined)).toBe(expected);
  });
});
