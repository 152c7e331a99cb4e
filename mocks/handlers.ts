import { delay, http, HttpResponse, sse, type HttpHandler, type JsonBodyType } from 'msw';
import type { CutoverEvent, CutoverPhase } from './engine';
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

/** Every frame's data is the engine's single-line JSON payload. */
type CutoverEventMap = Record<CutoverPhase, string>;

const TERMINAL: ReadonlySet<CutoverPhase> = new Set(['cutover-completed', 'cutover-step-failed']);

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
    // A broken or absent API refuses the stream the way it refuses everything else; returning
    // nothing falls through to the stream itself.
    http.get(eventsUrl, () => {
      const sim = simulator();
      if (sim.fixedAnswer) return toHttpResponse(sim.fixedAnswer);
      // During an outage the ingress answers for the dead stream, as nginx does: 502.
      if (sim.isStreamDown()) {
        return new HttpResponse('upstream unavailable', {
          status: 502,
          headers: { 'Content-Type': 'text/plain' },
        });
      }
      return undefined;
    }),
    sse<CutoverEventMap>(eventsUrl, ({ client, request }) => {
      const { engine } = simulator();
      const cleanups: (() => void)[] = [];
      let open = true;
      const stop = () => {
        open = false;
        for (const cleanup of cleanups.splice(0)) cleanup();
      };
      const send = (event: CutoverEvent) => {
        if (open) client.send({ event: event.phase, data: JSON.stringify(event) });
      };
      // On connect, as the real server does (CUTOVER-API.md §7): the replay buffer, one snapshot
      // of the flat ConfigMap (JSON in `message`), then the live tail. No ids, no heartbeats.
      for (const event of engine.replay()) send(event);
      send({
        time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        phase: 'cutover-status',
        level: 'info',
        message: engine.snapshotMessage(),
      });
      cleanups.push(
        engine.subscribe((event) => {
          send(event);
          // The server ends the response after a live terminal event; replayed ones do not.
          if (TERMINAL.has(event.phase)) {
            stop();
            client.close();
          }
        }),
        // The stream dies mid-run: the response just ends, and reconnects are refused (above).
        simulator().onStreamDrop(() => {
          stop();
          client.close();
        }),
      );
      request.signal.addEventListener('abort', stop);
    }),
  ];
}
