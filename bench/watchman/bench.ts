/**
 * ecflow-watchman at scale: N real ecflow_servers on loopback with T tasks each, scraped every
 * interval, measured from /proc (bench/proc.ts), in three phases taking turns in segments on the same
 * servers and the same background churn (a few tasks change state each interval):
 *   1. baseline:  churn only, nobody watching;
 *   2. watchman:  our ecflow-watchman (incremental mirrors) writing to Redis;
 *   3. full:      a collector that downloads every server's whole definition at every scrape (what
 *                 the C++ ecflow_watchman does: a new client each time), parsing it and writing the
 *                 same status value to Redis.
 * Reported: the watcher's CPU and peak RSS, the servers' total CPU, and the servers' CPU due to
 * the watcher (phase minus baseline), with the ratio full/watchman.
 *
 *   node --import tsx bench/watchman/bench.ts [--servers 20] [--tasks 5000] [--suites 1] [--interval 10]
 *     [--seconds 300] [--segment 60] [--churn 5]
 *
 * `--suites` spreads each server's tasks over that many suites (the churn too): a 5.9.2 server
 * walks every node of each suite that changed for each incremental sync, and none of the others.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '../../packages/ecflow-ts/src/index.js';
import { startServer as startEcflowServer, type TestServer } from '../../test/helpers/ecflow-server.js';
import { RedisServer } from '../../test/watchman/helpers/services.js';
import { cpuMs, rssBytes } from '../proc.js';

const { values } = parseArgs({
  options: {
    servers: { type: 'string', default: '20' },
    tasks: { type: 'string', default: '5000' },
    suites: { type: 'string', default: '1' },
    interval: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '300' },
    segment: { type: 'string', default: '60' },
    churn: { type: 'string', default: '5' },
  },
});
const SERVERS = Number(values.servers);
const TASKS = Number(values.tasks);
const SUITES = Number(values.suites);
const PER_SUITE = Math.ceil(TASKS / SUITES);
const INTERVAL = Number(values.interval);
const SECONDS = Number(values.seconds);
const SEGMENT = Number(values.segment);
const CHURN = Number(values.churn);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cpuSeconds = (pid: number): number => cpuMs(pid) / 1000;

function suiteText(name: string, tasks: number): string {
  const perFamily = 100;
  let s = `suite ${name}\n`;
  for (let f = 0; f * perFamily < tasks; f++) {
    s += `  family f${f}\n`;
    for (let t = 0; t < perFamily && f * perFamily + t < tasks; t++) s += `    task t${t}\n      meter m 0 100\n      label l ""\n`;
    s += '  endfamily\n';
  }
  return `${s}endsuite\n`;
}

/** A real ecflow_server, RUNNING, with the bench's suites loaded. */
async function startServer(): Promise<TestServer> {
  const server = await startEcflowServer();
  const c = new Client({ host: 'localhost', port: server.port, env: {} });
  for (let i = 0; i < SUITES; i++) await c.load(suiteText(`bench${i}`, Math.min(PER_SUITE, TASKS - i * PER_SUITE)));
  await c.restartServer();
  return server;
}

/** A few tasks change state on every server each interval, spread over it. */
function churn(servers: TestServer[], signal: AbortSignal): Promise<void> {
  if (CHURN === 0) return Promise.resolve();
  return Promise.all(
    servers.map(async (s, i) => {
      const c = new Client({ host: 'localhost', port: s.port, env: {} });
      let n = i;
      await sleep((INTERVAL * 1000 * i) / servers.length / CHURN);
      while (!signal.aborted) {
        n++;
        const task = `/bench${n % SUITES}/f${Math.floor(n / SUITES) % Math.ceil(PER_SUITE / 100)}/t${(n * 7) % 100}`;
        await c.force(task, n % 2 === 0 ? 'complete' : 'queued').catch(() => undefined);
        await sleep((INTERVAL * 1000) / CHURN, undefined, { signal }).catch(() => undefined);
      }
    }),
  ).then(() => undefined);
}

interface PhaseResult {
  name: string;
  seconds: number;
  serverCpu: number;
  watcherCpu: number;
  watcherRssMax: number;
}

/**
 * The phases take turns in segments (baseline, watchman, full, baseline, ...), each watcher frozen
 * with SIGSTOP outside its own segments, so the servers' slow drifts and periodic work (ticks,
 * checkpoints) fall evenly on every phase instead of on whichever ran when they happened.
 */
async function interleaved(phases: { name: string; watcher: ChildProcess | null }[], cycles: number, segment: number, servers: TestServer[]): Promise<PhaseResult[]> {
  const results = phases.map((p) => ({ name: p.name, seconds: 0, serverCpu: 0, watcherCpu: 0, watcherRssMax: 0 }));
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (const [i, p] of phases.entries()) {
      const r = results[i]!;
      const child = p.watcher;
      child?.kill('SIGCONT');
      const cpu0 = servers.map((s) => cpuSeconds(s.pid));
      const w0 = child ? cpuSeconds(child.pid!) : 0;
      const started = Date.now();
      while (Date.now() - started < segment * 1000) {
        await sleep(1000);
        if (child) {
          if (child.exitCode !== null) throw new Error(`${p.name}: the watcher exited with ${child.exitCode}`);
          r.watcherRssMax = Math.max(r.watcherRssMax, rssBytes(child.pid!));
        }
      }
      child?.kill('SIGSTOP');
      r.seconds += (Date.now() - started) / 1000;
      r.serverCpu += servers.reduce((sum, s, j) => sum + cpuSeconds(s.pid) - cpu0[j]!, 0);
      if (child) r.watcherCpu += cpuSeconds(child.pid!) - w0;
    }
    // The watchers' CPU so far too: the first cycle holds the watchman's start (module loading,
    // every server's first full sync and first whole write), the later ones its steady state.
    console.log(`cycle ${cycle + 1}/${cycles}: ${results.map((r) => `${r.name} servers ${r.serverCpu.toFixed(2)} s${r.watcherCpu > 0 ? `, watcher ${r.watcherCpu.toFixed(2)} s` : ''}`).join('; ')}`);
  }
  return results;
}

