import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/App';
import { loadDashboard } from '@/app/routes/load-dashboard';
import { createQueryClient } from '@/app/query-client';
import { createApiClient } from '@/lib/api-client';
import { loadConfig } from '@/lib/config';
import '@/app/global.css';

/** Resolves a file served beside index.html, wherever the console is mounted. */
function besideIndex(file: string): string {
  return new URL(`${import.meta.env.BASE_URL}${file}`, document.baseURI).href;
}

async function boot(): Promise<void> {
  // Start fetching the dashboard chunk now, while config.json is on its way.
  void loadDashboard();
  const { config, warning } = await loadConfig(
    besideIndex('config.json'),
    window.location.pathname,
  );
  let demoBar: ReactNode;
  // Statically false in production builds, so the mock engine and msw are not even bundled there.
  if (import.meta.env.VITE_DEMO === 'true') {
    const { startDemo } = await import('@/app/demo/start-demo');
    ({ demoBar } = await startDemo(besideIndex('mockServiceWorker.js')));
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App
        config={config}
        configWarning={warning}
        client={createApiClient({ baseUrl: config.apiBase })}
        queryClient={createQueryClient()}
        demoBar={demoBar}
      />
    </StrictMode>,
  );
}

/** Whatever stopped the console from starting is said on the page, not only in the console. */
function showBootError(error: unknown): void {
  const root = document.getElementById('root') ?? document.body;
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.className = 'boot-error';
  message.textContent = `The console could not start: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
  root.replaceChildren(message);
}

boot().catch((error: unknown) => {
  console.error(error);
  showBootError(error);
});
