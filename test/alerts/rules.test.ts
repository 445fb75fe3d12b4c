/**
 * The alert rules' pure parts: the `alerts` config section (every problem with its field path,
 * at once), path globs, time of day in a zone, and which alerts hold (each kind, each strategy as
 * nmp-broker defines it).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { parseDefs } from '../../packages/ecflow-ts/src/index.js';
import { zonedTime } from '../../packages/ecflow-watchman/src/alerts/clock.js';
import { evaluate, type ServerSnapshot } from '../../packages/ecflow-watchman/src/alerts/conditions.js';
import { compileGlob, type PathGlob } from '../../packages/ecflow-watchman/src/alerts/glob.js';
import type { AlertRule } from '../../packages/ecflow-watchman/src/alerts/rules.js';
import { main } from '../../packages/ecflow-watchman/src/command-line.js';
import { ConfigError, parseConfig } from '../../packages/ecflow-watchman/src/config.js';
import { initialHealth } from '../../packages/ecflow-watchman/src/health.js';
import type { AbortedTask, Health } from '../../packages/ecflow-watchman/src/view.js';

const BASE = `scrape_configs:
  - { owner: ops, repo: a, host: localhost, port: 3141 }
sink_config: { type: redis, url: 127.0.0.1:6379 }
`;

function issuesOf(text: string, baseDir?: string): string[] {
  try {
    parseConfig(text, 'c.yaml', baseDir !== undefined ? { baseDir } : {});
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.issues.map((i) => `${i.path}: ${i.message}`);
  }
  assert.fail('expected a ConfigError');
}

describe('the alerts config section', () => {
  it('reads the issue’s example with its defaults', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-alerts-'));
    fs.writeFileSync(path.join(dir, 'hook.secret'), 's3cret\n');
    const { config, warnings } = parseConfig(
      `${BASE}alerts:
  receivers:
    - name: ops
      webhook: { url: "http://127.0.0.1:9000/hook", secret_file: hook.secret }
    - name: am
      alertmanager: { url: "http://127.0.0.1:9093" }
  rules:
    - name: aborted-oper
      when: aborted          # aborted | late | zombie | server_unreachable | server_halted | stale | deadline
      paths: ["/oper/**"]
      strategy: new_abort_task
      send_to: [ops, am]
    - name: forecast-late
      when: deadline
      deadline: /oper/main/forecast complete by 06:30 Asia/Shanghai
      send_to: [am]
      labels: { severity: critical, team: nwp }
`,
      'c.yaml',
      { baseDir: dir },
    );
    fs.rmSync(dir, { recursive: true });
    assert.deepEqual(warnings, []);
    const a = config.alerts!;
    assert.deepEqual(
      a.receivers.map((r) => ({ ...r })),
      [
        { type: 'webhook', name: 'ops', url: 'http://127.0.0.1:9000/hook', timeoutMs: 5000, maxAttempts: 5, backoffMs: 1000, secret: 's3cret' },
        { type: 'alertmanager', name: 'am', url: 'http://127.0.0.1:9093', timeoutMs: 5000, maxAttempts: 5, backoffMs: 1000 },
      ],
    );
    assert.equal(a.evaluateIntervalMs, 30_000);
    assert.equal(a.resendIntervalMs, 60_000);
    const [aborted, deadline] = a.rules;
    assert.equal(aborted!.strategy, 'new_abort_task');
    assert.equal(aborted!.paths!.map((g) => g.pattern).join(), '/oper/**');
    assert.deepEqual(aborted!.labels, { severity: 'warning' });
    assert.deepEqual(deadline!.deadline, { path: '/oper/main/forecast', state: 'complete', minuteOfDay: 6 * 60 + 30, zone: 'Asia/Shanghai' });
    assert.deepEqual(deadline!.labels, { severity: 'critical', team: 'nwp' });
    assert.equal(parseConfig(BASE).config.alerts, null);
  });

  it('reports every problem at once, each with its field path', () => {
    assert.deepEqual(
      issuesOf(`${BASE}alerts:
  evaluate_interval: soon
  receivers:
    - name: ops
      webhook: { url: "ftp://x" }
    - name: am
      alertmanager: { url: "http://127.0.0.1:9093", max_attempts: 0 }
    - name: both
      webhook: { url: "http://a" }
      alertmanager: { url: "http://b" }
  rules:
    - name: r1
      when: borked
      send_to: [ops]
    - name: r2
      when: server_halted
      paths: ["/x"]
      strategy: new_abort_root
      send_to: [ops, nobody]
    - name: r3
      when: deadline
      deadline: { path: /s/t, state: done, by: "25:00", zone: Mars/Olympus }
      send_to: [ops]
    - name: r3
      when: deadline
      send_to: []
    - name: r5
      when: late
      paths: ["oper/[x"]
      labels: { owner: me, "9x": y }
      send_to: [ops]
`, '/nonexistent'),
      [
        'alerts.evaluate_interval: "soon": expected a positive duration such as 30s, 1m or 500ms',
        'alerts.receivers[0].webhook.url: expected an http:// or https:// URL',
        'alerts.receivers[1].alertmanager.max_attempts: at least 1',
        'alerts.receivers[2]: give one of webhook or alertmanager',
        'alerts.rules[0].when: expected one of aborted, late, zombie, server_unreachable, server_halted, stale, deadline',
        'alerts.rules[1].send_to[1]: no receiver named "nobody" in alerts.receivers',
        'alerts.rules[1].paths: server_halted is about a server, not nodes',
        'alerts.rules[1].strategy: strategies are for when: aborted, not server_halted',
        'alerts.rules[2].deadline.state: "done": expected one of submitted, active, complete',
        'alerts.rules[2].deadline.by: "25:00": expected a time of day, HH:MM (24 h)',
        'alerts.rules[2].deadline.zone: "Mars/Olympus": not a time zone (an IANA name such as Asia/Shanghai, Europe/London, UTC)',
        'alerts.rules[3].send_to: an alert must go somewhere',
        'alerts.rules[4].labels.owner: owner is set by the watchman (alertname, owner, repo, path, kind, occurrence)',
        'alerts.rules[4].labels.9x: a label name is letters, digits and _, not starting with a digit',
        `alerts.rules[4].paths[0]: "oper/[x": '[' without ']'`,
      ],
    );
  });

  it('checks what the schema cannot: names, receivers, fields that do not fit the kind, deadlines, globs, files', () => {
    assert.deepEqual(
      issuesOf(`${BASE}alerts:
  receivers:
    - name: ops
      webhook: { url: "http://127.0.0.1/hook", secret_file: nosuch.secret }
    - name: ops
      alertmanager: { url: "http://127.0.0.1:9093" }
    - name: both
      webhook: { url: "http://a" }
      alertmanager: { url: "http://b" }
  rules:
    - name: r2
      when: server_halted
      paths: ["/x"]
      strategy: new_abort_root
      send_to: [ops, nobody]
    - name: r3
      when: deadline
      deadline: { path: /s/t, state: done, by: "25:00", zone: Mars/Olympus }
      send_to: [ops]
    - name: r3
      when: deadline
      send_to: [ops]
    - name: r5
      when: late
      paths: ["oper/[x", "oper/*"]
      labels: { owner: me, "9x": y }
      deadline: "/a by 06:00"
      send_to: [ops]
    - name: r6
      when: deadline
      deadline: "/oper/main/forecast complete at 06:30"
      send_to: [ops]
`, '/nonexistent'),
      [
        'alerts.receivers[0].webhook.secret_file: cannot read /nonexistent/nosuch.secret: ENOENT',
        'alerts.receivers[1].name: ops is also alerts.receivers[0]',
        'alerts.receivers[2]: give one of webhook or alertmanager',
        'alerts.rules[0].send_to[1]: no receiver named "nobody" in alerts.receivers',
        'alerts.rules[0].paths: server_halted is about a server, not nodes',
        'alerts.rules[0].strategy: strategies are for when: aborted, not server_halted',
        'alerts.rules[1].deadline.state: "done": expected one of submitted, active, complete',
        'alerts.rules[1].deadline.by: "25:00": expected a time of day, HH:MM (24 h)',
        'alerts.rules[1].deadline.zone: "Mars/Olympus": not a time zone (an IANA name such as Asia/Shanghai, Europe/London, UTC)',
        'alerts.rules[2].name: r3 is also alerts.rules[1]: a rule\'s name is its alerts\' name',
        'alerts.rules[2].deadline: missing (when: deadline needs one)',
        'alerts.rules[3].deadline: deadline is for when: deadline, not late',
        'alerts.rules[3].labels.owner: owner is set by the watchman (alertname, owner, repo, path, kind, occurrence)',
        'alerts.rules[3].labels.9x: a label name is letters, digits and _, not starting with a digit',
        'alerts.rules[3].paths[0]: "oper/[x": \'[\' without \']\'',
        'alerts.rules[3].paths[1]: "oper/*": node paths start with /',
        'alerts.rules[4].deadline: "/oper/main/forecast complete at 06:30": expected "PATH STATE by HH:MM ZONE", e.g. "/oper/main/forecast complete by 06:30 Asia/Shanghai"',
      ],
    );
  });

  it('warns of unknown keys in the section, its receivers and rules', () => {
    const { warnings } = parseConfig(`${BASE}alerts:
  colour: red
  receivers: [{ name: am, alertmanager: { url: "http://127.0.0.1:9093" }, extra: 1 }]
  rules: [{ name: r, when: zombie, send_to: [am], severity: high }]
`);
    assert.deepEqual(
      warnings.map((w) => `${w.path}: ${w.message}`),
      ['alerts.colour: unknown key (ignored)', 'alerts.receivers[0].extra: unknown key (ignored)', 'alerts.rules[0].severity: unknown key (ignored)'],
    );
  });
});

describe('check-config and the alerts section', () => {
  const run = async (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-alerts-cc-'));
    const file = path.join(dir, 'w.yaml');
    fs.writeFileSync(file, text);
    const out = { stdout: '', stderr: '' };
    const sink = (k: 'stdout' | 'stderr') => new Writable({ write: (c: Buffer, _e, done) => ((out[k] += String(c)), done()) });
    const code = await main(['check-config', '--config-file', file], { stdout: sink('stdout') as NodeJS.WriteStream, stderr: sink('stderr'), env: {} });
    fs.rmSync(dir, { recursive: true });
    return { code, ...out, file };
  };

  it('names the rules and receivers of a good config, and prints each problem with its field path, exit 2', async () => {
    const good = await run(`${BASE}alerts:\n  receivers: [{ name: am, alertmanager: { url: "http://127.0.0.1:9093" } }]\n  rules: [{ name: ab, when: aborted, send_to: [am] }, { name: z, when: zombie, send_to: [am] }]\n`);
    assert.equal(good.code, 0, good.stderr);
    assert.equal(good.stdout, `${good.file}: ok: 1 server (ops/a); 2 alert rules (ab: aborted, z: zombie), 1 receiver (am: alertmanager)\n`);
    const bad = await run(`${BASE}alerts:\n  receivers: [{ name: am, alertmanager: { url: "http://127.0.0.1:9093" } }]\n  rules: [{ name: ab, when: aborted, send_to: [ops] }, { name: d, when: deadline, deadline: "/s/t complete by 6:30 Moon/Base", send_to: [am] }]\n`);
    assert.equal(bad.code, 2);
    assert.equal(
      bad.stderr,
      [
        `${bad.file}: error: alerts.rules[0].send_to[0]: no receiver named "ops" in alerts.receivers`,
        `${bad.file}: error: alerts.rules[1].deadline: "Moon/Base": not a time zone (an IANA name such as Asia/Shanghai, Europe/London, UTC)`,
        '',
      ].join('\n'),
    );
  });
});

describe('path globs', () => {
  const g = (p: string) => compileGlob(p) as PathGlob;
  it('** is any number of segments (none too), * and ? stay within one', () => {
    const cases: [string, string, boolean][] = [
      ['/oper/**', '/oper', true],
      ['/oper/**', '/oper/main/forecast', true],
      ['/oper/**', '/operx', false],
      ['/**', '/anything/at/all', true],
      ['/oper/**/t1', '/oper/t1', true],
      ['/oper/**/t1', '/oper/a/b/t1', true],
      ['/oper/**/t1', '/oper/a/b/t2', false],
      ['/oper/*', '/oper/main', true],
      ['/oper/*', '/oper/main/forecast', false],
      ['/s?/t[12]', '/s1/t2', true],
      ['/s?/t[!12]', '/s1/t2', false],
      ['/a.b/(x)', '/a.b/(x)', true],
      ['/a.b', '/axb', false],
      ['ops/*', 'ops/a', true],
    ];
    for (const [pattern, path, want] of cases) assert.equal(g(pattern).test(path), want, `${pattern} ~ ${path}`);
  });
});

