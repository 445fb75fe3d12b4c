/**
 * Benchmark: what a job pays for each child command, our `ecflow-client` beside the real
 * `ecflow_client` of the server's release and beside Node's own floor, on one real ecflow_server in
 * the same run.
 *
 *   npm run build && node --import tsx bench/cli/bench.ts [--rounds 20] [--env clean|inherit] [--ours FILE]
 *
 * Each round plays one job's life on a task of its own per client (`edit ECF_PASS FREE`, so that
 * repeating it is no zombie): --init, --event, --meter, --label, --complete, then --ping; every
 * command a fresh process, the clients interleaved command by command so that they share the
 * machine's moments. Beside them, in the same rounds: `node -e 0` (Node starting and stopping) and
 * bench/cli/floor.cjs (Node doing one bare --ping round trip: the floor of any Node client).
 * Figures: median whole-process CPU time (user + system) and peak RSS, from the kernel's rusage
 * (bench/cli/rusage.py). Our executable runs from dist/ as users run it (dist/bin, with its code
 * cache made by a first, uncounted run).
 *
 * `--ours` runs another build of ours (e.g. an older checkout's dist/cli/ecflow-client.js) in place
 * of this one's dist/bin/ecflow-client.cjs.
 *
 * `--env clean` (the default) runs every process with PATH, HOME and the ECF_ variables only, as a
 * job runs; `inherit` keeps this process's environment (NODE_EXTRA_CA_CERTS, for one, costs every
 * Node process tens of milliseconds at start).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer } from '../../test/helpers/ecflow-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' }, env: { type: 'string', default: 'clean' }, ours: { type: 'string' } } });
const ours = path.resolve(values.ours ?? path.join(repo, 'packages', 'ecflow-ts', 'dist', 'bin', 'ecflow-client.cjs'));
if (!fs.existsSync(ours)) throw new Error(`${ours} is missing: run npm run build first`);
const ROUNDS = Number(values.rounds);
if (!(ROUNDS > 0)) throw new Error(`--rounds: expected a positive number, got ${values.rounds}`);
if (values.env !== 'clean' && values.env !== 'inherit') throw new Error(`--env: expected clean or inherit, got ${values.env}`);

const COMMANDS: readonly (readonly string[])[] = [['--init=4242'], ['--event=e'], ['--meter=m', '50'], ['--label=l', 'half way'], ['--complete'], ['--ping']];
const CLIENTS = ['ours', 'ecflow_client'] as const;
type Sample = { cpu_ms: number[]; rss_mb: number[]; failed: number };

const server = await startServer();
const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-bench-cli-'));
try {
  const tasks = CLIENTS.map((c) => `  task ${c}\n    edit ECF_PASS FREE\n    event e\n    meter m 0 100\n    label l ""\n`).join('');
  const def = path.join(server.home, 'bench.def');
  // Suspended: the server submits no job of its own; the processes below play the job.
  fs.writeFileSync(def, `suite bench\n  defstatus suspended\n${tasks}endsuite\n`);
  for (const args of [['--load', def], ['--restart'], ['--begin', 'bench']]) {
    const r = await server.real(args);
    if (r.code !== 0) throw new Error(`ecflow_client ${args.join(' ')}: ${r.stderr}`);
  }
  const base = values.env === 'inherit' ? { ...process.env } : { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.homedir() };
  const env = (task: string): Record<string, string> => {
    const e: Record<string, string> = {};
    for (const [k, v] of Object.entries(base)) if (v !== undefined && !k.startsWith('ECF_')) e[k] = v;
    // Our code cache in a folder of this run's own, made by the first (uncounted) round.
    return { ...e, ECF_HOST: 'localhost', ECF_PORT: String(server.port), ECF_NAME: `/bench/${task}`, ECF_PASS: 'xyz', ECF_RID: '4242', ECF_TRYNO: '1', NODE_COMPILE_CACHE: cache };
  };
  const argv = (client: (typeof CLIENTS)[number], command: readonly string[]) => (client === 'ours' ? [process.execPath, ours, ...command] : [server.ecflowClient, ...command]);
  const runs = COMMANDS.flatMap((command) => [
    ...CLIENTS.map((client) => ({ name: `${client} ${command[0]}`, argv: argv(client, command), env: env(client) })),
    { name: `node -e 0 (${command[0]})`, argv: [process.execPath, '-e', '0'], env: env('none') },
    { name: `floor (${command[0]})`, argv: [process.execPath, path.join(here, 'floor.cjs')], env: env('none') },
  ]);
  const measure = (rounds: number): Record<string, Sample> => JSON.parse(execFileSync('python3', [path.join(here, 'rusage.py')], { input: JSON.stringify({ rounds, runs }), maxBuffer: 64 << 20 }).toString()) as Record<string, Sample>;
  measure(1);
  const samples = measure(ROUNDS);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const pool = (prefix: string, key: 'cpu_ms' | 'rss_mb') => median(Object.entries(samples).flatMap(([name, s]) => (name.startsWith(prefix) ? s[key] : [])));
  const nodeCpu = pool('node -e 0', 'cpu_ms');
  const nodeRss = pool('node -e 0', 'rss_mb');
  const floorCpu = pool('floor', 'cpu_ms');
  const failed = Object.entries(samples).filter(([, s]) => s.failed > 0);
  if (failed.length > 0) throw new Error(`processes failed: ${failed.map(([n, s]) => `${n} ×${s.failed}`).join(', ')}`);

  console.log(`ecflow_server ${server.version} on loopback; node ${process.version}; ${os.cpus().length} CPUs; env ${values.env}${values.env === 'inherit' && process.env.NODE_EXTRA_CA_CERTS ? ' (NODE_EXTRA_CA_CERTS set)' : ''}; medians of ${ROUNDS} rounds`);
  console.log(`node -e 0: ${nodeCpu.toFixed(1)} ms CPU, ${nodeRss.toFixed(1)} MB; floor (bare Node --ping): ${floorCpu.toFixed(1)} ms CPU (${(floorCpu / nodeCpu).toFixed(2)}× node -e 0), ${pool('floor', 'rss_mb').toFixed(1)} MB`);
  console.log('');
  console.log('command         ours CPU   ecflow_client CPU   ours/node -e 0   ours/floor   ours/C++   ours RSS   RSS over node -e 0');
  for (const command of COMMANDS) {
    const o = samples[`ours ${command[0]}`]!;
    const c = samples[`ecflow_client ${command[0]}`]!;
    const oc = median(o.cpu_ms);
    const cc = median(c.cpu_ms);
    const or = median(o.rss_mb);
    console.log(
      `${command[0]!.padEnd(14)} ${`${oc.toFixed(1)} ms`.padStart(9)}   ${`${cc.toFixed(1)} ms`.padStart(17)}   ${`${(oc / nodeCpu).toFixed(2)}×`.padStart(14)}   ${`${(oc / floorCpu).toFixed(2)}×`.padStart(10)}   ${`${(oc / cc).toFixed(1)}×`.padStart(8)}   ${`${or.toFixed(1)} MB`.padStart(8)}   ${`+${(or - nodeRss).toFixed(1)} MB`.padStart(18)}`,
    );
  }
} finally {
  await server.stop();
  fs.rmSync(cache, { recursive: true, force: true });
}
