import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatusProblem } from '../api/status-problem';
import type { CardState } from './card-state';
import { parseCutoverStatus, type CutoverStatus } from '../cutover';
import { faviconDataUrl } from '../tab-status';
import { tabSituation, useTabStatus } from './use-tab-status';

/** The card's states, built inside each test (never at import time: see stryker.config.js). */
const waiting = () => parseCutoverStatus({ state: 'tethered', cutoverComplete: false });
const cuttingOver = () =>
  parseCutoverStatus({
    state: 'tethered',
    steps: [
      { name: 'gitea-mirror', status: 'done', startedAt: '2026-05-04T10:00:00Z' },
      { name: 'harbor-projects', status: 'done', startedAt: '2026-05-04T10:01:00Z' },
      { name: 'harbor-prewarm', status: 'running', startedAt: '2026-05-04T10:02:00Z' },
    ],
  });
const failed = () =>
  parseCutoverStatus({
    state: 'tethered',
    failedStep: 'harbor-projects',
    steps: [
      { name: 'gitea-mirror', status: 'done', startedAt: '2026-05-04T10:00:00Z' },
      { name: 'harbor-projects', status: 'failed', startedAt: '2026-05-04T10:01:00Z' },
    ],
  });
const sovereign = () => parseCutoverStatus({ state: 'sovereign', cutoverComplete: true });

const unavailable = () => new StatusProblem('unavailable', 'Could not reach the catalyst-api.', {});

function shown(
  display: 'waiting' | 'cutting-over' | 'failed' | 'sovereign',
  status: CutoverStatus,
  problem?: StatusProblem,
): CardState {
  return { display, status, asOf: 0, checking: false, ...(problem ? { problem } : {}) };
}

