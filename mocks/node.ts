import { setupServer } from 'msw/node';
import { cutoverHandlers } from './handlers';
import { Simulator, type SimulatorOptions } from './simulator';

/**
 * The node door, for unit and integration tests: one MSW server whose handlers read the current
 * simulator, which each test replaces with `startSimulator`.
 */
let current: Simulator | undefined;

export const server = setupServer(
  ...cutoverHandlers(() => {
    if (!current) throw new Error('call startSimulator() before the console fetches');
    return current;
  }),
);

export function startSimulator(options: SimulatorOptions = {}): Simulator {
  current?.dispose();
  current = new Simulator(options);
  return current;
}

export function disposeSimulator(): void {
  current?.dispose();
  current = undefined;
}

/** Absolute: node's fetch has no page origin to resolve `/api` against. */
export const TEST_API_BASE = 'http://console.sovereign.test/api';
