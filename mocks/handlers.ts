import { delay, http, HttpResponse, sse, type HttpHandler, type JsonBodyType } from 'msw';
import type { EnginePhase } from './engine-events';
import { streamCutoverEvents, streamRefusal } from './event-stream';
import { CUTOVER_PATH, type SimResponse } from './sim-answers';
import type { Simulator } from './simulator';

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

/** Every frame's data is the engine's single-line JSON payload. */
type EngineEventMap = Record<EnginePhase, string>;

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
  const eventsUrl = `*/api${CUTOVER_PATH}/events`;
  return [
    http.get(`*/api${CUTOVER_PATH}/status`, () => answer('GET', 'status')),
    http.post(`*/api${CUTOVER_PATH}/start`, () => answer('POST', 'start')),
    // A refused stream is answered here; returning nothing falls through to the stream itself.
    http.get(eventsUrl, () => {
      const refused = streamRefusal(simulator());
      return refused ? toHttpResponse(refused) : undefined;
    }),
    // The protocol is mocks/event-stream.ts; this door only carries its frames.
    sse<EngineEventMap>(eventsUrl, ({ client, request }) => {
      const stop = streamCutoverEvents(simulator(), {
        send: (event) => {
          client.send({ event: event.phase, data: JSON.stringify(event) });
        },
        close: () => {
          client.close();
        },
      });
      request.signal.addEventListener('abort', stop);
    }),
  ];
}
