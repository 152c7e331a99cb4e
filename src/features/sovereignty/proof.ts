/**
 * The proof of sovereignty (docs/after-the-run.md): a JSON record an operator can hand over with
 * the Sovereign, showing `cutoverComplete=true`, every step with its Job, and the egress hold
 * window. Built from the parsed status; the same schema validates it in the tests and the e2e run.
 *
 * Pure, like cutover.ts: zod and relative imports only.
 */
import * as z from 'zod/mini';
import { STEP_STATUSES, parseInstant, type CutoverStatus } from './cutover';
import { runDurations, type Attempt } from './attempts';
import { stepRows } from './progress';

export const PROOF_KIND = 'catalyst-sovereignty-proof';

const time = z.nullable(z.iso.datetime());
const ms = z.nullable(z.int().check(z.nonnegative()));

const proofStepSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  status: z.enum(STEP_STATUSES),
  startedAt: time,
  finishedAt: time,
  durationMs: ms,
  jobName: z.nullable(z.string()),
});

export const proofSchema = z.strictObject({
  kind: z.literal(PROOF_KIND),
  version: z.literal(1),
  savedAt: z.iso.datetime(),
  sovereign: z.strictObject({ host: z.string() }),
  console: z.strictObject({
    /** The page the proof was saved from. */
    url: z.string(),
    /** The catalyst-api base the status was read from. */
    apiBase: z.string(),
  }),
  status: z.strictObject({
    state: z.literal('sovereign'),
    cutoverComplete: z.literal(true),
    /** The first attempt's start (the API's anchor). */
    startedAt: time,
    /** The successful attempt's start. */
    lastAttemptStartedAt: time,
    finishedAt: time,
    totalSteps: z.nullable(z.int()),
    mirroredCommitSHA: z.nullable(z.string()),
    harborProjectCount: z.nullable(z.int()),
    egressTestPassed: z.nullable(z.boolean()),
  }),
  durations: z.strictObject({
    successfulAttemptMs: ms,
    sinceFirstAttemptMs: ms,
  }),
  /** When the egress-block self-test held egress closed (its step's start and finish). */
  egressHold: z.nullable(
    z.strictObject({
      startedAt: time,
      finishedAt: time,
      durationMs: ms,
      passed: z.nullable(z.boolean()),
    }),
  ),
  steps: z.array(proofStepSchema),
  settledRollOverrides: z.nullable(
    z.strictObject({
      raw: z.string(),
      /** The names when the raw value is a JSON list or a comma-separated one. */
      items: z.array(z.string()),
    }),
  ),
  /** The runs this browser saw (the API keeps none); may be empty. */
  attemptsSeenByThisBrowser: z.array(
    z.strictObject({
      startedAt: z.string(),
      endedAt: z.nullable(z.string()),
      outcome: z.string(),
      failedStep: z.nullable(z.string()),
      error: z.nullable(z.string()),
    }),
  ),
});

export type SovereigntyProof = z.infer<typeof proofSchema>;

export interface ProofContext {
  readonly host: string;
  readonly url: string;
  readonly apiBase: string;
  /** When it is saved (epoch ms). */
  readonly now: number;
  readonly attempts?: readonly Attempt[];
}

/** An RFC 3339 time normalised to UTC ISO (what the schema accepts), or null. */
function iso(value: string | undefined): string | null {
  const at = parseInstant(value);
  return at === undefined ? null : new Date(at).toISOString();
}

function duration(start: string | undefined, end: string | undefined): number | null {
  const from = parseInstant(start);
  const to = parseInstant(end);
  return from === undefined || to === undefined || to < from ? null : to - from;
}

/** `["a/b","c/d"]` or `a/b, c/d` → the names; anything else → just the raw text. */
export function overrideItems(raw: string): string[] {
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // not JSON: a plain list, perhaps
  }
  return raw
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Builds the proof. Only a Sovereign status has one: anything else returns undefined. */
export function buildProof(
  status: CutoverStatus,
  context: ProofContext,
): SovereigntyProof | undefined {
  if (status.state !== 'sovereign') return undefined;
  const rows = stepRows(status);
  const egress = rows.find((row) => row.id === 'egress-block-test');
  const durations = runDurations(status, context.attempts);
  return {
    kind: PROOF_KIND,
    version: 1,
    savedAt: new Date(context.now).toISOString(),
    sovereign: { host: context.host },
    console: { url: context.url, apiBase: context.apiBase },
    status: {
      state: 'sovereign',
      cutoverComplete: true,
      startedAt: iso(status.startedAt),
      lastAttemptStartedAt: iso(status.lastAttemptStartedAt ?? status.startedAt),
      finishedAt: iso(status.finishedAt),
      totalSteps: status.totalSteps ?? null,
      mirroredCommitSHA: status.mirroredCommitSHA ?? null,
      harborProjectCount: status.harborProjectCount ?? null,
      egressTestPassed: status.egressTestPassed ?? null,
    },
    durations: {
      successfulAttemptMs: durations.attemptMs ?? null,
      sinceFirstAttemptMs: durations.totalMs ?? null,
    },
    egressHold:
      egress === undefined || egress.startedAt === undefined
        ? null
        : {
            startedAt: iso(egress.startedAt),
            finishedAt: iso(egress.finishedAt),
            durationMs: duration(egress.startedAt, egress.finishedAt),
            passed: status.egressTestPassed ?? null,
          },
    steps: rows.map((row) => ({
      id: row.id,
      label: row.label,
      status: row.status,
      startedAt: iso(row.startedAt),
      finishedAt: iso(row.finishedAt),
      durationMs: duration(row.startedAt, row.finishedAt),
      jobName: row.jobName ?? null,
    })),
    settledRollOverrides:
      status.settledRollOverrides === undefined
        ? null
        : {
            raw: status.settledRollOverrides,
            items: overrideItems(status.settledRollOverrides),
          },
    attemptsSeenByThisBrowser: (context.attempts ?? []).map((attempt) => ({
      startedAt: attempt.startedAt,
      endedAt: attempt.endedAt ?? null,
      outcome: attempt.outcome,
      failedStep: attempt.failedStep ?? null,
      error: attempt.error ?? null,
    })),
  };
}

/** `sovereignty-proof-console.example.org-2026-05-04.json`: the host and the day it was saved. */
export function proofFileName(host: string, now: number): string {
  const safeHost = host.replace(/[^A-Za-z0-9.-]+/g, '_') || 'sovereign';
  return `sovereignty-proof-${safeHost}-${new Date(now).toISOString().slice(0, 10)}.json`;
}
