/**
 * The branded cutover state and the parse error every parser of the domain throws: a value is a
 * `CutoverState` only if it went through `parseCutoverState` (docs/cutover-contract.md §5). Pure:
 * zod only.
 */
import * as z from 'zod/mini';

// ---------------------------------------------------------------------------------------------
// Errors

type ParseSubject = 'CutoverState' | 'CutoverStatus' | 'CutoverEvent';

const PREVIEW_MAX = 32;

/** How a rejected value is quoted: at most 32 characters, strings in double quotes. */
export function previewValue(value: unknown): string {
  if (typeof value === 'string') {
    return value.length + 2 <= PREVIEW_MAX ? `"${value}"` : `"${value.slice(0, PREVIEW_MAX - 3)}…"`;
  }
  if (value === null) return '<null>';
  if (Array.isArray(value)) return '<array>';
  return `<${typeof value}>`;
}

/**
 * A wire value the console refuses. `preview` is safe to quote on screen (≤ 32 characters); the
 * message keeps the reference console's format and stays under 80 characters.
 */
export class CutoverParseError extends Error {
  override readonly name = 'CutoverParseError';
  readonly subject: ParseSubject;
  readonly preview: string;

  constructor(subject: ParseSubject, preview: string, detail?: string) {
    super(`invalid ${subject}: ${detail ?? preview}`);
    this.subject = subject;
    this.preview = preview;
  }
}

// ---------------------------------------------------------------------------------------------
// State

const cutoverStateSchema = z.enum(['tethered', 'sovereign']).brand<'CutoverState'>();

/** `"tethered"` or `"sovereign"`, and only a value that went through the parser. */
export type CutoverState = z.infer<typeof cutoverStateSchema>;

export const TETHERED = cutoverStateSchema.parse('tethered');
export const SOVEREIGN = cutoverStateSchema.parse('sovereign');

export function isCutoverState(value: unknown): value is CutoverState {
  return cutoverStateSchema.safeParse(value).success;
}

export function parseCutoverState(value: unknown): CutoverState {
  const parsed = cutoverStateSchema.safeParse(value);
  if (!parsed.success) throw new CutoverParseError('CutoverState', previewValue(value));
  return parsed.data;
}
