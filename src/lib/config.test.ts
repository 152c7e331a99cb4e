import { http, HttpResponse, delay } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { server } from '../../mocks/node';
import { CONFIG_TIMEOUT_MS, detectBasePath, loadConfig, resolveConfig } from './config';

const CONFIG_URL = 'http://console.test/console/config.json';

describe('runtime config', () => {
  it.each([
    { pathname: '/console/dashboard', basePath: '' },
    { pathname: '/sovereign/console/dashboard', basePath: '/sovereign' },
    { pathname: '/sovereign/console', basePath: '/sovereign' },
    { pathname: '/a/b/console/', basePath: '/a/b' },
    { pathname: '/console', basePath: '' },
    { pathname: '/', basePath: '' },
    { pathname: '/consoles/x', basePath: '' },
    { pathname: '/sovereign/consoles/x', basePath: '' },
    { pathname: '/x/console/y/console/z', basePath: '/x' },
  ])(
    'finds the mount point $basePath in $pathname, so one build serves every Sovereign',
    ({ pathname, basePath }) => {
      expect(detectBasePath(pathname)).toBe(basePath);
    },
  );

  it('derives the API base from the mount point, as the reference console does', () => {
    expect(resolveConfig('/sovereign/console/dashboard', undefined)).toStrictEqual({
      config: { basePath: '/sovereign', apiBase: '/sovereign/api' },
    });
    expect(resolveConfig('/console/dashboard', {})).toStrictEqual({
      config: { basePath: '', apiBase: '/api' },
    });
  });

  it('takes apiBase and signInUrl from config.json, each on its own', () => {
    expect(
      resolveConfig('/console/dashboard', { apiBase: '/catalyst/api', signInUrl: '/auth/login' }),
    ).toStrictEqual({
      config: { basePath: '', apiBase: '/catalyst/api', signInUrl: '/auth/login' },
    });
    expect(
      resolveConfig('/sovereign/console/', { signInUrl: '/auth/login?next=/x' }),
    ).toStrictEqual({
      config: {
        basePath: '/sovereign',
        apiBase: '/sovereign/api',
        signInUrl: '/auth/login?next=/x',
      },
    });
    expect(resolveConfig('/console/', { apiBase: '/catalyst/api' })).toStrictEqual({
      config: { basePath: '', apiBase: '/catalyst/api' },
    });
  });

  it.each([
    {
      file: { apiBase: 'https://elsewhere.example/api' },
      warning:
        'config.json was ignored: apiBase must be a path on this origin, starting with one "/"',
    },
    {
      file: { apiBase: '//evil.example/api' },
      warning:
        'config.json was ignored: apiBase must be a path on this origin, starting with one "/"',
    },
    {
      file: { signInUrl: 'auth/login' },
      warning:
        'config.json was ignored: signInUrl must be a path on this origin, starting with one "/"',
    },
    {
      file: { signInUrl: '/auth/log in' },
      warning:
        'config.json was ignored: signInUrl must be a path on this origin, starting with one "/"',
    },
    {
      file: { apiBase: '/api\n' },
      warning:
        'config.json was ignored: apiBase must be a path on this origin, starting with one "/"',
    },
  ])('refuses $file and says why, keeping the defaults', ({ file, warning }) => {
    expect(resolveConfig('/console/dashboard', file)).toStrictEqual({
      config: { basePath: '', apiBase: '/api' },
      warning,
    });
  });

  it('accepts the root path and paths with queries as same-origin paths', () => {
    expect(resolveConfig('/console/', { apiBase: '/', signInUrl: '/a?b=c#d' }).config).toEqual({
      basePath: '',
      apiBase: '/',
      signInUrl: '/a?b=c#d',
    });
  });

  it('ignores an unknown key and a config.json that is not an object, with a warning', () => {
    // zod/mini carries no message catalogue: these say "Invalid input" and name no key.
    for (const file of [{ apiBsae: '/api' }, ['/api'], 'apiBase: /api', null]) {
      expect(resolveConfig('/console/dashboard', file)).toStrictEqual({
        config: { basePath: '', apiBase: '/api' },
        warning: 'config.json was ignored: Invalid input',
      });
    }
  });
});

