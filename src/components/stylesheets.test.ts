import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Scoped styles: each component has its own stylesheet, imported beside it, and every class a
 * stylesheet names belongs to that component's block (`.block`, `.block__part`, `.block--state`).
 * So no stylesheet styles another component's classes, and no generic class (`.lead`, `.muted`)
 * can come back. Shared tokens, resets and `.visually-hidden` live in src/app/global.css.
 */

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Classes any stylesheet may name: e2e tests, the bench and stories select by these. */
const SHARED = [
  'badge',
  'card',
  'skeleton',
  'shell',
  'page-title',
  'page-intro',
  'dashboard-grid',
  'visually-hidden',
];

/** The only classes global.css defines: everything else belongs to a component. */
const GLOBAL_CLASSES = ['visually-hidden', 'link-button', 'boot-error'];

/** Each stylesheet's block(s). A new stylesheet must be listed here, with its own block. */
const BLOCKS: Readonly<Record<string, readonly string[]>> = {
  'components/Alert.css': ['alert'],
  'components/Badge.css': ['badge'],
  'components/Button.css': ['button'],
  'components/Card.css': ['card'],
  'components/ConfirmDialog.css': ['confirm-dialog'],
  'components/CopyButton.css': ['copy'],
  'components/CopyableCommand.css': ['command'],
  'components/ExpandableText.css': ['expandable'],
  'components/SectionTitle.css': ['section-title'],
  'components/Skeleton.css': ['skeleton'],
  'components/Timestamp.css': ['timestamp'],
  'components/icons.css': ['icon'],
  'features/sovereignty/components/AttemptHistory.css': ['attempts'],
  'features/sovereignty/components/CuttingOverView.css': ['cutting-over-view'],
  'features/sovereignty/components/FailedView.css': ['failed-view'],
  'features/sovereignty/components/FailureHeadline.css': ['failure-headline'],
  'features/sovereignty/components/NewRunNotice.css': ['new-run'],
  'features/sovereignty/components/NotifyMe.css': ['notify'],
  'features/sovereignty/components/ProblemNotice.css': ['problem-notice'],
  'features/sovereignty/components/ProgressMeter.css': ['progress-meter'],
  'features/sovereignty/components/ProofDownload.css': ['proof'],
  'features/sovereignty/components/RetryCutover.css': ['retry'],
  'features/sovereignty/components/RunClockLine.css': ['run-clock'],
  'features/sovereignty/components/RunSummary.css': ['run-summary'],
  'features/sovereignty/components/SettledOverridesNotice.css': ['settled-overrides'],
  'features/sovereignty/components/SovereignView.css': ['sovereign-view'],
  'features/sovereignty/components/SovereigntyCard.css': ['sovereignty'],
  'features/sovereignty/components/StepDetails.css': ['step-details'],
  'features/sovereignty/components/StepList.css': ['step-list'],
  'features/sovereignty/components/StepTimes.css': ['step-times'],
  'features/sovereignty/components/StepToggle.css': ['step-toggle'],
  'features/sovereignty/components/StreamStatus.css': ['stream-status'],
  'features/sovereignty/components/WaitingView.css': ['waiting-view'],
  'app/FailureView.css': ['failure-view', 'failure-page'],
  // The skip link (Shell.tsx) and the theme selector (theme.tsx) keep their names for now.
  'app/Shell.css': ['shell', 'skip-link', 'theme-select'],
  'app/demo/DemoBar.css': ['demo-bar'],
};

const inFamily = (name: string, block: string) =>
  name === block || name.startsWith(`${block}__`) || name.startsWith(`${block}--`);

/**
 * The selectors of a stylesheet's style rules (inside @media too, not keyframe steps), each split
 * at its top-level commas. The project's CSS has no strings or nesting with braces in them.
 */
