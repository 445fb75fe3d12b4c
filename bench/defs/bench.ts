/**
 * Benchmark: ecflow-ts `parseDefs` + `printDefs` against the Python ecflow module's
 * `ecflow.Defs(path)` + `str(defs)` on the same generated definition, in the same run.
 *
 *   node --import tsx bench/defs/bench.ts [--tasks 100000] [--runs 3]
 *
 * ecflow-ts is compiled with tsc into a temp directory first, so no loader is timed. Each run starts
 * a fresh process per implementation; the report gives the best in-process time (parse + print) and
 * the peak resident set size of each process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDefs } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const { values } = parseArgs({ options: { tasks: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' } } });
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
    [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), path.join(repoRoot, 'src', 'defs', 'index.ts'), '--outDir', outDir, '--rootDir', path.join(repoRoot, 'src'),
      '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2023', '--strict', '--skipLibCheck', '--types', 'node'],
    { stdio: 'inherit', cwd: repoRoot },
  );
  // the child: plain JavaScript, timing parse + print in-process and reporting its peak RSS
  const runner = path.join(work, 'run-ts.mjs');
  writeFileSync(
    runner,
    `import { readFileSync } from 'node:fs';
const [, , file, moduleUrl] = process.argv;
const { parseDefs, printDefs } = await import(moduleUrl);
const text = readFileSync(file, 'latin1');
const t1 = performance.now();
const defs = parseDefs(text, { file });
const t2 = performance.now();
const out = printDefs(defs);
const t3 = performance.now();
process.stdout.write(JSON.stringify({ parse: t2 - t1, print: t3 - t2, total: t3 - t1, bytes: out.length, maxRssKb: process.resourceUsage().maxRSS }));
`,
  );
  const moduleUrl = 'file://' + path.join(outDir, 'defs', 'index.js');

  const pyScript = `
import ecflow, time, resource, json, sys
t0 = time.perf_counter(); d = ecflow.Defs(sys.argv[1]); t1 = time.perf_counter(); s = str(d); t2 = time.perf_counter()
print(json.dumps({'parse': (t1-t0)*1000, 'print': (t2-t1)*1000, 'total': (t2-t0)*1000, 'bytes': len(s), 'maxRssKb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
`;
  type R = { parse: number; print: number; total: number; bytes: number; maxRssKb: number; wall: number };
  const ts: R[] = [];
  const py: R[] = [];
  for (let i = 0; i < runs; i++) {
    let w = performance.now();
    const a = spawnSync(process.execPath, [runner, file, moduleUrl], { encoding: 'utf8' });
    if (a.status !== 0) throw new Error(a.stderr);
    ts.push({ ...JSON.parse(a.stdout), wall: performance.now() - w });
    w = performance.now();
    const b = spawnSync('/usr/bin/python3', ['-c', pyScript, file], { encoding: 'utf8' });
    if (b.status !== 0) throw new Error(b.stderr);
    py.push({ ...JSON.parse(b.stdout), wall: performance.now() - w });
  }
  const best = (rs: R[], k: keyof R) => Math.min(...rs.map((r) => r[k]));
  const row = (label: string, rs: R[]) =>
    console.log(`${label.padEnd(10)} parse ${best(rs, 'parse').toFixed(0).padStart(6)} ms  print ${best(rs, 'print').toFixed(0).padStart(5)} ms  parse+print ${best(rs, 'total').toFixed(0).padStart(6)} ms  process ${best(rs, 'wall').toFixed(0).padStart(6)} ms  peak RSS ${(best(rs, 'maxRssKb') / 1024).toFixed(0).padStart(4)} MB`);
  row('ecflow-ts', ts);
  row('python', py);
  console.log(`speed-up (parse+print, best of ${runs}): ${(best(py, 'total') / best(ts, 'total')).toFixed(2)}x; whole process: ${(best(py, 'wall') / best(ts, 'wall')).toFixed(2)}x`);
  console.log(`peak RSS ratio ecflow-ts/python: ${(best(ts, 'maxRssKb') / best(py, 'maxRssKb')).toFixed(2)}`);
  if (ts[0]!.bytes !== py[0]!.bytes) console.log(`WARNING: printed sizes differ: ${ts[0]!.bytes} vs ${py[0]!.bytes}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
