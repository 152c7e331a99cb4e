import { defineMain } from '@storybook/react-vite/node';
import { mergeConfig } from 'vite';

/**
 * Component review (docs/component-review.md). The react-vite builder loads the project's
 * vite.config.ts, so the `@` alias and the React plugin are the app's own.
 */

export default defineMain({
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  // mockServiceWorker.js is served from here, beside iframe.html, for msw-storybook-addon.
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: 'react-docgen' },
  viteFinal: (config) =>
    mergeConfig(
      config,
      // A component workshop bundles axe, MSW and the docs renderer: big chunks are expected.
      { build: { chunkSizeWarningLimit: 2_000 } },
    ),
});
