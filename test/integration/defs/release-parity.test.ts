// Parity with the real parsers and printers of the releases that read the 5.12-5.17 constructs
// (repeat datetime/datetimelist, aviso, mirror, remote_error, date-time literals, lossless
// variables): the 5.17.0 Python module in every style (`save_as_defs`), its generated variables and
// its verdicts on bad lines, and `ecflow_client --load=F print` of 5.13.8 and 5.17.0 (NET, which
// 5.17 prints unindented and 5.13.8 indented).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DefsParseError, defaultServerVariables, parseDefs, printDefs, type PrintStyleName } from '../../../packages/ecflow-ts/src/defs/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = path.resolve(here, '..', '..', '..', '..', 'shared', 'ecflow');
const fixtures = path.join(here, 'fixtures');
const corpus = path.resolve(here, '..', '..', '..', '..', 'shared', 'ecflow-corpus-5.17.0');
const python = '/usr/bin/python3';
const py17 = { PATH: process.env.PATH ?? '/usr/bin', PYTHONPATH: path.join(shared, '5.17.0', 'python3') };
const hasPy17 = existsSync(python) && spawnSync(python, ['-c', 'import ecflow'], { env: py17, stdio: 'ignore' }).status === 0;
const FIXTURES = ['constructs-5.17.def', 'state-5.17.net', 'before-5.13.def'];
const STYLES: PrintStyleName[] = ['defs', 'state', 'migrate', 'net'];
const V17 = { version: '5.17.0' } as const;

const SCRIPT = String.raw`
import ecflow, json, sys, os
jobs = json.load(sys.stdin)
outdir = sys.argv[1]
styles = {'defs': ecflow.Style.DEFS, 'state': ecflow.Style.STATE, 'migrate': ecflow.Style.MIGRATE, 'net': ecflow.Style(4)}
out = {}
for i, (name, text) in enumerate(jobs):
    src = os.path.join(outdir, '%d.def' % i)
    open(src, 'w', encoding='latin1').write(text)
    try:
        d = ecflow.Defs(src)
        direct = str(d)
        mig = os.path.join(outdir, '%d.migrate' % i)
        d.save_as_defs(mig, ecflow.Style.MIGRATE)
        d = ecflow.Defs(mig)
        res = {'input': open(mig, encoding='latin1').read(), 'direct': direct, 'str': str(d), 'gen': {}}
        for s, v in styles.items():
            f = os.path.join(outdir, 'o')
            d.save_as_defs(f, v)
            res[s] = open(f, encoding='latin1').read()
        for n in d.get_all_nodes():
            res['gen'][n.get_abs_node_path()] = [[v.name(), v.value()] for v in n.get_generated_variables()]
        out[name] = res
    except Exception as e:
        out[name] = {'error': str(e)}
json.dump(out, sys.stdout)
`;

type PyResult = { input: string; direct: string; str: string; gen: Record<string, [string, string][]> } & Record<PrintStyleName, string>;

