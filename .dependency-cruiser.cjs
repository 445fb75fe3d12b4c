/**
 * No import cycles in src/ (`npm run deps:check`, run by scripts/test.sh): a layer imports the
 * ones below it (design.md), and a cycle is the first sign that one concept lives in two places.
 * Type-only imports are left out: they are erased from the output (verbatimModuleSyntax), so a
 * module may name a type of the module that uses it (a class and its helpers' parameter types).
 */
module.exports = {
  forbidden: [{ name: 'no-circular', severity: 'error', from: { path: '^src/' }, to: { circular: true } }],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: false,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
