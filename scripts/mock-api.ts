/**
 * `npm run mock-api [-- flags]`: the simulated catalyst-api on 127.0.0.1 over real HTTP and SSE.
 * Flags win over environment variables; see docs/testing.md ("The loopback catalyst-api").
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_HANDOVER_TOKEN,
  DEFAULT_PORT,
  DEFAULT_TRIGGER_TOKEN,
  startMockApi,
  type MockApiOptions,
} from '../mocks/http-server';
import { DEFAULT_SCENARIO, isScenarioName, SCENARIO_NAMES } from '../mocks/simulator';

const USAGE = `Usage: npm run mock-api -- [flags]

  --port <n>              port on 127.0.0.1 (env PORT; default ${DEFAULT_PORT}; 0 = any free port)
  --scenario <name>       one of: ${SCENARIO_NAMES.join(', ')}
                          (env SCENARIO; default ${DEFAULT_SCENARIO})
  --step-ms <ms>          the fast clock: milliseconds per cutover step (env MOCK_API_STEP_MS;
                          default 2500, a run of about 30 s)
  --auth                  session auth on: status/start/events answer 401 without a
                          catalyst_session cookie (env MOCK_API_AUTH=1; default off, as on a
                          Sovereign). Get a session at /auth/handover?token=<handover token>
  --handover-incomplete   the internal trigger answers 425 handover-incomplete ...
  --handover-after-ms <ms>  ... until this long after start-up (default: for ever)
                          (env MOCK_API_HANDOVER_AFTER_MS)
  --no-steps              the chart installed no steps: start and trigger answer 424
  --fail-step <id>        the next run fails live at this step; the run after succeeds
  --stream-outage-ms <ms> how long the stream-drop scenario refuses the stream (default 10000)
  --hook-delay-ms <ms>    pause before the post-install hook probes /healthz (default 1000)
  --state-file <path>     keep the status ConfigMap in a file: a restarted server resumes its run
                          (env MOCK_API_STATE_FILE)
  --verbose               log every request
  --help

Tokens: handover ${DEFAULT_HANDOVER_TOKEN} (env MOCK_API_HANDOVER_TOKEN), trigger bearer
${DEFAULT_TRIGGER_TOKEN} (env MOCK_API_TRIGGER_TOKEN). Test-only: GET/POST /__sim/scenario.`;

function fail(message: string): never {
  process.stderr.write(`mock-api: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) fail(`${name} must be a number ≥ 0, not "${value}"`);
  return parsed;
}

const truthy = (value: string | undefined) => value === '1' || value === 'true';

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        scenario: { type: 'string' },
        'step-ms': { type: 'string' },
        auth: { type: 'boolean' },
        'handover-incomplete': { type: 'boolean' },
        'handover-after-ms': { type: 'string' },
        'no-steps': { type: 'boolean' },
        'fail-step': { type: 'string' },
        'stream-outage-ms': { type: 'string' },
        'hook-delay-ms': { type: 'string' },
        'state-file': { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const env = process.env;
const scenario = values.scenario ?? env.SCENARIO ?? DEFAULT_SCENARIO;
if (!isScenarioName(scenario)) fail(`unknown scenario "${scenario}"`);
const handoverAfterMs = number(
  '--handover-after-ms',
  values['handover-after-ms'] ?? env.MOCK_API_HANDOVER_AFTER_MS,
);
const handoverIncomplete =
  values['handover-incomplete'] === true ||
  handoverAfterMs !== undefined ||
  truthy(env.MOCK_API_HANDOVER_INCOMPLETE);
const stepMs = number('--step-ms', values['step-ms'] ?? env.MOCK_API_STEP_MS);
const hookDelayMs = number('--hook-delay-ms', values['hook-delay-ms']);
const stateFile = values['state-file'] ?? env.MOCK_API_STATE_FILE;
const streamOutageMs = number('--stream-outage-ms', values['stream-outage-ms']);
const failStep = values['fail-step'];

const options: MockApiOptions = {
  port: number('--port', values.port ?? env.PORT) ?? DEFAULT_PORT,
  scenario,
  auth: values.auth === true || truthy(env.MOCK_API_AUTH),
  noSteps: values['no-steps'] === true,
  verbose: values.verbose === true,
  log: (line) => {
    process.stdout.write(`[mock-api] ${line}\n`);
  },
  ...(stepMs === undefined || stepMs === 0 ? {} : { stepMs }),
  ...(hookDelayMs === undefined ? {} : { hookDelayMs }),
  ...(handoverIncomplete ? { handoverPendingMs: handoverAfterMs ?? null } : {}),
  ...(stateFile ? { stateFile } : {}),
  ...(failStep ? { failStep } : {}),
  ...(streamOutageMs === undefined ? {} : { streamOutageMs }),
  ...(env.MOCK_API_HANDOVER_TOKEN ? { handoverToken: env.MOCK_API_HANDOVER_TOKEN } : {}),
  ...(env.MOCK_API_TRIGGER_TOKEN ? { triggerToken: env.MOCK_API_TRIGGER_TOKEN } : {}),
  ...(env.MOCK_API_SESSION_SECRET ? { sessionSecret: env.MOCK_API_SESSION_SECRET } : {}),
};

const api = await startMockApi(options).catch((error: unknown) =>
  fail(error instanceof Error ? error.message : String(error)),
);
process.stdout.write(
  `[mock-api] simulated catalyst-api on ${api.url} — scenario ${scenario}` +
    `${options.auth ? ', session auth on' : ''}\n` +
    `[mock-api] console against it: npm run dev:live (then open /console/dashboard on the URL Vite prints)\n`,
);

function stop(): void {
  void api.close().then(() => process.exit(0));
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
