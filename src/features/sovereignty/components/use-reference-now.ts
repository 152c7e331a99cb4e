import { useState } from 'react';

/** "Today" for dates: the last good data when stale, else when the view appeared (no ticking). */
export function useReferenceNow(frozenAt: number | undefined): number {
  const [mountedAt] = useState(() => Date.now());
  return frozenAt ?? mountedAt;
}
