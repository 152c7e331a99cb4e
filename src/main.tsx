// The first module the page runs, and a small one: no React (docs/performance.md, "Badge first").
// index.html already shows the console's shell with the card's frame, and its head script has
// sent the `/status` request; this takes that request over, reads config.json, writes the badge
// into the shell for a valid answer, then hands over to React (src/app/start-app.tsx), whose files
// it asks for only then (docs/performance.md, "Fifth round").
import { afterNextPaint } from '@/app/after-paint';
import { startBoot } from '@/app/boot-shell';
import { takeHeadConfig, takeHeadStart } from '@/app/boot-status';
import { watchPreloadErrors } from '@/app/chunk-load';
import { showPlainFailureView } from '@/app/plain-failure-view';
import { loadDashboard } from '@/app/routes/load-dashboard';
// What the shell and a failure view need to look right before React's own stylesheets arrive,
// in the order the components import them; global.css last, as before.
import '@/components/Card.css';
import '@/components/Badge.css';
import '@/components/Skeleton.css';
import '@/components/Button.css';
import '@/app/FailureView.css';
import '@/app/Shell.css';
import '@/app/global.css';

// Here, in the entry, and first: the handler for a chunk that fails to load must not live in a
// chunk that may itself fail to load (docs/architecture.md, "Never a blank page").
watchPreloadErrors(window);

/**
 * React starts once the shell's badge is settled (written, or left to the card), so its start
 * never holds up the badge, but no later than this after the boot module ran.
 */
const BADGE_WAIT_MS = 1_500;

/** Resolves a file served beside index.html, wherever the console is mounted. */
function besideIndex(file: string): string {
  return new URL(`${import.meta.env.BASE_URL}${file}`, document.baseURI).href;
}

const root = document.getElementById('root') ?? document.body;
const boot = startBoot({
  pathname: window.location.pathname,
  configUrl: besideIndex('config.json'),
  document,
  demo: import.meta.env.VITE_DEMO === 'true',
  // The `/status` request public/head-start.js already sent, before this module was fetched.
  headStart: takeHeadStart(window),
  headConfig: takeHeadConfig(window),
});

Promise.race([boot.badge, new Promise((resolve) => setTimeout(resolve, BADGE_WAIT_MS))])
  // The frame that shows the badge first; React's download and first evaluation after it.
  .then(() => afterNextPaint())
  .then(() => {
    // React's files at once, the app's chunk and the dashboard route's (with what they share),
    // rather than the route's only once the app's has run. Its failure is the route's to show,
    // which start-app.tsx awaits.
    loadDashboard().catch(() => undefined);
    return import('@/app/start-app');
  })
  .then(({ startApp }) => startApp(boot, root, besideIndex))
  // Whatever stopped the console from starting is said on the page, not only in the console.
  .catch((error: unknown) => {
    console.error(error);
    showPlainFailureView(root, error, 'start');
  });
