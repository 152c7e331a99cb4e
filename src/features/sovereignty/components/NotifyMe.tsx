import { Button } from '@/components/Button';
import type { NotifyState } from './use-run-notifications';
import './NotifyMe.css';

/**
 * The opt-in for a browser notification when the run finishes or fails (docs/after-the-run.md).
 * The browser's permission is asked only when the operator presses "Notify me".
 */
export function NotifyMe({
  state,
  onEnable,
  onDisable,
}: {
  state: NotifyState;
  onEnable: () => void;
  onDisable: () => void;
}) {
  switch (state) {
    case 'unsupported':
      return null;
    case 'blocked':
      return (
        <p className="notify notify--blocked">
          Browser notifications are blocked for this site; the tab title still follows the run.
        </p>
      );
    case 'on':
      return (
        <div className="notify">
          <p>
            You will get a browser notification when this run finishes or fails, while this window
            is in the background.
          </p>
          <Button variant="secondary" onClick={onDisable}>
            Stop notifications
          </Button>
        </div>
      );
    case 'off':
    case 'asking':
      return (
        <div className="notify">
          <Button variant="secondary" onClick={onEnable} disabled={state === 'asking'}>
            Notify me
          </Button>
          <p className="notify__note">
            A browser notification when this run finishes or fails, while this window is in the
            background. Never for each step.
          </p>
        </div>
      );
  }
}
