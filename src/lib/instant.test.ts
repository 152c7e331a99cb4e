import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant';

describe('parseInstant', () => {
  it('reads ISO timestamps and refuses to guess at anything else', () => {
    expect(parseInstant('2026-01-01T14:03:27Z')).toBe(Date.UTC(2026, 0, 1, 14, 3, 27));
    expect(parseInstant('2026-01-01T14:03:27.250+02:00')).toBe(
      Date.UTC(2026, 0, 1, 12, 3, 27, 250),
    );
    expect(parseInstant(undefined)).toBeUndefined();
    expect(parseInstant('')).toBeUndefined();
    expect(parseInstant('not a time')).toBeUndefined();
  });
});
