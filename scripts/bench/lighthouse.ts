import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import chromiumOptions from '../../tests/chromium.json';

export interface LighthouseRun {
  readonly score: number;
  readonly cls: number;
  readonly lcp: number;
  readonly fcp: number;
  readonly tbt: number;
}

/**
 * One Lighthouse run (performance only), its JSON report kept in `outDir`. Lighthouse sometimes
 * fails to record its own trace on this busy machine ("NO_NAVSTART"): such a run has no result
 * at all, so it is run again, up to three times, rather than losing the whole bench.
 */
export async function lighthouse(
  ...run: Parameters<typeof lighthouseOnce>
): Promise<LighthouseRun> {
  const [, , preset, , index] = run;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await lighthouseOnce(...run);
    } catch (error) {
      if (attempt === 3) throw error;
      process.stderr.write(`bench: lighthouse ${preset} run ${index} failed, running it again\n`);
    }
  }
}

function lighthouseOnce(
  root: string,
  url: string,
  preset: 'mobile' | 'desktop',
  outDir: string,
  index: number,
): Promise<LighthouseRun> {
  const out = join(outDir, `lighthouse-${preset}-${index}.json`);
  return new Promise((resolve, reject) => {
    execFile(
      join(root, 'node_modules', '.bin', 'lighthouse'),
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
  });
}
