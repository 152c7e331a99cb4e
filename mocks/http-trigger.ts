/**
 * The internal trigger, `POST /api/v1/internal/cutover/trigger` (docs/cutover-contract.md §2.4):
 * the chart's post-install hook starts the cutover with a ServiceAccount bearer token instead of
 * a session. Its checks in the real handler's order: method, routes installed, bearer present,
 * the token's user (a TokenReview), the handover archive, then the engine's own start.
 */
import { errorAnswer, json, type HttpAnswer } from './http-answers';
import type { StartResult, StartSource } from './engine';
import { NOT_FOUND } from './sim-answers';
import type { ScenarioName } from './scenarios';

export const DEFAULT_TRIGGER_TOKEN = 'sim-cutover-runner-token';
/** The ServiceAccount the default trigger token stands for (always accepted by the real API). */
export const CUTOVER_RUNNER_SA = 'system:serviceaccount:catalyst:bp-self-sovereign-cutover-runner';

/** The TokenReview stand-in: which user a bearer token authenticates as. */
export function tokenUser(token: string, triggerToken: string): string {
  return token === triggerToken ? CUTOVER_RUNNER_SA : 'system:serviceaccount:default:default';
}

/** The token of an `Authorization: Bearer <token>` header, if it is one. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

/**
 * Whether the tofu handover archive is there: `pendingMs` undefined, it always was; null, it never
 * comes; otherwise it arrives that long after `startedAt`.
 */
export function handoverArrived(
  pendingMs: number | null | undefined,
  startedAt: number,
  now: number,
): boolean {
  return pendingMs === undefined || (pendingMs !== null && now - startedAt >= pendingMs);
}

export interface TriggerContext {
  readonly scenario: ScenarioName;
  readonly triggerToken: string;
  readonly handoverArrived: boolean;
  readonly engine: { readonly isComplete: boolean; start(source: StartSource): StartResult };
}

/** The trigger's answer to a request (its `{}` body already read), starting the run when it may. */
export function triggerAnswer(
  request: { readonly method: string | undefined; readonly authorization: string | undefined },
  context: TriggerContext,
): HttpAnswer {
  if (request.method !== 'POST') {
    return errorAnswer(405, 'method-not-allowed', 'use POST', { Allow: 'POST' });
  }
  if (context.scenario === 'not-installed') return NOT_FOUND; // no cutover routes at all
  const token = bearerToken(request.authorization);
  if (!token) {
    return errorAnswer(
      401,
      'missing-bearer',
      'an Authorization: Bearer <ServiceAccount token> header is required',
    );
  }
  const user = tokenUser(token, context.triggerToken);
  if (user !== CUTOVER_RUNNER_SA) {
    return errorAnswer(403, 'unauthorized-sa', `user "${user}" may not trigger the cutover`);
  }
  const { engine } = context;
  if (!engine.isComplete && !context.handoverArrived) {
    return errorAnswer(
      425,
      'handover-incomplete',
      'the tofu handover archive secret/catalyst/tofu-phase0-archive is not there yet; retry later',
    );
  }
  const { status, body } = engine.start('internal');
  return json(status, body);
}