describe('time of day in a zone', () => {
  it('reads the date and minute through Intl, across the date line', () => {
    const t = new Date('2026-12-01T22:40:00Z');
    assert.deepEqual(zonedTime(t, 'UTC'), { date: '2026-12-01', minuteOfDay: 22 * 60 + 40 });
    assert.deepEqual(zonedTime(t, 'Asia/Shanghai'), { date: '2026-12-02', minuteOfDay: 6 * 60 + 40 });
    assert.deepEqual(zonedTime(new Date('2026-07-01T00:30:00Z'), 'America/New_York'), { date: '2026-06-30', minuteOfDay: 20 * 60 + 30 });
  });
});

const DEFS = `suite oper
  family main
    task forecast
    task post
    task t3
  endfamily
endsuite
suite test
  task x
endsuite
`;

function rule(r: Partial<AlertRule> & Pick<AlertRule, 'name' | 'when'>): AlertRule {
  return { paths: null, servers: null, strategy: 'always', sendTo: ['r'], staleAfterMs: 60_000, labels: { severity: 'warning' }, ...r };
}

function snapshot(over: { health?: Partial<Health>; aborted?: AbortedTask[]; defs?: string | null } = {}): ServerSnapshot {
  const health: Health = { ...initialHealth('ops', 'a', '127.0.0.1', 3141), reachable: true, serverState: 'RUNNING', lastSuccess: '2026-12-02T00:00:00.000Z', ...over.health };
  return { owner: 'ops', repo: 'a', health, aborted: over.aborted ?? [], defs: over.defs === null ? null : parseDefs(over.defs ?? DEFS) };
}

