import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFocusKeeper } from './use-focus-keeper';

/**
 * The card's layout in small: a container with a heading (the keeper's target) and a control that
 * goes away with its view, and a control outside the container.
 */
function page() {
  const container = document.createElement('div');
  const heading = document.createElement('h2');
  heading.tabIndex = -1;
  heading.textContent = 'Sovereignty';
  const retry = document.createElement('button');
  retry.textContent = 'Retry cutover';
  const other = document.createElement('button');
  other.textContent = 'Other';
  const elsewhere = document.createElement('button');
  elsewhere.textContent = 'Elsewhere';
  container.append(heading, retry, other);
  document.body.append(container, elsewhere);
  return {
    container,
    heading,
    retry,
    other,
    elsewhere,
    containerRef: { current: container },
    headingRef: { current: heading },
  };
}

/** Removes the focused element as Chromium does: a focusout whose relatedTarget is null first. */
function removeFocusedLikeChromium(element: HTMLElement) {
  element.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: null }));
  element.remove();
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('useFocusKeeper', () => {
  it('moves focus to the target when the focused control inside the container disappears', () => {
    const { retry, heading, containerRef, headingRef } = page();
    const { rerender } = renderHook(
      ({ key }) => {
        useFocusKeeper(key, containerRef, headingRef);
      },
      {
        initialProps: { key: 'failed' },
      },
    );
    retry.focus();
    removeFocusedLikeChromium(retry);
    expect(document.body).toHaveFocus();
    rerender({ key: 'cutting-over' });
    expect(heading).toHaveFocus();
  });

  it('does so too where removing the focused element sends no focusout (jsdom, Firefox)', () => {
    const { retry, heading, containerRef, headingRef } = page();
    const { rerender } = renderHook(
      ({ key }) => {
        useFocusKeeper(key, containerRef, headingRef);
      },
      {
        initialProps: { key: 'failed' },
      },
    );
    retry.focus();
    retry.remove();
    rerender({ key: 'cutting-over' });
    expect(heading).toHaveFocus();
  });

  it('does nothing until the key changes', () => {
    const { retry, containerRef, headingRef } = page();
    const { rerender } = renderHook(
      ({ key }) => {
        useFocusKeeper(key, containerRef, headingRef);
      },
      {
        initialProps: { key: 'failed' },
      },
    );
    retry.focus();
    retry.remove();
    rerender({ key: 'failed' });
    expect(document.body).toHaveFocus();
  });

  it('leaves focus where it is when the focused control is still there', () => {
    const { retry, containerRef, headingRef } = page();
    const { rerender } = renderHook(
      ({ key }) => {
        useFocusKeeper(key, containerRef, headingRef);
      },
      {
        initialProps: { key: 'failed' },
      },
    );
    retry.focus();
    rerender({ key: 'failed:unavailable' });
    expect(retry).toHaveFocus();
  });

  it('still restores focus after it moved between controls inside the container', () => {
    const { retry, other, heading, containerRef, headingRef } = page();
    const { rerender } = renderHook(
      ({ key }) => {
        useFocusKeeper(key, containerRef, headingRef);
      },
      {
        initialProps: { key: 'failed' },
      },
    );
    retry.focus();
    other.focus();
    removeFocusedLikeChromium(other);
    rerender({ key: 'sovereign' });
    expect(heading).toHaveFocus();
  });

  it('also when the browser reports no active element at all', () => {
    const { retry, heading, containerRef, headingRef } = page();
    const { rerender } = renderHook(
      ({ key }) => {
        useFocusKeeper(key, containerRef, headingRef);
      },
      {
        initialProps: { key: 'failed' },
      },
    );
    retry.focus();
    retry.remove();
    const focus = vi.spyOn(heading, 'focus');
    const active = vi.spyOn(document, 'activeElement', 'get').mockReturnValue(null);
    rerender({ key: 'sovereign' });
    active.mockRestore();
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it('never steals focus that is elsewhere on the page', () => {
    const { retry, elsewhere, containerRef, headingRef } = page();
    const { rerender } = renderHook(
      ({ key }) => {
        useFocusKeeper(key, containerRef, headingRef);
      },
      {
        initialProps: { key: 'failed' },
      },
    );
    retry.focus();
    elsewhere.focus();
    rerender({ key: 'sovereign' });
    expect(elsewhere).toHaveFocus();
  });

  it('does not take focus back once it left the container, even if it is lost later', () => {
    const { retry, elsewhere, containerRef, headingRef } = page();
    const { rerender } = renderHook(
      ({ key }) => {
        useFocusKeeper(key, containerRef, headingRef);
      },
      {
        initialProps: { key: 'failed' },
      },
    );
    retry.focus();
    elsewhere.focus();
    removeFocusedLikeChromium(elsewhere);
    expect(document.body).toHaveFocus();
    rerender({ key: 'sovereign' });
    expect(document.body).toHaveFocus();
  });

  it('does not focus the target when focus was never inside the container', () => {
    const { containerRef, headingRef } = page();
    const { rerender } = renderHook(
      ({ key }) => {
        useFocusKeeper(key, containerRef, headingRef);
      },
      {
        initialProps: { key: 'loading' },
      },
    );
    expect(document.body).toHaveFocus();
    rerender({ key: 'waiting' });
    expect(document.body).toHaveFocus();
  });

  it('does nothing, and does not throw, without a container or a target', () => {
    const { retry, containerRef } = page();
    const noTarget = { current: null };
    const { rerender } = renderHook(
      ({ key }) => {
        useFocusKeeper(key, containerRef, noTarget);
      },
      {
        initialProps: { key: 'failed' },
      },
    );
    retry.focus();
    retry.remove();
    expect(() => {
      rerender({ key: 'sovereign' });
    }).not.toThrow();
    expect(document.body).toHaveFocus();

    const { headingRef } = page();
    const noContainer = { current: null };
    expect(() =>
      renderHook(() => {
        useFocusKeeper('failed', noContainer, headingRef);
      }),
    ).not.toThrow();
  });

  it('removes every listener it added to the container when unmounted', () => {
    const { container, containerRef, headingRef } = page();
    const added = vi.spyOn(container, 'addEventListener');
    const removed = vi.spyOn(container, 'removeEventListener');
    const { unmount } = renderHook(() => {
      useFocusKeeper('failed', containerRef, headingRef);
    });
    expect(added.mock.calls.map(([type]) => type).sort()).toEqual(['focusin', 'focusout']);
    unmount();
    expect(removed.mock.calls).toEqual(added.mock.calls);
  });

  it('follows a new container: the old one no longer counts', () => {
    const first = page();
    const second = page();
    const { rerender } = renderHook(
      ({ key, container }) => {
        useFocusKeeper(key, container, second.headingRef);
      },
      { initialProps: { key: 'failed', container: first.containerRef } },
    );
    rerender({ key: 'failed', container: second.containerRef });
    first.retry.focus();
    first.retry.remove();
    rerender({ key: 'sovereign', container: second.containerRef });
    expect(document.body).toHaveFocus();
  });
});
