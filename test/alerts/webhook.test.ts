/**
 * Alerts to a webhook, against a real ecflow_server whose job aborts, a real redis-server and a
 * local receiver (node:http): the body and its HMAC signature, the retry after a failed attempt
 * (same delivery id, same body), one delivery per occurrence across a restart of the watchman and
 * with two watchmen on one Redis, the resolve, a dead receiver that does not stall scraping, and
 * the API's list of alerts firing now.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';
import { haveRedis, RedisServer } from '../watchman/helpers/services.js';
import { checkConfig, startWatchman, type RunningWatchman } from '../../packages/ecflow-watchman/src/index.js';
import { beginAlertSuite, ecflow } from './helpers/jobs.js';

const skip = !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !haveRedis ? 'redis-server not installed' : false;

interface Received {
  body: string;
  json: { status: string; receiver: string; alert: Record<string, unknown> & { id: string; path: string; labels: Record<string, string>; endsAt: string | null } };
  headers: http.IncomingHttpHeaders;
  answered: number;
}

describe('alerts to a webhook', { skip, timeout: 150_000 }, () => {
  let redis: RedisServer;
  let ecf: TestServer;
  let receiver: http.Server;
  let dead: net.Server;
  const deadSockets = new Set<net.Socket>();
  let hookUrl: string;
  let deadUrl: string;
  const received: Received[] = [];
  /** Answers to give, first to last (then 200). */
  const answers: number[] = [];
  const SECRET = 'the-hook-secret';
  const running: RunningWatchman[] = [];

  const configOf = () => {
    fs.writeFileSync(path.join(ecf.home, 'hook.secret'), `${SECRET}\n`);
    return checkConfig(
      {
        global: { scrape_interval: '200ms', scrape_timeout: '2s', max_backoff: '400ms' },
        scrape_configs: [{ owner: 'ops', repo: 'w', host: '127.0.0.1', port: ecf.port }],
        sink_config: { type: 'redis', url: redis.url },
        alerts: {
          evaluate_interval: '200ms',
          receivers: [
            { name: 'ops', webhook: { url: hookUrl, secret_file: 'hook.secret', backoff: '100ms' } },
            { name: 'dead', webhook: { url: deadUrl, timeout: '30s', max_attempts: 1 } },
          ],
          rules: [
            { name: 'aborted-alerts', when: 'aborted', paths: ['/alerts/**'], send_to: ['ops', 'dead'], labels: { team: 'nwp' } },
            { name: 'halted', when: 'server_halted', send_to: ['ops'] },
          ],
        },
      },
      'test',
      { baseDir: ecf.home },
    ).config;
  };
  const start = async () => {
    const w = await startWatchman(configOf(), { logger: pino({ level: 'silent' }), listen: { host: '127.0.0.1', port: 0 }, processMetrics: false, routes: (await import('../../packages/ecflow-watchman/src/api/index.js')).apiRoutes });
    running.push(w);
    return w;
  };
  const stop = async (w: RunningWatchman) => {
    running.splice(running.indexOf(w), 1);
    await w.close();
  };
  const of = (status: string, path: string) => received.filter((r) => r.answered === 200 && r.json.status === status && r.json.alert.path === path);

  before(async () => {
    [redis, ecf] = await Promise.all([RedisServer.start(), startServer()]);
    // Running before any watchman sees it: a new server starts halted, and whether the first test's
    // watchman scraped before its suite's --restart would decide how often the last test saw a halt told.
    await ecflow(ecf, '--restart');
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const json = JSON.parse(body) as Received['json'];
        // The answers are for the aborted job's alerts.
        const answered = (json.alert.path === '/alerts/fail' ? answers.shift() : undefined) ?? 200;
        received.push({ body, json, headers: req.headers, answered });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}/hook`;
    // A receiver that takes the connection and never answers.
    dead = net.createServer((s) => {
      deadSockets.add(s);
      s.on('close', () => deadSockets.delete(s));
    });
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    deadUrl = `http://127.0.0.1:${(dead.address() as net.AddressInfo).port}/`;
  });

  after(async () => {
    for (const w of [...running]) await w.close();
    for (const s of deadSockets) s.destroy();
    await new Promise((resolve) => receiver?.close(resolve));
    await new Promise((resolve) => dead?.close(resolve));
    await Promise.all([redis?.stop(), ecf?.stop()]);
  });

  it('tells of an aborted job once, signed, after retrying a failed attempt; a dead receiver stalls nothing', async () => {
    answers.push(503);
    const w = await start();
    await beginAlertSuite(ecf);
    const firing = await until('the retried firing delivery', () => of('firing', '/alerts/fail')[0], 30_000);
    const attempts = received.filter((r) => r.json.alert.path === '/alerts/fail');
    assert.deepEqual(attempts.map((r) => r.answered), [503, 200], 'one failed attempt, then the retry');
    assert.equal(attempts[0]!.body, attempts[1]!.body, 'the retry sends the same body');
    assert.equal(attempts[0]!.headers['x-ecflow-watchman-delivery'], attempts[1]!.headers['x-ecflow-watchman-delivery'], 'and the same delivery id');
    const expected = `sha256=${createHmac('sha256', SECRET).update(firing.body).digest('hex')}`;
    assert.equal(firing.headers['x-ecflow-watchman-signature'], expected);
    assert.equal(firing.headers['content-type'], 'application/json');
    const a = firing.json.alert;
    assert.equal(firing.json.status, 'firing');
    assert.equal(firing.json.receiver, 'ops');
    assert.deepEqual(a.labels, { alertname: 'aborted-alerts', owner: 'ops', repo: 'w', path: '/alerts/fail', kind: 'aborted', severity: 'warning', team: 'nwp', occurrence: 'try1' });
    assert.equal(a.endsAt, null);
    assert.match(String((a.annotations as { description: string }).description), /trapped at line/);
    // The dead receiver holds its delivery for 30 s; scrapes go on meanwhile.
    const seen = w.view.server('ops', 'w')!.health.lastSuccess!;
    await until('a later scrape', () => w.view.server('ops', 'w')!.health.lastSuccess! > seen);
    assert.equal(deadSockets.size, 1, 'the dead receiver is being waited for');
    const api = (await (await fetch(`http://${w.address}/api/v1/servers/ops/w/alerts`)).json()) as { enabled: boolean; alerts: { id: string; startsAt: string }[] };
    assert.equal(api.enabled, true);
    assert.deepEqual(api.alerts.map((x) => x.id), [a.id]);
    assert.equal(api.alerts[0]!.startsAt, a.startsAt);
    await stop(w);
  });

  it('does not tell again after a restart, and with two watchmen on one Redis resolves from one only', async () => {
    const before = received.length;
    const [w1, w2] = await Promise.all([start(), start()]);
    // Each has scraped and evaluated (its list comes from Redis) without telling anything.
    for (const w of [w1, w2]) await until('the firing alert read back', () => w.view.alerts!.firing('ops', 'w').length === 1);
    await ecflow(ecf, '--force=complete', '/alerts/fail');
    await until('the resolve', () => of('resolved', '/alerts/fail').length > 0);
    for (const w of [w1, w2]) await until('both see it resolved', () => w.view.alerts!.firing().length === 0);
    // And both evaluate again a few times.
    const seen = w2.view.server('ops', 'w')!.health.lastSuccess!;
    await until('later scrapes', () => w1.view.server('ops', 'w')!.health.lastSuccess! > seen && w2.view.server('ops', 'w')!.health.lastSuccess! > seen);
    const since = received.slice(before).filter((r) => r.answered === 200);
    assert.deepEqual(since.map((r) => `${r.json.status} ${r.json.alert.path}`), ['resolved /alerts/fail']);
    assert.ok(since[0]!.json.alert.endsAt !== null);
    await Promise.all([stop(w1), stop(w2)]);
  });

  it('tells of a halted server and of its restart', async () => {
    const before = received.length;
    const w = await start();
    await ecflow(ecf, '--halt=yes');
    await until('the halted alert', () => of('firing', '/').find((r) => r.json.alert.labels.alertname === 'halted'));
    await ecflow(ecf, '--restart');
    await until('its resolve', () => of('resolved', '/').find((r) => r.json.alert.labels.alertname === 'halted'));
    assert.deepEqual(received.slice(before).filter((r) => r.answered === 200 && r.json.alert.path === '/').map((r) => `${r.json.status} ${r.json.alert.labels.alertname}`), ['firing halted', 'resolved halted']);
    await stop(w);
  });
});
