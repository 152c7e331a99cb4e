/**
 * An external store for `useSyncExternalStore`: one immutable snapshot, computed by the subclass,
 * replaced only when a field changed (by identity), so a render is never asked for nothing.
 */
export abstract class SnapshotStore<T extends object> {
  private readonly listeners = new Set<() => void>();
  private snapshot: T | undefined;

  /** What the store says now. */
  protected abstract computeSnapshot(): T;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): T => (this.snapshot ??= this.computeSnapshot());

  /** Tells the listeners if the snapshot changed. */
  protected publish(): void {
    const previous = this.getSnapshot();
    const next = this.computeSnapshot();
    const same = (Object.keys(next) as (keyof T)[]).every((key) => next[key] === previous[key]);
    if (same) return;
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }
}
