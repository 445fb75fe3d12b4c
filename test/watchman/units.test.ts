/**
 * The watchman's pure parts: config reading (the Go tool's YAML, our additions, every error with
 * its field path), Go durations, the Go status value and time format, timing, aborted tracking.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { type Defs, Family, forEachNode, type Node, NodeContainer, nodeView, NSTATE_NAMES, parseDefs, Task } from '../../packages/ecflow-ts/src/index.js';
import { random } from '../helpers/random.js';
import { AbortedTracker } from '../../packages/ecflow-watchman/src/aborted.js';
import { ConfigError, parseConfig, redisUrl } from '../../packages/ecflow-watchman/src/config.js';
import { formatDuration, parseDuration } from '../../packages/ecflow-watchman/src/duration.js';
import { NodeDetails, type NodeDetailsDiff } from '../../packages/ecflow-watchman/src/node-details.js';
import { StatusTable } from '../../packages/ecflow-watchman/src/status-table.js';
import { goTime, recordsJson, statusValue } from '../../packages/ecflow-watchman/src/status-value.js';
import { JITTER, nextDelay } from '../../packages/ecflow-watchman/src/timing.js';
import { diffRecords, errorKind } from '../../packages/ecflow-watchman/src/watched-server.js';
import { issuesOf } from './helpers/config-issues.js';

/** The Go tool's conf/sample.config.yaml with real values filled in. */
const GO_SAMPLE = `global:
  scrape_interval: 20s
  scrape_timeout: 10s # not worked

scrape_configs:
  -
    job_name: job name
    owner: owner
    repo: repo
    host: ecflow-host
    port: 31071

sink_config:
  type: redis # only redis is supported
  url: 10.40.143.18:6379
`;

