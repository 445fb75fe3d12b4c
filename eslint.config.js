// @ts-check
/**
 * typescript-eslint's type-checked rules over the sources, tests and benchmarks (`npm run lint`,
 * run by scripts/test.sh; zero findings). A promise must be awaited, returned or explicitly
 * `void`ed (no-floating-promises): a dropped one is a request whose failure nobody sees.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/', 'docs/api/', '**/node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // node:test's describe/it/test return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      // An async function that awaits nothing still keeps the contract its callers rely on (a
      // fastify plugin, a guard, a test double): its throws become rejections.
      '@typescript-eslint/require-await': 'off',
      // Walking up the tree starts from `this`.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['n'] }],
      // A leading underscore names what a signature must have and the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read replies as JSON (`any`) and assert on what they find; they match terminal escapes.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    // Messages about a memento of an unexpected shape name the value found, whatever it is.
    files: ['packages/ecflow-ts/src/sync/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    // The dashboard's browser script: its tsconfig has Node's types only for the API modules whose
    // types it names; the browser has none of Node's globals.
    files: ['packages/ecflow-watchman/src/dashboard/browser/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', 'process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate', 'clearImmediate'] },
  },
  {
    // The executables' launchers are CommonJS (started before any ES module loader), where
    // verbatimModuleSyntax and erasableSyntaxOnly leave require() as the one way to import.
    files: ['packages/ecflow-ts/src/bin/*.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    // CommonJS scripts (bench/cli/floor.cjs): require() is how they import.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
