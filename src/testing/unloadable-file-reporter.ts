import type { RunnerTestCase, RunnerTestFile } from 'vitest';
import { experimental_getRunnerTask, type Reporter, type TestModule } from 'vitest/node';

/**
 * For mutation runs only. A mutant that makes a module throw at import (a constant parsed at load
 * time, such as TETHERED in cutover-state.ts) stops every test file that imports it from loading:
 * vitest fails those files, but they collect no tests, and Stryker's vitest runner (9.6.1) scores a
 * mutant by the failed tests it finds, so it counts that mutant as survived (stryker-js issue
 * #6150). This reporter gives each file that failed without collecting a test one failed test
 * carrying the file's own error, so such a mutant counts as killed. Files that loaded are left as
 * they are. Everyday runs need none of it: vitest already fails such a file.
 */
export default class UnloadableFileReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    for (const testModule of testModules) {
      const file: RunnerTestFile = experimental_getRunnerTask(testModule);
      if (file.result?.state !== 'fail' || file.tasks.length > 0) continue;
      // Only what the mutation runner reads from a test: vitest builds real tests itself.
      const loadFailure = {
        type: 'test',
        id: `${file.id}_load`,
        name: 'the test file loads',
        mode: 'run',
        file,
        result: { state: 'fail', errors: file.result.errors ?? [] },
        meta: {},
        // Read by vitest's own reporters when they print the failure.
        annotations: [],
        artifacts: [],
      };
      const test = loadFailure as unknown as RunnerTestCase;
      file.tasks.push(test);
    }
  }
}