/** A watcher process, frozen until its first segment. */
function frozen(child: ChildProcess): ChildProcess {
  child.kill('SIGSTOP');
  return child;
}

console.log(`bench: ${SERVERS} ecflow_servers x ${TASKS} tasks in ${SUITES} suite(s), interval ${INTERVAL}s, ${SECONDS}s per phase in ${SEGMENT}s segments, churn ${CHURN} changes/server/interval`);
const redis = await RedisServer.start();
const servers: TestServer[] = [];
try {
  for (let i = 0; i < SERVERS; i += 5) servers.push(...(await Promise.all(Array.from({ length: Math.min(5, SERVERS - i) }, () => startServer()))));
  console.log(`bench: servers up on ports ${servers.map((s) => s.port).join(',')}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-bench-wm-'));
  const config = path.join(dir, 'watchman.yaml');
  // The watchman is frozen while the other phases run (two segments at a time): with the default
  // lease_ttl of 10 s its leases would run out at every freeze and be taken again at every thaw,
  // each with a whole rewrite of the server's keys, a failover that a lone watchman never has
  // (bench/replicas measures those). Its leases outlast the freezes instead.
  const leaseTtl = 3 * SEGMENT + 60;
  fs.writeFileSync(
    config,
    `global:\n  scrape_interval: ${INTERVAL}s\n  scrape_timeout: ${Math.max(1, INTERVAL - 1)}s\nscrape_configs:\n${servers
      .map((s, i) => `  - {job_name: s${i}, owner: bench, repo: s${i}, host: localhost, port: ${s.port}}\n`)
      .join('')}sink_config:\n  type: redis\n  url: 127.0.0.1:${redis.port}\nhttp:\n  listen_address: false\nreplicas:\n  lease_ttl: ${leaseTtl}s\n`,
  );
  const watchman = frozen(
    spawn(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/wmprof'] : []), path.join(root, 'packages/ecflow-watchman/dist/bin/ecflow-watchman.cjs'), 'watch-all', '--config-file', config, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  const collector = frozen(
    spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/watchman/full-collector.ts'), servers.map((s) => s.port).join(','), String(INTERVAL), redis.url], { stdio: ['ignore', 'ignore', 'inherit'], cwd: root }),
  );
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  const churning = churn(servers, stop.signal);
  const [baseline, ours, full] = await interleaved(
    [
      { name: 'baseline (churn only)', watcher: null },
      { name: 'ecflow-watchman (incremental)', watcher: watchman },
      { name: 'full-download collector', watcher: collector },
    ],
    Math.max(1, Math.round(SECONDS / SEGMENT)),
    SEGMENT,
    servers,
  );
  stop.abort();
  await churning;
  for (const child of [watchman, collector]) {
    child.kill('SIGCONT');
    child.kill('SIGTERM');
  }
  await Promise.all([watchman, collector].map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise((resolve) => c.once('exit', resolve)))));
  for (const r of [baseline, ours, full]) console.log(`${r.name}: ${JSON.stringify(r)}`);
  const rate = (r: PhaseResult) => r.serverCpu / r.seconds;
  const due = (r: PhaseResult) => Math.max(0, rate(r) - rate(baseline));
  const mib = (b: number) => (b / 1048576).toFixed(1);
  const rows = [
    ['', 'ecflow-watchman', 'full download'],
    ['watcher CPU (s)', ours.watcherCpu.toFixed(2), full.watcherCpu.toFixed(2)],
    ['watcher CPU (% of a core)', ((100 * ours.watcherCpu) / ours.seconds).toFixed(2), ((100 * full.watcherCpu) / full.seconds).toFixed(2)],
    ['watcher peak RSS (MiB)', mib(ours.watcherRssMax), mib(full.watcherRssMax)],
    ['servers total CPU (s)', ours.serverCpu.toFixed(2), full.serverCpu.toFixed(2)],
    ['servers CPU due to watcher (s/min)', (60 * due(ours)).toFixed(3), (60 * due(full)).toFixed(3)],
  ];
  console.log(`\nbaseline (churn only): servers total CPU ${baseline.serverCpu.toFixed(2)} s in ${baseline.seconds.toFixed(0)} s`);
  for (const r of rows) console.log(`${r[0]!.padEnd(36)}${r[1]!.padStart(16)}${r[2]!.padStart(16)}`);
  console.log(`\nserver CPU ratio, full / watchman: total ${(full.serverCpu / ours.serverCpu).toFixed(1)}x; due to the watcher ${due(ours) > 0 ? (due(full) / due(ours)).toFixed(1) : 'inf'}x`);
  fs.rmSync(dir, { recursive: true, force: true });
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  await redis.stop();
}
