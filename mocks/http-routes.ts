/**
 * The loopback server's routing, as a pure function of the path: which handler a request goes to,
 * and which method each cutover route takes. The order of checks around it (session, latency,
 * fixed answers) is mocks/http-server.ts's.
 */
import { errorAnswer, type HttpAnswer } from './http-answers';
import { CUTOVER_PATH, NOT_FOUND } from './sim-answers';

export const API = '/api';
export const TRIGGER_PATH = `${API}/v1/internal/cutover/trigger`;

export type Route =
  | { readonly kind: 'healthz' }
  /** Test-only controls under `/__sim/`. */
  | { readonly kind: 'sim-control'; readonly path: string }
  /** `/auth/handover`, `/auth/logout`. */
  | { readonly kind: 'auth' }
  /** The internal trigger (bearer auth, not session auth). */
  | { readonly kind: 'trigger' }
  /** The RequireSession group below `/api/v1/sovereign/cutover/`; `route` is below `/api`. */
  | { readonly kind: 'cutover'; readonly route: string }
  | { readonly kind: 'not-found' };

export function routeOf(path: string): Route {
  if (path === '/healthz') return { kind: 'healthz' };
  if (path.startsWith('/__sim/')) return { kind: 'sim-control', path };
  if (path.startsWith('/auth/')) return { kind: 'auth' };
  if (path === TRIGGER_PATH) return { kind: 'trigger' };
  if (path.startsWith(`${API}${CUTOVER_PATH}/`)) {
    return { kind: 'cutover', route: path.slice(API.length) };
  }
  return { kind: 'not-found' };
}

const CUTOVER_METHODS: Readonly<Record<string, 'GET' | 'POST'>> = {
  [`${CUTOVER_PATH}/status`]: 'GET',
  [`${CUTOVER_PATH}/start`]: 'POST',
  [`${CUTOVER_PATH}/events`]: 'GET',
};

export const EVENTS_ROUTE = `${CUTOVER_PATH}/events`;

/**
 * A cutover route's method check: the method it takes, or the answer that refuses the request
 * (404 for a route that does not exist, 405 with `Allow` for another method).
 */
export function cutoverMethod(
  route: string,
  method: string | undefined,
): { readonly method: 'GET' | 'POST' } | { readonly refused: HttpAnswer } {
  const allowed = CUTOVER_METHODS[route];
  if (allowed === undefined) return { refused: NOT_FOUND };
  if (method !== allowed) {
    return {
      refused: errorAnswer(405, 'method-not-allowed', `use ${allowed}`, { Allow: allowed }),
    };
  }
  return { method: allowed };
}
