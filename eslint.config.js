import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import prettier from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import storybook from 'eslint-plugin-storybook';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Import zones (docs/architecture.md): shared code never imports a feature or the app; features
// never import the app; the pure domain module imports nothing but zod and its own folder.
const noAppImports = { group: ['@/app/*'], message: 'Only src/app composes; import downwards.' };
const noFeatureImports = {
  group: ['@/features/*'],
  message: 'Shared code must not depend on a feature.',
};

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
    files: ['src/components/**', 'src/lib/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAppImports, noFeatureImports] }] },
  },
  {
    files: ['src/features/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAppImports] }] },
  },
  {
    files: [
      'src/features/sovereignty/cutover.ts',
      'src/features/sovereignty/progress.ts',
      'src/features/sovereignty/guidance.ts',
      'src/features/sovereignty/run-clock.ts',
      'src/features/sovereignty/attempts.ts',
      'src/features/sovereignty/proof.ts',
      'src/features/sovereignty/tab-status.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/*', 'react', 'react-dom', 'react-*', '@tanstack/*'],
              message: 'The domain module is pure: zod and relative imports only.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator'],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'tests/**', 'mocks/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'react-refresh/only-export-components': 'off',
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
  // Story files (*.stories.tsx) and .storybook/main.ts: docs/component-review.md.
  ...storybook.configs['flat/recommended'],
  prettier,
);
