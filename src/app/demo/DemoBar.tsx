import { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from '../../../mocks/simulator';
import './DemoBar.css';

/**
 * The offline demo's banner and scenario switcher. Demo builds only: it is part of the chunk
 * that main.tsx imports dynamically behind VITE_DEMO.
 */
export function DemoBar({ scenario }: { scenario: ScenarioName }) {
  return (
    <aside className="demo-bar" aria-label="Offline demo">
      <p className="demo-bar__text">
        <strong>Offline demo</strong>: a simulated catalyst-api runs in this page.{' '}
        <span className="demo-bar__summary">{SCENARIOS[scenario].summary}</span>
      </p>
      <form className="demo-bar__form" method="get">
        <label htmlFor="demo-scenario">Scenario</label>
        <select
          id="demo-scenario"
          name="scenario"
          defaultValue={scenario}
          onChange={(event) => {
            event.currentTarget.form?.requestSubmit();
          }}
        >
          {SCENARIO_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button type="submit">Restart</button>
      </form>
    </aside>
  );
}
