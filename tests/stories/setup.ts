import type { ComposedStoryFn } from 'storybook/internal/types';
import { afterEach, beforeEach, expect, inject } from 'vitest';
import { page } from 'vitest/browser';

/**
 * Runs in Chromium around every story test (tests/stories/vitest.config.ts). Storybook's addon
 * has by then rendered the story, run its play function and axe; this adds what a story must also
 * hold to pass (docs/component-review.md, "Stories are tests"):
 *   - it has a play function: every story asserts what it shows;
 *   - no uncaught exception, unhandled rejection or `console.error` while it ran (an API call no
 *     handler answers is one: see `onUnhandledRequest` in .storybook/preview.tsx);
 *   - `<html data-theme>` is the theme of this run, as the toolbar sets it;
 *   - the page is as wide as the story's viewport (360 or 1280 px) and nothing is wider.
 */

const run = inject('storyRun');

/** The viewports of .storybook/preview.tsx (`parameters.viewport.options`). */
const WIDTHS: Record<string, number> = { narrow: 360, wide: 1280 };

let problems: string[] = [];

function describe(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

window.addEventListener('error', (event) => {
  problems.push(`uncaught: ${describe(event.error ?? event.message)}`);
});
window.addEventListener('unhandledrejection', (event) => {
  problems.push(`unhandled rejection: ${describe(event.reason)}`);
});

const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  problems.push(`console.error: ${args.map(describe).join(' ')}`);
  consoleError(...args);
};

beforeEach(() => {
  problems = [];
  // The story's frame gets the focus its own page has in Storybook: the clipboard (Copy buttons)
  // is writable only in a focused document (the permission is granted in the vitest config).
  window.focus();
  // Storybook's `layout: 'padded'` (the project default): 1rem around the story, so a story is
  // checked for overflow with the same room it has in Storybook.
  document.body.style.margin = '0';
  document.body.style.padding = '1rem';
  document.body.style.boxSizing = 'border-box';
});

afterEach(async (context) => {
  const story = (context as { story?: ComposedStoryFn }).story;
  expect(story, 'the test ran no story').toBeDefined();
  if (!story) return;
  const viewport = (story.globals.viewport as { value?: string } | undefined)?.value ?? '';
  const width = WIDTHS[viewport];
  if (run.screenshots !== undefined) {
    await page.screenshot({
      element: document.body,
      path: `${run.screenshots}/${story.id}.${run.theme}-${String(width)}.png`,
    });
  }
  expect(story.play, 'no play function: every story must assert what it shows').toBeDefined();
  expect(problems, 'errors while the story ran').toEqual([]);

  expect(document.documentElement.dataset.theme, '<html data-theme>').toBe(run.theme);

  expect(width, `the story's viewport global "${viewport}"`).toBeTypeOf('number');
  expect(window.innerWidth, 'the viewport width').toBe(width);
  const { scrollWidth, clientWidth } = document.documentElement;
  expect(scrollWidth - clientWidth, `pixels wider than the ${width} px viewport`).toBe(0);
});
