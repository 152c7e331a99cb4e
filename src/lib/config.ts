import * as z from 'zod/mini';

/**
 * Runtime configuration. One build serves every Sovereign, so nothing per-Sovereign is baked in:
 * the mount point comes from the URL the operator opened, and `config.json` (served beside
 * index.html, replaceable per deployment) may override the API base and the sign-in link.
 */
export interface ConsoleConfig {
  /** Router basename: `''` on `console.<fqdn>`, `/sovereign` behind the mothership's prefix. */
  readonly basePath: string;
  /** Where the catalyst-api is, same origin: `<basePath>/api` unless configured. */
  readonly apiBase: string;
  /** Where "Sign in again" goes; absent → reload the console and let the ingress redirect. */
  readonly signInUrl?: string;
  /**
   * The Kubernetes namespace of the cutover's Jobs and ConfigMaps, used in the kubectl commands the
   * card offers; absent → `catalyst`, the engine's default (docs/cutover-contract.md).
   */
  readonly cutoverNamespace?: string;
}

const sameOriginPath = z
  .string()
  .check(z.regex(/^\/(?!\/)[^\s]*$/, 'must be a path on this origin, starting with one "/"'));

// A namespace is a DNS-1123 label: it goes into commands an operator pastes into a shell.
const namespaceName = z
  .string()
  .check(
    z.regex(
      /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
      'must be a Kubernetes namespace name (lower-case letters, digits and "-", at most 63)',
    ),
  );

export const configFileSchema = z.strictObject({
  apiBase: z.optional(sameOriginPath),
  signInUrl: z.optional(sameOriginPath),
  cutoverNamespace: z.optional(namespaceName),
});

/** The part of the path before `/console`, which is where the console is mounted. */
export function detectBasePath(pathname: string): string {
  const match = /^(.*?)\/console(?:\/|$)/.exec(pathname);
  return match?.[1] ?? '';
}

export interface LoadedConfig {
  readonly config: ConsoleConfig;
  /** Why config.json was ignored, if it was: shown in the shell, not swallowed. */
  readonly warning?: string;
}

export function resolveConfig(pathname: string, file: unknown): LoadedConfig {
  const basePath = detectBasePath(pathname);
  const defaults: ConsoleConfig = { basePath, apiBase: `${basePath}/api` };
  if (file === undefined) return { config: defaults };
  const parsed = configFileSchema.safeParse(file);
  if (!parsed.success) {
    // A failed parse always has a first issue, and its path always joins to a string: the
    // fallbacks here only satisfy the types.
    const issue = parsed.error.issues[0];
    // Stryker disable next-line OptionalChaining,StringLiteral: see above
    const where = issue?.path.join('.') ?? '';
    // Stryker disable next-line OptionalChaining,StringLiteral: see above
    const message = issue?.message ?? 'is not valid';
    return {
      config: defaults,
      warning: `config.json was ignored: ${where ? `${where} ` : ''}${message}`,
    };
  }
  return {
    config: {
      ...defaults,
      ...(parsed.data.apiBase === undefined ? {} : { apiBase: parsed.data.apiBase }),
      ...(parsed.data.signInUrl === undefined ? {} : { signInUrl: parsed.data.signInUrl }),
      ...(parsed.data.cutoverNamespace === undefined
        ? {}
        : { cutoverNamespace: parsed.data.cutoverNamespace }),
    },
  };
}

export const CONFIG_TIMEOUT_MS = 5_000;

/**
 * config.json's request as public/head-start.js sent it, before the boot module was fetched
 * (docs/performance.md): its URL, the response on its way, and what stops it.
 */
export interface StartedConfigFetch {
  readonly url: string;
  /** A fetch `Response`, or the answer the head script read in full (`ConsoleHeadAnswer`). */
  readonly response: Promise<Pick<Response, 'ok' | 'text'>>;
  readonly controller: AbortController;
}

/**
 * Fetches config.json, or takes the request already sent for the very same URL; a missing file
 * means defaults, an unreadable one a visible warning.
 */
export async function loadConfig(
  configUrl: string,
  pathname: string,
  started?: StartedConfigFetch,
): Promise<LoadedConfig> {
  let file: unknown;
  const head = started?.url === configUrl ? started : undefined;
  // Another URL is not this console's file: stopped, and asked again where it is.
  if (started && !head) started.controller.abort();
  // A stalled request must not leave the operator in front of a blank page.
  const stop =
    head &&
    setTimeout(() => {
      head.controller.abort();
    }, CONFIG_TIMEOUT_MS);
  try {
    const response = await (head?.response ??
      fetch(configUrl, {
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(CONFIG_TIMEOUT_MS),
      }));
    if (response.ok) {
      const text = await response.text();
      try {
        file = JSON.parse(text) as unknown;
      } catch {
        // A dev server or an ingress may answer index.html for a missing file: that is "absent".
        if (!/^\s*</.test(text)) {
          return {
            ...resolveConfig(pathname, undefined),
            warning: 'config.json was ignored: not JSON',
          };
        }
      }
    }
  } catch {
    // Unreachable config is the same as none: the defaults work on every Sovereign.
  } finally {
    clearTimeout(stop);
  }
  return resolveConfig(pathname, file);
}
