import { HIDDEN_CLOSE_MS, type Clock, type PageVisibility } from './connection-types';
import { Timer } from './timer';

/** What the connection does when the operator comes and goes. */
export interface PresenceHandlers {
  /** The tab was shown or the window focused; `returned`: it had been hidden. */
  shown(returned: boolean): void;
  /** Hidden for HIDDEN_CLOSE_MS: the stream is not worth keeping open any more. */
  longHidden(): void;
}

/**
 * Whether the operator can see the card: polls pause while the tab is hidden and the stream
 * closes after it stayed hidden a while (docs/reliability.md). Runs on the connection's clock.
 */
export class TabPresence {
  visible = true;
  /** Shown now, or hidden for less than HIDDEN_CLOSE_MS. */
  recentlyVisible = true;
  private readonly hiddenTimer: Timer;

  constructor(
    private readonly visibility: PageVisibility,
    private readonly clock: Clock,
  ) {
    this.hiddenTimer = new Timer(clock);
  }

  /** Reads the page's visibility now and follows its changes; returns the unsubscribe. */
  follow(handlers: PresenceHandlers): () => void {
    this.visible = this.visibility.isVisible();
    this.recentlyVisible = this.visible;
    const unsubscribe = this.visibility.subscribe(() => {
      this.onChange(handlers);
    });
    return () => {
      unsubscribe();
      this.hiddenTimer.clear();
    };
  }

  private onChange(handlers: PresenceHandlers): void {
    if (!this.visibility.isVisible()) {
      if (!this.visible) return;
      this.visible = false;
      this.hiddenTimer.set(this.clock.now() + HIDDEN_CLOSE_MS, () => {
        this.recentlyVisible = false;
        handlers.longHidden();
      });
      return;
    }
    const returned = !this.visible;
    this.visible = true;
    this.hiddenTimer.clear();
    this.recentlyVisible = true;
    handlers.shown(returned);
  }
}
