import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { Badge } from './Badge';
import { Card } from './Card';
import { ShieldOffIcon } from './icons';
import { Skeleton, SkeletonBadge } from './Skeleton';

/** A titled region; its heading names it. The SovereigntyCard is one. */
const meta = {
  title: 'Primitives/Card',
  component: Card,
  tags: ['autodocs'],
  argTypes: {
    aside: { control: false },
    children: { control: false },
    footer: { control: false },
  },
} satisfies Meta<typeof Card>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WithEverything: Story = {
  args: {
    title: 'Sovereignty',
    subtitle: 'Tethered: still pulls images and GitOps sources from the mothership.',
    aside: (
      <Badge tone="warning" icon={<ShieldOffIcon />}>
        Tethered
      </Badge>
    ),
    children: <p style={{ margin: 0 }}>The body: a view of the card&apos;s display state.</p>,
    footer: (
      <>
        <span>Updated just now</span>
        <span>catalyst-api 1.4.2</span>
      </>
    ),
  },
  play: async ({ canvasElement }) => {
    const region = within(canvasElement).getByRole('region', { name: 'Sovereignty' });
    await expect(within(region).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Sovereignty',
    );
  },
};

/** While the first answer is on its way: `aria-busy`, a named skeleton, no badge words. */
export const Busy: Story = {
  args: {
    title: 'Sovereignty',
    busy: true,
    aside: <SkeletonBadge />,
    children: <Skeleton label="Loading the cutover status" />,
  },
  play: async ({ canvasElement }) => {
    const region = within(canvasElement).getByRole('region', { name: 'Sovereignty' });
    await expect(region).toHaveAttribute('aria-busy', 'true');
    await expect(
      within(region).getByRole('status', { name: 'Loading the cutover status' }),
    ).toBeVisible();
  },
};
