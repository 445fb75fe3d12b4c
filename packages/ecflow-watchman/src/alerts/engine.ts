/**
 * The alert engine: after each scrape of a server, and on a timer (a deadline passes, a status
 * goes stale, without any scrape changing anything), it evaluates the rules on that server,
 * records in Redis what fires and what resolved (alerts/state.ts) and queues the notifications
 * on each receiver's outbox. Nothing here is awaited by the scheduler: `afterScrape` only
 * schedules an evaluation.
 */
import type { Logger } from 'pino';
import { Counter, Gauge } from 'prom-client';
import type { RedisConnectionConfig } from '../config.js';
import { serverKeys } from '../keys.js';
import type { WatchmanMetrics } from '../metrics.js';
import { RedisConnection } from '../sinks/redis-connection.js';
import type { AlertsView, WatchedServer } from '../view.js';
import { evaluate } from './conditions.js';
import type { Occurrence } from './occurrence.js';
import type { Notification } from './notification.js';
import { Outbox } from './outbox.js';
import { Alertmanager } from './receivers/alertmanager.js';
import { Webhook } from './receivers/webhook.js';
import type { AlertsConfig } from './rules.js';
import { AlertState } from './state.js';

export interface AlertEngineOptions {
  config: AlertsConfig;
  /** The Redis of the sink, where the firing alerts are kept. */
  redis: RedisConnectionConfig;
  logger: Logger;
  /** Adds the alert metrics to this registry. */
  metrics?: WatchmanMetrics;
  /** The watched servers this process evaluates (on the timer, and after each scrape). */
  servers: () => readonly WatchedServer[];
  /** Servers another replica evaluates: what fires on them is read from Redis on the timer. */
  followed?: () => readonly WatchedServer[];
  /** Milliseconds `close()` waits for queued notifications. @default 5000 */
  drainTimeout?: number;
}

export class AlertEngine implements AlertsView {
  readonly #options: AlertEngineOptions;
  readonly #client: RedisConnection;
  readonly #state: AlertState;
  readonly #outboxes = new Map<string, Outbox>();
  readonly #firing = new Map<string, Occurrence[]>();
  /** What the last recorded evaluation of a server held, to skip Redis when nothing changed. */
  readonly #recorded = new Map<string, string>();
  readonly #running = new Map<string, Promise<void>>();
  /** Servers to evaluate again when the evaluation under way ends; `true`: forced. */
  readonly #again = new Map<string, { server: WatchedServer; force: boolean }>();
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #gauge: Gauge<'owner' | 'repo' | 'rule'> | undefined;
  #closed = false;

  constructor(options: AlertEngineOptions) {
    this.#options = options;
    const { config, logger } = options;
    // The sink says when Redis is down; here it only means evaluations wait for it.
    this.#client = new RedisConnection(options.redis);
    this.#client.onReady(() => this.evaluateAll(true));
    this.#state = new AlertState(this.#client);
    const registers = options.metrics ? [options.metrics.registry] : [];
    const notifications = new Counter({
      name: 'ecflow_watchman_alert_notifications_total',
      help: 'Alert notifications by receiver and result (ok, retried, failed, dropped)',
      labelNames: ['receiver', 'result'],
      registers,
    });
    this.#gauge = options.metrics
      ? new Gauge({ name: 'ecflow_watchman_alerts_firing', help: 'Alerts firing now by server and rule', labelNames: ['owner', 'repo', 'rule'], registers })
      : undefined;
    for (const r of config.receivers) {
      const receiver = r.type === 'webhook' ? new Webhook(r) : new Alertmanager(r, config.resendIntervalMs);
      this.#outboxes.set(r.name, new Outbox(receiver, logger, (result, n) => notifications.inc({ receiver: r.name, result }, n)));
    }
  }

