import { useState } from 'react';
import { cutoverPhase } from '../progress';
import { useCutoverStatus } from './get-cutover-status';
import { useCutoverEvents } from './use-cutover-events';

/**
 * The status as the card needs it: polled, and followed live over SSE while there is something
 * to follow. Both write the same cache entry; polling relaxes to a safety net while the stream
 * is live and tightens again when it drops.
 */
export function useLiveCutoverStatus() {
  const [streamHealthy, setStreamHealthy] = useState(false);
  const query = useCutoverStatus({ streamHealthy });
  const problem = query.error?.kind;
  const enabled =
    query.data !== undefined &&
    cutoverPhase(query.data) !== 'sovereign' &&
    problem !== 'signed-out' &&
    problem !== 'forbidden' &&
    problem !== 'not-installed';
  const stream = useCutoverEvents({ enabled });
  const healthy = stream.health === 'live';
  if (healthy !== streamHealthy) setStreamHealthy(healthy);
  return { query, stream };
}
