/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "true" in `npm start` and `npm run build:demo`: the simulated catalyst-api runs in the page. */
  readonly VITE_DEMO?: string;
}
