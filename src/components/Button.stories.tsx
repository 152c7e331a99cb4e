import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { Button } from './Button';

const meta = {
  title: 'Primitives/Button',
  component: Button,
  tags: ['autodocs'],
  args: { children: 'Retry now', onClick: fn() },
} satisfies Meta<typeof Button>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Secondary: Story = {
  play: async ({ args, canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Retry now' }));
    await expect(args.onClick).toHaveBeenCalledOnce();
  },
};

/** The console's only cutover action, after a failed run. */
export const Primary: Story = {
  args: { variant: 'primary', children: 'Retry cutover' },
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByRole('button', { name: 'Retry cutover' }),
    ).toBeVisible();
  },
};

export const Danger: Story = {
  args: { variant: 'danger', children: 'Retry cutover' },
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByRole('button', { name: 'Retry cutover' }),
    ).toBeVisible();
  },
};

export const Disabled: Story = {
  args: { disabled: true, children: 'Retrying…' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Retrying…' })).toBeDisabled();
  },
};
