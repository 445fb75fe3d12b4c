/**
 * Benchmark: keeping a mirror of a large server, ecflow-ts against the Python ecflow module, on the
 * same real ecflow_server in the same run.
 *
 *   npm run build && node --import tsx bench/sync/bench.ts [--tasks 100000] [--runs 5] [--polls 200] [--rounds 8]
 *   node --import tsx bench/sync/bench.ts --tasks 10000,100000,500000   # how cost grows: a table at the end
 *
 * For each size (a fresh server loaded with bench/defs/generate.ts's definition):
 * 1. First sync + status records: a fresh process each, interleaved; ecflow-ts `syncLocal()` +
 *    `statusRecords()` against Python `sync_local()` + a `get_all_nodes()` walk collecting
 *    (path, dstate). In-process time of that work, whole-process peak RSS, and the first poll of the
 *    unchanged server right after it (what a monitor's next interval costs).
 * 2. A poll of an unchanged server: `syncLocal()` (news, then nothing) against Python's
 *    `sync_local()` repeated, client wall and CPU time per poll.
 * 3. A poll after 1% of the tasks changed (`--force=complete`/`aborted` with ecflow_client): the
 *    incremental `syncLocal()` against Python's `sync_local()` on the same change, and against a
 *    full download (`syncFull` + parse) of the same server, in client CPU time and in the server's
 *    CPU time (the scheduler's count, bench/proc.ts, read around the sync only; summed over
 *    several rounds). The first `--warmup` rounds are not counted: a monitor is a long-running
 *    process, and those rounds mostly measure V8 compiling the appliers.
 *
 * The client side runs the built library (dist/), so no TypeScript loader is timed. The server,
 * its ecflow_client and the Python module are those of $ECFLOW_TEST_VERSION (default 5.9.2; the
 * tests' launcher, test/helpers/ecflow-server.ts).
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ecfEnv, startServer, type TestServer } from '../../test/helpers/ecflow-server.js';
import { python, pythonEnv } from '../../test/helpers/python-client.js';
import { generateDefs } from '../defs/generate.js';
import { cpuMs } from '../proc.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const dist = path.join(repo, 'packages', 'ecflow-ts', 'dist', 'index.js');
const distStatusRecords = path.join(repo, 'packages', 'ecflow-watchman', 'dist', 'status-records.js');
const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    polls: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    changed: { type: 'string' },
  },
});
const SIZES = values.tasks.split(',').map(Number);
const RUNS = Number(values.runs);
const POLLS = Number(values.polls);
const ROUNDS = Number(values.rounds);
const WARMUP = Number(values.warmup);

if (!fs.existsSync(dist)) throw new Error(`${dist} is missing: run npm run build first`);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)) + ' ms';

const { Client, channels } = (await import(dist)) as typeof import('../../packages/ecflow-ts/src/index.js');
let lastBytes = 0;
channels.request.subscribe((m) => {
  lastBytes += (m as { bytesReceived: number }).bytesReceived;
});

/** One row of the closing table: medians in ms (CPU for the changed polls). */
interface Row {
  tasks: number;
  first: [ts: number, py: number];
  firstPoll: [ts: number, py: number];
  poll: [ts: number, py: number];
  changed: Record<string, [ts: number, py: number]>;
}

/**
 * Python's `sync_local()` in a long-lived process, driven a line at a time: `poll N` answers with
 * the wall and CPU time of N calls.
 */
class PythonPoller {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: AsyncIterator<string>;

