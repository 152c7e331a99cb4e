import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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
    const status = within(row).getByText('Failed');
    expect(status.closest('bdi')).toBeNull();
    const idLabel = within(row).getByText(/^Step id/);
    expect(idLabel.closest('bdi')).toBeNull();
    expect(row.querySelector('.step-times')?.closest('bdi')).toBeNull();
  });

  it('leaves the console’s own step labels as they are', () => {
    renderList([{ name: 'gitea-mirror', result: 'running', startedAt: iso(LAST_GOOD) }]);
    const label = within(rowOf('gitea-mirror')).getByText('Mirror GitOps repository');
    expect(label.tagName).toBe('SPAN');
    expect(label.closest('bdi')).toBeNull();
    expect(rowOf('gitea-mirror').querySelector('.step-toggle__id')).toBeNull();
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
    expect(row).not.toHaveClass('step-list__step--frozen');
    expect(row.querySelector('.icon--spin')).not.toBeNull();
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
    expect(row).toHaveClass(
      'step-list__step',
      'step-list__step--running',
      'step-list__step--frozen',
    );
    expect(row.querySelector('.icon--spin')).toBeNull();
    expect(row.querySelector('.step-list__icon svg')).not.toBeNull();
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
    // eslint-disable-next-line jest-dom/prefer-to-have-text-content -- exact text, not a substring
    expect(rowOf('gitea-mirror').textContent).toBe(live);
    expect(rowOf('gitea-mirror')).not.toHaveClass('step-list__step--frozen');
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
    expect(rowOf('harbor-projects')).not.toHaveClass('step-list__step--frozen');
  });
});

describe('StepList: each step opens to what it does, its Job and where its logs are', () => {
  const JOB = 'cutover-harbor-prewarm-1777888800';

  it('opens on a button (touch and keyboard), not a tooltip; the running step starts open', async () => {
    renderList([
      {
        name: 'gitea-mirror',
        result: 'success',
        startedAt: iso(LAST_GOOD - 600_000),
        finishedAt: iso(LAST_GOOD - 400_000),
        jobName: 'cutover-gitea-mirror-1',
      },
      {
        name: 'harbor-prewarm',
        result: 'running',
        startedAt: iso(LAST_GOOD - 60_000),
        jobName: JOB,
      },
    ]);
    const mirror = screen.getByRole('button', { name: 'Mirror GitOps repository' });
    expect(mirror).toHaveAttribute('aria-expanded', 'false');
    expect(rowOf('gitea-mirror')).not.toHaveTextContent('Mirrors the GitHub repository');
    expect(rowOf('gitea-mirror').querySelector('[title]:not(time)')).toBeNull();
    mirror.focus();
    await userEvent.keyboard('{Enter}');
    expect(mirror).toHaveAttribute('aria-expanded', 'true');
    const details = document.getElementById(mirror.getAttribute('aria-controls')!)!;
    expect(details).toHaveTextContent('Mirrors the GitHub repository into the local Gitea.');
    expect(details).toHaveTextContent('Runs as a Kubernetes Job; default deadline 20 min.');
    expect(details).toHaveTextContent('Job cutover-gitea-mirror-1 (kept 24 h after it ends)');
    // Done: nothing to check before a retry.
    expect(details).not.toHaveTextContent('If it fails');
    await userEvent.click(mirror);
    expect(mirror).toHaveAttribute('aria-expanded', 'false');

    const prewarm = screen.getByRole('button', { name: 'Pre-warm critical images' });
    expect(prewarm).toHaveAttribute('aria-expanded', 'true');
    const row = rowOf('harbor-prewarm');
    expect(within(row).getByText(`kubectl -n catalyst logs job/${JOB}`)).toBeInTheDocument();
    expect(within(row).getByText(`kubectl -n catalyst describe job/${JOB}`)).toBeInTheDocument();
    expect(
      within(row).getByRole('button', {
        name: 'Copy the logs command for Pre-warm critical images',
      }),
    ).toBeInTheDocument();
    expect(row).toHaveTextContent('If it fails, check first: Upstream registry credentials');
  });

  it('uses the configured namespace, and the DaemonSet for registry-pivot', () => {
    render(
      <StepList
        rows={rowsOf([
          {
            name: 'registry-pivot',
            result: 'running',
            startedAt: iso(LAST_GOOD),
            jobName: 'cutover-registry-pivot',
          },
        ])}
        label="Cutover steps"
        namespace="cutover-ns"
      />,
    );
    const row = rowOf('registry-pivot');
    expect(row).toHaveTextContent('Waits for a DaemonSet on every node; default deadline 10 min.');
    expect(
      within(row).getByText('kubectl -n cutover-ns logs daemonset/cutover-registry-pivot'),
    ).toBeInTheDocument();
  });

  it('offers no command for a jobName a shell could misread; shows it isolated instead', () => {
    renderList([
      {
        name: 'gitea-mirror',
        result: 'running',
        startedAt: iso(LAST_GOOD),
        jobName: 'x; rm -rf /\u202e',
      },
    ]);
    const row = rowOf('gitea-mirror');
    expect(row.querySelector('.command')).toBeNull();
    expect(within(row).getByText('x; rm -rf /<U+202E>').tagName).toBe('BDI');
    expect(row).toHaveTextContent('which is not a Kubernetes name: no command is offered for it.');
  });

  it('says so when the API has not named a started step’s Job', () => {
    renderList([{ name: 'gitea-mirror', result: 'running', startedAt: iso(LAST_GOOD) }]);
    expect(rowOf('gitea-mirror')).toHaveTextContent(
      'The catalyst-api has not said which Job ran this step.',
    );
  });
});