describe('config', () => {
  it("reads the Go tool's sample config", () => {
    const { config, warnings } = parseConfig(GO_SAMPLE);
    assert.deepEqual(warnings, []);
    assert.equal(config.jobs.length, 1);
    const j = config.jobs[0]!;
    assert.deepEqual(
      { name: j.jobName, owner: j.owner, repo: j.repo, host: j.host, port: j.port, interval: j.scrapeIntervalMs, timeout: j.scrapeTimeoutMs, suites: j.suites, ssl: j.ssl, protocol: j.protocol },
      { name: 'job name', owner: 'owner', repo: 'repo', host: 'ecflow-host', port: 31071, interval: 20_000, timeout: 10_000, suites: null, ssl: false, protocol: 'tcp' },
    );
    assert.deepEqual(config.sink.connection, { kind: 'standalone', url: 'redis://10.40.143.18:6379' });
    assert.deepEqual(config.listen, { host: '127.0.0.1', port: 9141 });
  });

  it('takes the port as a string (the Go field is one) and connect_timeout in seconds', () => {
    const { config } = parseConfig(GO_SAMPLE.replace('port: 31071', 'port: "31071"\n    connect_timeout: 5'));
    assert.equal(config.jobs[0]!.port, 31071);
    assert.equal(config.jobs[0]!.connectTimeoutMs, 5000);
  });

  it('reads our additions: per-job interval, timeout, suites, credentials; redis URLs; listen address', () => {
    const { config } = parseConfig(`global:
  scrape_interval: 1m
  max_backoff: 5m
scrape_configs:
  - owner: o
    repo: r
    host: h
    port: 3141
    scrape_interval: 1m30s
    scrape_timeout: 2500ms
    suites: [a, b]
    ssl: true
    user: watcher
    password: secret
sink_config:
  type: redis
  url: rediss://user:pw@redis.example:6380/2
  stream_max_len: 500
http:
  listen_address: 127.0.0.1:0
`);
    const j = config.jobs[0]!;
    assert.equal(j.scrapeIntervalMs, 90_000);
    assert.equal(j.scrapeTimeoutMs, 2500);
    assert.equal(j.connectTimeoutMs, 2500, 'a connect timeout never exceeds the scrape timeout');
    assert.deepEqual(j.suites, ['a', 'b']);
    assert.equal(j.ssl, true);
    assert.equal(j.user, 'watcher');
    assert.equal(j.password, 'secret');
    assert.deepEqual(config.sink.connection, { kind: 'standalone', url: 'rediss://user:pw@redis.example:6380/2' });
    assert.equal(config.sink.streamMaxLen, 500);
    assert.equal(config.maxBackoffMs, 300_000);
    assert.deepEqual(config.listen, { host: '127.0.0.1', port: 0 });
  });

  it('reports every error at once, each with its field path', () => {
    const issues = issuesOf(`global:
  scrape_interval: 20
scrape_configs:
  - owner: o
    port: 99999
  - owner: o
    repo: r
    host: h
    port: abc
    connect_timeout: "5"
sink_config:
  type: kafka
  url: localhost
`);
    assert.deepEqual(issues, [
      'global.scrape_interval: 20: a number needs a unit (e.g. 20s)',
      'scrape_configs[0].repo: missing',
      'scrape_configs[0].host: missing',
      'scrape_configs[0].port: 99999: expected a whole number from 1 to 65535',
      'scrape_configs[1].port: "abc": expected a whole number from 1 to 65535',
      'scrape_configs[1].connect_timeout: expected a whole number of seconds',
      'sink_config.type: sink type "kafka" is not supported (only redis is)',
      'sink_config.url: url "localhost": expected host:port or a redis:// / rediss:// URL',
    ]);
  });

  it('tells a job’s own problems even when another part of the config is wrong (not phase by phase)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-config-'));
    try {
      const text = `scrape_configs:
  - owner: o
    repo: r
    host: h
    port: abc
  - owner: o2
    repo: r
    host: h
    port: 1
    ssl_certificate: missing.crt
  - owner: o2
    repo: r
    host: h
    port: 2
sink_config:
  type: redis
  url: localhost
http:
  listen_address: nowhere
`;
      let issues: string[] = [];
      try {
        parseConfig(text, 'c.yaml', { baseDir: dir });
      } catch (e) {
        assert.ok(e instanceof ConfigError, String(e));
        issues = e.issues.map((i) => `${i.path}: ${i.message}`);
      }
      assert.deepEqual(issues, [
        'scrape_configs[0].port: "abc": expected a whole number from 1 to 65535',
        `scrape_configs[1].ssl_certificate: no such file: ${dir}/missing.crt`,
        'scrape_configs[2]: owner/repo o2/r is also scrape_configs[1]: both would write the same Redis keys',
        'sink_config.url: url "localhost": expected host:port or a redis:// / rediss:// URL',
        'http.listen_address: listen address "nowhere": expected host:port, e.g. 127.0.0.1:9141',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an owner or repo with a slash (the keys would be ambiguous) and warns of a database a default Redis lacks', () => {
    assert.deepEqual(issuesOf(GO_SAMPLE.replace('owner: owner', 'owner: own/er').replace('repo: repo', 'repo: a/b')), [
      "scrape_configs[0].owner: must not contain '/': it separates owner, repo and the rest of the Redis keys ({owner}/{repo}/status)",
      "scrape_configs[0].repo: must not contain '/': it separates owner, repo and the rest of the Redis keys ({owner}/{repo}/status)",
    ]);
    const { warnings } = parseConfig(GO_SAMPLE.replace('url: 10.40.143.18:6379', 'url: redis://10.40.143.18:6379/99'));
    assert.deepEqual(
      warnings.map((w) => `${w.path}: ${w.message}`),
      ['sink_config.url: database 99: a Redis has databases 0 to 15 unless its `databases` setting gives more (else it refuses the SELECT)'],
    );
    assert.deepEqual(parseConfig(GO_SAMPLE.replace('url: 10.40.143.18:6379', 'url: redis://10.40.143.18:6379/15')).warnings, []);
  });

  it('reads a job\'s protocol: tcp by default, ssl from ssl/ssl_certificate, http and https with a token file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watchman-protocol-'));
    try {
      fs.writeFileSync(path.join(dir, 'tokens.json'), '{"version":1,"tokens":[]}');
      fs.writeFileSync(path.join(dir, 'ca.crt'), '');
      const job = (extra: string) => `scrape_configs:\n  - owner: o\n    repo: r\n    host: h\n    port: 3141\n${extra}sink_config:\n  type: redis\n  url: localhost:6379\n`;
      const read = (extra: string) => parseConfig(job(extra), 'config', { baseDir: dir }).config.jobs[0]!;
      assert.equal(read('').protocol, 'tcp');
      assert.equal(read('    ssl: true\n').protocol, 'ssl');
      assert.equal(read('    ssl_certificate: ca.crt\n').protocol, 'ssl');
      assert.equal(read('    protocol: http\n').protocol, 'http');
      const https = read('    protocol: https\n    ssl_certificate: ca.crt\n    tokens_file: tokens.json\n');
      assert.deepEqual([https.protocol, https.ssl, https.tokensFile], ['https', { certificate: path.join(dir, 'ca.crt') }, path.join(dir, 'tokens.json')]);
      const issues = (extra: string) => {
        try {
          parseConfig(job(extra), 'config', { baseDir: dir });
          return [];
        } catch (e) {
          return (e as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
        }
      };
      assert.deepEqual(issues('    protocol: udp\n'), ['scrape_configs[0].protocol: expected one of tcp, ssl, http, https']);
      assert.deepEqual(issues('    protocol: http\n    ssl: true\n'), ['scrape_configs[0].ssl: ssl: true is protocol ssl, but protocol is http']);
      assert.deepEqual(issues('    protocol: http\n    ssl_certificate: ca.crt\n'), ['scrape_configs[0].ssl_certificate: protocol http has no TLS: a certificate needs protocol ssl or https']);
      assert.deepEqual(issues('    tokens_file: tokens.json\n'), ['scrape_configs[0].tokens_file: tokens are sent over http or https only, and protocol is tcp']);
      assert.deepEqual(issues('    protocol: https\n    tokens_file: nope.json\n'), [`scrape_configs[0].tokens_file: no such file: ${path.join(dir, 'nope.json')}`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects two jobs writing the same keys, and YAML syntax errors with their line', () => {
    assert.deepEqual(issuesOf(GO_SAMPLE.replace('sink_config:', '  - owner: owner\n    repo: repo\n    host: h\n    port: 1\nsink_config:')), [
      'scrape_configs[1]: owner/repo owner/repo is also scrape_configs[0]: both would write the same Redis keys',
    ]);
    const [syntax] = issuesOf('global: [\n');
    assert.match(syntax!, /^line \d+ column \d+: /);
    assert.deepEqual(issuesOf(''), [': expected a YAML mapping with global, scrape_configs and sink_config']);
  });

  it('warns about unknown keys and a timeout longer than the interval, and clamps it', () => {
    const { config, warnings } = parseConfig(GO_SAMPLE.replace('scrape_timeout: 10s', 'scrape_timeout: 30s\n  scrape_intervall: 5s'));
    assert.equal(config.jobs[0]!.scrapeTimeoutMs, 20_000);
    assert.deepEqual(
      warnings.map((w) => `${w.path}: ${w.message}`),
      ['global.scrape_intervall: unknown key (ignored)', 'global.scrape_timeout: longer than the scrape interval of owner/repo; the interval is used instead'],
    );
  });

  it('turns host:port into a redis URL and checks URLs', () => {
    assert.equal(redisUrl('localhost:6379'), 'redis://localhost:6379');
    assert.equal(redisUrl('[::1]:6379'), 'redis://[::1]:6379');
    assert.equal(redisUrl('redis://:pw@h:1/3'), 'redis://:pw@h:1/3');
    assert.ok(typeof redisUrl('http://h:1') === 'object');
    assert.ok(typeof redisUrl('redis://h:1/x') === 'object');
    assert.ok(typeof redisUrl('h:99999') === 'object');
  });
});

describe('Go durations', () => {
  it('parses what time.ParseDuration parses', () => {
    const cases: [string, number | undefined][] = [
      ['20s', 20_000],
      ['1m30s', 90_000],
      ['1.5h', 5_400_000],
      ['500ms', 500],
      ['250us', 0.25],
      ['0', 0],
      ['-2s', -2000],
      ['10', undefined],
      ['', undefined],
      ['1x', undefined],
      ['s', undefined],
      ['1..2s', undefined],
    ];
    for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
    assert.equal(formatDuration(90_000), '1m30s');
    assert.equal(formatDuration(250), '250ms');
  });
});

describe("the Go tool's status value", () => {
  it('has status_records then collected_time, compact, path before status', () => {
    const records = recordsJson([
      { path: '/', status: 'unknown' },
      { path: '/s', status: 'suspended' },
    ]);
    const v = statusValue(records, new Date(Date.UTC(2019, 11, 27, 14, 49, 41, 120)));
    assert.match(v, /^\{"status_records":\[\{"path":"\/","status":"unknown"\},\{"path":"\/s","status":"suspended"\}\],"collected_time":"[^"]+"\}$/);
    const parsed = JSON.parse(v);
    assert.equal(Date.parse(parsed.collected_time), Date.UTC(2019, 11, 27, 14, 49, 41, 120));
  });

  it("formats times as Go's time.Time JSON: local zone, trailing zeros trimmed, Z for UTC", () => {
    const d = new Date(Date.UTC(2019, 11, 27, 14, 49, 41, 120));
    const s = goTime(d);
    const offset = -d.getTimezoneOffset();
    assert.match(s, offset === 0 ? /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.12Z$/ : /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.12[+-]\d\d:\d\d$/);
    assert.equal(Date.parse(s), d.getTime());
    assert.doesNotMatch(goTime(new Date(Date.UTC(2020, 0, 1, 0, 0, 0, 0))), /\./, 'no fraction when it is zero');
  });
});

describe('timing', () => {
  it('jitters the interval by at most ±10% and backs off exponentially up to the cap', () => {
    assert.equal(nextDelay(10_000, 0, 60_000, () => 0), 10_000 * (1 - JITTER));
    assert.equal(nextDelay(10_000, 0, 60_000, () => 1), 10_000 * (1 + JITTER));
    assert.equal(nextDelay(10_000, 1, 60_000, () => 0.5), 10_000);
    assert.equal(nextDelay(10_000, 3, 60_000, () => 0.5), 40_000);
    assert.equal(nextDelay(10_000, 30, 60_000, () => 0.5), 60_000);
    assert.equal(nextDelay(120_000, 5, 60_000, () => 0.5), 120_000, 'never waits less than the interval');
  });
});

describe('aborted tasks', () => {
  const defsWith = (state: string, tryNo: number) =>
    parseDefs(`defs_state NET\nsuite s # begun:1\n  task t # try:${tryNo} state:${state}\n  task u\nendsuite\n`, { check: false });

  it('keeps the time first seen while the try number stays, and takes an earlier run’s time', () => {
    const tracker = new AbortedTracker();
    const t0 = new Date('2024-01-01T00:00:00Z');
    const t1 = new Date('2024-01-01T00:10:00Z');
    assert.equal(tracker.update(defsWith('aborted', 1), t0), true);
    assert.deepEqual(tracker.list.map((t) => [t.path, t.since, t.tryNo]), [['/s/t', t0.toISOString(), 1]]);
    assert.equal(tracker.update(defsWith('aborted', 1), t1), false);
    assert.equal(tracker.update(defsWith('aborted', 2), t1), true, 'aborted again on a new try');
    assert.equal(tracker.list[0]!.since, t1.toISOString());
    tracker.seed([{ path: '/s/t', since: '2023-12-31T00:00:00.000Z', reason: '', tryNo: 2 }]);
    assert.equal(tracker.list[0]!.since, '2023-12-31T00:00:00.000Z');
    assert.equal(tracker.update(defsWith('complete', 2), t1), true);
    assert.deepEqual(tracker.list, []);
  });
});

describe('node details', () => {
  /** What the details diff against: the table, which the scrape brings to the mirror first. */
  const following = (): { table: StatusTable; details: NodeDetails; diff: (defs: Defs) => NodeDetailsDiff } => {
    const table = new StatusTable();
    const details = new NodeDetails(table);
    return {
      table,
      details,
      diff: (defs) => {
        table.rebuild(defs);
        return details.diff(defs);
      },
    };
  };

  it('writes only the nodes whose view changed, and removals', () => {
    const { details, diff } = following();
    const a = parseDefs('suite s\n  task t\n  task u\nendsuite\n', { check: false });
    const first = diff(a);
    assert.equal(first.reset, true);
    assert.deepEqual(first.set.map(([p]) => p), ['/s', '/s/t', '/s/u']);
    const b = parseDefs('defs_state NET\nsuite s\n  task t # state:aborted\nendsuite\n', { check: false });
    details.touch(null);
    const second = diff(b);
    assert.equal(second.reset, false);
    assert.deepEqual(second.set.map(([p]) => p), ['/s', '/s/t']);
    assert.equal(JSON.parse(second.set[1]![1]).state, 'aborted');
    assert.deepEqual(second.removed, ['/s/u']);
    details.forget();
    assert.equal(diff(b).reset, true);
  });

  it('after an incremental sync looks only at the changed nodes, and at subtrees whose children changed', () => {
    const { details, diff } = following();
    const text = (t: string, extra = '') => `defs_state NET\nsuite s\n  family f\n    task t # state:${t}\n    task u${extra}\n  endfamily\n  task v\nendsuite\n`;
    diff(parseDefs(text('queued'), { check: false }));
    const changed = parseDefs(text('aborted'), { check: false });
    details.touch(['/s/f/t']);
    assert.deepEqual(diff(changed).set.map(([p]) => p), ['/s/f/t']);
    details.touch([]);
    assert.deepEqual(diff(changed).set, [], 'nothing changed, nothing looked at');
    // /s/f lost u and gained w (a ChildrenMemento: the sync lists /s/f as structural): its subtree is looked at.
    const replaced = parseDefs(text('aborted').replace('task u', 'task w'), { check: false });
    details.touch(['/s/f'], ['/s/f']);
    const d = diff(replaced);
    assert.deepEqual(d.set.map(([p]) => p), ['/s/f/w'], "the family's own view (2 children) is unchanged");
    assert.deepEqual(d.removed, ['/s/f/u']);
  });

  it('a random walk of changes, structural ones included, keeps the hash equal to one written from scratch', () => {
    const seed = Number(process.env.SYNC_SEED ?? Date.now() % 1_000_000);
    const pick = random(seed);
    const defs = parseDefs('suite s\n  family a\n    task t1\n    task t2\n  endfamily\n  family b\n    family c\n      task t3\n    endfamily\n  endfamily\n  task t4\nendsuite\n', { check: false });
    const { details, diff } = following();
    const hash = new Map<string, string>();
    const write = (): void => {
      const d = diff(defs);
      if (d.reset) hash.clear();
      for (const [p, json] of d.set) hash.set(p, json);
      for (const p of d.removed) hash.delete(p);
    };
    write();
    let made = 0;
    for (let step = 0; step < 300; step++) {
      const nodes: [string, Node][] = [];
      forEachNode(defs, (n, p) => nodes.push([p, n]));
      const [path, node] = nodes[Math.floor(pick() * nodes.length)]!;
      const r = pick();
      if (r < 0.5) {
        node.state = NSTATE_NAMES[Math.floor(pick() * NSTATE_NAMES.length)]!;
        details.touch([path]);
      } else if (r < 0.8 && node instanceof NodeContainer) {
        // A ChildrenMemento: the children replaced by others, some of the old names kept, one nesting deeper.
        const kids = node.children.filter(() => pick() < 0.5);
        for (let k = Math.floor(pick() * 3); k > 0; k--) {
          const kid = pick() < 0.5 ? new Task(`n${made++}`) : new Family(`n${made++}`);
          if (kid instanceof Family) kid.addTask(`n${made++}`);
          kids.push(kid);
        }
        node.replaceChildren(kids);
        details.touch([path], [path]);
      } else if (node instanceof NodeContainer && node.children.length > 1) {
        // An OrderMemento.
        node.replaceChildren([...node.children].reverse());
        details.touch([path], [path]);
      } else details.touch(pick() < 0.1 ? null : []);
      // The sink writes now and then, not after every sync.
      if (pick() < 0.5) write();
    }
    write();
    const scratch = new Map<string, string>();
    forEachNode(defs, (n, p) => scratch.set(p, JSON.stringify(nodeView(n, p))));
    assert.deepEqual(hash, scratch, `seed ${seed}`);
  });
});

describe('helpers', () => {
  it('diffs records and names error kinds', () => {
    assert.deepEqual(
      diffRecords(
        [
          { path: '/', status: 'queued' },
          { path: '/a', status: 'queued' },
        ],
        [
          { path: '/', status: 'complete' },
          { path: '/b', status: 'queued' },
        ],
      ),
      [
        { path: '/', old: 'queued', new: 'complete' },
        { path: '/b', old: null, new: 'queued' },
        { path: '/a', old: 'queued', new: null },
      ],
    );
    assert.equal(errorKind(Object.assign(new Error('x'), { code: 'ECFLOW_TIMEOUT' })), 'ECFLOW_TIMEOUT');
    assert.equal(errorKind(new TypeError('x')), 'TypeError');
  });
});
