/**
 * The repository explains itself: every rule the code relies on is written in docs/, and comments
 * cite docs/… rather than product documents a maintainer with only the repository does not have.
 * This test keeps it so:
 *
 * - no tracked file names the product's design, contract, stack or style documents, nor a path
 *   into the shared folder beside the repository;
 * - every page of docs/ a file mentions exists, and every "§N", "rule N" or quoted section title
 *   written right after it names something that page has (console-rules.md numbers its rules as
 *   "Rule N" headings, cutover-contract.md its sections as "§N" headings);
 * - every relative link in the Markdown pages leads to a file, and to a heading of it when it
 *   names one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// Spelled in pieces, so this file does not cite them itself.
const SHARED = 'shared';
const OUTSIDE_DOCS = ['DESIGN', ['CUTOVER', 'API'].join('-'), 'STACK', 'STYLE'].map(
  (name) => `${name}.md`,
);
const OUTSIDE_CITATION = new RegExp(
  [
    String.raw`\b(?:${OUTSIDE_DOCS.map((name) => name.replace('.', String.raw`\.`)).join('|')})\b`,
    String.raw`(?:\.\./|/work/)${SHARED}/`,
    String.raw`\b${SHARED}/(?:contract|DESIGN|STACK|STYLE)`,
  ].join('|'),
);

/**
 * Files still being rewritten on other branches of issue 13 (they cite the documents outside the
 * repository until those branches land). Each entry must still need its exemption, so the list
 * can only shrink: once a branch has landed, this test says which entry to delete.
 */
const PENDING_OUTSIDE_CITATIONS: readonly string[] = [];

/** Not read: generated, or not text. */
const NOT_READ = [/^package-lock\.json$/, /^public\/mockServiceWorker\.js$/, /\.(png|ico|woff2?)$/];

// ---- the files -------------------------------------------------------------------------------

/**
 * What git tracks. Outside a git checkout of this very folder (Stryker's sandbox copies the
 * project into .stryker-tmp/), the folder is walked instead, skipping what .gitignore names.
 */
function repositoryFiles(): string[] {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (resolve(top) === ROOT) {
      const listed = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
      // A file deleted in the working tree but not yet in the index is not there to read.
      return listed.split('\0').filter((file) => file !== '' && existsSync(join(ROOT, file)));
    }
  } catch {
    // no git here: walk the folder below
  }
  return walk('');
}

function walk(folder: string): string[] {
  const ignored = gitignored();
  const files: string[] = [];
  for (const name of readdirSync(join(ROOT, folder))) {
    if (name === '.git' || ignored(name)) continue;
    const path = folder === '' ? name : `${folder}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) files.push(...walk(path));
    else files.push(path);
  }
  return files;
}

function gitignored(): (name: string) => boolean {
  const patterns = readFileSync(join(ROOT, '.gitignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/\/$/, ''))
    .filter((line) => line !== '' && !line.startsWith('#'));
  return (name) =>
    patterns.some((pattern) =>
      pattern.startsWith('*') ? name.endsWith(pattern.slice(1)) : name === pattern,
    );
}

// ---- what a Markdown page has ------------------------------------------------------------------

interface DocOutline {
  /** Heading texts, as written (without the leading #s). */
  readonly headings: readonly string[];
  /** GitHub's anchors for those headings, plus explicit `id="…"` anchors. */
  readonly anchors: ReadonlySet<string>;
  /** "§N" of headings that start with it (`## §2 …`, `### §2.1 …`). */
  readonly sections: ReadonlySet<string>;
  /** "Rule N" headings, and numbered items under a heading that speaks of rules. */
  readonly rules: ReadonlySet<number>;
  /** Bold lead-ins (`**The request budget.**`), which pages use as small titles. */
  readonly boldTitles: readonly string[];
}

/** GitHub's heading anchor: lower case, punctuation and symbols dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

function outline(markdown: string): DocOutline {
  const headings: string[] = [];
  const anchors = new Set<string>();
  const sections = new Set<string>();
  const rules = new Set<number>();
  const seen = new Map<string, number>();
  let inFence = false;
  let underRules = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    for (const match of line.matchAll(/\bid="([^"]+)"/g)) anchors.add(match[1] ?? '');
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const text = heading[1] ?? '';
      headings.push(text);
      const slug = githubSlug(text);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
      const section = /^§(\d+(?:\.\d+)*)\b/.exec(text);
      if (section) sections.add(section[1] ?? '');
      const rule = /^rule (\d+)\b/i.exec(text);
      if (rule) rules.add(Number(rule[1]));
      underRules = /\brules?\b/i.test(text);
      continue;
    }
    const item = /^(\d+)\.\s/.exec(line);
    if (underRules && item) rules.add(Number(item[1]));
  }
  const boldTitles = [...markdown.matchAll(/\*\*([^*]+)\*\*/g)].map((match) => match[1] ?? '');
  return { headings, anchors, sections, rules, boldTitles };
}

