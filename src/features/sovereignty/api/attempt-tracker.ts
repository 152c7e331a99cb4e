import type { CutoverStatus } from '../cutover';
import type { CutoverEvent } from '../events';
import {
  observeAttempt,
  parseStoredHistory,
  type AttemptHistory,
  type AttemptObservation,
  type NewRunNotice,
} from '../attempts';

/**
 * Keeps the attempts this browser saw (docs/after-the-run.md): folds what the connection observes
 * (its cached status, and every frame through its `onFrame` observer, replayed ones included)
 * with the pure reducer in attempts.ts, and keeps the result in sessionStorage for this browser
 * session only. Plain TypeScript with subscribe/getSnapshot, like the connection; the card reads
 * it with useSyncExternalStore.
 */

/** The part of `Storage` used; `undefined` where there is none (or it throws on access). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface AttemptSnapshot {
  readonly history: AttemptHistory;
  /** A new run seen while this page was open; until the operator dismisses it. */
  readonly notice: NewRunNotice | undefined;
}

export interface AttemptTrackerOptions {
  readonly storage: StorageLike | undefined;
  readonly key: string;
  readonly now?: () => number;
}

/** What the tracker needs of the connection: its snapshot's status. */
export interface StatusSource {
  subscribe(listener: () => void): () => void;
  getSnapshot(): { readonly data: CutoverStatus | undefined };
}

export class AttemptTracker {
  private readonly storage: StorageLike | undefined;
  private readonly key: string;
  private readonly now: () => number;
  private readonly listeners = new Set<() => void>();
  private snapshot: AttemptSnapshot;
  private lastStatus: CutoverStatus | undefined;

  constructor(options: AttemptTrackerOptions) {
    this.storage = options.storage;
    this.key = options.key;
    this.now = options.now ?? Date.now;
    let stored: string | null = null;
    try {
      stored = this.storage?.getItem(this.key) ?? null;
    } catch {
      // Storage refused (private mode, disabled): start empty, keep going in memory.
    }
    this.snapshot = { history: parseStoredHistory(stored), notice: undefined };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): AttemptSnapshot => this.snapshot;

  /** Observes the status the connection holds, now and whenever it changes. */
  follow(source: StatusSource): () => void {
    const check = () => {
      this.observeStatus(source.getSnapshot().data);
    };
    check();
    return source.subscribe(check);
  }

  observeStatus(status: CutoverStatus | undefined): void {
    if (status === undefined || status === this.lastStatus) return;
    this.lastStatus = status;
    this.observe({ kind: 'status', status, at: new Date(this.now()).toISOString() });
  }

  readonly observeFrame = (event: CutoverEvent, replayed: boolean): void => {
    this.observe({ kind: 'frame', event, replayed });
  };

  dismissNotice(): void {
    if (this.snapshot.notice === undefined) return;
    this.snapshot = { ...this.snapshot, notice: undefined };
    this.emit();
  }

  private observe(observation: AttemptObservation): void {
    const { history, notice } = observeAttempt(this.snapshot.history, observation);
    // A notice always comes with the new attempt it announces, so an unchanged history means
    // there is nothing to say either.
    if (JSON.stringify(history) === JSON.stringify(this.snapshot.history)) return;
    this.snapshot = { history, notice: notice ?? this.snapshot.notice };
    this.save(history);
    this.emit();
  }

  private save(history: AttemptHistory): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(history));
    } catch {
      // Full or refused: the history stays in memory for this page.
    }
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * sessionStorage, or undefined where reading it throws: some private modes and sandboxed frames
 * (a SecurityError), or no such global at all (a ReferenceError).
 */
export function sessionStorageOrNone(): StorageLike | undefined {
  let storage: StorageLike | undefined;
  try {
    storage = sessionStorage;
  } catch {
    // Refused or absent: no storage, the history lives in memory for this page.
  }
  return storage;
}
