import { act, fireEvent, screen } from '@testing-library/react';
import { http, HttpResponse, sse } from 'msw';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { server, startSimulator } from '../../../../mocks/node';
import { preloadRoutes, renderConsole } from '../../../../tests/render';

/**
 * The card under each fault class of docs/reliability.md, through the real routes, the real
 * connection and MSW, with fake timers. Every test counts the requests the console made and
 * checks, second by second, that a problem once shown never gives way to the skeleton.
 */

const STATUS_PATH = '/api/v1/sovereign/cutover/status';
const EVENTS_PATH = '/api/v1/sovereign/cutover/events';
const STATUS_URL = `*${STATUS_PATH}`;
const EVENTS_URL = `*${EVENTS_PATH}`;
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

const card = () => screen.getByRole('region', { name: 'Sovereignty' });
const badgeText = () => card().querySelector('.badge__label')?.textContent ?? '';
const isStale = () => card().querySelector('.badge__stale') !== null;
const skeleton = () => screen.queryByRole('status', { name: 'Loading the cutover status' });
const footer = () => card().querySelector('.stream-status')?.textContent ?? '';

function countRequests() {
  const count = { status: 0, events: 0 };
  server.events.on('request:start', ({ request }) => {
    const path = new URL(request.url).pathname;
    if (path === STATUS_PATH) count.status += 1;
    if (path === EVENTS_PATH) count.events += 1;
  });
  return count;
}

const tick = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** Advances `totalMs` in steps, running `check` after each: a second at a time for two minutes. */
async function watch(totalMs: number, check: () => void) {
  for (let elapsed = 0; elapsed < totalMs;) {
    const step = elapsed < 2 * MINUTE ? SECOND : 5 * SECOND;
    await tick(step);
    elapsed += step;
    check();
  }
}

/**
 * How many `/status` requests a failing API gets in `minutes` when the first one fails at 0:
 * back-off 4–6, 8–12, 16–24, 32–48 s, then 60–90 s (docs/reliability.md).
 */
function failingBudget(minutes: number): { min: number; max: number } {
  const ms = minutes * MINUTE;
  return {
    max: 5 + Math.floor((ms - (4 + 8 + 16 + 32) * SECOND) / (60 * SECOND)),
    min: 5 + Math.floor((ms - (6 + 12 + 24 + 48) * SECOND) / (90 * SECOND)),
  };
}

/** A JSON body whose connection is reset after the first bytes. */
function resetMidBody() {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"state":"teth'));
      controller.error(new TypeError('terminated: other side closed'));
    },
  });
  return new HttpResponse(body, { headers: { 'Content-Type': 'application/json' } });
}

type Fault = readonly [name: string, answer: () => Response, message: RegExp];

const STATUS_FAULTS: readonly Fault[] = [
  [
    '500 JSON',
    () =>
      HttpResponse.json({ error: 'status-read-failed', detail: 'etcd timeout' }, { status: 500 }),
    /^The catalyst-api answered HTTP 500 status-read-failed: etcd timeout$/,
  ],
  [
    '502 HTML',
    () => HttpResponse.html('<html><center>502 Bad Gateway</center></html>', { status: 502 }),
    /^The catalyst-api answered HTTP 502 with a web page \(a proxy or ingress error\)\.$/,
  ],
  ['connection refused', () => HttpResponse.error(), /^Could not reach the catalyst-api\.$/],
  [
    'reset mid-body',
    resetMidBody,
    /^The connection to the catalyst-api dropped while reading its answer\.$/,
  ],
];

