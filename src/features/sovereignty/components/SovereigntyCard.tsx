import { useState } from 'react';
import { Card } from '@/components/Card';
import { SkeletonBadge, Skeleton } from '@/components/Skeleton';
import { LiveRegion } from '@/components/VisuallyHidden';
import { useCutoverStatus } from '../api/get-cutover-status';
import { announcement, cardState, type CardState } from '../card-state';
import { CuttingOverView, FailedView, SovereignView, WaitingView } from './CutoverViews';
import { ProblemNotice } from './ProblemNotice';
import { SovereigntyBadge } from './SovereigntyBadge';
import './SovereigntyCard.css';

const SUBTITLES = {
  tethered: 'Tethered: still pulls images and GitOps sources from the mothership.',
  sovereign: 'Sovereign: runs on its own registry and Git, cut over from the mothership.',
};

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

export function SovereigntyCard() {
  const query = useCutoverStatus();
  const state = cardState({
    data: query.data,
    error: query.error,
    dataUpdatedAt: query.dataUpdatedAt,
    errorUpdatedAt: query.errorUpdatedAt,
  });
  const message = useAnnouncement(state);
  const retryNow = () => {
    void query.refetch({ cancelRefetch: true });
  };

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
        retrying={query.isFetching}
      />
    );
  } else {
    const stale = state.problem !== undefined;
    badge = <SovereigntyBadge state={state.status.state} stale={stale} />;
    subtitle = state.display === 'sovereign' ? SUBTITLES.sovereign : SUBTITLES.tethered;
    const view =
      state.display === 'waiting' ? (
        <WaitingView status={state.status} />
      ) : state.display === 'cutting-over' ? (
        <CuttingOverView status={state.status} />
      ) : state.display === 'failed' ? (
        <FailedView status={state.status} />
      ) : (
        <SovereignView status={state.status} />
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
            retrying={query.isFetching}
          />
        ) : null}
        <div
          className={stale ? 'card-view card-view--stale' : 'card-view'}
          data-stale={stale || undefined}
        >
          {view}
        </div>
      </>
    );
  }

  return (
    <div className="sovereignty" data-display={display}>
      <Card title="Sovereignty" aside={badge} subtitle={subtitle} busy={display === 'loading'}>
        {body}
      </Card>
      <LiveRegion message={message} />
    </div>
  );
}
