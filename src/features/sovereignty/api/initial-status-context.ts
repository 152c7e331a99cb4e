import { createContext } from 'react';
import type { InitialStatusFetch } from './connection';

/**
 * The `/status` request the entry sent at boot (src/app/boot-status.ts), for the first card's
 * first answer; the connection decides whether it is fresh enough (docs/performance.md). A file
 * of its own so the entry can provide it without bundling the card's code.
 */
export const InitialStatusFetchContext = createContext<InitialStatusFetch | undefined>(undefined);
