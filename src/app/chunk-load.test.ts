import { describe, expect, it } from 'vitest';
import { ChunkLoadError, isChunkLoadError, watchPreloadErrors } from './chunk-load';

/** What Vite's preload helper dispatches before it rethrows `payload` into the failed import(). */
function dispatchPreloadError(target: Window, payload: unknown): void {
  const event = new Event('vite:preloadError', { cancelable: true });
  Object.assign(event, { payload });
  target.dispatchEvent(event);
}

describe('chunk-load failures', () => {
  it('a ChunkLoadError is one, with the original error as its cause and message', () => {
    const cause = new TypeError('Failed to fetch dynamically imported module: /assets/x.js');
    const error = new ChunkLoadError(cause);
    expect(isChunkLoadError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'ChunkLoadError', message: cause.message, cause });
    expect(new ChunkLoadError('not an Error').message).toBe('not an Error');
  });

  it('an error Vite reported with vite:preloadError is one, and nothing else is', () => {
    watchPreloadErrors(window);
    const reported = new Error('Unable to preload CSS for ./assets/Dashboard-0ld.css');
    const unrelated = new Error('Unable to preload CSS for ./assets/Dashboard-0ld.css');
    dispatchPreloadError(window, reported);
    expect(isChunkLoadError(reported)).toBe(true);
    expect(isChunkLoadError(unrelated)).toBe(false);
  });

  it('the listener leaves Vite to rethrow the error (the import must still reject)', () => {
    watchPreloadErrors(window);
    const event = new Event('vite:preloadError', { cancelable: true });
    Object.assign(event, { payload: new Error('x') });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });

  it.each([
    ['a plain Error', new Error('Failed to fetch')],
    ['a string', 'Failed to fetch dynamically imported module'],
    ['undefined', undefined],
    ['null', null],
  ])('%s is not a chunk failure on its own', (_kind, error) => {
    expect(isChunkLoadError(error)).toBe(false);
  });

  it('a payload that cannot be marked (frozen, or not an object) is left alone', () => {
    watchPreloadErrors(window);
    const frozen = Object.freeze(new Error('frozen'));
    expect(() => {
      dispatchPreloadError(window, frozen);
      dispatchPreloadError(window, 'a string');
    }).not.toThrow();
    expect(isChunkLoadError(frozen)).toBe(false);
  });
});
