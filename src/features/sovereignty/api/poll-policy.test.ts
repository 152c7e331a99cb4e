import { describe, expect, it } from 'vitest';
import { parseCutoverStatus } from '../cutover';
import { BACKOFF, POLL, backoffDelay, failureDelay, pollDelay, wantsStream } from './poll-policy';
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
