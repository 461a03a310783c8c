// ESLint flat config for the whole repository: typescript-eslint's strict, type-aware rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/test return promises the runner itself awaits.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'test', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    // The SPL language is its own package: it does no I/O and imports nothing from the service or the plugins.
    files: ['packages/spl/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/datasource-server/**',
                '**/plugin/**',
                'nexus-api',
                'nexus-api/*',
                'nexus-grafana-plugins',
              ],
              message: 'The SPL language imports nothing from the service or the plugins.',
            },
            {
              group: [
                'node:*',
                'fs',
                'fs/*',
                'net',
                'http',
                'https',
                'child_process',
                'worker_threads',
                'chdb',
                '@clickhouse/*',
              ],
              message: 'The SPL language does no I/O: the service passes what it needs as arguments.',
            },
          ],
        },
      ],
    },
  },
  {
    // Everything else uses the language by its package name, never by a relative path into it.
    files: ['datasource-server/**/*.ts', 'plugin/**/*.ts', 'plugin/**/*.tsx', 'tests/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/packages/spl/**', '**/datasource-server/src/**'],
              message: 'Import the SPL language as `@nexus/spl` (or `@nexus/spl/parser`, `@nexus/spl/wire`).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // CommonJS test stand-ins (plugin/test/frontend/stubs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
