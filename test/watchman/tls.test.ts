/**
 * A job with `ssl_certificate` watches a TLS ecflow_server (ECF_SSL=1); the same server watched
 * without TLS is recorded as unreachable with ECFLOW_EOF, and the TLS job is not affected.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { haveEcflow, haveOpenssl, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';
import { checkConfig, type RunningWatchman, startWatchman } from '../../packages/ecflow-watchman/src/index.js';
import { haveRedis, RedisServer } from './helpers/services.js';

const skip = !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !haveRedis ? 'no redis-server' : !haveOpenssl() ? 'no openssl' : false;

describe('ecflow-watchman over TLS', { skip, timeout: 60_000 }, () => {
  let server: TestServer;
  let redis: RedisServer;
  let w: RunningWatchman;
  before(async () => {
    [server, redis] = await Promise.all([startServer({ tls: true }), RedisServer.start()]);
    const { config } = checkConfig({
      global: { scrape_interval: '200ms', scrape_timeout: '2s' },
      scrape_configs: [
        { owner: 'tls', repo: 'yes', host: 'localhost', port: server.port, ssl_certificate: server.tls!.certificate },
        { owner: 'tls', repo: 'no', host: 'localhost', port: server.port },
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

  it('scrapes over TLS with the configured certificate; a plain job gets ECFLOW_EOF', async () => {
    const r = await redis.client();
    try {
      const yes = JSON.parse(await until<string>('TLS job health', async () => {
        const v = await r.get('tls/yes/health');
        return v && JSON.parse(v).reachable ? v : undefined;
      }));
      assert.equal(yes.lastSync !== null, true);
      assert.deepEqual(JSON.parse((await r.get('tls/yes/status'))!).status_records[0], { path: '/', status: 'unknown' });
      const no = JSON.parse(await until<string>('plain job health', async () => {
        const v = await r.get('tls/no/health');
        return v && JSON.parse(v).lastError ? v : undefined;
      }));
      assert.equal(no.reachable, false);
      assert.equal(no.lastError.kind, 'ECFLOW_EOF');
    } finally {
      r.destroy();
    }
  });
});
