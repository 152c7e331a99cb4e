import { Badge } from '@/components/Badge';
import { CrownIcon, QuestionIcon, ShieldOffIcon } from '@/components/icons';
import { SOVEREIGN, type CutoverState } from '../cutover';

interface SovereigntyBadgeProps {
  /** Undefined when no valid answer has said either (shown as Unknown). */
  state: CutoverState | undefined;
  stale?: boolean;
}

/** Sovereign only when a valid response said so; Tethered; or Unknown. Words, not colour alone. */
export function SovereigntyBadge({ state, stale = false }: SovereigntyBadgeProps) {
  if (state === undefined) {
    return (
      <Badge tone="neutral" icon={<QuestionIcon />}>
        Unknown
      </Badge>
    );
  }
  return state === SOVEREIGN ? (
    <Badge tone="success" icon={<CrownIcon />} stale={stale}>
      Sovereign
    </Badge>
  ) : (
    <Badge tone="warning" icon={<ShieldOffIcon />} stale={stale}>
      Tethered
    </Badge>
  );
}
