import type { Meta, StoryObj } from '@storybook/react-vite';
import { expectVisible } from '@/testing/story-expect';
import { SOVEREIGN, TETHERED } from '../cutover';
import { SovereigntyBadge } from './SovereigntyBadge';

/** The card's badge: Sovereign only when a valid answer said so; Tethered; or Unknown. */
const meta = {
  title: 'Sovereignty/SovereigntyBadge',
  component: SovereigntyBadge,
  tags: ['autodocs'],
  argTypes: {
    state: { control: 'inline-radio', options: [SOVEREIGN, TETHERED] },
  },
} satisfies Meta<typeof SovereigntyBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Sovereign: Story = {
  args: { state: SOVEREIGN },
  play: expectVisible('Sovereign'),
};

export const Tethered: Story = {
  args: { state: TETHERED },
  play: expectVisible('Tethered'),
};

/** No valid answer has said either: never Sovereign by default. */
export const Unknown: Story = {
  args: { state: undefined },
  play: expectVisible('Unknown'),
};

/** The last good answer, shown under a fetch problem. */
export const Stale: Story = {
  args: { state: TETHERED, stale: true },
  play: expectVisible('Tethered', 'stale'),
};
