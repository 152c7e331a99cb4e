/**
 * The loopback server's optional state file: the status ConfigMap kept on disk, so a killed and
 * restarted server resumes its run as a restarted catalyst-api Pod does (the ConfigMap survives).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import type { CutoverEngine } from './engine';

const stateFileSchema = z.record(z.string(), z.string());

/** The saved map; undefined when the file is missing, not JSON, or not a map of strings. */
export function readStateFile(path: string): Record<string, string> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = stateFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeStateFile(path: string, data: Record<string, string>): void {
  // Write-then-rename: a server killed mid-write leaves the previous, whole file.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(data));
  renameSync(temporary, path);
}

type PersistedEngine = Pick<CutoverEngine, 'data' | 'isComplete' | 'resume' | 'subscribe'>;

/**
 * Loads a saved map into `engine`, if the file holds one. The real engine's startup resume
 * (TBD-V13): an unfinished, unfailed run carries on. True when something was restored.
 */
export function restoreEngineState(engine: PersistedEngine, path: string): boolean {
  const saved = readStateFile(path);
  if (!saved) return false;
  Object.assign(engine.data, saved);
  if (!engine.isComplete && saved.cutoverStartedAt && !saved.failedStep) engine.resume();
  return true;
}

/** Writes the map now and after every event from here on; returns the function that stops it. */
export function keepEngineState(engine: PersistedEngine, path: string): () => void {
  const unsubscribe = engine.subscribe(() => {
    writeStateFile(path, engine.data);
  });
  writeStateFile(path, engine.data);
  return unsubscribe;
}
