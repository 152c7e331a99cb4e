import { describe, expect, it } from 'vitest';
import { parseCutoverStatus } from '../cutover';
import { POLL, backoffDelay, nextPollDelay } from './poll-policy';
import { StatusProblem, type StatusProblemKind } from './status-problem';

const waiting = parseCutoverStatus({ state: 'tethered', steps: [] });
const cuttingOver = parseCutoverStatus({
  state: 'tethered',
  steps: [{ name: 'gitea-mirror', result: 'running' }],
});
const failed = parseCutoverStatus({
  state: 'tethered',
  failedStep: 'gitea-mirror',
  lastError: 'boom',
  steps: [],
});
const sovereign = parseCutoverStatus({ state: 'sovereign', steps: [] });

const problem = (kind: StatusProblemKind, consecutiveFailures = 1) =>
  new StatusProblem(kind, 'x', { consecutiveFailures, transient: false });

describe('polling cadence (DESIGN.md "How data flows")', () => {
  it('polls every 2 s while cutting over without a stream, 15 s while waiting or failed', () => {
    expect(nextPollDelay({ data: cuttingOver, problem: null, streamHealthy: false })).toBe(2_000);
    expect(nextPollDelay({ data: waiting, problem: null, streamHealthy: false })).toBe(15_000);
    expect(nextPollDelay({ data: failed, problem: null, streamHealthy: false })).toBe(15_000);
  });

  it('relaxes to a 15 s safety net while a healthy stream feeds the cache', () => {
    expect(nextPollDelay({ data: cuttingOver, problem: null, streamHealthy: true })).toBe(
      POLL.withStreamMs,
    );
  });

  it('stops once sovereign', () => {
    expect(nextPollDelay({ data: sovereign, problem: null, streamHealthy: false })).toBe(false);
  });

  it('backs off exponentially after errors, capped at 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(backoffDelay)).toEqual([
      5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000,
    ]);
    expect(
      nextPollDelay({ data: waiting, problem: problem('unavailable', 3), streamHealthy: false }),
    ).toBe(20_000);
    expect(
      nextPollDelay({ data: undefined, problem: problem('invalid', 1), streamHealthy: false }),
    ).toBe(5_000);
  });

  it('re-checks a missing cutover API every 60 s and waits for a new session on 401/403', () => {
    expect(
      nextPollDelay({ data: undefined, problem: problem('not-installed'), streamHealthy: false }),
    ).toBe(60_000);
    expect(
      nextPollDelay({ data: waiting, problem: problem('signed-out'), streamHealthy: false }),
    ).toBe(false);
    expect(
      nextPollDelay({ data: waiting, problem: problem('forbidden'), streamHealthy: false }),
    ).toBe(false);
  });
});
