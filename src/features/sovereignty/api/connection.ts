import type { CutoverStatus } from '../cutover';
import { cutoverPhase } from '../progress';
import { applySnapshot, type CutoverEvent } from '../events';
import { type Clock, type ConnectionOptions, type ConnectionSnapshot } from './connection-types';
import { EventStream } from './event-stream';
import { endsResponse, frameEffect } from './frame-effect';
import { planPoll, recheckOnReturn, wantsStream, type PollMode } from './poll-policy';
import { StatusCache } from './status-cache';
import { StatusHealth } from './status-health';
import { StatusRequests } from './status-requests';
import { WarningKeeper } from './stream-warning';
import { classifyStatusError } from './status-problem';
import { SnapshotStore } from './snapshot-store';
import { TabPresence } from './tab-presence';
import { Timer, alwaysVisible, realClock } from './timer';

export * from './connection-types';

/**
 * One plain module owns everything the console sends to the catalyst-api for the cutover card:
 * `/status` polls, the event stream, back-off, `Retry-After`, jitter, the tab's visibility
 * (docs/reliability.md). No React: use-live-cutover.ts adapts it; the unit tests drive it with
 * fake timers, a fake EventSource and an injected clock. It decides when to ask and what a frame
 * means; its pieces keep the rest: `StatusCache` (the one query cache entry), `StatusHealth` (the
 * failure streak, the problem on screen), `StatusRequests`, `EventStream`, `TabPresence`. It is
 * the card's external store: `subscribe` and `getSnapshot` (SnapshotStore).
 */

export class CutoverConnection extends SnapshotStore<ConnectionSnapshot> {
  private readonly clock: Clock;
  private readonly random: () => number;
  private unsubscribers: (() => void)[] = [];
  private running = false;

  // /status
  private readonly cache: StatusCache;
  private readonly health: StatusHealth;
  private readonly requests: StatusRequests;
  private readonly pollTimer: Timer;
  /** The poll came due while the tab was hidden: it runs when the tab is shown. */
  private pollDueWhileHidden = false;

  // the event stream
  private readonly stream: EventStream;
  private readonly warning = new WarningKeeper();

  private readonly tab: TabPresence;

  constructor(private readonly options: ConnectionOptions) {
    super();
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
      ended: (terminalAfter) => {
        this.onStreamEnd(terminalAfter);
      },
      // Polling tightens again when the stream stops feeding the cache.
      leftLive: () => {
        this.schedulePoll('keep');
      },
      changed: () => {
        this.emit();
      },
    });
    this.cache = new StatusCache(options.queryClient);
    // A card mounted again (another page and back) picks up the problem the cache remembers.
    this.health = new StatusHealth(options.queryClient);
  }

  protected computeSnapshot(): ConnectionSnapshot {
    return {
      data: this.cache.data,
      dataUpdatedAt: this.cache.updatedAt,
      problem: this.health.problem,
      failures: this.health.failures,
      nextPollAt: this.pollTimer.at,
      checking: this.requests.inFlightId !== undefined,
      stream: this.stream.health,
      streamBroken: this.stream.broken,
      warning: this.warning.current,
    };
  }

  private emit(): void {
    this.publish();
  }

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
      this.cache.follow(
        () => {
          this.emit();
        },
        () => void this.refresh(),
      ),
    ];
    if (this.cache.data === undefined || this.tab.visible) void this.fetchStatus();
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

  private fetchStatus(): Promise<void> {
    if (!this.running) return Promise.resolve();
    const pending = this.requests.pending;
    if (pending) return pending;
    this.pollTimer.clear();
    this.pollDueWhileHidden = false;
    const mark = this.cache.mark();
    const done = this.requests.send(
      {
        answer: (status, id) => {
          const now = this.clock.now();
          // It still proves the API up when a frame wrote newer news while it was on its way.
          this.cache.answered(status, now, mark);
          this.health.answered(now);
          this.warning.answered(id, () => cutoverPhase(this.cache.data ?? status) === 'failed');
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

  /** Plans the next `/status` request (poll-policy.ts says when). */
  private schedulePoll(mode: PollMode): void {
    if (!this.running || this.requests.inFlightId !== undefined) return;
    const problem = this.health.problem;
    const plan = planPoll({
      data: this.cache.data,
      problem: problem?.kind,
      streamLive: this.stream.health === 'live',
      streamBroken: this.stream.broken,
      mode,
      planned: this.pollTimer.at,
      now: this.clock.now(),
      newsAt: this.cache.newsAt,
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

  /** The tab was shown, or the window got the focus back. */
  private onShown(returned: boolean): void {
    if (this.pollDueWhileHidden || recheckOnReturn(this.cache.data, this.health.problem?.kind)) {
      void this.fetchStatus();
    } else if (returned) {
      this.reconcileStream();
      this.schedulePoll('keep');
    }
    this.emit();
  }

  private shouldStream(): boolean {
    return (
      this.running &&
      this.stream.available &&
      this.tab.recentlyVisible &&
      wantsStream(this.cache.data, this.health.problem?.kind)
    );
  }

  private reconcileStream(): void {
    // `/status` failing makes the stream suspect: closed now, reopened on recovery, when its own
    // back-off allows.
    this.stream.reconcile(this.shouldStream(), this.health.problem !== undefined);
  }

  /** The stream ended; after a live terminal frame, /status says what it means. */
  private onStreamEnd(terminalAfter: number | undefined): void {
    // Asked for in an answer requested after the event (and whether anything is left to follow).
    if (terminalAfter !== undefined) {
      const asked = this.requests.inFlightId;
      if (asked === undefined || asked <= terminalAfter) void this.refresh();
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
    if (endsResponse(event)) this.stream.terminalSeen(this.requests.count);
    const effect = frameEffect(event);
    switch (effect.kind) {
      case 'write':
        if (effect.newRun) this.warning.clear();
        this.write((status) => (status ? effect.fold(status) : status));
        break;
      case 'refresh':
        void this.refresh();
        break;
      case 'warning':
        this.warning.raise(effect.warning, this.requests.count);
        void this.refresh();
        break;
      // 'none': the frame changes nothing here.
    }
    this.emit();
  }

  /** Writes a frame into the cache, only when it changes something (docs/reliability.md). */
  private write(fold: (status: CutoverStatus | undefined) => CutoverStatus | undefined): void {
    if (this.health.problem !== undefined) return;
    if (!this.cache.write(fold, this.clock.now())) return;
    this.schedulePoll('news');
    this.reconcileStream(); // news that ends the run (Sovereign) closes the stream
  }
}
