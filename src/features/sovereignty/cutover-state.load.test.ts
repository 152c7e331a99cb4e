import { describe, expect, it } from 'vitest';

/**
 * The module is loaded inside the test, not at the file's top. Its branded constants are parsed
 * as it loads, so a state schema that refused them would throw there; loaded at a file's top, that
 * throw would stop the file before any test ran, and a runner that counts failed tests (Stryker's
 * vitest runner, docs/testing.md "Mutation testing") would see nothing fail. Nothing else in this
 * file may import the domain.
 */
describe('cutover-state, as it loads', () => {
  it('parses its own two states, and only those, into the branded constants', async () => {
    const { TETHERED, SOVEREIGN, isCutoverState, parseCutoverState } =
      await import('./cutover-state');
    expect([TETHERED, SOVEREIGN]).toEqual(['tethered', 'sovereign']);
    expect(parseCutoverState('sovereign')).toBe(SOVEREIGN);
    expect(isCutoverState('tethered')).toBe(true);
    expect(isCutoverState('')).toBe(false);
  });
});
