/**
 * The firing state in a real redis-server (alerts/state.ts): every transition of an occurrence is
 * made by exactly one of several processes racing on the same key, an evaluation read from an
 * older scrape changes nothing, a skipped rule keeps its alerts, and a restarted Redis (the script
 * forgotten) is handled.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import type { Occurrence } from '../../packages/ecflow-watchman/src/alerts/occurrence.js';
import { AlertState } from '../../packages/ecflow-watchman/src/alerts/state.js';
import { until } from '../helpers/until.js';
import { haveRedis, RedisServer } from '../watchman/helpers/services.js';

const skip = haveRedis ? false : 'redis-server not installed';

function occurrence(rule: string, path: string): Occurrence {
  return { id: `${rule}|aborted|${path}|try1`, rule, kind: 'aborted', owner: 'o', repo: 'r', path, labels: {}, annotations: { summary: '', description: '' }, startsAt: '2026-12-02T00:00:00.000Z', sendTo: [] };
}

describe('the alerts hash in Redis', { skip }, () => {
  let redis: RedisServer;
  const clients: ReturnType<typeof createClient>[] = [];
  const connect = async () => {
    const c = createClient({ url: redis.url });
    c.on('error', () => {});
    await c.connect();
    clients.push(c);
    return new AlertState(c);
  };
  before(async () => {
    redis = await RedisServer.start();
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await redis?.stop();
  });

  it('four processes racing: each occurrence fires once and resolves once, whoever evaluates', async () => {
    const states = await Promise.all([connect(), connect(), connect(), connect()]);
    const fired = new Map<string, number>();
    const resolved = new Map<string, number>();
    const count = (m: Map<string, number>, id: string) => m.set(id, (m.get(id) ?? 0) + 1);
    // 40 rounds of a changing set of aborted tasks, every process evaluating every round at once.
    const rounds = Array.from({ length: 40 }, (_, i) => [0, 1, 2, 3, 4].filter((t) => (i + t) % 3 !== 0 && (i * 7 + t) % 5 !== 0).map((t) => occurrence('ab', `/s/t${t}`)));
    let expectFired = 0;
    let expectResolved = 0;
    let before = new Set<string>();
    for (const [i, holds] of rounds.entries()) {
      const seen = new Date(Date.UTC(2026, 11, 2, 0, 0, i)).toISOString();
      const results = await Promise.all(states.map((s) => s.transition('o/r/alerts', holds, [], seen)));
      for (const t of results) {
        for (const o of t.fired) count(fired, `${i}:${o.id}`);
        for (const o of t.resolved) count(resolved, `${i}:${o.id}`);
      }
      const now = new Set(holds.map((o) => o.id));
      expectFired += [...now].filter((id) => !before.has(id)).length;
      expectResolved += [...before].filter((id) => !now.has(id)).length;
      for (const t of results) assert.deepEqual(t.firing.map((o) => o.id).sort(), [...now].sort(), `round ${i}: every process sees what fires`);
      before = now;
    }
    assert.ok(expectFired > 10 && expectResolved > 10, `a real workout: ${expectFired} fired, ${expectResolved} resolved`);
    assert.equal([...fired.values()].reduce((a, b) => a + b, 0), expectFired);
    assert.equal([...resolved.values()].reduce((a, b) => a + b, 0), expectResolved);
    assert.ok([...fired.values(), ...resolved.values()].every((n) => n === 1), 'no transition told twice');
  });

  it('an evaluation from an older scrape changes nothing; a skipped rule keeps its alerts; a restarted Redis works', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const key = 'o/r2/alerts';
    const t1 = await a.transition(key, [occurrence('ab', '/x'), occurrence('late', '/y')], [], '2026-12-02T00:00:10.000Z');
    assert.equal(t1.fired.length, 2);
    // b lags: it read a scrape from before, where /x was not aborted yet; a fresher one has since resolved /y.
    const t2 = await a.transition(key, [occurrence('ab', '/x')], [], '2026-12-02T00:00:20.000Z');
    assert.deepEqual(t2.resolved.map((o) => o.path), ['/y']);
    const lagging = await b.transition(key, [occurrence('late', '/y')], [], '2026-12-02T00:00:15.000Z');
    assert.deepEqual([lagging.fired, lagging.resolved], [[], []]);
    assert.deepEqual(lagging.firing.map((o) => o.path), ['/x']);
    // The rule ab cannot be evaluated (no mirror): its alert stays.
    const skipped = await b.transition(key, [], ['ab'], '2026-12-02T00:00:30.000Z');
    assert.deepEqual([skipped.resolved, skipped.firing.map((o) => o.path)], [[], ['/x']]);
    await redis.kill();
    await redis.restart();
    await until('the client to reconnect and the script to be loaded again', async () => {
      try {
        return (await a.transition(key, [occurrence('ab', '/x')], [], '2026-12-02T00:00:40.000Z')).fired.length === 1;
      } catch {
        return false;
      }
    });
  });
});

