/**
 * The watchman over ecFlow's other transports: a job with `ssl_certificate` watches a TLS
 * ecflow_server (ECF_SSL=1), a job with `protocol: http` an `ecflow_server --http` (5.14+). The same
 * server watched the plain TCP way is recorded as unreachable with ECFLOW_EOF, and the other job is
 * not affected.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { since } from '../../packages/ecflow-ts/src/versions.js';
import { haveEcflow, haveOpenssl, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';
import { checkConfig, type RunningWatchman, startWatchman } from '../../packages/ecflow-watchman/src/index.js';
import { haveRedis, RedisServer } from './helpers/services.js';

const noServer = !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !haveRedis ? 'no redis-server' : false;

/** A server, a Redis and a watchman with two jobs of that server: `yes` as `how` says, `no` plain TCP. */
function watchTwice(owner: string, start: () => Promise<TestServer>, how: (server: TestServer) => Record<string, unknown>) {
  const ctx = {} as { server: TestServer; redis: RedisServer; w: RunningWatchman };
  before(async () => {
    [ctx.server, ctx.redis] = await Promise.all([start(), RedisServer.start()]);
    const { config } = checkConfig({
      global: { scrape_interval: '200ms', scrape_timeout: '2s' },
      scrape_configs: [
        { owner, repo: 'yes', host: 'localhost', port: ctx.server.port, ...how(ctx.server) },
        { owner, repo: 'no', host: 'localhost', port: ctx.server.port },
      ],
      sink_config: { type: 'redis', url: ctx.redis.url },
      http: { listen_address: false },
    });
    ctx.w = await startWatchman(config, { logger: pino({ level: 'silent' }) });
  });
  after(async () => {
    await ctx.w?.close();
    await Promise.all([ctx.server?.stop(), ctx.redis?.stop()]);
  });
  return ctx;
}

/** The job's health once `ready` holds for it. */
async function health(redis: RedisServer, key: string, ready: (h: { reachable: boolean; lastError: unknown }) => boolean) {
  const r = await redis.client();
  try {
    return JSON.parse(await until<string>(`${key} health`, async () => {
      const v = await r.get(`${key}/health`);
      return v && ready(JSON.parse(v)) ? v : undefined;
    }));
  } finally {
    r.destroy();
  }
}

describe('ecflow-watchman over TLS', { skip: noServer || (!haveOpenssl() && 'no openssl'), timeout: 60_000 }, () => {
  const ctx = watchTwice('tls', () => startServer({ tls: true }), (server) => ({ ssl_certificate: server.tls!.certificate }));

  it('scrapes over TLS with the configured certificate; a plain job gets ECFLOW_EOF', async () => {
    const yes = await health(ctx.redis, 'tls/yes', (h) => h.reachable);
    assert.equal(yes.lastSync !== null, true);
    const r = await ctx.redis.client();
    try {
      assert.deepEqual(JSON.parse((await r.get('tls/yes/status'))!).status_records[0], { path: '/', status: 'unknown' });
    } finally {
      r.destroy();
    }
    const no = await health(ctx.redis, 'tls/no', (h) => h.lastError !== null && h.lastError !== undefined);
    assert.equal(no.reachable, false);
    assert.equal(no.lastError.kind, 'ECFLOW_EOF');
  });
});

describe('ecflow-watchman over HTTP', { skip: noServer || (!since(TEST_VERSION, 'http') && `ecflow_server ${TEST_VERSION} has no --http (5.14+)`), timeout: 60_000 }, () => {
  const ctx = watchTwice(
    'http',
    async () => {
      const server = await startServer({ http: true });
      await server.client().load('suite web\n  task t\nendsuite\n');
      return server;
    },
    () => ({ protocol: 'http' }),
  );

  it('scrapes over HTTP and follows a change incrementally; a TCP job of the same server gets ECFLOW_EOF', async () => {
    const r = await ctx.redis.client();
    try {
      const records = async () => (JSON.parse((await r.get('http/yes/status')) ?? '{"status_records":[]}') as { status_records: { path: string; status: string }[] }).status_records;
      await until('the HTTP job sees /web/t', async () => ((await records()).some((x) => x.path === '/web/t') ? true : undefined));
      await ctx.server.client().suspend(['/web/t']);
      await until('the suspension, over HTTP', async () => ((await records()).find((x) => x.path === '/web/t')?.status === 'suspended' ? true : undefined));
    } finally {
      r.destroy();
    }
    const yes = await health(ctx.redis, 'http/yes', (h) => h.reachable);
    assert.equal(yes.lastSync, 'incremental');
    const no = await health(ctx.redis, 'http/no', (h) => h.lastError !== null && h.lastError !== undefined);
    assert.equal(no.reachable, false);
    assert.equal(no.lastError.kind, 'ECFLOW_EOF');
  });
});
