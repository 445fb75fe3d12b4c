/**
 * The packages' import rules (`npm run deps:check`, run by scripts/test.sh):
 * - no import cycles in either package's sources: a layer imports the ones below it (design.md),
 *   and a cycle is the first sign that one concept lives in two places;
 * - ecflow-ts imports nothing but node: builtins and itself (it has no runtime dependencies, and
 *   knows nothing of the watchman);
 * - ecflow-watchman reaches ecflow-ts through its public exports only (`from 'ecflow-ts'`, which
 *   the root tsconfig maps to packages/ecflow-ts/src/index.ts), never a file behind them.
 * Type-only imports count too (a cycle of types is still one concept in two places), with one
 * exception: the model's nodes (defs/model.ts) keep Python's Node methods for generated variables
 * and substitution, whose bodies live in defs/generated.ts and take the model's types.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: '^packages/ecflow-ts/src/defs/(model|generated)\\.ts$' },
      to: { circular: true },
    },
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
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
  },
};