function runPython(jobs: [string, string][], outdir: string): Record<string, PyResult | { error: string }> {
  const r = spawnSync(python, ['-c', SCRIPT, outdir], { env: py17, input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, PyResult | { error: string }>;
}

/** Lines the real 5.17 parser accepts or rejects, each in a task of its own. */
const LINES = [
  "aviso --name A --listener '{ \"a\": 1 }'",
  "aviso --name=A --listener='{ \"a\": 1 }'",
  "aviso --name A --lis '{ \"a\": 1 }'",
  "aviso --name A --listener '{ \"a\": 1 }' --foo x",
  "aviso --name A --listener x # comment here",
  'aviso --name A',
  'aviso --listener x',
  'aviso --name A --name B --listener x',
  'aviso --name A --listener x --url -x',
  'aviso --name A --url --listener x',
  'aviso --name A --listener x --revision abc',
  'aviso --name A --listener x --revision +5',
  'aviso --name A --listener x --revision=7',
  "aviso --name A --listener x --revision 12 --reason 'hello there'",
  'aviso --name A --listener x --reason hello',
  'aviso --name A-b --listener x',
  'aviso --name A --listener x --re 3',
  "aviso --name A --listener ''",
  'aviso --name A --listener',
  'aviso --name A --listener "x y"',
  "aviso --name A --listener 'a'b' --url u",
  'aviso --name A --listener x -x',
  'aviso --name A --listener x -- --foo',
  'aviso --name A --listener x --revision 3 # --foo',
  'mirror --name M --remote_path /a --ssl',
  'mirror --name M --remote_path /a --ssl true',
  'mirror --name M --remote_path /a --ssl=1',
  'mirror --name M',
  'mirror --name M --remote_path /a --auth x',
  'mirror --name M --remote_path /a --ssl --ssl',
  "mirror --name M --remote_path '/a b'",
  'mirror --name M --remote_path /a --remote 3',
  'repeat datetime D 20240101T000000 20240102T000000',
  'repeat datetime D 20240101T000000 20240102T000000 0',
  'repeat datetime D 20240102T000000 20240101T000000 1',
  'repeat datetime D 20240101T000000 20240102T000000 -1',
  'repeat datetime D 20240101T000000 20240102T000000 25:61:61',
  'repeat datetime D 20240101T000000 20240102T000000 :30',
  'repeat datetime D 20240101T000000 20240102T000000 x',
  'repeat datetime D 20240101T000000 20240102T000000 # c',
  'repeat datetime D 20240230T000000 20240302T000000',
  'repeat datetime D 2024010T000000 20240302T000000',
  'repeat datetime D 20240101T240000 20240302T000000',
  'repeat datetime D 20240101T000000xyz 20240302T000000',
  'repeat datetime D 20240101T000000',
  'repeat datetimelist L "20240101T000000" 20240102T000000',
  "repeat datetimelist L '20240101T000000' # 1",
  'repeat datetimelist L "2024"',
  'repeat datetimelist L',
  'trigger :X > 20240101T000000',
  'trigger 1 < 20241301T000000',
  'trigger 1 < 20240101T0000001',
  'edit V "a  b"',
  "edit V 'a' b",
  'edit V a b',
  'edit V a # b',
  "edit V 'open",
  'edit V "x\'y" # c',
  "edit V:d 'v  w' # c",
  'edit V:d v w',
  "edit V '' ''",
];

describe('parity with the ecFlow 5.17.0 Python module', { skip: hasPy17 ? false : 'no 5.17.0 Python module' }, () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'ecflow-ts-517-'));
  after(() => rmSync(outdir, { recursive: true, force: true }));
  const jobs: [string, string][] = FIXTURES.map((f) => [f, readFileSync(path.join(fixtures, f), 'latin1')]);
  for (const [i, l] of LINES.entries()) jobs.push([`line ${i}: ${l}`, `suite s\n  edit X 1\n  task t\n    ${l}\nendsuite\n`]);
  const accepted: string[] = [];
  if (existsSync(path.join(corpus, 'verdicts.json'))) {
    const verdicts = JSON.parse(readFileSync(path.join(corpus, 'verdicts.json'), 'utf8')) as Record<string, string>;
    for (const [rel, v] of Object.entries(verdicts)) {
      if (v !== 'accept') continue;
      accepted.push(rel);
      jobs.push([`corpus ${rel}`, readFileSync(path.join(corpus, 'files', rel), 'latin1')]);
    }
  }
  const results = hasPy17 ? runPython(jobs, outdir) : {};

  it(`prints the ${accepted.length} files of the 5.17.0 corpus it accepts as save_as_defs does in every style`, () => {
    for (const rel of accepted) {
      const py = results[`corpus ${rel}`]!;
      assert.ok(!('error' in py), `${rel}: ${'error' in py ? py.error : ''}`);
      const defs = parseDefs(py.input, { file: rel, ...V17 });
      for (const style of STYLES) assert.equal(printDefs(defs, { style, ...V17 }), py[style], `${rel}: style ${style}`);
    }
  });

  for (const f of FIXTURES) {
    it(`prints ${f} as save_as_defs does in every style`, (t) => {
      const py = results[f]!;
      if ('error' in py) {
        // the fixture holds what 5.17 rejects: so must we
        assert.throws(() => parseDefs(readFileSync(path.join(fixtures, f), 'latin1'), V17), DefsParseError);
        t.diagnostic(`rejected by 5.17.0: ${py.error.split('\n')[0]}`);
        return;
      }
      const defs = parseDefs(py.input, { file: f, ...V17 });
      for (const style of STYLES) assert.equal(printDefs(defs, { style, ...V17 }), py[style], `style ${style}`);
      assert.equal(printDefs(defs, V17), py.str, 'str(defs)');
      assert.equal(printDefs(parseDefs(readFileSync(path.join(fixtures, f), 'latin1'), V17), V17), py.direct, 'str(ecflow.Defs(file))');
    });

    it(`reads back what 5.17.0 prints of ${f} (state, net, migrate)`, (t) => {
      const py = results[f]!;
      if ('error' in py) return t.skip('rejected by 5.17.0');
      for (const style of ['state', 'net', 'migrate'] as PrintStyleName[]) {
        const again = parseDefs(py[style], { file: `${f}.${style}`, ...V17 });
        assert.equal(printDefs(again, { style, ...V17 }), py[style], `style ${style}`);
      }
    });

    it(`computes the generated variables of every node of ${f} as get_generated_variables does`, (t) => {
      const py = results[f]!;
      if ('error' in py) return t.skip('rejected by 5.17.0');
      const defs = parseDefs(py.input, V17);
      for (const [p, gen] of Object.entries(py.gen)) {
        const node = defs.findAbsNode(p);
        assert.ok(node !== undefined, p);
        assert.deepEqual(node.generatedVariables(V17).map((v) => [v.name, v.value]), gen, p);
        for (const [name, value] of gen) assert.equal(node.findGenVariable(name, V17)?.value, value, `${p} ${name}`);
      }
    });
  }

  it('accepts and rejects the lines 5.17.0 does, in its words, and prints the accepted ones alike', () => {
    for (const [i, l] of LINES.entries()) {
      const name = `line ${i}: ${l}`;
      const py = results[name]!;
      const text = jobs.find(([n]) => n === name)![1];
      if ('error' in py) {
        assert.throws(
          () => parseDefs(text, { file: 'x.def', ...V17 }),
          (e: unknown) => {
            assert.ok(e instanceof DefsParseError, `${name}: ${String(e)}`);
            const reason = e.message.slice('x.def:4: '.length).split('\n')[0]!.replace(/ \(.*\)$/, '');
            assert.ok(py.error.includes(reason.slice(0, 60)), `${name}:\n ours: ${reason}\n 5.17: ${py.error}`);
            return true;
          },
          `${name}: 5.17 rejects it (${py.error.split('\n')[0]})`,
        );
      } else {
        const defs = parseDefs(py.input, { file: name, ...V17 });
        for (const style of STYLES) assert.equal(printDefs(defs, { style, ...V17 }), py[style], `${name}: style ${style}`);
        assert.equal(printDefs(parseDefs(text, V17), V17), py.direct, `${name}: from the line itself`);
      }
    }
  });
});

