import type { QueryClient } from '@tanstack/query-core';
import type { CutoverStatus } from '../cutover';
import { cutoverPhase } from '../progress';
import { applySnapshot, type CutoverEvent } from '../events';
import {
  type Clock,
  type ConnectionOptions,
  type ConnectionSnapshot,
  type StreamWarning,
} from './connection-types';
import { EventStream } from './event-stream';
import { endsResponse, frameEffect } from './frame-effect';
import { planPoll, pollDelay, wantsStream, type PollMode } from './poll-policy';
import { cutoverStatusQueryKey } from './get-cutover-status';
import { StatusHealth } from './status-health';
import { StatusRequests } from './status-requests';
import { classifyStatusError } from './status-problem';
import { SnapshotStore } from './snapshot-store';
import { TabPresence } from './tab-presence';
import { Timer, alwaysVisible, realClock } from './timer';

export * from './connection-types';

/**
 * One plain module owns everything the console sends to the catalyst-api for the cutover card:
 * the `/status` polls, the event stream, their back-off, `Retry-After`, jitter and the tab's
 * visibility (docs/reliability.md). No React here: hooks adapt it (use-live-cutover.ts) and the
 * unit tests drive it with fake timers, a fake EventSource and an injected clock.
 *
 * The parsed status lives in one TanStack Query cache entry (`cutoverStatusQueryKey`), written by
 * the polls (through the query cache) and by stream frames; this module decides when to ask and
 * what a frame means. Its pieces: `StatusHealth` (the failure streak and the problem on screen),
 * `EventStream` (the EventSource, its snapshot and back-off), `poll-policy.ts` (the delays).
 */

const statusQueryHash = JSON.stringify(cutoverStatusQueryKey);

export class CutoverConnection {
  private readonly queryClient: QueryClient;
  private readonly clock: Clock;
  private readonly random: () => number;
  private unsubscribers: (() => void)[] = [];
  private running = false;

  // /status
  private readonly health: StatusHealth;
  private readonly requests: StatusRequests;
  private readonly pollTimer: Timer;
  /** The poll came due while the tab was hidden: it runs when the tab is shown. */
  private pollDueWhileHidden = false;
  /** Counts the writes of frames; an answer requested before the latest one is old news. */
  private frameWrites = 0;
  /** When the latest news (an answer or a frame that changed something) arrived, on `clock`. */
  private newsAt = 0;

  // the event stream
  private readonly stream: EventStream;
  /** The request count when the terminal frame came: a later request is asked after it. */
  private terminalAfter = 0;
  private warning: StreamWarning | undefined;
  /** Only an answer to a request made after the warning's event may decide it. */
  private warningDecidedBy = 0;

  private readonly tab: TabPresence;
  private readonly store: SnapshotStore<ConnectionSnapshot>;
  /** For `useSyncExternalStore`. */
  readonly subscribe: SnapshotStore<ConnectionSnapshot>['subscribe'];
  readonly getSnapshot: SnapshotStore<ConnectionSnapshot>['getSnapshot'];

  constructor(private readonly options: ConnectionOptions) {
    this.queryClient = options.queryClient;
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.tab = new TabPresence(options.visibility ?? alwaysVisible, this.clock);
    this.requests = new StatusRequests(options.fetchStatus, options.initialFetch, this.clock);
    this.pollTimer = new Timer(this.clock);
    this.stream = new EventStream(options.openStream, this.clock, this.random, {
      frame: (event, replayed) => {
        this.onFrame(event);
        this.options.onFrame?.(event, replayed);
      },
      wanted: () => this.shouldStream(),
      ended: (terminal) => {
        this.onStreamEnd(terminal);
      },
      // Polling tightens again when the stream stops feeding the cache.
      leftLive: () => {
        this.schedulePoll('keep');
      },
      changed: () => {
        this.emit();
      },
    });
    // The entry must outlive observers: nothing but this module reads it.
    this.queryClient.setQueryDefaults(cutoverStatusQueryKey, { gcTime: Infinity, retry: false });
    // A card mounted again (another page and back) picks up the problem the cache remembers.
    this.health = new StatusHealth(this.queryClient);
    this.store = new SnapshotStore(this.computeSnapshot());
    this.subscribe = this.store.subscribe;
    this.getSnapshot = this.store.getSnapshot;
  }

  private computeSnapshot(): ConnectionSnapshot {
    const state = this.queryClient.getQueryState<CutoverStatus>(cutoverStatusQueryKey);
    return {
      data: state?.data,
      dataUpdatedAt: state?.dataUpdatedAt ?? 0,
      problem: this.health.problem,
      failures: this.health.failures,
      nextPollAt: this.pollTimer.at,
      checking: this.requests.inFlightId !== undefined,
      stream: this.stream.health,
      streamBroken: this.stream.broken,
      warning: this.warning,
    };
  }

  private emit(): void {
    this.store.publish(this.computeSnapshot());
  }

  private get data(): CutoverStatus | undefined {
    return this.queryClient.getQueryData<CutoverStatus>(cutoverStatusQueryKey);
  }

