import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import chromiumOptions from '../chromium.json';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? chromiumOptions.executablePath;
/** Git-ignored (`artifacts/` in .gitignore); the README names it. */
export const ARTIFACTS_DIR = join(ROOT, 'artifacts', 'e2e');
export const DIST = join(ROOT, 'dist');
export const DIST_DEMO = join(ROOT, 'dist-demo');
