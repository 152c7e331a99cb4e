import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/App';
import { startBootStatusFetch } from '@/app/boot-status';
import { watchPreloadErrors } from '@/app/chunk-load';
import { showPlainFailureView } from '@/app/plain-failure-view';
import { loadDashboard } from '@/app/routes/load-dashboard';
import { createQueryClient } from '@/app/query-client';
import { createApiClient } from '@/lib/api-client';
import { loadConfig } from '@/lib/config';
import '@/app/global.css';

// Here, in the entry, and first: the handler for a chunk that fails to load must not live in a
// chunk that may itself fail to load (docs/architecture.md, "Never a blank page").
watchPreloadErrors(window);

/** Resolves a file served beside index.html, wherever the console is mounted. */
function besideIndex(file: string): string {
  return new URL(`${import.meta.env.BASE_URL}${file}`, document.baseURI).href;
}

function rootElement(): HTMLElement {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  return root;
}

/** How long the first render waits for the dashboard chunk before showing the shell without it. */
const CHUNK_WAIT_MS = 2_000;

async function boot(): Promise<void> {
  // The card's first /status request leaves now, while the rest loads (docs/performance.md).
  // Not in the demo: its catalyst-api is the mock worker, which is not running yet.
  const bootStatus =
    import.meta.env.VITE_DEMO === 'true'
      ? undefined
      : startBootStatusFetch(window.location.pathname);
  // The dashboard chunk (index.html preloads it) and config.json, in parallel. The first render
  // waits for the chunk, so it shows the dashboard at once instead of a Suspense fallback; a
  // chunk that fails is the route's error boundary's to show, and a slow one only waits so long.
  const chunk = loadDashboard().catch(() => undefined);
  const [{ config, warning }] = await Promise.all([
    loadConfig(besideIndex('config.json'), window.location.pathname),
    Promise.race([chunk, new Promise((resolve) => setTimeout(resolve, CHUNK_WAIT_MS))]),
  ]);
  // Sent to the default API base; config.json may name another one.
  let initialStatus = bootStatus;
  if (bootStatus && bootStatus.apiBase !== config.apiBase) {
    bootStatus.cancel();
    initialStatus = undefined;
  }
  let demoBar: ReactNode;
  // Statically false in production builds, so the mock engine and msw are not even bundled there.
  if (import.meta.env.VITE_DEMO === 'true') {
    const { startDemo } = await import('@/app/demo/start-demo');
    ({ demoBar } = await startDemo(besideIndex('mockServiceWorker.js')));
  }
  const root = rootElement();
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
        queryClient={createQueryClient()}
        initialStatus={initialStatus}
        demoBar={demoBar}
      />
    </StrictMode>,
  );
}

// Whatever stopped the console from starting is said on the page, not only in the console.
boot().catch((error: unknown) => {
  console.error(error);
  showPlainFailureView(document.getElementById('root') ?? document.body, error, 'start');
});
