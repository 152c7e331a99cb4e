import { get, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

export interface SseFrame {
  /** The `event:` line. */
  readonly event: string;
  /** The `data:` line, parsed. */
  readonly data: Record<string, unknown>;
  /** The frame exactly as it came over the wire. */
  readonly raw: string;
  /** When it arrived (ms since the request was sent). */
  readonly at: number;
}

export interface SseConnection {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly frames: SseFrame[];
  /** Resolves when the server ends the response. */
  readonly ended: Promise<void>;
  /** Waits until a frame matches (rejects after `timeoutMs`). */
  waitFor(match: (frame: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>;
  close(): void;
}

/** A raw `text/event-stream` client: no reconnects, no parsing leniency, every frame kept. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { Accept: 'text/event-stream', ...headers } });
    request.on('error', reject);
    request.on('response', (response: IncomingMessage) => {
      const frames: SseFrame[] = [];
      const waiters = new Set<() => void>();
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const raw = buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(raw)?.[1] ?? 'message';
          const data = /^data: (.*)$/m.exec(raw)?.[1] ?? '{}';
          frames.push({
            event,
            data: JSON.parse(data) as Record<string, unknown>,
            raw,
            at: Date.now() - started,
          });
          end = buffer.indexOf('\n\n');
        }
        for (const wake of [...waiters]) wake();
      });
      const ended = new Promise<void>((done) => {
        response.on('end', done);
        response.on('close', done);
      });
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        frames,
        ended,
        waitFor(match, timeoutMs = 10_000) {
          return new Promise((found, fail) => {
            const check = () => {
              const frame = frames.find(match);
              if (!frame) return;
              clearTimeout(timer);
              waiters.delete(check);
              found(frame);
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(
                new Error(
                  `no matching frame in ${timeoutMs} ms; got ${frames.map((f) => f.event).join(', ')}`,
                ),
              );
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        close() {
          request.destroy();
        },
      });
    });
  });
}
