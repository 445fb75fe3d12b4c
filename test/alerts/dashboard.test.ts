/// <reference lib="dom" />
/**
 * The dashboard's alerts panel in a real browser (Debian's chromium through playwright-core):
 * a watchman with alert rules watching a real ecflow_server whose job aborts shows the alert
 * firing for the selected server with since when, and drops it when it resolves; the API lists
 * the same.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { pino } from 'pino';
import { apiRoutes } from '../../packages/ecflow-watchman/src/api/index.js';
import { checkConfig, startWatchman, type RunningWatchman } from '../../packages/ecflow-watchman/src/index.js';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';
import { haveRedis, RedisServer } from '../watchman/helpers/services.js';
import { beginAlertSuite, ecflow } from './helpers/jobs.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !haveRedis ? 'redis-server not installed' : fs.existsSync(CHROMIUM) ? false : `${CHROMIUM} missing`;

describe('the alerts panel of the dashboard', { skip, timeout: 90_000 }, () => {
  let redis: RedisServer;
  let ecf: TestServer;
  let hook: http.Server;
  let w: RunningWatchman;
  let browser: Browser;
  let page: Page;

  before(async () => {
    [redis, ecf, browser] = await Promise.all([RedisServer.start(), startServer(), chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] })]);
    hook = http.createServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const config = checkConfig({
      global: { scrape_interval: '200ms', scrape_timeout: '2s' },
      scrape_configs: [{ owner: 'ops', repo: 'dash', host: '127.0.0.1', port: ecf.port }],
      sink_config: { type: 'redis', url: redis.url },
      alerts: {
        evaluate_interval: '200ms',
        receivers: [{ name: 'hook', webhook: { url: `http://127.0.0.1:${(hook.address() as net.AddressInfo).port}/` } }],
        rules: [{ name: 'aborted', when: 'aborted', send_to: ['hook'], labels: { severity: 'critical' } }],
      },
    }).config;
    w = await startWatchman(config, { logger: pino({ level: 'silent' }), listen: { host: '127.0.0.1', port: 0 }, processMetrics: false, routes: apiRoutes });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  });

  after(async () => {
    await browser?.close();
    await w?.close();
    await new Promise((resolve) => hook?.close(resolve));
    await Promise.all([redis?.stop(), ecf?.stop()]);
  });

  it('shows the alert firing with since when, and drops it when resolved', async () => {
    await page.goto(`http://${w.address}/#ops%2Fdash`);
    await page.locator('#alerts').getByText('No alerts firing.').waitFor();
    await beginAlertSuite(ecf);
    const alert = page.locator('#alerts .al[data-kind=aborted]');
    await alert.waitFor({ timeout: 15_000 });
    const text = (await alert.textContent()) ?? '';
    assert.match(text, /^aborted — \/alerts\/fail aborted/);
    assert.match(text, /aborted, critical, firing since \d+s ago$/);
    assert.equal(await page.locator('#alerts-n').textContent(), '1');
    const api = (await (await fetch(`http://${w.address}/api/v1/alerts`)).json()) as { alerts: { path: string; startsAt: string }[] };
    assert.deepEqual(api.alerts.map((a) => a.path), ['/alerts/fail']);
    await ecflow(ecf, '--force=complete', '/alerts/fail');
    await until('the alert gone from the page', async () => (await page.locator('#alerts .al').count()) === 0);
    assert.equal(await page.locator('#alerts-n').textContent(), '0');
  });
});
