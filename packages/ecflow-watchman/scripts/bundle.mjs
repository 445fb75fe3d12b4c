/**
 * After tsc: the executable as ecflow-ts's are made (packages/ecflow-ts/scripts/bundle.mjs).
 * dist/cli.js, every module it imports and every dependency (fastify, redis, zod and the rest) as
 * one CommonJS file, dist/bin/ecflow-watchman.bundle.cjs, and the bin, dist/bin/ecflow-watchman.cjs,
 * which starts it with V8's code cache through ecflow-ts's launcher (its src/bin/launch.cts, as
 * it ships in dist/bin/launch.cjs, bundled into the bin: one launcher, and no path into ecflow-ts
 * at run time).
 * Resolving, reading and linking the hundreds of modules of the unbundled program cost a start
 * about 0.6 s of CPU and 25 MB of memory, and compiling the bundle's functions 0.2 s more.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const bin = path.join(dist, 'bin');
const program = path.join(bin, 'ecflow-watchman.bundle.cjs');
const launcher = path.join(bin, 'ecflow-watchman.cjs');

/**
 * A module's `import.meta.url` (CommonJS has none) becomes the URL the module has unbundled: the
 * file is still in dist/ beside the bundle, and what it finds next to itself is there too (the
 * dashboard's compiled script, dashboard/routes.js).
 */
const importMetaUrl = {
  name: 'import-meta-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const relative = path.relative(bin, args.path).split(path.sep).join('/');
      const url = `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(relative)})).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'js' };
    });
  },
};

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minifyWhitespace: true, minifySyntax: true, legalComments: 'none', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: [path.join(dist, 'cli.js')],
  outfile: program,
  plugins: [importMetaUrl],
  // Wrapped as CommonJS wraps a module, so that the launcher compiles the file's text as it is.
  banner: { js: '// ecflow-watchman: dist/cli.js, its modules and its dependencies, bundled (see scripts/bundle.mjs); ecflow-watchman.cjs runs it.\n(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '\n})' },
});
// The launcher reads the bundle as Latin-1, which is exact for ASCII (esbuild escapes the rest in literals).
const bytes = fs.readFileSync(program);
const at = bytes.findIndex((b) => b > 0x7f);
if (at >= 0) throw new Error(`ecflow-watchman.bundle.cjs: byte ${at} is not ASCII`);

const ecflowTs = path.dirname(fileURLToPath(import.meta.resolve('ecflow-ts/package.json')));
await build({
  ...common,
  stdin: {
    contents: `require(${JSON.stringify(path.join(ecflowTs, 'dist/bin/launch.cjs'))}).launch(__dirname + '/ecflow-watchman.bundle.cjs');`,
    resolveDir: root,
    loader: 'js',
  },
  outfile: launcher,
  banner: { js: "#!/usr/bin/env node\n// The ecflow-watchman executable: starts ecflow-watchman.bundle.cjs with V8's code cache (ecflow-ts's bin/launch.cts)." },
});
fs.chmodSync(launcher, 0o755);
fs.chmodSync(program, 0o644);
