/**
 * Alerts to a real Prometheus Alertmanager (its v2 API) from a real ecflow_server whose job
 * aborts, whose task is late (ecFlow's own `late` flag) and misses a deadline: each arrives with
 * its labels (owner, repo, path, kind), is kept firing by the re-sends, and is resolved in
 * Alertmanager when its condition clears.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';
import { haveRedis, RedisServer } from '../watchman/helpers/services.js';
import { checkConfig, startWatchman, type RunningWatchman } from '../../packages/ecflow-watchman/src/index.js';
import { AlertmanagerProcess, type GettableAlert, haveAlertmanager } from './helpers/alertmanager.js';
import { beginAlertSuite, ecflow } from './helpers/jobs.js';

const missing = !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !haveRedis ? 'redis-server not installed' : !haveAlertmanager ? 'prometheus-alertmanager not installed' : false;
// Under CI a missing Alertmanager fails (scripts/setup.sh installs it), as other missing tools do.
const skip = missing !== false && process.env.CI !== 'true' ? missing : false;

describe('alerts to a real Alertmanager', { skip, timeout: 170_000 }, () => {
  let redis: RedisServer;
  let ecf: TestServer;
  let am: AlertmanagerProcess;
  let w: RunningWatchman;
  const find = (alerts: GettableAlert[], alertname: string) => alerts.find((a) => a.labels.alertname === alertname);

  before(async () => {
    assert.equal(missing, false, String(missing));
    [redis, ecf, am] = await Promise.all([RedisServer.start(), startServer(), AlertmanagerProcess.start()]);
    const config = checkConfig({
      global: { scrape_interval: '200ms', scrape_timeout: '2s', max_backoff: '400ms' },
      scrape_configs: [{ owner: 'ops', repo: 'am', host: '127.0.0.1', port: ecf.port }],
      sink_config: { type: 'redis', url: redis.url },
      alerts: {
        evaluate_interval: '200ms',
        // Firing alerts are good for 4 resend intervals (40 s): one gone from Alertmanager within
        // the 15 s of a wait was resolved by the watchman, not timed out.
        resend_interval: '10s',
        receivers: [{ name: 'am', alertmanager: { url: am.url, backoff: '100ms' } }],
        rules: [
          { name: 'aborted', when: 'aborted', paths: ['/alerts/**'], send_to: ['am'] },
          { name: 'late', when: 'late', send_to: ['am'] },
          // Midnight has always passed today: the deadline is missed as soon as the suite runs.
          { name: 'never-by-midnight', when: 'deadline', deadline: '/alerts/never complete by 00:00 UTC', send_to: ['am'], labels: { severity: 'critical' } },
        ],
      },
    }).config;
    w = await startWatchman(config, { logger: pino({ level: 'silent' }), listen: false, processMetrics: false });
    await beginAlertSuite(ecf, { late: true });
  });

  after(async () => {
    await w?.close();
    await Promise.all([redis?.stop(), ecf?.stop(), am?.stop()]);
  });

  it('receives the aborted job, the missed deadline and the late task with their labels', async () => {
    const alerts = await until('the aborted and deadline alerts in Alertmanager', async () => {
      const a = await am.alerts();
      return find(a, 'aborted') && find(a, 'never-by-midnight') ? a : undefined;
    });
    const aborted = find(alerts, 'aborted')!;
    assert.deepEqual(aborted.labels, { alertname: 'aborted', owner: 'ops', repo: 'am', path: '/alerts/fail', kind: 'aborted', severity: 'warning', occurrence: 'try1' });
    assert.equal(aborted.status.state, 'active');
    assert.match(aborted.annotations.description!, /trapped at line/);
    const deadline = find(alerts, 'never-by-midnight')!;
    assert.equal(deadline.labels.path, '/alerts/never');
    assert.equal(deadline.labels.kind, 'deadline');
    assert.equal(deadline.labels.severity, 'critical');
    assert.match(deadline.annotations.summary!, /^ops\/am: \/alerts\/never not complete by 00:00 UTC$/);
    // The server sets the late flag at its next minute tick.
    const late = await until('the late alert', async () => find(await am.alerts(), 'late'), 75_000);
    assert.deepEqual({ path: late.labels.path, kind: late.labels.kind }, { path: '/alerts/never', kind: 'late' });
    // Firing alerts are re-sent: their endsAt moves on.
    const endsAt = aborted.endsAt;
    await until('a re-send', async () => find(await am.alerts(), 'aborted')!.endsAt > endsAt, 20_000);
  });

  it('resolves each in Alertmanager when its condition clears', async () => {
    const ahead = Date.parse(find(await am.alerts(), 'aborted')!.endsAt) - Date.now();
    assert.ok(ahead > 20_000, `endsAt ${ahead} ms ahead`);
    await ecflow(ecf, '--force=complete', '/alerts/fail');
    await until('the aborted alert resolved', async () => find(await am.alerts(), 'aborted') === undefined);
    await ecflow(ecf, '--force=complete', '/alerts/never');
    await until('the deadline alert resolved', async () => find(await am.alerts(), 'never-by-midnight') === undefined);
    assert.ok(find(await am.alerts(), 'late'), 'ecFlow keeps the late flag of a completed task');
    await ecflow(ecf, '--alter', 'clear_flag', 'late', '/alerts/never');
    await until('the late alert resolved', async () => find(await am.alerts(), 'late') === undefined);
    assert.deepEqual(w.view.alerts!.firing(), []);
  });
});
