/**
 * The cutover event stream's protocol, written once for every door (docs/cutover-contract.md §7).
 * On connect: every event in the engine's replay buffer (a replayed terminal event does not end
 * the stream), then one `cutover-status` snapshot whose `message` is the flat ConfigMap as JSON,
 * then the live tail, until a live terminal event (`cutover-completed`, `cutover-step-failed`)
 * ends the response. No ids, no heartbeats. A stream outage or a process restart of the simulated
 * Sovereign ends it too. The doors supply only the transport: the MSW `sse()` client
 * (mocks/handlers.ts) or a Node `ServerResponse` (mocks/http-server.ts).
 */
import { rfc3339 } from './clock';
import { isTerminalEvent, type EngineEvent } from './engine-events';
import type { SimResponse } from './sim-answers';

/** What the stream reads from: the engine's buffer, map and live events, and the outages. */
export interface EventStreamSource {
  readonly engine: {
    replay(): readonly EngineEvent[];
    snapshotMessage(): string;
    subscribe(listener: (event: EngineEvent) => void): () => void;
  };
  /** Called when the stream dies (the `stream-drop` outage, a restart); returns an unsubscribe. */
  onStreamDrop(listener: () => void): () => void;
}

/** Where the frames go: one connected client. */
export interface EventStreamSink {
  send(event: EngineEvent): void;
  /** Ends the response (the server's side of the connection). */
  close(): void;
}

/**
 * Streams to `sink` until a live terminal event or a drop, which close it. Returns `stop`, for a
 * client that goes away first: nothing more is sent, and `close` is not called.
 */
export function streamCutoverEvents(
  source: EventStreamSource,
  sink: EventStreamSink,
  now: () => number = Date.now,
): () => void {
  const { engine } = source;
  const cleanups: (() => void)[] = [];
  let open = true;
  const stop = () => {
    open = false;
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  const end = () => {
    stop();
    sink.close();
  };
  const send = (event: EngineEvent) => {
    if (open) sink.send(event);
  };
  // 1. every event in the process-wide replay buffer; replayed terminal events do not end it
  for (const event of engine.replay()) send(event);
  // 2. one snapshot: the flat ConfigMap map, JSON-encoded as a string
  const snapshot = engine.snapshotMessage();
  send({ time: rfc3339(now()), phase: 'cutover-status', level: 'info', message: snapshot });
  // 3. the live tail, until a live terminal event, or until the stream dies
  cleanups.push(
    engine.subscribe((event) => {
      if (!open) return;
      send(event);
      if (isTerminalEvent(event)) end();
    }),
    source.onStreamDrop(() => {
      if (open) end();
    }),
  );
  return stop;
}

/** One `text/event-stream` frame: the phase as the event name, the event as one line of JSON. */
export function sseFrame(event: EngineEvent): string {
  return `event: ${event.phase}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** What decides whether the stream opens at all. */
export interface StreamGate {
  readonly fixedAnswer: SimResponse | undefined;
  isStreamDown(): boolean;
}

/**
 * The answer that refuses the stream before it opens, if any: a broken or absent API refuses it
 * as it refuses everything else; during an outage the ingress answers for the dead stream, as
 * nginx does, with a 502.
 */
export function streamRefusal(gate: StreamGate): SimResponse | undefined {
  if (gate.fixedAnswer) return gate.fixedAnswer;
  if (gate.isStreamDown()) {
    return { kind: 'text', status: 502, contentType: 'text/plain', body: 'upstream unavailable' };
  }
  return undefined;
}
