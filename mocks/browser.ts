import { setupWorker } from 'msw/browser';
import { cutoverHandlers } from './handlers';
import { Simulator, type SimulatorOptions } from './simulator';

/**
 * The offline demo's door: the simulated catalyst-api runs in the page and the MSW service worker
 * routes the console's requests to it. Loaded only by demo builds (a dynamic import), so the
 * production bundle carries no mock code.
 */
export async function startBrowserSimulator(options: SimulatorOptions & { workerUrl: string }) {
  const { workerUrl, ...simulatorOptions } = options;
  const simulator = new Simulator(simulatorOptions);
  const worker = setupWorker(...cutoverHandlers(() => simulator));
  await worker.start({
    serviceWorker: { url: workerUrl },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return { simulator, worker };
}
