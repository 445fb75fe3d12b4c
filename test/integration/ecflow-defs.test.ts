/** The ecflow-defs command line, as a suite author's CI would run it (the built bin). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const repo = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(repo, 'packages', 'ecflow-ts', 'dist', 'bin', 'ecflow-defs.cjs');
const corpus = path.resolve(repo, '..', 'shared', 'ecflow-corpus');
const verdicts = JSON.parse(fs.readFileSync(path.join(corpus, 'verdicts.json'), 'utf8')) as Record<string, 'accept' | 'reject'>;

function defs(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('ecflow-defs', () => {
  const accepted = Object.keys(verdicts).filter((f) => verdicts[f] === 'accept' && f.includes('good_defs')).slice(0, 20);
  const rejected = Object.keys(verdicts).filter((f) => verdicts[f] === 'reject' && f.includes('bad_defs')).slice(0, 20);

  it('check: exit 0 for good files, 1 with file:line: message for bad ones', async () => {
    const good = await defs(['check', ...accepted.map((f) => path.join(corpus, 'files', f))]);
    assert.equal(good.code, 0, good.stderr);
    for (const f of rejected) {
      const file = path.join(corpus, 'files', f);
      const bad = await defs(['check', file]);
      assert.equal(bad.code, 1, f);
      assert.match(bad.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: \\S`), f);
      assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('print: DEFS style byte-identical to ecFlow', async () => {
    for (const f of accepted.slice(0, 8)) {
      const out = await defs(['print', path.join(corpus, 'files', f)]);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(out.stdout, fs.readFileSync(path.join(corpus, 'expected', `${f}.expected`), 'latin1'), f);
    }
  });

  it('print --style net/migrate/state re-reads to the same definition', async () => {
    const file = path.join(corpus, 'files', accepted[0]!);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-defs-'));
    try {
      for (const style of ['net', 'migrate', 'state']) {
        const out = await defs(['print', file, '--style', style]);
        assert.equal(out.code, 0, out.stderr);
        const again = path.join(dir, `${style}.def`);
        fs.writeFileSync(again, out.stdout, 'latin1');
        assert.equal((await defs(['print', again, '--style', style])).stdout, out.stdout, style);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--ecflow-version: read, checked and printed as that release does', async () => {
    const corpus17 = path.resolve(repo, '..', 'shared', 'ecflow-corpus-5.17.0');
    for (const f of ['repeat/repeat_datetime.def', 'aviso/aviso.def', 'mirror/mirror.def'].map((p) => `libs/node/test/parser/data/good_defs/${p}`)) {
      const file = path.join(corpus17, 'files', f);
      const out = await defs(['print', file, '--ecflow-version', '5.17.0']);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(out.stdout, fs.readFileSync(path.join(corpus17, 'expected', `${f}.expected`), 'latin1'), f);
      assert.equal((await defs(['check', file, '--ecflow-version', '5.17.0'])).code, 0, f);
      // 5.9.2 knew none of these keywords
      const old = await defs(['check', file, '--ecflow-version', '5.9.2']);
      assert.equal(old.code, 1, f);
      assert.match(old.stderr, /:\d+: \S/, f);
    }
    const state = await defs(['print', path.join(corpus, 'files', accepted[0]!), '--style', 'state', '--ecflow-version', '5.17.0']);
    assert.match(state.stdout, /^#5\.17\.0\n/);
  });

  it('bad usage and missing files get a clear error and exit 1', async () => {
    for (const args of [[], ['bogus'], ['print'], ['print', 'a', 'b'], ['print', accepted[0]!, '--style', 'fancy'], ['check', '/no/such/file.def'], ['print', accepted[0]!, '--ecflow-version', 'latest']]) {
      const out = await defs(args);
      assert.equal(out.code, 1, args.join(' '));
      assert.ok(out.stderr.length > 0, args.join(' '));
      assert.doesNotMatch(out.stderr, /\n\s+at /, 'no stack trace');
    }
  });
});
