#!/usr/bin/env node
/**
 * Stories as tests (docs/component-review.md). Serves the built Storybook (storybook-static) on
 * 127.0.0.1, opens every story of its index.json tagged `test` in Chromium and, per story:
 *   1. light theme, 1280 px: waits until the story has finished (its play function, which asserts
 *      the badge, heading or text the story is about, has passed), then runs axe;
 *   2. dark theme, 360 px: switches the toolbar's theme global, as a reviewer would (the story
 *      re-renders and keeps its state), checks that <html> is dark and that nothing overflows the
 *      360 px width, then runs axe again.
 * A story fails on: no play function, a play function that throws, a render error, an uncaught
 * exception or console error, an axe violation, horizontal overflow, or a timeout. What axe
 * cannot decide (its "incomplete" results) is listed for a person to look at, not failed.
 *
 *   node tests/stories/run-stories.js [--dir storybook-static] [--filter <text>] [--workers 2]
 *                                     [--port 0] [--screenshots <dir>] [--timeout 90000] [--verbose]
 */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import chromiumOptions from '../chromium.json' with { type: 'json' };

const { values: options } = parseArgs({
  options: {
    dir: { type: 'string', default: 'storybook-static' },
    filter: { type: 'string' },
    workers: { type: 'string', default: '2' },
    port: { type: 'string', default: '0' },
    screenshots: { type: 'string' },
    timeout: { type: 'string', default: '90000' },
    verbose: { type: 'boolean', default: false },
  },
});

const ROOT = resolve(options.dir);
const STORY_TIMEOUT_MS = Number(options.timeout);
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 360, height: 800 };
const FAILURES_DIR = 'test-results/stories';
/** The network's own console lines for 4xx/5xx answers: expected in the problem stories. */
const NETWORK_NOISE = /^Failed to load resource/;

/**
 * The gist of an error: play failures print the whole DOM after the message, so keep the first
 * lines up to the DOM dump (or four), without terminal colours, at most 400 characters.
 * `--verbose` keeps everything.
 */
function short(text) {
  const plain = stripVTControlCharacters(String(text));
  if (options.verbose) return plain;
  const lines = plain.split('\n').map((line) => line.trim());
  const end = lines.findIndex((line) => line.startsWith('Ignored nodes') || line.startsWith('<'));
  const gist = lines
    .slice(0, end === -1 ? 4 : Math.min(end, 4))
    .filter(Boolean)
    .join(' ');
  return gist.length > 400 ? `${gist.slice(0, 399)}…` : gist;
}

const rules = JSON.parse(
  await readFile(new URL('../../.storybook/a11y-rules.json', import.meta.url), 'utf8'),
);

// -- a static server for storybook-static ----------------------------------------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function serve(root, port) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    const info = file.startsWith(root + sep) ? await stat(file).catch(() => undefined) : undefined;
    if (!info?.isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      done(server);
    });
  });
}

// -- in the page: Storybook's channel events, recorded from the first moment ----------------------

function recordStoryEvents() {
  const watched = [
    'storyFinished',
    'storyErrored',
    'storyThrewException',
    'playFunctionThrewException',
    'storyMissing',
    'unhandledErrorsWhilePlaying',
  ];
  const events = [];
  Object.assign(window, { __storyEvents: events });
  let channel;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set: (value) => {
      channel = value;
      for (const name of watched) {
        value.on(name, (payload) => {
          const text = (error) =>
            error && typeof error === 'object'
              ? [error.message ?? error.title, error.description ?? ''].join(' ').trim()
              : String(error);
          events.push({
            name,
            status: payload?.status,
            message: Array.isArray(payload) ? payload.map(text).join('; ') : text(payload),
          });
        });
      }
    },
  });
}

