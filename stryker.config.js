// @ts-check
/**
 * Mutation testing, `npm run test:mutation`: do the unit tests notice when the code they cover
 * changes? Scores go to the terminal (clear-text) and to reports/mutation/ (html, json).
 * Scoped to a few files: `npx stryker run --mutate src/lib/api-client.ts,src/lib/time.ts`.
 *
 * The component tests (`*.test.tsx`) are left out of the sandbox: they render the real routes
 * against the simulator in real time and take tens of seconds a file, which per mutant would take
 * hours on 2 cores. The React hooks have fast renderHook tests of their own (use-*.test.ts).
 * (They are left out by
 * `ignorePatterns`, not `testFiles`: with a test-file filter Stryker 9.6.1 activates import-time
 * mutants too late and reports them as survived.)
 *
 * Fixtures built at a test file's top level run at import time, outside any test: Stryker then
 * cannot tell which test covers the code they run. Build them inside the tests.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const config = {
  testRunner: 'vitest',
  // The repo's vitest config plus a reporter for test files a mutant stopped from loading.
  vitest: { configFile: 'tests/mutation/vitest.config.ts' },
  mutate: [
    'src/features/**/*.ts',
    'src/lib/**/*.ts',
    '!src/**/*.test.ts',
    '!src/**/*.stories.ts',
    '!src/**/*.d.ts',
  ],
  coverageAnalysis: 'perTest',
  // Two cores, shared: one Stryker at a time, two workers, and room for a busy machine before
  // a slow test run counts as a mutant that hangs (a "timeout" counts as killed).
  concurrency: 2,
  timeoutMS: 15_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { reportTests: false, maxTestsToLog: 0 },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  ignorePatterns: [
    '**/*.test.tsx',
    // Builds, screenshots and reports are not inputs.
    'dist',
    'dist-demo',
    'storybook-static',
    'coverage',
    'artifacts',
    'reports',
  ],
  thresholds: { high: 90, low: 80, break: null },
};

export default config;