  start(): void {
    this.#client.connect();
    const { evaluateIntervalMs, resendIntervalMs } = this.#options.config;
    this.#timers.push(setInterval(() => this.evaluateAll(true), evaluateIntervalMs).unref());
    if ([...this.#outboxes.values()].some((o) => o.receiver.batch)) this.#timers.push(setInterval(() => this.#resend(), resendIntervalMs).unref());
  }

  /** Schedules an evaluation of a server just scraped. */
  afterScrape(server: WatchedServer): void {
    this.#schedule(server, false);
  }

  /** Schedules an evaluation of every server; `force` records it in Redis even if nothing seems changed. */
  evaluateAll(force: boolean): void {
    for (const s of this.#options.servers()) this.#schedule(s, force);
    void this.#follow();
  }

  async #follow(): Promise<void> {
    const servers = this.#options.followed?.() ?? [];
    if (servers.length === 0 || !this.#client.isReady) return;
    await Promise.all(
      servers.map(async (s) => {
        const key = `${s.owner}/${s.repo}`;
        try {
          const firing = await this.#state.firing(serverKeys(s.owner, s.repo).alerts);
          // Held here again meanwhile: its own evaluation is the fresher.
          if (this.#options.followed!().includes(s)) this.#setFiring(key, firing);
          this.#recorded.delete(key);
        } catch {
          // Redis went away: read at the next tick.
        }
      }),
    );
  }

  firing(owner?: string, repo?: string): Occurrence[] {
    const lists = owner !== undefined && repo !== undefined ? [this.#firing.get(`${owner}/${repo}`) ?? []] : [...this.#firing.values()];
    return lists.flat().sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id < b.id ? -1 : 1));
  }

  /** Waits for evaluations under way and (up to the drain timeout) for queued notifications; closes Redis. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#timers) clearInterval(t);
    this.#again.clear();
    await Promise.all(this.#running.values());
    const ms = this.#options.drainTimeout ?? 5000;
    await Promise.all([...this.#outboxes.values()].map((o) => o.close(ms)));
    await this.#client.close();
  }

  #schedule(server: WatchedServer, force: boolean): void {
    if (this.#closed) return;
    const key = `${server.owner}/${server.repo}`;
    if (this.#running.has(key)) {
      const again = this.#again.get(key);
      this.#again.set(key, { server, force: force || (again?.force ?? false) });
      return;
    }
    const run = this.#evaluate(server, force)
      .catch((error: unknown) => this.#options.logger.warn({ err: error, owner: server.owner, repo: server.repo }, 'alerts: evaluation failed; tried again later'))
      .finally(() => {
        this.#running.delete(key);
        const again = this.#again.get(key);
        if (again !== undefined) {
          this.#again.delete(key);
          this.#schedule(again.server, again.force);
        }
      });
    this.#running.set(key, run);
  }

  async #evaluate(server: WatchedServer, force: boolean): Promise<void> {
    const { owner, repo } = server;
    const key = `${owner}/${repo}`;
    const now = new Date();
    const { active, skipped } = evaluate(this.#options.config.rules, { owner, repo, health: server.health, aborted: server.aborted, defs: server.client.getDefs() }, now);
    const signature = JSON.stringify([active.map((o) => o.id).sort(), skipped]);
    if (!force && this.#recorded.get(key) === signature) return;
    if (!this.#client.isReady) {
      // Tried again when Redis is back (`ready` evaluates everything).
      this.#recorded.delete(key);
      return;
    }
    const { lastSuccess, lastError } = server.health;
    const seen = [lastSuccess ?? '', lastError?.time ?? ''].sort()[1]!;
    const t = await this.#state.transition(serverKeys(owner, repo).alerts, active, skipped, seen);
    this.#recorded.set(key, signature);
    this.#setFiring(key, t.firing);
    const endsAt = now.toISOString();
    for (const o of t.resolved) this.#notify({ status: 'resolved', alert: o, endsAt });
    for (const o of t.fired) this.#notify({ status: 'firing', alert: o });
    if (t.fired.length + t.resolved.length > 0) {
      this.#options.logger.info({ owner, repo, fired: t.fired.map((o) => o.id), resolved: t.resolved.map((o) => o.id) }, 'alerts changed');
    }
  }

  #setFiring(key: string, firing: Occurrence[]): void {
    const before = this.#firing.get(key) ?? [];
    this.#firing.set(key, firing);
    if (this.#gauge === undefined) return;
    const [owner, repo] = key.split('/') as [string, string];
    const counts = new Map<string, number>();
    for (const o of before) counts.set(o.rule, 0);
    for (const o of firing) counts.set(o.rule, (counts.get(o.rule) ?? 0) + 1);
    for (const [rule, n] of counts) this.#gauge.set({ owner, repo, rule }, n);
  }

  #notify(n: Notification): void {
    for (const name of n.alert.sendTo) this.#outboxes.get(name)?.push(n);
  }

  /** Tells the batch receivers (Alertmanager) again of everything firing, so that they keep it firing. */
  #resend(): void {
    for (const o of this.firing()) {
      for (const name of o.sendTo) {
        const box = this.#outboxes.get(name);
        if (box?.receiver.batch) box.push({ status: 'firing', alert: o });
      }
    }
  }
}
