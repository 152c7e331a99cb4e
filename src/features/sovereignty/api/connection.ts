import type { QueryClient } from '@tanstack/query-core';
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
  /** The stream has failed so often in a row that polls fall to about once a minute too. */
  readonly streamBroken: boolean;
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

/**
 * A `GET /status` the entry sent at boot, while the JS was still loading (docs/performance.md),
 * so the card's first answer does not wait for the card to mount.
 */
export interface InitialStatusFetch {
  /** When it was sent (epoch ms). */
  readonly startedAt: number;
  /** Its answer, parsed as `fetchStatus` parses one; given out once, then `undefined`. */
  take(): Promise<CutoverStatus> | undefined;
}

/** A boot-time request older than this when the card first asks is not used: it asks anew. */
export const INITIAL_FETCH_MAX_AGE_MS = 5_000;

export interface ConnectionOptions {
  readonly queryClient: QueryClient;
  readonly fetchStatus: (signal: AbortSignal) => Promise<CutoverStatus>;
  /** Stands in for the first `fetchStatus` when fresh; its answer and errors go the same way. */
  readonly initialFetch?: InitialStatusFetch | undefined;
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

/** After this long of good answers a back-off is forgotten. */
export const BACKOFF_FORGET_MS = 5 * 60_000;

interface InFlight {
  readonly id: number;
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

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
  /** Consumed (cleared) by the first `/status` request, used or not. */
  private initialFetch: InitialStatusFetch | undefined;
  private readonly openStream: ConnectionOptions['openStream'];
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly visibility: PageVisibility;
  private readonly listeners = new Set<() => void>();
  private unsubscribers: (() => void)[] = [];
  private running = false;

  // /status
  private problem: StatusProblem | undefined;
  /** Failed answers in a row (shown). */
  private failures = 0;
  /**
   * The back-off's level: like `failures`, but one good answer does not reset it; five minutes of
   * good answers do. A flapping API (every other answer failing) so climbs to the ceiling too.
   */
  private backoffLevel = 0;
  private healthySince: number | undefined;
  private inFlight: InFlight | undefined;
  /** Numbers every request; an answer to a request that was replaced or cancelled is ignored. */
  private requests = 0;
  private readonly pollTimer: Timer;
  /** The poll came due while the tab was hidden: it runs when the tab is shown. */
  private pollDueWhileHidden = false;
  /** Counts the writes of frames; an answer requested before the latest one is old news. */
  private frameWrites = 0;
  /** When the latest news (an answer or a frame that changed something) arrived, on `clock`. */
  private newsAt = 0;

  // the event stream
  private source: EventSourceLike | undefined;
  private streamHealth: StreamHealth = 'off';
  private synced = false;
  private terminalSeen = false;
  /** The request count when the terminal frame came: a later request is asked after it. */
  private terminalAfter = 0;
  private streamFailures = 0;
  private readonly streamTimer: Timer;
  private readonly snapshotTimer: Timer;
  private readonly stableTimer: Timer;
  private warning: StreamWarning | undefined;
  /** Only an answer to a request made after the warning's event may decide it. */
  private warningDecidedBy = 0;

  // the tab
  private visible = true;
  private visibleRecently = true;
  private readonly hiddenTimer: Timer;

  private snapshot: ConnectionSnapshot;

