import { expect, waitFor, within } from 'storybook/test';

/**
 * Play functions that make every story a test (docs/component-review.md): they wait for the story
 * to settle on what it is meant to show and fail, loudly, when it does not. `npm run test:stories`
 * (tests/stories/vitest.config.ts) treats a story whose play function throws as failed, and refuses
 * stories without a play function.
 */
type Play = (context: { canvasElement: HTMLElement }) => Promise<void>;

/** Long enough for one failed poll plus its quick retry (about 3 s); stories may ask for more. */
const SETTLE_MS = 8_000;

export type CardDisplay =
  'loading' | 'waiting' | 'cutting-over' | 'failed' | 'sovereign' | 'problem';

export interface CardExpectation {
  /** `data-display` of the card: a data phase, `loading`, or `problem` (no data at all). */
  readonly display: CardDisplay;
  /** The badge's words; `null` while loading (a skeleton, no words). */
  readonly badge: 'Tethered' | 'Sovereign' | 'Unknown' | null;
  /** The badge is the last good one, marked stale. */
  readonly stale?: boolean;
  /** Texts the card must show (exact string of one element, or a pattern). */
  readonly texts?: readonly (string | RegExp)[];
  readonly timeoutMs?: number;
}

const START_BUTTON = /start|achieve/i;
const PARSER_TEXT = /invalid CutoverState|invalid CutoverStatus|<undefined>/;

function badgeOf(card: HTMLElement) {
  const badge = card.querySelector('.badge');
  return {
    label: badge?.querySelector('.badge__label')?.textContent ?? null,
    stale: Boolean(badge?.querySelector('.badge__stale')),
  };
}

/** Waits until the SovereigntyCard shows `expected`, then checks docs/console-rules.md's rules. */
export async function checkCard(canvasElement: HTMLElement, expected: CardExpectation) {
  const timeout = expected.timeoutMs ?? SETTLE_MS;
  const canvas = within(canvasElement);
  const card = await canvas.findByRole('region', { name: 'Sovereignty' }, { timeout });
  await waitFor(
    async () => {
      await expect(card.closest('[data-display]')).toHaveAttribute(
        'data-display',
        expected.display,
      );
      await expect(badgeOf(card)).toEqual({
        label: expected.badge,
        stale: expected.stale ?? false,
      });
    },
    { timeout },
  );
  for (const text of expected.texts ?? []) {
    const [first] = await within(card).findAllByText(text, {}, { timeout });
    await expect(first).toBeVisible();
  }
  // docs/console-rules.md, rules 4 and 1: no start button in any state; a parser message is never
  // the card's content.
  await expect(canvas.queryByRole('button', { name: START_BUTTON })).toBeNull();
  await expect(canvasElement.textContent).not.toMatch(PARSER_TEXT);
}

export function expectCard(expected: CardExpectation): Play {
  return async ({ canvasElement }) => {
    await checkCard(canvasElement, expected);
  };
}

/** For primitives: each text is on screen and visible. */
export function expectVisible(...texts: readonly (string | RegExp)[]): Play {
  return async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    for (const text of texts) {
      const [first] = await canvas.findAllByText(text);
      await expect(first).toBeVisible();
    }
  };
}
