import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { Simulator, type ScenarioName } from '../../../../mocks/simulator';
import { parseCutoverStatus } from '../cutover';
import { stepRows } from '../progress';
import { StepList } from './StepList';

/**
 * The step rows as the card shows them. The rows are not written by hand: they come from the
 * simulated catalyst-api's status body for a scenario, through the real parser and `stepRows`.
 */
function ScenarioSteps({
  scenario,
  arrange,
  showMessages,
}: {
  scenario: ScenarioName;
  arrange?: (simulator: Simulator) => void;
  showMessages?: boolean;
}) {
  const [rows] = useState(() => {
    const simulator = new Simulator({ scenario, stepMs: 600_000, autoTrigger: false });
    try {
      arrange?.(simulator);
      return stepRows(parseCutoverStatus(simulator.statusBody()));
    } finally {
      simulator.dispose();
    }
  });
  return (
    <StepList
      rows={rows}
      label="Cutover steps"
      {...(showMessages === undefined ? {} : { showMessages })}
    />
  );
}

/**
 * A status from an older or newer chart, as the wire carries it (docs/cutover-contract.md §3);
 * `frozenAt` (from the same clock reading) when the story shows stale data.
 */
function WireSteps({
  body,
  frozenAt,
}: {
  body: (now: number) => unknown;
  frozenAt?: (now: number) => number;
}) {
  const [{ rows, asOf }] = useState(() => {
    // Whole seconds, as the wire's times are: a frozen duration then reads exactly.
    const now = Math.floor(Date.now() / 1000) * 1000;
    return { rows: stepRows(parseCutoverStatus(body(now))), asOf: frozenAt?.(now) };
  });
  return <StepList rows={rows} label="Cutover steps" frozenAt={asOf} />;
}

/** Go's RFC 3339 at second precision, `ago` milliseconds before `now`. */
const rfc3339 = (now: number, ago: number) =>
  new Date(now - ago).toISOString().replace(/\.\d{3}Z$/, 'Z');

const meta = {
  title: 'Sovereignty/StepList',
  component: StepList,
  tags: ['autodocs'],
  // Each story renders its own rows (below); these only satisfy the props for the docs table.
  args: { rows: [], label: 'Cutover steps' },
  argTypes: { rows: { control: false } },
} satisfies Meta<typeof StepList>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowCount = (canvasElement: HTMLElement) =>
  within(within(canvasElement).getByRole('list', { name: 'Cutover steps' })).getAllByRole(
    'listitem',
  );

/** `waiting`: every step pending, in the canonical order. */
export const AllPending: Story = {
  render: () => <ScenarioSteps scenario="waiting" />,
  play: async ({ canvasElement }) => {
    const rows = rowCount(canvasElement);
    await expect(rows).toHaveLength(11);
    for (const row of rows) await expect(row).toHaveTextContent('Pending');
  },
};

/** `mid-run`: done rows with start → finish and duration, one running, the rest pending. */
export const MidRun: Story = {
  render: () => <ScenarioSteps scenario="mid-run" />,
  play: async ({ canvasElement }) => {
    const rows = rowCount(canvasElement);
    await expect(rows[0]).toHaveTextContent('Mirror GitOps repository');
    await expect(rows[0]).toHaveTextContent('Done');
    await expect(rows[5]).toHaveTextContent('Running');
    await expect(rows[5]).toHaveTextContent(/running for/);
  },
};

/** `failed`: the failed row carries its error, truncated, with the full text on demand. */
export const FailedWithError: Story = {
  render: () => <ScenarioSteps scenario="failed" />,
  play: async ({ canvasElement }) => {
    const rows = rowCount(canvasElement);
    await expect(rows[2]).toHaveTextContent('Failed');
    const more = within(rows[2] as HTMLElement).getByRole('button', { name: 'Show full error' });
    await userEvent.click(more);
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await expect(rows[2]).toHaveTextContent(/authentication required\)/);
  },
};

/** `sovereign`: all eleven done; `egress-block-test` ran last, so it is listed last. */
export const AllDone: Story = {
  render: () => <ScenarioSteps scenario="sovereign" />,
  play: async ({ canvasElement }) => {
    const rows = rowCount(canvasElement);
    await expect(rows.filter((row) => row.textContent.includes('Done'))).toHaveLength(11);
    await expect(rows[10]).toHaveTextContent('Egress-block self-test');
  },
};

/**
 * An 8-step chart with the legacy `helmrepo-patches` id, and a step id this console does not know
 * (a newer chart): matched by id, legacy id mapped, unknown id shown humanised, never dropped.
 */
export const LegacyAndUnknownIds: Story = {
  render: () => (
    <WireSteps
      body={(now) => ({
        state: 'tethered',
        totalSteps: 8,
        steps: [
          {
            step: 'gitea-mirror',
            status: 'done',
            startedAt: rfc3339(now, 125_000),
            finishedAt: rfc3339(now, 60_000),
          },
          { step: 'helmrepo-patches', status: 'running', startedAt: rfc3339(now, 60_000) },
          { step: 'openbao-seal-rotate', status: 'pending' },
        ],
      })}
    />
  ),
  play: async ({ canvasElement }) => {
    const list = within(canvasElement).getByRole('list', { name: 'Cutover steps' });
    const helm = within(list).getByText('Repoint HelmRepositories').closest('li');
    await expect(helm).toHaveTextContent('Running');
    await expect(within(list).getByText('Openbao seal rotate')).toBeVisible();
  },
};