// The route's chunk loads for real (not on the fake clock): load it once before the clock stops.
beforeAll(async () => {
  await preloadRoutes();
});
beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a failing /status, nothing cached', { timeout: 30_000 }, () => {
  it.each(STATUS_FAULTS)(
    '%s: says what failed, never blinks, backs off',
    async (_n, answer, message) => {
      startSimulator({ scenario: 'waiting' });
      server.use(http.get(STATUS_URL, answer));
      const requests = countRequests();
      renderConsole();
      await tick(SECOND);
      expect(screen.getByText(message)).toBeInTheDocument();
      await watch(10 * MINUTE, () => {
        expect(screen.getByText(message)).toBeInTheDocument();
        expect(skeleton()).not.toBeInTheDocument();
        expect(badgeText()).toBe('Unknown');
      });
      const budget = failingBudget(10);
      expect(requests.status).toBeGreaterThanOrEqual(budget.min);
      expect(requests.status).toBeLessThanOrEqual(budget.max);
      expect(requests.events).toBe(0);
    },
  );

  it('invalid state on the first answer: the value quoted, Unknown, never Sovereign, backs off', async () => {
    startSimulator({ scenario: 'waiting' });
    server.use(
      http.get(STATUS_URL, () => HttpResponse.json({ state: 'pending', cutoverComplete: true })),
    );
    const requests = countRequests();
    renderConsole();
    await tick(SECOND);
    await watch(10 * MINUTE, () => {
      expect(screen.getByText('The catalyst-api sent an unrecognised state')).toBeInTheDocument();
      expect(skeleton()).not.toBeInTheDocument();
      expect(badgeText()).toBe('Unknown');
    });
    expect(card()).toHaveTextContent('It said "pending", which is neither tethered nor sovereign');
    const budget = failingBudget(10);
    expect(requests.status).toBeGreaterThanOrEqual(budget.min);
    expect(requests.status).toBeLessThanOrEqual(budget.max);
    expect(requests.events).toBe(0);
  });

  it('503 with Retry-After: 300 waits five minutes between tries, and says when', async () => {
    startSimulator({ scenario: 'waiting' });
    server.use(
      http.get(STATUS_URL, () =>
        HttpResponse.json(
          { error: 'cutover-unconfigured', detail: 'warming up' },
          { status: 503, headers: { 'Retry-After': '300' } },
        ),
      ),
    );
    const requests = countRequests();
    renderConsole();
    await tick(SECOND);
    expect(card()).toHaveTextContent(/Next automatic try in 5 minutes\./);
    await watch(20 * MINUTE, () => {
      expect(screen.getByText(/HTTP 503 cutover-unconfigured: warming up/)).toBeInTheDocument();
      expect(skeleton()).not.toBeInTheDocument();
    });
    expect(requests.status).toBe(5); // 0, 5, 10, 15, 20 minutes
  });

  it('Retry now is the only way to skip the back-off, and a shown error stays while it runs', async () => {
    startSimulator({ scenario: 'waiting' });
    server.use(http.get(STATUS_URL, () => HttpResponse.error()));
    const requests = countRequests();
    renderConsole();
    await tick(SECOND);
    await tick(19 * SECOND); // asked at 0, 4–6 and 12–18 s: the next is 16–24 s later
    const before = requests.status;
    expect(before).toBe(3);
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
      fireEvent.click(screen.getByRole('button', { name: 'Retry now' })); // joins the first
    });
    expect(screen.getByText('Checking now…')).toBeInTheDocument();
    expect(screen.getByText('Could not reach the catalyst-api.')).toBeInTheDocument();
    await tick(SECOND);
    expect(requests.status).toBe(before + 1);
    expect(screen.getByText('Could not reach the catalyst-api.')).toBeInTheDocument();
    expect(skeleton()).not.toBeInTheDocument();
  });
});

describe('a failing /status over good data', { timeout: 30_000 }, () => {
  it.each(STATUS_FAULTS)(
    '%s: the last good badge stays, marked stale; the stream is closed as suspect',
    async (_n, answer, message) => {
      startSimulator({ scenario: 'mid-run', stepMs: 10 * MINUTE });
      const requests = countRequests();
      renderConsole();
      await tick(2 * SECOND);
      expect(footer()).toBe('Live');
      expect(badgeText()).toBe('Tethered');
      const streamsBefore = requests.events;
      const statusBefore = requests.status;
      server.use(http.get(STATUS_URL, answer));
      await tick(60 * SECOND); // the safety-net poll finds the fault
      expect(screen.getByText(message)).toBeInTheDocument();
      await watch(10 * MINUTE, () => {
        expect(screen.getByText(message)).toBeInTheDocument();
        expect(isStale()).toBe(true);
        expect(badgeText()).toBe('Tethered');
        expect(footer()).not.toBe('Live');
        expect(screen.getByText(/Showing the last known status, as of/)).toBeInTheDocument();
      });
      const budget = failingBudget(10);
      expect(requests.status - statusBefore).toBeGreaterThanOrEqual(budget.min);
      expect(requests.status - statusBefore).toBeLessThanOrEqual(budget.max + 1);
      expect(requests.events).toBe(streamsBefore); // no stream attempt while /status fails
    },
  );
});

