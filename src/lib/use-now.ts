import { useEffect, useState } from 'react';

/**
 * The current time, re-rendering every `intervalMs`. Render code reads time from here instead of
 * calling Date.now(), so renders stay pure (react-hooks/purity) and durations keep ticking.
 */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}