const task = (path: string, tryNo = 1, since = '2026-12-02T00:00:00.000Z'): AbortedTask => ({ path, since, reason: 'trap', tryNo });
const NOW = new Date('2026-12-02T00:01:00.000Z');

describe('which alerts hold', () => {
  it('aborted, always: one alert a task, a new one with a new try number; paths and servers filter', () => {
    const r = rule({ name: 'ab', when: 'aborted', paths: [compileGlob('/oper/**') as PathGlob] });
    const s = snapshot({ aborted: [task('/oper/main/post'), task('/test/x')] });
    const { active } = evaluate([r], s, NOW);
    assert.deepEqual(active.map((o) => o.id), ['ab|aborted|/oper/main/post|try1']);
    assert.deepEqual(active[0]!.labels, { alertname: 'ab', owner: 'ops', repo: 'a', path: '/oper/main/post', kind: 'aborted', severity: 'warning', occurrence: 'try1' });
    assert.equal(active[0]!.startsAt, '2026-12-02T00:00:00.000Z', 'since the watchman first saw it aborted');
    assert.equal(evaluate([r], snapshot({ aborted: [task('/oper/main/post', 2)] }), NOW).active[0]!.id, 'ab|aborted|/oper/main/post|try2');
    assert.deepEqual(evaluate([{ ...r, servers: [compileGlob('other/*') as PathGlob] }], s, NOW).active, []);
  });

  it('aborted, new_abort_task: one alert for the set, another when the set differs (grown or shrunk)', () => {
    const r = rule({ name: 'ab', when: 'aborted', strategy: 'new_abort_task' });
    const ids = (...paths: string[]) => evaluate([r], snapshot({ aborted: paths.map((p) => task(p)) }), NOW).active.map((o) => o.id);
    const one = ids('/oper/main/post');
    const two = ids('/oper/main/post', '/test/x');
    assert.equal(one.length, 1);
    assert.equal(two.length, 1);
    assert.notEqual(one[0], two[0]);
    assert.deepEqual(ids('/test/x', '/oper/main/post'), two, 'the same set in another order is the same alert');
    assert.notDeepEqual(ids('/test/x'), two);
    assert.deepEqual(ids(), []);
  });

  it('aborted, new_abort_root: one alert from the first abort until none is left, whatever the set', () => {
    const r = rule({ name: 'ab', when: 'aborted', strategy: 'new_abort_root' });
    const ids = (...paths: string[]) => evaluate([r], snapshot({ aborted: paths.map((p) => task(p)) }), NOW).active.map((o) => o.id);
    assert.deepEqual(ids('/oper/main/post'), ['ab|aborted|/|']);
    assert.deepEqual(ids('/oper/main/post', '/test/x'), ['ab|aborted|/|']);
    assert.deepEqual(ids(), []);
  });

  it('late and zombie from the node flags', () => {
    const defs = parseDefs(DEFS);
    defs.findAbsNode('/oper/main/forecast')!.flags = 1 << 7; // late
    defs.findAbsNode('/test/x')!.flags = (1 << 13) | (1 << 7); // zombie, late
    const s = { ...snapshot(), defs };
    const rules = [rule({ name: 'l', when: 'late', paths: [compileGlob('/oper/**') as PathGlob] }), rule({ name: 'z', when: 'zombie' })];
    assert.deepEqual(evaluate(rules, s, NOW).active.map((o) => o.id), ['l|late|/oper/main/forecast|', 'z|zombie|/test/x|']);
  });

  it('walks a mirror for flags again only when its change numbers moved', () => {
    const defs = parseDefs(DEFS);
    defs.stateChangeNo = 5;
    const s = { ...snapshot(), defs };
    const rules = [rule({ name: 'l', when: 'late' })];
    assert.deepEqual(evaluate(rules, s, NOW).active, []);
    defs.findAbsNode('/test/x')!.flags = 1 << 7;
    assert.deepEqual(evaluate(rules, s, NOW).active, [], 'the same change numbers: the same walk');
    defs.stateChangeNo = 6;
    assert.deepEqual(evaluate(rules, s, NOW).active.map((o) => o.path), ['/test/x']);
  });

  it('server kinds: unreachable, halted (skipped while unreachable), stale after its time', () => {
    const rules = [rule({ name: 'u', when: 'server_unreachable' }), rule({ name: 'h', when: 'server_halted' }), rule({ name: 's', when: 'stale', staleAfterMs: 30_000 })];
    const halted = evaluate(rules, snapshot({ health: { serverState: 'HALTED', lastSuccess: '2026-12-02T00:00:55.000Z' } }), NOW);
    assert.deepEqual(halted.active.map((o) => o.id), ['h|server_halted|/|']);
    assert.deepEqual(halted.skipped, []);
    assert.deepEqual(evaluate(rules, snapshot({ health: { lastSuccess: '2026-12-02T00:00:55.000Z' } }), NOW).active, []);
    const down = snapshot({ health: { reachable: false, stale: true, lastError: { time: '2026-12-02T00:00:30.000Z', kind: 'ECFLOW_CONNECT', message: 'refused' } } });
    const e = evaluate(rules, down, NOW);
    assert.deepEqual(e.active.map((o) => o.id), ['u|server_unreachable|/|', 's|stale|/|']);
    assert.deepEqual(e.skipped, ['h']);
    assert.equal(e.active[0]!.startsAt, '2026-12-02T00:00:30.000Z');
  });

  it('before the first scrape nothing is known: every rule is skipped (what fired before a restart stays)', () => {
    const rules = [rule({ name: 'u', when: 'server_unreachable' }), rule({ name: 'a', when: 'aborted' })];
    assert.deepEqual(evaluate(rules, { ...snapshot({ defs: null }), health: initialHealth('ops', 'a', 'h', 1) }, NOW), { active: [], skipped: ['u', 'a'] });
  });

  it('deadline: from its time in its zone to the end of that day, until the node reaches the state', () => {
    const r = rule({ name: 'd', when: 'deadline', deadline: { path: '/oper/main/forecast', state: 'active', minuteOfDay: 6 * 60 + 30, zone: 'Asia/Shanghai' } });
    const at = (iso: string, state?: string) => {
      const defs = parseDefs(DEFS);
      if (state) (defs.findAbsNode('/oper/main/forecast') as { state: string }).state = state;
      return evaluate([r], { ...snapshot(), defs }, new Date(iso)).active.map((o) => o.id);
    };
    assert.deepEqual(at('2026-12-01T22:29:00Z'), [], '06:29 in Shanghai');
    assert.deepEqual(at('2026-12-01T22:30:00Z'), ['d|deadline|/oper/main/forecast|2026-12-02']);
    assert.deepEqual(at('2026-12-01T22:30:00Z', 'active'), []);
    assert.deepEqual(at('2026-12-01T22:30:00Z', 'complete'), [], 'past the state asked for');
    assert.deepEqual(at('2026-12-01T22:30:00Z', 'submitted'), ['d|deadline|/oper/main/forecast|2026-12-02']);
    assert.deepEqual(at('2026-12-02T16:00:00Z'), [], 'midnight in Shanghai: a new day');
    const missing = evaluate([{ ...r, deadline: { ...r.deadline!, path: '/oper/nosuch' } }], snapshot(), new Date('2026-12-01T23:00:00Z')).active;
    assert.match(missing[0]!.annotations.description, /no node \/oper\/nosuch/);
  });
});

