import { useEffect, useRef, type RefObject } from 'react';

/**
 * When the control that had focus inside `container` disappears (a Retry button once its work is
 * done, a notice that resolved), focus would fall to <body> and a keyboard or screen-reader user
 * would lose their place. Each time `key` changes, this moves focus to `target` instead, but only
 * if focus was inside the container and has been lost; it never steals focus from elsewhere.
 */
export function useFocusKeeper(
  key: unknown,
  container: RefObject<HTMLElement | null>,
  target: RefObject<HTMLElement | null>,
): void {
  const inside = useRef(false);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const onFocusIn = () => {
      inside.current = true;
    };
    const onFocusOut = (event: FocusEvent) => {
      const next = event.relatedTarget;
      // relatedTarget is null when the focused element is removed: focus was not moved away.
      if (next instanceof Node && !element.contains(next)) inside.current = false;
    };
    element.addEventListener('focusin', onFocusIn);
    element.addEventListener('focusout', onFocusOut);
    return () => {
      element.removeEventListener('focusin', onFocusIn);
      element.removeEventListener('focusout', onFocusOut);
    };
  }, [container]);

  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (inside.current && lost) target.current?.focus();
  }, [key, target]);
}
