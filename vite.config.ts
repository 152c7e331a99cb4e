/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, minify, type Plugin, type ProxyOptions } from 'vite';

/**
 * public/ holds msw's mockServiceWorker.js for the demo and Storybook; the production build must
 * carry no mock code at all, so it is left out of dist/ (and only there: Storybook's build, which
 * loads this config too, needs the worker in storybook-static/).
 */
function noMockWorkerInProduction(demo: boolean): Plugin {
  const productionDir = fileURLToPath(new URL('./dist', import.meta.url));
  return {
    name: 'no-mock-worker-in-production',
    apply: 'build',
    writeBundle(options) {
      if (!demo && options.dir === productionDir) {
        rmSync(join(productionDir, 'mockServiceWorker.js'), { force: true });
      }
    },
  };
}

/**
 * `npm run dev:live` proxies to the catalyst-api the way nginx does in production
 * (docs/deployment.md). Vite's proxy pipes the upstream response into the browser's and leaves
 * the browser's open when the upstream one dies half-way, so an event stream whose catalyst-api
 * crashed stays open and silent and the console keeps saying "Live". Here a response whose
 * upstream ends early is cut for the browser too: its EventSource errors and reconnects. A refused
 * connection is answered 502 by Vite itself (the card reads it as "unavailable").
 */
function toCatalystApi(target: string): ProxyOptions {
  return {
    target,
    changeOrigin: true,
    configure(proxy) {
      proxy.on('proxyRes', (upstream, _request, response) => {
        upstream.on('close', () => {
          if (!upstream.complete) response.destroy();
        });
      });
      proxy.on('error', (_error, _request, response) => {
        // Nothing sent yet: Vite's own handler answers 502. Under way: only a cut says it failed.
        if (response instanceof ServerResponse && response.headersSent) response.destroy();
      });
    },
  };
}

/**
 * index.html's head script, as the page names it and as it stands once the demo build has marked
 * it (Vite drops `vite-ignore` as it builds): its folder, then the mark if there is one.
 */
const HEAD_START =
  /<script\s+(?:vite-ignore\s+)?src="([^"]*)head-start\.js"( data-no-status)?>\s*<\/script>/;

/**
 * The demo's catalyst-api is the mock worker, which is not running when public/head-start.js runs:
 * there the script must not send `/status`. The demo build and dev server mark it
 * `data-no-status`, which it obeys (src/app/boot-head-start.test.ts). Throws if index.html no
 * longer names it, so the demo can never send it unnoticed.
 */
export function markHeadStartNoStatus(html: string): string {
  if (!HEAD_START.test(html)) throw new Error('index.html: no head-start.js script to mark');
  return html.replace(
    HEAD_START,
    '<script vite-ignore src="$1head-start.js" data-no-status></script>',
  );
}

function noHeadStatusInDemo(demo: boolean): Plugin {
  return {
    name: 'no-head-status-in-demo',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => (demo ? markHeadStartNoStatus(html) : html),
    },
  };
}

/** What the build writes beside index.html for the server's Content-Security-Policy. */
export const CSP_INLINE_FILE = 'csp-inline.txt';

/**
 * The built index.html carries the head script inline, not as a file: the file was one more round
 * trip before the parser could go on to the shell and before `/status` could leave, on the badge's
 * critical path (docs/performance.md, "Sixth round"). Throws if the script is missing, or if its
 * code could end the element early or hash differently in the browser.
 */
export function inlineHead(html: string, headStart: string): string {
  if (!HEAD_START.test(html)) throw new Error('index.html: no head-start.js script to inline');
  const code = inlineCode(headStart);
  return html.replace(
    HEAD_START,
    (_all, _folder, noStatus: string | undefined) => `<script${noStatus ?? ''}>${code}</script>`,
  );
}

/** index.html's never-blank-page check, deferred, as the page names it (Vite drops `vite-ignore`). */
const BOOT_CHECK =
  /<script\s+(?:vite-ignore\s+)?defer\s+src="[^"]*boot-check\.js"\s*>\s*<\/script>/;

/**
 * The built index.html carries public/boot-check.js inline too: as a file it was one more request
 * and one more task before the badge, and a file that could itself fail to load (docs/performance.md,
 * "Seventh round"). It only sets its timers when it runs, so running in the head rather than
 * deferred changes nothing of what it does. Throws as inlineHead does.
 */
export function inlineBootCheck(html: string, bootCheck: string): string {
  if (!BOOT_CHECK.test(html)) throw new Error('index.html: no boot-check.js script to inline');
  const code = inlineCode(bootCheck);
  return html.replace(BOOT_CHECK, () => `<script>${code}</script>`);
}

