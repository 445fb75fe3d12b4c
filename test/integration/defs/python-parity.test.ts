// Parity with the Python ecflow 5.9.2 module: the same definition printed in DEFS, NET, MIGRATE and
// STATE styles by `Defs.save_as_defs` and by printDefs must be byte-identical. The inputs are the corpus
// files round-tripped through MIGRATE (so they carry the module's server variables) and a NET text
// captured from a live server with nodes in every state.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseDefs, printDefs, type PrintStyleName } from '../../../packages/ecflow-ts/src/defs/index.js';
import { havePython, python, pythonEnv } from '../../helpers/python-client.js';
import { TEST_VERSION } from '../../helpers/ecflow-builds.js';
import { since } from '../../../packages/ecflow-ts/src/versions.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');
const corpus = path.resolve(repoRoot, '..', 'shared', 'ecflow-corpus');
const hasPython = havePython();

const SCRIPT = String.raw`
import ecflow, json, sys, os
jobs = json.load(sys.stdin)
outdir = sys.argv[1]
styles = {'defs': ecflow.Style.DEFS, 'state': ecflow.Style.STATE, 'migrate': ecflow.Style.MIGRATE, 'net': ecflow.Style(4)}
out = {}
for i, (name, path, via_migrate) in enumerate(jobs):
    try:
        d = ecflow.Defs(path)
        res = {}
        if via_migrate:
            src = os.path.join(outdir, '%d.migrate' % i)
            d.save_as_defs(src, ecflow.Style.MIGRATE)
            res['input'] = src
            d = ecflow.Defs(src)
        else:
            res['input'] = path
        for s, v in styles.items():
            f = os.path.join(outdir, 'o')
            d.save_as_defs(f, v)
            res[s] = open(f, encoding='latin1').read()
        out[name] = res
    except Exception as e:
        out[name] = {'error': str(e)}
json.dump(out, sys.stdout)
`;

type PyResult = { input: string; defs: string; state: string; migrate: string; net: string } | { error: string };

function runPython(jobs: [string, string, boolean][], outdir: string): Record<string, PyResult> {
  const r = spawnSync(python, ['-c', SCRIPT, outdir], { env: pythonEnv(), input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, PyResult>;
}

describe('parity with the Python ecflow module', { skip: hasPython ? false : 'no /usr/bin/python3 with ecflow' }, () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'ecflow-ts-parity-'));
  after(() => rmSync(outdir, { recursive: true, force: true }));

  const jobs: [string, string, boolean][] = [['live-get.net', path.join(here, '..', '..', 'unit', 'defs', 'fixtures', 'live-get.net'), false]];
  if (existsSync(path.join(corpus, 'verdicts.json'))) {
    const verdicts = JSON.parse(readFileSync(path.join(corpus, 'verdicts.json'), 'utf8')) as Record<string, string>;
    for (const [rel, v] of Object.entries(verdicts)) if (v === 'accept') jobs.push([rel, path.join(corpus, 'files', rel), true]);
  }
  const results = hasPython ? runPython(jobs, outdir) : {};
  const styles: PrintStyleName[] = ['defs', 'net', 'migrate', 'state'];

  for (const [name] of jobs) {
    it(`prints ${name} like save_as_defs (${styles.join(', ')})`, () => {
      const py = results[name];
      assert.ok(py !== undefined && !('error' in py), `python: ${py && 'error' in py ? py.error : 'missing'}`);
      const defs = parseDefs(readFileSync(py.input, 'latin1'), { file: name, version: TEST_VERSION });
      // save_as_defs indents every style until 5.14.1, then only DEFS.
      for (const style of styles) {
        const indent = style === 'defs' || !since(TEST_VERSION, 'unindentedStateStyles');
        assert.equal(printDefs(defs, { style, indent, version: TEST_VERSION }), py[style], `style ${style}`);
      }
    });
  }
});
