/**
 * The scheduler against in-process servers that read a request and never answer (the state a
 * full download of a large definition is in for a while): no more than two whole downloads are
 * under way at once, however many servers start together, and every server still gets its turn.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { pino } from 'pino';
import { checkConfig } from '../../packages/ecflow-watchman/src/config.js';
import { WatchmanMetrics } from '../../packages/ecflow-watchman/src/metrics.js';
import { Scheduler } from '../../packages/ecflow-watchman/src/scheduler.js';
import { type FakeServer, startFakeServer } from '../helpers/fake-server.js';
import { until } from '../helpers/until.js';

describe('the scheduler', { timeout: 60_000 }, () => {
  const fakes: FakeServer[] = [];
  after(async () => {
    await Promise.all(fakes.map((f) => f.close()));
  });

  it('has at most two full syncs under way at once, and reaches every server', async () => {
    let now = 0;
    let most = 0;
    for (let i = 0; i < 6; i++) {
      fakes.push(
        await startFakeServer(async (c) => {
          c.socket.once('close', () => now--);
          now++;
          // Counted a moment later: a connection the client just dropped for this one is closed by then.
          setTimeout(() => (most = Math.max(most, now)), 50);
          await c.request();
        }),
      );
    }
    const { config } = checkConfig({
      global: { scrape_interval: '100ms', scrape_timeout: '300ms', max_backoff: '100ms' },
      scrape_configs: fakes.map((f, i) => ({ owner: 'o', repo: `r${i}`, host: '127.0.0.1', port: f.port })),
      sink_config: { type: 'redis', url: '127.0.0.1:1' },
    });
    const scheduler = new Scheduler(config.jobs, { metrics: new WatchmanMetrics({ processMetrics: false }), logger: pino({ level: 'silent' }), maxBackoffMs: config.maxBackoffMs });
    scheduler.start();
    try {
      await until('every server tried, twice', () => fakes.every((f) => f.requests.length >= 2));
    } finally {
      await scheduler.stop();
    }
    assert.ok(most >= 1, 'downloads seen under way');
    assert.ok(most <= 2, `${most} full syncs at once`);
  });
});
