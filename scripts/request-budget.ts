/**
 * `npm run budget`: how many requests one console tab sends to the catalyst-api under each fault
 * class of docs/reliability.md, counted by running the real connection (connection.ts) for two
 * simulated hours on a simulated clock. Prints a table; the unit tests assert the same limits.
 */
import { QueryClient, notifyManager } from '@tanstack/query-core';
import { ApiError } from '@/lib/api-client';
import {
  CutoverConnection,
  type Clock,
  type EventSourceLike,
} from '@/features/sovereignty/api/connection';
import { parseCutoverStatus, type CutoverStatus } from '@/features/sovereignty/cutover';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A discrete-event clock: timers run in time order, as fast as the CPU allows. */
class SimulatedClock implements Clock {
  private time = Date.parse('2026-05-04T10:00:00Z');
  private sequence = 0;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = (this.sequence += 1);
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Runs every timer due until `until`, letting promises settle between them. */
  async runUntil(until: number): Promise<void> {
    for (;;) {
      await settle();
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.timers) {
        if (!next || entry[1].at < next[1].at) next = entry;
      }
      if (!next || next[1].at > until) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].callback();
    }
    this.time = until;
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

class SimulatedStream implements EventSourceLike {
  private readonly listeners = new Map<string, ((event: Event) => void)[]>();
  closed = false;
  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  dispatch(event: Event): void {
    if (this.closed) return;
    for (const listener of this.listeners.get(event.type) ?? []) listener(event);
  }
  snapshot(time: number): void {
    const data = JSON.stringify({
      time: new Date(time).toISOString(),
      phase: 'cutover-status',
      message: JSON.stringify({ cutoverComplete: 'false' }),
    });
    this.dispatch(new MessageEvent('cutover-status', { data }));
  }
  fail(): void {
    this.dispatch(new Event('error'));
  }
}

type StreamBehaviour = 'healthy' | 'refused' | 'drops-after-1s' | 'silent';

interface Fault {
  readonly name: string;
  readonly status: () => CutoverStatus | Error;
  readonly stream: StreamBehaviour;
}

const waiting = () => parseCutoverStatus({ state: 'tethered', steps: [] });
const running = () =>
  parseCutoverStatus({ state: 'tethered', steps: [{ name: 'gitea-mirror', status: 'running' }] });
const http = (status: number, retryAfterMs?: number) => () =>
  new ApiError('http', `HTTP ${status}`, {
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });

/** Every other answer fails. */
function flapping(): () => CutoverStatus | Error {
  let calls = 0;
  return () => ((calls += 1) % 2 === 0 ? http(500)() : waiting());
}

const FAULTS: readonly Fault[] = [
  { name: 'healthy, waiting, stream live', status: waiting, stream: 'healthy' },
  { name: 'healthy, a step running, stream live', status: running, stream: 'healthy' },
  { name: '/status 500 (whole API down)', status: http(500), stream: 'refused' },
  {
    name: '/status connection refused',
    status: () => new ApiError('network', 'refused'),
    stream: 'refused',
  },
  { name: '/status 503, Retry-After: 120', status: http(503, 120_000), stream: 'refused' },
  { name: '/status 404 (routes not installed)', status: http(404), stream: 'refused' },
  { name: '/status 401 (signed out)', status: http(401), stream: 'refused' },
  { name: 'stream refused, /status fine, waiting', status: waiting, stream: 'refused' },
  { name: 'stream refused, /status fine, step running', status: running, stream: 'refused' },
  {
    name: 'stream drops 1 s after its snapshot, waiting',
    status: waiting,
    stream: 'drops-after-1s',
  },
  { name: 'stream never sends, waiting', status: waiting, stream: 'silent' },
  { name: 'flapping: every other /status fails', status: flapping(), stream: 'refused' },
  { name: 'flapping /status, stream works', status: flapping(), stream: 'healthy' },
];

/** A seeded generator, so a run is repeatable. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function measure(fault: Fault, random: () => number) {
  const clock = new SimulatedClock();
  const start = clock.now();
  const status: number[] = [];
  const streams: number[] = [];
  const queryClient = new QueryClient();
  const connection = new CutoverConnection({
    queryClient,
    clock,
    random,
    fetchStatus: () => {
      status.push(clock.now() - start);
      const answer = fault.status();
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    openStream: () => {
      streams.push(clock.now() - start);
      const stream = new SimulatedStream();
      clock.setTimeout(() => {
        if (fault.stream === 'refused') stream.fail();
        if (fault.stream === 'healthy' || fault.stream === 'drops-after-1s') {
          stream.snapshot(clock.now());
        }
        if (fault.stream === 'drops-after-1s')
          clock.setTimeout(() => {
            stream.fail();
          }, 1_000);
      }, 50);
      return stream;
    },
  });
  connection.start();
  await clock.runUntil(start + 2 * HOUR);
  connection.stop();
  const inHour = (times: number[], hour: number) =>
    times.filter((t) => t >= hour * HOUR && t < (hour + 1) * HOUR).length;
  return {
    firstHour: inHour(status, 0) + inHour(streams, 0),
    status: inHour(status, 1),
    stream: inHour(streams, 1),
  };
}

async function main() {
  // TanStack Query batches its notifications on a timer; run them as microtasks here.
  notifyManager.setScheduler(queueMicrotask);
  const rows: string[][] = [];
  for (const fault of FAULTS) {
    const typical = await measure(fault, mulberry32(7));
    const shortest = await measure(fault, () => 0);
    rows.push([
      fault.name,
      String(typical.firstHour),
      String(typical.status),
      String(typical.stream),
      String(typical.status + typical.stream),
      String(shortest.status + shortest.stream),
    ]);
  }
  const header = [
    'fault (one tab, visible)',
    '1st hour',
    'GET /status, 2nd h',
    'stream attempts, 2nd h',
    'total, 2nd h',
    'total, 2nd h, shortest jitter',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
  );
  for (const row of rows) console.log(line(row));
}

await main();
