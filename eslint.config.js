// Lint: typescript-eslint's recommended rules plus the import boundaries of ARCHITECTURE.md.
import tseslint from 'typescript-eslint';

const noElectron = {
  paths: [{ name: 'electron', message: 'Only main/electron/ may import electron: the core runs in plain Node.' }],
  patterns: [{ group: ['electron/*'], message: 'Only main/electron/ may import electron.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-results/**', '**/*.cjs', 'sim/schema/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Type-aware: a promise nobody awaits or catches is how a full disk once killed `serve` (an
    // unhandled rejection from the outbox); product code may not leave one.
    files: ['kernel/**/*.ts', 'main/**/*.ts', 'drivers/**/*.ts', 'db/**/*.ts', 'sim/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
    },
  },
  {
    files: ['kernel/**', 'drivers/**', 'db/**', 'sim/**', 'test/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['main/**'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    // The renderer knows the contract's types and nothing of its transport or the core.
    files: ['renderer/**'],
    // the build's own config runs in Node, not in the page
    ignores: ['renderer/vite.config.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer never imports electron.' }],
        patterns: [
          // One exception: main/contract/client.ts is the browser-safe WebSocket client of the
          // contract (type imports only, no node modules); the renderer uses it when no preload
          // provides a client. Everything else in main/ stays types-only.
          { regex: '(^|/)main/(?!contract/client$)', allowTypeImports: true, message: 'renderer/ imports only types from main/.' },
          { group: ['**/db/**', '**/sim/**', 'node:*'], message: 'renderer/ runs in a browser: no core, db or node modules.' },
        ],
      }],
    },
  },
);
