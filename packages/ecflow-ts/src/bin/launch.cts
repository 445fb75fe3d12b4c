/**
 * Starts a command-line program from its one-file bundle with V8's code cache: a job calls
 * `ecflow-client` at every step (--init, events, meters, labels, --complete), and most of a start
 * would otherwise be Node resolving, reading and compiling the program's modules. The cache is
 * taken after the first run, so it holds the functions that run compiled (what Node's own compile
 * cache, which keeps only what was compiled before running, does not), and is taken again when V8
 * rejects it (another Node, other V8 flags). It lives in a folder of the user's own, as Node's
 * compile cache does: NODE_COMPILE_CACHE names it, NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 * Anything wrong with the cache only costs the start-up it would have saved.
 */
const fs = require('node:fs') as typeof import('node:fs');
const path = require('node:path') as typeof import('node:path');
const vm = require('node:vm') as typeof import('node:vm');

/**
 * Starts `bundle`. `v8Flags` are set first, so that the code cache is made and checked under them
 * (V8 rejects a cache made under other flags).
 */
function launch(bundle: string, v8Flags?: string): void {
  if (v8Flags !== undefined) (require('node:v8') as typeof import('node:v8')).setFlagsFromString(v8Flags);
  let source: string;
  try {
    source = fs.readFileSync(bundle, 'latin1'); // ASCII: scripts/bundle.mjs checks it
  } catch (error) {
    // A broken installation: say which file, not Node's stack.
    process.stderr.write(`${path.basename(process.argv[1] ?? bundle)}: cannot read ${bundle}: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const cacheFile = cachePath(bundle);
  let cachedData: Buffer | undefined;
  if (cacheFile !== undefined) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // none yet: this run makes it
    }
  }
  // The bundle is one function in CommonJS's wrapper (scripts/bundle.mjs), given the launcher's require (Node's builtins only).
  const script = new vm.Script(source, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    process.once('exit', () => save(cacheFile, bundle, script));
  }
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, bundle, path.dirname(bundle));
}

module.exports = { launch };

/**
 * `<dir>/<bundle>-<node>-<arch>-<size>-<mtime>.v8`: one cache per Node and per build of the
 * bundle, so that hosts or users with other Nodes do not take turns rewriting one file. Undefined
 * when turned off, or when the folder is not the user's own (a cache is code that will be run).
 */
function cachePath(bundle: string): string | undefined {
  const env = process.env;
  if (env.NODE_DISABLE_COMPILE_CACHE === '1') return undefined;
  try {
    const uid = process.getuid?.() ?? 0;
    const dir = env.NODE_COMPILE_CACHE ? path.resolve(env.NODE_COMPILE_CACHE) : path.join((require('node:os') as typeof import('node:os')).tmpdir(), `ecflow-ts-code-cache-${uid}`);
    let folder = statOrUndefined(dir);
    if (folder === undefined) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      folder = fs.lstatSync(dir);
    }
    if (!folder.isDirectory() || folder.uid !== uid || (folder.mode & 0o022) !== 0) return undefined;
    const file = fs.statSync(bundle);
    return path.join(dir, `${cacheStem(bundle)}${file.size}-${Math.trunc(file.mtimeMs)}.v8`);
  } catch {
    return undefined;
  }
}

/** What the caches of `bundle` under this Node share: those of earlier builds are removed. */
function cacheStem(bundle: string): string {
  return `${path.basename(bundle, '.cjs')}-${process.version}-${process.arch}-`;
}

function statOrUndefined(dir: string): import('node:fs').Stats | undefined {
  try {
    return fs.lstatSync(dir);
  } catch {
    return undefined;
  }
}

/**
 * Written aside and renamed, so that jobs starting at the same moment never read half a cache;
 * then the caches of earlier builds of the bundle under this Node go (one file per upgrade would
 * pile up otherwise).
 */
function save(cacheFile: string, bundle: string, script: import('node:vm').Script): void {
  const aside = `${cacheFile}.${process.pid}`;
  try {
    fs.writeFileSync(aside, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(aside, cacheFile);
    const dir = path.dirname(cacheFile);
    const stem = cacheStem(bundle);
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(stem) && name.endsWith('.v8') && name !== path.basename(cacheFile)) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    try {
      fs.rmSync(aside, { force: true });
    } catch {
      // nothing more to do: the next run tries again
    }
  }
}
