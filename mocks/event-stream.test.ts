import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from './engine-events';
import {
  sseFrame,
  streamCutoverEvents,
  streamRefusal,
  type EventStreamSink,
  type EventStreamSource,
} from './event-stream';
import { Simulator } from './simulator';

const event = (phase: EngineEvent['phase'], step?: string): EngineEvent => ({
  time: '2026-11-26T10:00:00Z',
  phase,
  level: phase === 'cutover-step-failed' ? 'error' : 'info',
  message: `${phase}${step ? ` ${step}` : ''}`,
  ...(step ? { step } : {}),
});

/** A hand-driven engine: a fixed replay buffer, a map, live events and outages on demand. */
function fakeSource(replayed: EngineEvent[] = [], map: Record<string, string> = {}) {
  const listeners = new Set<(event: EngineEvent) => void>();
  const drops = new Set<() => void>();
  const source: EventStreamSource = {
    engine: {
      replay: () => replayed,
      snapshotMessage: () => JSON.stringify(map),
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    onStreamDrop: (listener) => {
      drops.add(listener);
      return () => drops.delete(listener);
    },
  };
  return {
    source,
    listeners,
    drops,
    publish: (live: EngineEvent) => {
      for (const listener of [...listeners]) listener(live);
    },
    drop: () => {
      for (const listener of [...drops]) listener();
    },
  };
}

function recordingSink() {
  const sent: EngineEvent[] = [];
  const sink: EventStreamSink & { closed: number } = {
    closed: 0,
    send: (frame) => sent.push(frame),
    close: () => {
      sink.closed += 1;
    },
  };
  return { sent, sink };
}

const NOW = Date.parse('2026-11-26T10:05:00.789Z');

describe('the event stream protocol (one for every door)', () => {
  it('sends the replay buffer, then one snapshot of the map, then the live tail, in that order', () => {
    const fake = fakeSource([event('cutover-started'), event('cutover-step-started', 'a')], {
      cutoverComplete: 'false',
      'step.a.result': 'running',
    });
    const { sent, sink } = recordingSink();
    streamCutoverEvents(fake.source, sink, () => NOW);
    fake.publish(event('cutover-step-finished', 'a'));
    expect(sent.map((frame) => frame.phase)).toEqual([
      'cutover-started',
      'cutover-step-started',
      'cutover-status',
      'cutover-step-finished',
    ]);
    expect(sent[2]).toEqual({
      time: '2026-11-26T10:05:00Z',
      phase: 'cutover-status',
      level: 'info',
      message: '{"cutoverComplete":"false","step.a.result":"running"}',
    });
    expect(sink.closed).toBe(0);
  });

  it('a replayed terminal event does not end the stream; a live one does, after it is sent', () => {
    const fake = fakeSource([event('cutover-step-failed', 'a'), event('cutover-completed')]);
    const { sent, sink } = recordingSink();
    streamCutoverEvents(fake.source, sink, () => NOW);
    expect(sink.closed).toBe(0);
    fake.publish(event('cutover-started'));
    fake.publish(event('cutover-completed'));
    expect(sent.at(-1)?.phase).toBe('cutover-completed');
    expect(sink.closed).toBe(1);
    // Ended: unsubscribed from the engine and from outages, and nothing more is sent.
    expect(fake.listeners.size).toBe(0);
    expect(fake.drops.size).toBe(0);
    const count = sent.length;
    fake.publish(event('cutover-started'));
    expect(sent).toHaveLength(count);
  });

  it('a live cutover-step-failed ends the stream too; other live events do not', () => {
    const fake = fakeSource();
    const { sink } = recordingSink();
    streamCutoverEvents(fake.source, sink, () => NOW);
    for (const phase of [
      'cutover-started',
      'cutover-step-started',
      'cutover-step-finished',
      'cutover-already-complete',
    ] as const) {
      fake.publish(event(phase, 'a'));
    }
    expect(sink.closed).toBe(0);
    fake.publish(event('cutover-step-failed', 'a'));
    expect(sink.closed).toBe(1);
  });

  it('an outage (the stream dies) ends it without a frame', () => {
    const fake = fakeSource();
    const { sent, sink } = recordingSink();
    streamCutoverEvents(fake.source, sink, () => NOW);
    const count = sent.length;
    fake.drop();
    expect(sink.closed).toBe(1);
    expect(sent).toHaveLength(count);
    expect(fake.listeners.size).toBe(0);
  });

  it('a client that goes away: stop sends nothing more and does not close the sink', () => {
    const fake = fakeSource();
    const { sent, sink } = recordingSink();
    const stop = streamCutoverEvents(fake.source, sink, () => NOW);
    stop();
    fake.publish(event('cutover-completed'));
    fake.drop();
    expect(sent.map((frame) => frame.phase)).toEqual(['cutover-status']);
    expect(sink.closed).toBe(0);
    expect(fake.listeners.size).toBe(0);
    expect(fake.drops.size).toBe(0);
  });

  it('an event published to a stream ended in the same round is not sent (listeners are copied)', () => {
    const fake = fakeSource();
    // The outage watcher subscribes first and drops the stream on the event it sees.
    fake.source.engine.subscribe(() => {
      fake.drop();
    });
    const { sent, sink } = recordingSink();
    streamCutoverEvents(fake.source, sink, () => NOW);
    fake.publish(event('cutover-step-started', 'registry-pivot'));
    expect(sent.map((frame) => frame.phase)).toEqual(['cutover-status']);
    expect(sink.closed).toBe(1);
  });
});

describe('the protocol on a real simulator', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sovereign: the replayed history ends in cutover-completed, and the stream stays open', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.parse('2026-11-26T10:00:00Z'));
    const sim = new Simulator({ scenario: 'sovereign' });
    const { sent, sink } = recordingSink();
    streamCutoverEvents(sim, sink);
    expect(sent.at(-2)?.phase).toBe('cutover-completed');
    expect(sent.at(-1)?.phase).toBe('cutover-status');
    expect(JSON.parse(sent.at(-1)?.message ?? '{}')).toEqual(sim.engine.data);
    expect(sink.closed).toBe(0);
    sim.dispose();
  });

  it('fresh-install: the live run streams to its end, which closes the stream', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const sim = new Simulator({ scenario: 'fresh-install', stepMs: 100 });
    const { sent, sink } = recordingSink();
    streamCutoverEvents(sim, sink);
    vi.advanceTimersByTime(10_000);
    expect(sent[0]?.phase).toBe('cutover-status');
    expect(sent.filter((frame) => frame.phase === 'cutover-step-finished')).toHaveLength(11);
    expect(sent.at(-1)?.phase).toBe('cutover-completed');
    expect(sink.closed).toBe(1);
    sim.dispose();
  });
});

describe('sseFrame', () => {
  it('names the frame by the phase and carries the event as one line of JSON', () => {
    const frame = sseFrame({ ...event('cutover-step-started', 'a'), message: 'two\nlines' });
    expect(frame).toBe(
      'event: cutover-step-started\n' +
        'data: {"time":"2026-11-26T10:00:00Z","phase":"cutover-step-started","level":"info","message":"two\\nlines","step":"a"}\n\n',
    );
  });
});

describe('streamRefusal', () => {
  it('a broken API refuses with its fixed answer, an outage with the ingress 502, else it opens', () => {
    const fixed = { kind: 'json', status: 401, body: { error: 'unauthenticated' } } as const;
    expect(streamRefusal({ fixedAnswer: fixed, isStreamDown: () => true })).toBe(fixed);
    expect(streamRefusal({ fixedAnswer: undefined, isStreamDown: () => true })).toEqual({
      kind: 'text',
      status: 502,
      contentType: 'text/plain',
      body: 'upstream unavailable',
    });
    expect(streamRefusal({ fixedAnswer: undefined, isStreamDown: () => false })).toBeUndefined();
  });
});
