import { CancelledError, type QueryClient } from '@tanstack/query-core';
import type { CutoverStatus } from '../cutover';
import { cutoverPhase } from '../progress';
import {
  CUTOVER_EVENT_PHASES,
  applyRunStarted,
  applySnapshot,
  applyStepEvent,
  parseCutoverEvent,
  type CutoverEvent,
} from '../events';
import {
  BACKOFF_CEILING_AFTER,
  backoffDelay,
  failureDelay,
  pollDelay,
  wantsStream,
} from './poll-policy';
import { cutoverStatusQueryKey } from './get-cutover-status';
import { StatusProblem, classifyStatusError } from './status-problem';

/**
 * One plain module owns everything the console sends to the catalyst-api for the cutover card:
 * the `/status` polls, the event stream, their back-off, `Retry-After`, jitter and the tab's
 * visibility (docs/reliability.md). No React here: hooks adapt it (use-live-cutover.ts) and the
 * unit tests drive it with fake timers, a fake EventSource and an injected clock.
 *
 * The parsed status lives in one TanStack Query cache entry (`cutoverStatusQueryKey`), written by
 * the polls (through `fetchQuery`) and by stream frames (`setQueryData`); this module keeps what
 * the cache cannot: the failure streak, the problem on screen until an answer replaces it, and
 * when it will next try.
 */

/** `live`: this connection's snapshot arrived and `/status` is healthy; `off`: polling only. */
export type StreamHealth = 'off' | 'connecting' | 'live' | 'reconnecting';

/** A tab hidden this long drops its stream (reopened on return); polls pause while hidden. */
export const HIDDEN_CLOSE_MS = 5 * 60_000;
/** A stream that has not sent its snapshot this long after connecting counts as failed. */
export const SNAPSHOT_TIMEOUT_MS = 15_000;
/** A connection that stayed up this long after its snapshot has proved itself: back-off resets. */
export const STREAM_STABLE_MS = 30_000;

export interface StreamWarning {
  readonly message: string;
  readonly time: string;
  /**
   * False until a /status answer fetched after the event has said whether the run failed; true
   * when it did not (the engine's seal failure is reported this way and is not fatal).
   */
  readonly decided: boolean;
}

export interface ConnectionSnapshot {
  readonly data: CutoverStatus | undefined;
  /** When the cache entry was last written, by a poll or a frame (epoch ms; 0: never). */
  readonly dataUpdatedAt: number;
  /** The latest `/status` answer's problem; it stays until an answer replaces it. */
  readonly problem: StatusProblem | undefined;
  /** `/status` failures in a row (the back-off's input). */
  readonly failures: number;
  /** When the next automatic `/status` request is due, if one is planned. */
  readonly nextPollAt: number | undefined;
  /** A `/status` request is in flight. */
  readonly checking: boolean;
  readonly stream: StreamHealth;
  readonly warning: StreamWarning | undefined;
}

/** The part of an EventSource this module uses. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PageVisibility {
  isVisible(): boolean;
  /** Calls `onChange` whenever visibility may have changed; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
}

export interface ConnectionOptions {
  readonly queryClient: QueryClient;
  readonly fetchStatus: (signal: AbortSignal) => Promise<CutoverStatus>;
  /** Opens the event stream; absent where there is no EventSource (polling only). */
  readonly openStream?: (() => EventSourceLike) | undefined;
  readonly clock?: Clock;
  /** A number in [0, 1) for the jitter. */
  readonly random?: () => number;
  readonly visibility?: PageVisibility;
  /**
   * Called for every frame parsed, replayed (before this connection's snapshot) or live, after the
   * connection has handled it; for observers such as the attempt history (docs/after-the-run.md).
   * It never changes what is written to the cache.
   */
  readonly onFrame?: ((event: CutoverEvent, replayed: boolean) => void) | undefined;
}