  constructor(private readonly options: ConnectionOptions) {
    this.queryClient = options.queryClient;
    this.fetchStatusFn = options.fetchStatus;
    this.initialFetch = options.initialFetch;
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
    // A card mounted again (another page and back) picks up the problem the cache remembers.
    const state = this.queryClient.getQueryState(cutoverStatusQueryKey);
    if (state?.error instanceof StatusProblem) {
      this.problem = state.error;
      this.failures = state.fetchFailureCount;
      this.backoffLevel = state.fetchFailureCount;
    }
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
      streamBroken: this.streamFailures >= BACKOFF_CEILING_AFTER,
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
          void this.refresh();
        }
        this.emit();
      }),
    ];
    if (this.data === undefined || this.visible) void this.fetchStatus();
    else {
      this.schedulePoll('news');
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
    this.cancelRequest();
    this.emit();
  }

  /** The operator's "Retry now": skips the back-off, once (and lets the stream try at once too). */
  retryNow(): Promise<void> {
    // A click during a request joins it: one click, at most one request.
    if (this.inFlight) return this.inFlight.done;
    this.streamTimer.clear();
    return this.fetchStatus();
  }

  /**
   * After something changed on the server (the operator's Retry cutover, an invalidation, a
   * frame saying the run ended): a request already in flight may predate the change, so it is
   * replaced by a new one.
   */
  refresh(): Promise<void> {
    this.cancelRequest();
    return this.fetchStatus();
  }

  // ---- /status ------------------------------------------------------------------------------

  private cancelRequest(): void {
    if (!this.inFlight) return;
    this.inFlight.controller.abort();
    this.inFlight = undefined;
  }

  private fetchStatus(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.inFlight) return this.inFlight.done;
    this.pollTimer.clear();
    this.pollDueWhileHidden = false;
    const id = (this.requests += 1);
    const controller = new AbortController();
    const writesBefore = this.frameWrites;
    // The first request may be the one sent at boot: only if fresh, and only once. Its answer is
    // parsed and its errors classified below exactly like any other's (docs/performance.md).
    const initial = this.initialFetch;
    this.initialFetch = undefined;
    const early =
      initial && this.clock.now() - initial.startedAt <= INITIAL_FETCH_MAX_AGE_MS
        ? initial.take()
        : undefined;
    const current = () => this.running && this.inFlight?.id === id;
    const done = (early ?? this.fetchStatusFn(controller.signal))
      .then(
        (status) => {
          if (!current()) return; // replaced or cancelled: not an answer
          this.onAnswer(status, writesBefore, id);
        },
        (error: unknown) => {
          if (!current()) return;
          this.onFailure(classifyStatusError(error));
        },
      )
      .finally(() => {
        if (!current()) return;
        this.inFlight = undefined;
        this.schedulePoll('news');
        this.reconcileStream();
        this.emit();
      });
    this.inFlight = { id, controller, done };
    this.emit();
    return done;
  }

  private onAnswer(status: CutoverStatus, writesBefore: number, id: number): void {
    const now = this.clock.now();
    // A frame wrote newer news while this answer was on its way: keep the newer news
    // (docs/reliability.md, "old news never overwrites newer news"); it still proves the API up.
    if (this.frameWrites === writesBefore || this.data === undefined) {
      this.queryClient.setQueryData<CutoverStatus>(cutoverStatusQueryKey, status, {
        updatedAt: now,
      });
    }
    this.problem = undefined;
    this.failures = 0;
    this.healthySince ??= now;
    if (now - this.healthySince >= BACKOFF_FORGET_MS) this.backoffLevel = 0;
    this.newsAt = now;
    this.rememberProblem();
    if (this.warning && !this.warning.decided && id > this.warningDecidedBy) {
      const failed = cutoverPhase(this.data ?? status) === 'failed';
      this.warning = failed ? undefined : { ...this.warning, decided: true };
    }
  }

  private onFailure(problem: StatusProblem): void {
    this.problem = problem;
    this.healthySince = undefined;
    // 401/403/404 are answers, not an outage: they do not grow the back-off.
    if (problem.kind === 'unavailable' || problem.kind === 'invalid') {
      this.failures += 1;
      this.backoffLevel += 1;
    }
    this.rememberProblem();
  }

  /** The cache keeps the problem too, so a card mounted again shows it at once. */
  private rememberProblem(): void {
    const query = this.queryClient
      .getQueryCache()
      .build(this.queryClient, { queryKey: cutoverStatusQueryKey });
    const error = this.problem ?? null;
    if (query.state.error === error && query.state.fetchFailureCount === this.failures) return;
    query.setState({
      ...query.state,
      error,
      errorUpdatedAt: error ? this.clock.now() : query.state.errorUpdatedAt,
      fetchFailureCount: this.failures,
    });
  }

  /**
   * Plans the next `/status` request. `news`: right after an answer or a write, so a new
   * jittered delay is drawn; `keep`: the situation changed (the stream dropped, the tab came
   * back), so a cadence may tighten but a back-off already drawn stands; `relax`: the stream went
   * live, so the next request may only move later (going live never causes a request).
   */
  private schedulePoll(mode: 'news' | 'keep' | 'relax'): void {
    if (!this.running || this.inFlight) return;
    const delay = pollDelay({
      data: this.data,
      problem: this.problem?.kind,
      streamLive: this.streamHealth === 'live',
      streamBroken: this.streamFailures >= BACKOFF_CEILING_AFTER,
    });
    if (delay === false) {
      this.pollTimer.clear();
      return;
    }
    const planned = this.pollTimer.at;
    let at: number;
    if (delay === 'backoff' || delay === 'ceiling') {
      if (mode !== 'news' && planned !== undefined) return;
      const failures = delay === 'ceiling' ? BACKOFF_CEILING_AFTER : this.backoffLevel;
      at = this.clock.now() + failureDelay(failures, this.random(), this.problem?.retryAfterMs);
    } else {
      at = delay === 0 ? this.clock.now() : Math.max(this.clock.now(), this.newsAt + delay);
    }
    if (mode === 'relax' && planned !== undefined && at < planned) return;
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
      this.schedulePoll('keep');
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
      // `/status` failing makes the stream suspect: closed now, reopened on recovery, when its own
      // back-off allows (kept running meanwhile). An attempt closed before its snapshot failed.
      if (this.problem !== undefined && this.source !== undefined && !this.synced) {
        this.streamFailures += 1;
        this.streamTimer.set(
          this.clock.now() + backoffDelay(this.streamFailures, this.random()),
          () => {
            this.onStreamDue();
          },
        );
      }
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
      if (wasLive) this.schedulePoll('keep');
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
    // (and whether there is anything left to follow), in an answer asked for after the event.
    if (terminal) {
      const askedSince = this.inFlight !== undefined && this.inFlight.id > this.terminalAfter;
      if (!askedSince) void this.refresh();
    } else this.schedulePoll('keep');
    this.emit();
  }

  private onFrame(event: CutoverEvent): void {
    if (event.phase === 'cutover-status') {
      this.synced = true;
      this.snapshotTimer.clear();
      this.stableTimer.set(this.clock.now() + STREAM_STABLE_MS, () => {
        this.streamFailures = 0;
        this.emit();
      });
      this.write((old) => applySnapshot(old, event));
      // The snapshot may say Sovereign (a run that ended unseen): nothing is left to follow.
      if (this.source === undefined) {
        this.emit();
        return;
      }
      if (this.streamHealth !== 'live') {
        this.streamHealth = 'live';
        this.schedulePoll('relax');
      }
      this.emit();
      return;
    }
    // Everything before this connection's snapshot is the server's replay: old news.
    if (!this.synced) return;
    if (TERMINAL.has(event.phase)) {
      this.terminalSeen = true;
      this.terminalAfter = this.requests;
    }
    switch (event.phase) {
      case 'cutover-started':
        this.warning = undefined; // a new attempt: earlier warnings are about an earlier run
        this.write((status) => (status ? applyRunStarted(status, event) : status));
        break;
      case 'cutover-completed':
      case 'cutover-already-complete':
        void this.refresh(); // only /status may say Sovereign: ask it now, after the event
        break;
      case 'cutover-step-failed':
        if (event.step === undefined) {
          // Step-less: a seal or bridge failure. A warning until /status decides the run.
          this.warning = {
            message: event.message ?? 'The catalyst-api reported an error.',
            time: event.time,
            decided: false,
          };
          // Decided by the first good answer to a request made from now on.
          this.warningDecidedBy = this.requests;
          void this.refresh();
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

  /** Writes a frame into the cache, only when it changes something (docs/reliability.md). */
  private write(fold: (status: CutoverStatus | undefined) => CutoverStatus | undefined): void {
    if (this.problem !== undefined) return;
    const old = this.data;
    const next = fold(old);
    if (next === undefined || next === old || sameJson(next, old)) return;
    this.frameWrites += 1;
    this.newsAt = this.clock.now();
    this.queryClient.setQueryData<CutoverStatus>(cutoverStatusQueryKey, next, {
      updatedAt: this.newsAt,
    });
    this.schedulePoll('news');
    this.reconcileStream(); // news that ends the run (Sovereign) closes the stream
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