  constructor(port: number, env: Record<string, string>) {
    const script = `
import ecflow, json, os, sys, time
c = ecflow.Client('localhost', ${port})
c.sync_local()
out = os.fdopen(3, 'w')  # the C++ library prints warnings to standard output
out.write('ready\\n'); out.flush()
for line in sys.stdin:
    polls = []
    for i in range(int(line.split()[1])):
        c0 = time.process_time(); t0 = time.perf_counter(); c.sync_local()
        polls.append([(time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000])
    out.write(json.dumps(polls) + '\\n'); out.flush()
`;
    this.#child = spawn(python, ['-c', script], { env, stdio: ['pipe', 'pipe', 'inherit', 'pipe'] }) as unknown as ChildProcessWithoutNullStreams;
    this.#lines = readline.createInterface({ input: this.#child.stdio[3] as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  }

  async ready(): Promise<void> {
    const line = await this.#lines.next();
    if (line.value !== 'ready') throw new Error('the Python poller did not start');
  }

  /** Wall and CPU ms of `n` polls. */
  async poll(n: number): Promise<{ wall: number; cpu: number }[]> {
    this.#child.stdin.write(`poll ${n}\n`);
    const line = await this.#lines.next();
    return (JSON.parse(line.value as string) as [number, number][]).map(([wall, cpu]) => ({ wall, cpu }));
  }

  close(): void {
    this.#child.stdin.end();
  }
}

async function measure(server: TestServer, tasks: number): Promise<Row> {
  const pyEnv = pythonEnv(server.version);
  if (pyEnv === undefined) throw new Error(`ecFlow ${server.version} has no Python module here to compare with`);
  const { port, home: work } = server;
  const real = (...args: string[]) => execFileSync(server.ecflowClient, args, { env: ecfEnv(port), maxBuffer: 1 << 28 }).toString();
  const defsFile = path.join(work, 'big.def');
  fs.writeFileSync(defsFile, generateDefs(tasks));
  real(`--load=${defsFile}`);
  console.log(`\n== ecflow_server ${server.version} on port ${port}, ${tasks} tasks loaded; node ${process.version}; ${os.cpus().length} CPUs; load ${os.loadavg()[0]!.toFixed(1)}`);

  // ---- 1. first sync + status records, fresh processes, interleaved ------------------------------
  const tsChild = `
import { Client } from ${JSON.stringify(dist)};
import { statusRecords } from ${JSON.stringify(distStatusRecords)};
const c = new Client({ host: 'localhost', port: ${port}, env: {} });
const t0 = performance.now();
await c.syncLocal();
const records = statusRecords(c.getDefs());
const t1 = performance.now();
const change = await c.syncLocal();
const t2 = performance.now();
if (change.kind !== 'none') throw new Error('the first poll found news');
console.log(JSON.stringify({ ms: t1 - t0, poll: t2 - t1, nodes: records.length, rssKb: process.resourceUsage().maxRSS }));
`;
  const pyChild = `
import ecflow, json, time, resource
c = ecflow.Client('localhost', ${port})
t0 = time.perf_counter()
c.sync_local()
d = c.get_defs()
records = [{'path': '/', 'status': str(d.get_state())}]
for n in d.get_all_nodes():
    records.append({'path': n.get_abs_node_path(), 'status': str(n.get_dstate())})
t1 = time.perf_counter()
c.sync_local()
t2 = time.perf_counter()
print(json.dumps({'ms': (t1 - t0) * 1000, 'poll': (t2 - t1) * 1000, 'nodes': len(records), 'rssKb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
`;
  type First = { ms: number; poll: number; nodes: number; rssKb: number };
  const tsFile = path.join(work, 'first.mjs');
  fs.writeFileSync(tsFile, tsChild);
  const runTs = () => JSON.parse(execFileSync(process.execPath, [tsFile]).toString()) as First;
  const runPy = () => JSON.parse(execFileSync(python, ['-c', pyChild], { env: pyEnv }).toString()) as First;
  runTs();
  runPy(); // warm-up: page cache, the server's cached full-definition text
  const ts: First[] = [];
  const py: First[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i % 2) {
      py.push(runPy());
      ts.push(runTs());
    } else {
      ts.push(runTs());
      py.push(runPy());
    }
  }
  const nodes = ts[0]!.nodes;
  const tsMs = median(ts.map((r) => r.ms));
  const pyMs = median(py.map((r) => r.ms));
  const tsRss = median(ts.map((r) => r.rssKb)) / 1024;
  const pyRss = median(py.map((r) => r.rssKb)) / 1024;
  const tsFirstPoll = median(ts.map((r) => r.poll));
  const pyFirstPoll = median(py.map((r) => r.poll));
  console.log(`\n1. first sync + status records (${nodes} records, median of ${RUNS})`);
  console.log(`   ecflow-ts ${fmt(tsMs)}   python ${fmt(pyMs)}   ratio ${(tsMs / pyMs).toFixed(2)} (speed-up ${(pyMs / tsMs).toFixed(2)}x)`);
  console.log(`   peak RSS  ecflow-ts ${tsRss.toFixed(0)} MB   python ${pyRss.toFixed(0)} MB   ratio ${(tsRss / pyRss).toFixed(2)}`);
  console.log(`   the poll right after it: ecflow-ts ${fmt(tsFirstPoll)} (each: ${ts.map((r) => r.poll.toFixed(1)).join(' ')})   python ${fmt(pyFirstPoll)}`);

  // ---- 2. polls of an unchanged server -------------------------------------------------------------
  const client = new Client({ host: 'localhost', port, env: {} });
  await client.syncLocal();
  const poller = new PythonPoller(port, pyEnv);
  try {
    await poller.ready();
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < POLLS; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const change = await client.syncLocal();
      wall.push(performance.now() - t0);
      const c1 = process.cpuUsage(c0);
      cpu.push((c1.user + c1.system) / 1000);
      if (change.kind !== 'none') throw new Error(`poll ${i} of an unchanged server was ${change.kind}`);
    }
    const pyPolls = await poller.poll(POLLS);
    const pyWall = pyPolls.map((p) => p.wall);
    console.log(`\n2. poll of an unchanged server (${POLLS} polls)`);
    console.log(`   ecflow-ts wall median ${fmt(median(wall))}, p95 ${fmt(pct(wall, 0.95))}; client CPU median ${fmt(median(cpu))}, p95 ${fmt(pct(cpu, 0.95))}`);
    console.log(`   python    wall median ${fmt(median(pyWall))}, p95 ${fmt(pct(pyWall, 0.95))}; client CPU median ${fmt(median(pyPolls.map((p) => p.cpu)))}`);
    const row: Row = { tasks, first: [tsMs, pyMs], firstPoll: [tsFirstPoll, pyFirstPoll], poll: [median(wall), median(pyWall)], changed: {} };

