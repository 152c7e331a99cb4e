import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { EventSource } from 'eventsource';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { disposeSimulator, server } from '../mocks/node';

// msw's sse() and the console's stream need a global EventSource; Node 20 and jsdom have none.
Object.assign(globalThis, { EventSource });

// jsdom has no matchMedia; the theme follows the system setting through it.
if (typeof window !== 'undefined' && typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  disposeSimulator();
});
afterAll(() => {
  server.close();
});
