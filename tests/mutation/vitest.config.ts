/**
 * The vitest configuration Stryker runs the unit tests with (stryker.config.js): the repo's own,
 * plus a reporter that makes a mutant which stops a module from loading count as killed
 * (src/testing/unloadable-file-reporter.ts, docs/testing.md "Mutation testing"). Everyday runs use
 * vite.config.ts directly and need none of it.
 */
import { defineConfig } from 'vitest/config';
import base from '../../vite.config';
import UnloadableFileReporter from '../../src/testing/unloadable-file-reporter';

export default defineConfig((env) => {
  const resolved = base(env);
  return {
    ...resolved,
    test: { ...resolved.test, reporters: ['default', new UnloadableFileReporter()] },
  };
});
