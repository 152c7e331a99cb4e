// @vitest-environment node
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CutoverEngine } from './engine';
import {
  keepEngineState,
  readStateFile,
  restoreEngineState,
  writeStateFile,
} from './http-state-file';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mock-api-state-'));
  path = join(dir, 'state.json');
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

describe('the state file', () => {
  it('reads back what it wrote, leaving no temporary file behind', () => {
    writeStateFile(path, { cutoverComplete: 'false', 'step.a.result': 'running' });
    expect(readStateFile(path)).toEqual({ cutoverComplete: 'false', 'step.a.result': 'running' });
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('is ignored when missing, not JSON, or not a map of strings', () => {
    expect(readStateFile(path)).toBeUndefined();
    writeFileSync(path, '{"cutoverComplete":');
    expect(readStateFile(path)).toBeUndefined();
    writeFileSync(path, '{"cutoverComplete":true}');
    expect(readStateFile(path)).toBeUndefined();
    writeFileSync(path, '["a"]');
    expect(readStateFile(path)).toBeUndefined();
  });
});

describe('restoreEngineState', () => {
  function savedRun(seed: (engine: CutoverEngine) => void): void {
    const engine = new CutoverEngine();
    seed(engine);
    writeStateFile(path, engine.data);
  }

  it('an unfinished, unfailed run carries on where it was', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    savedRun((engine) => {
      engine.seedHistory({ done: 3, then: 'running' });
    });
    const engine = new CutoverEngine({ stepMs: 100 });
    expect(restoreEngineState(engine, path)).toBe(true);
    expect(engine.data['step.gitea-mirror.result']).toBe('success');
    expect(engine.isRunning).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(engine.isComplete).toBe(true);
    engine.dispose();
  });

  it('a failed or a complete run is restored as it is, and nothing starts', () => {
    savedRun((engine) => {
      engine.seedHistory({ done: 2, then: 'failed', lastError: 'boom' });
    });
    const failed = new CutoverEngine();
    expect(restoreEngineState(failed, path)).toBe(true);
    expect(failed.data.failedStep).toBe('harbor-prewarm');
    expect(failed.isRunning).toBe(false);

    savedRun((engine) => {
      engine.seedHistory({ done: 11, complete: true });
    });
    const complete = new CutoverEngine();
    expect(restoreEngineState(complete, path)).toBe(true);
    expect(complete.isComplete).toBe(true);
    expect(complete.isRunning).toBe(false);
  });

  it('a never-started seed does not start either, and no file restores nothing', () => {
    const fresh = new CutoverEngine();
    expect(restoreEngineState(fresh, path)).toBe(false);
    writeStateFile(path, new CutoverEngine().data);
    expect(restoreEngineState(fresh, path)).toBe(true);
    expect(fresh.isRunning).toBe(false);
  });
});

describe('keepEngineState', () => {
  it('writes the map at once and after every event, until stopped', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const engine = new CutoverEngine({ stepMs: 100 });
    const stop = keepEngineState(engine, path);
    expect(readStateFile(path)).toEqual(engine.data);
    engine.start('operator');
    expect(readStateFile(path)?.currentStep).toBe('gitea-mirror');
    vi.advanceTimersByTime(150);
    expect(readStateFile(path)?.['step.gitea-mirror.result']).toBe('success');
    stop();
    const before = readFileSync(path, 'utf8');
    vi.advanceTimersByTime(10_000);
    expect(engine.isComplete).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(before);
    engine.dispose();
  });
});