describe('StepList: the running step against its deadline', () => {
  const running = (name: string, forMs: number) => [
    { name, result: 'running', startedAt: iso(LAST_GOOD - forMs) },
  ];

  it.each<[string, string, number, RegExp]>([
    ['normal', 'harbor-prewarm', 5 * 60_000, /running for 5 min · of at most 30 min/],
    [
      'near',
      'harbor-prewarm',
      24 * 60_000,
      /Near its deadline: running 24 min of at most 30 min: Pre-warm can take this long on a large Sovereign/,
    ],
    [
      'past',
      'gitea-token-mint',
      11 * 60_000,
      /Past its deadline: running 11 min, past its default deadline of 10 min: the step can be failed at any moment; read its logs now/,
    ],
  ])('%s', (level, name, forMs, text) => {
    vi.useFakeTimers({ now: LAST_GOOD });
    renderList(running(name, forMs));
    const row = rowOf(name);
    expect(row).toHaveTextContent(text);
    const note = row.querySelector('.step-times__deadline');
    expect(note).toHaveClass(
      level === 'normal' ? 'step-times__deadline' : `step-times__deadline--${level}`,
    );
  });

  it('ticks into the warning while watched', () => {
    vi.useFakeTimers({ now: LAST_GOOD });
    renderList(running('harbor-projects', 7 * 60_000));
    expect(rowOf('harbor-projects').querySelector('.step-times__deadline--near')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(31_000);
    });
    expect(rowOf('harbor-projects').querySelector('.step-times__deadline--near')).not.toBeNull();
  });

  it('the egress-block self-test counts its 10-minute hold down', () => {
    vi.useFakeTimers({ now: LAST_GOOD });
    renderList(running('egress-block-test', 3 * 60_000 + 48_000));
    const row = rowOf('egress-block-test');
    expect(row).toHaveTextContent('egress blocked: 6 min 12 s left of 10 min');
    act(() => {
      vi.advanceTimersByTime(2_000);
    });
    expect(row).toHaveTextContent('egress blocked: 6 min 10 s left of 10 min');
  });

  it('on stale data the warning is as of the last good data, and nothing ticks', () => {
    vi.useFakeTimers({ now: LAST_GOOD + 600_000 });
    renderList(running('harbor-prewarm', 24 * 60_000), LAST_GOOD);
    const row = rowOf('harbor-prewarm');
    expect(row).toHaveTextContent('running 24 min of at most 30 min');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('StepList: one time format', () => {
  it('writes the date for another day, not for the finish on its start’s day; exact ISO on hover and focus', () => {
    const yesterday = LAST_GOOD - 86_400_000;
    vi.useFakeTimers({ now: LAST_GOOD });
    renderList([
      {
        name: 'gitea-mirror',
        result: 'success',
        startedAt: iso(yesterday),
        finishedAt: iso(yesterday + 98_000),
      },
    ]);
    const times = rowOf('gitea-mirror').querySelectorAll('time');
    expect(times[0]).toHaveTextContent(/^3 May 16:44:09$/);
    expect(times[1]).toHaveTextContent(/^16:45:47$/);
    expect(times[0]).toHaveAttribute('datetime', iso(yesterday));
    expect(times[0]).toHaveAttribute('title', iso(yesterday));
    expect(times[0]).toHaveAttribute('tabindex', '0');
  });
});
