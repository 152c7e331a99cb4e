/**
 * How long to wait for a frame at most in a page that is shown: a frame can be late on a busy
 * machine, and React must not start before it for want of patience; but a page hidden meanwhile
 * gets no frames at all (`requestAnimationFrame` waits until it is shown again).
 */
export const FRAME_WAIT_MS = 1_000;

/**
 * Resolves once the browser has painted what the page holds now: after the next animation frame,
 * in a task of its own (a frame's callbacks run before its paint, a task queued from one runs after
 * it). The boot module waits for it between writing the badge and asking for React, so React's
 * download and its long first evaluation come after the frame that shows the badge, not before it
 * (docs/performance.md, "Fifth round"). A hidden page paints nothing: there it resolves at once.
 */
export function afterNextPaint(win: Window = window): Promise<void> {
  return new Promise((resolve) => {
    if (win.document.visibilityState === 'hidden') {
      resolve();
      return;
    }
    const timer = win.setTimeout(resolve, FRAME_WAIT_MS);
    win.requestAnimationFrame(() => {
      win.clearTimeout(timer);
      win.setTimeout(resolve, 0);
    });
  });
}
