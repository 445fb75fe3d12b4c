/**
 * The watchman's scrapes cost what changed: after each step of a seeded random walk of real
 * changes to a real ecflow_server (forced states, suspend/resume, labels, requeue, begin, aborts
 * with reasons by child commands, order, families and tasks added, replaced and deleted, a suite
 * added), what the scrape kept up to date from the changed paths alone (the status table and its
 * JSON, the counts, the task counts, the aborted list, the status value and the `nodes` hash)
 * equals what a computation from scratch gives for the same mirror, and the mirror's status records
 * equal those of a fresh full download. `SYNC_SEED` replays a walk, `SYNC_STEPS` sets its length.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, type Defs, findNode, nodeView, nodeViews, Submittable } from '../../packages/ecflow-ts/src/index.js';
import { AbortedTracker } from '../../packages/ecflow-watchman/src/aborted.js';
import type { JobConfig } from '../../packages/ecflow-watchman/src/config.js';
import { countStatuses } from '../../packages/ecflow-watchman/src/health.js';
import { statusRecords } from '../../packages/ecflow-watchman/src/status-records.js';
import { CHUNK } from '../../packages/ecflow-watchman/src/status-table.js';
import { recordsJson, statusValue } from '../../packages/ecflow-watchman/src/status-value.js';
import { ServerWatch } from '../../packages/ecflow-watchman/src/watched-server.js';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { random } from '../helpers/random.js';

const STEPS = Number(process.env.SYNC_STEPS ?? 40);
const SEED = Number(process.env.SYNC_SEED ?? Date.now() % 1_000_000);


/** More tasks than a chunk of the table holds, so that changes fall in several chunks. */
const BIG = CHUNK + 40;

function suite(home: string): string {
  let big = '';
  // A task whose ECF_PASS is FREE takes child commands without a job: aborts with reasons.
  for (let i = 0; i < BIG; i++) big += `    task b${i}\n      edit ECF_PASS FREE\n`;
  return `suite s
  edit ECF_HOME '${home}'
  family f1
    task t1
      label info ""
      meter m 0 100
    task t2
      edit ECF_PASS FREE
    task t3
      edit ECF_PASS FREE
    task t4
  endfamily
  family big
${big}  endfamily
  family f2
    family g
      task u1
      task u2
    endfamily
    task u3
  endfamily
  task t0
    edit ECF_PASS FREE
endsuite
`;
}

/** A replacement for /s/f2: one to three families of one to four tasks. */
function f2(pick: () => number): string {
  let s = 'suite s\n  family f2\n';
  const families = 1 + Math.floor(pick() * 3);
  for (let f = 0; f < families; f++) {
    s += `    family g${f === 0 ? '' : f}\n`;
    const tasks = 1 + Math.floor(pick() * 4);
    for (let t = 1; t <= tasks; t++) s += `      task u${t}\n`;
    s += '    endfamily\n';
  }
  return `${s}    task u3\n  endfamily\nendsuite\n`;
}

function job(port: number): JobConfig {
  return {
    jobName: 'incremental',
    owner: 'ops',
    repo: 'inc',
    host: '127.0.0.1',
    port,
    scrapeIntervalMs: 1000,
    scrapeTimeoutMs: 10_000,
    connectTimeoutMs: 5000,
    suites: null,
    protocol: 'tcp',
    ssl: false,
  };
}

/** Applies a `nodes` hash diff to an in-memory hash, as the Redis sink applies it to Redis. */
function applyDiff(hash: Map<string, string>, w: ServerWatch, defs: Defs): void {
  const diff = w.details.diff(defs);
  if (diff.reset) hash.clear();
  for (const [p, json] of diff.set) hash.set(p, json);
  for (const p of diff.removed) hash.delete(p);
}

