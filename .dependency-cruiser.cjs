/**
 * The packages' import rules (`npm run deps:check`, run by scripts/test.sh):
 * - no import cycles in either package's sources: a layer imports the ones below it (design.md),
 *   and a cycle is the first sign that one concept lives in two places;
 * - ecflow-ts imports nothing but node: builtins and itself (it has no runtime dependencies, and
 *   knows nothing of the watchman);
 * - ecflow-watchman reaches ecflow-ts through its public exports only (`from 'ecflow-ts'`, which
 *   the root tsconfig maps to packages/ecflow-ts/src/index.ts), never a file behind them.
 * Type-only imports are left out: they are erased from the output (verbatimModuleSyntax), so a
 * module may name a type of the module that uses it (a class and its helpers' parameter types).
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: { path: '^packages/[^/]+/src/' }, to: { circular: true } },
    {
      name: 'ecflow-ts-builtins-only',
      severity: 'error',
      from: { path: '^packages/ecflow-ts/' },
      to: { dependencyTypesNot: ['local', 'core'] },
    },
    { name: 'ecflow-ts-not-watchman', severity: 'error', from: { path: '^packages/ecflow-ts/' }, to: { path: '^packages/ecflow-watchman/' } },
    {
      name: 'watchman-public-exports-only',
      severity: 'error',
      from: { path: '^packages/ecflow-watchman/' },
      to: { path: '^packages/ecflow-ts/', pathNot: '^packages/ecflow-ts/(src/index\\.ts|dist/index\\.(js|d\\.ts))$' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: false,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
  },
};
