import { startBrowserSimulator } from '../../../mocks/browser';
import { DEFAULT_SCENARIO, isScenarioName } from '../../../mocks/simulator';
import { DemoBar } from './DemoBar';

/**
 * Starts the simulated catalyst-api for the offline demo: scenario from `?scenario=<name>`,
 * default `fresh-install`. Each page load is a fresh Sovereign, so "Restart" replays the story.
 */
export async function startDemo(workerUrl: string) {
  const requested = new URLSearchParams(window.location.search).get('scenario');
  const scenario = isScenarioName(requested) ? requested : DEFAULT_SCENARIO;
  const speed = Number(new URLSearchParams(window.location.search).get('stepMs'));
  await startBrowserSimulator({
    scenario,
    workerUrl,
    ...(Number.isFinite(speed) && speed > 0 ? { stepMs: speed } : {}),
  });
  return { demoBar: <DemoBar scenario={scenario} /> };
}
