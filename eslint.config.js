import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import jestDom from 'eslint-plugin-jest-dom';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import storybook from 'eslint-plugin-storybook';
import testingLibrary from 'eslint-plugin-testing-library';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Import boundaries (docs/architecture.md "Import boundaries"), checked on the resolved path of
// every import, relative or `@/`, so neither spelling slips past.
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

// The pure domain: zod and each other only (no React, TanStack, DOM), so the simulator and any
// test can import them.
const pureModules = [
  'features/sovereignty/cutover.ts',
  'features/sovereignty/cutover-state.ts',
  'features/sovereignty/steps.ts',
  'features/sovereignty/progress.ts',
  'features/sovereignty/guidance.ts',
  'features/sovereignty/run-clock.ts',
  'features/sovereignty/attempts.ts',
  'features/sovereignty/attempt-history.ts',
  'features/sovereignty/attempt-fold.ts',
  'features/sovereignty/run-durations.ts',
  'features/sovereignty/proof.ts',
  'features/sovereignty/tab-status.ts',
  'features/sovereignty/events.ts',
  'features/sovereignty/api/poll-policy.ts',
  'features/sovereignty/api/frame-effect.ts',
  'features/sovereignty/subtitles.ts',
  'lib/instant.ts',
];
const pureMessage = 'A pure domain module imports only zod and the other pure modules.';

const boundaryZones = [
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'Features never import each other: move what they share to src/components or src/lib.',
  })),
  {
    target: './src/features',
    from: './src/app',
    message: 'Only src/app composes; import downwards.',
  },
  {
    target: ['./src/components', './src/lib'],
    from: ['./src/features', './src/app'],
    message: 'Shared code must not depend on a feature or the app.',
  },
  {
    target: pureModules.map((file) => `./src/${file}`),
    from: './src',
    except: pureModules.map((file) => `./${file}`),
    message: pureMessage,
  },
  {
    target: pureModules.map((file) => `./src/${file}`),
    from: ['./mocks', './tests', './scripts'],
    message: pureMessage,
  },
  {
    target: pureModules.map((file) => `./src/${file}`),
    from: './node_modules',
    except: ['./zod'],
    message: pureMessage,
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-demo',
      'storybook-static',
      'coverage',
      'artifacts',
      'reports',
      '.stryker-tmp',
      'public/mockServiceWorker.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // The TypeScript preset's parsers and extensions, so no-cycle reads .ts/.tsx dependencies.
      ...Object.fromEntries(
        Object.entries(importX.flatConfigs.typescript.settings).filter(
          ([key]) => key !== 'import-x/resolver',
        ),
      ),
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: import.meta.dirname + '/tsconfig.json' }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: boundaryZones },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'mocks/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    extends: [jsxA11y.flatConfigs.recommended, ...pluginQuery.configs['flat/recommended']],
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-refresh/only-export-components': ['warn', { allowConstantExport: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          ignoreRestSiblings: true,
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
  {
    // Context modules export their provider with its hooks, on purpose.
    files: ['src/lib/**/*.tsx'],
    rules: { 'react-refresh/only-export-components': 'off' },
  },
  {
    files: pureModules.map((file) => `src/${file}`),
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'localStorage',
        'sessionStorage',
        'navigator',
        'location',
        'history',
        'fetch',
        'EventSource',
      ],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'tests/**', 'mocks/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'react-refresh/only-export-components': 'off',
    },
  },
  {
    // Component tests, and the hook and DOM tests written with Testing Library.
    files: ['**/*.test.tsx', '**/*.test.ts'],
    extends: [testingLibrary.configs['flat/react'], jestDom.configs['flat/recommended']],
    rules: {
      // Off: these tests assert markup no role query reaches (<bdi> isolation, <time datetime>,
      // favicon links in <head>, injected <b>/<img>), and jsdom's body is the container anyway.
      'testing-library/no-node-access': 'off',
      'testing-library/no-container': 'off',
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
  // Story files (*.stories.tsx) and .storybook/main.ts: docs/component-review.md.
  ...storybook.configs['flat/recommended'],
  prettier,
);
