import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCutoverStatus } from '../cutover';
import { CuttingOverView } from './CuttingOverView';
import { FailedView } from './FailedView';
import { SovereignView } from './SovereignView';
import { WaitingView } from './WaitingView';

/** 16:44:09 local time, whatever the machine's time zone. */
const LAST_GOOD = new Date(2026, 4, 4, 16, 44, 9).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

const wire = (body: Record<string, unknown>) => parseCutoverStatus({ state: 'tethered', ...body });

const headline = () => {
  const title = document.querySelector('.failure-headline');
  if (!(title instanceof HTMLElement)) throw new Error('no failure headline');
  return title;
};

afterEach(() => {
  vi.useRealTimers();
});

describe('FailedView: server text cannot reorder the sentence around it', () => {
  it('isolates an unknown failedStep (with a right-to-left override) inside the headline', () => {
    render(
      <FailedView
        status={wire({ failedStep: 'smtp\u202e-relay', lastError: 'relay \u202erefused' })}
      />,
    );
    const title = headline();
    expect(title).toHaveTextContent('The cutover stopped: Smtp<U+202E> relay failed.');
    const isolates = title.querySelectorAll('bdi');
    expect(isolates).toHaveLength(1);
    expect(isolates[0]?.textContent).toBe('Smtp<U+202E> relay');
    // The console's words are text of the headline itself, outside the isolate.
    const own = [...title.childNodes]
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent)
      .join('');
    expect(own).toBe('The cutover stopped:  failed.');
    // The pseudo-step's id, spelled out and isolated; the error text isolated.
    const id = screen.getByText('smtp<U+202E>-relay');
    expect(id.tagName).toBe('BDI');
    expect(id.parentElement?.tagName).toBe('CODE');
    expect(id.closest('p')).toHaveTextContent(
      'No step row carries this failure (smtp<U+202E>-relay): the run halted outside its steps.',
    );
    expect(screen.getByText('relay \u202erefused').tagName).toBe('BDI');
    const count = screen.getByText('0 of 11 steps were done before it stopped.');
    expect(count.closest('bdi')).toBeNull();
  });

  it('isolates the humanised label of an unknown failed step row', () => {
    render(
      <FailedView
        status={wire({
          failedStep: 'openbao-seal-rotate',
          lastError: 'sealed',
          steps: [{ name: 'openbao-seal-rotate', result: 'failed' }],
        })}
      />,
    );
    expect(headline()).toHaveTextContent('The cutover stopped at Openbao seal rotate.');
    expect(within(headline()).getByText('Openbao seal rotate').tagName).toBe('BDI');
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a known step',
      { failedStep: 'harbor-prewarm', steps: [{ name: 'harbor-prewarm', result: 'failed' }] },
      'The cutover stopped at Pre-warm critical images.',
    ],
    [
      'the secondary-kubeconfigs pseudo-step',
      { failedStep: 'secondary-kubeconfigs', lastError: 'no kubeconfig' },
      'The cutover stopped: Secondary kubeconfigs failed.',
    ],
  ])('keeps the console’s own label for %s as one sentence, no isolate', (_label, body, text) => {
    render(<FailedView status={wire(body)} />);
    expect(screen.getByText(text)).toBe(headline());
    expect(headline().querySelector('bdi')).toBeNull();
  });
});

