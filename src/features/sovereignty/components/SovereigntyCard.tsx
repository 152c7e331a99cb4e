import { useRef, useState, useSyncExternalStore } from 'react';
import { Card } from '@/components/Card';
import { SkeletonBadge, Skeleton } from '@/components/Skeleton';
import { LiveRegion } from '@/components/VisuallyHidden';
import type { ConnectionSnapshot } from '../api/connection';
import { CutoverConnectionContext, useLiveCutoverStatus } from '../api/use-live-cutover';
import { Alert } from '@/components/Alert';
import { useConsoleConfig } from '@/lib/console-context';
import { useFocusKeeper } from '@/lib/use-focus-keeper';
import { DEFAULT_CUTOVER_NAMESPACE } from '../guidance';
import { ExpandableText } from '@/components/ExpandableText';
import { announcement, cardState, isStale, type CardState } from './card-state';
import { SUBTITLES } from '../subtitles';
import { AttemptHistory } from './AttemptHistory';
import { CuttingOverView } from './CuttingOverView';
import { FailedView } from './FailedView';
import { SovereignView } from './SovereignView';
import { WaitingView } from './WaitingView';
import { NewRunNotice } from './NewRunNotice';
import { NotifyMe } from './NotifyMe';
import { ProofDownload } from './ProofDownload';
import { useRunNotifications } from './use-run-notifications';
import { useTabStatus } from './use-tab-status';
import { ProblemNotice } from './ProblemNotice';
import { RetryCutover } from './RetryCutover';
import { StreamStatus } from './StreamStatus';
import { SovereigntyBadge } from './SovereigntyBadge';
import './SovereigntyCard.css';

/** Keeps the message of the first render of each display state, so progress ticks stay quiet. */
function useAnnouncement(state: CardState): string {
  const [announced, setAnnounced] = useState(() => ({
    display: state.display,
    message: announcement(state),
  }));
  if (announced.display !== state.display) {
    const next = { display: state.display, message: announcement(state) };
    setAnnounced(next);
    return next.message;
  }
  return announced.message;
}

/** What the footer says when neither the stream nor the poller is following anything. */
function idleReason(state: CardState): string | undefined {
  if (state.display === 'loading' || state.display === 'problem') return undefined;
  switch (state.problem?.kind) {
    case 'signed-out':
    case 'forbidden':
      return 'Paused until you can sign in';
    case 'unavailable':
    case 'invalid':
      return 'Not live: waiting for the catalyst-api to answer';
    default:
      return state.display === 'sovereign'
        ? 'Complete: re-checked when you return to this tab'
        : undefined;
  }
}

/** The footer's words when the stream's own state would mislead. */
function footerNote(state: CardState, snapshot: ConnectionSnapshot): string | undefined {
  const idle = idleReason(state);
  if (idle !== undefined && snapshot.stream === 'off') return idle;
  if (snapshot.streamBroken && snapshot.stream !== 'live') {
    return 'Not live: the event stream keeps failing; checking about once a minute';
  }
  return undefined;
}