describe('a failing event stream, /status healthy', { timeout: 30_000 }, () => {
  it.each([401, 404, 500])(
    'stream answering %i: never Live, reconnects back off to about one a minute',
    async (status) => {
      startSimulator({ scenario: 'waiting' });
      server.use(http.get(EVENTS_URL, () => new HttpResponse(null, { status })));
      const requests = countRequests();
      renderConsole();
      await watch(10 * MINUTE, () => {
        expect(footer()).not.toBe('Live');
        expect(badgeText()).toBe('Tethered');
        expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      });
      // Stream attempts: 0, then after 4–6, 8–12, 16–24, 32–48, then 60–90 s.
      const budget = failingBudget(10);
      expect(requests.events).toBeGreaterThanOrEqual(budget.min);
      expect(requests.events).toBeLessThanOrEqual(budget.max);
      // Waiting without a live stream: /status every 15 s, not once per reconnect.
      expect(requests.status).toBeLessThanOrEqual(10 * 4 + 1);
      expect(requests.status).toBeGreaterThanOrEqual(10 * 4 - 2);
    },
  );

  it('a stream that closes every second after its snapshot backs off the same way', async () => {
    const sim = startSimulator({ scenario: 'waiting' });
    server.use(
      sse<{ 'cutover-status': string }>(EVENTS_URL, ({ client }) => {
        client.send({
          event: 'cutover-status',
          data: JSON.stringify({
            time: new Date().toISOString(),
            phase: 'cutover-status',
            message: sim.engine.snapshotMessage(),
          }),
        });
        setTimeout(() => {
          client.close();
        }, SECOND);
      }),
    );
    const requests = countRequests();
    renderConsole();
    await watch(10 * MINUTE, () => {
      expect(badgeText()).toBe('Tethered');
    });
    const budget = failingBudget(10);
    expect(requests.events).toBeGreaterThanOrEqual(budget.min - 1);
    expect(requests.events).toBeLessThanOrEqual(budget.max);
    expect(requests.status).toBeLessThanOrEqual(10 * 4 + 1);
  });

  it('a stream that never sends is never Live, and is given up and retried with back-off', async () => {
    startSimulator({ scenario: 'waiting' });
    server.use(sse(EVENTS_URL, () => undefined));
    const requests = countRequests();
    renderConsole();
    await watch(10 * MINUTE, () => {
      expect(footer()).not.toBe('Live');
      expect(badgeText()).toBe('Tethered');
    });
    // Each attempt waits 15 s for its snapshot, then the back-off.
    expect(requests.events).toBeGreaterThanOrEqual(6);
    expect(requests.events).toBeLessThanOrEqual(10);
  });

  it('a frame named "error" is not a transport error: one stream, still Live', async () => {
    const sim = startSimulator({ scenario: 'waiting' });
    server.use(
      sse<{ 'cutover-status': string; error: string }>(EVENTS_URL, ({ client }) => {
        client.send({
          event: 'cutover-status',
          data: JSON.stringify({
            time: new Date().toISOString(),
            phase: 'cutover-status',
            message: sim.engine.snapshotMessage(),
          }),
        });
        client.send({ event: 'error', data: '{"message":"not a transport error"}' });
      }),
    );
    const requests = countRequests();
    renderConsole();
    await watch(5 * MINUTE, () => {
      expect(badgeText()).toBe('Tethered');
    });
    expect(footer()).toBe('Live');
    expect(requests.events).toBe(1);
    // A live stream relaxes polling to a 60 s safety net.
    expect(requests.status).toBeLessThanOrEqual(6);
  });
});
