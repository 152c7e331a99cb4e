import { describe, expect, it } from 'vitest';
import { afterNextPaint, FRAME_WAIT_MS } from './after-paint';

/** A window whose frames and timers run only when the test says so. */
function fakeWindow(visibilityState: DocumentVisibilityState = 'visible') {
  let frames: (() => void)[] = [];
  let nextId = 1;
  const timers = new Map<number, { run: () => void; ms: number }>();
  const win = {
    document: { visibilityState },
    requestAnimationFrame(callback: () => void) {
      frames.push(callback);
      return frames.length;
    },
    setTimeout(run: () => void, ms = 0) {
      timers.set(nextId, { run, ms });
      return nextId++;
    },
    clearTimeout(id: number) {
      timers.delete(id);
    },
  };
  return {
    win: win as unknown as Window,
    /** The browser's next frame: its callbacks, before its paint. */
    frame() {
      const due = frames;
      frames = [];
      for (const callback of due) callback();
    },
    /** The timers set for `ms` (0: the task queued after the frame), run once. */
    fire(ms: number) {
      for (const [id, timer] of [...timers]) {
        if (timer.ms !== ms) continue;
        timers.delete(id);
        timer.run();
      }
    },
    pendingTimers: () => [...timers.values()].map((timer) => timer.ms),
  };
}

/** Whether the promise has settled, once the microtasks queued so far have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('afterNextPaint', () => {
  it('resolves in a task queued from the next frame: after that frame is painted, not in it', async () => {
    const page = fakeWindow();
    const painted = afterNextPaint(page.win);
    expect(await settled(painted)).toBe(false);
    page.frame();
    // The frame's callbacks have run; its paint comes before the task they queued.
    expect(await settled(painted)).toBe(false);
    expect(page.pendingTimers()).toEqual([0]);
    page.fire(0);
    expect(await settled(painted)).toBe(true);
  });

  it('a frame clears the fallback timer: nothing is left to run', async () => {
    const page = fakeWindow();
    const painted = afterNextPaint(page.win);
    page.frame();
    page.fire(0);
    await painted;
    expect(page.pendingTimers()).toEqual([]);
  });

  it(`resolves after ${FRAME_WAIT_MS} ms when no frame comes (a page hidden meanwhile)`, async () => {
    const page = fakeWindow();
    const painted = afterNextPaint(page.win);
    expect(page.pendingTimers()).toEqual([FRAME_WAIT_MS]);
    page.fire(FRAME_WAIT_MS);
    expect(await settled(painted)).toBe(true);
  });

  it('resolves at once in a hidden page, which gets no frames and paints nothing', async () => {
    const page = fakeWindow('hidden');
    const painted = afterNextPaint(page.win);
    expect(await settled(painted)).toBe(true);
    expect(page.pendingTimers()).toEqual([]);
  });
});
