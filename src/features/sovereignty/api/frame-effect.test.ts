import { describe, expect, it } from 'vitest';
import { parseCutoverStatus } from '../cutover';
import { parseCutoverEvent } from '../events';
import { endsResponse, frameEffect } from './frame-effect';

const frame = (phase: string, body: Record<string, unknown> = {}) =>
  parseCutoverEvent(phase, JSON.stringify({ time: '2026-05-04T10:00:05Z', ...body }));

const waiting = () => parseCutoverStatus({ state: 'tethered', steps: [] });

describe('what a live frame asks of the connection', () => {
  it('a new attempt is folded in and drops earlier warnings', () => {
    const effect = frameEffect(frame('cutover-started'));
    expect(effect.kind).toBe('write');
    if (effect.kind !== 'write') return;
    expect(effect.newRun).toBe(true);
    expect(effect.fold(waiting())).not.toEqual(waiting());
  });

  it.each(['cutover-step-started', 'cutover-step-finished', 'cutover-step-failed'])(
    '%s with a step is folded into that step',
    (phase) => {
      const effect = frameEffect(frame(phase, { step: 'gitea-mirror', message: 'boom' }));
      expect(effect.kind).toBe('write');
      if (effect.kind !== 'write') return;
      expect(effect.newRun).toBe(false);
      const row = effect.fold(waiting()).steps.find((step) => step.id === 'gitea-mirror');
      expect(row?.status).not.toBe('pending');
    },
  );

  it.each(['cutover-completed', 'cutover-already-complete'])(
    '%s: only /status may say Sovereign, so it is asked',
    (phase) => {
      expect(frameEffect(frame(phase))).toEqual({ kind: 'refresh' });
    },
  );

  it('a step-less failure is a warning, with the server words or the console own', () => {
    expect(frameEffect(frame('cutover-step-failed', { message: 'seal failed' }))).toEqual({
      kind: 'warning',
      warning: { message: 'seal failed', time: '2026-05-04T10:00:05Z', decided: false },
    });
    expect(frameEffect(frame('cutover-step-failed'))).toEqual({
      kind: 'warning',
      warning: {
        message: 'The catalyst-api reported an error.',
        time: '2026-05-04T10:00:05Z',
        decided: false,
      },
    });
  });

  it('the snapshot is not a live effect here', () => {
    expect(frameEffect(frame('cutover-status', { state: 'tethered' })).kind).toBe('none');
  });

  it.each([
    ['cutover-completed', true],
    ['cutover-step-failed', true],
    ['cutover-already-complete', false],
    ['cutover-started', false],
    ['cutover-step-finished', false],
  ])('%s ends the server response: %s', (phase, ends) => {
    expect(endsResponse(frame(phase, { step: 'gitea-mirror' }))).toBe(ends);
  });
});