describe('CuttingOverView', () => {
  it('isolates the label of an unknown running step in "now:"', () => {
    render(
      <CuttingOverView
        status={wire({ steps: [{ name: 'smtp-relay-pivot', result: 'running' }] })}
      />,
    );
    const now = screen.getByText('now:', { exact: false });
    // Display order: the 11 known steps (none started) come first, the unknown one 12th; capped at N.
    expect(now).toHaveTextContent(/^· now: Smtp relay pivot \(step 11\)$/);
    expect(within(now).getByText('Smtp relay pivot').tagName).toBe('BDI');
    const count = screen.getByText('0 of 11 done');
    expect(count.closest('bdi')).toBeNull();
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'the same step listed twice counts once',
      {
        totalSteps: 11,
        steps: [
          { name: 'gitea-mirror', result: 'success' },
          { name: 'gitea-mirror', result: 'success' },
          { name: 'harbor-projects', result: 'running' },
        ],
      },
      '1 of 11 done',
    ],
    [
      'more steps listed than totalSteps: N is the steps listed',
      {
        totalSteps: 2,
        steps: [
          { name: 'gitea-mirror', result: 'success' },
          { name: 'harbor-projects', result: 'success' },
          { name: 'harbor-prewarm', result: 'success' },
          { name: 'registry-pivot', result: 'running' },
        ],
      },
      '3 of 4 done',
    ],
  ])('"Step k of N" never exceeds N: %s', (_label, body, text) => {
    render(<CuttingOverView status={wire(body)} />);
    expect(screen.getByText(text)).toBeInTheDocument();
    const meter = screen.getByRole('progressbar', { name: 'Cutover progress' });
    expect(Number(meter.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(
      Number(meter.getAttribute('aria-valuemax')),
    );
  });

  it('passes frozenAt to the step list: the running step stops at the last good data', () => {
    vi.useFakeTimers({ now: LAST_GOOD + 120_000 });
    render(
      <CuttingOverView
        status={wire({
          steps: [
            { name: 'harbor-prewarm', result: 'running', startedAt: iso(LAST_GOOD - 22_000) },
          ],
        })}
        frozenAt={LAST_GOOD}
      />,
    );
    const list = screen.getByRole('list', { name: 'Cutover steps' });
    expect(list).toHaveTextContent('running for ≥ 22 s as of 16:44:09');
    expect(list.querySelector('.icon--spin')).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('FailedView and WaitingView accept frozenAt', () => {
  const running = wire({
    lastError: 'boom',
    steps: [{ name: 'harbor-prewarm', result: 'running', startedAt: iso(LAST_GOOD - 22_000) }],
  });

  it.each([
    ['FailedView', () => <FailedView status={running} frozenAt={LAST_GOOD} />],
    ['WaitingView', () => <WaitingView status={running} frozenAt={LAST_GOOD} />],
  ])('%s', (_name, view) => {
    render(view());
    const list = screen.getByRole('list', { name: 'Cutover steps' });
    expect(list).toHaveTextContent('running for ≥ 22 s as of 16:44:09');
    expect(list.querySelector('.icon--spin')).toBeNull();
  });
});

describe('SovereignView', () => {
  it('isolates the mirrored SHA and spells out invisible characters in it', () => {
    render(
      <SovereignView
        status={parseCutoverStatus({
          state: 'sovereign',
          mirroredCommitSHA: '\u202e0123456789abcdef',
          harborProjectCount: 7,
        })}
      />,
    );
    const sha = screen.getByText('<U+202E>0123456789a');
    expect(sha.tagName).toBe('BDI');
    expect(sha.parentElement).toHaveAttribute('title', '<U+202E>0123456789abcdef');
    expect(screen.getByText('7').tagName).toBe('BDI');
    const label = screen.getByText('Mirrored commit');
    expect(label.closest('bdi')).toBeNull();
  });
});

describe('FailedView: where to look and what to check come first', () => {
  const JOB = 'cutover-harbor-prewarm-1777888800';
  const failedAtPrewarm = wire({
    cutoverStartedAt: '2026-05-04T10:00:00Z',
    failedStep: 'harbor-prewarm',
    lastError: 'Job catalyst/cutover-harbor-prewarm-1777888800 reported Failed condition',
    steps: [
      {
        name: 'gitea-mirror',
        result: 'success',
        startedAt: '2026-05-04T10:00:00Z',
        finishedAt: '2026-05-04T10:03:10Z',
        jobName: 'cutover-gitea-mirror-1',
      },
      {
        name: 'harbor-prewarm',
        result: 'failed',
        startedAt: '2026-05-04T10:03:10Z',
        finishedAt: '2026-05-04T10:19:30Z',
        jobName: JOB,
      },
    ],
  });

  it('the Job’s logs and describe commands, before the error, with Copy buttons', () => {
    render(<FailedView status={failedAtPrewarm} namespace="cutover-ns" />);
    const where = screen.getByRole('region', { name: 'Where to look' });
    expect(where).toHaveTextContent(`Its Job: ${JOB}`);
    expect(within(where).getByText(`kubectl -n cutover-ns logs job/${JOB}`)).toBeInTheDocument();
    expect(
      within(where).getByText(`kubectl -n cutover-ns describe job/${JOB}`),
    ).toBeInTheDocument();
    const error = screen.getByRole('region', { name: 'The error' });
    // Document order: where to look, then the error, then the check, then the step list.
    expect(where.compareDocumentPosition(error) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(error).getByRole('button', { name: 'Copy the full error' })).toBeInTheDocument();
    const check = screen.getByRole('region', { name: 'Before you retry, check' });
    expect(check).toHaveTextContent(/Upstream registry credentials and rate limits/);
    expect(error.compareDocumentPosition(check) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('the run clock: started with its zone, ended, how long', () => {
    render(<FailedView status={failedAtPrewarm} />);
    const clock = document.querySelector('.run-clock')!;
    expect(clock).toHaveTextContent(
      /^Started .*\d\d:\d\d:\d\d UTC([+\u2212]\d\d:\d\d)? · ended .*\d\d:\d\d:\d\d after 19 min 30 s$/,
    );
    expect(clock.querySelector('time')).toHaveAttribute('datetime', '2026-05-04T10:00:00.000Z');
  });

  it('copies the whole error, not the truncated one', async () => {
    const long = `${'x'.repeat(300)} END`;
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    render(
      <FailedView
        status={wire({
          failedStep: 'harbor-prewarm',
          lastError: long,
          steps: [{ name: 'harbor-prewarm', result: 'failed' }],
        })}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Copy the full error' }));
    expect(writeText).toHaveBeenCalledWith(long);
    expect(screen.getByText('Copied')).toBeInTheDocument();
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });
  });

  it('a step-less failure: the status ConfigMap, and the named Secret to check', () => {
    render(
      <FailedView
        status={wire({
          failedStep: 'secondary-kubeconfigs',
          lastError: 'Secret catalyst/kubeconfig-fsn1 not found',
        })}
      />,
    );
    const where = screen.getByRole('region', { name: 'Where to look' });
    expect(where).toHaveTextContent('No Job ran this part of the run.');
    expect(
      within(where).getByText(
        'kubectl -n catalyst get configmap self-sovereign-cutover-status -o yaml',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Before you retry, check' })).toHaveTextContent(
      /kubeconfig Secret named in the error/,
    );
  });

  it('the registry-pivot invariant: its DaemonSet and the status ConfigMap', () => {
    render(
      <FailedView
        status={wire({
          failedStep: 'registry-pivot',
          lastError: 'registriesYamlActive is v1, want v2',
          steps: [{ name: 'registry-pivot', result: 'success', jobName: 'cutover-registry-pivot' }],
        })}
      />,
    );
    const where = screen.getByRole('region', { name: 'Where to look' });
    expect(where).toHaveTextContent(
      'The DaemonSet of Pivot containerd registries: cutover-registry-pivot',
    );
    expect(
      within(where).getByText('kubectl -n catalyst logs daemonset/cutover-registry-pivot'),
    ).toBeInTheDocument();
    expect(
      within(where).getByText(/get configmap self-sovereign-cutover-status/),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Before you retry, check' })).toHaveTextContent(
      /never reached v2/,
    );
  });
});

describe('WaitingView: why it has not started', () => {
  it('names the chart values, gives the upgrade line to copy, and offers no start button', () => {
    render(<WaitingView status={wire({ steps: [] })} namespace="cutover-ns" />);
    const why = screen.getByRole('region', { name: 'Why it has not started' });
    expect(why).toHaveTextContent('trigger.auto');
    expect(why).toHaveTextContent('trigger.fireCutoverOnHandover');
    expect(why).toHaveTextContent('off by default');
    expect(
      within(why).getByText(
        'helm -n cutover-ns upgrade bp-self-sovereign-cutover <chart> --reuse-values --set trigger.auto=true --set trigger.fireCutoverOnHandover=true',
      ),
    ).toBeInTheDocument();
    expect(
      within(why).getByRole('button', { name: 'Copy the helm upgrade command' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /start|achieve/i })).not.toBeInTheDocument();
  });
});

describe('settled roll overrides', () => {
  const overrides = {
    settledRollOverrides: 'delta-corp/bp-keycloak=realm import running\nacme/bp-grafana=pinned\n',
    settledRollOverridesAt: '2026-05-04T10:20:00Z',
  };

  it.each<
    [string, (status: ReturnType<typeof wire>) => React.JSX.Element, Record<string, unknown>]
  >([
    [
      'while the run goes on',
      (s) => <CuttingOverView status={s} />,
      { steps: [{ name: 'gitea-mirror', result: 'running' }] },
    ],
    ['after success', (s) => <SovereignView status={s} />, { state: 'sovereign', steps: [] }],
  ])('are listed %s, with the time they were recorded', (_when, view, body) => {
    render(view(wire({ ...body, ...overrides })));
    const notice = screen.getByRole('region', { name: '2 HelmReleases left out of the roll' });
    const items = within(notice).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'delta-corp/bp-keycloak: realm import running',
      'acme/bp-grafana: pinned',
    ]);
    expect(within(items[0]!).getByText('delta-corp/bp-keycloak').tagName).toBe('BDI');
    expect(notice.querySelector('time')).toHaveAttribute('datetime', '2026-05-04T10:20:00.000Z');
  });

  it('shows nothing when the run left nothing out', () => {
    render(<SovereignView status={wire({ state: 'sovereign', steps: [] })} />);
    expect(screen.queryByRole('region', { name: /left out of the roll/ })).not.toBeInTheDocument();
  });
});
