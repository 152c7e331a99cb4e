/**
 * Session auth on the loopback server (docs/cutover-contract.md §1): the `catalyst_session`
 * cookie, an HMAC-signed value as the real catalyst-api mints it in `/auth/handover`; the
 * RequireSession check in front of status, start and events; and the handover and logout doors.
 * Node-only (node:crypto).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { errorAnswer, type HttpAnswer } from './http-answers';
import { NOT_FOUND } from './sim-answers';

export const SESSION_COOKIE = 'catalyst_session';

export interface SessionClaims {
  /** Who signed in (the simulator has one operator). */
  readonly sub: string;
  /** Expiry, epoch ms. */
  readonly exp: number;
}

export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** `<base64url(JSON claims)>.<base64url(HMAC-SHA256)>`. */
export function mintSession(claims: SessionClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The claims of a valid, unexpired cookie value; undefined for anything else. */
export function verifySession(
  value: string | undefined,
  secret: string,
  now = Date.now(),
): SessionClaims | undefined {
  if (!value) return undefined;
  const [payload, signature, extra] = value.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(payload, secret));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (typeof claims !== 'object' || claims === null) return undefined;
    const { sub, exp } = claims as Record<string, unknown>;
    if (typeof sub !== 'string' || typeof exp !== 'number' || exp <= now) return undefined;
    return { sub, exp };
  } catch {
    return undefined;
  }
}

/** One cookie's value from a `Cookie` request header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function sessionCookieHeader(value: string, maxAgeS: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}`;
}

export function clearSessionCookieHeader(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

// -- the session doors ---------------------------------------------------------------------------

export const DEFAULT_HANDOVER_TOKEN = 'sim-handover-token';

/**
 * The RequireSession middleware: with auth off (a Sovereign cluster's nil auth config) a
 * passthrough; with it on, a valid, unexpired cookie is needed.
 */
export function sessionAllows(
  authOn: boolean,
  cookieHeader: string | undefined,
  secret: string,
  now = Date.now(),
): boolean {
  if (!authOn) return true;
  return verifySession(readCookie(cookieHeader, SESSION_COOKIE), secret, now) !== undefined;
}

export interface SessionDoorOptions {
  readonly handoverToken: string;
  readonly sessionSecret: string;
  readonly sessionTtlMs: number;
}

/**
 * `GET /auth/handover?token=…&next=…` mints a session and redirects (to a same-origin path only,
 * never an open redirect); `POST /auth/logout` clears it; anything else under `/auth/` is a 404.
 */
export function authAnswer(
  method: string | undefined,
  url: URL,
  options: SessionDoorOptions,
  now = Date.now(),
): HttpAnswer {
  if (url.pathname === '/auth/handover' && method === 'GET') {
    if (url.searchParams.get('token') !== options.handoverToken) {
      return errorAnswer(401, 'invalid-handover-token', 'the handover token is missing or wrong');
    }
    const next = url.searchParams.get('next') ?? '';
    const location = /^\/(?![/\\])/.test(next) ? next : '/console/dashboard';
    const { sessionSecret, sessionTtlMs } = options;
    const value = mintSession({ sub: 'operator', exp: now + sessionTtlMs }, sessionSecret);
    return {
      kind: 'empty',
      status: 302,
      headers: {
        Location: location,
        'Set-Cookie': sessionCookieHeader(value, Math.floor(sessionTtlMs / 1000)),
        'Cache-Control': 'no-store',
        'Content-Length': 0,
      },
    };
  }
  if (url.pathname === '/auth/logout' && method === 'POST') {
    return { kind: 'empty', status: 204, headers: { 'Set-Cookie': clearSessionCookieHeader() } };
  }
  return NOT_FOUND;
}
