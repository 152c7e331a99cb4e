import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:e2e`: real HTTP, real SSE, real Chromium, against the built files. Node
 * environment, one file at a time (each starts its own servers and browser), generous timeouts:
 * the simulator's fast clock keeps each cutover to a few seconds.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 90_000,
    hookTimeout: 90_000,
    teardownTimeout: 20_000,
    reporters: ['default', './tests/e2e/summary-reporter.ts'],
  },
});
