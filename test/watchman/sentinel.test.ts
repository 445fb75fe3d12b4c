/**
 * The watchman on a Sentinel-monitored Redis (sink_config.sentinel), against a real ecflow_server,
 * a real master, replica and three sentinels: it writes to the master the sentinels name, and the
 * alert engine keeps its state there too; when the master is killed while it is being written to
 * and the sentinels promote the replica, the watchman writes every key of the server whole again
 * on the new master (what the replica had of them is dropped first, as writes that never reached
 * it would be), and goes on writing.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';
import { checkConfig, serverKeys, startWatchman, type RunningWatchman } from '../../packages/ecflow-watchman/src/index.js';
import { RedisConnection } from '../../packages/ecflow-watchman/src/sinks/redis-connection.js';
import { ecflowRecords, loadSuite } from './helpers/services.js';
import { haveSentinel, MASTER_NAME, SentinelSet } from './helpers/sentinel.js';

const skip = !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !haveSentinel ? 'redis-server or redis-sentinel not installed' : false;

const keys = serverKeys('ops', 'a');
type Client = Awaited<ReturnType<SentinelSet['client']>>;

const collected = async (r: Client): Promise<number | undefined> => {
  const v = await r.get(keys.status);
  return v === null ? undefined : Date.parse(JSON.parse(v).collected_time);
};

/** Every key of the server on this Redis is what a fresh read of the server gives (and these tasks are aborted). */
async function assertCurrent(r: Client, ecf: TestServer, aborted: string[]): Promise<void> {
  const expected = await ecflowRecords(ecf);
  await until('the status records to be the server’s', async () => {
    const v = await r.get(keys.status);
    return v !== null && JSON.stringify(JSON.parse(v).status_records) === JSON.stringify(expected);
  });
  const nodes = await r.hGetAll(keys.nodes);
  assert.deepEqual(Object.keys(nodes).sort(), expected.map((x) => x.path).filter((p) => p !== '/').sort(), 'a node view of every node');
  for (const { path, status } of expected.slice(1)) assert.equal(JSON.parse(nodes[path]!).status, status, path);
  const health = JSON.parse((await r.get(keys.health))!);
  assert.equal(health.reachable, true);
  assert.equal(health.serverState, 'RUNNING');
  assert.deepEqual(
    (JSON.parse((await r.get(keys.aborted))!) as { path: string }[]).map((t) => t.path),
    aborted,
  );
}

describe('ecflow-watchman on Redis Sentinel', { skip, timeout: 150_000 }, () => {
  let set: SentinelSet;
  let ecf: TestServer;
  let w: RunningWatchman;
  const clients: Client[] = [];
  const client = async (port: number) => {
    const c = await set.client(port);
    clients.push(c);
    return c;
  };

  before(async () => {
    [set, ecf] = await Promise.all([SentinelSet.start(), startServer()]);
    await loadSuite(ecf);
    const config = checkConfig({
      global: { scrape_interval: '200ms', scrape_timeout: '1s', max_backoff: '400ms' },
      scrape_configs: [{ owner: 'ops', repo: 'a', host: '127.0.0.1', port: ecf.port }],
      sink_config: { type: 'redis', sentinel: { master_name: MASTER_NAME, sentinels: set.addresses } },
      alerts: {
        evaluate_interval: '200ms',
        receivers: [{ name: 'ops', webhook: { url: 'http://127.0.0.1:1/hook' } }],
        rules: [{ name: 'halted', when: 'server_halted', send_to: ['ops'] }],
      },
    }).config;
    w = await startWatchman(config, { logger: pino({ level: 'silent' }), listen: false, processMetrics: false });
  });

  after(async () => {
    await w?.close();
    for (const c of clients) if (c.isOpen) c.destroy();
    await Promise.all([set?.stop(), ecf?.stop()]);
  });

  it('writes every key to the master the sentinels name, and the alert engine records its evaluations there', async () => {
    const master = await client(await set.masterPort());
    await assertCurrent(master, ecf, []);
    await until('the alert engine’s record of an evaluation', () => master.hGet(keys.alerts, '#seen').then((v) => v ?? undefined));
    assert.match(w.readiness().waiting.join(), /^$/);
  });

  it('after a failover (the master killed while written to), writes the server whole on the promoted replica and goes on', async (t) => {
    const old = await set.masterPort();
    const promoted = set.servers.find((s) => s.port !== old)!.port;
    const master = await client(old);
    const replica = await client(promoted);
    // Writes are under way: collected_time moves on every scrape.
    const first = await collected(master);
    await until('a newer collected_time', async () => ((await collected(master)) ?? 0) > (first ?? 0));
    await replica.configSet('replica-read-only', 'no');
    const connections = await set.sentinelConnections();
    await set.kill(old);
    const killedAt = Date.now();
    // What the replica had of the server is dropped (its lease is kept: the duty renews it, so
    // only the failover itself can make the sink write everything again).
    await replica.del([keys.status, keys.health, keys.nodes, keys.aborted, keys.alerts]);
    let polls = 0;
    await until('the sentinels to promote the replica', async () => (polls++, await set.masterPort()) === promoted, 30_000);
    const failedOverAt = Date.now();
    await until('a status collected after the kill on the new master', async () => ((await collected(replica)) ?? 0) > killedAt, 30_000);
    const rewrittenAt = Date.now();
    // node-redis asks the sentinels again while no master answers: how often (besides this test's polls), told.
    const asked = (await set.sentinelConnections()) - connections - polls - 1;
    t.diagnostic(`failover ${failedOverAt - killedAt} ms after the kill; a status on the new master ${rewrittenAt - failedOverAt} ms after it; ${asked} connections to the sentinels meanwhile`);
    // The server's keys are all there and current, and stay so as the server changes.
    await ecf.client().force('/s1/t3', 'aborted');
    await assertCurrent(replica, ecf, ['/s1/t3']);
    const entries = await until('a stream entry of the change on the new master', async () => {
      const e = await replica.xRange(keys.changes, '-', '+');
      return e.some((x) => x.message.path === '/s1/t3' && x.message.new === 'aborted') ? e : undefined;
    });
    assert.ok(entries.length > 0);
    await until('the alert engine’s record again, on the new master', () => replica.hGet(keys.alerts, '#seen').then((v) => v ?? undefined));
    await until('readiness', () => w.readiness().ready);
  });
});

describe('a Sentinel connection while no sentinel answers', { timeout: 30_000 }, () => {
  it('says so once, at once, and leaves stdout alone (node-redis prints a stack a second when asked then)', async () => {
    // A "sentinel" that hangs up on every connection, counting them.
    let attempts = 0;
    const hangUp = net.createServer((socket) => {
      attempts++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
    const port = (hangUp.address() as net.AddressInfo).port;
    const c = new RedisConnection({ kind: 'sentinel', masterName: MASTER_NAME, sentinels: [{ host: '127.0.0.1', port }], db: 0 }, { connectTimeout: 500 });
    const downs: unknown[] = [];
    const printed: unknown[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void printed.push(args);
    try {
      c.onDown((e) => downs.push(e));
      c.connect();
      await until('three attempts to connect', () => attempts >= 3);
      assert.equal(downs.length, 1);
      assert.match(String(downs[0]), /no sentinel names a master mymaster/);
      assert.deepEqual(printed, []);
      assert.equal(c.isReady, false);
    } finally {
      console.log = log;
      await c.close();
      await new Promise((resolve) => hangUp.close(resolve));
    }
  });
});
