/**
 * After tsc: the executable (dist/cli.js, every module it imports and every dependency, fastify,
 * redis, zod and the rest) as one CommonJS file, dist/bin/ecflow-watchman.cjs, the package's bin.
 * Resolving, reading and linking the hundreds of modules of the unbundled program cost a start about
 * 0.6 s of CPU and 25 MB of memory, as much as the watchman's first scrapes of twenty servers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const outfile = path.join(dist, 'bin', 'ecflow-watchman.cjs');

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
      const relative = path.relative(path.dirname(outfile), args.path).split(path.sep).join('/');
      const url = `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(relative)})).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'js' };
    });
  },
};

await build({
  entryPoints: [path.join(dist, 'cli.js')],
  outfile,
  bundle: true,
  plugins: [importMetaUrl],
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  banner: { js: '// ecflow-watchman: dist/cli.js, its modules and its dependencies, bundled (see scripts/bundle.mjs).' },
  // Less to read and to keep in memory; names are kept for the stacks in logs.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
fs.chmodSync(outfile, 0o755);
