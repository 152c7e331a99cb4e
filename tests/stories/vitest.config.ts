import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import chromium from '../chromium.json' with { type: 'json' };

/**
 * `npm run test:stories` (docs/component-review.md): every story tagged `test` is a Vitest test,
 * through Storybook's own Vitest addon, in Debian's Chromium (never a downloaded browser). Each
 * story runs twice, once per project below: its loaders, its play function, then axe (the a11y
 * addon, `parameters.a11y.test = 'error'` in .storybook/preview.tsx) and the checks of
 * tests/stories/setup.ts (theme applied, nothing wider than the viewport, no console error, no
 * uncaught error).
 *
 * Separate from vite.config.ts on purpose: `npm test` runs the unit tests only, and loading
 * Storybook for them would only slow them down.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

/** What the setup file checks after each story; read there with `inject('storyRun')`. */
export interface StoryRun {
  readonly theme: 'light' | 'dark';
  /** The viewport set from the `viewport` global (.storybook/preview.tsx's options). */
  readonly viewport: 'wide' | 'narrow';
  /** `STORY_SCREENSHOTS=<dir>`: a PNG of every story in this run goes there. */
  readonly screenshots?: string;
}

/** Written through Vitest's server, which only writes inside the repository (`server.fs`). */
const screenshots = process.env.STORY_SCREENSHOTS && resolve(root, process.env.STORY_SCREENSHOTS);
if (screenshots && relative(root, screenshots).startsWith('..')) {
  throw new Error(`STORY_SCREENSHOTS must be a directory inside ${root}, not ${screenshots}`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    storyRun: StoryRun;
  }
}

function storiesIn(run: StoryRun): TestProjectInlineConfiguration {
  return {
    plugins: [
      storybookTest({
        configDir: fileURLToPath(new URL('../../.storybook', import.meta.url)),
        // The toolbar's globals, for every story of this project. A story that sets its own
        // viewport (the Narrow ones) keeps it.
        initialGlobals: { theme: run.theme, viewport: { value: run.viewport, isRotated: false } },
      }),
    ],
    // The app's `@` alias (vite.config.ts); the addon brings Storybook's own Vite setup (React).
    resolve: { alias: { '@': fileURLToPath(new URL('../../src', import.meta.url)) } },
    test: {
      name: `${run.theme} ${run.viewport === 'wide' ? '1280' : '360'} px`,
      // The live run to Sovereign takes ~12 s, Loading ~21 s; a stuck story fails at 90 s.
      testTimeout: 90_000,
      hookTimeout: 90_000,
      provide: {
        storyRun: { ...run, ...(screenshots ? { screenshots } : {}) },
      },
      // Failure screenshots are attached to the test too: keep them with the rest (git-ignored).
      attachmentsDir: 'test-results/stories/attachments',
      setupFiles: ['tests/stories/setup.ts'],
      browser: {
        enabled: true,
        headless: true,
        provider: playwright({
          launchOptions: {
            executablePath: process.env.CHROMIUM_PATH ?? chromium.executablePath,
            args: chromium.args,
          },
          contextOptions: {
            reducedMotion: 'reduce',
            // Room for the widest story frame (1280 × 900) unscaled, so screenshots are 1:1.
            viewport: { width: 1280, height: 900 },
            permissions: ['clipboard-read', 'clipboard-write', 'notifications'],
          },
        }),
        instances: [{ browser: 'chromium' }],
        screenshotFailures: true,
        screenshotDirectory: `test-results/stories/${run.theme}-${run.viewport}`,
      },
    },
  };
}

export default defineConfig({
  root,
  test: {
    reporters: ['default', './tests/stories/summary-reporter.ts'],
    projects: [
      storiesIn({ theme: 'light', viewport: 'wide' }),
      storiesIn({ theme: 'dark', viewport: 'narrow' }),
    ],
  },
});
