import type { Meta, StoryObj } from '@storybook/react-vite';
import { delay, http, HttpResponse } from 'msw';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { checkCard, expectCard } from '@/testing/story-expect';
import { FORBIDDEN, NETWORK_ERROR, scenarioAnswer, simulated, until } from '@/testing/story-mocks';
import { SovereigntyCard } from './SovereigntyCard';

/**
 * One story per display state (docs/console-rules.md "Display states"). Each names a scenario of
 * the simulated catalyst-api (mocks/simulator.ts); the card fetches its status through the shared
 * MSW handlers exactly as it does in the demo and against a real catalyst-api. Nothing is passed
 * in as props.
 */
const meta = {
  title: 'Sovereignty/SovereigntyCard',
  component: SovereigntyCard,
  tags: ['autodocs'],
  parameters: {
    // Each story in its own iframe on the docs page: one simulator and one worker client each.
    docs: { story: { inline: false, iframeHeight: 560 } },
  },
} satisfies Meta<typeof SovereigntyCard>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Frozen steps: a step that takes ten minutes, so the card holds still while it is reviewed. */
const FROZEN = { stepMs: 600_000 } as const;
const NARROW = { viewport: { value: 'narrow', isRotated: false } } as const;

/** The first answer has not come yet: the skeleton, the only time the card shows one. */
export const Loading: Story = {
  parameters: simulated('slow', { latencyMs: 600_000 }),
  play: async ({ canvasElement }) => {
    await checkCard(canvasElement, { display: 'loading', badge: null });
    const card = within(canvasElement).getByRole('region', { name: 'Sovereignty' });
    await expect(card).toHaveAttribute('aria-busy', 'true');
    await expect(
      within(card).getByRole('status', { name: 'Loading the cutover status' }),
    ).toBeVisible();
  },
};

export const Waiting: Story = {
  parameters: simulated('waiting'),
  play: expectCard({
    display: 'waiting',
    badge: 'Tethered',
    texts: [/^The cutover has not started yet\. It starts by itself/],
  }),
};

/** The chart's auto-trigger has just fired: the first step runs, none is done. */
export const CuttingOverEarly: Story = {
  parameters: simulated('fresh-install', {
    ...FROZEN,
    autoTriggerDelayMs: 0,
    arrange: (simulator) =>
      until(() => simulator.engine.data.currentStep !== '', { what: 'the first step to start' }),
  }),
  play: expectCard({
    display: 'cutting-over',
    badge: 'Tethered',
    texts: ['0 of 11 done', 'Mirror GitOps repository'],
  }),
};

const tenStepsDone = simulated('mid-run', {
  ...FROZEN,
  arrange: (simulator) => {
    simulator.engine.seedHistory({ done: 10, then: 'running' });
  },
});
const expectTenStepsDone = expectCard({
  display: 'cutting-over',
  badge: 'Tethered',
  texts: ['10 of 11 done', 'Egress-block self-test', /running for \d/],
});

/** Ten steps done; the egress-block self-test, which newer charts run last, is running. */
export const CuttingOverLate: Story = {
  parameters: tenStepsDone,
  play: expectTenStepsDone,
};

export const CuttingOverNarrow: Story = {
  parameters: tenStepsDone,
  globals: NARROW,
  play: expectTenStepsDone,
};

const expectPrewarmFailed = expectCard({
  display: 'failed',
  badge: 'Tethered',
  texts: [
    'The cutover stopped at Pre-warm critical images.',
    '2 of 11 steps were done before it stopped.',
  ],
});

/** Pre-warm failed after two steps; the error is truncated, its full text one click away. */
export const Failed: Story = {
  parameters: simulated('failed'),
  play: expectPrewarmFailed,
};

export const FailedNarrow: Story = {
  parameters: simulated('failed'),
  globals: NARROW,
  play: expectPrewarmFailed,
};

/**
 * Retry cutover, the console's only cutover action, asks first: a modal dialog that names the
 * steps still to run. (Confirming is left to the reviewer.)
 */
