/**
 * The bp-self-sovereign-cutover chart's post-install hook (docs/cutover-contract.md §11), over real HTTP:
 * probe `/healthz` (never the session-gated `/status`), then POST the internal trigger with a
 * ServiceAccount bearer token, and handle the answer as the newest chart does. Fail-open: a sick
 * API never "fails the install", the hook just gives up.
 */

export interface AutoTriggerOptions {
  /** The catalyst-api's base URL, such as `http://127.0.0.1:8080`. */
  apiUrl: string;
  /** The ServiceAccount token, read at request time in the real Job. */
  token: string;
  /** `autoDelaySeconds`: a pause before the first probe. */
  delayMs?: number;
  /** How often `/healthz` is probed, and for how long before giving up (`autoWaitForAPISeconds`). */
  probeEveryMs?: number;
  waitBudgetMs?: number;
  /** How often a 425 or another transient answer is retried, and for how long (`autoHandoverWaitSeconds`). */
  retryEveryMs?: number;
  retryBudgetMs?: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** What the Job would have exited with, and why. */
export interface AutoTriggerOutcome {
  readonly exitCode: 0 | 1;
  /** `fired` (200), `already-running` (409), `no-steps` (424), `gave-up`, `cancelled`. */
  readonly result: 'fired' | 'already-running' | 'no-steps' | 'gave-up' | 'cancelled';
  /** The last HTTP status seen from the trigger (0: none reached it). */
  readonly lastStatus: number;
  readonly attempts: number;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function statusOf(url: string, init: RequestInit): Promise<number> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0; // curl's 000: no answer
  }
}

export async function runAutoTriggerHook(options: AutoTriggerOptions): Promise<AutoTriggerOutcome> {
  const {
    apiUrl,
    token,
    delayMs = 0,
    probeEveryMs = 1_000,
    waitBudgetMs = 60_000,
    retryEveryMs = 1_000,
    retryBudgetMs = 60_000,
    signal,
    log = () => undefined,
  } = options;
  const cancelled = (attempts: number, lastStatus: number): AutoTriggerOutcome => ({
    exitCode: 0,
    result: 'cancelled',
    attempts,
    lastStatus,
  });

  await sleep(delayMs, signal);
  const probeUntil = Date.now() + waitBudgetMs;
  for (;;) {
    if (signal?.aborted) return cancelled(0, 0);
    if ((await statusOf(`${apiUrl}/healthz`, { method: 'GET' })) === 200) break;
    if (Date.now() >= probeUntil) {
      log('auto-trigger: the catalyst-api never became healthy; giving up (exit 0)');
      return { exitCode: 0, result: 'gave-up', attempts: 0, lastStatus: 0 };
    }
    await sleep(probeEveryMs, signal);
  }

  const retryUntil = Date.now() + retryBudgetMs;
  let attempts = 0;
  let status = 0;
  for (;;) {
    if (signal?.aborted) return cancelled(attempts, status);
    attempts += 1;
    status = await statusOf(`${apiUrl}/api/v1/internal/cutover/trigger`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: '{}',
    });
    switch (status) {
      case 200:
        log('auto-trigger: 200, the cutover is started (or already complete)');
        return { exitCode: 0, result: 'fired', attempts, lastStatus: status };
      case 409:
        log('auto-trigger: 409, a cutover is already running (benign)');
        return { exitCode: 0, result: 'already-running', attempts, lastStatus: status };
      case 424:
        log('auto-trigger: 424, no cutover steps installed (exit 1, the only failing path)');
        return { exitCode: 1, result: 'no-steps', attempts, lastStatus: status };
      case 401:
      case 403:
        log(`auto-trigger: ${status}, the ServiceAccount was refused; giving up (exit 0)`);
        return { exitCode: 0, result: 'gave-up', attempts, lastStatus: status };
    }
    if (Date.now() + retryEveryMs > retryUntil) {
      log(
        `auto-trigger: still ${status || 'no answer'} after ${attempts} tries; giving up (exit 0)`,
      );
      return { exitCode: 0, result: 'gave-up', attempts, lastStatus: status };
    }
    log(`auto-trigger: ${status || 'no answer'}; retrying in ${retryEveryMs} ms`);
    await sleep(retryEveryMs, signal);
  }
}
