import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ApiClient } from '@/lib/api-client';
import { ConsoleContextProvider } from '@/lib/console-context';
import type { ConsoleConfig } from '@/lib/config';

interface ProvidersProps {
  queryClient: QueryClient;
  client: ApiClient;
  config: ConsoleConfig;
  children: ReactNode;
}

/** Everything a screen needs from above; tests and stories mount the same providers. */
export function Providers({ queryClient, client, config, children }: ProvidersProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <ConsoleContextProvider client={client} config={config}>
        {children}
      </ConsoleContextProvider>
    </QueryClientProvider>
  );
}
