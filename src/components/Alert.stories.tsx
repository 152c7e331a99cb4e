import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { Alert } from './Alert';
import { Button } from './Button';

/**
 * A problem and what happens next. Only the title and what happened are announced (`role="alert"`
 * or `"status"`); ticking details and actions sit beside them, so a countdown does not make a
 * screen reader repeat the alert.
 */
const meta = {
  title: 'Primitives/Alert',
  component: Alert,
  tags: ['autodocs'],
  argTypes: {
    actions: { control: false },
    children: { control: false },
    details: { control: false },
  },
} satisfies Meta<typeof Alert>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Danger: Story = {
  args: {
    tone: 'danger',
    title: 'The cutover status is unavailable',
    children: <p>Could not reach the catalyst-api.</p>,
    details: <p>Next automatic try in 20 seconds.</p>,
    actions: <Button>Retry now</Button>,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('The cutover status is unavailable');
    await expect(alert).toHaveTextContent('Could not reach the catalyst-api.');
    // The countdown and the button are shown, outside the announced part.
    await expect(alert).not.toHaveTextContent('Next automatic try');
    await expect(canvas.getByText('Next automatic try in 20 seconds.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Retry now' })).toBeEnabled();
  },
};

export const Warning: Story = {
  args: {
    tone: 'warning',
    title: 'Your session has expired',
    actions: (
      <a className="link-button" href="#sign-in">
        Sign in again
      </a>
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Your session has expired');
    await expect(canvas.getByRole('link', { name: 'Sign in again' })).toBeVisible();
  },
};

/** `live="status"`: news worth a polite announcement, not an interruption. */
export const Info: Story = {
  args: {
    tone: 'info',
    live: 'status',
    title: 'This catalyst-api does not serve the cutover API yet',
    children: <p>The console checks again every minute.</p>,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('status')).toHaveTextContent(
      'The console checks again every minute.',
    );
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** `live="none"`: shown, not announced (the shell's configuration warning). */
export const NotAnnounced: Story = {
  args: {
    tone: 'warning',
    live: 'none',
    title: 'Deployment configuration problem',
    children: <p>config.json was ignored: apiBase must be a path on this origin.</p>,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Deployment configuration problem')).toBeVisible();
    await expect(canvas.queryByRole('alert')).toBeNull();
    await expect(canvas.queryByRole('status')).toBeNull();
  },
};