/** Waits for the next storyFinished event; returns the failures recorded until then. */
async function waitForStory(page) {
  await page.waitForFunction(
    () => window.__storyEvents.some((event) => event.name === 'storyFinished'),
    null,
    { timeout: STORY_TIMEOUT_MS, polling: 50 },
  );
  const events = await page.evaluate(() => window.__storyEvents.splice(0));
  return events
    .filter((event) => event.name !== 'storyFinished' || event.status !== 'success')
    .map((event) =>
      event.name === 'storyFinished'
        ? `story finished with status "${event.status}"`
        : `${event.name}: ${event.message}`,
    );
}

async function axe(page) {
  const results = await new AxeBuilder({ page })
    .withTags(rules.tags)
    .disableRules(rules.disabledRules)
    .exclude('.sb-wrapper')
    .exclude('#storybook-docs')
    .exclude('#storybook-highlights-root')
    .analyze();
  const describe = (result, node) =>
    `axe ${result.id} (${result.impact ?? 'review'}): ${result.help} — ${node.target.join(' ')}` +
    (node.failureSummary ? `\n        ${node.failureSummary.replaceAll('\n', '\n        ')}` : '');
  return {
    violations: results.violations.flatMap((violation) =>
      violation.nodes.map((node) => describe(violation, node)),
    ),
    // What axe could not decide (contrast over images, 1:1, ARIA it is unsure of): listed for a
    // person to look at, not failed.
    review: results.incomplete.flatMap((result) =>
      result.nodes
        .map((node) => ({
          node,
          why: [...node.any, ...node.all, ...node.none].map((check) => check.message).join('; '),
        }))
        // A text node of only "→" or "·" between elements: nothing to read, nothing to contrast.
        .filter(({ why }) => !/only non-text characters/.test(why))
        .map(({ node, why }) => `${result.id} undecided — ${node.target.join(' ')}: ${why}`),
    ),
  };
}

async function overflow(page) {
  const wider = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  return wider > 0 ? [`overflows the ${NARROW.width} px viewport by ${wider} px`] : [];
}

async function screenshot(page, name) {
  if (!options.screenshots) return;
  await mkdir(options.screenshots, { recursive: true });
  await page.screenshot({ path: join(options.screenshots, `${name}.png`), fullPage: true });
}

// -- one story -------------------------------------------------------------------------------------