describe('loadConfig', () => {
  const answer = (response: () => Response | Promise<Response>) => {
    const requests: Request[] = [];
    server.use(
      http.get(CONFIG_URL, ({ request }) => {
        requests.push(request);
        return response();
      }),
    );
    return requests;
  };

  it('reads config.json, asking for JSON', async () => {
    const requests = answer(() => HttpResponse.json({ apiBase: '/catalyst/api' }));
    await expect(loadConfig(CONFIG_URL, '/sovereign/console/dashboard')).resolves.toStrictEqual({
      config: { basePath: '/sovereign', apiBase: '/catalyst/api' },
    });
    expect(requests.map((request) => request.headers.get('accept'))).toEqual(['application/json']);
  });

  it('passes an invalid config.json on to the resolver, which says why it was ignored', async () => {
    answer(() => HttpResponse.json({ apiBase: 'https://elsewhere.example' }));
    const loaded = await loadConfig(CONFIG_URL, '/console/dashboard');
    expect(loaded.config).toStrictEqual({ basePath: '', apiBase: '/api' });
    expect(loaded.warning).toMatch(/^config\.json was ignored: apiBase must be a path/);
  });

  it.each([
    { what: 'a 404', response: () => new HttpResponse('not found', { status: 404 }) },
    {
      what: 'a 404 with a JSON body',
      response: () => HttpResponse.json({ apiBase: '/other/api' }, { status: 404 }),
    },
    { what: "a dev server's index.html", response: () => HttpResponse.html('<!doctype html>') },
    {
      what: 'an index.html with leading whitespace',
      response: () => HttpResponse.html('\n  <html><body></body></html>'),
    },
    { what: 'a network error', response: () => HttpResponse.error() },
  ])('uses the defaults without a warning for $what', async ({ response }) => {
    answer(response);
    await expect(loadConfig(CONFIG_URL, '/sovereign/console/')).resolves.toStrictEqual({
      config: { basePath: '/sovereign', apiBase: '/sovereign/api' },
    });
  });

  it.each(['apiBase: /x', '', 'ok <html>'])(
    'warns when config.json is there but is not JSON: %j',
    async (body) => {
      answer(() => HttpResponse.text(body));
      await expect(loadConfig(CONFIG_URL, '/console/')).resolves.toStrictEqual({
        config: { basePath: '', apiBase: '/api' },
        warning: 'config.json was ignored: not JSON',
      });
    },
  );

  it('gives up on a stalled config.json after its timeout, with the defaults', async () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout').mockImplementation(() => AbortSignal.abort());
    answer(async () => {
      await delay(1_000);
      return HttpResponse.json({ apiBase: '/too-late' });
    });
    await expect(loadConfig(CONFIG_URL, '/console/')).resolves.toStrictEqual({
      config: { basePath: '', apiBase: '/api' },
    });
    expect(timeout).toHaveBeenCalledWith(CONFIG_TIMEOUT_MS);
    expect(CONFIG_TIMEOUT_MS).toBe(5_000);
  });
});

