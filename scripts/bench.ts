/**
 * `npm run bench`: how fast the console says Tethered or Sovereign, against a plain page that
 * fetches `/status` and writes the word, both served by the same nginx (deploy/nginx/, as in
 * production: precompressed files, the same headers) in front of the loopback catalyst-api.
 * Method and results: docs/performance.md. It reports; it is not a test and not in CI.
 *
 *   npm run bench [-- --runs 20 --lighthouse-runs 1 --out artifacts/bench/latest.json --no-build]
 */
import { execFile, execFileSync } from 'node:child_process';
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
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { startMockApi } from '../mocks/http-server';
import chromiumOptions from '../tests/chromium.json';
import { startNginx } from './serve-nginx';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    'lighthouse-runs': { type: 'string', default: '1' },
    out: { type: 'string', default: join(ROOT, 'artifacts', 'bench', 'latest.json') },
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const RUNS = Number(args.runs);
const LIGHTHOUSE_RUNS = Number(args['lighthouse-runs']);

interface Condition {
  readonly name: string;
  readonly cpu: number;
  readonly network?: { latency: number; downloadThroughput: number; uploadThroughput: number };
}

const CONDITIONS: readonly Condition[] = [
  { name: 'unthrottled', cpu: 1 },
  { name: 'CPU 4x slower', cpu: 4 },
  {
    name: '150 ms latency, 1.6 Mbit/s',
    cpu: 1,
    // Chromium's per-request emulation: 150 ms added to each request, 1.6 Mbit/s down, 750 kbit/s up.
    network: { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
  },
];

/**
 * The plain page: no framework, no bundle; one request for the status, then the word. Two files
 * (no inline script: the shipped CSP forbids them), copied beside the console's own files.
 */
const PLAIN_HTML = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8"><title>plain</title>
<script defer src="bench-plain.js"></script></head>
<body><span class="badge__label" id="badge"></span></body></html>
`;
const PLAIN_JS = `fetch('../api/v1/sovereign/cutover/status', { headers: { Accept: 'application/json' } })
  .then(function (r) { return r.json(); })
  .then(function (s) { document.getElementById('badge').textContent = s.state === 'sovereign' ? 'Sovereign' : 'Tethered'; });
`;

/**
 * Runs in every page before its own scripts: records when the badge first holds its word (in the
 * next animation frame, so the frame with the word is being painted), and layout shifts.
 */
const INIT_SCRIPT = `(() => {
  const w = window;
  w.__cls = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) w.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  const check = () => {
    if (w.__badgeAt !== undefined || w.__pending) return;
    const label = document.querySelector('.badge__label');
    if (label && /^(Tethered|Sovereign)$/.test(label.textContent || '')) {
      w.__pending = true;
      const seenAt = performance.now();
      requestAnimationFrame(() => { w.__badgeSeenAt = seenAt; w.__badgeAt = performance.now(); });
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

interface Load {
  readonly page: 'console' | 'plain';
  readonly ms: number;
  readonly cls: number;
  readonly transferred: number;
  readonly scripts: string[];
  /** When the status request left, ms after navigation start. */
  readonly statusStart: number | undefined;
}

async function coldLoad(
  browser: Browser,
  url: string,
  page: Load['page'],
  condition: Condition,
): Promise<Load> {
  // A new context per load: an empty cache and no open connections (a cold load).
  const context = await browser.newContext({ viewport: { width: 1180, height: 900 } });
  try {
    const tab = await context.newPage();
    await tab.addInitScript(INIT_SCRIPT);
    const cdp = await context.newCDPSession(tab);
    if (condition.cpu !== 1)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpu });
    if (condition.network) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...condition.network });
    }
    await tab.goto(url, { waitUntil: 'commit' });
    await tab.waitForFunction(
      () => (window as { __badgeAt?: number }).__badgeAt !== undefined,
      null,
      {
        polling: 50,
        timeout: 30_000,
      },
    );
    return await tab.evaluate((kind) => {
      const w = window as unknown as { __badgeAt: number; __cls: number };
      const at = w.__badgeAt;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const before = (
        performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      ).filter((entry) => entry.responseEnd <= at);
      const status = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
        (entry) => entry.name.includes('/cutover/status'),
      );
      return {
        page: kind,
        ms: at,
        cls: w.__cls,
        transferred: nav.transferSize + before.reduce((sum, entry) => sum + entry.transferSize, 0),
        // Once each: a preloaded file shows up again when it is used (from the memory cache).
        scripts: [
          ...new Set(
            before
              .map((entry) => new URL(entry.name).pathname)
              .filter((path) => /\.(js|css)$/.test(path)),
          ),
        ],
        statusStart: status?.startTime,
      };
    }, page);
  } finally {
    await context.close();
  }
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2
    ? (sorted[Math.floor(mid)] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** gzip size of what the console fetched before the badge: the build's own .gz files. */
function gzipBytes(site: string, paths: readonly string[]): number {
  return paths.reduce((sum, path) => {
    const file = join(site, path.replace(/^\/console\//, ''));
    if (existsSync(`${file}.gz`)) return sum + readFileSync(`${file}.gz`).length;
    return sum + (existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0);
  }, 0);
}

function lighthouse(url: string, preset: 'mobile' | 'desktop', outDir: string, index: number) {
  const out = join(outDir, `lighthouse-${preset}-${index}.json`);
  return new Promise<{ score: number; cls: number; lcp: number; fcp: number; tbt: number }>(
    (resolve, reject) => {
      execFile(
        join(ROOT, 'node_modules', '.bin', 'lighthouse'),
        [
          url,
          '--quiet',
          '--only-categories=performance',
          '--output=json',
          `--output-path=${out}`,
          `--chrome-flags=--headless ${chromiumOptions.args.join(' ')}`,
          ...(preset === 'desktop' ? ['--preset=desktop'] : []),
        ],
        { env: { ...process.env, CHROME_PATH: chromiumOptions.executablePath }, timeout: 120_000 },
        (error) => {
          if (error) {
            reject(new Error(`lighthouse ${preset} failed`, { cause: error }));
            return;
          }
          const report = JSON.parse(readFileSync(out, 'utf8')) as {
            categories: { performance: { score: number } };
            audits: Record<string, { numericValue: number }>;
          };
          const audit = (id: string) => report.audits[id]?.numericValue ?? NaN;
          resolve({
            score: Math.round(report.categories.performance.score * 100),
            cls: audit('cumulative-layout-shift'),
            lcp: audit('largest-contentful-paint'),
            fcp: audit('first-contentful-paint'),
            tbt: audit('total-blocking-time'),
          });
        },
      );
    },
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  if (!args['no-build']) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  // The console's files and the plain page side by side, from the one server.
  const root = mkdtempSync(join(tmpdir(), 'console-bench-'));
  const site = join(root, 'dist');
  cpSync(DIST, site, { recursive: true });
  writeFileSync(join(site, 'bench-plain.html'), PLAIN_HTML);
  writeFileSync(join(site, 'bench-plain.js'), PLAIN_JS);
  // `waiting`: Tethered and nothing starts, so every load sees the same answer.
  const api = await startMockApi({ port: 0, scenario: 'waiting' });
  const nginx = await startNginx({ root: site, apiUrl: api.url, port: 0 });
  const browser = await chromium.launch({
    executablePath: chromiumOptions.executablePath,
    args: chromiumOptions.args,
  });
  const urls = {
    console: `${nginx.origin}/console/dashboard`,
    plain: `${nginx.origin}/console/bench-plain.html`,
  };
  const results: Record<string, { console: Load[]; plain: Load[] }> = {};
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
  const lighthouseRuns: Record<string, Awaited<ReturnType<typeof lighthouse>>[]> = {
    mobile: [],
    desktop: [],
  };
  const outDir = dirname(args.out);
  mkdirSync(outDir, { recursive: true });
  for (let index = 0; index < LIGHTHOUSE_RUNS; index += 1) {
    for (const preset of ['mobile', 'desktop'] as const) {
      lighthouseRuns[preset]?.push(await lighthouse(urls.console, preset, outDir, index));
    }
  }
  await nginx.close();
  await api.close();

  const rows = Object.entries(results).map(([name, loads]) => {
    const c = loads.console.map((load) => load.ms);
    const p = loads.plain.map((load) => load.ms);
    const statusStarts = loads.console.flatMap((load) =>
      load.statusStart === undefined ? [] : [load.statusStart],
    );
    return {
      condition: name,
      runs: c.length,
      console: { median: median(c), p90: quantile(c, 0.9) },
      plain: { median: median(p), p90: quantile(p, 0.9) },
      ratio: { median: median(c) / median(p), p90: quantile(c, 0.9) / quantile(p, 0.9) },
      statusRequestStart: median(statusStarts),
      transferredBeforeBadge: median(loads.console.map((load) => load.transferred)),
      cls: Math.max(...loads.console.map((load) => load.cls)),
      before: loads.console[0]?.scripts ?? [],
    };
  });
  const beforeBadge = rows[0]?.before ?? [];
  const summary = {
    date: new Date(started).toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    node: process.version,
    chromium: execFileSync(chromiumOptions.executablePath, ['--version']).toString().trim(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim(),
    rows,
    jsCssBeforeBadge: { files: beforeBadge, gzipBytes: gzipBytes(site, beforeBadge) },
    lighthouse: {
      mobile: lighthouseRuns.mobile,
      desktop: lighthouseRuns.desktop,
    },
    raw: results,
  };
  rmSync(root, { recursive: true, force: true });
  writeFileSync(args.out, `${JSON.stringify(summary, null, 2)}\n`);

  const ms = (value: number) => `${Math.round(value)} ms`;
  const lines = [
    `| condition | console median (p90) | plain page median (p90) | ratio median (p90) | status request leaves | bytes before badge | CLS (max) |`,
    `| --- | --- | --- | --- | --- | --- | --- |`,
    ...rows.map(
      (row) =>
        `| ${row.condition} | ${ms(row.console.median)} (${ms(row.console.p90)}) | ${ms(row.plain.median)} (${ms(row.plain.p90)}) | ${row.ratio.median.toFixed(2)}x (${row.ratio.p90.toFixed(2)}x) | ${ms(row.statusRequestStart)} | ${(row.transferredBeforeBadge / 1000).toFixed(1)} kB | ${row.cls.toFixed(3)} |`,
    ),
    '',
    `JS+CSS before the badge: ${(summary.jsCssBeforeBadge.gzipBytes / 1000).toFixed(1)} kB gzip (${beforeBadge.join(', ')})`,
    ...(['mobile', 'desktop'] as const).map((preset) => {
      const runs = lighthouseRuns[preset] ?? [];
      return `Lighthouse ${preset}: performance ${runs.map((run) => run.score).join(', ')}; CLS ${runs.map((run) => run.cls.toFixed(3)).join(', ')}; LCP ${runs.map((run) => ms(run.lcp)).join(', ')}; TBT ${runs.map((run) => ms(run.tbt)).join(', ')}`;
    }),
    `${summary.machine}, Node ${summary.node}, ${summary.chromium}, commit ${summary.commit}, ${summary.seconds} s; JSON: ${args.out}`,
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
