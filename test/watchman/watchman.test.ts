/**
 * The watchman against real ecflow_servers and a real redis-server: the Go tool's status value
 * (checked against the Python ecflow module), our extra keys, the change stream, pub/sub, metrics,
 * and the faults of issue 6: a server killed and restarted, Redis killed and restarted, a server
 * that stalls, one that sends garbage — each while another server goes on being watched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { frame, startFakeServer, type FakeServer } from '../helpers/fake-server.js';
import { checkConfig, startWatchman, statusRecords, type RunningWatchman, type ServerChange } from '../../packages/ecflow-watchman/src/index.js';
import { until } from '../helpers/until.js';
import { ecflowRecords, haveRedis, loadSuite, RedisServer } from './helpers/services.js';

const skip = !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !haveRedis ? 'redis-server not installed' : false;

type Job = { owner: string; repo: string; port: number; suites?: string[]; scrape_timeout?: string };

function configOf(redis: RedisServer, jobs: Job[]) {
  return checkConfig({
    global: { scrape_interval: '200ms', scrape_timeout: '1s', max_backoff: '400ms' },
    scrape_configs: jobs.map((j) => ({ host: '127.0.0.1', ...j })),
    sink_config: { type: 'redis', url: `127.0.0.1:${redis.port}` },
  }).config;
}

async function metricsText(w: RunningWatchman): Promise<string> {
  const res = await fetch(`http://${w.address}/metrics`);
  assert.equal(res.status, 200);
  return res.text();
}

function metric(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('ecflow-watchman with real ecflow_server and redis-server', { skip, timeout: 120_000 }, () => {
  let redis: RedisServer;
  let a: TestServer;
  let b: TestServer;
  let garbage: FakeServer;
  let stall: FakeServer;
  let w: RunningWatchman;
  let r: Awaited<ReturnType<RedisServer['client']>>;
  let sub: Awaited<ReturnType<RedisServer['client']>>;
  const published: string[] = [];
  const changes: ServerChange[] = [];
  /** The watchman's log lines about Redis, for a failure to show. */
  const redisLog: string[] = [];

  before(async () => {
    [redis, a, b] = await Promise.all([RedisServer.start(), startServer(), startServer()]);
    await Promise.all([loadSuite(a), loadSuite(b)]);
    // A "server" whose replies are not ecFlow frames.
    garbage = await startFakeServer(async (c) => {
      await c.request();
      c.socket.end(frame('this is not cereal json'));
    });
    // A "server" that reads the request and never answers.
    stall = await startFakeServer(async (c) => {
      await c.request();
    });
    r = await redis.client();
    sub = await redis.client();
    await sub.subscribe('ops/a/status/channel', (m) => published.push(m));
    const config = configOf(redis, [
      { owner: 'ops', repo: 'a', port: a.port },
      { owner: 'ops', repo: 'b-s2', port: b.port, suites: ['s2'] },
      { owner: 'bad', repo: 'garbage', port: garbage.port },
      { owner: 'bad', repo: 'stall', port: stall.port, scrape_timeout: '300ms' },
    ]);
    const logger = pino({ level: 'info' }, {
      write: (line: string) => {
        const { time, msg, err } = JSON.parse(line) as { time: number; msg: string; err?: { message: string } };
        if (msg.startsWith('redis:')) redisLog.push(`${new Date(time).toISOString().slice(11)} ${msg}${err ? ` (${err.message})` : ''}`);
      },
    });
    w = await startWatchman(config, { logger, listen: { host: '127.0.0.1', port: 0 } });
    w.view.subscribe((c) => changes.push(c));
  });

  after(async () => {
    await w?.close();
    sub?.destroy();
    r?.destroy();
    await Promise.all([redis?.stop(), a?.stop(), b?.stop(), garbage?.close(), stall?.close()]);
  });

  it('writes {owner}/{repo}/status exactly as the Go tool: the records of the Python module (else of ecflow_client), then collected_time', async () => {
    const expected = await ecflowRecords(a);
    const value = await until('the status key', () => r.get('ops/a/status').then((v) => v ?? undefined));
    assert.equal(value, `{"status_records":${JSON.stringify(expected)},"collected_time":${JSON.stringify(JSON.parse(value).collected_time)}}`);
    assert.ok(expected.length === 8, `ecFlow saw ${expected.length} records`);
    assert.match(JSON.parse(value).collected_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    // The view's client mirror gives the same records.
    assert.deepEqual(statusRecords(w.view.server('ops', 'a')!.client.getDefs()), expected);
  });

  it('keeps scraping: collected_time moves on while nothing changes, with incremental (news-only) scrapes', async () => {
    const first = JSON.parse((await r.get('ops/a/status'))!).collected_time;
    await until('a newer collected_time', async () => JSON.parse((await r.get('ops/a/status'))!).collected_time !== first);
    const m = await metricsText(w);
    assert.ok(metric(m, 'ecflow_watchman_syncs_total', 'repo="a",kind="none"') >= 1, 'unchanged server: news only');
    assert.equal(metric(m, 'ecflow_watchman_syncs_total', 'repo="a",kind="full"'), 1, 'one full sync: the first');
    assert.ok(metric(m, 'ecflow_watchman_received_bytes_total', 'repo="a"') > 0);
    assert.equal(metric(m, 'ecflow_watchman_up', 'repo="a"'), 1);
  });

  it('restricts a job to its suites (client handle)', async () => {
    const value = await until('the b-s2 status key', () => r.get('ops/b-s2/status').then((v) => v ?? undefined));
    assert.deepEqual(
      JSON.parse(value).status_records.map((x: { path: string }) => x.path),
      ['/', '/s2', '/s2/u1'],
    );
  });

  it('follows changes: stream entries, pub/sub on the Go channel, node details, health, aborted tasks', async () => {
    const c = a.client();
    await c.suspend('/s1/f1/t1');
    await c.force('/s1/t3', 'aborted');
    await c.alter('/s1/f1/t2', { op: 'change', attr: 'label', name: 'info', value: 'hello' });
    const expected = await ecflowRecords(a);
    await until('the status to follow', async () => JSON.stringify(JSON.parse((await r.get('ops/a/status'))!).status_records) === JSON.stringify(expected));
    const entries = await until('stream entries', async () => {
      const e = await r.xRange('ops/a/changes', '-', '+');
      return e.some((x) => x.message.path === '/s1/t3' && x.message.new === 'aborted') ? e : undefined;
    });
    const t1 = entries.find((x) => x.message.path === '/s1/f1/t1')!;
    assert.equal(t1.message.old, 'unknown', 'the suite is not begun: its nodes are unknown');
    assert.equal(t1.message.new, 'suspended');
    assert.equal(t1.message.kind, 'incremental');
    assert.ok(!Number.isNaN(Date.parse(t1.message.time!)));
    const aborted = JSON.parse(await until<string>('aborted key', () => r.get('ops/a/aborted').then((v) => (v && v !== '[]' ? v : undefined))));
    assert.deepEqual(aborted.map((t: { path: string }) => t.path), ['/s1/t3']);
    assert.ok(!Number.isNaN(Date.parse(aborted[0].since)));
    assert.equal(w.view.server('ops', 'a')!.aborted[0]!.path, '/s1/t3');
    const node = JSON.parse(await until<string>('node details', async () => {
      const v = await r.hGet('ops/a/nodes', '/s1/f1/t2');
      return v && JSON.parse(v).labels[0]?.value === 'hello' ? v : undefined;
    }));
    assert.equal(node.type, 'task');
    assert.deepEqual(node.meters.map((m: { name: string }) => m.name), ['progress']);
    const health = JSON.parse((await r.get('ops/a/health'))!);
    assert.equal(health.reachable, true);
    assert.equal(health.serverState, 'RUNNING');
    const counts: Record<string, number> = {};
    for (const x of expected.slice(1)) counts[x.status] = (counts[x.status] ?? 0) + 1;
    assert.deepEqual(health.counts, counts);
    assert.equal(counts.aborted, 2, 'the task and its suite');
    // Tasks only, as the aborted list counts them.
    assert.equal(health.taskCounts.aborted, 1);
    assert.equal(health.taskCounts.suspended, 1);
    assert.equal(Object.values(health.taskCounts as Record<string, number>).reduce((a, b) => a + b, 0), expected.length - 1 - 3, 'the tasks: not /, s1, s2, f1');
    assert.equal(health.nodes, 7);
    await until('a publication with the aborted task', () => published.some((m) => m.includes('"path":"/s1/t3","status":"aborted"')));
    assert.equal(JSON.parse(published.at(-1)!).status_records.length, 8);
    assert.ok(changes.some((ch) => ch.owner === 'ops' && ch.repo === 'a' && ch.changes.some((x) => x.path === '/s1/t3' && x.new === 'aborted')));
  });

  it('records a garbage-sending server as unreachable with ECFLOW_PROTOCOL, and a stalled one with ECFLOW_TIMEOUT, promptly', async () => {
    const g = JSON.parse(await until<string>('garbage health', () => r.get('bad/garbage/health').then((v) => v ?? undefined)));
    assert.equal(g.reachable, false);
    assert.equal(g.lastError.kind, 'ECFLOW_PROTOCOL');
    const s = JSON.parse(await until<string>('stall health', () => r.get('bad/stall/health').then((v) => v ?? undefined)));
    assert.equal(s.reachable, false);
    assert.equal(s.lastError.kind, 'ECFLOW_TIMEOUT');
    assert.ok(s.scrapeDurationMs < 1500, `a stalled scrape took ${s.scrapeDurationMs} ms (timeout 300 ms)`);
    assert.equal(await r.get('bad/garbage/status'), null, 'no status without a successful scrape');
    const m = await metricsText(w);
    assert.ok(metric(m, 'ecflow_watchman_scrape_errors_total', 'repo="garbage",kind="ECFLOW_PROTOCOL"') >= 1);
    assert.ok(metric(m, 'ecflow_watchman_scrape_errors_total', 'repo="stall",kind="ECFLOW_TIMEOUT"') >= 1);
    assert.equal(metric(m, 'ecflow_watchman_up', 'repo="a"'), 1, 'the good server is unaffected');
    const ready = await fetch(`http://${w.address}/readyz`);
    assert.equal(ready.status, 200, 'ready: Redis is connected and every server was scraped once');
    assert.equal((await fetch(`http://${w.address}/healthz`)).status, 200);
  });

  it('a server killed and restarted: unreachable with the last status kept and stale, then a full sync', async () => {
    await a.client().checkpoint();
    await a.kill();
    // The last good status: no scrape succeeds once the server is gone (one read before the kill
    // may be followed by a scrape with a newer collected_time).
    const before = await r.get('ops/a/status');
    // A scrape under way when the server is killed ends in ECFLOW_EOF; the ones after it are refused.
    const down = JSON.parse(await until<string>('health unreachable with ECFLOW_CONNECT', async () => {
      const v = await r.get('ops/a/health');
      return v && !JSON.parse(v).reachable && JSON.parse(v).lastError?.kind === 'ECFLOW_CONNECT' ? v : undefined;
    }));
    assert.equal(down.stale, true);
    assert.equal(down.counts.aborted, 2, `the last good counts are kept: ${JSON.stringify(down)}`);
    assert.equal(await r.get('ops/a/status'), before, 'the last good status is kept');
    assert.equal(w.view.server('ops', 'a')!.health.stale, true);
    const fullBefore = metric(await metricsText(w), 'ecflow_watchman_syncs_total', 'repo="a",kind="full"');
    await a.restart();
    const up = JSON.parse(await until<string>('health reachable again', async () => {
      const v = await r.get('ops/a/health');
      return v && JSON.parse(v).reachable ? v : undefined;
    }));
    assert.equal(up.stale, false);
    assert.equal(metric(await metricsText(w), 'ecflow_watchman_syncs_total', 'repo="a",kind="full"'), fullBefore + 1, 'recovered with a full sync');
    // The restarted server (from its checkpoint) and the Python module agree with what we wrote.
    const expected = await ecflowRecords(a);
    await until('status equal to the restarted server', async () => JSON.stringify(JSON.parse((await r.get('ops/a/status'))!).status_records) === JSON.stringify(expected));
  });

  it('Redis killed and restarted: scraping goes on, writes resume, every key is written again', async () => {
    await redis.kill();
    const m0 = await metricsText(w);
    const syncs = (t: string) => ['none', 'incremental', 'full'].reduce((n, k) => n + (metric(t, 'ecflow_watchman_syncs_total', `repo="a",kind="${k}"`) || 0), 0);
    await until('more scrapes while Redis is down', async () => syncs(await metricsText(w)) > syncs(m0) + 2);
    assert.match(await metricsText(w), /^ecflow_watchman_redis_up 0$/m);
    assert.equal((await fetch(`http://${w.address}/readyz`)).status, 503, 'not ready without Redis');
    // A change while Redis is down reaches the stream once it is back.
    await a.client().resume('/s1/f1/t1');
    await until('the mirror to see the resume', () => statusRecords(w.view.server('ops', 'a')!.client.getDefs()).find((x) => x.path === '/s1/f1/t1')?.status === 'unknown');
    await redis.restart();
    r.destroy();
    r = await redis.client();
    await until('keys written again', async () => {
      const [status, nodes, aborted] = await Promise.all([r.get('ops/a/status'), r.hLen('ops/a/nodes'), r.get('ops/a/aborted')]);
      if (status !== null && nodes === 7 && aborted !== null) return true;
      // What a timeout reports: which keys are missing, and what the sink has tried.
      const m = await metricsText(w);
      throw new Error(`status ${status === null ? 'absent' : 'written'}, ${nodes} nodes, aborted ${aborted === null ? 'absent' : 'written'}; redis_up ${/^ecflow_watchman_redis_up (\S+)$/m.exec(m)?.[1]}, writes ok ${metric(m, 'ecflow_watchman_redis_writes_total', 'result="ok"')}, failed ${metric(m, 'ecflow_watchman_redis_writes_total', 'result="error"')}, fenced ${metric(m, 'ecflow_watchman_redis_writes_total', 'result="fenced"')}; the log: ${redisLog.join('; ')}`);
    });
    const entries = await until('the change made while Redis was down', async () => {
      const e = await r.xRange('ops/a/changes', '-', '+');
      return e.some((x) => x.message.path === '/s1/f1/t1' && x.message.old === 'suspended' && x.message.new === 'unknown') ? e : undefined;
    });
    assert.ok(entries.length >= 1);
    assert.equal(JSON.parse((await r.get('ops/a/aborted'))!)[0].path, '/s1/t3');
    await until('ready again', async () => (await fetch(`http://${w.address}/readyz`)).status === 200);
  });
});
