/**
 * The loopback server's test-only controls under `/__sim/`: `GET /__sim/scenario` tells the
 * current world, `POST /__sim/scenario` replaces it with a new simulated Sovereign, changing only
 * what the body names (the rest stays as the server was started).
 */
import * as z from 'zod/mini';
import { errorAnswer, json, type HttpAnswer } from './http-answers';
import type { WorldOptions } from './http-world';
import { NOT_FOUND } from './sim-answers';
import { SCENARIO_NAMES } from './scenarios';

const resetSchema = z.strictObject({
  scenario: z.optional(z.enum(SCENARIO_NAMES)),
  stepMs: z.optional(z.number().check(z.positive())),
  auth: z.optional(z.boolean()),
  handoverPendingMs: z.optional(z.nullable(z.number().check(z.nonnegative()))),
  noSteps: z.optional(z.boolean()),
  failStep: z.optional(z.string().check(z.minLength(1))),
  streamOutageMs: z.optional(z.number().check(z.nonnegative())),
  hookDelayMs: z.optional(z.number().check(z.nonnegative())),
  hookRetryMs: z.optional(z.number().check(z.positive())),
});

/** The changes a body asks for, or the 400 that refuses it. */
export function parseWorldChanges(
  body: string,
): { readonly changes: Partial<WorldOptions> } | { readonly refused: HttpAnswer } {
  let value: unknown;
  try {
    value = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    return { refused: errorAnswer(400, 'bad-request', 'the body must be JSON') };
  }
  const result = resetSchema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues[0]?.message ?? 'invalid body';
    return { refused: errorAnswer(400, 'bad-request', detail) };
  }
  // Only the keys the body names: an absent key must not reset a start-up option.
  const changes: Partial<WorldOptions> = {};
  for (const [key, entry] of Object.entries(result.data)) {
    if (entry !== undefined) Object.assign(changes, { [key]: entry });
  }
  return { changes };
}

export interface SimControl {
  readonly options: Readonly<WorldOptions>;
  readonly running: boolean;
  readonly complete: boolean;
  /** A new simulated Sovereign; returns its options. */
  reset(changes: Partial<WorldOptions>): Readonly<WorldOptions>;
}

export async function simControlAnswer(
  request: { readonly method: string | undefined; readonly path: string },
  readBody: () => Promise<string>,
  control: SimControl,
): Promise<HttpAnswer> {
  if (request.path !== '/__sim/scenario') return NOT_FOUND;
  if (request.method === 'GET') {
    const { options, running, complete } = control;
    return json(200, { ...options, running, complete, scenarios: SCENARIO_NAMES });
  }
  if (request.method !== 'POST') {
    return errorAnswer(405, 'method-not-allowed', 'use GET or POST', { Allow: 'GET, POST' });
  }
  let body: string;
  try {
    body = await readBody();
  } catch {
    return errorAnswer(400, 'bad-request', 'the body must be JSON');
  }
  const parsed = parseWorldChanges(body);
  if ('refused' in parsed) return parsed.refused;
  return json(200, control.reset(parsed.changes));
}
