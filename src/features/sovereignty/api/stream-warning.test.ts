import { describe, expect, it } from 'vitest';
import { WarningKeeper } from './stream-warning';

const warning = { message: 'seal failed', time: '2026-05-04T10:00:05Z', decided: false };

describe('WarningKeeper: a step-less failure until a later answer decides the run', () => {
  it('only an answer to a request made after the warning decides it', () => {
    const keeper = new WarningKeeper();
    keeper.raise(warning, 3);
    keeper.answered(3, () => false); // request 3 left before the warning
    expect(keeper.current).toEqual(warning);
    keeper.answered(4, () => false);
    expect(keeper.current).toEqual({ ...warning, decided: true });
  });

  it('the run failed: the failed view says it, the warning goes', () => {
    const keeper = new WarningKeeper();
    keeper.raise(warning, 0);
    keeper.answered(1, () => true);
    expect(keeper.current).toBeUndefined();
  });

  it('a decided warning stays decided; a new run clears it', () => {
    const keeper = new WarningKeeper();
    keeper.raise(warning, 0);
    keeper.answered(1, () => false);
    keeper.answered(2, () => true);
    expect(keeper.current?.decided).toBe(true);
    keeper.clear();
    expect(keeper.current).toBeUndefined();
  });
});
