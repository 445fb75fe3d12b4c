/**
 * The repository's two packages as npm publishes them (`npm pack` of each, from the built dist/):
 * ecflow-ts has no runtime dependencies — its tarball, installed alone into an empty project
 * offline with `--omit=dev`, brings nothing else, and its `ecflow-client`/`ecflow-defs` bins and
 * `import('ecflow-ts')` work there — and ecflow-watchman's built code imports ecflow-ts only by its
 * name (the public exports), and otherwise only the dependencies it declares and node: builtins.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { VERSION as LIBRARY_VERSION } from '../../packages/ecflow-ts/src/version.js';
import { VERSION as WATCHMAN_VERSION } from '../../packages/ecflow-watchman/src/version.js';

const repo = path.resolve(import.meta.dirname, '..', '..');
const lib = path.join(repo, 'packages', 'ecflow-ts');
const watchman = path.join(repo, 'packages', 'ecflow-watchman');

interface PackageJson {
  name: string;
  version: string;
  bin?: Record<string, string>;
  exports?: unknown;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  bundleDependencies?: string[];
}
const manifest = (dir: string): PackageJson => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;

/** npm with none of the settings an enclosing `npm run` would pass down (its workspace, its prefix). */
function npm(args: string[], cwd: string): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return run('npm', args, cwd, env);
}

function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, env, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} (in ${cwd}): ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** `npm pack` of a package's current dist/ (no build: scripts/setup.sh built it), into `dest`. */
async function pack(dir: string, dest: string): Promise<{ tarball: string; files: string[] }> {
  const out = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dest], dir);
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  return { tarball: path.join(dest, info!.filename), files: info!.files.map((f) => f.path) };
}

/**
 * Each package's LICENSE is the repository's, and each source map it packs carries the sources it
 * names (the packages ship dist/, not src/), so that a stack or a debugger shows real lines.
 */
function shipsWhatItsMapsName(dir: string, files: readonly string[]): void {
  assert.equal(fs.readFileSync(path.join(dir, 'LICENSE'), 'utf8'), fs.readFileSync(path.join(repo, 'LICENSE'), 'utf8'), `${dir}/LICENSE is the repository's`);
  const maps = files.filter((f) => f.endsWith('.map'));
  assert.ok(maps.length > 0);
  for (const f of maps) {
    const map = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
    const missing = map.sources.filter((source, i) => typeof map.sourcesContent?.[i] !== 'string' && !files.includes(path.posix.join(path.posix.dirname(f), source)));
    assert.deepEqual(missing, [], `${f} names sources the package does not carry`);
  }
}

/** Every module specifier of the built JavaScript files under `dir` (but those of `skip`, relative to it) that is not relative. */
function bareImports(dir: string, skip: readonly string[] = []): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if ((p.endsWith('.js') || p.endsWith('.cjs')) && !skip.includes(path.relative(dir, p))) {
        const text = fs.readFileSync(p, 'utf8');
        // ES imports, and in the executables' CommonJS bundles and launchers, require().
        for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) {
          const spec = m[1] ?? m[2] ?? m[3] ?? m[4]!;
          if (!spec.startsWith('.')) found.set(spec, path.relative(dir, p));
        }
      }
    }
  };
  walk(dir);
  return found;
}

const builtin = (spec: string): boolean => spec.startsWith('node:') || builtinModules.includes(spec);
/** The package a bare specifier names: `@scope/name` or `name`. */
const packageOf = (spec: string): string => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