function selectorsOf(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const stack: ('group' | 'keyframes' | 'rule')[] = [];
  const selectors: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '{') {
      const prelude = text.slice(start, index).trim();
      if (stack.includes('keyframes')) stack.push('rule');
      else if (/^@(-\w+-)?keyframes\b/.test(prelude)) stack.push('keyframes');
      else if (prelude.startsWith('@')) stack.push('group');
      else {
        stack.push('rule');
        selectors.push(...splitTopLevel(prelude));
      }
      start = index + 1;
    } else if (char === '}') {
      stack.pop();
      start = index + 1;
    } else if (char === ';') {
      start = index + 1;
    }
  }
  return selectors;
}

function splitTopLevel(selectorList: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selectorList) {
    if (char === '(' || char === '[') depth++;
    if (char === ')' || char === ']') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts.filter(Boolean);
}

const classesOf = (selector: string) =>
  [...selector.replace(/\[[^\]]*\]/g, '').matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map(
    (match) => match[1] ?? '',
  );

/** What is wrong with a component stylesheet, one line per selector. */
function scopeProblems(css: string, blocks: readonly string[]): string[] {
  const problems: string[] = [];
  for (const selector of selectorsOf(css)) {
    const classes = classesOf(selector);
    const foreign = classes.filter(
      (name) => ![...blocks, ...SHARED].some((block) => inFamily(name, block)),
    );
    if (foreign.length > 0) {
      problems.push(`${selector}: .${foreign.join(', .')} is not ${blocks.join('/')}'s`);
    } else if (classes.length === 0) {
      problems.push(`${selector}: styles elements outside the component (no class of its own)`);
    }
  }
  return problems;
}

function stylesheets(dir: string): string[] {
  return readdirSync(join(SRC, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.css'))
    .map((file) => join(dir, file).split('\\').join('/'));
}

const ALL = [
  ...stylesheets('components'),
  ...stylesheets('features'),
  ...stylesheets('app').filter((file) => file !== 'app/global.css'),
];

describe('scopeProblems (the check itself)', () => {
  it('accepts the block, its parts and states, descendants and the shared classes', () => {
    const css = `.step-list { } .step-list__step--done .step-list__icon, .step-list p { }
      @media print { .step-list .card__footer { } } @keyframes spin { to { } }`;
    expect(scopeProblems(css, ['step-list'])).toEqual([]);
  });

  it('refuses a generic class, another component’s class, and a bare element rule', () => {
    const css = `.lead { } .step-list .stream-status__dot { } @media print { button { } }`;
    expect(scopeProblems(css, ['step-list'])).toEqual([
      ".lead: .lead is not step-list's",
      ".step-list .stream-status__dot: .stream-status__dot is not step-list's",
      'button: styles elements outside the component (no class of its own)',
    ]);
  });

  it('does not take a block for its prefix without the separator', () => {
    expect(scopeProblems('.steps { }', ['step'])).toEqual([".steps: .steps is not step's"]);
  });
});

describe('component stylesheets', () => {
  it('finds the stylesheets it checks', () => {
    expect(ALL.length).toBeGreaterThan(30);
  });

  it.each(ALL)('%s has a block of its own', (file) => {
    expect(BLOCKS[file], `add ${file} to BLOCKS with its block name`).toBeDefined();
  });

  it.each(ALL)('%s styles only its own block’s classes and the shared ones', (file) => {
    const css = readFileSync(join(SRC, file), 'utf8');
    expect(scopeProblems(css, BLOCKS[file] ?? [])).toEqual([]);
  });

  it.each(ALL)('%s is imported by a module beside it', (file) => {
    const dir = join(SRC, dirname(file));
    const importer = readdirSync(dir).find(
      (name) =>
        /\.tsx?$/.test(name) &&
        !/\.(test|stories)\.tsx?$/.test(name) &&
        readFileSync(join(dir, name), 'utf8').includes(`import './${basename(file)}';`),
    );
    expect(importer, `${relative(SRC, dir)}: nothing imports ${basename(file)}`).toBeDefined();
  });

  it('global.css defines tokens, resets and only the shared utility classes', () => {
    const css = readFileSync(join(SRC, 'app/global.css'), 'utf8');
    const classes = new Set(selectorsOf(css).flatMap(classesOf));
    expect([...classes].sort()).toEqual([...GLOBAL_CLASSES].sort());
  });
});
