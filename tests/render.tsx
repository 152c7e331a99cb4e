import { render } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { AppRoutes } from '@/app/App';
import { loadDashboard } from '@/app/routes/load-dashboard';
import { Providers } from '@/app/Providers';
import { createQueryClient } from '@/app/query-client';
import { Shell } from '@/app/Shell';
import { createApiClient } from '@/lib/api-client';
import type { ConsoleConfig } from '@/lib/config';
import { TEST_API_BASE } from '../mocks/node';

const clients: QueryClient[] = [];

/** Drops every query client a test created, with its pending refetch and retry timers. */
export function clearConsoles(): void {
  for (const client of clients.splice(0)) client.clear();
}

/** Mounts the real routes and providers, as the app does, at `route`, against the MSW node server. */
export function renderConsole({
  route = '/console/dashboard',
  config = {},
  children,
}: { route?: string; config?: Partial<ConsoleConfig>; children?: ReactNode } = {}) {
  const queryClient = createQueryClient();
  clients.push(queryClient);
  const fullConfig: ConsoleConfig = { basePath: '', apiBase: TEST_API_BASE, ...config };
  const client = createApiClient({ baseUrl: fullConfig.apiBase });
  const result = render(
    <Providers queryClient={queryClient} client={client} config={fullConfig}>
      <MemoryRouter initialEntries={[route]}>
        <Shell>{children ?? <AppRoutes />}</Shell>
      </MemoryRouter>
    </Providers>,
  );
  return { ...result, queryClient };
}

/** Loads the lazy route chunks for real, so a test on fake timers does not wait on them. */
export async function preloadRoutes(): Promise<void> {
  await loadDashboard();
}
