/**
 * The events the simulated engine publishes, in the shape the real engine puts on the wire
 * (docs/cutover-contract.md §7). The console parses its own `CutoverEvent` from these frames; the
 * names here say they are the engine's side.
 */

/** An event's `phase`, which is also its SSE `event:` name. */
export type EnginePhase =
  | 'cutover-started'
  | 'cutover-step-started'
  | 'cutover-step-finished'
  | 'cutover-step-failed'
  | 'cutover-completed'
  | 'cutover-already-complete'
  | 'cutover-status';

export interface EngineEvent {
  time: string;
  phase: EnginePhase;
  level: 'info' | 'warn' | 'error';
  message: string;
  step?: string;
  jobName?: string;
}

export type EngineEventListener = (event: EngineEvent) => void;

/** A live event after which the real server ends the stream (a replayed one does not). */
export function isTerminalEvent(event: EngineEvent): boolean {
  return event.phase === 'cutover-completed' || event.phase === 'cutover-step-failed';
}

/** How many events the real engine keeps for replay. */
export const REPLAY_CAPACITY = 256;

/**
 * The engine's process-wide replay buffer (the last 256 events, never cleared between runs) and
 * its live subscribers.
 */
export class EventLog {
  private readonly ring: EngineEvent[] = [];
  private readonly listeners = new Set<EngineEventListener>();

  replay(): readonly EngineEvent[] {
    return [...this.ring];
  }

  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Puts an event of the past into the replay buffer only (seeded history). */
  record(event: EngineEvent): void {
    this.ring.push(event);
    if (this.ring.length > REPLAY_CAPACITY) this.ring.shift();
  }

  /** Records the event and hands it to every subscriber. */
  publish(event: EngineEvent): void {
    this.record(event);
    for (const listener of [...this.listeners]) listener(event);
  }

  /** The process died: its in-memory buffer is gone. */
  forget(): void {
    this.ring.length = 0;
  }

  unsubscribeAll(): void {
    this.listeners.clear();
  }
}
