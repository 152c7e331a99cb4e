import { describe, expect, it } from 'vitest';
import { parseWorldChanges, simControlAnswer, type SimControl } from './http-sim-control';
import type { WorldOptions } from './http-world';
import { SCENARIO_NAMES } from './scenarios';

const STARTUP: WorldOptions = {
  scenario: 'fresh-install',
  auth: false,
  noSteps: false,
  hookDelayMs: 1_000,
  hookRetryMs: 1_000,
};

function control(): SimControl & { resets: Partial<WorldOptions>[] } {
  const resets: Partial<WorldOptions>[] = [];
  let options = STARTUP;
  return {
    resets,
    get options() {
      return options;
    },
    running: true,
    complete: false,
    reset(changes) {
      resets.push(changes);
      options = { ...STARTUP, ...changes };
      return options;
    },
  };
}

const body = (text: string) => () => Promise.resolve(text);

describe('parseWorldChanges', () => {
  it('takes only the keys the body names (an empty body changes nothing)', () => {
    expect(parseWorldChanges('')).toEqual({ changes: {} });
    expect(parseWorldChanges('  {} ')).toEqual({ changes: {} });
    expect(parseWorldChanges('{"scenario":"failed","auth":true}')).toEqual({
      changes: { scenario: 'failed', auth: true },
    });
  });

  it('keeps handoverPendingMs: null (the archive never comes)', () => {
    expect(parseWorldChanges('{"handoverPendingMs":null}')).toEqual({
      changes: { handoverPendingMs: null },
    });
  });

  it.each([
    ['not JSON', '{scenario', 'the body must be JSON'],
    ['an unknown scenario', '{"scenario":"nope"}', undefined],
    ['an unknown key', '{"colour":"red"}', undefined],
    ['a step time of 0', '{"stepMs":0}', undefined],
    ['an empty failStep', '{"failStep":""}', undefined],
  ])('refuses %s with a 400 bad-request', (_name, text, detail) => {
    const parsed = parseWorldChanges(text);
    expect(parsed).toMatchObject({ refused: { status: 400, body: { error: 'bad-request' } } });
    if (detail) expect(parsed).toMatchObject({ refused: { body: { detail } } });
  });
});

describe('simControlAnswer', () => {
  it('GET tells the world, whether it runs, whether it is complete, and the scenarios', async () => {
    const answer = await simControlAnswer(
      { method: 'GET', path: '/__sim/scenario' },
      body('ignored'),
      control(),
    );
    expect(answer).toEqual({
      kind: 'json',
      status: 200,
      body: { ...STARTUP, running: true, complete: false, scenarios: SCENARIO_NAMES },
      headers: {},
    });
  });

  it('POST resets with the named changes and answers the new options', async () => {
    const sim = control();
    const answer = await simControlAnswer(
      { method: 'POST', path: '/__sim/scenario' },
      body('{"scenario":"mid-run","stepMs":50}'),
      sim,
    );
    expect(sim.resets).toEqual([{ scenario: 'mid-run', stepMs: 50 }]);
    expect(answer).toMatchObject({
      status: 200,
      body: { ...STARTUP, scenario: 'mid-run', stepMs: 50 },
    });
  });

  it('a bad body or an unreadable one is a 400 and resets nothing', async () => {
    const sim = control();
    const request = { method: 'POST', path: '/__sim/scenario' };
    expect(await simControlAnswer(request, body('{"auth":"yes"}'), sim)).toMatchObject({
      status: 400,
    });
    const tooLarge = () => Promise.reject(new Error('request body too large'));
    expect(await simControlAnswer(request, tooLarge, sim)).toMatchObject({
      status: 400,
      body: { error: 'bad-request', detail: 'the body must be JSON' },
    });
    expect(sim.resets).toEqual([]);
  });

  it('another method is a 405 naming GET and POST; another path a 404', async () => {
    const sim = control();
    expect(
      await simControlAnswer({ method: 'PUT', path: '/__sim/scenario' }, body(''), sim),
    ).toMatchObject({ status: 405, headers: { Allow: 'GET, POST' } });
    expect(
      await simControlAnswer({ method: 'POST', path: '/__sim/other' }, body('{}'), sim),
    ).toMatchObject({ kind: 'text', status: 404 });
    expect(sim.resets).toEqual([]);
  });
});
