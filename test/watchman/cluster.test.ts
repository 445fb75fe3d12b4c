/**
 * The watchman on a Redis Cluster (sink_config.cluster, three real masters), against a real
 * ecflow_server: every key of a server (status, health, nodes, the change stream, aborted) holds
 * what a watchman on a standalone Redis writes for the same server, though each is written by a
 * script of its own (the keys are in different slots), and all are written again when a node
 * restarts empty; and a writer fenced out (an older lease
 * token writing after a newer one) is refused, leaving Redis as it was, whether its lease has
 * moved already or it got past the lease just before the newer holder wrote.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { findNode, parseDefs } from '../../packages/ecflow-ts/src/index.js';
import { AbortedTracker } from '../../packages/ecflow-watchman/src/aborted.js';
import { initialHealth } from '../../packages/ecflow-watchman/src/health.js';
import { WatchmanMetrics } from '../../packages/ecflow-watchman/src/metrics.js';
import { NodeDetails } from '../../packages/ecflow-watchman/src/node-details.js';
import { StatusTable } from '../../packages/ecflow-watchman/src/status-table.js';
import { fenceKey, LEASE } from '../../packages/ecflow-watchman/src/replicas/scripts.js';
import { RedisSink } from '../../packages/ecflow-watchman/src/sinks/redis.js';
import type { ServerWatch } from '../../packages/ecflow-watchman/src/watched-server.js';
import { checkConfig, serverKeys, startWatchman, type RunningWatchman } from '../../packages/ecflow-watchman/src/index.js';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';
import { haveCluster, RedisCluster } from './helpers/cluster.js';
import { ecflowRecords, loadSuite, RedisServer } from './helpers/services.js';

const skip = !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !haveCluster ? 'redis-server or redis-cli not installed' : false;

/** Reads the same commands of a standalone client and of a cluster client. */
interface Reader {
  get(key: string): Promise<string | null>;
  hGetAll(key: string): Promise<Record<string, string>>;
  xRange(key: string, start: string, end: string): Promise<{ id: string; message: Record<string, string> }[]>;
}

/** Everything a watchman wrote of one server, with the times taken out. */
async function snapshot(r: Reader, owner: string, repo: string) {
  const keys = serverKeys(owner, repo);
  const status = await r.get(keys.status);
  const health = await r.get(keys.health);
  const aborted = await r.get(keys.aborted);
  const h = health === null ? null : (JSON.parse(health) as Record<string, unknown>);
  if (h !== null) for (const k of ['lastSuccess', 'lastError', 'scrapeDurationMs', 'lastSync']) delete h[k];
  return {
    records: status === null ? null : JSON.parse(status).status_records,
    health: h,
    nodes: await r.hGetAll(keys.nodes),
    aborted: aborted === null ? null : (JSON.parse(aborted) as { path: string; tryNo: number; reason: string }[]).map(({ path, tryNo, reason }) => ({ path, tryNo, reason })),
    changes: (await r.xRange(keys.changes, '-', '+')).map((e) => ({ path: e.message.path, old: e.message.old, new: e.message.new })),
  };
}

