import type { CutoverStatus } from '../cutover';
import { INITIAL_FETCH_MAX_AGE_MS, type Clock, type InitialStatusFetch } from './connection-types';

/** What becomes of one request; none of it runs for a request replaced or cancelled. */
export interface RequestHandlers {
  answer(status: CutoverStatus, id: number): void;
  failure(error: unknown): void;
  /** After `answer` or `failure`, once the request is no longer in flight. */
  settled(): void;
}

interface InFlight {
  readonly id: number;
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

/**
 * The `/status` requests of one connection: at most one in flight, each numbered and with its
 * own AbortController, so an answer to a request that was replaced or cancelled is ignored. The
 * first may be the one the entry sent at boot (docs/performance.md): used only if fresh, once.
 */
export class StatusRequests {
  private inFlight: InFlight | undefined;
  /** Requests sent so far; the latest one's id. */
  count = 0;
  private initial: InitialStatusFetch | undefined;

  constructor(
    private readonly fetchStatus: (signal: AbortSignal) => Promise<CutoverStatus>,
    initial: InitialStatusFetch | undefined,
    private readonly clock: Clock,
  ) {
    this.initial = initial;
  }

  /** The id of the request in flight, if any. */
  get inFlightId(): number | undefined {
    return this.inFlight?.id;
  }

  /** The request in flight, joined; undefined when there is none. */
  get pending(): Promise<void> | undefined {
    return this.inFlight?.done;
  }

  /**
   * Sends a request; `isActive` is asked before each handler (a stopped connection hears
   * nothing). Its answer is parsed and its errors classified by the caller, boot request or not.
   */
  send(handlers: RequestHandlers, isActive: () => boolean): Promise<void> {
    const id = (this.count += 1);
    const controller = new AbortController();
    const initial = this.initial;
    this.initial = undefined;
    const early =
      initial && this.clock.now() - initial.startedAt <= INITIAL_FETCH_MAX_AGE_MS
        ? initial.take()
        : undefined;
    const current = () => isActive() && this.inFlight?.id === id;
    const done = (early ?? this.fetchStatus(controller.signal))
      .then(
        (status) => {
          if (current()) handlers.answer(status, id); // else replaced or cancelled: not an answer
        },
        (error: unknown) => {
          if (current()) handlers.failure(error);
        },
      )
      .finally(() => {
        if (!current()) return;
        this.inFlight = undefined;
        handlers.settled();
      });
    this.inFlight = { id, controller, done };
    return done;
  }

  cancel(): void {
    if (!this.inFlight) return;
    this.inFlight.controller.abort();
    this.inFlight = undefined;
  }
}