/** Code fit to stand in an inline `<script>` and be allowed by its hash, or a thrown reason. */
function inlineCode(code: string): string {
  if (/<\/script|<!--/i.test(code))
    throw new Error('a closing tag or comment opener in inline code');
  // The browser hashes the text after its parser has turned CR LF into LF: none may be left.
  if (/\r/.test(code)) throw new Error('a carriage return in inline code');
  return code.trim();
}

/**
 * The CSP sources that allow exactly the inline scripts and styles of `html`, and nothing else:
 * one `'sha256-…'` per element, as `script-src <hashes>` and `style-src <hashes>` lines
 * (deploy/nginx/start.sh puts them into the policy; today two scripts, the head script and the
 * never-blank-page check, and no style).
 */
export function cspInlineHashes(html: string): string {
  const hashes = (tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))]
      .map(([, code]) => code ?? '')
      .filter((code) => code !== '')
      .map((code) => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`)
      .join(' ');
  return `script-src ${hashes('script')}\nstyle-src ${hashes('style')}\n`;
}

/** A script of public/, minified for the page; throws on a syntax error. */
async function minifiedPublic(file: string): Promise<string> {
  const minified = await minify(
    file,
    readFileSync(fileURLToPath(new URL(`./public/${file}`, import.meta.url)), 'utf8'),
  );
  const [error] = minified.errors;
  if (error) throw new Error(`${file}: ${error.message}`);
  return minified.code;
}

function inlineHeadInBuild(): Plugin {
  let outDir = '';
  /** The console's index.html was written: Storybook's build loads this config too, and has none. */
  let inlined = false;
  return {
    name: 'inline-head',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html, context) {
        // The console's page, which must carry both scripts (each inliner throws if it does not).
        if (context.path !== '/index.html') return html;
        inlined = true;
        return inlineBootCheck(
          inlineHead(html, await minifiedPublic('head-start.js')),
          await minifiedPublic('boot-check.js'),
        );
      },
    },
    writeBundle(options) {
      if (!inlined) return;
      const dir = options.dir ?? outDir;
      // Written into the page, so not also as a file nobody asks for. boot-check.js stays a file
      // one release more: during a rolling update a page of the previous build, which names it,
      // may ask this build's server for it (nginx would answer index.html, which nosniff refuses).
      rmSync(join(dir, 'head-start.js'), { force: true });
      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      writeFileSync(join(dir, CSP_INLINE_FILE), cspInlineHashes(html));
    },
  };
}

// One build serves every Sovereign: asset URLs are relative (`base: './'`) and the console works
// out its mount point and API base at run time (src/lib/config.ts), so nothing per-Sovereign is
// baked in here.
export default defineConfig(({ command, mode }) => {
  const env = loadEnv(mode, process.cwd(), '');
  const apiTarget = env.CATALYST_API_URL ?? 'http://127.0.0.1:8080';
  const demo = env.VITE_DEMO === 'true';
  return {
    base: './',
    plugins: [
      react(),
      noMockWorkerInProduction(demo),
      noHeadStatusInDemo(demo),
      inlineHeadInBuild(),
    ],
    resolve: {
      alias: {
        '@': fileURLToPath(new URL('./src', import.meta.url)),
        // react-router's package exports always resolve to its development build (dev-only
        // warnings and checks); production bundles take the production build it ships beside it.
        ...(command === 'build' && {
          'react-router': fileURLToPath(
            new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url),
          ),
        }),
      },
    },
    server: {
      port: Number(env.PORT ?? 5173),
      // `npm run dev:live`: the API stays same-origin through this proxy, so the session cookie
      // flows and the stream is proxied unbuffered, as nginx does in production.
      proxy: demo
        ? {}
        : {
            '/api': toCatalystApi(apiTarget),
            '/healthz': toCatalystApi(apiTarget),
            // The simulator's sign-in (`npm run mock-api -- --auth`), and a real ingress's.
            '/auth': toCatalystApi(apiTarget),
          },
    },
    build: {
      outDir: demo ? 'dist-demo' : 'dist',
      target: 'es2022',
      sourcemap: true,
    },
    test: {
      environment: 'jsdom',
      setupFiles: ['./tests/setup-globals.ts', './tests/setup.ts'],
      include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts', 'tests/unit/**/*.test.{ts,tsx}'],
      restoreMocks: true,
      clearMocks: true,
      // `npm run test:coverage` (part of `npm test`). Thresholds at the level measured when they
      // were set, rounded down: raise them as coverage grows, never lower them.
      coverage: {
        provider: 'v8',
        include: ['src/**/*.{ts,tsx}', 'mocks/**/*.ts'],
        exclude: ['**/*.test.{ts,tsx}', '**/*.stories.tsx', 'src/testing/**', '**/*.d.ts'],
        reporter: ['text-summary'],
        thresholds: { lines: 89, branches: 87, functions: 89, statements: 88 },
      },
    },
  };
});