describe('the packages', () => {
  let tmp: string;
  before(() => {
    for (const dir of [lib, watchman]) {
      assert.ok(fs.existsSync(path.join(dir, 'dist', 'index.js')), `${dir}/dist is missing: run npm run build`);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-packages-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('each version constant is its package.json version', () => {
    assert.equal(LIBRARY_VERSION, manifest(lib).version);
    assert.equal(WATCHMAN_VERSION, manifest(watchman).version);
  });

  it('ecflow-ts declares no runtime dependencies, and its built code imports only node: builtins', () => {
    const m = manifest(lib);
    assert.equal(m.name, 'ecflow-ts');
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
      assert.deepEqual(m[field] ?? {}, {}, `ecflow-ts's ${field}`);
    }
    assert.equal(m.bundleDependencies, undefined);
    const outside = [...bareImports(path.join(lib, 'dist'))].filter(([spec]) => !builtin(spec));
    assert.deepEqual(outside, [], 'imports of anything but node: builtins (specifier, file)');
  });

  it('ecflow-ts packs dist/ only, and installed alone offline it brings nothing else and runs', async () => {
    const { tarball, files } = await pack(lib, tmp);
    assert.deepEqual(files.filter((f) => !f.startsWith('dist/')).sort(), ['LICENSE', 'README.md', 'package.json'], 'files packed beside dist/');
    assert.ok(files.includes('dist/index.js') && files.includes('dist/index.d.ts'));
    shipsWhatItsMapsName(lib, files);
    for (const name of ['ecflow-client', 'ecflow-defs']) {
      assert.ok(files.includes(`dist/bin/${name}.cjs`) && files.includes(`dist/bin/${name}.bundle.cjs`), `${name}'s launcher and bundle packed`);
    }
    assert.ok(!files.some((f) => f.includes('watchman')), 'the watchman is not in the client package');

    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
    await npm(['install', '--omit=dev', '--offline', '--ignore-scripts', '--no-package-lock', tarball], app);
    const installed = fs.readdirSync(path.join(app, 'node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepEqual(installed, ['ecflow-ts'], 'packages installed with ecflow-ts');

    const bin = path.join(app, 'node_modules', '.bin');
    const version = await run(path.join(bin, 'ecflow-client'), ['--version'], app);
    assert.match(version, new RegExp(`^Ecflow version\\(5\\.\\d+\\.\\d+\\) ecflow-ts\\(${LIBRARY_VERSION.replaceAll('.', '\\.')}\\) node\\(v\\d+`));
    const def = path.join(tmp, 'one.def');
    fs.writeFileSync(def, 'suite s\n  task t\nendsuite\n');
    await run(path.join(bin, 'ecflow-defs'), ['check', def], app);

    const script = [
      "const m = await import('ecflow-ts');",
      "const defs = m.parseDefs('suite s\\n  family f\\n    task t\\n  endfamily\\nendsuite\\n');",
      "console.log(JSON.stringify({ client: typeof m.Client, node: m.findNode(defs, '/s/f/t')?.name, env: typeof m.ClientEnvironment, error: new m.ServerError('x') instanceof m.EcflowError }));",
    ].join('\n');
    const out = await run(process.execPath, ['--input-type=module', '--eval', script], app);
    assert.deepEqual(JSON.parse(out), { client: 'function', node: 't', env: 'function', error: true });
  });

  it('ecflow-watchman depends on ecflow-ts by name, and imports only its declared dependencies and node: builtins', async () => {
    const m = manifest(watchman);
    assert.equal(m.name, 'ecflow-watchman');
    assert.deepEqual(Object.keys(m.bin ?? {}), ['ecflow-watchman']);
    assert.equal(m.dependencies?.['ecflow-ts'], manifest(lib).version);
    const declared = new Set(Object.keys(m.dependencies ?? {}));
    // The bundle holds the dependencies' own code, requires in the text of code they generate
    // included: it is run alone below instead.
    const imports = bareImports(path.join(watchman, 'dist'), ['bin/ecflow-watchman.bundle.cjs']);
    const undeclared = [...imports].filter(([spec]) => !builtin(spec) && !declared.has(packageOf(spec)));
    assert.deepEqual(undeclared, [], 'imports of undeclared packages (specifier, file)');
    // ecflow-ts's public exports only: the package's name, no path into it.
    const deep = [...imports].filter(([spec]) => packageOf(spec) === 'ecflow-ts' && spec !== 'ecflow-ts');
    assert.deepEqual(deep, [], 'imports of a path inside ecflow-ts');
    assert.ok(imports.has('ecflow-ts'));

    const { files } = await pack(watchman, tmp);
    assert.deepEqual(files.filter((f) => !f.startsWith('dist/')).sort(), ['LICENSE', 'README.md', 'openapi/watchman.yaml', 'package.json', 'prometheus/grafana-dashboard.json', 'prometheus/rules.yml'], 'files packed beside dist/');
    shipsWhatItsMapsName(watchman, files);
    assert.ok(files.includes('dist/cli.js') && files.includes('dist/index.js') && files.includes('dist/index.d.ts') && files.includes('dist/dashboard/browser/app.js'));
    // The bin launches the bundle, every dependency inside: the two copied alone into an empty folder run.
    assert.equal(m.bin?.['ecflow-watchman'], './dist/bin/ecflow-watchman.cjs');
    assert.ok(files.includes('dist/bin/ecflow-watchman.cjs') && files.includes('dist/bin/ecflow-watchman.bundle.cjs'), 'the launcher and the bundle packed');
    const alone = path.join(tmp, 'alone');
    fs.mkdirSync(alone);
    for (const f of ['ecflow-watchman.cjs', 'ecflow-watchman.bundle.cjs']) fs.copyFileSync(path.join(watchman, 'dist', 'bin', f), path.join(alone, f));
    const config = path.join(alone, 'watchman.yaml');
    fs.writeFileSync(config, 'scrape_configs:\n  - {owner: o, repo: r, host: h, port: 3141}\nsink_config: {type: redis, url: "127.0.0.1:6379"}\n');
    assert.match(await run(process.execPath, [path.join(alone, 'ecflow-watchman.cjs'), 'version'], alone), new RegExp(`^ecflow-watchman ${WATCHMAN_VERSION.replaceAll('.', '\\.')} `));
    assert.equal(await run(process.execPath, [path.join(alone, 'ecflow-watchman.cjs'), 'check-config', '--config-file', config], alone), `${config}: ok: 1 server (o/r)\n`);
  });
});
