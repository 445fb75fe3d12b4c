/**
 * Replicas under failover: N real ecflow_servers on loopback (T tasks each, a few changing every
 * interval), watched first by one watchman, then by R replicas of which one is killed (SIGKILL)
 * every `--kill-every` seconds and started again at once. Side by side for the two phases:
 *   - the worst and the 99th-percentile staleness of any `status` key (now − its collected_time,
 *     sampled every 250 ms), against the documented bound lease_ttl + renew_interval + interval;
 *   - the news and sync requests each server answered per interval (its own `--stats`): the
 *     same in both phases means no double work across the failovers;
 *   - the watchers' CPU (all replicas together, killed ones up to their death) and peak RSS;
 *   - for each kill, how long until every server was held again.
 *
 *   npm run build && node --import tsx bench/replicas/bench.ts [--servers 30] [--tasks 1000]
 *     [--replicas 3] [--interval 2] [--seconds 300] [--kill-every 60] [--lease-ttl 10] [--renew 3]
 */
import { type ChildProcess, spawn } from 'node:child_process';
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
    servers: { type: 'string', default: '30' },
    tasks: { type: 'string', default: '1000' },
    replicas: { type: 'string', default: '3' },
    interval: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '300' },
    'kill-every': { type: 'string', default: '60' },
    'lease-ttl': { type: 'string', default: '10' },
    renew: { type: 'string', default: '3' },
  },
});
const SERVERS = Number(values.servers);
const TASKS = Number(values.tasks);
const REPLICAS = Number(values.replicas);
const INTERVAL = Number(values.interval);
const SECONDS = Number(values.seconds);
const KILL_EVERY = Number(values['kill-every']);
const TTL = Number(values['lease-ttl']);
const RENEW = Number(values.renew);
const BOUND = TTL + RENEW + INTERVAL;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'packages/ecflow-watchman/dist/bin/ecflow-watchman.cjs');

function suiteText(tasks: number): string {
  let s = 'suite bench\n';
  for (let f = 0; f * 100 < tasks; f++) {
    s += `  family f${f}\n`;
    for (let t = 0; t < 100 && f * 100 + t < tasks; t++) s += `    task t${t}\n`;
    s += '  endfamily\n';
  }
  return `${s}endsuite\n`;
}

async function startServer(): Promise<TestServer> {
  const server = await startEcflowServer();
  const c = new Client({ host: 'localhost', port: server.port, env: {} });
  await c.load(suiteText(TASKS));
  await c.restartServer();
  return server;
}

/** One task of each server changes state every interval. */
async function churn(servers: TestServer[], signal: AbortSignal): Promise<void> {
  const clients = servers.map((s) => new Client({ host: 'localhost', port: s.port, env: {} }));
  for (let n = 0; !signal.aborted; n++) {
    const task = `/bench/f${n % Math.ceil(TASKS / 100)}/t${(n * 7) % Math.min(100, TASKS)}`;
    await Promise.all(clients.map((c) => c.force(task, n % 2 === 0 ? 'complete' : 'queued').catch(() => undefined)));
    await sleep(INTERVAL * 1000, undefined, { signal }).catch(() => undefined);
  }
}

async function requests(server: TestServer): Promise<number> {
  const r = await server.real(['--stats']);
  const count = (name: string) => Number(new RegExp(`^\\s*${name}\\s+(\\d+)\\s*$`, 'm').exec(r.stdout)?.[1] ?? '0');
  return count('News') + count('Sync') + count('Sync full');
}