/**
 * Stale data: the last good answer came a minute ago, when `harbor-prewarm` had been running for
 * 22 s. Its time stops there ("running for ≥ 22 s as of …"), its spinner stops, nothing ticks.
 */
export const FrozenRunningStep: Story = {
  render: () => (
    <WireSteps
      frozenAt={(now) => now - 60_000}
      body={(now) => ({
        state: 'tethered',
        steps: [
          {
            name: 'gitea-mirror',
            result: 'success',
            startedAt: rfc3339(now, 200_000),
            finishedAt: rfc3339(now, 140_000),
          },
          {
            name: 'harbor-projects',
            result: 'success',
            startedAt: rfc3339(now, 140_000),
            finishedAt: rfc3339(now, 82_000),
          },
          { name: 'harbor-prewarm', result: 'running', startedAt: rfc3339(now, 82_000) },
        ],
      })}
    />
  ),
  play: async ({ canvasElement }) => {
    const list = within(canvasElement).getByRole('list', { name: 'Cutover steps' });
    const prewarm = within(list).getByText('Pre-warm critical images').closest('li');
    await expect(prewarm).toHaveClass('step-list__step--frozen');
    await expect(prewarm).toHaveTextContent(/running for ≥ 22 s as of \d\d:\d\d:\d\d/);
    await expect(list.querySelector('.icon--spin')).toBeNull();
  },
};

/**
 * Hostile ids: `gitea-mirror` with a zero-width space (it must not pass for the known step, nor
 * move it), an unknown id and an error text with a right-to-left override (isolated, so the
 * console's words keep their order), and `harbor-projects` listed twice (one row).
 */
export const HostileIds: Story = {
  render: () => (
    <WireSteps
      body={(now) => ({
        state: 'tethered',
        steps: [
          { name: 'gitea-mirror', result: '' },
          {
            name: 'gitea\u200b-mirror',
            result: 'success',
            startedAt: rfc3339(now, 300_000),
            finishedAt: rfc3339(now, 240_000),
          },
          {
            name: 'harbor-projects',
            result: 'running',
            startedAt: rfc3339(now, 240_000),
          },
          {
            name: 'harbor-projects',
            result: 'success',
            startedAt: rfc3339(now, 240_000),
            finishedAt: rfc3339(now, 180_000),
          },
          {
            name: 'smtp-relay\u202e-pivot',
            result: 'failed',
            startedAt: rfc3339(now, 180_000),
            finishedAt: rfc3339(now, 120_000),
            message: 'relay \u202erefused the connection: 421 try again later',
          },
        ],
      })}
    />
  ),
  play: async ({ canvasElement }) => {
    const rows = rowCount(canvasElement);
    await expect(rows).toHaveLength(13);
    const list = within(canvasElement).getByRole('list', { name: 'Cutover steps' });
    await expect(
      within(list).getByText('Mirror GitOps repository').closest('li'),
    ).toHaveTextContent('Pending');
    await expect(within(list).getByText('Gitea<U+200B> mirror').closest('li')).toHaveTextContent(
      'Done',
    );
    await expect(
      rows.filter((row) => row.textContent.includes('Create Harbor proxy projects')),
    ).toHaveLength(1);
    const hostile = within(list).getByText('Smtp relay<U+202E> pivot');
    await expect(hostile.tagName).toBe('BDI');
    await expect(within(list).getByText(/^relay \u202erefused/).tagName).toBe('BDI');
  },
};

/**
 * Pre-warm 24 minutes into its 30-minute deadline, and the mint 11 minutes into its 10: a calm
 * warning and a clear one. The running steps start open: what they do, their Job, its commands.
 */
export const RunningNearAndPastDeadline: Story = {
  render: () => (
    <WireSteps
      body={(now) => ({
        state: 'tethered',
        steps: [
          {
            name: 'harbor-prewarm',
            result: 'running',
            startedAt: rfc3339(now, 24 * 60_000),
            jobName: 'cutover-harbor-prewarm-1777888800',
          },
          {
            name: 'gitea-token-mint',
            result: 'running',
            startedAt: rfc3339(now, 11 * 60_000),
            jobName: 'cutover-gitea-token-mint-1777889000',
          },
        ],
      })}
    />
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      canvas.getByText(/running 24 min( \d+ s)? of at most 30 min: Pre-warm can take this long/),
    ).toBeVisible();
    await expect(canvas.getByText(/past its default deadline of 10 min/)).toBeVisible();
    await expect(
      canvas.getByText('kubectl -n catalyst logs job/cutover-harbor-prewarm-1777888800'),
    ).toBeVisible();
    const mirror = canvas.getByRole('button', { name: 'Mirror GitOps repository' });
    await expect(mirror).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(mirror);
    await expect(
      canvas.getByText('Mirrors the GitHub repository into the local Gitea.'),
    ).toBeVisible();
  },
};