/** `ecflow_client --load=F print` as the parser and printer of `version` make it: check, default server variables, NET. */
function loadPrint(text: string, version: string): string {
  const defs = parseDefs(text, { file: 'f.def', version });
  for (const v of defaultServerVariables('3141', hostname(), version)) defs.addServerVariable(v);
  const indent = version === '5.13.8'; // ecflow_client indents every style before 5.14.1
  return printDefs(defs, { style: 'net', version, indent });
}

for (const version of ['5.13.8', '5.17.0']) {
  const client = path.join(shared, version, 'bin', 'ecflow_client');
  describe(`parity with ecflow_client ${version} --load=F print`, { skip: existsSync(client) ? false : `no ${client}` }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), `ecflow-ts-load-${version}-`));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const texts: [string, string][] = FIXTURES.filter((f) => f.endsWith('.def')).map((f) => [f, readFileSync(path.join(fixtures, f), 'latin1')]);
    texts.push(['aviso and repeat datetime', "suite s\n  task t\n    aviso --name A --listener '{}'\n    repeat datetime D 20240101T000000 20240102T000000 12\nendsuite\n"]);
    for (const [name, text] of texts) {
      it(`${name}`, (t) => {
        const file = path.join(dir, name.replace(/\W/g, '_') + '.def');
        writeFileSync(file, text, 'latin1');
        const r = spawnSync(client, [`--load=${file}`, 'print'], { encoding: 'latin1', env: { PATH: process.env.PATH ?? '/usr/bin', ECF_PORT: '3141' } });
        if (r.status !== 0) {
          assert.throws(() => loadPrint(text, version), DefsParseError, `${version} rejects it:\n${r.stdout}${r.stderr}`);
          t.diagnostic(`rejected by ${version}, as by us`);
          return;
        }
        assert.equal(loadPrint(text, version), r.stdout);
      });
    }
  });
}