export const FailedRetryConfirm: Story = {
  parameters: simulated('failed'),
  play: async (context) => {
    await expectPrewarmFailed(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Retry cutover' }));
    const dialog = await canvas.findByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await expect(within(dialog).getByRole('button', { name: 'Retry cutover' })).toBeEnabled();
  },
};

/** `failedStep: secondary-kubeconfigs`: a failure that no step row carries is still shown. */
export const FailedWithoutStepRow: Story = {
  parameters: simulated('failed-no-step'),
  play: expectCard({
    display: 'failed',
    badge: 'Tethered',
    texts: [
      'The cutover stopped: Secondary kubeconfigs failed.',
      /Secret catalyst\/kubeconfig-fsn1 not found/,
    ],
  }),
};

/**
 * `retried-run`: Retry cutover was pressed after pre-warm failed; the failed step runs again (the
 * event buffer still replays the first attempt's failure, which must not win).
 */
export const CuttingOverRetry: Story = {
  parameters: simulated('retried-run', {
    ...FROZEN,
    arrange: (simulator) =>
      until(() => simulator.engine.data.currentStep !== '', { what: 'the retry to start' }),
  }),
  play: expectCard({
    display: 'cutting-over',
    badge: 'Tethered',
    texts: ['2 of 11 done', 'Pre-warm critical images'],
  }),
};

export const Sovereign: Story = {
  parameters: simulated('sovereign'),
  play: expectCard({
    display: 'sovereign',
    badge: 'Sovereign',
    texts: ['Passed', 'Show the 11 cutover steps'],
  }),
};

/** Good data first, then the catalyst-api stops answering: the last status stays, marked stale. */
export const UnavailableWithStaleData: Story = {
  parameters: simulated('mid-run', { ...FROZEN, thenAnswer: NETWORK_ERROR }),
  play: expectCard({
    display: 'cutting-over',
    badge: 'Tethered',
    stale: true,
    texts: [
      'The cutover status is unavailable',
      'Could not reach the catalyst-api.',
      /^Showing the last known status, as of/,
      /^Next automatic try/,
    ],
  }),
};

/**
 * Good data, then a failed answer, then a next try that hangs: the notice stays as it was, with a
 * small "Checking now…" line, and never gives way to the skeleton (no blinking between polls).
 */
export const UnavailableChecking: Story = {
  parameters: simulated('mid-run', FROZEN),
  beforeEach({ msw }) {
    let statusCalls = 0;
    msw.use(
      http.get('*/api/v1/sovereign/cutover/events', () => HttpResponse.error()),
      http.get('*/api/v1/sovereign/cutover/status', async () => {
        statusCalls += 1;
        if (statusCalls === 1) return undefined; // the simulator's good answer
        if (statusCalls === 2) return HttpResponse.error();
        await delay('infinite');
        return HttpResponse.error();
      }),
    );
  },
  play: expectCard({
    display: 'cutting-over',
    badge: 'Tethered',
    stale: true,
    timeoutMs: 15_000,
    texts: ['Could not reach the catalyst-api.', 'Checking now…', /running for ≥/],
  }),
};

export const UnavailableWithoutData: Story = {
  parameters: simulated('server-error'),
  play: expectCard({
    display: 'problem',
    badge: 'Unknown',
    texts: ['The cutover status is unavailable', /HTTP 500 status-read-failed/],
  }),
};

/** A proxy's HTML error page is described, never rendered. */
export const UnavailableProxyPage: Story = {
  parameters: simulated('html-502'),
  play: expectCard({
    display: 'problem',
    badge: 'Unknown',
    texts: ['The cutover status is unavailable', /answered HTTP 502 with a web page/],
  }),
};

export const NotInstalled: Story = {
  parameters: simulated('not-installed'),
  play: expectCard({
    display: 'problem',
    badge: 'Unknown',
    texts: ['This catalyst-api does not serve the cutover API yet'],
  }),
};

/** The session expires while the operator watches a run: the last good badge stays, stale. */
export const SignedOut: Story = {
  parameters: simulated('mid-run', { ...FROZEN, thenAnswer: scenarioAnswer('unauthorized') }),
  play: expectCard({
    display: 'cutting-over',
    badge: 'Tethered',
    stale: true,
    texts: ['Your session has expired', 'Sign in again'],
  }),
};

/** Opened with no valid session at all: nothing to show but the way back in. */
export const SignedOutOnArrival: Story = {
  parameters: simulated('unauthorized'),
  play: expectCard({
    display: 'problem',
    badge: 'Unknown',
    texts: ['Your session has expired', 'Sign in again'],
  }),
};

/**
 * Sovereign, then the operator comes back to the tab (the status is re-checked on focus) and the
 * account may no longer read it.
 */
export const Forbidden: Story = {
  parameters: simulated('sovereign', { thenAnswer: FORBIDDEN }),
  play: async ({ canvasElement }) => {
    await checkCard(canvasElement, { display: 'sovereign', badge: 'Sovereign' });
    window.dispatchEvent(new Event('focus')); // the operator comes back to the window
    await checkCard(canvasElement, {
      display: 'sovereign',
      badge: 'Sovereign',
      stale: true,
      texts: ['Your account may not read the cutover status'],
    });
  },
};

/** `state: "pending"`: not a cutover state. Never Sovereign; the value is quoted, as text. */
export const InvalidState: Story = {
  parameters: simulated('hostile-state'),
  play: expectCard({
    display: 'problem',
    badge: 'Unknown',
    texts: ['The catalyst-api sent an unrecognised state', '"pending"'],
  }),
};

/** An older catalyst-api that omits `state`: derived from `cutoverComplete`, never an error. */
export const LegacyWithoutState: Story = {
  parameters: simulated('legacy-no-state', { autoTrigger: false }),
  play: expectCard({
    display: 'waiting',
    badge: 'Tethered',
    texts: [/^The cutover has not started yet/],
  }),
};

/**
 * `fresh-install`: tethered; the chart's auto-trigger starts the cutover after a second and the
 * card follows it, live over the event stream, to Sovereign with no click (steps take 0.8 s
 * here, so the whole run takes about ten seconds). Without the stream the card would notice the
 * start only at its next 15 s poll, after this short run has ended.
 */
export const FreshInstallToSovereign: Story = {
  tags: ['slow'],
  parameters: simulated('fresh-install', { stepMs: 800, autoTriggerDelayMs: 1_000 }),
  play: async ({ canvasElement }) => {
    await checkCard(canvasElement, { display: 'waiting', badge: 'Tethered' });
    await checkCard(canvasElement, {
      display: 'cutting-over',
      badge: 'Tethered',
      texts: [/^\d+ of 11 done$/],
      timeoutMs: 10_000,
    });
    await checkCard(canvasElement, {
      display: 'sovereign',
      badge: 'Sovereign',
      texts: ['Passed'],
      timeoutMs: 20_000,
    });
  },
};

// -- Following the run (issue 11): the clock against each step's deadline, where the logs are, what
// to check before a retry, the HelmReleases a run left out. The `waiting` scenario keeps its engine
// idle, so a seeded running step stays exactly where the story put it.

const runningFor = (done: number, forMs: number) =>
  simulated('waiting', {
    arrange: (simulator) => {
      simulator.engine.seedHistory({ done, then: 'running', thenForMs: forMs });
    },
  });

/** Pre-warm has run 24 of its 30 minutes: a calm warning that says why this can be normal. */
export const CuttingOverNearDeadline: Story = {
  parameters: runningFor(2, 24 * 60_000),
  play: expectCard({
    display: 'cutting-over',
    badge: 'Tethered',
    texts: [
      '2 of 11 done',
      // The sentence's own words (the step's name is in its <strong>): "· now: … (step 3)".
      /^· now: \(step 3\)$/,
      /running 24 min( \d+ s)? of at most 30 min: Pre-warm can take this long on a large Sovereign/,
      /^kubectl -n catalyst logs job\/cutover-harbor-prewarm-\d+$/,
    ],
  }),
};

export const CuttingOverNearDeadlineNarrow: Story = {
  parameters: runningFor(2, 24 * 60_000),
  globals: NARROW,
  play: expectCard({
    display: 'cutting-over',
    badge: 'Tethered',
    texts: [/running 24 min( \d+ s)? of at most 30 min/],
  }),
};

/** The token mint has run past its 10-minute default deadline: said plainly, in danger colours. */
export const CuttingOverPastDeadline: Story = {
  parameters: runningFor(7, 11 * 60_000),
  play: expectCard({
    display: 'cutting-over',
    badge: 'Tethered',
    texts: [
      '7 of 11 done',
      /^· now: \(step 8\)$/,
      /past its default deadline of 10 min: the step can be failed at any moment/,
    ],
  }),
};

/** The egress-block self-test, run last: its 10-minute hold counts down. */
export const CuttingOverEgressHold: Story = {
  parameters: runningFor(10, 3 * 60_000 + 48_000),
  play: expectCard({
    display: 'cutting-over',
    badge: 'Tethered',
    texts: ['10 of 11 done', /^egress blocked: 6 min \d+ s left of 10 min$/],
  }),
};

/** Failed: the Job's commands first, then the error with Copy, then what to check. */
export const FailedWhereToLook: Story = {
  parameters: simulated('failed'),
  play: async (context) => {
    await checkCard(context.canvasElement, {
      display: 'failed',
      badge: 'Tethered',
      texts: [
        'Where to look',
        /^kubectl -n catalyst describe job\/cutover-harbor-prewarm-\d+$/,
        'Before you retry, check',
        /^Upstream registry credentials and rate limits/,
      ],
    });
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Copy the full error' }));
    // Copied, or, where the browser keeps the clipboard closed, the error selected instead.
    await expect(
      await canvas.findByText(/^Copied$|^Selected: press Ctrl\+C/, {}, { timeout: 2_000 }),
    ).toBeVisible();
  },
};

/** Halted before step 1: no Job to read; the status ConfigMap and the named Secret instead. */
export const FailedWithoutStepRowWhereToLook: Story = {
  parameters: simulated('failed-no-step'),
  globals: NARROW,
  play: expectCard({
    display: 'failed',
    badge: 'Tethered',
    texts: [
      'No Job ran this part of the run. The engine’s record of the run:',
      'kubectl -n catalyst get configmap self-sovereign-cutover-status -o yaml',
      /^The kubeconfig Secret named in the error/,
    ],
  }),
};

/** Why it has not started: the chart values and the upgrade line to copy; still no start button. */
export const WaitingNarrow: Story = {
  parameters: simulated('waiting'),
  globals: NARROW,
  play: expectCard({
    display: 'waiting',
    badge: 'Tethered',
    texts: ['Why it has not started', /--set trigger\.fireCutoverOnHandover=true$/],
  }),
};

/** Sovereign, and the HelmReleases the run left out of its roll, kept on screen. */
export const SettledOverrides: Story = {
  parameters: simulated('settled-overrides'),
  play: expectCard({
    display: 'sovereign',
    badge: 'Sovereign',
    texts: ['2 HelmReleases left out of the roll', 'delta-corp/bp-keycloak', 'acme-sre/bp-grafana'],
  }),
};

export const SettledOverridesNarrow: Story = {
  parameters: simulated('settled-overrides'),
  globals: NARROW,
  play: expectCard({
    display: 'sovereign',
    badge: 'Sovereign',
    texts: ['2 HelmReleases left out of the roll'],
  }),
};

// ---- After the run (docs/after-the-run.md) ---------------------------------------------------

/**
 * `retried-run`: the attempts this browser saw, opened. Attempt 1's failure comes from the
 * stream's replay (the API itself keeps no history).
 */
export const RetriedWithAttempts: Story = {
  parameters: simulated('retried-run', FROZEN),
  play: async ({ canvasElement }) => {
    await checkCard(canvasElement, { display: 'cutting-over', badge: 'Tethered' });
    const canvas = within(canvasElement);
    const attempts = await canvas.findByRole('region', { name: 'Attempts seen in this browser' });
    const summary = await within(attempts).findByText(/Attempts seen in this browser: 2/);
    await userEvent.click(summary);
    // Attempt 1's end is learnt from the stream's replay of its events, which can still be
    // arriving when attempt 2 is already counted: until then the row says, truthfully, "Outcome
    // not seen" and where it was last seen.
    const first = () => within(attempts).getAllByRole('listitem')[0];
    await waitFor(() => expect(first()).toHaveTextContent(/Attempt 1.*Failed/));
    await expect(first()).toHaveTextContent(/Failed at\s*Pre-warm critical images/);
    await expect(first()).toHaveTextContent(/BackoffLimitExceeded/);
  },
};

/** `api-restart`: the catalyst-api restarts during pre-warm; the new run is announced. */
export const NewRunAfterRestart: Story = {
  parameters: simulated('api-restart', { stepMs: 4_000 }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const notice = await canvas.findByText(/A new cutover run started at/, {}, { timeout: 15_000 });
    await expect(notice).toHaveTextContent(/the previous one stopped at Pre-warm critical images/);
    await expect(canvas.getByRole('button', { name: 'Dismiss' })).toBeVisible();
  },
};

/** Sovereign: Download proof and Print record under the summary. */
export const SovereignWithProof: Story = {
  parameters: simulated('sovereign'),
  play: async ({ canvasElement }) => {
    await checkCard(canvasElement, { display: 'sovereign', badge: 'Sovereign' });
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Download proof' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Print record' })).toBeVisible();
  },
};

/**
 * `retried-run` at speed, to Sovereign: "Took" is the run's own time, and the total since the
 * first attempt is shown beside the attempts.
 */
export const SovereignAfterRetry: Story = {
  parameters: simulated('retried-run', { stepMs: 300 }),
  play: async ({ canvasElement }) => {
    await checkCard(canvasElement, { display: 'sovereign', badge: 'Sovereign', timeoutMs: 20_000 });
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText(/Total since the first attempt/, {}, { timeout: 10_000 }),
    ).toBeVisible();
    await expect(canvas.getByText(/Attempts seen in this browser: 2/)).toBeVisible();
  },
};

/** While a run is followed: the opt-in for a notification when it finishes or fails. */
export const NotifyMeOffer: Story = {
  parameters: simulated('mid-run', FROZEN),
  play: async ({ canvasElement }) => {
    await checkCard(canvasElement, { display: 'cutting-over', badge: 'Tethered' });
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText(/when this run finishes or fails/, {}, { timeout: 8_000 }),
    ).toBeVisible();
  },
};
