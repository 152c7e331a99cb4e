import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { disposeSimulator, server } from '../mocks/node';
import { clearConsoles } from './render';

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

// Waits for what a person would wait for; 1 s is too tight on a busy 2-core CI machine.
configure({ asyncUtilTimeout: 3_000 });

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  cleanup();
  clearConsoles();
  server.resetHandlers();
  server.events.removeAllListeners();
  disposeSimulator();
  // The attempt history and the notification opt-in live in sessionStorage (one per test).
  if (typeof sessionStorage !== 'undefined') sessionStorage.clear();
});
afterAll(() => {
  server.close();
});

// jsdom has no modal <dialog>; this stand-in opens and closes it and fires `close` as browsers do.
if (
  typeof HTMLDialogElement !== 'undefined' &&
  typeof HTMLDialogElement.prototype.showModal !== 'function'
) {
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    },
    close(this: HTMLDialogElement) {
      if (!this.hasAttribute('open')) return;
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    },
  });
}
