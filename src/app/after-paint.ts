/**
 * How long to wait for a frame at most: a page in a background tab gets no frames at all
 * (`requestAnimationFrame` waits until it is shown), and the console must still start there.
 */
export const FRAME_WAIT_MS = 100;

/**
 * Resolves once the browser has painted what the page holds now: after the next animation frame,
 * in a task of its own (a frame's callbacks run before its paint, a task queued from one runs after
 * it). The boot module waits for it between writing the badge and asking for React, so React's
 * download and its long first evaluation come after the frame that shows the badge, not before it
 * (docs/performance.md, "Fifth round"). No later than `FRAME_WAIT_MS` when no frame comes.
 */
export function afterNextPaint(win: Window = window): Promise<void> {
  return new Promise((resolve) => {
    const timer = win.setTimeout(resolve, FRAME_WAIT_MS);
    win.requestAnimationFrame(() => {
      win.clearTimeout(timer);
      win.setTimeout(resolve, 0);
    });
  });
}
