import { CUTOVER_EVENT_PHASES, parseCutoverEvent, type CutoverEvent } from '../events';
import {
  SNAPSHOT_TIMEOUT_MS,
  STREAM_STABLE_MS,
  type Clock,
  type EventSourceLike,
  type StreamHealth,
} from './connection-types';
import { BACKOFF_CEILING_AFTER, backoffDelay } from './poll-policy';
import { Timer } from './timer';

/** What the stream tells the connection that owns it. */
export interface StreamHost {
  /** A frame of the open connection, parsed; `replayed`: sent before this connection's snapshot. */
  frame(event: CutoverEvent, replayed: boolean): void;
  /** It should be open now (the connection's policy: a stream is worth having). */
  wanted(): boolean;
  /**
   * The response ended, was refused, or sent no snapshot in time; the reconnect is planned.
   * `terminalAfter`: it came after a live terminal frame (the server ends the response after
   * one), seen when this many `/status` requests had been sent.
   */
  ended(terminalAfter: number | undefined): void;
  /** It was live and is not any more: the polls may tighten again. */
  leftLive(): void;
  /** Something the card shows changed. */
  changed(): void;
}

/** A server frame that happens to be named `error` (or `open`) is not a transport event. */
function isServerFrame(event: Event): boolean {
  return typeof (event as Partial<MessageEvent>).data === 'string';
}

/**
 * The cutover event stream's connection: one EventSource at a time, its health, the snapshot
 * that proves it and the failures that set its back-off (docs/reliability.md). What a frame
 * means, and when the stream is wanted, is the connection's to decide (connection.ts).
 */
export class EventStream {
  private source: EventSourceLike | undefined;
  health: StreamHealth = 'off';
  /** This connection's snapshot has arrived: frames from now on are live, not replay. */
  synced = false;
  /** A live terminal frame came (the server ends the response after it) after this many requests. */
  private terminalAfter: number | undefined;
  /** Failed attempts in a row; reset by a connection that stayed up after its snapshot. */
  failures = 0;
  private readonly retryTimer: Timer;
  private readonly snapshotTimer: Timer;
  private readonly stableTimer: Timer;

  constructor(
    private readonly open: (() => EventSourceLike) | undefined,
    private readonly clock: Clock,
    private readonly random: () => number,
    private readonly host: StreamHost,
  ) {
    this.retryTimer = new Timer(clock);
    this.snapshotTimer = new Timer(clock);
    this.stableTimer = new Timer(clock);
  }

  /** There is an EventSource to open at all. */
  get available(): boolean {
    return this.open !== undefined;
  }

  get isOpen(): boolean {
    return this.source !== undefined;
  }

  /** A reconnect is planned (its back-off runs). */
  get retryPlanned(): boolean {
    return this.retryTimer.at !== undefined;
  }

  /** It has failed so often in a row that polls fall to about once a minute too. */
  get broken(): boolean {
    return this.failures >= BACKOFF_CEILING_AFTER;
  }

  connect(): void {
    const open = this.open;
    if (!open || this.source) return;
    this.retryTimer.clear();
    this.health = this.failures === 0 ? 'connecting' : 'reconnecting';
    this.synced = false;
    this.terminalAfter = undefined;
    const source = open();
    this.source = source;
    for (const phase of CUTOVER_EVENT_PHASES) {
      source.addEventListener(phase, (event) => {
        if (this.source !== source) return;
        let parsed: CutoverEvent;
        try {
          parsed = parseCutoverEvent(phase, (event as MessageEvent<string>).data);
        } catch {
          return; // a frame we cannot read is skipped; the snapshot and the polls keep the card right
        }
        this.host.frame(parsed, !this.synced && parsed.phase !== 'cutover-status');
      });
    }
    source.addEventListener('error', (event) => {
      if (this.source !== source || isServerFrame(event)) return;
      this.end();
    });
    // An `onopen` proves nothing (a proxy can open and drop); the snapshot does.
    this.snapshotTimer.set(this.clock.now() + SNAPSHOT_TIMEOUT_MS, () => {
      if (this.source === source && !this.synced) this.end();
    });
    this.host.changed();
  }

  /** The snapshot arrived: what follows is live, and staying up a while resets the failures. */
  markSynced(): void {
    this.synced = true;
    this.snapshotTimer.clear();
    this.stableTimer.set(this.clock.now() + STREAM_STABLE_MS, () => {
      this.failures = 0;
      this.host.changed();
    });
  }

  /** A live terminal frame came, when `requestsSoFar` `/status` requests had been sent. */
  terminalSeen(requestsSoFar: number): void {
    this.terminalAfter = requestsSoFar;
  }

  /** Says Live (after the snapshot); true if it was not already. */
  goLive(): boolean {
    if (this.health === 'live') return false;
    this.health = 'live';
    return true;
  }

  close(health: StreamHealth): void {
    this.snapshotTimer.clear();
    this.stableTimer.clear();
    this.source?.close();
    this.source = undefined;
    this.synced = false;
    if (this.health !== health) {
      const wasLive = this.health === 'live';
      this.health = health;
      if (wasLive) this.host.leftLive();
    }
  }

  /**
   * Opens or closes it as `wanted` says. `suspect` (`/status` is failing): an attempt closed
   * before its snapshot counts as failed, and the reconnect waits for its back-off.
   */
  reconcile(wanted: boolean, suspect: boolean): void {
    if (!wanted) {
      if (suspect && this.source !== undefined && !this.synced) this.failAndRetryLater();
      this.close('off');
      return;
    }
    if (this.source === undefined && !this.retryPlanned) this.connect();
  }

  /** Dropped, refused or silent: the same back-off whether it opened first or not. */
  private end(): void {
    const terminalAfter = this.terminalAfter;
    // Only a connection that stayed up (STREAM_STABLE_MS after its snapshot) has reset the count.
    this.failures += 1;
    this.close(this.host.wanted() ? 'reconnecting' : 'off');
    this.planRetry();
    this.host.ended(terminalAfter);
  }

  private failAndRetryLater(): void {
    this.failures += 1;
    this.planRetry();
  }

  private planRetry(): void {
    const at = this.clock.now() + backoffDelay(this.failures, this.random());
    this.retryTimer.set(at, () => {
      // Its back-off is over: connect if it is still wanted.
      if (this.host.wanted()) this.connect();
      else this.close('off');
      this.host.changed();
    });
  }

  /** The operator's "Retry now": the stream may try at once too. */
  cancelRetry(): void {
    this.retryTimer.clear();
  }

  stop(): void {
    this.retryTimer.clear();
    this.snapshotTimer.clear();
    this.stableTimer.clear();
    this.close('off');
  }
}
