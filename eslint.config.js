import js from '@eslint/js';
import graphql from '@graphql-eslint/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The subgraph SDLs and the composed public API; supergraph.graphql is generated federation plumbing. */
const SCHEMA_FILES = ['schema/*.graphql'];

export default tseslint.config(
  { ignores: ['dist/', 'web/dist/', 'node_modules/', 'data/', '**/__generated__/', 'bench/peers/', 'bench/.work/', 'schema/supergraph.graphql'] },
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // graphql-shield's ESM build does not load on Node >= 23: lib/auth/shield.ts loads its CommonJS build.
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'graphql-shield', message: 'Import rules from lib/auth/shield.ts (its ESM build does not load on Node >= 23).', allowTypeImports: true }] }],
    },
  },
  {
    // Promises nobody awaits lose their errors (an unhandled rejection ends the process) and their ordering.
    // Typed linting: each file is checked with the types of the nearest tsconfig.json (web/tsconfig.json for web/src,
    // tsconfig.json for the rest); the three JavaScript files get a default project.
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'scripts/start.mjs', 'bench/lib/service-preload.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test runs what test() and describe() register; the promises they return are only for nesting.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Every type, field, argument, input field, enum value and directive of the schema is
    // described, so clients (and the composed schema/api.graphql) get documentation.
    files: SCHEMA_FILES,
    languageOptions: { parser: graphql.parser },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      '@graphql-eslint/require-description': [
        'error',
        { types: true, FieldDefinition: true, InputValueDefinition: true, EnumValueDefinition: true, DirectiveDefinition: true },
      ],
    },
  },
  // The web app runs in browsers.
  { files: ['web/src/**'], languageOptions: { globals: globals.browser } },
);
