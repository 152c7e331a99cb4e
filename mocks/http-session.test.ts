// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  authAnswer,
  clearSessionCookieHeader,
  mintSession,
  readCookie,
  SESSION_COOKIE,
  sessionAllows,
  verifySession,
} from './http-session';

const SECRET = 'test-secret';
const NOW = Date.parse('2026-11-26T10:00:00Z');
const door = { handoverToken: 'the-token', sessionSecret: SECRET, sessionTtlMs: 3_600_000 };
const url = (path: string) => new URL(path, 'http://catalyst-api.invalid');

describe('the session cookie', () => {
  it('a minted value verifies with the same secret until it expires', () => {
    const value = mintSession({ sub: 'operator', exp: NOW + 1_000 }, SECRET);
    expect(verifySession(value, SECRET, NOW)).toEqual({ sub: 'operator', exp: NOW + 1_000 });
    expect(verifySession(value, SECRET, NOW + 1_000)).toBeUndefined();
    expect(verifySession(value, 'another-secret', NOW)).toBeUndefined();
  });

  it('a tampered, truncated or extended value is refused', () => {
    const value = mintSession({ sub: 'operator', exp: NOW + 1_000 }, SECRET);
    const [payload = '', signature = ''] = value.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', exp: NOW + 1_000 })).toString(
      'base64url',
    );
    expect(verifySession(`${forged}.${signature}`, SECRET, NOW)).toBeUndefined();
    expect(verifySession(payload, SECRET, NOW)).toBeUndefined();
    expect(verifySession(`${value}.x`, SECRET, NOW)).toBeUndefined();
    expect(verifySession(undefined, SECRET, NOW)).toBeUndefined();
  });

  it('readCookie finds one cookie among several', () => {
    expect(readCookie('a=1; catalyst_session=abc.def ; b=2', SESSION_COOKIE)).toBe('abc.def');
    expect(readCookie('xcatalyst_session=abc', SESSION_COOKIE)).toBeUndefined();
    expect(readCookie(undefined, SESSION_COOKIE)).toBeUndefined();
  });
});

describe('sessionAllows (RequireSession)', () => {
  const cookie = (exp: number) =>
    `${SESSION_COOKIE}=${mintSession({ sub: 'operator', exp }, SECRET)}`;

  it('with auth off it is a passthrough, cookie or not', () => {
    expect(sessionAllows(false, undefined, SECRET, NOW)).toBe(true);
    expect(sessionAllows(false, 'catalyst_session=junk', SECRET, NOW)).toBe(true);
  });

  it('with auth on it needs a valid, unexpired cookie', () => {
    expect(sessionAllows(true, cookie(NOW + 1), SECRET, NOW)).toBe(true);
    expect(sessionAllows(true, cookie(NOW), SECRET, NOW)).toBe(false);
    expect(sessionAllows(true, 'catalyst_session=junk', SECRET, NOW)).toBe(false);
    expect(sessionAllows(true, undefined, SECRET, NOW)).toBe(false);
  });
});

describe('authAnswer', () => {
  it('/auth/handover with the right token: a 302 setting a session cookie that verifies', () => {
    const answer = authAnswer(
      'GET',
      url('/auth/handover?token=the-token&next=/console/x'),
      door,
      NOW,
    );
    expect(answer).toMatchObject({
      kind: 'empty',
      status: 302,
      headers: { Location: '/console/x', 'Cache-Control': 'no-store', 'Content-Length': 0 },
    });
    const setCookie = String(
      (answer as { headers: Record<string, unknown> }).headers['Set-Cookie'],
    );
    expect(setCookie).toMatch(
      /^catalyst_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=3600$/,
    );
    const claims = verifySession(readCookie(setCookie.split(';')[0], SESSION_COOKIE), SECRET, NOW);
    expect(claims).toEqual({ sub: 'operator', exp: NOW + 3_600_000 });
  });

  it.each(['', '//evil.example/x', '/\\evil.example', 'https://evil.example/', 'console'])(
    'never an open redirect: next=%j goes to the dashboard',
    (next) => {
      const answer = authAnswer(
        'GET',
        url(`/auth/handover?token=the-token&next=${encodeURIComponent(next)}`),
        door,
        NOW,
      );
      expect(answer).toMatchObject({ status: 302, headers: { Location: '/console/dashboard' } });
    },
  );

  it('a missing or wrong handover token is a 401, with no cookie', () => {
    for (const path of ['/auth/handover', '/auth/handover?token=wrong']) {
      expect(authAnswer('GET', url(path), door, NOW)).toEqual({
        kind: 'json',
        status: 401,
        body: {
          error: 'invalid-handover-token',
          detail: 'the handover token is missing or wrong',
        },
        headers: {},
      });
    }
  });

  it('POST /auth/logout clears the cookie with a 204', () => {
    expect(authAnswer('POST', url('/auth/logout'), door, NOW)).toEqual({
      kind: 'empty',
      status: 204,
      headers: { 'Set-Cookie': clearSessionCookieHeader() },
    });
    expect(clearSessionCookieHeader()).toContain('Max-Age=0');
  });

  it('other methods and paths under /auth/ are a 404', () => {
    for (const [method, path] of [
      ['POST', '/auth/handover?token=the-token'],
      ['GET', '/auth/logout'],
      ['GET', '/auth/other'],
    ] as const) {
      expect(authAnswer(method, url(path), door, NOW)).toMatchObject({ kind: 'text', status: 404 });
    }
  });
});
