/**
 * Benchmark: ecflow-ts `parseDefs` + `printDefs` against the Python ecflow module's
 * `ecflow.Defs(path)` + `str(defs)` on the same generated definition, in the same run.
 *
 *   node --import tsx bench/defs/bench.ts [--tasks 100000] [--runs 5]
 *
 * ecflow-ts is compiled with tsc into a temp directory first, so no loader is timed, and its child
 * runs with node's default heap flags (nothing the shipped CLI does not set). Each run starts one
 * fresh process per implementation, alternating which goes first. Each child times its own parse
 * (Python: `ecflow.Defs(path)`, which reads the file; ecflow-ts: `readFileSync(path, 'latin1')` as
 * `ecflow-defs` does, plus `parseDefs`, which includes the same semantic check) and its own print
 * separately, and hashes the printed text (outside the timing) so that the outputs are compared.
 * Whole-process wall time and peak RSS come from `/usr/bin/time -v` around each child (or the
 * child's own `getrusage` when `/usr/bin/time` is missing).
 *
 * The machine may be small and busy, so one untimed warm-up pair runs first (page cache, Python
 * imports), runs are interleaved, and the report gives both the best and the median of N runs per
 * figure, and the ratio of each (a ratio of medians, and one of bests).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDefs } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const { values } = parseArgs({ options: { tasks: { type: 'string', default: '100000' }, runs: { type: 'string', default: '5' } } });
const tasks = Number(values.tasks);
const runs = Number(values.runs);

const work = mkdtempSync(path.join(tmpdir(), 'ecflow-ts-bench-'));
try {
  const file = path.join(work, 'big.def');
  const text = generateDefs(tasks);
  writeFileSync(file, text);
  console.log(`definition: ${tasks} tasks, ${(text.length / 1e6).toFixed(1)} MB (${file})`);

  // compile src/defs so the child runs plain JavaScript
  const outDir = path.join(work, 'build');
  execFileSync(
    process.execPath,
    [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), path.join(repoRoot, 'packages', 'ecflow-ts', 'src', 'defs', 'index.ts'), '--outDir', outDir, '--rootDir', path.join(repoRoot, 'packages', 'ecflow-ts', 'src'),
      '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2023', '--strict', '--skipLibCheck', '--types', 'node'],
    { stdio: 'inherit', cwd: repoRoot },
  );
  // the child: plain JavaScript, timing read + parse and print in-process
  const runner = path.join(work, 'run-ts.mjs');
  writeFileSync(
    runner,
    `import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
const [, , file, moduleUrl] = process.argv;
const { parseDefs, printDefs } = await import(moduleUrl);
const t0 = performance.now();
const text = readFileSync(file, 'latin1');
const t1 = performance.now();
const defs = parseDefs(text, { file });
const t2 = performance.now();
const out = printDefs(defs);
const t3 = performance.now();
const sha1 = createHash('sha1').update(out, 'latin1').digest('hex');
process.stdout.write(JSON.stringify({ read: t1 - t0, parse: t2 - t0, print: t3 - t2, total: t3 - t0, bytes: out.length, sha1, maxRssKb: process.resourceUsage().maxRSS }));
`,
  );
  const moduleUrl = 'file://' + path.join(outDir, 'defs', 'index.js');

  const pyScript = `
import ecflow, time, resource, json, sys, hashlib
t0 = time.perf_counter(); d = ecflow.Defs(sys.argv[1]); t1 = time.perf_counter(); s = str(d); t2 = time.perf_counter()
sha1 = hashlib.sha1(s.encode('latin1')).hexdigest()
print(json.dumps({'read': 0, 'parse': (t1-t0)*1000, 'print': (t2-t1)*1000, 'total': (t2-t0)*1000, 'bytes': len(s), 'sha1': sha1, 'maxRssKb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
`;
  type R = { read: number; parse: number; print: number; total: number; bytes: number; sha1: string; maxRssKb: number; wall: number; procRssKb: number };
  const timeV = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  /** Runs a child under `/usr/bin/time -v`: its JSON report plus whole-process wall time and peak RSS. */
  const measure = (cmd: string, args: string[]): R => {
    const w = performance.now();
    const r = timeV === undefined ? spawnSync(cmd, args, { encoding: 'utf8' }) : spawnSync(timeV, ['-v', cmd, ...args], { encoding: 'utf8' });
    const wall = performance.now() - w;
    if (r.status !== 0) throw new Error(`${cmd} failed:\n${r.stderr}`);
    const rep = JSON.parse(r.stdout) as Omit<R, 'wall' | 'procRssKb'>;
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    const e = /Elapsed \(wall clock\) time[^:]*: (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(r.stderr);
    const procWall = e === null ? wall : ((Number(e[1] ?? 0) * 60 + Number(e[2])) * 60 + Number(e[3])) * 1000;
    return { ...rep, wall: procWall, procRssKb: m === null ? rep.maxRssKb : Number(m[1]) };
  };
  const ts: R[] = [];
  const py: R[] = [];
  // warm-up (not reported): the definition file into the page cache, the Python module off the disk
  measure(process.execPath, [runner, file, moduleUrl]);
  measure('/usr/bin/python3', ['-c', pyScript, file]);
  for (let i = 0; i < runs; i++) {
    const runTs = () => ts.push(measure(process.execPath, [runner, file, moduleUrl]));
    const runPy = () => py.push(measure('/usr/bin/python3', ['-c', pyScript, file]));
    if (i % 2 === 0) {
      runTs();
      runPy();
    } else {
      runPy();
      runTs();
    }
  }
  const best = (rs: R[], k: keyof R) => Math.min(...rs.map((r) => r[k] as number));
  const median = (rs: R[], k: keyof R) => {
    const v = rs.map((r) => r[k] as number).sort((a, b) => a - b);
    const m = v.length >> 1;
    return v.length % 2 === 1 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
  };
  const ms = (v: number, w = 6) => v.toFixed(0).padStart(w) + ' ms';
  const row = (label: string, rs: R[], f: typeof best) =>
    console.log(
      `${label.padEnd(18)} parse ${ms(f(rs, 'parse'))}  print ${ms(f(rs, 'print'), 5)}  parse+print ${ms(f(rs, 'total'))}  ` +
        `process ${ms(f(rs, 'wall'))}  peak RSS ${(f(rs, 'procRssKb') / 1024).toFixed(0).padStart(4)} MB`,
    );
  console.log(`${runs} interleaved runs; ecflow-ts parse includes reading the file (median ${median(ts, 'read').toFixed(0)} ms), as ecflow.Defs(path) does`);
  row('ecflow-ts median', ts, median);
  row('python    median', py, median);
  row('ecflow-ts best', ts, best);
  row('python    best', py, best);
  for (const [label, f] of [['median', median], ['best', best]] as const) {
    const x = (k: keyof R) => (f(py, k) / f(ts, k)).toFixed(2) + 'x';
    console.log(
      `speed-up python/ecflow-ts (${label}): parse ${x('parse')}, print ${x('print')}, parse+print ${x('total')}, whole process ${x('wall')}; ` +
        `peak RSS ecflow-ts/python ${(f(ts, 'procRssKb') / f(py, 'procRssKb')).toFixed(2)}`,
    );
  }
  console.log(`peak RSS is whole-process (${timeV === undefined ? 'getrusage' : '/usr/bin/time -v'})`);
  const same = ts.every((r) => r.sha1 === py[0]!.sha1) && py.every((r) => r.sha1 === py[0]!.sha1);
  console.log(same ? `printed text identical (${py[0]!.bytes} bytes, sha1 ${py[0]!.sha1})` : `WARNING: printed text differs: ${ts[0]!.sha1} (${ts[0]!.bytes} bytes) vs ${py[0]!.sha1} (${py[0]!.bytes} bytes)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
