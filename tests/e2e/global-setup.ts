import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS_DIR, CHROMIUM_PATH, ROOT } from './paths';

/** Fails early and plainly when something the suite needs is missing; starts a clean screenshot folder. */
export default function setup(): void {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM_PATH)) {
    missing.push(`${CHROMIUM_PATH} (Debian: apt-get install -y chromium; .ci/run does it)`);
  }
  for (const [dir, command] of [
    ['dist', 'npm run build'],
    ['dist-demo', 'npm run build:demo'],
  ] as const) {
    if (!existsSync(join(ROOT, dir, 'index.html'))) missing.push(`${dir}/ (${command})`);
  }
  if (missing.length > 0) {
    throw new Error(`the end-to-end suite needs:\n  ${missing.join('\n  ')}`);
  }
  rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
}
