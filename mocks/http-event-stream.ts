/**
 * The event stream's transport on the loopback server: a real `text/event-stream` response
 * carrying the frames of the shared protocol (mocks/event-stream.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sseFrame, streamCutoverEvents, type EventStreamSource } from './event-stream';

/** Opens the stream on `res`; it stays in `streams` until the connection closes. */
export function serveEventStream(
  req: IncomingMessage,
  res: ServerResponse,
  source: EventStreamSource,
  streams: Set<ServerResponse>,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  req.socket.setNoDelay(true);
  streams.add(res);
  const stop = streamCutoverEvents(source, {
    send: (event) => {
      if (!res.writableEnded && !res.destroyed) res.write(sseFrame(event));
    },
    close: () => {
      res.end();
    },
  });
  res.on('close', () => {
    stop();
    streams.delete(res);
  });
}