/** Watcher processes' CPU, kept per pid so that a killed one's time up to its death still counts. */
class CpuTally {
  readonly #last = new Map<number, number>();
  readonly #base = new Map<number, number>();
  rssMax = 0;
  sample(children: ChildProcess[]): void {
    for (const c of children) {
      if (c.pid === undefined || c.exitCode !== null || c.signalCode !== null) continue;
      try {
        const ms = cpuMs(c.pid);
        if (!this.#base.has(c.pid)) this.#base.set(c.pid, ms);
        this.#last.set(c.pid, ms);
        this.rssMax = Math.max(this.rssMax, rssBytes(c.pid));
      } catch {
        // it died between the check and the read: its last sample stands
      }
    }
  }
  /** CPU seconds since each process was first sampled. */
  get seconds(): number {
    let ms = 0;
    for (const [pid, last] of this.#last) ms += last - this.#base.get(pid)!;
    return ms / 1000;
  }
}

interface PhaseResult {
  name: string;
  seconds: number;
  cpu: number;
  rssMax: number;
  worst: number;
  p99: number;
  requestsPerInterval: number;
  takeovers: number[];
}

function watcher(config: string): ChildProcess {
  return spawn(process.execPath, [cli, 'watch-all', '--config-file', config, '--log-level', 'warn', '--listen-address', ''], { stdio: ['ignore', 'ignore', 'inherit'] });
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map((c) => {
      if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
      c.kill('SIGTERM');
      return new Promise((resolve) => c.once('exit', resolve));
    }),
  );
}

async function phase(name: string, redis: RedisServer, servers: TestServer[], config: string, replicas: number): Promise<PhaseResult> {
  const r = await redis.client();
  await r.flushAll();
  const keys = servers.map((_, i) => `bench/s${i}/status`);
  const before = await Promise.all(servers.map(requests));
  const children = Array.from({ length: replicas }, () => watcher(config));
  const tally = new CpuTally();
  // Counted from when every server has a status: the start (loading, first full syncs) is the same in both phases.
  while ((await r.mGet(keys)).some((v) => v === null)) await sleep(100);
  const started = Date.now();
  const samples: number[] = [];
  let worst = 0;
  const takeovers: number[] = [];
  let nextKill = replicas > 1 ? started + KILL_EVERY * 1000 : Infinity;
  let victim = 0;
  let killedAt: number | null = null;
  while (Date.now() - started < SECONDS * 1000) {
    tally.sample(children);
    const now = Date.now();
    for (const v of await r.mGet(keys)) {
      const age = v === null ? now - started : now - Date.parse(JSON.parse(v).collected_time);
      samples.push(age);
      worst = Math.max(worst, age);
    }
    if (killedAt !== null) {
      const held = await Promise.all(servers.map((_, i) => r.hGet(`bench/s${i}/lease`, 'replica')));
      const live = new Set(children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => c.pid));
      if (held.every((id) => id && live.has(Number(id.split(':').at(-2))))) {
        takeovers.push(Date.now() - killedAt);
        killedAt = null;
      }
    }
    if (now >= nextKill) {
      tally.sample(children);
      children[victim]!.kill('SIGKILL');
      children[victim] = watcher(config);
      victim = (victim + 1) % replicas;
      killedAt = now;
      nextKill += KILL_EVERY * 1000;
    }
    await sleep(250);
  }
  const seconds = (Date.now() - started) / 1000;
  tally.sample(children);
  const cpu = tally.seconds;
  await stopAll(children);
  const after = await Promise.all(servers.map(requests));
  r.destroy();
  samples.sort((a, b) => a - b);
  const total = after.reduce((sum, n, i) => sum + n - before[i]!, 0);
  return {
    name,
    seconds,
    cpu,
    rssMax: tally.rssMax,
    worst: worst / 1000,
    p99: samples[Math.floor(samples.length * 0.99)]! / 1000,
    // Over the whole run (the start included), per server and per interval.
    requestsPerInterval: total / servers.length / ((seconds + 0) / INTERVAL),
    takeovers,
  };
}

console.log(`bench: ${SERVERS} ecflow_servers x ${TASKS} tasks, interval ${INTERVAL}s, ${SECONDS}s per phase; ${REPLICAS} replicas, one killed every ${KILL_EVERY}s; lease_ttl ${TTL}s, renew_interval ${RENEW}s (bound ${BOUND}s)`);
const redis = await RedisServer.start();
const servers: TestServer[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-bench-replicas-'));
const stop = new AbortController();
try {
  for (let i = 0; i < SERVERS; i += 5) servers.push(...(await Promise.all(Array.from({ length: Math.min(5, SERVERS - i) }, () => startServer()))));
  const config = path.join(dir, 'watchman.yaml');
  fs.writeFileSync(
    config,
    `global:\n  scrape_interval: ${INTERVAL}s\n  scrape_timeout: ${INTERVAL}s\nreplicas:\n  lease_ttl: ${TTL}s\n  renew_interval: ${RENEW}s\nscrape_configs:\n${servers
      .map((s, i) => `  - {owner: bench, repo: s${i}, host: localhost, port: ${s.port}}\n`)
      .join('')}sink_config:\n  type: redis\n  url: 127.0.0.1:${redis.port}\n`,
  );
  const churning = churn(servers, stop.signal);
  const single = await phase('one watchman', redis, servers, config, 1);
  console.log(JSON.stringify(single));
  const many = await phase(`${REPLICAS} replicas, one killed every ${KILL_EVERY}s`, redis, servers, config, REPLICAS);
  console.log(JSON.stringify(many));
  stop.abort();
  await churning;
  const mib = (b: number) => (b / 1048576).toFixed(1);
  const rows = [
    ['', 'one watchman', `${REPLICAS} replicas + kills`],
    ['worst status staleness (s)', single.worst.toFixed(2), many.worst.toFixed(2)],
    ['p99 status staleness (s)', single.p99.toFixed(2), many.p99.toFixed(2)],
    ['news+sync requests / server / interval', single.requestsPerInterval.toFixed(3), many.requestsPerInterval.toFixed(3)],
    ['watchers CPU (s)', single.cpu.toFixed(2), many.cpu.toFixed(2)],
    ['watchers CPU (% of a core)', ((100 * single.cpu) / single.seconds).toFixed(2), ((100 * many.cpu) / many.seconds).toFixed(2)],
    ['peak RSS of one watcher (MiB)', mib(single.rssMax), mib(many.rssMax)],
  ];
  console.log('');
  for (const row of rows) console.log(`${row[0]!.padEnd(42)}${row[1]!.padStart(14)}${row[2]!.padStart(22)}`);
  console.log(`\nkills: ${many.takeovers.length}; every server held again after ${many.takeovers.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s (bound ${BOUND} s)`);
  console.log(`ratios, replicas / one: worst staleness ${(many.worst / single.worst).toFixed(2)}x, requests ${(many.requestsPerInterval / single.requestsPerInterval).toFixed(2)}x, CPU ${(many.cpu / single.cpu).toFixed(2)}x`);
} finally {
  stop.abort();
  await Promise.all(servers.map((s) => s.stop()));
  await redis.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