const host = () => window.location.hostname;
const icons = () => [...document.head.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')];

const PAGE_TITLE = 'Sovereign console: Dashboard';

beforeEach(() => {
  vi.useFakeTimers();
  document.title = PAGE_TITLE;
});
afterEach(() => {
  vi.useRealTimers();
  document.head.replaceChildren();
});

describe('tabSituation', () => {
  it('says nothing but "loading" before the first answer', () => {
    expect(tabSituation({ display: 'loading' })).toEqual({ display: 'loading' });
  });

  it('names the problem when there is no data to show', () => {
    expect(tabSituation({ display: 'problem', problem: unavailable(), checking: false })).toEqual({
      display: 'problem',
      problem: 'unavailable',
    });
  });

  it('counts the steps done and in all for a data display', () => {
    expect(tabSituation(shown('cutting-over', cuttingOver()))).toEqual({
      display: 'cutting-over',
      problem: undefined,
      done: 2,
      total: 11,
    });
  });

  it('keeps the problem over stale data', () => {
    expect(tabSituation(shown('failed', failed(), unavailable()))).toEqual({
      display: 'failed',
      problem: 'unavailable',
      done: 1,
      total: 11,
    });
  });
});

describe('useTabStatus: the title', () => {
  it('leaves the page title alone while loading', () => {
    renderHook(() => {
      useTabStatus({ display: 'loading' });
    });
    expect(document.title).toBe(PAGE_TITLE);
    act(() => {
      vi.runOnlyPendingTimers();
    });
    expect(document.title).toBe(PAGE_TITLE);
  });

  it('says the state and the host, and puts the page title back on unmount', () => {
    const { unmount } = renderHook(() => {
      useTabStatus(shown('sovereign', sovereign()));
    });
    expect(document.title).toBe(`Sovereign · ${host()}`);
    unmount();
    expect(document.title).toBe(PAGE_TITLE);
  });

  it('shows the progress while cutting over', () => {
    renderHook(() => {
      useTabStatus(shown('cutting-over', cuttingOver()));
    });
    expect(document.title).toBe(`2/11 · Cutting over · ${host()}`);
  });

  it('says the problem rather than the stale state under it', () => {
    renderHook(() => {
      useTabStatus(shown('cutting-over', cuttingOver(), unavailable()));
    });
    expect(document.title).toBe(`Unavailable · ${host()}`);
  });

  it('goes back on top after the page sets its own title in a later effect', () => {
    renderHook(() => {
      useTabStatus(shown('failed', failed()));
    });
    document.title = PAGE_TITLE; // the route's own effect, after the card's
    act(() => {
      vi.advanceTimersByTime(0);
    });
    expect(document.title).toBe(`Failed · ${host()}`);
  });

  it('unmounted before that happens, it leaves the page title in place', () => {
    const { unmount } = renderHook(() => {
      useTabStatus(shown('failed', failed()));
    });
    unmount();
    act(() => {
      vi.runOnlyPendingTimers();
    });
    expect(document.title).toBe(PAGE_TITLE);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('follows the state, and still restores the page title at the end', () => {
    const { rerender, unmount } = renderHook(
      ({ state }) => {
        useTabStatus(state);
      },
      { initialProps: { state: shown('cutting-over', cuttingOver()) } },
    );
    expect(document.title).toBe(`2/11 · Cutting over · ${host()}`);
    rerender({ state: shown('sovereign', sovereign()) });
    expect(document.title).toBe(`Sovereign · ${host()}`);
    act(() => {
      vi.runOnlyPendingTimers();
    });
    expect(document.title).toBe(`Sovereign · ${host()}`);
    unmount();
    expect(document.title).toBe(PAGE_TITLE);
  });
});

describe('useTabStatus: the favicon', () => {
  it('adds no icon while loading', () => {
    renderHook(() => {
      useTabStatus({ display: 'loading' });
    });
    expect(icons()).toHaveLength(0);
  });

  it('adds an SVG icon when the page has none, and removes it on unmount', () => {
    const { unmount } = renderHook(() => {
      useTabStatus(shown('sovereign', sovereign()));
    });
    const [icon, ...more] = icons();
    expect(more).toHaveLength(0);
    expect(icon?.parentElement).toBe(document.head);
    expect(icon?.getAttribute('rel')).toBe('icon');
    expect(icon?.getAttribute('href')).toBe(faviconDataUrl('sovereign'));
    expect(icon?.getAttribute('type')).toBe('image/svg+xml');
    unmount();
    expect(icons()).toHaveLength(0);
  });

  it('fills the progress ring by the share of steps done', () => {
    renderHook(() => {
      useTabStatus(shown('cutting-over', cuttingOver()));
    });
    expect(icons()[0]?.getAttribute('href')).toBe(faviconDataUrl('progress', 2 / 11));
    expect(faviconDataUrl('progress', 2 / 11)).not.toBe(faviconDataUrl('progress', 0));
  });

  it('shows the unavailable mark for a problem, with or without data', () => {
    const { rerender } = renderHook(
      ({ state }) => {
        useTabStatus(state);
      },
      {
        initialProps: {
          state: { display: 'problem', problem: unavailable(), checking: false } as CardState,
        },
      },
    );
    expect(icons()[0]?.getAttribute('href')).toBe(faviconDataUrl('unavailable'));
    rerender({ state: shown('waiting', waiting(), unavailable()) });
    expect(icons()[0]?.getAttribute('href')).toBe(faviconDataUrl('unavailable'));
  });

  it("borrows the page's own icon and gives back its href and type on unmount", () => {
    const own = document.createElement('link');
    own.rel = 'shortcut icon';
    own.setAttribute('href', './favicon.png');
    own.setAttribute('type', 'image/png');
    document.head.append(own);
    const { unmount } = renderHook(() => {
      useTabStatus(shown('waiting', waiting()));
    });
    expect(icons()).toEqual([own]);
    expect(own).toHaveAttribute('href', faviconDataUrl('waiting'));
    expect(own).toHaveAttribute('type', 'image/svg+xml');
    unmount();
    expect(icons()).toEqual([own]);
    expect(own).toHaveAttribute('href', './favicon.png');
    expect(own).toHaveAttribute('type', 'image/png');
  });

  it('removes the attributes the page icon did not have', () => {
    const own = document.createElement('link');
    own.rel = 'icon';
    own.setAttribute('href', './favicon.svg');
    document.head.append(own);
    const { unmount } = renderHook(() => {
      useTabStatus(shown('failed', failed()));
    });
    expect(own).toHaveAttribute('type', 'image/svg+xml');
    unmount();
    expect(own).toHaveAttribute('href', './favicon.svg');
    expect(own).not.toHaveAttribute('type');
  });

  it('changes the mark with the state, on the same single icon', () => {
    const { rerender, unmount } = renderHook(
      ({ state }) => {
        useTabStatus(state);
      },
      { initialProps: { state: shown('cutting-over', cuttingOver()) } },
    );
    rerender({ state: shown('failed', failed()) });
    expect(icons()).toHaveLength(1);
    expect(icons()[0]?.getAttribute('href')).toBe(faviconDataUrl('failed'));
    unmount();
    expect(icons()).toHaveLength(0);
  });
});
