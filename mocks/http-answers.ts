/**
 * The loopback server's answers: what a handler decided, as plain data (so each handler can be
 * tested without a socket), and how it is written on a Node `ServerResponse`.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { SimResponse } from './sim-answers';

/** A simulator answer, or a body-less one (a redirect, a 204). */
export type HttpAnswer =
  SimResponse | { kind: 'empty'; status: number; headers: Record<string, string | number> };

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpAnswer {
  return { kind: 'json', status, body, headers };
}

/** The catalyst-api's error body: `{"error": <code>, "detail": <sentence>}`. */
export function errorAnswer(
  status: number,
  error: string,
  detail: string,
  headers: Record<string, string> = {},
): HttpAnswer {
  return json(status, { error, detail }, headers);
}

export function text(status: number, body: string, contentType: string): HttpAnswer {
  return { kind: 'text', status, body, contentType };
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  headers: OutgoingHttpHeaders,
): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

export function writeAnswer(req: IncomingMessage, res: ServerResponse, answer: HttpAnswer): void {
  switch (answer.kind) {
    case 'network-error':
      // A connection that dies without an answer: what a flaky network or a crashing Pod gives.
      req.socket.destroy();
      return;
    case 'json':
      // Go's json.Encoder ends the body with a newline.
      send(res, answer.status, `${JSON.stringify(answer.body)}\n`, 'application/json', {
        ...answer.headers,
      });
      return;
    case 'text':
      send(res, answer.status, answer.body, answer.contentType, { ...answer.headers });
      return;
    case 'empty':
      res.writeHead(answer.status, answer.headers);
      res.end();
      return;
  }
}

export async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
