/**
 * `npm run bench`: how fast the console says Tethered or Sovereign, against a plain page that
 * fetches `/status` and writes the word, both served by the same nginx (deploy/nginx/, as in
 * production: precompressed files, the same headers) in front of the loopback catalyst-api.
 * Method and results: docs/performance.md. It reports; it is not a test and not in CI.
 * The parts are in scripts/bench/.
 *
 *   npm run bench [-- --runs 20 --lighthouse-runs 1 --out artifacts/bench/latest.json --no-build]
 *   npm run bench -- --dist ../before/dist   (a build made elsewhere, e.g. a "before" commit's)
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import chromiumOptions from '../tests/chromium.json';
import { spawnMockApi } from '../tests/e2e/stack';
import { coldLoad, type Load } from './bench/cold-load';
import { CONDITIONS, type Condition } from './bench/conditions';
import { lighthouse, type LighthouseRun } from './bench/lighthouse';
import { PLAIN_HTML, PLAIN_JS } from './bench/pages';
import { reportLines, summariseCondition } from './bench/report';
import { gzipBytes } from './bench/stats';
import { startNginx } from './serve-nginx';
import { CSP_INLINE_FILE, cspInlineHashes } from '../vite.config';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    'lighthouse-runs': { type: 'string', default: '1' },
    out: { type: 'string', default: join(ROOT, 'artifacts', 'bench', 'latest.json') },
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' },
    dist: { type: 'string' },
  },
});
const DIST = args.dist ?? join(ROOT, 'dist');
const RUNS = Number(args.runs);
const LIGHTHOUSE_RUNS = Number(args['lighthouse-runs']);

async function main(): Promise<void> {
  const started = Date.now();
  if (!args['no-build'] && !args.dist)
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  // Where the report goes, first: a bad --out fails here, before anything is started.
  const outDir = dirname(args.out);
  mkdirSync(outDir, { recursive: true });
  // The console's files and the plain page side by side, from the one server.
  const root = mkdtempSync(join(tmpdir(), 'console-bench-'));
  const site = join(root, 'dist');
  cpSync(DIST, site, { recursive: true });
  writeFileSync(join(site, 'bench-plain.html'), PLAIN_HTML);
  writeFileSync(join(site, 'bench-plain.js'), PLAIN_JS);
  // A build from before the sixth round (`--dist`) has no hashes for nginx's policy: its page's
  // own, none, so it runs as it did.
  if (!existsSync(join(site, CSP_INLINE_FILE))) {
    writeFileSync(
      join(site, CSP_INLINE_FILE),
      cspInlineHashes(readFileSync(join(site, 'index.html'), 'utf8')),
    );
  }
  // `waiting`: Tethered and nothing starts, so every load sees the same answer. In a process of its
  // own, as the catalyst-api is: in this one it would answer between the browser driver's work
  // (the console sends more requests than the plain page, so it would suffer more).
  const api = await spawnMockApi(['--port', '0', '--scenario', 'waiting']);
  const results: Record<string, { console: Load[]; plain: Load[] }> = {};
  const lighthouseRuns: Record<'mobile' | 'desktop', LighthouseRun[]> = { mobile: [], desktop: [] };
  // Whatever fails, the servers go: a failed bench must not leave nginx and the API running.
  try {
    const nginx = await startNginx({ root: site, apiUrl: api.url, port: 0 });
    try {
      const urls = {
        console: `${nginx.origin}/console/dashboard`,
        plain: `${nginx.origin}/console/bench-plain.html`,
      };
      const browser = await chromium.launch({
        executablePath: chromiumOptions.executablePath,
        args: chromiumOptions.args,
      });
      try {
        // One warm-up pair, not counted: nginx and the API open their files and sockets.
        await coldLoad(browser, urls.console, 'console', CONDITIONS[0] as Condition);
        await coldLoad(browser, urls.plain, 'plain', CONDITIONS[0] as Condition);
        for (const condition of CONDITIONS) {
          if (args.only && !condition.name.includes(args.only)) continue;
          const loads = { console: [] as Load[], plain: [] as Load[] };
          for (let run = 0; run < RUNS; run += 1) {
            // Interleaved A,B,A,B (and which goes first alternates), so drift hits both alike.
            const order: Load['page'][] = run % 2 ? ['plain', 'console'] : ['console', 'plain'];
            for (const page of order)
              loads[page].push(await coldLoad(browser, urls[page], page, condition));
          }
          results[condition.name] = loads;
          process.stderr.write(`bench: ${condition.name} done\n`);
        }
      } finally {
        await browser.close();
      }
      for (let index = 0; index < LIGHTHOUSE_RUNS; index += 1) {
        for (const preset of ['mobile', 'desktop'] as const) {
          lighthouseRuns[preset].push(await lighthouse(ROOT, urls.console, preset, outDir, index));
        }
      }
    } finally {
      await nginx.close();
    }
  } finally {
    await api.stop();
    rmSync(root, { recursive: true, force: true });
  }

  const rows = Object.entries(results).map(([name, loads]) => summariseCondition(name, loads));
  // index.html first: it carries the head script inline
  // (docs/performance.md, "Sixth round").
  const beforeBadge = ['/console/index.html', ...(rows[0]?.before ?? [])];
  const summary = {
    date: new Date(started).toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    node: process.version,
    chromium: execFileSync(chromiumOptions.executablePath, ['--version']).toString().trim(),
    commit: commitOf(args.dist ? dirname(DIST) : ROOT),
    rows,
    jsCssBeforeBadge: { files: beforeBadge, gzipBytes: gzipBytes(DIST, beforeBadge) },
    lighthouse: lighthouseRuns,
    raw: results,
  };
  writeFileSync(args.out, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(reportLines({ ...summary, out: args.out }).join('\n'));
}

/**
 * The commit of the checkout a build was made in, for the record, `-dirty` when its working tree
 * had changes (the build may then be of code no commit holds). For `--dist`, the checkout that
 * holds the dist folder; a folder in none (a before build kept in /tmp) says so instead of failing
 * the run once every load is measured.
 */
function commitOf(dir: string): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: dir, stdio: 'pipe' })
      .toString()
      .trim();
  } catch (error) {
    return `unknown (git describe failed in ${dir}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