    // ---- 3. a poll after 1% of the tasks changed, against Python's and a full download -----------
    const families = Math.ceil(tasks / 100);
    const changed = values.changed !== undefined ? Number(values.changed) : Math.max(1, Math.floor(tasks / 100));
    // spread: one task in each of `changed` families (twice as many changed nodes, the worst case);
    // clustered: whole families (how a suite usually progresses).
    const patterns = {
      spread: (round: number, i: number) => `/big/f${i % families}/t${(i % families) * 100 + (round % 100)}`, // a new task each round
      clustered: (round: number, i: number) => {
        const f = (round * Math.ceil(changed / 100) + Math.floor(i / 100)) % families; // new families each round
        return `/big/f${f}/t${f * 100 + (i % 100)}`;
      },
    };
    for (const [name, pathOf] of Object.entries(patterns)) {
      const incClient: number[] = [];
      const incServer: number[] = [];
      const pyClient: number[] = [];
      const fullClient: number[] = [];
      const fullServer: number[] = [];
      let incBytes = 0;
      let fullBytes = 0;
      for (let round = 0; round < WARMUP + ROUNDS; round++) {
        const counted = round >= WARMUP;
        const paths: string[] = [];
        for (let i = 0; i < changed; i++) paths.push(pathOf(round, i));
        for (let i = 0; i < paths.length; i += 250) real(`--force=${round % 2 ? 'aborted' : 'complete'}`, ...paths.slice(i, i + 250));
        // incremental
        lastBytes = 0;
        let s0 = cpuMs(server.pid);
        let c0 = process.cpuUsage();
        const change = await client.syncLocal();
        let c1 = process.cpuUsage(c0);
        if (counted) incServer.push(cpuMs(server.pid) - s0);
        if (counted) incClient.push((c1.user + c1.system) / 1000);
        incBytes = lastBytes;
        if (change.kind !== 'incremental') throw new Error(`${name} round ${round}: expected an incremental sync, got ${change.kind} after forcing ${paths.slice(0, 3).join(' ')}...`);
        // Python's sync_local of the same change
        const [pyPoll] = await poller.poll(1);
        if (counted) pyClient.push(pyPoll!.cpu);
        // a full download of the same state, for comparison
        lastBytes = 0;
        const other = new Client({ host: 'localhost', port, env: {} });
        s0 = cpuMs(server.pid);
        c0 = process.cpuUsage();
        await other.syncLocal();
        c1 = process.cpuUsage(c0);
        if (counted) fullServer.push(cpuMs(server.pid) - s0);
        if (counted) fullClient.push((c1.user + c1.system) / 1000);
        fullBytes = lastBytes;
      }
      row.changed[name] = [median(incClient), median(pyClient)];
      console.log(`\n3. poll after ${changed} tasks (${((changed / tasks) * 100).toFixed(2)}%) changed, ${name}, ${ROUNDS} rounds counted after ${WARMUP} warm-up rounds`);
      console.log(`   client CPU   incremental ${fmt(median(incClient))}   python ${fmt(median(pyClient))}   full ${fmt(median(fullClient))}   ratio to full ${((median(incClient) / median(fullClient)) * 100).toFixed(1)}%`);
      console.log(`   server CPU   incremental ${fmt(sum(incServer))}   full ${fmt(sum(fullServer))} (sums)   ratio ${((sum(incServer) / sum(fullServer)) * 100).toFixed(1)}%`);
      console.log(`   bytes        incremental ${(incBytes / 1e3).toFixed(0)} kB   full ${(fullBytes / 1e6).toFixed(1)} MB`);
    }
    return row;
  } finally {
    poller.close();
  }
}

const rows: Row[] = [];
for (const tasks of SIZES) {
  const server = await startServer();
  try {
    rows.push(await measure(server, tasks));
  } finally {
    await server.stop();
  }
}

if (rows.length > 1) {
  // ours / python, and each per 1,000 tasks: flat per-task columns are linear growth
  const cell = ([a, b]: [number, number], per: number) => `${fmt(a)} / ${fmt(b)} (${(a / b).toFixed(2)}; ${((a / per) * 1000).toFixed(2)} / ${((b / per) * 1000).toFixed(2)} per 1k)`;
  console.log(`\nHow cost grows (ecFlow ${process.env.ECFLOW_TEST_VERSION || '5.9.2'}; ecflow-ts / python (ratio; ms per 1,000 tasks), medians; changed polls in client CPU)`);
  console.log('| tasks | first sync + records | poll right after it | unchanged poll | 1% changed, clustered | 1% changed, spread |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const fixed = ([a, b]: [number, number]) => `${fmt(a)} / ${fmt(b)}`;
    console.log(`| ${r.tasks} | ${cell(r.first, r.tasks)} | ${fixed(r.firstPoll)} | ${fixed(r.poll)} | ${cell(r.changed.clustered!, r.tasks)} | ${cell(r.changed.spread!, r.tasks)} |`);
  }
}