  // ---- life cycle ----------------------------------------------------------------------------

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribers = [
      this.tab.follow({
        shown: (returned) => {
          this.onShown(returned);
        },
        longHidden: () => {
          this.reconcileStream();
          this.emit();
        },
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
    if (this.data === undefined || this.tab.visible) void this.fetchStatus();
    else {
      this.schedulePoll('news');
      this.reconcileStream();
    }
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.pollTimer.clear();
    this.stream.stop();
    this.requests.cancel();
    this.emit();
  }

  /** The operator's "Retry now": skips the back-off, once (and lets the stream try at once too). */
  retryNow(): Promise<void> {
    // A click during a request joins it: one click, at most one request.
    const pending = this.requests.pending;
    if (pending) return pending;
    this.stream.cancelRetry();
    return this.fetchStatus();
  }

  /**
   * After something changed on the server (the operator's Retry cutover, an invalidation, a
   * frame saying the run ended): a request already in flight may predate the change, so it is
   * replaced by a new one.
   */
  refresh(): Promise<void> {
    this.requests.cancel();
    return this.fetchStatus();
  }

  // ---- /status ------------------------------------------------------------------------------

  private fetchStatus(): Promise<void> {
    if (!this.running) return Promise.resolve();
    const pending = this.requests.pending;
    if (pending) return pending;
    this.pollTimer.clear();
    this.pollDueWhileHidden = false;
    const writesBefore = this.frameWrites;
    const done = this.requests.send(
      {
        answer: (status, id) => {
          this.onAnswer(status, writesBefore, id);
        },
        failure: (error) => {
          this.health.failed(classifyStatusError(error), this.clock.now());
        },
        settled: () => {
          this.schedulePoll('news');
          this.reconcileStream();
          this.emit();
        },
      },
      () => this.running,
    );
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
    this.newsAt = now;
    this.health.answered(now);
    if (this.warning && !this.warning.decided && id > this.warningDecidedBy) {
      const failed = cutoverPhase(this.data ?? status) === 'failed';
      this.warning = failed ? undefined : { ...this.warning, decided: true };
    }
  }

  /** Plans the next `/status` request (poll-policy.ts says when). */
  private schedulePoll(mode: PollMode): void {
    if (!this.running || this.requests.inFlightId !== undefined) return;
    const problem = this.health.problem;
    const plan = planPoll({
      delay: pollDelay({
        data: this.data,
        problem: problem?.kind,
        streamLive: this.stream.health === 'live',
        streamBroken: this.stream.broken,
      }),
      mode,
      planned: this.pollTimer.at,
      now: this.clock.now(),
      newsAt: this.newsAt,
      backoffLevel: this.health.backoffLevel,
      draw: this.random,
      retryAfterMs: problem?.retryAfterMs,
    });
    if (plan === 'none') this.pollTimer.clear();
    else if (plan !== 'keep') {
      this.pollTimer.set(plan, () => {
        this.onPollDue();
      });
    }
  }

  private onPollDue(): void {
    if (!this.tab.visible) {
      this.pollDueWhileHidden = true;
      this.emit();
      return;
    }
    void this.fetchStatus();
  }

  // ---- the tab ------------------------------------------------------------------------------

  /** The tab was shown, or the window got the focus back. */
  private onShown(returned: boolean): void {
    const data = this.data;
    const kind = this.health.problem?.kind;
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
      this.stream.available &&
      this.tab.recentlyVisible &&
      wantsStream(this.data, this.health.problem?.kind)
    );
  }

  private reconcileStream(): void {
    // `/status` failing makes the stream suspect: closed now, reopened on recovery, when its own
    // back-off allows.
    this.stream.reconcile(this.shouldStream(), this.health.problem !== undefined);
  }

  /** The stream ended; after a live terminal frame, /status says what it means. */
  private onStreamEnd(terminal: boolean): void {
    // Asked for in an answer requested after the event (and whether anything is left to follow).
    if (terminal) {
      const asked = this.requests.inFlightId;
      if (asked === undefined || asked <= this.terminalAfter) void this.refresh();
    } else this.schedulePoll('keep');
    this.emit();
  }

  private onFrame(event: CutoverEvent): void {
    if (event.phase === 'cutover-status') {
      this.stream.markSynced();
      this.write((old) => applySnapshot(old, event));
      // The snapshot may say Sovereign (a run that ended unseen): nothing is left to follow.
      if (this.stream.isOpen && this.stream.goLive()) this.schedulePoll('relax');
      this.emit();
      return;
    }
    // Everything before this connection's snapshot is the server's replay: old news.
    if (!this.stream.synced) return;
    if (endsResponse(event)) {
      this.stream.terminalSeen = true;
      this.terminalAfter = this.requests.count;
    }
    const effect = frameEffect(event);
    switch (effect.kind) {
      case 'write':
        if (effect.newRun) this.warning = undefined; // earlier warnings are about an earlier run
        this.write((status) => (status ? effect.fold(status) : status));
        break;
      case 'refresh':
        void this.refresh();
        break;
      case 'warning':
        this.warning = effect.warning;
        // Decided by the first good answer to a request made from now on.
        this.warningDecidedBy = this.requests.count;
        void this.refresh();
        break;
      case 'none':
        break;
    }
    this.emit();
  }

  /** Writes a frame into the cache, only when it changes something (docs/reliability.md). */
  private write(fold: (status: CutoverStatus | undefined) => CutoverStatus | undefined): void {
    if (this.health.problem !== undefined) return;
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