const realClock: Clock = {
  now: () => Date.now(),
  // Looked up at call time, so fake timers installed after construction still apply.
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

const alwaysVisible: PageVisibility = { isVisible: () => true, subscribe: () => () => undefined };

/** A server frame that happens to be named `error` (or `open`) is not a transport event. */
function isServerFrame(event: Event): boolean {
  return typeof (event as Partial<MessageEvent>).data === 'string';
}

const statusQueryHash = JSON.stringify(cutoverStatusQueryKey);

/** Live `cutover-completed` and `cutover-step-failed` end the server's response. */
const TERMINAL: ReadonlySet<string> = new Set(['cutover-completed', 'cutover-step-failed']);

class Timer {
  private handle: unknown;
  at: number | undefined;
  constructor(private readonly clock: Clock) {}
  set(at: number, callback: () => void): void {
    this.clear();
    this.at = at;
    this.handle = this.clock.setTimeout(
      () => {
        this.handle = undefined;
        this.at = undefined;
        callback();
      },
      Math.max(0, at - this.clock.now()),
    );
  }
  clear(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
    this.at = undefined;
  }
}

export class CutoverConnection {
  private readonly queryClient: QueryClient;
  private readonly fetchStatusFn: ConnectionOptions['fetchStatus'];
  private readonly openStream: ConnectionOptions['openStream'];
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly visibility: PageVisibility;
  private readonly listeners = new Set<() => void>();
  private unsubscribers: (() => void)[] = [];
  private running = false;

  // /status
  private problem: StatusProblem | undefined;
  private failures = 0;
  private inFlight: Promise<void> | undefined;
  private readonly pollTimer: Timer;
  /** The poll came due while the tab was hidden: it runs when the tab is shown. */
  private pollDueWhileHidden = false;
  private lastFrameWriteAt = 0;
  /** When the latest news (an answer or a frame that changed something) arrived, on `clock`. */
  private newsAt = 0;

  // the event stream
  private source: EventSourceLike | undefined;
  private streamHealth: StreamHealth = 'off';
  private synced = false;
  private terminalSeen = false;
  private streamFailures = 0;
  private readonly streamTimer: Timer;
  private readonly snapshotTimer: Timer;
  private readonly stableTimer: Timer;
  private warning: StreamWarning | undefined;

  // the tab
  private visible = true;
  private visibleRecently = true;
  private readonly hiddenTimer: Timer;

  private snapshot: ConnectionSnapshot;

  constructor(private readonly options: ConnectionOptions) {
    this.queryClient = options.queryClient;
    this.fetchStatusFn = options.fetchStatus;
    this.openStream = options.openStream;
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.visibility = options.visibility ?? alwaysVisible;
    this.pollTimer = new Timer(this.clock);
    this.streamTimer = new Timer(this.clock);
    this.snapshotTimer = new Timer(this.clock);
    this.stableTimer = new Timer(this.clock);
    this.hiddenTimer = new Timer(this.clock);
    // The entry must outlive observers: nothing but this module reads it.
    this.queryClient.setQueryDefaults(cutoverStatusQueryKey, { gcTime: Infinity, retry: false });
    this.snapshot = this.computeSnapshot();
  }

  // ---- the React side: useSyncExternalStore ------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): ConnectionSnapshot => this.snapshot;

  private computeSnapshot(): ConnectionSnapshot {
    const state = this.queryClient.getQueryState<CutoverStatus>(cutoverStatusQueryKey);
    return {
      data: state?.data,
      dataUpdatedAt: state?.dataUpdatedAt ?? 0,
      problem: this.problem,
      failures: this.failures,
      nextPollAt: this.pollTimer.at,
      checking: this.inFlight !== undefined,
      stream: this.streamHealth,
      warning: this.warning,
    };
  }

  private emit(): void {
    const next = this.computeSnapshot();
    const previous = this.snapshot;
    const same = (Object.keys(next) as (keyof ConnectionSnapshot)[]).every(
      (key) => next[key] === previous[key],
    );
    if (same) return;
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }

  private get data(): CutoverStatus | undefined {
    return this.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
  }

  // ---- life cycle ----------------------------------------------------------------------------

  start(): void {
    if (this.running) return;
    this.running = true;
    this.visible = this.visibility.isVisible();
    this.visibleRecently = this.visible;
    this.unsubscribers = [
      this.visibility.subscribe(() => {
        this.onVisibilityChange();
      }),
      // Writes from elsewhere show up too, and an invalidation (anyone saying "this changed on
      // the server") is a request to read the status again now.
      this.queryClient.getQueryCache().subscribe((event) => {
        if (event.query.queryHash !== statusQueryHash) return;
        if (event.type === 'updated' && event.action.type === 'invalidate') {
          void this.fetchStatus();
        }
        this.emit();
      }),
    ];
    if (this.data === undefined || this.visible) void this.fetchStatus();
    else {
      this.schedulePoll(true);
      this.reconcileStream();
    }
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    for (const timer of [
      this.pollTimer,
      this.streamTimer,
      this.snapshotTimer,
      this.stableTimer,
      this.hiddenTimer,
    ]) {
      timer.clear();
    }
    this.closeStream('off');
    void this.queryClient.cancelQueries({ queryKey: cutoverStatusQueryKey });
    this.emit();
  }

  /** The operator's "Retry now": skips the back-off, once (and lets the stream try at once too). */
  retryNow(): Promise<void> {
    this.streamTimer.clear();
    return this.fetchStatus();
  }

  /**
   * After something changed on the server (the operator's Retry cutover): a request already in
   * flight may predate the change, so it is replaced.
   */
  async refresh(): Promise<void> {
    if (this.inFlight) {
      await this.queryClient.cancelQueries({ queryKey: cutoverStatusQueryKey });
      await this.inFlight.catch(() => undefined);
    }
    this.streamTimer.clear();
    return this.fetchStatus();
  }

  // ---- /status ------------------------------------------------------------------------------

  private fetchStatus(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.inFlight) return this.inFlight;
    this.pollTimer.clear();
    this.pollDueWhileHidden = false;
    const requestedAt = this.clock.now();
    const request = this.queryClient
      // One cache entry by design: the key carries no variables (requestedAt is per request).
      // eslint-disable-next-line @tanstack/query/exhaustive-deps
      .query<CutoverStatus>({
        queryKey: cutoverStatusQueryKey,
        queryFn: async ({ signal }) => {
          const status = await this.fetchStatusFn(signal);
          // A frame wrote newer news while this answer was on its way: keep the newer news
          // (docs/reliability.md, "old news never overwrites newer news").
          const cached = this.data;
          return cached !== undefined && this.lastFrameWriteAt > requestedAt ? cached : status;
        },
        staleTime: 0,
        gcTime: Infinity,
        retry: false,
        // Offline is an answer to show, not a reason to wait silently for the network to return.
        networkMode: 'always',
      })
      .then(
        () => {
          this.problem = undefined;
          this.failures = 0;
          this.newsAt = this.clock.now();
        },
        (error: unknown) => {
          if (!this.running || error instanceof CancelledError) return;
          const problem = classifyStatusError(error, this.failures + 1);
          this.problem = problem;
          // 401/403/404 are answers, not an outage: they do not grow the back-off.
          if (problem.kind === 'unavailable' || problem.kind === 'invalid') this.failures += 1;
        },
      )
      .finally(() => {
        this.inFlight = undefined;
        if (!this.running) return;
        this.schedulePoll(true);
        this.reconcileStream();
        this.emit();
      });
    this.inFlight = request;
    this.emit();
    return request;
  }

  /**
   * Plans the next `/status` request. `fresh`: right after an answer (or a write), so a new
   * jittered delay is drawn; otherwise an existing failure delay is kept as it was drawn.
   */
  private schedulePoll(fresh: boolean): void {
    if (!this.running || this.inFlight) return;
    const delay = pollDelay({
      data: this.data,
      problem: this.problem?.kind,
      streamLive: this.streamHealth === 'live',
    });
    if (delay === false) {
      this.pollTimer.clear();
      return;
    }
    let at: number;
    if (delay === 'backoff' || delay === 'ceiling') {
      if (!fresh && this.pollTimer.at !== undefined) return;
      const failures = delay === 'ceiling' ? BACKOFF_CEILING_AFTER : this.failures;
      at = this.clock.now() + failureDelay(failures, this.random(), this.problem?.retryAfterMs);
    } else {
      const since = this.newsAt;
      at = Math.max(this.clock.now(), since + delay);
      if (delay === 0) at = this.clock.now();
    }
    this.pollTimer.set(at, () => {
      this.onPollDue();
    });
  }

  private onPollDue(): void {
    if (!this.visible) {
      this.pollDueWhileHidden = true;
      this.emit();
      return;
    }
    void this.fetchStatus();
  }

  // ---- the tab ------------------------------------------------------------------------------

  /** The tab was shown or hidden, or the window got the focus back. */
  private onVisibilityChange(): void {
    const visible = this.visibility.isVisible();
    if (!visible) {
      if (!this.visible) return;
      this.visible = false;
      this.hiddenTimer.set(this.clock.now() + HIDDEN_CLOSE_MS, () => {
        this.visibleRecently = false;
        this.reconcileStream();
        this.emit();
      });
      return;
    }
    const returned = !this.visible;
    this.visible = true;
    this.hiddenTimer.clear();
    this.visibleRecently = true;
    const data = this.data;
    const kind = this.problem?.kind;
    // What waits for the operator's return: a due poll, a Sovereign or a signed-out card. These
    // are re-checked on every return (never a back-off being skipped: none is running for them).
    const recheck =
      this.pollDueWhileHidden ||
      kind === 'signed-out' ||
      kind === 'forbidden' ||
      (kind === undefined && data !== undefined && cutoverPhase(data) === 'sovereign');
    if (recheck) void this.fetchStatus();
    else if (returned) {
      this.reconcileStream();
      this.schedulePoll(false);
    }
    this.emit();
  }

  // ---- the event stream ---------------------------------------------------------------------

  private shouldStream(): boolean {
    return (
      this.running &&
      this.openStream !== undefined &&
      this.visibleRecently &&
      wantsStream(this.data, this.problem?.kind)
    );
  }

  private reconcileStream(): void {
    if (!this.shouldStream()) {
      this.streamTimer.clear();
      // `/status` failing makes the stream suspect: closed now, reopened on recovery.
      this.closeStream('off');
      return;
    }
    if (this.source === undefined && this.streamTimer.at === undefined) this.connect();
  }

  /** The stream's back-off is over: connect if the stream is still wanted. */
  private onStreamDue(): void {
    if (this.shouldStream()) this.connect();
    else this.closeStream('off');
    this.emit();
  }

  private connect(): void {
    const open = this.openStream;
    if (!open || this.source) return;
    this.streamTimer.clear();
    this.streamHealth = this.streamFailures === 0 ? 'connecting' : 'reconnecting';
    this.synced = false;
    this.terminalSeen = false;
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
        const replayed = !this.synced && parsed.phase !== 'cutover-status';
        this.onFrame(parsed);
        this.options.onFrame?.(parsed, replayed);
      });
    }
    source.addEventListener('error', (event) => {
      if (this.source !== source || isServerFrame(event)) return;
      this.onStreamEnd();
    });
    // An `onopen` proves nothing (a proxy can open and drop); the snapshot does.
    this.snapshotTimer.set(this.clock.now() + SNAPSHOT_TIMEOUT_MS, () => {
      if (this.source === source && !this.synced) this.onStreamEnd();
    });
    this.emit();
  }

  private closeStream(health: StreamHealth): void {
    this.snapshotTimer.clear();
    this.stableTimer.clear();
    this.source?.close();
    this.source = undefined;
    this.synced = false;
    if (this.streamHealth !== health) {
      const wasLive = this.streamHealth === 'live';
      this.streamHealth = health;
      // Polling tightens again when the stream stops feeding the cache.
      if (wasLive) this.schedulePoll(false);
    }
  }

  /** The response ended, was refused or timed out before its snapshot. */
  private onStreamEnd(): void {
    const terminal = this.terminalSeen;
    // Dropped, refused or silent: the same back-off whether it opened first or not. Only a
    // connection that stayed up (STREAM_STABLE_MS after its snapshot) has reset the count.
    this.streamFailures += 1;
    this.closeStream(this.shouldStream() ? 'reconnecting' : 'off');
    this.streamTimer.set(
      this.clock.now() + backoffDelay(this.streamFailures, this.random()),
      () => {
        this.onStreamDue();
      },
    );
    // The server ends the response after a live terminal event: /status says what it means
    // (and whether there is anything left to follow).
    if (terminal) void this.fetchStatus();
    else this.schedulePoll(false);
    this.emit();
  }

  private onFrame(event: CutoverEvent): void {
    if (event.phase === 'cutover-status') {
      this.synced = true;
      this.snapshotTimer.clear();
      this.stableTimer.set(this.clock.now() + STREAM_STABLE_MS, () => {
        this.streamFailures = 0;
      });
      this.write((old) => applySnapshot(old, event));
      if (this.streamHealth !== 'live') {
        this.streamHealth = 'live';
        this.schedulePoll(true);
      }
      this.emit();
      return;
    }
    // Everything before this connection's snapshot is the server's replay: old news.
    if (!this.synced) return;
    if (TERMINAL.has(event.phase)) this.terminalSeen = true;
    switch (event.phase) {
      case 'cutover-started':
        this.warning = undefined; // a new attempt: earlier warnings are about an earlier run
        this.write((status) => (status ? applyRunStarted(status, event) : status));
        break;
      case 'cutover-completed':
      case 'cutover-already-complete':
        void this.fetchStatus();
        break;
      case 'cutover-step-failed':
        if (event.step === undefined) {
          // Step-less: a seal or bridge failure. A warning until /status decides the run.
          this.warning = {
            message: event.message ?? 'The catalyst-api reported an error.',
            time: event.time,
            decided: false,
          };
          this.decideWarning(event.time);
          break;
        }
        this.write((status) => (status ? applyStepEvent(status, event) : status));
        break;
      case 'cutover-step-started':
      case 'cutover-step-finished':
        this.write((status) => (status ? applyStepEvent(status, event) : status));
        break;
    }
    this.emit();
  }

  private decideWarning(time: string): void {
    void this.fetchStatus().then(() => {
      if (this.warning?.time !== time || this.problem !== undefined) return;
      const status = this.data;
      const failed = status !== undefined && cutoverPhase(status) === 'failed';
      this.warning = failed ? undefined : { ...this.warning, decided: true };
      this.emit();
    });
  }

  /** Writes a frame into the cache, only when it changes something (docs/reliability.md). */
  private write(fold: (status: CutoverStatus | undefined) => CutoverStatus | undefined): void {
    if (this.problem !== undefined) return;
    const old = this.data;
    const next = fold(old);
    if (next === undefined || next === old || sameJson(next, old)) return;
    this.lastFrameWriteAt = this.clock.now();
    this.newsAt = this.lastFrameWriteAt;
    this.queryClient.setQueryData<CutoverStatus>(cutoverStatusQueryKey, next, {
      updatedAt: this.lastFrameWriteAt,
    });
    this.schedulePoll(true);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
