/**
 * A part of the console that is downloaded on demand (the dashboard route's chunk) could not be
 * loaded: the console was redeployed under an open page, so the hashed file it asks for is gone,
 * or the network failed. Only a reload helps. docs/architecture.md ("Never a blank page").
 */
export class ChunkLoadError extends Error {
  override readonly name = 'ChunkLoadError';

  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** Carried by an error Vite reported as a failed dynamic import (see `watchPreloadErrors`). */
const REPORTED_BY_VITE = Symbol('sovereign-console.chunk-load-failure');

/**
 * In a build, Vite dispatches `vite:preloadError` for every dynamic import that fails (its code,
 * or a stylesheet it needs) and then rethrows the same error into that import. The listener marks
 * the error itself, so whoever catches it (an error boundary, the boot handler) recognises it,
 * whichever import it came from. Registered by the entry, never by a chunk that might not load.
 */
export function watchPreloadErrors(target: Window): void {
  target.addEventListener('vite:preloadError', (event) => {
    const error: unknown = event.payload;
    if (
      typeof error === 'object' &&
      error !== null &&
      Object.isExtensible(error) &&
      !(REPORTED_BY_VITE in error)
    ) {
      Object.defineProperty(error, REPORTED_BY_VITE, { value: true });
    }
  });
}

export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof ChunkLoadError ||
    (typeof error === 'object' && error !== null && REPORTED_BY_VITE in error)
  );
}
