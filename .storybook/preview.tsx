import type { Decorator, Loader, Preview, StoryContext } from '@storybook/react-vite';
import type { QueryClient } from '@tanstack/react-query';
import type { HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { Providers } from '@/app/Providers';
import { createQueryClient } from '@/app/query-client';
import { createApiClient, type ApiClient } from '@/lib/api-client';
import type { ConsoleConfig } from '@/lib/config';
import { afterFirstStatus, type StorySimulator } from '@/testing/story-mocks';
import { cutoverHandlers } from '../mocks/handlers';
import { Simulator } from '../mocks/simulator';
import a11yRules from './a11y-rules.json';
import '@/app/global.css';
import './preview.css';

/**
 * Every story renders inside the app's own providers with a fresh QueryClient, and, when it names
 * a scenario (`parameters.simulator`, see src/testing/story-mocks.ts), a fresh Simulator behind
 * the shared MSW handlers. Nothing leaks from one story to the next.
 *
 * A harness lives as long as the story stays mounted: Storybook re-runs loaders and beforeEach
 * when a global changes (the theme or viewport toolbar), and the story should keep its state
 * then, not start over. It is dropped when the story is torn down (another story, a remount).
 */
interface StoryHarness {
  readonly queryClient: QueryClient;
  readonly client: ApiClient;
  readonly config: ConsoleConfig;
  readonly simulator: Simulator | undefined;
  /** In front of every other handler, in this order. */
  readonly handlers: readonly HttpHandler[];
}

const harnesses = new Map<string, StoryHarness>();

function harnessOf(context: Pick<StoryContext, 'loaded'>): StoryHarness {
  const harness = context.loaded.harness as StoryHarness | undefined;
  if (!harness) throw new Error('The story harness loader did not run');
  return harness;
}

/**
 * What the console keeps per browser tab, in sessionStorage under `catalyst-console:` (the
 * attempts seen in this browser, the notify-me opt-in). A story starts as a fresh tab does, so
 * one story's run never shows up in the next (in Storybook, and in `npm run test:stories`, where
 * a file's stories share one frame). Storybook's own sessionStorage keys are left alone.
 */
function forgetConsoleSession() {
  for (const key of Object.keys(sessionStorage)) {
    if (key.startsWith('catalyst-console:')) sessionStorage.removeItem(key);
  }
}

async function createHarness(parameters: StoryContext['parameters']): Promise<StoryHarness> {
  forgetConsoleSession();
  const spec = parameters.simulator as StorySimulator | undefined;
  const config: ConsoleConfig = {
    basePath: '',
    apiBase: '/api',
    ...(parameters.console as Partial<ConsoleConfig> | undefined),
  };
  const base = {
    queryClient: createQueryClient(),
    client: createApiClient({ baseUrl: config.apiBase }),
    config,
  };
  if (!spec) return { ...base, simulator: undefined, handlers: [] };
  const { arrange, thenAnswer, ...options } = spec;
  const simulator = new Simulator(options);
  await arrange?.(simulator);
  return {
    ...base,
    simulator,
    handlers: [
      ...(thenAnswer ? [afterFirstStatus(thenAnswer)] : []),
      ...cutoverHandlers(() => simulator),
    ],
  };
}

const harnessLoader: Loader = async ({ id, parameters }) => {
  let harness = harnesses.get(id);
  if (!harness) {
    harness = await createHarness(parameters);
    harnesses.set(id, harness);
  }
  return { harness };
};

/** The demo's worker, served beside iframe.html; API calls nobody mocks are errors, not silence. */
async function startWorker() {
  const worker = setupWorker();
  await worker.start({
    serviceWorker: { url: new URL('mockServiceWorker.js', document.baseURI).pathname },
    quiet: true,
    onUnhandledRequest(request, print) {
      if (new URL(request.url).pathname.includes('/api/')) print.error();
    },
  });
  return worker;
}

const withConsole: Decorator = (Story, context) => {
  // The toolbar's theme, applied the way the console applies it (src/app/theme.tsx).
  document.documentElement.dataset.theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  const { queryClient, client, config } = harnessOf(context);
  return (
    <Providers queryClient={queryClient} client={client} config={config}>
      <div className="story-frame">
        <Story />
      </div>
    </Providers>
  );
};

const preview: Preview = {
  loaders: [mswLoader(startWorker), harnessLoader],
  beforeEach(context) {
    const harness = harnessOf(context);
    // mswLoader has just reset the handlers. Project-level, so a story's own beforeEach runs
    // later and its msw.use() takes precedence over these.
    if (harness.handlers.length > 0) context.msw.use(...harness.handlers);
    return () => {
      if (harnesses.get(context.id) !== harness) return;
      harnesses.delete(context.id);
      harness.queryClient.clear();
      harness.simulator?.dispose();
    };
  },
  decorators: [withConsole],
  globalTypes: {
    theme: {
      description: 'Console theme (data-theme on <html>)',
      toolbar: {
        title: 'Theme',
        icon: 'sun',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'padded',
    viewport: {
      options: {
        narrow: {
          name: 'Narrow (360 px)',
          styles: { width: '360px', height: '800px' },
          type: 'mobile',
        },
        wide: {
          name: 'Wide (1280 px)',
          styles: { width: '1280px', height: '900px' },
          type: 'desktop',
        },
      },
    },
    a11y: {
      // Violations are failures in the a11y panel; `npm run test:stories` enforces the same rules.
      test: 'error',
      options: { runOnly: { type: 'tag', values: a11yRules.tags } },
      config: { rules: a11yRules.disabledRules.map((id) => ({ id, enabled: false })) },
    },
  },
};

export default preview;
