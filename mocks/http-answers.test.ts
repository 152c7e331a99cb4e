import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { errorAnswer, writeAnswer, type HttpAnswer } from './http-answers';

/** Just what writeAnswer touches on a request and a response. */
function exchange() {
  const written: { status?: number; headers?: OutgoingHttpHeaders; body?: string } = {};
  let destroyed = false;
  const req = { socket: { destroy: () => (destroyed = true) } } as unknown as IncomingMessage;
  const res = {
    writeHead(status: number, headers: OutgoingHttpHeaders) {
      Object.assign(written, { status, headers });
    },
    end(body?: string) {
      written.body = body ?? '';
    },
  } as unknown as ServerResponse;
  return { req, res, written, destroyed: () => destroyed };
}

function write(answer: HttpAnswer) {
  const { req, res, written, destroyed } = exchange();
  writeAnswer(req, res, answer);
  return { ...written, destroyed: destroyed() };
}

describe('writeAnswer', () => {
  it('JSON as Go encodes it: one line and a newline, its byte length, extra headers kept', () => {
    const written = write(errorAnswer(405, 'method-not-allowed', 'use GET — ok', { Allow: 'GET' }));
    expect(written).toMatchObject({
      status: 405,
      headers: { 'Content-Type': 'application/json', Allow: 'GET' },
      body: '{"error":"method-not-allowed","detail":"use GET — ok"}\n',
      destroyed: false,
    });
    // Bytes, not characters: the dash is three bytes in UTF-8.
    const body = written.body ?? '';
    expect(written.headers?.['Content-Length']).toBe(Buffer.byteLength(body));
    expect(Buffer.byteLength(body)).toBe(body.length + 2);
  });

  it('text with its own content type', () => {
    const written = write({
      kind: 'text',
      status: 502,
      contentType: 'text/html',
      body: '<p>é</p>',
    });
    expect(written).toEqual({
      status: 502,
      headers: { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength('<p>é</p>') },
      body: '<p>é</p>',
      destroyed: false,
    });
  });

  it('a body-less answer carries only its own headers', () => {
    expect(
      write({ kind: 'empty', status: 204, headers: { 'Set-Cookie': 'a=; Max-Age=0' } }),
    ).toEqual({
      status: 204,
      headers: { 'Set-Cookie': 'a=; Max-Age=0' },
      body: '',
      destroyed: false,
    });
  });

  it('a network error answers nothing: the connection is cut', () => {
    expect(write({ kind: 'network-error' })).toEqual({ destroyed: true });
  });
});