describe(`incremental scrapes equal a computation from scratch (seed ${SEED}, ${STEPS} steps)`, { skip: !haveEcflow && `ecFlow ${TEST_VERSION} is not installed`, timeout: 240_000 }, () => {
  let server: TestServer;
  let w: ServerWatch;
  const hash = new Map<string, string>();

  before(async () => {
    server = await startServer();
    fs.mkdirSync(path.join(server.home, 'defs'), { recursive: true });
    const file = path.join(server.home, 'defs', 'suite.def');
    fs.writeFileSync(file, suite(server.home));
    const loaded = await server.real([`--load=${file}`]);
    assert.equal(loaded.code, 0, loaded.stderr);
    // Child commands wait while the server is halted. Suite s is never begun: no job is submitted.
    assert.equal((await server.real(['--restart'])).code, 0);
    w = new ServerWatch(job(server.port));
  });
  after(async () => {
    await server?.stop();
  });

  /** Scrapes, then checks everything kept incrementally against a computation from scratch. */
  async function check(where: string): Promise<string> {
    const abortedBefore = new Map(w.aborted.map((t) => [t.path, t]));
    const outcome = await w.scrape();
    assert.ok(outcome.ok, `${where}: ${outcome.error?.message}`);
    const defs = w.client.getDefs()!;
    const fresh = statusRecords(defs);
    assert.deepEqual(w.table.records(), fresh, `${where}: the status records`);
    assert.equal(w.table.recordsJson(), recordsJson(fresh), `${where}: their JSON`);
    const value = w.statusValue!.toString();
    const collected = JSON.parse(value).collected_time as string;
    assert.equal(value, statusValue(recordsJson(fresh), new Date(w.health.lastSuccess!)), `${where}: the status value`);
    assert.ok(collected.length > 0);
    assert.deepEqual(w.health.counts, countStatuses(fresh), `${where}: counts`);
    const submittable = (p: string) => findNode(defs, p) instanceof Submittable;
    assert.deepEqual(w.health.taskCounts, countStatuses(fresh, submittable), `${where}: task counts`);
    assert.equal(w.health.nodes, fresh.length - 1);
    // The aborted list from a whole walk, with the times first seen carried over as the tracker does.
    const scratch = new AbortedTracker();
    scratch.seed([...abortedBefore.values()]);
    scratch.update(defs, new Date(w.health.lastSuccess!));
    assert.deepEqual(w.aborted, scratch.list, `${where}: aborted`);
    assert.equal(w.abortedJson, JSON.stringify(scratch.list));
    applyDiff(hash, w, defs);
    const views = new Map(nodeViews(defs).map((v) => [v.path, JSON.stringify(v)]));
    assert.deepEqual(hash, views, `${where}: the nodes hash`);
    // And the mirror itself is the server's: a fresh full download has the same records.
    const full = new Client({ host: '127.0.0.1', port: server.port, env: {}, connectionAttempts: 1 });
    await full.syncLocal();
    assert.deepEqual(statusRecords(full.getDefs()), fresh, `${where}: a fresh full download`);
    return outcome.sync!.kind;
  }

  it('keeps the status table, counts, aborted list, status value and nodes hash equal to a from-scratch computation', async (t) => {
    assert.equal(await check('first scrape'), 'full');
    const pick = random(SEED);
    const choose = <T>(xs: readonly T[]): T => xs[Math.floor(pick() * xs.length)]!;
    const child = (p: string, tryNo = 1) => ({ ECF_NAME: p, ECF_PASS: 'FREE', ECF_RID: '4242', ECF_TRYNO: String(tryNo) });
    const run = async (args: string[], env?: Record<string, string>) => {
      if (args[0] === '--begin=s') return;
      await server.real(args, env === undefined ? undefined : { env });
    };
    const kinds = new Map<string, number>();
    const nodePaths = () => statusRecords(w.client.getDefs()).slice(1).map((r) => r.path);
    const tasks = () => nodePaths().filter((p) => findNode(w.client.getDefs()!, p) instanceof Submittable);
    let extra = 0;
    let suites = 0;
    const steps: [string, () => Promise<unknown>][] = [
      ['force', () => run([`--force=${choose(['complete', 'queued', 'aborted', 'active', 'submitted', 'unknown'])}`, choose(tasks())])],
      ['force recursive', () => run([`--force=${choose(['complete', 'queued'])}`, 'recursive', choose(['/s/f1', '/s/big', '/s/f2'])])],
      ['suspend', () => run([`--suspend=${choose(nodePaths())}`])],
      ['resume', () => run([`--resume=${choose(nodePaths())}`])],
      ['label', () => run(['--alter', 'change', 'label', 'info', `v${Math.floor(pick() * 1000)}`, '/s/f1/t1'])],
      ['variable', () => run(['--alter', 'add', 'variable', `V${Math.floor(pick() * 5)}`, 'x', choose(nodePaths())])],
      ['requeue', () => run([`--requeue=${choose(['/s', '/s/f1', '/s/big'])}`])],
      // Only the added suites are begun: their tasks start complete, and nothing is submitted.
      ['begin', () => run([suites === 0 ? '--begin=s' : `--begin=o${suites}`, '--force'])],
      [
        // An abort with a new reason: a task already aborted stays aborted, with another reason.
        'abort',
        async () => {
          const t = choose(['/s/f1/t2', '/s/f1/t3', '/s/t0', `/s/big/b${Math.floor(pick() * BIG)}`]);
          await run(['--init=4242'], child(t));
          await run([`--abort=reason ${Math.floor(pick() * 1000)}`], child(t));
        },
      ],
      ['order', () => run([`--order=${choose(['/s/f1/t3', '/s/f1/t1', '/s/big/b7', '/s/f2', '/s/f2/g'])}`, choose(['top', 'bottom', 'alpha', 'order', 'up', 'down'])])],
      [
        'replace f2',
        async () => {
          const file = path.join(server.home, 'defs', 'f2.def');
          fs.writeFileSync(file, f2(pick));
          await run([`--replace=/s/f2`, file, 'parent', 'force']);
        },
      ],
      ['delete', () => run(['--delete=force', 'yes', choose(['/s/f2/g/u1', '/s/f2/g', '/s/f1/t4'].filter((p) => findNode(w.client.getDefs()!, p) !== undefined).concat('/s/f2/u3'))])],
      [
        'add a task',
        async () => {
          const file = path.join(server.home, 'defs', 'add.def');
          fs.writeFileSync(file, `suite s\n  family f1\n    task x${++extra}\n  endfamily\nendsuite\n`);
          await run([`--replace=/s/f1/x${extra}`, file, 'parent']);
        },
      ],
      [
        'add a suite',
        async () => {
          const file = path.join(server.home, 'defs', 'other.def');
          fs.writeFileSync(file, `suite o${++suites}\n  task a\n    defstatus complete\nendsuite\n`);
          await run([`--replace=/o${suites}`, file, 'parent']);
        },
      ],
    ];
    for (let step = 1; step <= STEPS; step++) {
      const done: string[] = [];
      for (let k = 1 + Math.floor(pick() * 3); k > 0; k--) {
        const [name, act] = choose(steps);
        await act();
        done.push(name);
      }
      const kind = await check(`step ${step} (${done.join(', ')}), seed ${SEED}`);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    t.diagnostic(`scrapes by kind: ${JSON.stringify([...kinds])}; table rebuilds ${w.table.rebuilds}`);
    // The walk went through incremental syncs (what this is about), not full ones only.
    assert.ok((kinds.get('incremental') ?? 0) >= STEPS / 4, `scrapes by kind: ${JSON.stringify([...kinds])}`);
  });

  it('after a reorder, the incremental sync lists the node as structural and the table follows without a rebuild', async () => {
    await check('before the order');
    const rebuilds = w.table.rebuilds;
    const r = await server.real(['--order=/s/big/b3', 'top']);
    assert.equal(r.code, 0, r.stderr);
    const outcome = await w.scrape();
    assert.equal(outcome.sync?.kind, 'incremental');
    assert.deepEqual(outcome.sync?.structuralPaths, ['/s/big']);
    const defs = w.client.getDefs()!;
    assert.deepEqual(w.table.records(), statusRecords(defs));
    assert.equal(w.table.indexOf('/s/big/b3'), w.table.indexOf('/s/big') + 1);
    assert.equal(w.table.rebuilds, rebuilds, 'the range of /s/big rewritten in place');
    assert.equal(nodeView(findNode(defs, '/s/big')!, '/s/big').path, '/s/big');
  });

  it('an abort with another reason while the task stays aborted changes the aborted list, not the status', async () => {
    const env = { ECF_NAME: '/s/f1/t2', ECF_PASS: 'FREE', ECF_RID: '4242', ECF_TRYNO: '1' };
    await server.real(['--init=4242'], { env });
    await server.real(['--abort=first'], { env });
    await check('aborted once');
    assert.equal(w.aborted.find((t) => t.path === '/s/f1/t2')?.reason, 'first');
    await server.real(['--init=4242'], { env });
    await server.real(['--abort=second'], { env });
    const outcome = await w.scrape();
    assert.equal(outcome.sync?.kind, 'incremental');
    assert.equal(outcome.abortedChanged, true);
    assert.ok(!outcome.sync?.stateChanges.some((c) => c.path === '/s/f1/t2'), 'still aborted');
    assert.equal(w.aborted.find((t) => t.path === '/s/f1/t2')?.reason, 'second');
  });
});
