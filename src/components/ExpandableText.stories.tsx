import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { HARBOR_PREWARM_ERROR } from '../../mocks/simulator';
import { ExpandableText } from './ExpandableText';

/** Server text (an error message): as text, truncated, the whole of it one click away. */
const meta = {
  title: 'Primitives/ExpandableText',
  component: ExpandableText,
  tags: ['autodocs'],
  args: { text: HARBOR_PREWARM_ERROR, limit: 160, moreLabel: 'Show full error' },
} satisfies Meta<typeof ExpandableText>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Long: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const toggle = canvas.getByRole('button', { name: 'Show full error' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(canvas.getByText(/…$/)).toBeVisible();
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(canvas.getByText(HARBOR_PREWARM_ERROR)).toBeVisible();
  },
};

export const Short: Story = {
  args: { text: 'step harbor-projects failed' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('step harbor-projects failed')).toBeVisible();
    await expect(canvas.queryByRole('button')).toBeNull();
  },
};

/** Markup from the server stays text. */
export const MarkupStaysText: Story = {
  args: { text: '<img src=x onerror="alert(1)"><b>bold</b>' },
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByText('<img src=x onerror="alert(1)"><b>bold</b>'),
    ).toBeVisible();
    await expect(canvasElement.querySelector('img, b')).toBeNull();
  },
};

/**
 * A right-to-left override in the server text reverses that text only: it is isolated, so the
 * words around it (here the toggle) keep their order.
 */
export const RightToLeftOverride: Story = {
  args: { text: 'step harbor-projects failed: \u202eJob reported Failed condition' },
  play: async ({ canvasElement }) => {
    const text = within(canvasElement).getByText(/^step harbor-projects failed/);
    await expect(text.tagName).toBe('BDI');
    await expect(text.closest('.expandable__text')).not.toBeNull();
  },
};