function hasTitle(doc: DocOutline, title: string): boolean {
  const wanted = title.toLowerCase();
  const plain = (text: string) => text.replace(/`/g, '').toLowerCase();
  return (
    doc.headings.some((heading) => plain(heading).includes(wanted)) ||
    doc.boldTitles.some((bold) => plain(bold).startsWith(wanted))
  );
}

// ---- citations ---------------------------------------------------------------------------------

interface Citation {
  /** The cited page, from the repository's root (`docs/console-rules.md`). */
  readonly doc: string;
  readonly anchor?: string;
  readonly sections: readonly string[];
  readonly rules: readonly number[];
  readonly titles: readonly string[];
  readonly line: number;
}

// What follows a mention and still belongs to it: up to a closing parenthesis, a semicolon, the
// end of a sentence or the next page named.
const CITATION_END = /[);]|\.(?:\s|$)|[\w-]+\.md\b/;

function citationTail(rest: string): Pick<Citation, 'sections' | 'rules' | 'titles'> {
  const end = CITATION_END.exec(rest);
  const tail = end ? rest.slice(0, end.index) : rest;
  const sections = [...tail.matchAll(/§(\d+(?:\.\d+)*)/g)].map((match) => match[1] ?? '');
  const rules: number[] = [];
  for (const match of tail.matchAll(/\brules?\s+(\d+(?:(?:\s*,\s*|\s+and\s+|\s+or\s+)\d+)*)/gi)) {
    for (const number of (match[1] ?? '').matchAll(/\d+/g)) rules.push(Number(number[0]));
  }
  const titles = [...tail.matchAll(/"([^"]+)"|“([^”]+)”/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );
  return { sections, rules, titles };
}

/**
 * The pages a file cites. Anywhere: `docs/<page>.md` (with `#anchor`). In a Markdown page also its
 * relative links, and a bare `x.md` that is followed by a "§N" or "rule N" (`reliability.md
 * rule 6`), both resolved from the page's folder.
 */
function citations(file: string, text: string): Citation[] {
  const found: Citation[] = [];
  const isMarkdown = file.endsWith('.md');
  const folder = posix.dirname(file);
  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    for (const match of content.matchAll(/(?<![\w./-])docs\/([\w.-]+\.md)(?:#([\w-]+))?/g)) {
      const rest = content.slice(match.index + match[0].length);
      found.push({
        doc: `docs/${match[1] ?? ''}`,
        ...(match[2] ? { anchor: match[2] } : {}),
        ...citationTail(rest),
        line,
      });
    }
    if (!isMarkdown) return;
    for (const match of content.matchAll(
      /\]\((?!https?:|mailto:|#)([^)#\s]+\.md)(?:#([^)\s]+))?\)/g,
    )) {
      found.push({
        doc: posix.normalize(posix.join(folder, match[1] ?? '')),
        ...(match[2] ? { anchor: match[2] } : {}),
        sections: [],
        rules: [],
        titles: [],
        line,
      });
    }
    for (const match of content.matchAll(/(?<![\w./-]|\]\()([\w-]+\.md)\b/g)) {
      const tail = citationTail(content.slice(match.index + match[0].length));
      if (tail.sections.length === 0 && tail.rules.length === 0) continue;
      found.push({ doc: posix.normalize(posix.join(folder, match[1] ?? '')), ...tail, line });
    }
  });
  return found;
}

/** What is wrong with the citations in one file: `file:line: …`, empty when nothing is. */
function citationProblems(
  file: string,
  text: string,
  read: (doc: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  const outlines = new Map<string, DocOutline | undefined>();
  const outlineOf = (doc: string) => {
    if (!outlines.has(doc)) {
      const markdown = read(doc);
      outlines.set(doc, markdown === undefined ? undefined : outline(markdown));
    }
    return outlines.get(doc);
  };
  for (const citation of citations(file, text)) {
    const where = `${file}:${String(citation.line)}`;
    const doc = outlineOf(citation.doc);
    if (doc === undefined) {
      problems.push(`${where}: ${citation.doc} does not exist`);
      continue;
    }
    if (citation.anchor !== undefined && !doc.anchors.has(citation.anchor)) {
      problems.push(`${where}: ${citation.doc} has no heading #${citation.anchor}`);
    }
    for (const section of citation.sections) {
      if (!doc.sections.has(section)) problems.push(`${where}: ${citation.doc} has no §${section}`);
    }
    for (const rule of citation.rules) {
      if (!doc.rules.has(rule)) problems.push(`${where}: ${citation.doc} has no rule ${rule}`);
    }
    for (const title of citation.titles) {
      if (!hasTitle(doc, title)) problems.push(`${where}: ${citation.doc} has no "${title}"`);
    }
  }
  return problems;
}

/** Lines that cite documents outside the repository: `file:line: …`. */
function outsideCitations(file: string, text: string): string[] {
  return text
    .split('\n')
    .flatMap((content, index) =>
      OUTSIDE_CITATION.test(content) ? [`${file}:${String(index + 1)}: ${content.trim()}`] : [],
    );
}

// ---- the tests -----------------------------------------------------------------------------------

function readRepoFile(path: string): string | undefined {
  const full = join(ROOT, path);
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
}

function filesToRead(): string[] {
  return repositoryFiles().filter((file) => !NOT_READ.some((pattern) => pattern.test(file)));
}

const isPending = (file: string) =>
  PENDING_OUTSIDE_CITATIONS.some((entry) =>
    entry.endsWith('/') ? file.startsWith(entry) : file === entry,
  );

describe('the repository cites only itself', () => {
  it('reads the files git tracks, docs and sources alike', () => {
    const files = filesToRead();
    expect(files).toContain('README.md');
    expect(files).toContain('docs/console-rules.md');
    expect(files).toContain('src/features/sovereignty/cutover.ts');
    expect(files).toContain('eslint.config.js');
  });

  it('no file cites the product documents outside the repository', () => {
    const found = filesToRead()
      .filter((file) => !isPending(file))
      .flatMap((file) => outsideCitations(file, readRepoFile(file) ?? ''));
    expect(found).toEqual([]);
  });

  it('every exemption above is still needed (delete an entry once its branch has landed)', () => {
    const files = filesToRead();
    const unneeded = PENDING_OUTSIDE_CITATIONS.filter(
      (entry) =>
        !files.some(
          (file) =>
            (entry.endsWith('/') ? file.startsWith(entry) : file === entry) &&
            outsideCitations(file, readRepoFile(file) ?? '').length > 0,
        ),
    );
    expect(unneeded).toEqual([]);
  });

  it('every docs/… citation names a page, section, rule and title that exist', () => {
    const found = filesToRead().flatMap((file) =>
      citationProblems(file, readRepoFile(file) ?? '', readRepoFile),
    );
    expect(found).toEqual([]);
  });

  it('console-rules.md numbers rules 1–14 and cutover-contract.md sections §1–§13, the numbers code cites', () => {
    const rules = outline(readRepoFile('docs/console-rules.md') ?? '');
    const contract = outline(readRepoFile('docs/cutover-contract.md') ?? '');
    expect([...rules.rules].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 14 }, (_, index) => index + 1),
    );
    expect(rules.anchors).toContain('rule-14');
    for (let section = 1; section <= 13; section += 1) {
      expect(contract.sections).toContain(String(section));
    }
    expect(hasTitle(rules, 'Display states')).toBe(true);
  });
});

describe('the citation checks themselves', () => {
  // The fixture pages' folder, spelled in pieces: this file does not cite pages that do not exist.
  const D = ['docs', ''].join('/');
  const docs: Record<string, string> = {
    [`${D}rules.md`]: '# Rules\n\n## Display states\n\n### Rule 1\n\n### Rule 2\n',
    [`${D}contract.md`]: '# Contract\n\n## §1 Paths\n\n### §1.1 More\n\n**Bold title.** text\n',
    [`${D}list.md`]: '# List\n\n## The rules\n\n1. **One.**\n2. **Two.**\n\n## After\n\n3. three\n',
  };
  const read = (doc: string) => docs[doc];

  it.each([
    [`// see ${D}rules.md, rule 2`, []],
    [`// see ${D}rules.md, rules 1 and 2`, []],
    [`// see ${D}rules.md, rule 3`, [`x.ts:1: ${D}rules.md has no rule 3`]],
    [`// ${D}contract.md §1, §1.1`, []],
    [`// ${D}contract.md §2`, [`x.ts:1: ${D}contract.md has no §2`]],
    [`// ${D}contract.md §1.1–§1.2`, [`x.ts:1: ${D}contract.md has no §1.2`]],
    [`// (${D}contract.md §1) and rule 9 of something else`, []],
    [`// ${D}rules.md "Display states"`, []],
    [`// ${D}contract.md "Bold title"`, []],
    [`// ${D}rules.md "Nowhere"`, [`x.ts:1: ${D}rules.md has no "Nowhere"`]],
    [`// ${D}rules.md#rule-2`, []],
    [`// ${D}rules.md#rule-9`, [`x.ts:1: ${D}rules.md has no heading #rule-9`]],
    [`// ${D}gone.md`, [`x.ts:1: ${D}gone.md does not exist`]],
    [`// ${D}list.md, rule 2`, []],
    [`// ${D}list.md, rule 3`, [`x.ts:1: ${D}list.md has no rule 3`]],
  ])('%s', (line, expected) => {
    expect(citationProblems('x.ts', line, read)).toEqual(expected);
  });

  it('follows relative links and bare page names in Markdown, from the page’s folder', () => {
    const page = [
      'See [the rules](rules.md#display-states), [contract](contract.md#1-paths).',
      'Also [gone](gone.md), [bad anchor](rules.md#nope) and (rules.md rule 7).',
      'And [readme](../README.md) from the docs folder.',
    ].join('\n');
    expect(citationProblems(`${D}page.md`, page, read)).toEqual([
      `${D}page.md:2: ${D}gone.md does not exist`,
      `${D}page.md:2: ${D}rules.md has no heading #nope`,
      `${D}page.md:2: ${D}rules.md has no rule 7`,
      `${D}page.md:3: README.md does not exist`,
    ]);
  });

  it('flags every document outside the repository, and the shared folder', () => {
    const lines = [
      ...OUTSIDE_DOCS.map((name) => `// see ${name} rule 3`),
      `// ../${SHARED}/contract/x`,
      `// ${SHARED}/contract/x`,
      `// ${D}console-rules.md, rule 3`,
      `// src/${SHARED}/button.tsx`,
    ];
    expect(outsideCitations('x.ts', lines.join('\n')).map((found) => found.split(':')[1])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
  });

  it('makes GitHub’s anchors', () => {
    expect(githubSlug('§11 The auto-trigger Job')).toBe('11-the-auto-trigger-job');
    expect(githubSlug('The loopback catalyst-api (`npm run mock-api`)')).toBe(
      'the-loopback-catalyst-api-npm-run-mock-api',
    );
    expect(githubSlug('Steps: deadlines and what to check')).toBe(
      'steps-deadlines-and-what-to-check',
    );
  });
});
