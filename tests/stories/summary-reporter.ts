import type { Result } from 'axe-core';
import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** What Storybook's addon records per story test (`meta().reports`); the a11y addon adds axe's. */
interface StoryMeta {
  readonly storyId?: string;
  readonly reports?: readonly { type: string; result?: { incomplete?: readonly Result[] } }[];
}

/**
 * Ends `npm run test:stories` with what a person and CI need: per theme and viewport how many
 * stories passed and failed, the failed ones by name, what axe could not decide (its "incomplete"
 * results: contrast under a modal's backdrop, an ARIA attribute it is unsure of) listed for a
 * person to look at without failing the run, and one plain total line, `stories: N passed, M
 * failed`.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const projects = new Map<string, { passed: number; failed: number; skipped: number }>();
    const failed: TestCase[] = [];
    const review: string[] = [];
    let broken = 0;
    for (const module of testModules) {
      const tests = [...module.children.allTests()];
      // A stories file that could not even load counts as a failure, not as nothing.
      if (module.state() === 'failed' && tests.length === 0) {
        broken += 1;
        process.stdout.write(
          `\n✗ ${module.project.name}: ${module.relativeModuleId} did not load\n`,
        );
      }
      for (const test of tests) {
        const counts = projects.get(test.project.name) ?? { passed: 0, failed: 0, skipped: 0 };
        projects.set(test.project.name, counts);
        const { state } = test.result();
        if (state === 'passed') counts.passed += 1;
        // Left out by a filter (`-t`, a file name): not run, so neither passed nor failed.
        else if (state === 'skipped' || state === 'pending') counts.skipped += 1;
        else {
          counts.failed += 1;
          failed.push(test);
        }
        review.push(...undecided(test));
      }
    }

    const lines = [''];
    if (review.length > 0) {
      lines.push('axe could not decide (for a person to look at; not failures):');
      lines.push(...review.map((line) => `  review: ${line}`), '');
    }
    if (failed.length > 0) {
      lines.push('Failed:');
      lines.push(
        ...failed.map(
          (test) =>
            `  ✗ ${test.project.name} › ${test.module.relativeModuleId} › ${test.name}` +
            ` (${(test.meta() as StoryMeta).storyId ?? 'no story id'})`,
        ),
        '',
      );
    }
    const skipped = (count: number) => (count > 0 ? `, ${count} not run` : '');
    let passed = 0;
    let failures = broken;
    let left = 0;
    for (const [name, counts] of projects) {
      lines.push(
        `stories, ${name}: ${counts.passed} passed, ${counts.failed} failed${skipped(counts.skipped)}`,
      );
      passed += counts.passed;
      failures += counts.failed;
      left += counts.skipped;
    }
    lines.push(`stories: ${passed} passed, ${failures} failed${skipped(left)}`, '');
    process.stdout.write(lines.join('\n'));
  }
}

/** axe's "incomplete" results for one story test, without text nodes of only `→` or `·`. */
function undecided(test: TestCase): string[] {
  const meta = test.meta() as StoryMeta;
  const a11y = meta.reports?.find((report) => report.type === 'a11y');
  return (a11y?.result?.incomplete ?? []).flatMap((result) =>
    result.nodes
      .map((node) => ({
        node,
        why: [...node.any, ...node.all, ...node.none].map((check) => check.message).join('; '),
      }))
      // A text node of only "→" or "·" between elements: nothing to read, nothing to contrast.
      .filter(({ why }) => !/only non-text characters/.test(why))
      .map(
        ({ node, why }) =>
          `${test.project.name} › ${meta.storyId ?? test.fullName}: ${result.id} — ` +
          `${node.target.join(' ')}: ${why}`,
      ),
  );
}
