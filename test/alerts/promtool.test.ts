/**
 * The Prometheus files the package ships (packages/ecflow-watchman/prometheus/): `promtool check
 * rules` accepts the rules, `promtool test rules` shows them firing on series shaped as the
 * watchman's, and every metric the rules and the Grafana dashboard name is one the watchman
 * exports (alert metrics included).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { AlertEngine } from '../../packages/ecflow-watchman/src/alerts/engine.js';
import { WatchmanMetrics } from '../../packages/ecflow-watchman/src/metrics.js';

const pkg = path.resolve(import.meta.dirname, '..', '..', 'packages', 'ecflow-watchman');
const RULES = path.join(pkg, 'prometheus', 'rules.yml');
const DASHBOARD = path.join(pkg, 'prometheus', 'grafana-dashboard.json');
const promtool = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((p) => fs.existsSync(p));
// Under CI a missing promtool fails (scripts/setup.sh installs it), as other missing tools do.
const skip = promtool === undefined && process.env.CI !== 'true' ? 'promtool not installed (Debian package prometheus)' : false;
const run = promisify(execFile);

describe('the shipped Prometheus rules and Grafana dashboard', { skip }, () => {
  it('promtool check rules accepts the rules', async () => {
    assert.ok(promtool, 'promtool is not installed');
    const { stdout } = await run(promtool, ['check', 'rules', RULES]);
    assert.match(stdout, /SUCCESS: 9 rules found/);
  });

  it('promtool test rules: they fire on series shaped as the watchman’s', async () => {
    assert.ok(promtool, 'promtool is not installed');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-promtool-'));
    try {
      const tests = path.join(dir, 'rules.test.yml');
      fs.writeFileSync(tests, fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'rules.test.yml'), 'utf8').replace('RULES', RULES));
      const { stdout } = await run(promtool, ['test', 'rules', tests]);
      assert.match(stdout, /SUCCESS/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names only metrics the watchman exports, and is in the package', async () => {
    const metrics = new WatchmanMetrics({ processMetrics: false });
    const engine = new AlertEngine({ config: { receivers: [], rules: [], evaluateIntervalMs: 1000, resendIntervalMs: 1000 }, redis: { kind: 'standalone', url: 'redis://127.0.0.1:1' }, logger: pino({ level: 'silent' }), metrics, servers: () => [] });
    await engine.close();
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    const named = (text: string) => new Set([...text.matchAll(/\becflow_watchman_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, '')));
    const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    for (const [what, text] of [['rules.yml', fs.readFileSync(RULES, 'utf8')], ['the dashboard', exprs]] as const) {
      const unknown = [...named(text)].filter((n) => !exported.has(n));
      assert.deepEqual(unknown, [], `${what} names metrics the watchman does not export`);
    }
    assert.ok(named(exprs).has('ecflow_watchman_alerts_firing'));
    const files = (JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { files: string[] }).files;
    assert.ok(files.includes('prometheus'), 'package.json files ships prometheus/');
  });
});
