/**
 * The executables as users run them (dist/bin: a launcher starting the program's bundle with V8's
 * code cache, packages/ecflow-ts/src/bin/launch.cts): the cache is made once, taken again only
 * when V8 rejects it, never read from a folder others can write, and whatever happens to it the
 * program's output stays the same.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const repo = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(repo, 'packages', 'ecflow-ts', 'dist', 'bin');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file, ...args], { env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/**
 * Our cache files in `dir`, with what identifies a write (a rewrite is a new file renamed in).
 * From Node 22, NODE_COMPILE_CACHE also has Node keep its own compile cache there, in folders.
 */
function caches(dir: string): { name: string; ino: number; bytes: Buffer }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.v8'))
    .sort()
    .map((name) => ({ name, ino: fs.statSync(path.join(dir, name)).ino, bytes: fs.readFileSync(path.join(dir, name)) }));
}

describe('the executables: their code cache, their name', () => {
  let tmp: string;
  let reference: Run;
  const client = path.join(bin, 'ecflow-client.cjs');
  // A failure that needs no server: the option's error, its usage text and exit code 1.
  const args = ['--meter=m'];
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-code-cache-test-'));
    reference = await run(client, args, { NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.equal(reference.code, 1, reference.stderr);
    assert.match(reference.stderr, /meter/);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('makes one cache in a folder of its own, then reads it without writing again', async () => {
    const dir = path.join(tmp, 'fresh', 'cache');
    assert.deepEqual(await run(client, args, { NODE_COMPILE_CACHE: dir }), reference);
    // Made 0700 by the launcher; from Node 22 Node itself may make it first (0755) for its own cache.
    assert.equal(fs.statSync(dir).mode & 0o022, 0, 'nobody else can write the folder');
    const first = caches(dir);
    assert.equal(first.length, 1, 'one cache file');
    assert.match(first[0]!.name, new RegExp(`^ecflow-client\\.bundle-${process.version.replaceAll('.', '\\.')}-${process.arch}-\\d+-\\d+\\.v8$`));
    assert.equal(fs.statSync(path.join(dir, first[0]!.name)).mode & 0o777, 0o600);
    assert.deepEqual(await run(client, ['--version'], { NODE_COMPILE_CACHE: dir }), await run(client, ['--version'], { NODE_DISABLE_COMPILE_CACHE: '1' }));
    assert.deepEqual(await run(client, args, { NODE_COMPILE_CACHE: dir }), reference);
    assert.deepEqual(caches(dir), first, 'an accepted cache is not written again');
  });

  it('takes a new cache when V8 rejects the one it finds, and drops those of earlier builds', async () => {
    const dir = path.join(tmp, 'rejected');
    await run(client, args, { NODE_COMPILE_CACHE: dir });
    const [made] = caches(dir);
    fs.writeFileSync(path.join(dir, made!.name), 'not a code cache');
    const earlier = made!.name.replace(/-\d+-(\d+)\.v8$/, '-1-$1.v8');
    fs.writeFileSync(path.join(dir, earlier), 'the cache of an earlier build');
    const otherNode = made!.name.replace(process.version, 'v1.0.0');
    fs.writeFileSync(path.join(dir, otherNode), 'the cache of another Node');

    assert.deepEqual(await run(client, args, { NODE_COMPILE_CACHE: dir }), reference);
    const after = caches(dir);
    assert.deepEqual(
      after.map((c) => c.name),
      [made!.name, otherNode].sort(),
      'the earlier build’s cache is gone, another Node’s is kept',
    );
    const remade = after.find((c) => c.name === made!.name)!;
    assert.notEqual(remade.bytes.toString(), 'not a code cache');
    assert.deepEqual(await run(client, args, { NODE_COMPILE_CACHE: dir }), reference);
    assert.equal(caches(dir).find((c) => c.name === made!.name)!.ino, remade.ino, 'the new cache is accepted');
  });

  it('uses no cache when told not to, or when others can write the folder', async () => {
    const off = path.join(tmp, 'off');
    assert.deepEqual(await run(client, args, { NODE_COMPILE_CACHE: off, NODE_DISABLE_COMPILE_CACHE: '1' }), reference);
    assert.deepEqual(caches(off), []);

    const open = path.join(tmp, 'open');
    fs.mkdirSync(open);
    fs.chmodSync(open, 0o777);
    assert.deepEqual(await run(client, args, { NODE_COMPILE_CACHE: open }), reference);
    assert.deepEqual(caches(open), [], 'nothing read from or written to a folder others can write');
  });

  it('ecflow-defs starts the same way', async () => {
    const dir = path.join(tmp, 'defs');
    const def = path.join(tmp, 'one.def');
    fs.writeFileSync(def, 'suite s\n  task t\nendsuite\n');
    const expected = await run(path.join(bin, 'ecflow-defs.cjs'), ['print', def], { NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.equal(expected.code, 0, expected.stderr);
    assert.deepEqual(await run(path.join(bin, 'ecflow-defs.cjs'), ['print', def], { NODE_COMPILE_CACHE: dir }), expected);
    assert.deepEqual(await run(path.join(bin, 'ecflow-defs.cjs'), ['print', def], { NODE_COMPILE_CACHE: dir }), expected);
    assert.deepEqual(
      caches(dir).map((c) => c.name.startsWith(`ecflow-defs.bundle-${process.version}-`)),
      [true],
    );
  });

  it('--help tells the reader to type the name the program was called by', async () => {
    const general = (r: Run) => r.stdout.split('\n').filter((l) => l.includes('--help=all'));
    const own = await run(client, ['--help'], { NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.equal(own.code, 0, own.stderr);
    assert.deepEqual(general(own).map((l) => l.trim().split(' ')[0]), ['ecflow-client']);
    // A drop-in: a link named ecflow_client.
    const link = path.join(tmp, 'ecflow_client');
    fs.symlinkSync(client, link);
    const dropIn = await run(link, ['--help'], { NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.deepEqual(general(dropIn).map((l) => l.trim().split(' ')[0]), ['ecflow_client']);
  });

  it('a launcher without its bundle says which file is missing, in one line', async () => {
    const broken = path.join(tmp, 'broken');
    fs.mkdirSync(broken);
    for (const f of ['ecflow-client.cjs', 'launch.cjs']) fs.copyFileSync(path.join(bin, f), path.join(broken, f));
    const r = await run(path.join(broken, 'ecflow-client.cjs'), ['--version'], { NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^ecflow-client\.cjs: cannot read .*ecflow-client\.bundle\.cjs: ENOENT[^\n]*\n$/);
  });
});
