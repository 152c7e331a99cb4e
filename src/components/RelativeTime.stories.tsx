import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { RelativeTime } from './RelativeTime';

/** Stories give an offset from the moment the story opened, so the words stay meaningful. */
function FromNow({ offsetMs, tickMs }: { offsetMs: number; tickMs?: number }) {
  const [time] = useState(() => Date.now() + offsetMs);
  return <RelativeTime time={time} {...(tickMs === undefined ? {} : { tickMs })} />;
}

const meta = {
  title: 'Primitives/RelativeTime',
  component: RelativeTime,
  tags: ['autodocs'],
  // Each story sets its times relative to when it opened (below).
  args: { time: 0 },
  argTypes: { time: { control: false } },
} satisfies Meta<typeof RelativeTime>;

export default meta;
type Story = StoryObj<typeof meta>;

/** How ages and countdowns read, with the exact time as `dateTime` and on hover. */
export const Examples: Story = {
  render: () => (
    <ul>
      <li>
        Showing the last known status, as of <FromNow offsetMs={-180_000} />.
      </li>
      <li>
        Finished <FromNow offsetMs={-2 * 86_400_000} />.
      </li>
      <li>
        Next automatic try <FromNow offsetMs={40_000} tickMs={1_000} />.
      </li>
      <li>
        Updated <FromNow offsetMs={0} />.
      </li>
    </ul>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('3 minutes ago')).toHaveAttribute('dateTime');
    await expect(canvas.getByText('2 days ago')).toBeVisible();
    await expect(canvas.getByText(/^in \d+ seconds$/)).toBeVisible();
  },
};

/** A 1 s tick: the countdown to the next automatic try moves while you watch. */
export const Countdown: Story = {
  render: () => <FromNow offsetMs={30_000} tickMs={1_000} />,
  play: async ({ canvasElement }) => {
    const time = within(canvasElement).getByText(/^in \d+ seconds$/);
    const first = time.textContent;
    await waitFor(
      async () => {
        await expect(time.textContent).not.toBe(first);
      },
      { timeout: 3_000 },
    );
  },
};
