import { describe, expect, it } from 'vitest';
import { cutoverMethod, routeOf } from './http-routes';

describe('routeOf', () => {
  it.each([
    ['/healthz', { kind: 'healthz' }],
    ['/__sim/scenario', { kind: 'sim-control', path: '/__sim/scenario' }],
    ['/__sim/other', { kind: 'sim-control', path: '/__sim/other' }],
    ['/auth/handover', { kind: 'auth' }],
    ['/auth/anything', { kind: 'auth' }],
    ['/api/v1/internal/cutover/trigger', { kind: 'trigger' }],
    [
      '/api/v1/sovereign/cutover/status',
      { kind: 'cutover', route: '/v1/sovereign/cutover/status' },
    ],
    ['/api/v1/sovereign/cutover/start', { kind: 'cutover', route: '/v1/sovereign/cutover/start' }],
    [
      '/api/v1/sovereign/cutover/events',
      { kind: 'cutover', route: '/v1/sovereign/cutover/events' },
    ],
    // Unknown routes in the session group are still the group's (auth first, then 404).
    ['/api/v1/sovereign/cutover/nope', { kind: 'cutover', route: '/v1/sovereign/cutover/nope' }],
    ['/api/v1/sovereign/cutover', { kind: 'not-found' }],
    ['/api/v1/internal/cutover/trigger/', { kind: 'not-found' }],
    ['/healthz/', { kind: 'not-found' }],
    ['/', { kind: 'not-found' }],
    ['/console/dashboard', { kind: 'not-found' }],
  ])('%s → %o', (path, route) => {
    expect(routeOf(path)).toEqual(route);
  });
});

describe('cutoverMethod', () => {
  it('status and events take GET, start takes POST', () => {
    expect(cutoverMethod('/v1/sovereign/cutover/status', 'GET')).toEqual({ method: 'GET' });
    expect(cutoverMethod('/v1/sovereign/cutover/events', 'GET')).toEqual({ method: 'GET' });
    expect(cutoverMethod('/v1/sovereign/cutover/start', 'POST')).toEqual({ method: 'POST' });
  });

  it('another method is a 405 naming the one allowed, in the body and in Allow', () => {
    expect(cutoverMethod('/v1/sovereign/cutover/start', 'GET')).toEqual({
      refused: {
        kind: 'json',
        status: 405,
        body: { error: 'method-not-allowed', detail: 'use POST' },
        headers: { Allow: 'POST' },
      },
    });
    expect(cutoverMethod('/v1/sovereign/cutover/status', 'DELETE')).toMatchObject({
      refused: { status: 405, headers: { Allow: 'GET' } },
    });
    expect(cutoverMethod('/v1/sovereign/cutover/events', undefined)).toMatchObject({
      refused: { status: 405, headers: { Allow: 'GET' } },
    });
  });

  it('a route that does not exist is Go’s plain-text 404, whatever the method', () => {
    for (const method of ['GET', 'POST']) {
      expect(cutoverMethod('/v1/sovereign/cutover/nope', method)).toEqual({
        refused: {
          kind: 'text',
          status: 404,
          contentType: 'text/plain; charset=utf-8',
          body: '404 page not found\n',
        },
      });
    }
  });
});
