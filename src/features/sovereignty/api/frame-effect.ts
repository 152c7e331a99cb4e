import type { CutoverStatus } from '../cutover';
import { applyRunStarted, applyStepEvent, type CutoverEvent } from '../events';

/** A step-less failure the stream reported, shown until `/status` decides the run. */
export interface StreamWarning {
  readonly message: string;
  readonly time: string;
  /**
   * False until a /status answer fetched after the event has said whether the run failed; true
   * when it did not (the engine's seal failure is reported this way and is not fatal).
   */
  readonly decided: boolean;
}

/**
 * What a live frame (one after this connection's snapshot) asks of the connection, decided
 * without touching it: fold the frame into the status, ask `/status` again, or raise a warning.
 * Pure, so each frame's meaning is tested as a table (frame-effect.test.ts).
 */
export type FrameEffect =
  /** Fold it into the status on screen (nothing to fold into: nothing to write). */
  | {
      readonly kind: 'write';
      readonly fold: (status: CutoverStatus) => CutoverStatus;
      /** A new attempt: warnings about an earlier run are dropped. */
      readonly newRun: boolean;
    }
  /** Only `/status` may say what it means (Sovereign, for one): ask it now, after the frame. */
  | { readonly kind: 'refresh' }
  /** A step-less failure (the seal, the bridge): a warning until `/status` decides the run. */
  | { readonly kind: 'warning'; readonly warning: StreamWarning }
  | { readonly kind: 'none' };

/** Live `cutover-completed` and `cutover-step-failed` end the server's response. */
export function endsResponse(event: CutoverEvent): boolean {
  return event.phase === 'cutover-completed' || event.phase === 'cutover-step-failed';
}

export function frameEffect(event: CutoverEvent): FrameEffect {
  switch (event.phase) {
    case 'cutover-started':
      return { kind: 'write', fold: (status) => applyRunStarted(status, event), newRun: true };
    case 'cutover-completed':
    case 'cutover-already-complete':
      return { kind: 'refresh' };
    case 'cutover-step-failed':
      if (event.step === undefined) {
        return {
          kind: 'warning',
          warning: {
            message: event.message ?? 'The catalyst-api reported an error.',
            time: event.time,
            decided: false,
          },
        };
      }
      return { kind: 'write', fold: (status) => applyStepEvent(status, event), newRun: false };
    case 'cutover-step-started':
    case 'cutover-step-finished':
      return { kind: 'write', fold: (status) => applyStepEvent(status, event), newRun: false };
    default:
      return { kind: 'none' };
  }
}