async function runStory(context, base, entry) {
  const problems = [];
  const warnings = [];
  const page = await context.newPage();
  const pageErrors = new Set();
  page.on('pageerror', (error) => pageErrors.add(`uncaught: ${short(error.message)}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !NETWORK_NOISE.test(message.text())) {
      pageErrors.add(`console.error: ${short(message.text())}`);
    }
  });
  /** One pass: story events first; axe and layout only when the story itself is fine. */
  const pass = async (label, checks) => {
    try {
      const failures = await waitForStory(page);
      if (failures.length > 0) {
        problems.push(...failures.map((failure) => `[${label}] ${short(failure)}`));
        return false;
      }
      const found = await checks();
      const { violations, review } = await axe(page);
      problems.push(...[...found, ...violations].map((problem) => `[${label}] ${problem}`));
      warnings.push(...review.map((item) => `[${label}] ${item}`));
      return true;
    } catch (error) {
      problems.push(`[${label}] ${short(error instanceof Error ? error.message : error)}`);
      return false;
    }
  };
  try {
    if (!entry.tags?.includes('play-fn')) {
      problems.push('no play function: every story must assert what it shows');
    }
    await page.addInitScript(recordStoryEvents);
    await page.setViewportSize(WIDE);
    // a11y.manual: the a11y addon's own in-page run is skipped here; axe runs from Playwright.
    const url = `${base}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=story&globals=theme:light;a11y.manual:!true`;
    await page.goto(url);

    const rendered = await pass('light, 1280 px', async () => {
      await screenshot(page, `${entry.id}.light-wide`);
      return [];
    });
    if (rendered) {
      await page.setViewportSize(NARROW);
      // The toolbar's way: a globals update re-renders the story, which keeps its state.
      await page.evaluate(() =>
        window.__STORYBOOK_ADDONS_CHANNEL__.emit('updateGlobals', { globals: { theme: 'dark' } }),
      );
      await pass('dark, 360 px', async () => {
        const theme = await page.evaluate(() => document.documentElement.dataset.theme);
        await screenshot(page, `${entry.id}.dark-narrow`);
        return [
          ...(theme === 'dark' ? [] : [`data-theme is "${theme}" after switching to dark`]),
          ...(await overflow(page)),
        ];
      });
    }
  } catch (error) {
    problems.push(short(error instanceof Error ? error.message : error));
  } finally {
    problems.push(...pageErrors);
    if (problems.length > 0) {
      await mkdir(FAILURES_DIR, { recursive: true });
      await page
        .screenshot({ path: join(FAILURES_DIR, `${entry.id}.png`), fullPage: true })
        .catch(() => undefined);
    }
    await page.close();
  }
  return { problems, warnings };
}

// -- all stories -----------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const index = JSON.parse(await readFile(join(ROOT, 'index.json'), 'utf8').catch(() => 'null'));
  if (!index) {
    console.error(`No ${join(options.dir, 'index.json')}: run \`npm run build-storybook\` first.`);
    return 2;
  }
  if (!(await stat(join(ROOT, 'mockServiceWorker.js')).catch(() => undefined))) {
    console.error(
      `No mockServiceWorker.js in ${options.dir}: the stories could not reach the simulated ` +
        'catalyst-api (staticDirs and viteFinal in .storybook/main.ts).',
    );
    return 2;
  }
  const stories = Object.values(index.entries).filter(
    (entry) =>
      entry.type === 'story' &&
      entry.tags?.includes('test') &&
      (!options.filter || entry.id.includes(options.filter)),
  );
  if (stories.length === 0) {
    console.error('No stories to test.');
    return 2;
  }

  const server = await serve(ROOT, Number(options.port));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? chromiumOptions.executablePath,
    args: chromiumOptions.args,
  });
  const workers = Math.max(1, Math.min(Number(options.workers) || 1, stories.length));
  console.log(`Testing ${stories.length} stories from ${base} with ${workers} worker(s)…`);

  const results = [];
  // Stories tagged `slow` (a live run to Sovereign) start first, so the rest run beside them.
  const queue = [...stories].sort(
    (a, b) => Number(b.tags.includes('slow')) - Number(a.tags.includes('slow')),
  );
  await Promise.all(
    Array.from({ length: workers }, async () => {
      // One context per worker: @axe-core/playwright needs a page from browser.newContext().
      const context = await browser.newContext({ reducedMotion: 'reduce' });
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        const begun = Date.now();
        const { problems, warnings } = await runStory(context, base, entry);
        const seconds = ((Date.now() - begun) / 1000).toFixed(1);
        results.push({ entry, problems, warnings });
        const lines = [
          `  ${problems.length === 0 ? '✓' : '✗'} ${entry.title} › ${entry.name} (${seconds} s)`,
          ...problems.map((problem) => `      ${problem}`),
          ...warnings.map((warning) => `      review: ${warning}`),
        ];
        console.log(lines.join('\n'));
      }
      await context.close();
    }),
  );
  await browser.close();
  server.close();

  const failed = results.filter((result) => result.problems.length > 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const reviews = results.reduce((sum, result) => sum + result.warnings.length, 0);
  console.log(
    `\n${results.length - failed.length} passed, ${failed.length} failed (${seconds} s)` +
      (reviews > 0 ? `; ${reviews} result(s) axe could not decide, listed above as review` : ''),
  );
  if (failed.length) {
    console.log(`Failed: ${failed.map((result) => result.entry.id).join(', ')}`);
    console.log(`Screenshots of the failures: ${FAILURES_DIR}/`);
  }
  return failed.length ? 1 : 0;
}

process.exitCode = await main();
