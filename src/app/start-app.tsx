import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { cutoverStatusQueryKey } from '@/features/sovereignty/api/get-cutover-status';
import { createApiClient } from '@/lib/api-client';
import { App } from './App';
import type { Boot } from './boot-shell';
import { showPlainFailureView } from './plain-failure-view';
import { createQueryClient } from './query-client';
import { loadDashboard } from './routes/load-dashboard';

/** How long the first render waits for the dashboard chunk before showing the shell without it. */
const CHUNK_WAIT_MS = 2_000;

/**
 * The React console, loaded by the boot module (src/main.tsx) once the shell's badge is settled.
 * It takes over what the boot module started: config.json's answer and the `/status` request
 * (the card's connection takes it as its first request), and, when the shell shows a badge, that
 * same answer as the card's first data, so React's first render shows the same badge: no flicker,
 * no skeleton in between (docs/performance.md, "Badge first").
 */
export async function startApp(
  boot: Boot,
  root: HTMLElement,
  besideIndex: (file: string) => string,
) {
  // The dashboard chunk (the boot module has asked for it already) and config.json, in parallel.
  // The first render waits for the chunk, so it shows the dashboard at once instead of a Suspense
  // fallback; a chunk that fails is the route's error boundary's to show.
  const chunk = loadDashboard().then(
    () => undefined,
    () => undefined,
  );
  const { config, warning } = await boot.config;
  // Sent to the default API base; config.json may name another one.
  let initialStatus = boot.status;
  if (initialStatus && initialStatus.apiBase !== config.apiBase) {
    initialStatus.cancel();
    initialStatus = undefined;
  }
  let demoBar: ReactNode;
  // Statically false in production builds, so the mock engine and msw are not even bundled there.
  if (import.meta.env.VITE_DEMO === 'true') {
    const { startDemo } = await import('@/app/demo/start-demo');
    ({ demoBar } = await startDemo(besideIndex('mockServiceWorker.js')));
  }
  // The answer the shell's badge shows (only ever the boot request's, to this API base) is the
  // card's first data: its first render says the same word. The connection still takes the
  // request, so the answer goes through it like any other and nothing is asked twice.
  const shown = initialStatus ? boot.shownBadge() : undefined;
  // With a badge on screen, React takes over only once the dashboard is in: a slow chunk keeps
  // the shell and its badge instead of replacing them with a page that has neither. Without
  // one, the first render waits for the chunk so long at most.
  await (shown
    ? chunk
    : Promise.race([chunk, new Promise((resolve) => setTimeout(resolve, CHUNK_WAIT_MS))]));
  const queryClient = createQueryClient();
  if (shown) {
    queryClient.setQueryData(cutoverStatusQueryKey, shown.status, { updatedAt: shown.at });
  }
  createRoot(root, {
    // An error that escaped every boundary: React has emptied the page; put words back in it.
    onUncaughtError(error) {
      console.error(error);
      setTimeout(() => {
        showPlainFailureView(root, error, 'page');
      });
    },
  }).render(
    <StrictMode>
      <App
        config={config}
        configWarning={warning}
        client={createApiClient({ baseUrl: config.apiBase })}
        queryClient={queryClient}
        initialStatus={initialStatus}
        demoBar={demoBar}
      />
    </StrictMode>,
  );
}
