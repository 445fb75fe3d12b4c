/**
 * What one watchman scrape costs the watchman itself (its process CPU), against one real
 * ecflow_server with T tasks: a full scrape (a new client: the whole definition downloaded, parsed,
 * and everything derived from it built) against an incremental one after C tasks changed state.
 * Each scrape is measured with the work its Redis write does for it (the `nodes` hash diff and the
 * status value), as the sink does it, without Redis itself.
 *
 *   node --import tsx bench/watchman/scrape.ts [--tasks 100000] [--changes 5] [--scrapes 30] [--fulls 3]
 */
import { parseArgs } from 'node:util';
import { Client } from '../../packages/ecflow-ts/src/index.js';
import type { JobConfig } from '../../packages/ecflow-watchman/src/config.js';
import { ServerWatch } from '../../packages/ecflow-watchman/src/watched-server.js';
import { startServer } from '../../test/helpers/ecflow-server.js';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '100000' },
    changes: { type: 'string', default: '5' },
    scrapes: { type: 'string', default: '30' },
    fulls: { type: 'string', default: '3' },
  },
});
const TASKS = Number(values.tasks);
const CHANGES = Number(values.changes);
const SCRAPES = Number(values.scrapes);
const FULLS = Number(values.fulls);
const PER_FAMILY = 100;

function suiteText(tasks: number): string {
  const lines = ['suite big'];
  for (let f = 0; f * PER_FAMILY < tasks; f++) {
    lines.push(`  family f${f}`);
    for (let t = 0; t < PER_FAMILY && f * PER_FAMILY + t < tasks; t++) lines.push(`    task t${t}`, '      meter m 0 100', '      label l ""');
    lines.push('  endfamily');
  }
  lines.push('endsuite', '');
  return lines.join('\n');
}

function job(port: number): JobConfig {
  return { jobName: 'bench', owner: 'bench', repo: 'scrape', host: '127.0.0.1', port, scrapeIntervalMs: 10_000, scrapeTimeoutMs: 600_000, connectTimeoutMs: 5000, suites: null, protocol: 'tcp', ssl: false };
}

/** Process CPU (every thread: the GC's too) of one scrape and its write's work, in ms. */
async function measured(w: ServerWatch): Promise<{ cpuMs: number; kind: string }> {
  const before = process.cpuUsage();
  const outcome = await w.scrape();
  if (!outcome.ok) throw new Error(`scrape failed: ${outcome.error?.message}`);
  const defs = w.client.getDefs();
  if (defs !== null) w.details.diff(defs);
  const used = process.cpuUsage(before);
  return { cpuMs: (used.user + used.system) / 1000, kind: outcome.sync!.kind };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const server = await startServer();
try {
  const c = new Client({ host: '127.0.0.1', port: server.port, env: {} });
  await c.load(suiteText(TASKS));
  await c.restartServer();
  console.log(`scrape bench: 1 ecflow_server (${server.version}) with ${TASKS} tasks, ${CHANGES} changes per scrape, ${SCRAPES} incremental scrapes, ${FULLS} full ones`);
  const full: number[] = [];
  for (let i = 0; i < FULLS; i++) {
    const fresh = new ServerWatch(job(server.port));
    const m = await measured(fresh);
    if (m.kind !== 'full') throw new Error(`expected a full sync, got ${m.kind}`);
    full.push(m.cpuMs);
  }
  const w = new ServerWatch(job(server.port));
  await measured(w);
  // A few scrapes to warm up (the JIT, and the sync's busy/news alternation settled).
  let n = 0;
  const change = async () => {
    const paths: string[] = [];
    for (let k = 0; k < CHANGES; k++, n++) paths.push(`/big/f${(n * 37) % Math.ceil(TASKS / PER_FAMILY)}/t${(n * 7) % PER_FAMILY}`);
    await c.force(paths, n % 2 === 0 ? 'complete' : 'queued');
  };
  for (let i = 0; i < 5; i++) {
    await change();
    await measured(w);
  }
  const incremental: number[] = [];
  for (let i = 0; i < SCRAPES; i++) {
    await change();
    const m = await measured(w);
    if (m.kind !== 'incremental') throw new Error(`expected an incremental sync, got ${m.kind}`);
    incremental.push(m.cpuMs);
  }
  const rows = [
    ['full scrape (new client)', median(full), mean(full)],
    [`incremental scrape (${CHANGES} changed)`, median(incremental), mean(incremental)],
  ] as const;
  console.log(`\n${''.padEnd(36)}${'median ms'.padStart(12)}${'mean ms'.padStart(12)}`);
  for (const [name, med, avg] of rows) console.log(`${name.padEnd(36)}${med.toFixed(2).padStart(12)}${avg.toFixed(2).padStart(12)}`);
  console.log(`\nincremental / full (watchman CPU per scrape): median ${((100 * median(incremental)) / median(full)).toFixed(2)}%, mean ${((100 * mean(incremental)) / mean(full)).toFixed(2)}%; table rebuilds during the incremental scrapes: ${w.table.rebuilds - 1}`);
} finally {
  await server.stop();
}