describe('ecflow-watchman on a Redis Cluster', { skip, timeout: 150_000 }, () => {
  let cluster: RedisCluster;
  let standalone: RedisServer;
  let ecf: TestServer;
  let onCluster: RunningWatchman;
  let onStandalone: RunningWatchman;
  let c: Awaited<ReturnType<RedisCluster['client']>>;
  let s: Awaited<ReturnType<RedisServer['client']>>;

  const configOf = (sink: Record<string, unknown>) =>
    checkConfig({
      global: { scrape_interval: '200ms', scrape_timeout: '1s', max_backoff: '400ms' },
      scrape_configs: [{ owner: 'ops', repo: 'a', host: '127.0.0.1', port: ecf.port }],
      sink_config: { type: 'redis', ...sink },
    }).config;

  before(async () => {
    [cluster, standalone, ecf] = await Promise.all([RedisCluster.start(), RedisServer.start(), startServer()]);
    await loadSuite(ecf);
    const options = { logger: pino({ level: 'silent' }), listen: false, processMetrics: false } as const;
    [onCluster, onStandalone] = await Promise.all([startWatchman(configOf({ cluster: { nodes: cluster.addresses } }), options), startWatchman(configOf({ url: standalone.url }), options)]);
    [c, s] = await Promise.all([cluster.client(), standalone.client()]);
  });

  after(async () => {
    await Promise.all([onCluster?.close(), onStandalone?.close()]);
    c?.destroy();
    s?.destroy();
    await Promise.all([cluster?.stop(), standalone?.stop(), ecf?.stop()]);
  });

  it('spreads a server’s keys over the masters (so each is written on its own), and fences each', async () => {
    const keys = serverKeys('ops', 'a');
    const slots = new Set(await Promise.all([keys.status, keys.health, keys.nodes, keys.aborted, keys.changes].map((k) => c.clusterKeySlot(k))));
    assert.ok(slots.size > 1, 'the keys are in more than one slot');
    await until('the status key', () => c.get(keys.status).then((v) => v ?? undefined));
    const token = await c.hGet(keys.lease, 'token');
    assert.match(token ?? '', /^\d+$/, 'a lease token is a number (Redis time in ms)');
    for (const k of [keys.status, keys.health, keys.nodes, keys.aborted, keys.changes]) assert.equal(await c.get(fenceKey(k)), token, `${k}'s fence holds the lease's token`);
  });

  it('writes every key as a watchman on a standalone Redis does, and follows changes alike', async () => {
    const settled = async (what: string) => {
      const expected = await ecflowRecords(ecf);
      for (const [name, r] of [['cluster', c], ['standalone', s]] as const) {
        await until(`${name}: ${what}`, async () => JSON.stringify((await snapshot(r, 'ops', 'a')).records) === JSON.stringify(expected));
      }
    };
    await settled('the server’s records');
    const client = ecf.client();
    await client.suspend('/s1/f1/t1');
    await client.force('/s1/t3', 'aborted');
    await client.alter('/s1/f1/t2', { op: 'change', attr: 'label', name: 'info', value: 'hello' });
    await settled('the changed records');
    const [onC, onS] = await until('both to have written the label and the abort', async () => {
      const both = await Promise.all([snapshot(c, 'ops', 'a'), snapshot(s, 'ops', 'a')]);
      return both.every((x) => x.nodes['/s1/f1/t2']?.includes('hello') && x.aborted?.length === 1 && x.changes.some((e) => e.path === '/s1/t3')) ? both : undefined;
    });
    assert.deepEqual(onC, onS);
    assert.deepEqual(onC.aborted, [{ path: '/s1/t3', tryNo: onS.aborted![0]!.tryNo, reason: onS.aborted![0]!.reason }]);
    assert.ok(onC.changes.some((e) => e.path === '/s1/f1/t1' && e.new === 'suspended'));
    assert.equal(Object.keys(onC.nodes).length, 7);
  });

  it('writes every key whole again when the node holding the nodes hash restarts empty', async () => {
    const keys = serverKeys('ops', 'a');
    await until('the nodes hash', async () => Object.keys(await c.hGetAll(keys.nodes)).length === 7);
    const before = await snapshot(c, 'ops', 'a');
    const node = c.getSlotMaster(await c.clusterKeySlot(keys.nodes));
    await cluster.restart(node.port);
    await until('the nodes hash written again', async () => Object.keys(await c.hGetAll(keys.nodes)).length === 7, 30_000);
    const after = await snapshot(c, 'ops', 'a');
    assert.deepEqual(after.nodes, before.nodes);
    assert.deepEqual(after.records, before.records);
  });
});

