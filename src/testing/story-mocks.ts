import { http, type HttpHandler } from 'msw';
import { toHttpResponse } from '../../mocks/handlers';
import {
  CUTOVER_PATH,
  Simulator,
  type ScenarioName,
  type SimResponse,
  type SimulatorOptions,
} from '../../mocks/simulator';

/**
 * Story-side helpers for the simulated catalyst-api (docs/component-review.md). Every story that
 * needs the API names a scenario; `.storybook/preview.tsx` creates a fresh Simulator for it, puts
 * the shared MSW handlers (mocks/handlers.ts) in front of it and a fresh QueryClient behind the
 * card, so what is reviewed is the real fetch path: fetch → MSW → simulator → parser → cache.
 */
export interface StorySimulator extends Omit<SimulatorOptions, 'scenario' | 'clock'> {
  readonly scenario: ScenarioName;
  /**
   * Runs after the simulator is created and before the story renders (and before its first
   * fetch): seeds the engine further or waits for it to reach a moment worth reviewing.
   */
  readonly arrange?: (simulator: Simulator) => void | Promise<void>;
  /**
   * Good data first, then a problem: the first status call is the scenario's, and from then on
   * every cutover route answers this (see `afterFirstStatus`). How the stale states are reached.
   */
  readonly thenAnswer?: SimResponse;
}

/** Story `parameters` that give the story its own simulator, in `scenario`. */
export function simulated(
  scenario: ScenarioName,
  options: Omit<StorySimulator, 'scenario'> = {},
): { simulator: StorySimulator } {
  return { simulator: { scenario, ...options } };
}

/** Resolves once `condition` holds; rejects after `timeoutMs` so a stuck story fails loudly. */
export async function until(
  condition: () => boolean,
  { timeoutMs = 5_000, what = 'the simulator to get ready' } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What the named scenario's catalyst-api answers to GET /status (a 401, a 404, a 502 page…). */
export function scenarioAnswer(scenario: ScenarioName): SimResponse {
  const simulator = new Simulator({ scenario });
  try {
    return simulator.handle({ method: 'GET', path: `${CUTOVER_PATH}/status` });
  } finally {
    simulator.dispose();
  }
}

export const NETWORK_ERROR: SimResponse = { kind: 'network-error' };

export const FORBIDDEN: SimResponse = {
  kind: 'json',
  status: 403,
  body: { error: 'forbidden', detail: 'this account may not read the cutover status' },
};

/**
 * An MSW handler put in front of the story's simulator (`thenAnswer`): the first status call falls
 * through to the simulator, so the card gets good data; from then on every cutover route (status,
 * and the event stream when there is one) answers `answer`. Also usable on its own in a story's
 * `beforeEach({ msw }) { msw.use(afterFirstStatus(…)) }`.
 */
export function afterFirstStatus(answer: SimResponse): HttpHandler {
  let served = false;
  return http.all(`*/api${CUTOVER_PATH}/*`, ({ request }) => {
    if (served) return toHttpResponse(answer);
    if (new URL(request.url).pathname.endsWith(`${CUTOVER_PATH}/status`)) served = true;
    // Nothing returned: MSW hands the request to the next handler, the simulator's.
    return undefined;
  });
}
