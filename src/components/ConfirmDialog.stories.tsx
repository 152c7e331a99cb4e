import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ConfirmDialog } from './ConfirmDialog';

/** A modal confirmation on the native `<dialog>`; Cancel has the initial focus. */
const meta = {
  title: 'Primitives/ConfirmDialog',
  component: ConfirmDialog,
  tags: ['autodocs'],
  parameters: {
    // A modal covers the page: one story per iframe on the docs page.
    docs: { story: { inline: false, iframeHeight: 420 } },
  },
  args: {
    title: 'Retry the cutover?',
    confirmLabel: 'Retry cutover',
    busyLabel: 'Starting…',
    onConfirm: fn(),
    onCancel: fn(),
    children: (
      <p>
        The cutover runs the 9 remaining steps again, starting with the one that failed; steps
        already done are skipped.
      </p>
    ),
  },
  argTypes: { children: { control: false } },
} satisfies Meta<typeof ConfirmDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Open: Story = {
  play: async ({ args, canvasElement }) => {
    const dialog = await within(canvasElement).findByRole('dialog', {
      name: 'Retry the cutover?',
    });
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    await expect(cancel).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Retry cutover' }));
    await expect(args.onConfirm).toHaveBeenCalledOnce();
  },
};

/** The request is on its way: both buttons wait, the confirm button says so. */
export const Busy: Story = {
  args: { busy: true },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement).findByRole('dialog');
    await expect(within(dialog).getByRole('button', { name: 'Starting…' })).toBeDisabled();
    await expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeDisabled();
  },
};

/** The start request failed: the dialog stays open and says why. */
export const Failed: Story = {
  args: {
    error: 'The catalyst-api answered HTTP 409 cutover-in-progress: a cutover is already running',
  },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement).findByRole('dialog');
    await expect(within(dialog).getByRole('alert')).toHaveTextContent('HTTP 409');
  },
};
