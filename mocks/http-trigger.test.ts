import { describe, expect, it } from 'vitest';
import { CutoverEngine } from './engine';
import {
  bearerToken,
  CUTOVER_RUNNER_SA,
  handoverArrived,
  tokenUser,
  triggerAnswer,
  type TriggerContext,
} from './http-trigger';

const TOKEN = 'runner-token';
const post = (authorization: string | undefined) => ({ method: 'POST', authorization });

function context(overrides: Partial<TriggerContext> = {}): TriggerContext {
  return {
    scenario: 'waiting',
    triggerToken: TOKEN,
    handoverArrived: true,
    engine: new CutoverEngine(),
    ...overrides,
  };
}

describe('the internal trigger', () => {
  it('answers 405 with Allow: POST to another method, before anything else', () => {
    const engine = new CutoverEngine();
    const answer = triggerAnswer(
      { method: 'GET', authorization: `Bearer ${TOKEN}` },
      context({ engine, scenario: 'not-installed' }),
    );
    expect(answer).toEqual({
      kind: 'json',
      status: 405,
      body: { error: 'method-not-allowed', detail: 'use POST' },
      headers: { Allow: 'POST' },
    });
    expect(engine.isRunning).toBe(false);
  });

  it('is a plain 404 on a catalyst-api without the cutover routes', () => {
    expect(triggerAnswer(post(`Bearer ${TOKEN}`), context({ scenario: 'not-installed' }))).toEqual(
      expect.objectContaining({ kind: 'text', status: 404 }),
    );
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', `Basic ${TOKEN}`, TOKEN])(
    'answers 401 missing-bearer without a bearer token (%j)',
    (authorization) => {
      const engine = new CutoverEngine();
      expect(triggerAnswer(post(authorization), context({ engine }))).toMatchObject({
        status: 401,
        body: { error: 'missing-bearer' },
      });
      expect(engine.isRunning).toBe(false);
    },
  );

  it('answers 403 unauthorized-sa, naming the user, to another ServiceAccount’s token', () => {
    const engine = new CutoverEngine();
    expect(triggerAnswer(post('Bearer someone-else'), context({ engine }))).toMatchObject({
      status: 403,
      body: {
        error: 'unauthorized-sa',
        detail: 'user "system:serviceaccount:default:default" may not trigger the cutover',
      },
    });
    expect(engine.isRunning).toBe(false);
  });

  it('answers 425 handover-incomplete until the archive arrives, and starts nothing', () => {
    const engine = new CutoverEngine();
    expect(
      triggerAnswer(post(`Bearer ${TOKEN}`), context({ engine, handoverArrived: false })),
    ).toMatchObject({ status: 425, body: { error: 'handover-incomplete' } });
    expect(engine.isRunning).toBe(false);
  });

  it('a complete cutover answers 200 even before the archive arrives', () => {
    const engine = new CutoverEngine();
    engine.seedHistory({ done: engine.steps.length, complete: true });
    expect(
      triggerAnswer(post(`Bearer ${TOKEN}`), context({ engine, handoverArrived: false })),
    ).toMatchObject({ status: 200, body: { state: 'sovereign' } });
    expect(engine.replay().at(-1)?.phase).toBe('cutover-already-complete');
  });

  it('starts the run with the runner’s token (any Bearer casing), then answers 409 while it runs', () => {
    const engine = new CutoverEngine();
    expect(triggerAnswer(post(`bearer  ${TOKEN}`), context({ engine }))).toMatchObject({
      kind: 'json',
      status: 200,
      body: { state: 'tethered', totalSteps: 11 },
    });
    expect(engine.isRunning).toBe(true);
    expect(triggerAnswer(post(`Bearer ${TOKEN}`), context({ engine }))).toMatchObject({
      status: 409,
      body: { error: 'cutover-in-progress' },
    });
    engine.dispose();
  });

  it('answers 424 no-steps-found when the chart installed no steps', () => {
    const engine = new CutoverEngine({ steps: [] });
    expect(triggerAnswer(post(`Bearer ${TOKEN}`), context({ engine }))).toMatchObject({
      status: 424,
      body: { error: 'no-steps-found' },
    });
  });
});

describe('trigger auth pieces', () => {
  it('tokenUser: the runner’s token is the cutover runner ServiceAccount, any other is not', () => {
    expect(tokenUser(TOKEN, TOKEN)).toBe(CUTOVER_RUNNER_SA);
    expect(tokenUser('other', TOKEN)).toBe('system:serviceaccount:default:default');
  });

  it('bearerToken reads one token after the scheme, nothing else', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('BEARER\tabc')).toBe('abc');
    expect(bearerToken('Bearer abc def')).toBeUndefined();
    expect(bearerToken('Token abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('handoverArrived: always without a delay, never with null, else after the delay', () => {
    expect(handoverArrived(undefined, 1_000, 1_000)).toBe(true);
    expect(handoverArrived(null, 0, Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(handoverArrived(500, 1_000, 1_499)).toBe(false);
    expect(handoverArrived(500, 1_000, 1_500)).toBe(true);
    expect(handoverArrived(0, 1_000, 1_000)).toBe(true);
  });
});