/** What the sink reads of a watched server, each key's value its writer's own: status, health (host), nodes and aborted (the task's name). */
class StandIn {
  readonly owner = 'fence';
  readonly repo = 'r';
  readonly keys = serverKeys('fence', 'r');
  readonly health;
  readonly #table = new StatusTable();
  readonly details = new NodeDetails(this.#table);
  readonly tracker = new AbortedTracker();
  readonly #defs;
  readonly client = { getDefs: () => this.#defs };
  readonly statusValue: Buffer;

  constructor(writer: string) {
    this.health = initialHealth('fence', 'r', `host-${writer}`, 1);
    this.statusValue = Buffer.from(JSON.stringify({ status_records: [{ path: '/', status: writer }], collected_time: '2024-01-01T00:00:00Z' }));
    this.#defs = parseDefs(`suite s\n  task ${writer}\nendsuite\n`);
    findNode(this.#defs, `/s/${writer}`)!.state = 'aborted';
    this.#table.rebuild(this.#defs);
    this.tracker.update(this.#defs, new Date());
  }
  get aborted() {
    return this.tracker.list;
  }
  get abortedJson(): string {
    return this.tracker.json;
  }
  seedAborted(earlier: unknown): boolean {
    return this.tracker.seed(earlier);
  }
  seedPrevious(): void {}
}

describe('fencing in a Redis Cluster', { skip: haveCluster ? false : 'redis-server or redis-cli not installed', timeout: 60_000 }, () => {
  let cluster: RedisCluster;
  before(async () => {
    cluster = await RedisCluster.start();
  });
  after(async () => {
    await cluster?.stop();
  });

  it('refuses a writer whose token is older than the newest written, on every key, and leaves Redis as it was', async () => {
    const c = await cluster.client();
    const tokens: Record<string, string | undefined> = {};
    const refused: string[] = [];
    const sinkOf = (writer: string) =>
      new RedisSink({
        connection: { kind: 'cluster', nodes: cluster.addresses.map((a) => `redis://${a}`) },
        streamMaxLen: 100,
        logger: pino({ level: 'silent' }),
        metrics: new WatchmanMetrics({ processMetrics: false }),
        fence: { token: () => tokens[writer], refused: () => void refused.push(writer) },
      });
    const [a, b] = [sinkOf('a'), sinkOf('b')];
    const [serverA, serverB] = [new StandIn('a'), new StandIn('b')] as unknown as ServerWatch[];
    const keys = serverA!.keys;
    const lease = (op: string, replica: string, token = '') => LEASE.run(a.scripts, [keys.lease], [op, replica, token, '10000']) as Promise<[number, number, string?]>;
    const write = async (sink: RedisSink, server: ServerWatch, path: string) => {
      sink.update(server, { nodes: true, aborted: true, publish: true, changes: [{ path, old: 'queued', new: 'aborted' }] });
      await sink.drainOne(server);
    };
    try {
      a.connect();
      b.connect();
      await until('both sinks connected', () => a.ready && b.ready);
      // A holds the lease and writes.
      tokens.a = (await lease('acquire', 'a'))[2];
      assert.ok(await a.seed(serverA!));
      await write(a, serverA!, '/s/t');
      assert.equal(JSON.parse((await c.get(keys.status))!).status_records[0].status, 'a');
      // A's lease moves to B (a greater token), and B writes.
      await lease('release', 'a', tokens.a);
      tokens.b = (await lease('acquire', 'b'))[2];
      assert.ok(BigInt(tokens.b!) > BigInt(tokens.a!), `${tokens.b} > ${tokens.a}`);
      assert.ok(await b.seed(serverB!));
      await write(b, serverB!, '/s/t');
      const written = await snapshot(c, 'fence', 'r');
      assert.deepEqual(
        [written.records[0].status, written.health?.host, Object.keys(written.nodes).sort(), written.aborted?.map((t) => t.path), written.changes.map((e) => e.path)],
        ['b', 'host-b', ['/s', '/s/b'], ['/s/b'], ['/s/t', '/s/t']],
        'all of B’s, the stream A’s entry then B’s',
      );
      // A writes after B: refused at the lease, nothing written.
      await write(a, serverA!, '/late/one');
      assert.deepEqual(refused, ['a']);
      assert.deepEqual(await snapshot(c, 'fence', 'r'), written);
      // A got past the lease before B took it (the lease says A's token again): each key's fence refuses it.
      await c.hSet(keys.lease, 'token', tokens.a!);
      a.rewrite(serverA!);
      await a.drainOne(serverA!);
      assert.deepEqual(refused, ['a', 'a']);
      assert.deepEqual(await snapshot(c, 'fence', 'r'), written);
      for (const k of [keys.status, keys.health, keys.nodes, keys.aborted, keys.changes]) assert.equal(await c.get(fenceKey(k)), tokens.b, `${k}'s fence`);
    } finally {
      await Promise.all([a.close(), b.close()]);
      c.destroy();
    }
  });
});
