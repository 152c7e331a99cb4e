import type { QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import type { InitialStatusFetch } from '@/features/sovereignty/api/connection';
import { InitialStatusFetchContext } from '@/features/sovereignty/api/initial-status-context';
import type { ApiClient } from '@/lib/api-client';
import type { ConsoleConfig } from '@/lib/config';
import { Providers } from './Providers';
import { Shell } from './Shell';
import { Skeleton } from '@/components/Skeleton';
import { markMounted } from './boot-marker';
import { ErrorBoundary, RouteErrorBoundary } from './ErrorBoundary';
import { loadDashboard, loadedDashboard } from './routes/load-dashboard';
import { NotFound } from './routes/NotFound';

/**
 * Route-level split: the entry chunk is the shell and the data layer; the dashboard's card is a
 * second chunk, asked for by the boot module beside the app's and awaited by start-app.tsx before
 * the first render. Once it has loaded, the route renders it directly: `lazy()` would suspend that
 * first render anyway, commit the fallback and hold the content for React's 300 ms fallback throttle
 * (docs/performance.md). `lazy()` stays for a render that comes before the chunk (a slow chunk,
 * tests), and carries a chunk that failed to the route's error boundary.
 */
const LazyDashboard = lazy(() => loadDashboard().then((module) => ({ default: module.Dashboard })));

function DashboardRoute() {
  const loaded = loadedDashboard();
  return loaded ? <loaded.Dashboard /> : <LazyDashboard />;
}

export const DASHBOARD_PATH = '/console/dashboard';

/** The pages, each behind an error boundary that the next navigation clears. */
export function AppRoutes() {
  return (
    <RouteErrorBoundary>
      <Routes>
        <Route path="/" element={<Navigate to={DASHBOARD_PATH} replace />} />
        <Route path="/console" element={<Navigate to={DASHBOARD_PATH} replace />} />
        <Route
          path={DASHBOARD_PATH}
          element={
            <Suspense fallback={<Skeleton label="Loading the dashboard" />}>
              <DashboardRoute />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </RouteErrorBoundary>
  );
}

interface AppProps {
  config: ConsoleConfig;
  client: ApiClient;
  queryClient: QueryClient;
  configWarning?: string | undefined;
  /** The `/status` request main.tsx sent at boot, for the card's first answer. */
  initialStatus?: InitialStatusFetch | undefined;
  demoBar?: ReactNode;
}

export function App({
  config,
  client,
  queryClient,
  configWarning,
  initialStatus,
  demoBar,
}: AppProps) {
  // public/boot-check.js stays quiet once this is set (docs/deployment.md).
  useEffect(markMounted, []);
  return (
    // The outermost boundary: a failure in the shell or the providers, which the routes' cannot catch.
    <ErrorBoundary standalone>
      <Providers queryClient={queryClient} client={client} config={config}>
        <InitialStatusFetchContext value={initialStatus}>
          <BrowserRouter basename={config.basePath || '/'}>
            <Shell configWarning={configWarning} demoBar={demoBar}>
              <AppRoutes />
            </Shell>
          </BrowserRouter>
        </InitialStatusFetchContext>
      </Providers>
    </ErrorBoundary>
  );
}
