import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { Timestamp } from './Timestamp';

/** One time format: 24 h, the date only for another day, the zone where asked, ISO on focus. */
const meta = {
  title: 'Primitives/Timestamp',
  component: Timestamp,
  tags: ['autodocs'],
  args: {
    at: Date.parse('2026-05-04T14:44:09Z'),
    now: Date.parse('2026-05-04T18:00:00Z'),
    timeZone: 'Europe/Berlin',
  },
} satisfies Meta<typeof Timestamp>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Today: Story = {
  play: async ({ canvasElement }) => {
    const time = within(canvasElement).getByText('16:44:09');
    await expect(time).toHaveAttribute('datetime', '2026-05-04T14:44:09.000Z');
    await userEvent.tab();
    await expect(time).toHaveFocus();
  },
};

export const AnotherDayWithZone: Story = {
  args: { now: Date.parse('2026-05-06T08:00:00Z'), withZone: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('4 May 16:44:09 UTC+02:00')).toBeVisible();
  },
};
