import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from './api-client';
import type { ConsoleConfig } from './config';

interface ConsoleContextValue {
  readonly client: ApiClient;
  readonly config: ConsoleConfig;
}

const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function ConsoleContextProvider({
  client,
  config,
  children,
}: ConsoleContextValue & { children: ReactNode }) {
  return <ConsoleContext value={{ client, config }}>{children}</ConsoleContext>;
}

function useConsoleContext(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (value === null) throw new Error('ConsoleContextProvider is missing above this component');
  return value;
}

export function useApiClient(): ApiClient {
  return useConsoleContext().client;
}

export function useConsoleConfig(): ConsoleConfig {
  return useConsoleContext().config;
}
