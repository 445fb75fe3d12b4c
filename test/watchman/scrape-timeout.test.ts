/**
 * The scrape timeout aborts the scrape's requests through their signal: when a scrape of a stalled
 * server ends, its connection is already closed and no timer of it is left, so the next scrape
 * starts at once instead of waiting for a request it could not stop.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JobConfig } from '../../packages/ecflow-watchman/src/config.js';
import { ServerWatch } from '../../packages/ecflow-watchman/src/watched-server.js';
import { type FakeServer, startFakeServer } from '../helpers/fake-server.js';
import { until } from '../helpers/until.js';

const SCRAPE_TIMEOUT_MS = 300;

function count(kind: string): number {
  return process.getActiveResourcesInfo().filter((r) => r === kind).length;
}

describe('the scrape timeout stops the scrape', () => {
  let stall: FakeServer;
  before(async () => {
    stall = await startFakeServer(async (c) => {
      await c.request(); // and never answer
    });
  });
  after(() => stall?.close());

  it('a stalled server: ECFLOW_TIMEOUT after scrape_timeout, its connection closed and its timers cleared when scrape() returns', async () => {
    const job: JobConfig = {
      jobName: 'stall',
      owner: 'o',
      repo: 'r',
      host: stall.host,
      port: stall.port,
      scrapeIntervalMs: 10_000,
      scrapeTimeoutMs: SCRAPE_TIMEOUT_MS,
      // Longer than the scrape timeout: only the scrape's own signal can end the request in time.
      connectTimeoutMs: 60_000,
      suites: null,
      ssl: false,
      protocol: 'tcp',
    };
    const server = new ServerWatch(job);
    server.client.setConnectionAttempts(1);
    const timers = count('Timeout');
    for (let scrape = 1; scrape <= 2; scrape++) {
      const started = performance.now();
      const outcome = await server.scrape();
      const ms = performance.now() - started;
      assert.equal(outcome.ok, false);
      assert.equal(outcome.error?.kind, 'ECFLOW_TIMEOUT');
      assert.match(outcome.error.message, /took longer than scrape_timeout 300ms/);
      assert.ok(ms >= SCRAPE_TIMEOUT_MS - 20 && ms < SCRAPE_TIMEOUT_MS + 400, `scrape ${scrape} took ${Math.round(ms)} ms`);
      assert.equal(count('Timeout'), timers, `scrape ${scrape} left a timer`);
      // Destroyed by the abort; the fake hears of it once the FIN has crossed loopback.
      await until(`the connection of scrape ${scrape} to be closed`, () => stall.openSockets === 0, 200);
    }
    assert.equal(stall.connections, 2);
  });
});
