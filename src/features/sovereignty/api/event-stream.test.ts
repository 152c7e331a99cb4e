import { describe, expect, it, vi } from 'vitest';
import { fakeClock } from '@/testing/fake-clock';
import type { EventSourceLike } from './connection-types';
import { EventStream, type StreamHost } from './event-stream';

function setup() {
  const { clock, advance } = fakeClock();
  const sources: { close: () => void; listeners: Map<string, (event: Event) => void> }[] = [];
  const open = (): EventSourceLike => {
    const listeners = new Map<string, (event: Event) => void>();
    const source = {
      listeners,
      addEventListener: (type: string, listener: (event: Event) => void) => {
        listeners.set(type, listener);
      },
      close: vi.fn(),
    };
    sources.push(source);
    return source;
  };
  const leftLive = vi.fn();
  const host: StreamHost = {
    frame: vi.fn(),
    wanted: () => true,
    ended: vi.fn(),
    leftLive,
    changed: vi.fn(),
  };
  const stream = new EventStream(open, clock, () => 0.5, host);
  const fail = () => {
    sources.at(-1)?.listeners.get('error')?.(new Event('error'));
  };
  return { stream, sources, advance, leftLive, fail };
}

describe('EventStream: one EventSource at a time', () => {
  it('connecting again while open opens nothing more', () => {
    const { stream, sources } = setup();
    stream.connect();
    stream.connect();
    expect(sources).toHaveLength(1);
    expect(stream.health).toBe('connecting');
  });

  it('says Live once: going live again changes nothing', () => {
    const { stream } = setup();
    stream.connect();
    stream.markSynced();
    expect(stream.goLive()).toBe(true);
    expect(stream.goLive()).toBe(false);
    expect(stream.health).toBe('live');
  });

  it('only a stream that was live tells the polls it left', () => {
    const { stream, leftLive } = setup();
    stream.connect();
    stream.close('reconnecting'); // it never was live
    expect(leftLive).not.toHaveBeenCalled();
    stream.connect();
    stream.markSynced();
    stream.goLive();
    stream.close('off');
    expect(leftLive).toHaveBeenCalledTimes(1);
  });

  it('after a failure, wanting the stream does not skip its back-off', () => {
    const { stream, sources, advance, fail } = setup();
    stream.connect();
    fail(); // refused: the first retry waits 5 s (nominal draw)
    expect(stream.retryPlanned).toBe(true);
    stream.reconcile(true, false);
    expect(sources).toHaveLength(1);
    advance(4_999);
    expect(sources).toHaveLength(1);
    advance(1);
    expect(sources).toHaveLength(2);
  });
});
