/**
 * The sink's Redis in the watchman's config: `sink_config` takes exactly one of url, sentinel and
 * cluster, each error naming its field; the parsed config's connection description, and what the
 * logs and /readyz print of it (never a password). No I/O: a connection is built, not connected.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig, type RedisConnectionConfig } from '../../packages/ecflow-watchman/src/config.js';
import { describeRedis, RedisConnection } from '../../packages/ecflow-watchman/src/sinks/redis-connection.js';
import { issuesOf } from '../watchman/helpers/config-issues.js';

const JOBS = `scrape_configs:
  - owner: o
    repo: r
    host: h
    port: 3141
`;

const withSink = (sink: string, jobs = JOBS) => `${jobs}sink_config:\n  type: redis\n${sink}`;

function connectionOf(sink: string): RedisConnectionConfig {
  return parseConfig(withSink(sink)).config.sink.connection;
}

describe('sink_config: url, sentinel or cluster', () => {
  it('reads url as before, as a standalone connection', () => {
    assert.deepEqual(connectionOf('  url: 127.0.0.1:6379\n'), { kind: 'standalone', url: 'redis://127.0.0.1:6379' });
  });

  it('reads a sentinel section: master name, sentinels as host:port (IPv6 too), credentials of both, database', () => {
    const c = connectionOf(`  sentinel:
    master_name: mymaster
    sentinels: ["10.0.0.1:26379", "[::1]:26380", "sentinel-3:26381"]
    username: app
    password: "s3cret"
    sentinel_username: watcher
    sentinel_password: "t0ps3cret"
    db: 2
`);
    assert.deepEqual(c, {
      kind: 'sentinel',
      masterName: 'mymaster',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '::1', port: 26380 },
        { host: 'sentinel-3', port: 26381 },
      ],
      db: 2,
      username: 'app',
      password: 's3cret',
      sentinelUsername: 'watcher',
      sentinelPassword: 't0ps3cret',
    });
    assert.deepEqual(connectionOf('  sentinel: { master_name: m, sentinels: ["h:1"] }\n'), { kind: 'sentinel', masterName: 'm', sentinels: [{ host: 'h', port: 1 }], db: 0 });
  });

  it('reads a cluster section: nodes as host:port or redis:// URLs, credentials', () => {
    assert.deepEqual(connectionOf('  cluster:\n    nodes: ["127.0.0.1:7000", "redis://127.0.0.1:7001"]\n    username: u\n    password: p\n'), {
      kind: 'cluster',
      nodes: ['redis://127.0.0.1:7000', 'redis://127.0.0.1:7001'],
      username: 'u',
      password: 'p',
    });
  });

  it('names the field of each error', () => {
    assert.deepEqual(issuesOf(withSink('  sentinel:\n    sentinels: ["h:1", "nope", "h:70000"]\n    db: -1\n')), [
      'sink_config.sentinel.master_name: missing',
      'sink_config.sentinel.sentinels[1]: sentinel "nope": expected host:port',
      'sink_config.sentinel.sentinels[2]: sentinel "h:70000": port 70000 is out of range',
      'sink_config.sentinel.db: must be 0 or more',
    ]);
    assert.deepEqual(issuesOf(withSink('  sentinel: { master_name: m, sentinels: [] }\n')), ['sink_config.sentinel.sentinels: no sentinels: give at least one host:port']);
    assert.deepEqual(issuesOf(withSink('  sentinel: { master_name: m, sentinels: "h:1" }\n')), ['sink_config.sentinel.sentinels: expected a list of host:port']);
    assert.deepEqual(issuesOf(withSink('  sentinel: mymaster\n')), ['sink_config.sentinel: expected a mapping with master_name and sentinels']);
    assert.deepEqual(issuesOf(withSink('  cluster:\n    nodes: ["h:1", "http://h:2", "redis://h:3/1"]\n')), [
      'sink_config.cluster.nodes[1]: node "http://h:2": the scheme must be redis:// or rediss://',
      'sink_config.cluster.nodes[2]: node "redis://h:3/1": a Redis Cluster has database 0 only',
    ]);
    assert.deepEqual(issuesOf(withSink('  cluster: {}\n')), ['sink_config.cluster.nodes: missing']);
  });

  it('takes exactly one of url, sentinel and cluster, and says so naming all three', () => {
    const sentinel = '  sentinel: { master_name: m, sentinels: ["h:1"] }\n';
    const cluster = '  cluster: { nodes: ["h:2"] }\n';
    assert.deepEqual(issuesOf(withSink('')), ['sink_config: give exactly one of url, sentinel, cluster: none is given']);
    assert.deepEqual(issuesOf(withSink(`  url: h:1\n${sentinel}`)), ['sink_config: give exactly one of url, sentinel, cluster: url and sentinel are given']);
    assert.deepEqual(issuesOf(withSink(`  url: h:1\n${sentinel}${cluster}`)), ['sink_config: give exactly one of url, sentinel, cluster: url, sentinel and cluster are given']);
    // A wrong one of two is told as well.
    assert.deepEqual(issuesOf(withSink(`  url: nowhere\n${cluster}`)), [
      'sink_config.url: url "nowhere": expected host:port or a redis:// / rediss:// URL',
      'sink_config: give exactly one of url, sentinel, cluster: url and cluster are given',
    ]);
  });

  it('warns of unknown keys inside sentinel and cluster, and of a database a default Redis lacks', () => {
    const { warnings } = parseConfig(withSink('  sentinel: { master_name: m, sentinels: ["h:1"], db: 16, master: x }\n'));
    assert.deepEqual(
      warnings.map((w) => `${w.path}: ${w.message}`),
      [
        'sink_config.sentinel.master: unknown key (ignored)',
        'sink_config.sentinel.db: database 16: a Redis has databases 0 to 15 unless its `databases` setting gives more (else it refuses the SELECT)',
      ],
    );
    assert.deepEqual(
      parseConfig(withSink('  cluster: { nodes: ["h:1"], pasword: x }\n')).warnings.map((w) => w.path),
      ['sink_config.cluster.pasword'],
    );
  });

  it('refuses braces in owner or repo with a cluster (a hash tag would part the keys from their fences), not otherwise', () => {
    const jobs = 'scrape_configs:\n  - { owner: "a{b}", repo: "r}", host: h, port: 1 }\n';
    assert.deepEqual(issuesOf(withSink('  cluster: { nodes: ["h:1"] }\n', jobs)), [
      'scrape_configs[0].owner: must not contain { or } with sink_config.cluster: braces are a Redis Cluster hash tag, and would put the keys of one server in other slots than their fences',
      'scrape_configs[0].repo: must not contain { or } with sink_config.cluster: braces are a Redis Cluster hash tag, and would put the keys of one server in other slots than their fences',
    ]);
    assert.equal(parseConfig(withSink('  url: h:1\n', jobs)).config.jobs[0]!.owner, 'a{b}');
  });
});

describe('a connection description', () => {
  const sentinel: RedisConnectionConfig = {
    kind: 'sentinel',
    masterName: 'mymaster',
    sentinels: [
      { host: '10.0.0.1', port: 26379 },
      { host: '::1', port: 26380 },
    ],
    db: 3,
    password: 'master-secret',
    sentinelPassword: 'sentinel-secret',
  };
  const cluster: RedisConnectionConfig = { kind: 'cluster', nodes: ['redis://:node-secret@10.0.0.2:7000', 'redis://10.0.0.3:7001'], password: 'cluster-secret' };

  it('prints each kind without any password', () => {
    assert.equal(describeRedis({ kind: 'standalone', url: 'rediss://user:pw@redis.example:6380/2' }), 'rediss://user:***@redis.example:6380/2');
    assert.equal(describeRedis(sentinel), 'sentinel master mymaster via 10.0.0.1:26379,[::1]:26380 db 3');
    assert.equal(describeRedis(cluster), 'cluster redis://:***@10.0.0.2:7000,redis://10.0.0.3:7001');
    for (const text of [describeRedis(sentinel), describeRedis(cluster)]) assert.doesNotMatch(text, /secret/);
  });

  it('builds a connection of each kind (not connected until asked), which says whether one write may span keys', async () => {
    for (const [config, multiKey] of [
      [{ kind: 'standalone', url: 'redis://127.0.0.1:1' }, true],
      [sentinel, true],
      [cluster, false],
    ] as const) {
      const c = new RedisConnection(config);
      assert.deepEqual([c.kind, c.multiKey, c.isReady, c.description], [config.kind, multiKey, false, describeRedis(config)]);
      await c.close();
    }
  });
});
