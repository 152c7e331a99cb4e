import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { CopyableCommand } from './CopyableCommand';

/** A command to paste into a terminal, with a Copy button that says what it did. */
const meta = {
  title: 'Primitives/CopyableCommand',
  component: CopyableCommand,
  tags: ['autodocs'],
  args: {
    command: 'kubectl -n catalyst logs job/cutover-harbor-prewarm-1777888800',
    purpose: 'the logs command',
  },
} satisfies Meta<typeof CopyableCommand>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/^kubectl -n catalyst logs job\//)).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Copy the logs command' })).toBeVisible();
  },
};

/** After a press: "Copied", or the command selected where the clipboard is closed. */
export const Pressed: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Copy the logs command' }));
    await expect(
      await canvas.findByText(/^Copied$|^Selected: press Ctrl\+C/, {}, { timeout: 2_000 }),
    ).toBeVisible();
  },
};

export const LongCommand: Story = {
  args: {
    command:
      'helm -n catalyst upgrade bp-self-sovereign-cutover <chart> --reuse-values --set trigger.auto=true --set trigger.fireCutoverOnHandover=true',
    purpose: 'the helm upgrade command',
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/^helm -n catalyst upgrade/)).toBeVisible();
  },
};
