/**
 * Delivering alerts, without a network: an outbox's retries (same delivery id), giving up, and
 * batching for Alertmanager against a receiver that fails; the webhook's body and signature.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { evaluate, type ServerSnapshot } from '../../packages/ecflow-watchman/src/alerts/conditions.js';
import { DeliveryError, type Notification } from '../../packages/ecflow-watchman/src/alerts/notification.js';
import { type Delivery, Outbox, type Receiver } from '../../packages/ecflow-watchman/src/alerts/outbox.js';
import type { AlertRule } from '../../packages/ecflow-watchman/src/alerts/rules.js';
import { signature, webhookBody } from '../../packages/ecflow-watchman/src/alerts/receivers/webhook.js';
import { initialHealth } from '../../packages/ecflow-watchman/src/health.js';
import { until } from '../helpers/until.js';

const NOW = new Date('2026-12-02T00:01:00.000Z');

function rule(r: Pick<AlertRule, 'name' | 'when'>): AlertRule {
  return { paths: null, servers: null, strategy: 'always', sendTo: ['r'], staleAfterMs: 60_000, labels: { severity: 'warning' }, ...r };
}

function halted(): ServerSnapshot {
  return { owner: 'ops', repo: 'a', health: { ...initialHealth('ops', 'a', '127.0.0.1', 3141), reachable: true, serverState: 'HALTED', lastSuccess: NOW.toISOString() }, aborted: [], defs: null };
}

describe('an outbox', () => {
  const alert = (id: string) => evaluate([rule({ name: id, when: 'server_halted' })], halted(), NOW).active[0]!;
  class Flaky implements Receiver {
    readonly config;
    readonly batch: boolean;
    readonly calls: { id: string; attempt: number; ids: string[] }[] = [];
    failures: number;
    constructor(batch: boolean, failures: number, retryable = true) {
      this.batch = batch;
      this.failures = failures;
      this.config = { type: 'webhook' as const, name: 'flaky', url: 'http://127.0.0.1:1/', timeoutMs: 100, maxAttempts: 3, backoffMs: 5 };
      this.retryable = retryable;
    }
    readonly retryable: boolean;
    async send(d: Delivery): Promise<void> {
      this.calls.push({ id: d.id, attempt: d.attempt, ids: d.notifications.map((n) => `${n.status}:${n.alert.rule}`) });
      if (this.failures-- > 0) throw new DeliveryError('HTTP 503', this.retryable);
    }
  }
  const log = pino({ level: 'silent' });

  it('retries with the same delivery id, then delivers in order; gives up after max_attempts, or at once on a 4xx', async () => {
    const r = new Flaky(false, 2);
    const results: string[] = [];
    const box = new Outbox(r, log, (res, n) => results.push(`${res}x${n}`));
    const firing: Notification = { status: 'firing', alert: alert('a') };
    box.push(firing);
    box.push({ status: 'resolved', alert: alert('a'), endsAt: NOW.toISOString() });
    await until('both delivered', () => results.filter((x) => x.startsWith('ok')).length === 2);
    assert.deepEqual(r.calls.map((c) => `${c.attempt}:${c.ids.join()}`), ['1:firing:a', '2:firing:a', '3:firing:a', '1:resolved:a']);
    assert.equal(new Set(r.calls.slice(0, 3).map((c) => c.id)).size, 1, 'one delivery id over the retries');
    assert.deepEqual(results, ['retriedx1', 'retriedx1', 'okx1', 'okx1']);

    const dead = new Flaky(false, 99);
    const deadResults: string[] = [];
    const deadBox = new Outbox(dead, log, (res) => deadResults.push(res));
    deadBox.push(firing);
    await until('given up', () => deadResults.includes('failed'));
    assert.equal(dead.calls.length, 3);
    const refused = new Flaky(false, 99, false);
    const refusedResults: string[] = [];
    new Outbox(refused, log, (res) => refusedResults.push(res)).push(firing);
    await until('given up at once', () => refusedResults.includes('failed'));
    assert.equal(refused.calls.length, 1);
    await Promise.all([box.close(100), deadBox.close(100)]);
  });

  it('a batch receiver gets everything queued in one request, the latest word on each alert only', async () => {
    const r = new Flaky(true, 1);
    const results: string[] = [];
    const box = new Outbox(r, log, (res) => results.push(res));
    box.push({ status: 'firing', alert: alert('a') });
    // Queued while the first attempt fails: b fires, a resolves.
    box.push({ status: 'firing', alert: alert('b') });
    box.push({ status: 'resolved', alert: alert('a'), endsAt: NOW.toISOString() });
    await until('delivered', () => results.includes('ok'));
    assert.deepEqual(r.calls.map((c) => c.ids.join()), ['firing:a', 'firing:b,resolved:a']);
    await box.close(100);
  });
});

describe('the webhook body', () => {
  it('is the notification with endsAt, signed as sha256=HMAC of the body', () => {
    const o = evaluate([rule({ name: 'h', when: 'server_halted' })], halted(), NOW).active[0]!;
    const body = webhookBody('ops', { status: 'resolved', alert: o, endsAt: '2026-12-02T00:02:00.000Z' });
    assert.deepEqual(JSON.parse(body), { version: 1, status: 'resolved', receiver: 'ops', alert: { ...o, endsAt: '2026-12-02T00:02:00.000Z' } });
    // RFC 4231 test case 2: key "Jefe".
    assert.equal(signature('Jefe', 'what do ya want for nothing?'), 'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});
