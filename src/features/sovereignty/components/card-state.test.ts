import { describe, expect, it } from 'vitest';
import type { ConnectionSnapshot } from '../api/connection';
import { StatusProblem, type StatusProblemKind } from '../api/status-problem';
import { announcement, cardState, isStale } from './card-state';
import { parseCutoverStatus, type CutoverStatus } from '../cutover';

const waiting = () => parseCutoverStatus({ state: 'tethered' });
const cuttingOver = () =>
  parseCutoverStatus({
    state: 'tethered',
    steps: [
      { name: 'gitea-mirror', status: 'done' },
      { name: 'harbor-projects', status: 'running' },
    ],
  });
const failed = () =>
  parseCutoverStatus({
    state: 'tethered',
    failedStep: 'harbor-prewarm',
    lastError: 'boom',
    steps: [{ name: 'harbor-prewarm', status: 'failed' }],
  });
const failedNoStep = () =>
  parseCutoverStatus({ state: 'tethered', failedStep: 'secondary-kubeconfigs', lastError: 'x' });
const sovereign = () => parseCutoverStatus({ state: 'sovereign' });

const problem = (kind: StatusProblemKind) => new StatusProblem(kind, `reason for ${kind}`, {});

function snapshot(overrides: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return {
    data: undefined,
    dataUpdatedAt: 0,
    problem: undefined,
    failures: 0,
    nextPollAt: undefined,
    checking: false,
    stream: 'off',
    streamBroken: false,
    warning: undefined,
    ...overrides,
  };
}

describe('cardState: what the card shows', () => {
  it('nothing yet, no problem: loading (even while checking)', () => {
    expect(cardState(snapshot())).toEqual({ display: 'loading' });
    expect(cardState(snapshot({ checking: true, nextPollAt: 5 }))).toEqual({ display: 'loading' });
  });

  it.each<[string, () => CutoverStatus, string]>([
    ['waiting', waiting, 'waiting'],
    ['cutting over', cuttingOver, 'cutting-over'],
    ['failed at a step', failed, 'failed'],
    ['failed without a step row', failedNoStep, 'failed'],
    ['sovereign', sovereign, 'sovereign'],
  ])('%s data, healthy: %s, not stale, no next try', (_name, data, display) => {
    const status = data();
    const state = cardState(
      snapshot({ data: status, dataUpdatedAt: 1_000, nextPollAt: 9_000, checking: true }),
    );
    expect(state).toEqual({ display, status, asOf: 1_000, checking: true });
    expect(isStale(state)).toBe(false);
  });

  it.each<StatusProblemKind>([
    'unavailable',
    'invalid',
    'signed-out',
    'forbidden',
    'not-installed',
  ])('a %s problem with nothing cached is shown alone, with its next try', (kind) => {
    const shown = problem(kind);
    const state = cardState(snapshot({ problem: shown, nextPollAt: 42_000 }));
    expect(state).toEqual({
      display: 'problem',
      problem: shown,
      nextTryAt: 42_000,
      checking: false,
    });
    expect(isStale(state)).toBe(false);
  });

  it.each<StatusProblemKind>(['unavailable', 'invalid', 'signed-out', 'forbidden'])(
    'a %s problem over good data keeps the data, stale',
    (kind) => {
      const shown = problem(kind);
      const status = cuttingOver();
      const state = cardState(
        snapshot({
          data: status,
          dataUpdatedAt: 7,
          problem: shown,
          nextPollAt: 99,
          checking: true,
        }),
      );
      expect(state).toEqual({
        display: 'cutting-over',
        status,
        asOf: 7,
        checking: true,
        problem: shown,
        nextTryAt: 99,
      });
      expect(isStale(state)).toBe(true);
    },
  );

  it('a 404 drops old data from view: the routes it came from are gone', () => {
    const shown = problem('not-installed');
    expect(
      cardState(snapshot({ data: sovereign(), dataUpdatedAt: 7, problem: shown, nextPollAt: 5 })),
    ).toEqual({ display: 'problem', problem: shown, nextTryAt: 5, checking: false });
  });

  it('no planned try (401, 403) gives no next try', () => {
    const shown = problem('signed-out');
    expect(cardState(snapshot({ problem: shown }))).toEqual({
      display: 'problem',
      problem: shown,
      checking: false,
    });
    const state = cardState(snapshot({ data: waiting(), problem: shown }));
    expect(state).not.toHaveProperty('nextTryAt');
  });
});

describe('announcement: what the polite live region says', () => {
  it.each<[string, () => CutoverStatus, string]>([
    ['waiting', waiting, 'Tethered. The cutover has not started yet.'],
    ['cutting over', cuttingOver, 'Tethered. Cutover in progress, step 1 of 11 complete.'],
    ['failed', failed, 'Tethered. The cutover failed at Pre-warm critical images.'],
    ['sovereign', sovereign, 'Sovereign. The cutover is complete.'],
  ])('%s', (_name, data, words) => {
    expect(announcement(cardState(snapshot({ data: data() })))).toBe(words);
  });

  it('a failure with no step label says so without a step', () => {
    const status = parseCutoverStatus({ state: 'tethered', lastError: 'x' });
    expect(announcement(cardState(snapshot({ data: status })))).toBe(
      'Tethered. The cutover failed.',
    );
  });

  it('loading and problems say nothing here (an alert announces itself)', () => {
    expect(announcement(cardState(snapshot()))).toBe('');
    expect(announcement(cardState(snapshot({ problem: problem('unavailable') })))).toBe('');
  });
});
