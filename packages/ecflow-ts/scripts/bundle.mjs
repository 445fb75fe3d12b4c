/**
 * After tsc: each executable's program (dist/cli/<name>.js and every module it imports) as one
 * CommonJS file, dist/bin/<name>.bundle.cjs, which bin/launch.cts starts with V8's code cache.
 * One file, because resolving, reading and linking some 130 ES modules was most of a start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * `import fs from 'node:fs'` becomes `require('node:fs')` itself. esbuild's own interop copies
 * every property of the builtin into a new object (about a millisecond of every start for fs, os,
 * path, net); a builtin's default export is the module object, so nothing needs the copy. Only the
 * builtins the sources import by default are listed: a named import from one of them would fail
 * the build ("No matching export"), not the program.
 */
const DEFAULT_IMPORTED = /^node:(fs|os|path|net|diagnostics_channel)$/;
const builtinDefaults = {
  name: 'builtin-defaults',
  setup(build) {
    build.onResolve({ filter: DEFAULT_IMPORTED }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin-default' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'builtin-default' }, (args) => ({ contents: `export default require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
for (const name of ['ecflow-client', 'ecflow-defs']) {
  await build({
    entryPoints: [path.join(dist, 'cli', `${name}.js`)],
    outfile: path.join(dist, 'bin', `${name}.bundle.cjs`),
    bundle: true,
    plugins: [builtinDefaults],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Wrapped here as CommonJS wraps a module, so that the launcher compiles the file's text as it
    // is: wrapping at each start would copy half a megabyte of source on the heap.
    banner: { js: `// ${name}: dist/cli/${name}.js and its modules, bundled (see scripts/bundle.mjs); bin/launch.cjs runs it.\n(function (exports, require, module, __filename, __dirname) {` },
    footer: { js: '\n})' },
    // Less to read and to keep in memory at each start; names are kept for the stacks of
    // ECFLOW_TS_DEBUG.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // The launcher reads the bundle as Latin-1, which is exact and fastest for ASCII (esbuild
  // escapes the rest in literals, and comments are gone).
  const bytes = fs.readFileSync(path.join(dist, 'bin', `${name}.bundle.cjs`));
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at >= 0) throw new Error(`${name}.bundle.cjs: byte ${at} is not ASCII`);
  // The launchers (tsc's output) run as they are, as npm's links to them do; the bundles are not programs.
  fs.chmodSync(path.join(dist, 'bin', `${name}.cjs`), 0o755);
  fs.chmodSync(path.join(dist, 'bin', `${name}.bundle.cjs`), 0o644);
}
