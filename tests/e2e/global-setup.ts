import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNginx } from '../../scripts/serve-nginx';
import { ARTIFACTS_DIR, CHROMIUM_PATH, ROOT } from './paths';
import { NGINX_RUN_DIR_ENV } from './stack';

/**
 * Stops an nginx a crashed test file left running: by the pid in its -p folder, and only when
 * that process is still an nginx started with that folder.
 */
function stopLeftovers(runDir: string): void {
  for (const name of readdirSync(runDir)) {
    const prefix = join(runDir, name);
    try {
      const pid = Number(readFileSync(join(prefix, 'nginx.pid'), 'utf8').trim());
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (command.includes('nginx') && command.includes(prefix)) process.kill(pid, 'SIGTERM');
    } catch {
      // No pid file (closed cleanly), or the process is gone: nothing to stop.
    }
  }
}

/** Fails early and plainly when something the suite needs is missing; starts a clean screenshot folder. */
export default function setup(): () => void {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM_PATH)) {
    missing.push(`${CHROMIUM_PATH} (Debian: apt-get install -y chromium; .ci/run does it)`);
  }
  if (!findNginx()) {
    missing.push('nginx (Debian: apt-get install -y nginx; .ci/run does it)');
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
  // One folder for this run's nginx prefixes, handed to the test files through the environment.
  const runDir = mkdtempSync(join(tmpdir(), 'console-e2e-nginx-'));
  process.env[NGINX_RUN_DIR_ENV] = runDir;
  return () => {
    stopLeftovers(runDir);
    rmSync(runDir, { recursive: true, force: true });
  };
}
