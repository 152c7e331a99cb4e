import { describe, expect, it, vi } from 'vitest';
import { fakeClock } from '@/testing/fake-clock';
import { HIDDEN_CLOSE_MS, type PageVisibility } from './connection-types';
import { TabPresence } from './tab-presence';

function fakePage() {
  let visible = true;
  const listeners = new Set<() => void>();
  const visibility: PageVisibility = {
    isVisible: () => visible,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const set = (value: boolean) => {
    visible = value;
    for (const listener of listeners) listener();
  };
  return { visibility, set, listeners };
}

describe('TabPresence: whether the operator can see the card', () => {
  it('counts as visible until a page says otherwise', () => {
    const page = fakePage();
    const tab = new TabPresence(page.visibility, fakeClock().clock);
    expect(tab.visible).toBe(true);
    expect(tab.recentlyVisible).toBe(true);
  });

  it('reads the page when it starts following it', () => {
    const page = fakePage();
    page.set(false);
    const tab = new TabPresence(page.visibility, fakeClock().clock);
    tab.follow({ shown: vi.fn(), longHidden: vi.fn() });
    expect(tab.visible).toBe(false);
    expect(tab.recentlyVisible).toBe(false);
  });

  it('says whether the operator came back or only focused the window again', () => {
    const page = fakePage();
    const shown = vi.fn();
    const tab = new TabPresence(page.visibility, fakeClock().clock);
    tab.follow({ shown, longHidden: vi.fn() });
    page.set(true); // a focus while visible
    page.set(false);
    page.set(true); // back from hidden
    expect(shown.mock.calls).toEqual([[false], [true]]);
  });

  it('hidden long enough, the stream is not worth keeping; back, it is again', () => {
    const page = fakePage();
    const time = fakeClock();
    const longHidden = vi.fn();
    const tab = new TabPresence(page.visibility, time.clock);
    const stop = tab.follow({ shown: vi.fn(), longHidden });
    page.set(false);
    time.advance(HIDDEN_CLOSE_MS - 1);
    expect(tab.recentlyVisible).toBe(true);
    time.advance(1);
    expect(tab.recentlyVisible).toBe(false);
    expect(longHidden).toHaveBeenCalledTimes(1);
    page.set(true);
    expect(tab.recentlyVisible).toBe(true);
    page.set(false);
    stop(); // stopped while hidden: no timer left behind, no listener
    expect(time.timers).toHaveLength(0);
    expect(page.listeners.size).toBe(0);
  });
});
