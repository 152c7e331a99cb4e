/**
 * Writes `<file>.gz` and `<file>.br` beside every compressible file of a build, at the highest
 * levels (done once per build, not per request), for nginx's gzip_static and brotli_static
 * (deploy/nginx/console.conf, docs/deployment.md). Run after `vite build` by the `postbuild`
 * scripts: `node --import tsx scripts/precompress.ts dist`.
 *
 * Left alone: source maps (never served), config.json (replaced per deployment: a stale .gz
 * beside it would be served instead of the new file), files under 1 KiB (nginx's
 * gzip_min_length: too small to gain), and any copy that would not be smaller.
 */
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt']);
const NEVER = new Set(['config.json']);
const MIN_BYTES = 1024;

export interface Compressed {
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
  readonly brotli: number;
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

export function precompress(dir: string): Compressed[] {
  const done: Compressed[] = [];
  for (const file of files(resolve(dir))) {
    if (file.endsWith('.gz') || file.endsWith('.br')) continue;
    // A copy left from an earlier run must not outlive a changed file.
    rmSync(`${file}.gz`, { force: true });
    rmSync(`${file}.br`, { force: true });
    if (!COMPRESSIBLE.has(extname(file)) || NEVER.has(basename(file))) continue;
    const source = readFileSync(file);
    if (source.length < MIN_BYTES) continue;
    const { mtime } = statSync(file);
    const gzip = gzipSync(source, { level: constants.Z_BEST_COMPRESSION });
    const brotli = brotliCompressSync(source, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    });
    for (const [suffix, bytes] of [
      ['.gz', gzip],
      ['.br', brotli],
    ] as const) {
      if (bytes.length >= source.length) continue;
      writeFileSync(`${file}${suffix}`, bytes);
      utimesSync(`${file}${suffix}`, mtime, mtime); // Last-Modified as the file's own
    }
    done.push({
      file: relative(resolve(dir), file),
      bytes: source.length,
      gzip: gzip.length,
      brotli: brotli.length,
    });
  }
  return done;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    process.stderr.write('Usage: node --import tsx scripts/precompress.ts <dist-dir>…\n');
    process.exit(64);
  }
  for (const dir of dirs) {
    const done = precompress(dir);
    const total = (pick: (entry: Compressed) => number) =>
      (done.reduce((sum, entry) => sum + pick(entry), 0) / 1024).toFixed(1);
    process.stdout.write(
      `precompress ${dir}: ${done.length} files, ${total((e) => e.bytes)} KiB → ` +
        `gzip ${total((e) => e.gzip)} KiB, brotli ${total((e) => e.brotli)} KiB\n`,
    );
  }
}
