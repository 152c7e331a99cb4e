/**
 * An external store for `useSyncExternalStore`: one immutable snapshot, replaced only when a
 * field changed (by identity), so a render is never asked for nothing.
 */
export class SnapshotStore<T extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(private snapshot: T) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): T => this.snapshot;

  /** Publishes `next` and tells the listeners, unless every field is the one they have. */
  publish(next: T): void {
    const previous = this.snapshot;
    const same = (Object.keys(next) as (keyof T)[]).every((key) => next[key] === previous[key]);
    if (same) return;
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }
}
