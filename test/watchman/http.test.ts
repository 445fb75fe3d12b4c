/**
 * A job with `protocol: http` watches an `ecflow_server --http` (5.14+), which serves no TCP frames:
 * the same server watched over TCP is recorded as unreachable, and the HTTP job is not affected.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { since } from '../../packages/ecflow-ts/src/versions.js';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';
import { checkConfig, type RunningWatchman, startWatchman } from '../../packages/ecflow-watchman/src/index.js';
import { haveRedis, RedisServer } from './helpers/services.js';

const skip = !haveEcflow
  ? `ecFlow ${TEST_VERSION} is not installed`
  : !since(TEST_VERSION, 'http')
    ? `ecflow_server ${TEST_VERSION} has no --http (5.14+)`
    : !haveRedis
      ? 'no redis-server'
      : false;

describe('ecflow-watchman over HTTP', { skip, timeout: 60_000 }, () => {
  let server: TestServer;
  let redis: RedisServer;
  let w: RunningWatchman;
  before(async () => {
    [server, redis] = await Promise.all([startServer({ http: true }), RedisServer.start()]);
    await server.client().load('suite web\n  task t\nendsuite\n');
    const { config } = checkConfig({
      global: { scrape_interval: '200ms', scrape_timeout: '2s' },
      scrape_configs: [
        { owner: 'http', repo: 'yes', host: 'localhost', port: server.port, protocol: 'http' },
        { owner: 'http', repo: 'no', host: 'localhost', port: server.port },
      ],
      sink_config: { type: 'redis', url: redis.url },
      http: { listen_address: false },
    });
    w = await startWatchman(config, { logger: pino({ level: 'silent' }) });
  });
  after(async () => {
    await w?.close();
    await Promise.all([server?.stop(), redis?.stop()]);
  });

  it('scrapes over HTTP and follows a change incrementally; a TCP job of the same server is unreachable', async () => {
    const r = await redis.client();
    try {
      const records = async () => (JSON.parse((await r.get('http/yes/status')) ?? '{"status_records":[]}') as { status_records: { path: string; status: string }[] }).status_records;
      await until('the HTTP job sees /web/t', async () => ((await records()).some((x) => x.path === '/web/t') ? true : undefined));
      await server.client().suspend(['/web/t']);
      await until('the suspension, over HTTP', async () => ((await records()).find((x) => x.path === '/web/t')?.status === 'suspended' ? true : undefined));
      const yes = JSON.parse((await r.get('http/yes/health'))!);
      assert.equal(yes.reachable, true);
      assert.equal(yes.lastSync, 'incremental');
      const no = JSON.parse(await until<string>('the TCP job health', async () => {
        const v = await r.get('http/no/health');
        return v && JSON.parse(v).lastError ? v : undefined;
      }));
      assert.equal(no.reachable, false);
      assert.equal(no.lastError.kind, 'ECFLOW_EOF');
    } finally {
      r.destroy();
    }
  });
});
