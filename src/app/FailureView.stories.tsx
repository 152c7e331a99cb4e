import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ChunkLoadError } from './chunk-load';
import { FailureView } from './FailureView';

/**
 * What the console shows instead of a blank page when it fails itself (docs/architecture.md,
 * "Never a blank page"): a chunk that could not load after a redeploy, a render error caught by
 * an error boundary, a failed start. Reload is a button, never automatic; the error is text, in
 * collapsed details.
 */
const meta = {
  title: 'App/FailureView',
  component: FailureView,
  tags: ['autodocs'],
  args: { onReload: fn() },
  argTypes: { error: { control: false } },
} satisfies Meta<typeof FailureView>;

export default meta;
type Story = StoryObj<typeof meta>;

export const ConsoleUpdated: Story = {
  args: {
    error: new ChunkLoadError(
      new TypeError(
        'Failed to fetch dynamically imported module: https://console.omantel.example/console/assets/Dashboard-Dgydc44J.js',
      ),
    ),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert');
    await expect(
      within(alert).getByRole('heading', { name: 'The console was updated or could not load' }),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Reload' }));
    await expect(args.onReload).toHaveBeenCalledTimes(1);
  },
};

export const PageRenderError: Story = {
  args: { error: new TypeError("Cannot read properties of undefined (reading 'steps')") },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole('heading', { name: 'This page could not be shown' }),
    ).toBeVisible();
    await userEvent.click(canvas.getByText('Technical details'));
    await expect(
      canvas.getByText("TypeError: Cannot read properties of undefined (reading 'steps')"),
    ).toBeVisible();
  },
};

/** A failed start, outside the shell: the view is the page's main landmark. */
export const StartFailure: Story = {
  args: {
    during: 'start',
    standalone: true,
    error: new Error('The demo worker did not register: the browser blocks service workers'),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const main = await canvas.findByRole('main');
    await expect(
      within(main).getByRole('heading', { name: 'The console could not start' }),
    ).toBeVisible();
  },
};

/** A very long error, opened: it wraps inside the view and is cut at 2,000 characters. */
export const LongErrorOpened: Story = {
  args: {
    error: new Error(
      `Minified React error #185; visit https://react.dev/errors/185?${'args[]=x&'.repeat(400)}`,
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByText('Technical details'));
    const pre = canvasElement.querySelector('details pre');
    await expect(pre?.textContent).toHaveLength(2_000);
    await expect(pre?.textContent.endsWith('…')).toBe(true);
  },
};
