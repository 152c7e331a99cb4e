import { describe, expect, it } from 'vitest';
import { detectBasePath, resolveConfig } from './config';

describe('runtime config', () => {
  it('finds the mount point before /console, so one build serves every Sovereign', () => {
    expect(detectBasePath('/console/dashboard')).toBe('');
    expect(detectBasePath('/sovereign/console/dashboard')).toBe('/sovereign');
    expect(detectBasePath('/console')).toBe('');
    expect(detectBasePath('/')).toBe('');
    expect(detectBasePath('/consoles/x')).toBe('');
  });

  it('derives the API base from the mount point, as the reference console does', () => {
    expect(resolveConfig('/sovereign/console/dashboard', undefined).config).toEqual({
      basePath: '/sovereign',
      apiBase: '/sovereign/api',
    });
    expect(resolveConfig('/console/dashboard', {}).config.apiBase).toBe('/api');
  });

  it('takes apiBase and signInUrl from config.json', () => {
    const { config, warning } = resolveConfig('/console/dashboard', {
      apiBase: '/catalyst/api',
      signInUrl: '/auth/login',
    });
    expect(warning).toBeUndefined();
    expect(config).toMatchObject({ apiBase: '/catalyst/api', signInUrl: '/auth/login' });
  });

  it('ignores an invalid config.json with a specific warning instead of failing silently', () => {
    expect(
      resolveConfig('/console/dashboard', { apiBase: 'https://elsewhere.example/api' }).warning,
    ).toMatch(/^config\.json was ignored: apiBase must be a path on this origin/);
    expect(resolveConfig('/console/dashboard', { apiBsae: '/api' }).warning).toMatch(
      /config\.json was ignored/,
    );
    expect(
      resolveConfig('/console/dashboard', { apiBase: '//evil.example/api' }).config.apiBase,
    ).toBe('/api');
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

  it.each(['Catalyst', 'catalyst; rm -rf /', '-catalyst', 'a'.repeat(64), '', 'cata lyst', 42])(
    'refuses %j: it goes into a shell command, so only a namespace name will do',
    (value) => {
      const { config, warning } = resolveConfig('/console/dashboard', { cutoverNamespace: value });
      expect(config).not.toHaveProperty('cutoverNamespace');
      expect(warning).toMatch(/^config\.json was ignored: cutoverNamespace /);
    },
  );
});
