/**
 * The Redis sink against a real redis-server, with stand-ins for the watched servers: no key of a
 * server is written before its earlier run's aborted times were read back, whatever order the
 * scrapes and Redis's readiness come in; and a fenced write refused for a token the lease no
 * longer has is not the end of the server's writes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { findNode, parseDefs } from '../../packages/ecflow-ts/src/index.js';
import { AbortedTracker } from '../../packages/ecflow-watchman/src/aborted.js';
import { initialHealth } from '../../packages/ecflow-watchman/src/health.js';
import { serverKeys } from '../../packages/ecflow-watchman/src/keys.js';
import { WatchmanMetrics } from '../../packages/ecflow-watchman/src/metrics.js';
import { NodeDetails } from '../../packages/ecflow-watchman/src/node-details.js';
import { StatusTable } from '../../packages/ecflow-watchman/src/status-table.js';
import { RedisSink } from '../../packages/ecflow-watchman/src/sinks/redis.js';
import type { ServerWatch } from '../../packages/ecflow-watchman/src/watched-server.js';
import { until } from '../helpers/until.js';
import { RedisServer } from './helpers/services.js';

const EARLIER = '2020-01-01T00:00:00.000Z';

/** What the sink reads of a watched server, with one aborted task first seen now. */
class StandIn {
  readonly owner = 'o';
  readonly keys;
  readonly health;
  readonly details = new NodeDetails(new StatusTable());
  readonly client = { getDefs: () => null };
  readonly statusValue = Buffer.from('{"status_records":[],"collected_time":"2024-01-01T00:00:00Z"}');
  readonly tracker = new AbortedTracker();
  onSeed: () => void = () => undefined;
  readonly repo: string;

  constructor(repo: string) {
    this.repo = repo;
    this.keys = serverKeys(this.owner, repo);
    this.health = initialHealth(this.owner, repo, '127.0.0.1', 1);
    const defs = parseDefs('suite s\n  task t\nendsuite\n');
    findNode(defs, '/s/t')!.state = 'aborted';
    this.tracker.update(defs, new Date());
  }
  get aborted() {
    return this.tracker.list;
  }
  get abortedJson(): string {
    return this.tracker.json;
  }
  seedAborted(earlier: unknown): boolean {
    const changed = this.tracker.seed(earlier);
    this.onSeed();
    return changed;
  }
}

describe('the Redis sink', { timeout: 60_000 }, () => {
  let redis: RedisServer;
  before(async () => {
    redis = await RedisServer.start();
  });
  after(async () => {
    await redis?.stop();
  });

  it('writes a server only after reading back its earlier aborted times, also when a scrape ends while another server is read', async () => {
    const r = await redis.client();
    const names = ['a', 'b', 'c', 'd'];
    for (const n of names) await r.set(`o/${n}/aborted`, JSON.stringify([{ path: '/s/t', since: EARLIER, reason: '', tryNo: 0 }]));
    const servers = names.map((n) => new StandIn(n));
    const sink = new RedisSink({ connection: { kind: 'standalone', url: redis.url }, streamMaxLen: 100, logger: pino({ level: 'silent' }), metrics: new WatchmanMetrics({ processMetrics: false }) });
    const watched = servers as unknown as ServerWatch[];
    sink.register(watched);
    // The first scrapes ended before Redis was ready: their writes wait.
    for (const s of watched) sink.update(s, { aborted: true, publish: true });
    // While the first server's times are read back, the others finish a scrape and write.
    servers[0]!.onSeed = () => {
      for (const s of watched.slice(1)) sink.update(s, { aborted: true });
    };
    sink.connect();
    try {
      for (const n of names) {
        const value = await until(`o/${n}/status written`, async () => ((await r.get(`o/${n}/status`)) !== null ? r.get(`o/${n}/aborted`) : undefined));
        assert.equal(JSON.parse(value!)[0].since, EARLIER, `${n}: the earlier run's time kept`);
      }
      for (const s of servers) assert.equal(s.aborted[0]!.since, EARLIER);
    } finally {
      await sink.drain();
      await sink.close();
      r.destroy();
    }
  });

  it('writes again with the new token when the lease was taken again while a write with the old one was refused', async () => {
    const r = await redis.client();
    const server = new StandIn('fenced') as unknown as ServerWatch;
    // The lease as the duty takes it again once a restarted Redis has lost it: a new token.
    await r.hSet(server.keys.lease, { replica: 'me', token: 'T2', fence: 'T2' });
    // The first write goes with the token of before; by the time it is refused, the duty holds T2.
    let current = 'T1';
    const refused: string[] = [];
    const fence = {
      token: () => {
        const t = current;
        current = 'T2';
        return t;
      },
      refused: (s: ServerWatch) => void refused.push(s.repo),
    };
    const sink = new RedisSink({ connection: { kind: 'standalone', url: redis.url }, streamMaxLen: 100, logger: pino({ level: 'silent' }), metrics: new WatchmanMetrics({ processMetrics: false }), fence });
    sink.register([server]);
    sink.connect();
    try {
      await until('the sink ready', () => sink.ready);
      assert.equal(await sink.seed(server), true);
      sink.update(server, { aborted: true, publish: true });
      await until('the status written with T2', () => r.get(server.keys.status).then((v) => v !== null));
      assert.deepEqual(refused, [], 'no lease check asked for: the refusal was of a token given up');
      assert.notEqual(await r.get(server.keys.aborted), null);
    } finally {
      await sink.drain();
      await sink.close();
      r.destroy();
    }
  });
});
