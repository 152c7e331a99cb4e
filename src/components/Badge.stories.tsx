import type { Meta, StoryObj } from '@storybook/react-vite';
import { expectVisible } from '@/testing/story-expect';
import { Badge, type BadgeTone } from './Badge';
import { CrownIcon, QuestionIcon, ShieldOffIcon } from './icons';

const meta = {
  title: 'Primitives/Badge',
  component: Badge,
  tags: ['autodocs'],
  args: { tone: 'warning', children: 'Tethered', stale: false },
  argTypes: { icon: { control: false } },
} satisfies Meta<typeof Badge>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Try the tone, the words and the stale mark with the controls. */
export const Playground: Story = {
  args: { icon: <ShieldOffIcon /> },
  play: expectVisible('Tethered'),
};

const TONES: readonly { tone: BadgeTone; label: string; icon: React.ReactNode }[] = [
  { tone: 'success', label: 'Sovereign', icon: <CrownIcon /> },
  { tone: 'warning', label: 'Tethered', icon: <ShieldOffIcon /> },
  { tone: 'neutral', label: 'Unknown', icon: <QuestionIcon /> },
  { tone: 'danger', label: 'Failed', icon: undefined },
];

/** Every tone, fresh and stale (the last known value, dashed and marked in words). */
export const TonesAndStale: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: '0.75rem', justifyItems: 'start' }}>
      {[false, true].map((stale) => (
        <div key={String(stale)} style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
          {TONES.map(({ tone, label, icon }) => (
            <Badge key={tone} tone={tone} icon={icon} stale={stale}>
              {label}
            </Badge>
          ))}
        </div>
      ))}
    </div>
  ),
  play: expectVisible('Sovereign', 'Tethered', 'Unknown', 'Failed', 'stale'),
};