export function SovereigntyCard() {
  const { connection, snapshot, tracker } = useLiveCutoverStatus();
  const namespace = useConsoleConfig().cutoverNamespace ?? DEFAULT_CUTOVER_NAMESPACE;
  const state = cardState(snapshot);
  const message = useAnnouncement(state);
  // After the run (docs/after-the-run.md): attempts, the tab's title and icon, notifications.
  const attempts = useSyncExternalStore(tracker.subscribe, tracker.getSnapshot);
  useTabStatus(state);
  const notifications = useRunNotifications(state);
  const containerRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // A Retry button or a notice that goes with its view must not take the keyboard focus with it.
  useFocusKeeper(`${state.display}:${snapshot.problem?.kind ?? ''}`, containerRef, headingRef);
  // Joins a request already in flight rather than sending a second one.
  const retryNow = () => {
    void connection.retryNow();
  };
  const showsStaleData = isStale(state);
  const checking = state.display !== 'loading' && state.checking;

  let badge: React.ReactNode;
  let subtitle: string | undefined;
  let body: React.ReactNode;
  const display = state.display;
  if (state.display === 'loading') {
    badge = <SkeletonBadge />;
    body = <Skeleton label="Loading the cutover status" />;
  } else if (state.display === 'problem') {
    badge = <SovereigntyBadge state={undefined} />;
    body = (
      <ProblemNotice
        problem={state.problem}
        nextTryAt={state.nextTryAt}
        hasStaleData={false}
        onRetryNow={retryNow}
        checking={checking}
      />
    );
  } else {
    badge = <SovereigntyBadge state={state.status.state} stale={showsStaleData} />;
    subtitle = state.display === 'sovereign' ? SUBTITLES.sovereign : SUBTITLES.tethered;
    // On stale data elapsed times stop at the last news: "running for ≥ 22 s as of 16:44:09".
    const frozenAt = showsStaleData ? state.asOf : undefined;
    const view =
      state.display === 'waiting' ? (
        <WaitingView status={state.status} frozenAt={frozenAt} namespace={namespace} />
      ) : state.display === 'cutting-over' ? (
        <CuttingOverView status={state.status} frozenAt={frozenAt} namespace={namespace} />
      ) : state.display === 'failed' ? (
        <FailedView
          status={state.status}
          frozenAt={frozenAt}
          namespace={namespace}
          actions={<RetryCutover status={state.status} />}
        />
      ) : (
        <SovereignView status={state.status} frozenAt={frozenAt} namespace={namespace} />
      );
    body = (
      <>
        {state.problem ? (
          <ProblemNotice
            problem={state.problem}
            nextTryAt={state.nextTryAt}
            hasStaleData
            asOf={state.asOf}
            onRetryNow={retryNow}
            checking={checking}
          />
        ) : null}
        {snapshot.warning && state.display !== 'failed' ? (
          <Alert
            tone={snapshot.warning.decided ? 'info' : 'warning'}
            title="The catalyst-api reported an error outside the steps"
            live="status"
          >
            <ExpandableText
              text={snapshot.warning.message}
              limit={200}
              moreLabel="Show full message"
            />
            <p>
              {snapshot.warning.decided
                ? 'The run carried on: this alone did not fail it.'
                : 'Checking whether the run failed…'}
            </p>
          </Alert>
        ) : null}
        <div
          className={
            showsStaleData ? 'sovereignty__view sovereignty__view--stale' : 'sovereignty__view'
          }
          data-stale={showsStaleData || undefined}
        >
          {view}
        </div>
        <AttemptHistory history={attempts.history} status={state.status} />
        {state.display === 'sovereign' ? (
          <ProofDownload status={state.status} attempts={attempts.history.attempts} />
        ) : (
          <NotifyMe
            state={notifications.state}
            onEnable={notifications.enable}
            onDisable={notifications.disable}
          />
        )}
      </>
    );
  }

  return (
    <CutoverConnectionContext value={connection}>
      <div className="sovereignty" data-display={display} ref={containerRef}>
        <Card
          headingRef={headingRef}
          title="Sovereignty"
          aside={badge}
          subtitle={subtitle}
          busy={display === 'loading'}
          footer={
            display === 'loading' || display === 'problem' ? undefined : (
              <StreamStatus
                health={snapshot.stream}
                // When stale, the notice above says "as of …" already.
                updatedAt={showsStaleData ? undefined : snapshot.dataUpdatedAt || undefined}
                note={footerNote(state, snapshot)}
              />
            )
          }
        >
          <NewRunNotice
            notice={display === 'loading' || display === 'problem' ? undefined : attempts.notice}
            onDismiss={() => {
              tracker.dismissNotice();
              // The Dismiss button goes away with the notice: the keyboard lands on the card.
              headingRef.current?.focus();
            }}
          />
          {body}
        </Card>
        <LiveRegion message={message} />
      </div>
    </CutoverConnectionContext>
  );
}