describe('loadConfig with the request public/head-start.js already sent', () => {
  /** A head-start request whose response the test settles, and the requests sent anew. */
  const headStarted = (url = CONFIG_URL) => {
    let settle: (response: Response) => void = () => undefined;
    const response = new Promise<Response>((resolve) => {
      settle = resolve;
    });
    return { started: { url, response, controller: new AbortController() }, settle };
  };
  const countRequests = () => {
    const requests: string[] = [];
    server.use(
      http.get(CONFIG_URL, ({ request }) => {
        requests.push(request.url);
        return HttpResponse.json({ apiBase: '/asked-again/api' });
      }),
    );
    return requests;
  };

  it('reads its answer and asks nothing again', async () => {
    const requests = countRequests();
    const { started, settle } = headStarted();
    const loaded = loadConfig(CONFIG_URL, '/sovereign/console/dashboard', started);
    settle(HttpResponse.json({ apiBase: '/catalyst/api' }));
    await expect(loaded).resolves.toStrictEqual({
      config: { basePath: '/sovereign', apiBase: '/catalyst/api' },
    });
    expect(requests).toEqual([]);
    expect(started.controller.signal.aborted).toBe(false);
  });

  it('classifies its answer as its own: not JSON still warns, a 404 still means defaults', async () => {
    const notJson = headStarted();
    notJson.settle(HttpResponse.text('apiBase: /x'));
    await expect(loadConfig(CONFIG_URL, '/console/', notJson.started)).resolves.toStrictEqual({
      config: { basePath: '', apiBase: '/api' },
      warning: 'config.json was ignored: not JSON',
    });
    const missing = headStarted();
    missing.settle(new HttpResponse('not found', { status: 404 }));
    await expect(loadConfig(CONFIG_URL, '/console/', missing.started)).resolves.toStrictEqual({
      config: { basePath: '', apiBase: '/api' },
    });
  });

  it('stops a request for another URL and asks for its own', async () => {
    const requests = countRequests();
    const { started } = headStarted('http://console.test/elsewhere/config.json');
    await expect(loadConfig(CONFIG_URL, '/console/dashboard', started)).resolves.toStrictEqual({
      config: { basePath: '', apiBase: '/asked-again/api' },
    });
    expect(started.controller.signal.aborted).toBe(true);
    expect(requests).toEqual([CONFIG_URL]);
  });

  it('stops it after the same timeout as its own request, with the defaults', async () => {
    vi.useFakeTimers();
    try {
      const { started } = headStarted();
      // As fetch does: an aborted request rejects.
      const rejecting = {
        ...started,
        response: new Promise<Response>((_resolve, reject) => {
          started.controller.signal.addEventListener('abort', () => {
            reject(new Error('aborted'));
          });
        }),
      };
      const loaded = loadConfig(CONFIG_URL, '/console/', rejecting);
      await vi.advanceTimersByTimeAsync(CONFIG_TIMEOUT_MS - 1);
      expect(started.controller.signal.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(started.controller.signal.aborted).toBe(true);
      await expect(loaded).resolves.toStrictEqual({ config: { basePath: '', apiBase: '/api' } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves no timer behind once answered', async () => {
    vi.useFakeTimers();
    try {
      const { started, settle } = headStarted();
      const loaded = loadConfig(CONFIG_URL, '/console/', started);
      settle(HttpResponse.json({}));
      await loaded;
      expect(vi.getTimerCount()).toBe(0);
      expect(started.controller.signal.aborted).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('cutoverNamespace (the namespace in the kubectl commands the card offers)', () => {
  it('is absent unless config.json sets it (the card then uses catalyst)', () => {
    expect(resolveConfig('/console/dashboard', {}).config).not.toHaveProperty('cutoverNamespace');
    const { config, warning } = resolveConfig('/console/dashboard', {
      cutoverNamespace: 'catalyst-cutover',
    });
    expect(warning).toBeUndefined();
    expect(config.cutoverNamespace).toBe('catalyst-cutover');
  });

  it.each(['a', 'a-1', '0', 'a'.repeat(63)])(
    'accepts %j: any DNS-1123 label, one character to 63',
    (value) => {
      const { config, warning } = resolveConfig('/console/dashboard', { cutoverNamespace: value });
      expect(warning).toBeUndefined();
      expect(config.cutoverNamespace).toBe(value);
    },
  );

  it('says which rule a refused name broke', () => {
    expect(resolveConfig('/console/dashboard', { cutoverNamespace: 'Catalyst' }).warning).toBe(
      'config.json was ignored: cutoverNamespace must be a Kubernetes namespace name (lower-case letters, digits and "-", at most 63)',
    );
  });

  it.each(['Catalyst', 'catalyst; rm -rf /', '-catalyst', 'a'.repeat(64), '', 'cata lyst', 42])(
    'refuses %j: it goes into a shell command, so only a namespace name will do',
    (value) => {
      const { config, warning } = resolveConfig('/console/dashboard', { cutoverNamespace: value });
      expect(config).not.toHaveProperty('cutoverNamespace');
      expect(warning).toMatch(/^config\.json was ignored: cutoverNamespace /);
    },
  );
});
