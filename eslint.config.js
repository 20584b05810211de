import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', '**/__generated__/', 'bench/peers/', 'bench/.work/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // graphql-shield's ESM build does not load on Node >= 23: lib/shield.ts loads its CommonJS build.
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'graphql-shield', message: 'Import rules from lib/shield.ts (its ESM build does not load on Node >= 23).', allowTypeImports: true }] }],
    },
  },
);
