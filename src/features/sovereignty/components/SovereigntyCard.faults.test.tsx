import { act, fireEvent, screen } from '@testing-library/react';
import { delay, http, HttpResponse, sse } from 'msw';
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
  const count = { status: 0, events: 0, statusAt: [] as number[], eventsAt: [] as number[] };
  server.events.on('request:start', ({ request }) => {
    const path = new URL(request.url).pathname;
    if (path === STATUS_PATH) {
      count.status += 1;
      count.statusAt.push(Date.now());
    }
    if (path === EVENTS_PATH) {
      count.events += 1;
      count.eventsAt.push(Date.now());
    }
  });
  return count;
}

const BROKEN_STREAM_NOTE = 'Not live: the event stream keeps failing; checking about once a minute';

/**
 * A stream that keeps failing while /status answers: its attempts back off to the ceiling, and
 * from then on /status too keeps to about once a minute (it polled every 15 s before).
 */
function expectStreamFaultBudget(requests: ReturnType<typeof countRequests>, slack = 0) {
  expectWithinFailingBudget(requests.events, 10, slack);
  const lastFiveMinutes = (times: number[]) =>
    times.filter((at) => at > Date.now() - 5 * MINUTE).length;
  expect(lastFiveMinutes(requests.statusAt)).toBeLessThanOrEqual(6);
  expect(lastFiveMinutes(requests.eventsAt)).toBeLessThanOrEqual(6);
  expect(requests.status).toBeGreaterThanOrEqual(9);
  expect(requests.status).toBeLessThanOrEqual(20);
  expect(footer()).toBe(BROKEN_STREAM_NOTE);
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

function expectWithinFailingBudget(count: number, minutes: number, slack = 0) {
  const budget = failingBudget(minutes);
  expect(count).toBeGreaterThanOrEqual(budget.min - slack);
  expect(count).toBeLessThanOrEqual(budget.max + slack);
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
      expectWithinFailingBudget(requests.status, 10);
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
    expectWithinFailingBudget(requests.status, 10);
    expect(requests.events).toBe(0);
  });

  it('timeout: the skeleton for the 10 s of the first try, then the words, never the skeleton again', async () => {
    startSimulator({ scenario: 'waiting' });
    server.use(
      http.get(STATUS_URL, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const requests = countRequests();
    renderConsole();
    await tick(SECOND);
    expect(skeleton()).toBeInTheDocument();
    await tick(10 * SECOND);
    const message = 'The catalyst-api did not answer within 10 s.';
    expect(screen.getByText(message)).toBeInTheDocument();
    await watch(10 * MINUTE, () => {
      // Each try hangs for its 10 s: the notice stays, with "Checking now…" while it hangs.
      expect(screen.getByText(message)).toBeInTheDocument();
      expect(skeleton()).not.toBeInTheDocument();
      expect(badgeText()).toBe('Unknown');
    });
    // Each try hangs 10 s before its back-off starts: 0, 14–16, 32–38, 58–72, 100–130 s, then
    // every 70–100 s: 9 to 12 tries in ten minutes.
    expect(requests.status).toBeGreaterThanOrEqual(9);
    expect(requests.status).toBeLessThanOrEqual(12);
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
    // One act for both clicks: the second lands before React re-renders, as a double click does.
    // eslint-disable-next-line testing-library/no-unnecessary-act -- see the line above
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
      const frozen = card().querySelector(
        '.step-list__step--running .step-times__duration',
      )?.textContent;
      expect(frozen).toMatch(/^ · running for ≥ (\d+ min )?\d+ s as of \d\d:\d\d:\d\d$/);
      await watch(10 * MINUTE, () => {
        expect(screen.getByText(message)).toBeInTheDocument();
        expect(isStale()).toBe(true);
        expect(badgeText()).toBe('Tethered');
        expect(footer()).not.toBe('Live');
        expect(screen.getByText(/Showing the last known status, as of/)).toBeInTheDocument();
      });
      // Elapsed times froze at the last news, and the spinner stopped.
      const running = card().querySelector('.step-list__step--running');
      expect(running).toHaveClass('step-list__step--frozen');
      expect(running?.querySelector('.step-times__duration')?.textContent).toBe(frozen);
      expectWithinFailingBudget(requests.status - statusBefore, 10, 1);
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
      expectStreamFaultBudget(requests);
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
    // Each attempt is truly Live for the second its stream stays open, and the back-off's jitter
    // ended the window inside one in 3 of 80 repeated runs: let that second pass (attempts are a
    // minute or more apart, so no other can start meanwhile).
    for (let waited = 0; waited < 3 && footer() === 'Live'; waited += 1) await tick(SECOND);
    expectStreamFaultBudget(requests, 1);
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

/** A catalyst-api whose /status always gives `body` and whose stream is refused. */
function serveStatus(body: Record<string, unknown>) {
  server.use(
    http.get(STATUS_URL, () => HttpResponse.json(body)),
    http.get(EVENTS_URL, () => new HttpResponse(null, { status: 404 })),
  );
}

describe('hostile server text', { timeout: 30_000 }, () => {
  it('a right-to-left override cannot reorder the console’s words; invisible characters show', async () => {
    startSimulator({ scenario: 'waiting' });
    serveStatus({
      state: 'tethered',
      failedStep: 'harbor\u202Eprewarm',
      lastError: 'pull failed \u202Edetaliated',
      steps: [{ name: 'gitea-mirror', status: 'done' }],
    });
    const requests = countRequests();
    renderConsole();
    await tick(SECOND);
    const title = card().querySelector('.failure-headline')!;
    // The console's sentence is outside every isolate; the server's id is inside one.
    expect(title).toHaveTextContent(/^The cutover stopped/);
    const isolated = [...title.querySelectorAll('bdi')].map((node) => node.textContent);
    expect(isolated.join('')).toContain('<U+202E>');
    expect(title.firstChild?.nodeName).toBe('#text');
    const error = screen.getByText(/pull failed/);
    expect(error.closest('bdi')).not.toBeNull();
    await watch(5 * MINUTE, () => {
      expect(badgeText()).toBe('Tethered');
    });
    // Failed, no live stream: /status every 15 s until the refused stream's fifth failure (at
    // 60–90 s), then about once a minute.
    expect(requests.status).toBeGreaterThanOrEqual(6);
    expect(requests.status).toBeLessThanOrEqual(12);
    // Attempts at 0, 4–6, 12–18, 28–42, 60–90 s, then every 60–90 s: 7 or 8 in five minutes.
    expect(requests.events).toBeGreaterThanOrEqual(7);
    expect(requests.events).toBeLessThanOrEqual(8);
  });

  it('a zero-width character in a step id is its own, visibly different row', async () => {
    startSimulator({ scenario: 'waiting' });
    serveStatus({
      state: 'tethered',
      steps: [
        { name: 'gitea-mirror', status: 'done', startedAt: '2026-05-04T10:00:00Z' },
        { name: 'gitea\u200B-mirror', status: 'running', startedAt: '2026-05-04T10:01:00Z' },
      ],
    });
    renderConsole();
    await tick(SECOND);
    const labels = [...card().querySelectorAll('.step-toggle__label')].map(
      (node) => node.textContent,
    );
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.filter((label) => label === 'Mirror GitOps repository')).toHaveLength(1);
    expect(card()).toHaveTextContent('<U+200B>');
    expect(card().querySelector('[data-step-id="gitea-mirror"]')).toHaveTextContent('Done');
  });

  it('duplicate step ids give one row each, and "k of N" never exceeds N', async () => {
    startSimulator({ scenario: 'waiting' });
    const ids = [
      'gitea-mirror',
      'harbor-projects',
      'harbor-prewarm',
      'registry-pivot',
      'flux-gitrepository-patch',
      'helmrepository-patches',
      'catalyst-api-env-patch',
    ];
    serveStatus({
      state: 'tethered',
      totalSteps: 11,
      steps: [
        ...ids.slice(0, 6).map((name) => ({ name, status: 'done' })),
        ...ids.slice(0, 6).map((name) => ({ name, status: 'pending' })),
        { name: 'helmrepo-patches', status: 'done' },
        { name: ids[6], status: 'running', startedAt: '2026-05-04T10:01:00Z' },
        { name: ids[6], status: 'pending' },
      ],
    });
    renderConsole();
    await tick(SECOND);
    expect(screen.getByText(/^Step 6 of 11 complete$|^6 of 11/)).toBeInTheDocument();
    const rows = [...card().querySelectorAll('[data-step-id]')].map((row) =>
      row.getAttribute('data-step-id'),
    );
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows).toHaveLength(11);
    for (const id of ids.slice(0, 6)) {
      expect(card().querySelector(`[data-step-id="${id}"]`)).toHaveTextContent('Done');
    }
  });
});
