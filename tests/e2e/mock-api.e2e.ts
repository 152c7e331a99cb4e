/**
 * The loopback catalyst-api (`npm run mock-api`) against the wire contract
 * (docs/cutover-contract.md §1, §2, §7, §11), over real HTTP: what the browser suites rely on,
 * checked without a browser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_STEP_ORDER } from '../../mocks/engine';
import {
  DEFAULT_HANDOVER_TOKEN,
  DEFAULT_TRIGGER_TOKEN,
  startMockApi,
  type MockApi,
} from '../../mocks/http-server';
import { openSse } from './sse';
import { spawnMockApi } from './stack';

const STATUS = '/api/v1/sovereign/cutover/status';
const START = '/api/v1/sovereign/cutover/start';
const EVENTS = '/api/v1/sovereign/cutover/events';
const TRIGGER = '/api/v1/internal/cutover/trigger';

let api: MockApi;
const logs: string[] = [];

beforeAll(async () => {
  api = await startMockApi({
    port: 0,
    scenario: 'waiting',
    stepMs: 60,
    verbose: true,
    log: (line) => logs.push(line),
  });
});
afterAll(async () => {
  await api.close();
});

function call(path: string, init: RequestInit = {}, base = api.url) {
  return fetch(`${base}${path}`, { redirect: 'manual', ...init });
}

function trigger(token?: string, method = 'POST', base = api.url) {
  return call(
    TRIGGER,
    {
      method,
      headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
      ...(method === 'POST' ? { body: '{}' } : {}),
    },
    base,
  );
}

async function json(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get('content-type')).toBe('application/json');
  return (await response.json()) as Record<string, unknown>;
}

function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() > deadline) reject(new Error('timed out'));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

describe('routes and status codes', () => {
  it('GET /healthz answers 200, unauthenticated, also with session auth on', async () => {
    api.reset({ scenario: 'unauthorized', auth: true });
    const response = await call('/healthz');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok\n');
  });

  it('GET /status: the snapshot of §3, steps alphabetical, empty fields omitted', async () => {
    api.reset({ scenario: 'waiting' });
    const response = await call(STATUS);
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({
      state: 'tethered',
      cutoverComplete: false,
      currentStepIndex: 0,
      totalSteps: 11,
      progressPercent: 0,
    });
    expect(body).not.toHaveProperty('failedStep');
    const names = (body.steps as { name: string }[]).map((step) => step.name);
    expect(names).toEqual([...CHART_STEP_ORDER].sort());
    expect(body.raw).toMatchObject({ cutoverComplete: 'false', totalSteps: '11' });
  });

  it('POST /start: 200 with every step blank in chart order, then 409; other methods 405', async () => {
    api.reset({ scenario: 'waiting', stepMs: 2_000 });
    const first = await call(START, { method: 'POST', body: '{}' });
    expect(first.status).toBe(200);
    const body = await json(first);
    expect(
      (body.steps as { name: string; result: string }[]).map((s) => [s.name, s.result]),
    ).toEqual(CHART_STEP_ORDER.map((name) => [name, '']));
    const again = await call(START, { method: 'POST', body: '{}' });
    expect(again.status).toBe(409);
    expect(await json(again)).toEqual({
      error: 'cutover-in-progress',
      detail: 'a cutover is already running on this catalyst-api Pod',
    });
    const wrong = await call(START);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('internal trigger: 405 + Allow: POST, 401 missing-bearer, 403 unauthorized-sa, 200, then 409', async () => {
    api.reset({ scenario: 'waiting', stepMs: 2_000 });
    const get = await trigger(DEFAULT_TRIGGER_TOKEN, 'GET');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await json(get)).toMatchObject({ error: 'method-not-allowed' });

    const anonymous = await trigger();
    expect(anonymous.status).toBe(401);
    expect(await json(anonymous)).toMatchObject({ error: 'missing-bearer' });

    const stranger = await trigger('some-other-serviceaccount-token');
    expect(stranger.status).toBe(403);
    expect(await json(stranger)).toMatchObject({ error: 'unauthorized-sa' });

    const ok = await trigger(DEFAULT_TRIGGER_TOKEN);
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ state: 'tethered', totalSteps: 11 });
    const busy = await trigger(DEFAULT_TRIGGER_TOKEN);
    expect(busy.status).toBe(409);
    expect(await json(busy)).toMatchObject({ error: 'cutover-in-progress' });
  });

  it('internal trigger: 424 with no steps installed, and the operator start too', async () => {
    api.reset({ scenario: 'waiting', noSteps: true });
    const response = await trigger(DEFAULT_TRIGGER_TOKEN);
    expect(response.status).toBe(424);
    expect(await json(response)).toMatchObject({ error: 'no-steps-found' });
    expect((await call(START, { method: 'POST', body: '{}' })).status).toBe(424);
  });

  it('internal trigger: 425 until the handover archive arrives; a complete cutover answers 200 first', async () => {
    api.reset({ scenario: 'waiting', handoverPendingMs: 300 });
    const early = await trigger(DEFAULT_TRIGGER_TOKEN);
    expect(early.status).toBe(425);
    expect(await json(early)).toMatchObject({ error: 'handover-incomplete' });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await trigger(DEFAULT_TRIGGER_TOKEN)).status).toBe(200);

    api.reset({ scenario: 'sovereign', handoverPendingMs: null });
    const complete = await trigger(DEFAULT_TRIGGER_TOKEN);
    expect(complete.status).toBe(200);
    expect(await json(complete)).toMatchObject({ state: 'sovereign', cutoverComplete: true });
  });

  it('fixed answers: not-installed 404 text, unauthorized 401, server-error 500, html-502 an HTML page', async () => {
    api.reset({ scenario: 'not-installed' });
    for (const path of [STATUS, EVENTS]) {
      const response = await call(path);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('404 page not found\n');
    }
    expect((await trigger(DEFAULT_TRIGGER_TOKEN)).status).toBe(404);

    api.reset({ scenario: 'unauthorized' });
    const unauthorized = await call(STATUS);
    expect(unauthorized.status).toBe(401);
    expect(await json(unauthorized)).toEqual({ error: 'unauthenticated' });

    api.reset({ scenario: 'server-error' });
    const failed = await call(STATUS);
    expect(failed.status).toBe(500);
    expect(await json(failed)).toMatchObject({ error: 'status-read-failed' });

    api.reset({ scenario: 'html-502' });
    const proxyPage = await call(STATUS);
    expect(proxyPage.status).toBe(502);
    expect(proxyPage.headers.get('content-type')).toBe('text/html');
    expect(await proxyPage.text()).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('flaky: every third status call has its connection cut, no answer at all', async () => {
    api.reset({ scenario: 'flaky', hookDelayMs: 60_000 });
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      outcomes.push(
        await call(STATUS).then(
          (response) => String(response.status),
          () => 'network-error',
        ),
      );
    }
    expect(outcomes).toEqual(['200', '200', 'network-error', '200', '200', 'network-error']);
  });

  it('slow: the cutover routes answer after 5 s; /healthz at once', async () => {
    api.reset({ scenario: 'slow', hookDelayMs: 60_000 });
    let started = Date.now();
    expect((await call('/healthz')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    started = Date.now();
    expect((await call(STATUS)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
  });
});

describe('session auth (off by default, as on a Sovereign)', () => {
  it('answers 401 unauthenticated without a session; /auth/handover mints a signed cookie', async () => {
    api.reset({ scenario: 'waiting' });
    expect((await call(STATUS)).status).toBe(200); // passthrough by default

    api.reset({ scenario: 'waiting', auth: true });
    for (const [path, method] of [
      [STATUS, 'GET'],
      [START, 'POST'],
      [EVENTS, 'GET'],
    ] as const) {
      const response = await call(path, { method });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(await json(response)).toEqual({ error: 'unauthenticated' });
    }

    expect((await call('/auth/handover?token=wrong')).status).toBe(401);
    const handover = await call(
      `/auth/handover?token=${DEFAULT_HANDOVER_TOKEN}&next=${encodeURIComponent('//evil.example/')}`,
    );
    expect(handover.status).toBe(302);
    expect(handover.headers.get('location')).toBe('/console/dashboard'); // never an open redirect
    const setCookie = handover.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^catalyst_session=[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax/);
    const cookie = setCookie.split(';')[0]!;

    const signedIn = await call(STATUS, { headers: { Cookie: cookie } });
    expect(signedIn.status).toBe(200);
    const tampered = `${cookie.slice(0, -2)}${cookie.endsWith('A') ? 'BB' : 'AA'}`;
    expect((await call(STATUS, { headers: { Cookie: tampered } })).status).toBe(401);

    const logout = await call('/auth/logout', { method: 'POST', headers: { Cookie: cookie } });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toContain('Max-Age=0');
  });

  it('an expired session is refused', async () => {
    const shortLived = await startMockApi({
      port: 0,
      scenario: 'waiting',
      auth: true,
      sessionTtlMs: 200,
    });
    try {
      const handover = await call(
        `/auth/handover?token=${DEFAULT_HANDOVER_TOKEN}`,
        {},
        shortLived.url,
      );
      const cookie = (handover.headers.get('set-cookie') ?? '').split(';')[0]!;
      expect((await call(STATUS, { headers: { Cookie: cookie } }, shortLived.url)).status).toBe(
        200,
      );
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect((await call(STATUS, { headers: { Cookie: cookie } }, shortLived.url)).status).toBe(
        401,
      );
    } finally {
      await shortLived.close();
    }
  });
});

describe('the event stream (§7)', () => {
  it('headers; the ring buffer replayed, one snapshot, the live tail; ends after a live cutover-completed', async () => {
    api.reset({ scenario: 'waiting', stepMs: 60 });
    const stream = await openSse(`${api.url}${EVENTS}`);
    expect(stream.status).toBe(200);
    expect(stream.headers).toMatchObject({
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const snapshot = await stream.waitFor((frame) => frame.event === 'cutover-status');
    expect(stream.frames).toHaveLength(1); // nothing to replay yet
    expect(Object.keys(snapshot.data)).toEqual(['time', 'phase', 'level', 'message']);
    expect(snapshot.data).toMatchObject({ phase: 'cutover-status', level: 'info' });
    expect(JSON.parse(snapshot.data.message as string)).toMatchObject({
      cutoverComplete: 'false',
      'step.gitea-mirror.result': '',
    });
    expect(snapshot.raw).toMatch(/^event: cutover-status\ndata: \{.*\}\n\n$/);

    expect((await trigger(DEFAULT_TRIGGER_TOKEN)).status).toBe(200);
    await stream.ended; // closed by the server after the live terminal event
    const phases = stream.frames.map((frame) => frame.event);
    expect(phases[1]).toBe('cutover-started');
    expect(phases.at(-1)).toBe('cutover-completed');
    expect(phases.filter((phase) => phase === 'cutover-step-finished')).toHaveLength(11);
    for (const frame of stream.frames) {
      expect(frame.raw).toMatch(/^event: [a-z-]+\ndata: \{[^\n]*\}\n\n$/); // no id:, no retry:, no comments
      expect(frame.data.phase).toBe(frame.event);
      expect(frame.data.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    const stepStarted = stream.frames.find((frame) => frame.event === 'cutover-step-started');
    expect(stepStarted?.data).toMatchObject({
      step: 'gitea-mirror',
      jobName: expect.stringMatching(/^cutover-gitea-mirror-\d+$/) as unknown,
    });

    // Reconnecting after the end: the replay holds the finished run, terminal event included,
    // then the snapshot; a replayed terminal event does not end the stream.
    const again = await openSse(`${api.url}${EVENTS}`);
    const latest = await again.waitFor((frame) => frame.event === 'cutover-status');
    expect(JSON.parse(latest.data.message as string)).toMatchObject({ cutoverComplete: 'true' });
    expect(again.frames.map((frame) => frame.event).slice(0, -1)).toEqual(phases.slice(1));
    const stillOpen = await Promise.race([
      again.ended.then(() => false),
      new Promise<boolean>((resolve) => {
        setTimeout(() => {
          resolve(true);
        }, 300);
      }),
    ]);
    expect(stillOpen).toBe(true);
    again.close();
  });

  it('a live cutover-step-failed ends the stream too', async () => {
    api.reset({ scenario: 'waiting', stepMs: 60, failStep: 'harbor-projects' });
    const stream = await openSse(`${api.url}${EVENTS}`);
    await stream.waitFor((frame) => frame.event === 'cutover-status');
    await call(START, { method: 'POST', body: '{}' });
    await stream.ended;
    expect(stream.frames.at(-1)?.data).toMatchObject({
      phase: 'cutover-step-failed',
      level: 'error',
      step: 'harbor-projects',
    });
  });

  it('stream-drop: the stream dies when the run reaches registry-pivot; reconnects get 502 for the outage', async () => {
    api.reset({ scenario: 'stream-drop', stepMs: 60, hookDelayMs: 200, streamOutageMs: 500 });
    const stream = await openSse(`${api.url}${EVENTS}`);
    expect(stream.status).toBe(200);
    await stream.ended;
    const last = stream.frames.at(-1);
    expect(last?.data).toMatchObject({ phase: 'cutover-step-finished', step: 'harbor-prewarm' });
    const refused = await call(EVENTS);
    expect(refused.status).toBe(502);
    await new Promise((resolve) => setTimeout(resolve, 550));
    const back = await openSse(`${api.url}${EVENTS}`);
    expect(back.status).toBe(200);
    await back.waitFor((frame) => frame.event === 'cutover-status');
    back.close();
  });

  it('switching the scenario ends open streams (the browser reconnects to the new Sovereign)', async () => {
    api.reset({ scenario: 'waiting' });
    const stream = await openSse(`${api.url}${EVENTS}`);
    await stream.waitFor((frame) => frame.event === 'cutover-status');
    api.reset({ scenario: 'sovereign' });
    await stream.ended;
  });
});

describe('the post-install hook and the state file', () => {
  it('fresh-install: probes /healthz, then fires the internal trigger with its bearer token, over HTTP', async () => {
    logs.length = 0;
    api.reset({ scenario: 'fresh-install', hookDelayMs: 0, stepMs: 60 });
    await expect(api.hook).resolves.toEqual({
      exitCode: 0,
      result: 'fired',
      attempts: 1,
      lastStatus: 200,
    });
    const requests = logs.filter((line) => /^(GET|POST) /.test(line));
    expect(requests.slice(0, 2)).toEqual(['GET /healthz', `POST ${TRIGGER}`]);
    await until(() => api.simulator.engine.isComplete);
  });

  it('retries a 425 until the handover archive arrives, as the newest chart does', async () => {
    api.reset({
      scenario: 'fresh-install',
      hookDelayMs: 0,
      hookRetryMs: 100,
      handoverPendingMs: 350,
    });
    const outcome = await api.hook;
    expect(outcome).toMatchObject({ result: 'fired', lastStatus: 200 });
    expect(outcome?.attempts).toBeGreaterThan(1);
  });

  it('a restarted server with the same state file resumes the run; its hook does not fire again', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'mock-api-'));
    const stateFile = join(stateDir, 'status.json');
    const first = await startMockApi({
      port: 0,
      scenario: 'fresh-install',
      stepMs: 150,
      hookDelayMs: 0,
      stateFile,
    });
    await first.hook;
    await until(() => first.simulator.engine.data['step.harbor-prewarm.result'] === 'running');
    await first.close(); // as good as killed: nothing is written on close

    const lines: string[] = [];
    const second = await startMockApi({
      port: 0,
      scenario: 'fresh-install',
      stepMs: 150,
      stateFile,
      log: (line) => lines.push(line),
    });
    try {
      expect(second.hook).toBeUndefined();
      expect(second.simulator.engine.data['step.gitea-mirror.result']).toBe('success');
      await until(() => second.simulator.engine.isComplete, 15_000);
      expect(lines.some((line) => line.startsWith('restored the status ConfigMap'))).toBe(true);
    } finally {
      await second.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe('test-only controls and the command line', () => {
  it('GET /__sim/scenario tells; POST switches; a bad body is a 400', async () => {
    const switched = await call('/__sim/scenario', {
      method: 'POST',
      body: JSON.stringify({ scenario: 'sovereign' }),
    });
    expect(switched.status).toBe(200);
    const told = await json(await call('/__sim/scenario'));
    expect(told).toMatchObject({ scenario: 'sovereign', complete: true, auth: false });
    expect((await json(await call(STATUS))).state).toBe('sovereign');
    const bad = await call('/__sim/scenario', { method: 'POST', body: '{"scenario":"nope"}' });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ error: 'bad-request' });
  });

  it('npm run mock-api: --scenario, env SCENARIO, --auth; a bad flag exits; SIGTERM ends it', async () => {
    const byFlag = await spawnMockApi(['--port', '0', '--scenario', 'sovereign', '--auth']);
    try {
      expect((await call('/healthz', {}, byFlag.url)).status).toBe(200);
      expect((await call(STATUS, {}, byFlag.url)).status).toBe(401);
      expect(byFlag.output()).toContain('scenario sovereign, session auth on');
    } finally {
      await byFlag.stop();
    }
    expect(byFlag.child.exitCode).toBe(0);

    const previous = process.env.SCENARIO;
    process.env.SCENARIO = 'hostile-state';
    try {
      const byEnv = await spawnMockApi(['--port', '0']);
      try {
        expect((await json(await call(STATUS, {}, byEnv.url))).state).toBe('pending');
      } finally {
        await byEnv.stop();
      }
    } finally {
      if (previous === undefined) delete process.env.SCENARIO;
      else process.env.SCENARIO = previous;
    }

    await expect(spawnMockApi(['--scenario', 'no-such-scenario'])).rejects.toThrow(
      /unknown scenario "no-such-scenario"/,
    );
  });
});
