import { act, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCutoverStatus } from '../cutover';
import { stepRows } from '../progress';
import { StepList } from './StepList';

/** 16:44:09 local time, whatever the machine's time zone. */
const LAST_GOOD = new Date(2026, 4, 4, 16, 44, 9).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

function rowsOf(steps: unknown[]) {
  return stepRows(parseCutoverStatus({ state: 'tethered', steps }));
}

function renderList(steps: unknown[], frozenAt?: number) {
  return render(
    <StepList
      rows={rowsOf(steps)}
      label="Cutover steps"
      {...(frozenAt === undefined ? {} : { frozenAt })}
    />,
  );
}

const listItems = () =>
  within(screen.getByRole('list', { name: 'Cutover steps' })).getAllByRole('listitem');

const rowOf = (id: string) => {
  const row = listItems().find((item) => item.dataset.stepId === id);
  if (row === undefined) throw new Error(`no row for ${id}`);
  return row;
};

afterEach(() => {
  vi.useRealTimers();
});

describe('StepList: server text is isolated', () => {
  it('puts an unknown step’s label, its id and its error inside <bdi>, the console’s words outside', () => {
    renderList([
      {
        name: 'smtp-relay\u202e-pivot',
        result: 'failed',
        message: 'relay \u202ereturned 421',
        startedAt: '2026-05-04T10:00:00Z',
        finishedAt: '2026-05-04T10:01:00Z',
      },
    ]);
    const row = rowOf('smtp-relay\u202e-pivot');
    const label = within(row).getByText('Smtp relay<U+202E> pivot');
    expect(label.tagName).toBe('BDI');
    const id = within(row).getByText('smtp-relay<U+202E>-pivot');
    expect(id.tagName).toBe('BDI');
    expect(id.closest('code')).not.toBeNull();
    const message = within(row).getByText('relay \u202ereturned 421');
    expect(message.tagName).toBe('BDI');
    // The console's words are not inside any isolate.
    expect(within(row).getByText('Failed').closest('bdi')).toBeNull();
    expect(
      within(row)
        .getByText(/^Step id/)
        .closest('bdi'),
    ).toBeNull();
    expect(row.querySelector('.step__times')?.closest('bdi')).toBeNull();
  });

  it('leaves the console’s own step labels as they are', () => {
    renderList([{ name: 'gitea-mirror', result: 'running', startedAt: iso(LAST_GOOD) }]);
    const label = within(rowOf('gitea-mirror')).getByText('Mirror GitOps repository');
    expect(label.tagName).toBe('SPAN');
    expect(label.closest('bdi')).toBeNull();
    expect(rowOf('gitea-mirror').querySelector('.step__id')).toBeNull();
  });

  it('shows an id that differs from a known one only by invisible characters as a different row', () => {
    renderList([
      { name: 'gitea-mirror', result: '' },
      { name: 'gitea\u200b-mirror', result: 'success' },
      { name: 'gitea\u2066-mirror', result: 'running' },
    ]);
    expect(listItems()).toHaveLength(13);
    expect(rowOf('gitea-mirror')).toHaveTextContent('Mirror GitOps repository');
    expect(rowOf('gitea-mirror')).toHaveTextContent('Pending');
    expect(rowOf('gitea\u200b-mirror')).toHaveTextContent('Gitea<U+200B> mirror');
    expect(rowOf('gitea\u200b-mirror')).toHaveTextContent('Step id gitea<U+200B>-mirror');
    expect(rowOf('gitea\u2066-mirror')).toHaveTextContent('Step id gitea<U+2066>-mirror');
    // No two rows read the same, and no row's visible text hides an invisible character.
    const texts = listItems().map((item) => item.textContent);
    expect(new Set(texts).size).toBe(texts.length);
    for (const text of texts) expect(text).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
  });

  it('renders one row per id when the wire repeats a step', () => {
    renderList([
      { name: 'gitea-mirror', result: 'running' },
      { name: 'gitea-mirror', result: 'success' },
      { name: 'smtp-relay-pivot', result: '' },
      { name: 'smtp-relay-pivot', result: '' },
    ]);
    expect(listItems()).toHaveLength(12);
    expect(listItems().filter((item) => item.dataset.stepId === 'gitea-mirror')).toHaveLength(1);
    expect(rowOf('gitea-mirror')).toHaveTextContent('Done');
  });
});

describe('StepList: elapsed times on stale data', () => {
  const runningFor22s = [
    {
      name: 'gitea-mirror',
      result: 'success',
      startedAt: iso(LAST_GOOD - 120_000),
      finishedAt: iso(LAST_GOOD - 22_000),
    },
    { name: 'harbor-projects', result: 'running', startedAt: iso(LAST_GOOD - 22_000) },
  ];

  it('live (no frozenAt): "running for 22 s", ticking every second, spinner on', () => {
    vi.useFakeTimers({ now: LAST_GOOD });
    renderList(runningFor22s);
    const row = rowOf('harbor-projects');
    expect(row).toHaveTextContent('running for 22 s');
    expect(row).not.toHaveTextContent('≥');
    expect(row).not.toHaveTextContent('as of');
    expect(row).not.toHaveClass('step--frozen');
    expect(row.querySelector('.icon-spin')).not.toBeNull();
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(row).toHaveTextContent('running for 27 s');
  });

  it('frozen: "running for ≥ 22 s as of 16:44:09", no spinner, nothing ticking', () => {
    // The wall clock is five minutes past the last good data; the row must not care.
    vi.useFakeTimers({ now: LAST_GOOD + 300_000 });
    renderList(runningFor22s, LAST_GOOD);
    const row = rowOf('harbor-projects');
    expect(row).toHaveTextContent('running for ≥ 22 s as of 16:44:09');
    expect(row).toHaveClass('step', 'step--running', 'step--frozen');
    expect(row.querySelector('.icon-spin')).toBeNull();
    expect(row.querySelector('.step__icon svg')).not.toBeNull();
    expect(within(row).getByText('16:44:09')).toHaveAttribute('datetime', iso(LAST_GOOD));
    expect(row).toHaveTextContent('Running');
    // No interval is left running, so nothing re-renders every second.
    expect(vi.getTimerCount()).toBe(0);
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(row).toHaveTextContent('running for ≥ 22 s as of 16:44:09');
  });

  it('frozen: finished rows read exactly as they do live', () => {
    vi.useFakeTimers({ now: LAST_GOOD });
    const { unmount } = renderList(runningFor22s);
    const live = rowOf('gitea-mirror').textContent;
    unmount();
    renderList(runningFor22s, LAST_GOOD);
    expect(rowOf('gitea-mirror').textContent).toBe(live);
    expect(rowOf('gitea-mirror')).not.toHaveClass('step--frozen');
    expect(live).toContain('1 min 38 s');
  });

  it('frozen before the step’s start (clock skew): says "running as of", invents no duration', () => {
    renderList(
      [{ name: 'harbor-projects', result: 'running', startedAt: iso(LAST_GOOD + 5_000) }],
      LAST_GOOD,
    );
    const row = rowOf('harbor-projects');
    expect(row).toHaveTextContent('running as of 16:44:09');
    expect(row).not.toHaveTextContent('running for');
  });

  it('an unusable frozenAt does not break the list: the rows stay live', () => {
    vi.useFakeTimers({ now: LAST_GOOD });
    renderList(runningFor22s, Number.NaN);
    expect(rowOf('harbor-projects')).toHaveTextContent('running for 22 s');
    expect(rowOf('harbor-projects')).not.toHaveClass('step--frozen');
  });
});
