import { delay, http, HttpResponse, type HttpHandler, type JsonBodyType } from 'msw';
import { CUTOVER_PATH, type SimResponse, type Simulator } from './simulator';

/** MSW door to the simulator: shared by the demo worker, the node test server and Storybook. */
export function toHttpResponse(answer: SimResponse): Response {
  switch (answer.kind) {
    case 'network-error':
      return HttpResponse.error();
    case 'json':
      return HttpResponse.json(answer.body as JsonBodyType, {
        status: answer.status,
        headers: answer.headers ?? {},
      });
    case 'text':
      return new HttpResponse(answer.body, {
        status: answer.status,
        headers: { 'Content-Type': answer.contentType, ...answer.headers },
      });
  }
}

/**
 * Handlers for the cutover routes under any origin and any API base (`/api`, `/sovereign/api`).
 * `simulator` is read per request, so a story or test can swap the scenario without re-wiring.
 */
export function cutoverHandlers(simulator: () => Simulator): HttpHandler[] {
  const answer = async (method: string, route: string) => {
    const sim = simulator();
    if (sim.latencyMs > 0) await delay(sim.latencyMs);
    return toHttpResponse(sim.handle({ method, path: `${CUTOVER_PATH}/${route}` }));
  };
  return [
    http.get(`*/api${CUTOVER_PATH}/status`, () => answer('GET', 'status')),
    http.post(`*/api${CUTOVER_PATH}/start`, () => answer('POST', 'start')),
  ];
}
