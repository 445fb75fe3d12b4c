/**
 * Writes what the watchman knows to Redis, one MULTI per server and write, and carries on while
 * Redis is down: each server keeps one pending write that always takes the latest values when it
 * runs, so nothing piles up but change-stream entries (capped), and when Redis comes back every
 * server is written whole again (a restarted Redis may have lost everything).
 */
import { createClient } from 'redis';
import type { Logger } from 'pino';
import type { WatchmanMetrics } from '../metrics.js';
import type { StateChange } from 'ecflow-ts';
import type { ServerWatch } from '../watched-server.js';

type RedisClient = ReturnType<typeof createClient>;

/** Largest number of hash fields sent in one HSET. */
const HSET_CHUNK = 1000;

interface Pending {
  /** Something of this server is to be written (its status and health are always written). */
  dirty: boolean;
  aborted: boolean;
  nodes: boolean;
  publish: boolean;
  changes: { time: string; kind: string; change: StateChange }[];
}

export interface RedisSinkOptions {
  url: string;
  streamMaxLen: number;
  logger: Logger;
  metrics: WatchmanMetrics;
  /** Milliseconds to connect. @default 5000 */
  connectTimeout?: number;
}

export class RedisSink {
  readonly #client: RedisClient;
  readonly #options: RedisSinkOptions;
  readonly #pending = new Map<ServerWatch, Pending>();
  readonly #flushing = new Map<ServerWatch, Promise<void>>();
  /**
   * Servers whose earlier `aborted` times were read back: none of a server's keys is written
   * before, or its first write would replace those times with its own before they are read.
   */
  readonly #seeded = new Set<ServerWatch>();
  #everReady = false;
  #closed = false;

  constructor(options: RedisSinkOptions) {
    this.#options = options;
    const log = options.logger;
    this.#client = createClient({
      url: options.url,
      // Commands fail at once while disconnected; the pending writes are the queue.
      disableOfflineQueue: true,
      pingInterval: 10_000,
      socket: {
        connectTimeout: options.connectTimeout ?? 5000,
        reconnectStrategy: (retries) => Math.min(100 * 2 ** Math.min(retries, 6), 5000) * (0.9 + 0.2 * Math.random()),
      },
    });
    let down = false;
    this.#client.on('error', (error: Error) => {
      // node-redis reports every failed reconnect; say it once per outage.
      if (!down) log.warn({ err: error, redis: redactUrl(options.url) }, 'redis: connection lost or refused; retrying');
      down = true;
      options.metrics.redisUp.set(0);
    });
    this.#client.on('end', () => options.metrics.redisUp.set(0));
    this.#client.on('ready', () => {
      options.metrics.redisUp.set(1);
      log.info({ redis: redactUrl(options.url), reconnect: this.#everReady }, 'redis: ready');
      down = false;
      this.#everReady = true;
      void this.#onReady();
    });
  }

  /** Makes the sink responsible for these servers (their keys are rewritten whenever Redis comes back). */
  register(servers: readonly ServerWatch[]): void {
    for (const s of servers) this.#pendingOf(s);
  }

  /** Starts connecting (retried in the background until Redis answers). */
  connect(): void {
    this.#client.connect().catch((error: Error) => {
      if (!this.#closed) this.#options.logger.error({ err: error }, 'redis: cannot connect');
    });
  }

  get ready(): boolean {
    return this.#client.isReady;
  }

  /**
   * Queues a write of the server's latest values. `changes` are appended to its stream; `nodes`
   * and `aborted` say those keys changed; `publish` sends the status value on the channel.
   */
  update(server: ServerWatch, what: { changes?: readonly StateChange[]; kind?: string; time?: string; nodes?: boolean; aborted?: boolean; publish?: boolean }): void {
    const p = this.#pendingOf(server);
    p.dirty = true;
    if (what.nodes) p.nodes = true;
    if (what.aborted) p.aborted = true;
    if (what.publish) p.publish = true;
    if (what.changes && what.changes.length > 0) {
      for (const change of what.changes) p.changes.push({ time: what.time ?? new Date().toISOString(), kind: what.kind ?? '', change });
      const excess = p.changes.length - this.#options.streamMaxLen;
      if (excess > 0) {
        p.changes.splice(0, excess);
        this.#options.metrics.redisChangesDropped.inc({ owner: server.owner, repo: server.repo }, excess);
      }
    }
    void this.#flush(server);
  }

  /** Waits for the writes under way and tries once more whatever is pending (Redis permitting). */
  async drain(): Promise<void> {
    await Promise.all([...this.#flushing.values()]);
    if (this.#client.isReady) await Promise.all([...this.#pending.keys()].map((s) => this.#flush(s)));
  }

  /** Reads a key (for the aborted tasks of an earlier run); `null` when absent or Redis is down. */
  async get(key: string): Promise<string | null> {
    if (!this.#client.isReady) return null;
    return this.#client.get(key);
  }

  async close(): Promise<void> {
    this.#closed = true;
    try {
      if (this.#client.isOpen) await this.#client.close();
    } catch {
      this.#client.destroy();
    }
  }

  #pendingOf(server: ServerWatch): Pending {
    let p = this.#pending.get(server);
    if (p === undefined) {
      p = { dirty: false, aborted: false, nodes: false, publish: false, changes: [] };
      this.#pending.set(server, p);
    }
    return p;
  }

  async #onReady(): Promise<void> {
    const servers = [...this.#pending.keys()];
    await Promise.all(
      servers.map(async (server) => {
        // An earlier run's aborted times, then everything written again.
        try {
          const earlier = await this.#client.get(server.keys.aborted);
          if (earlier !== null) server.seedAborted(JSON.parse(earlier));
          this.#seeded.add(server);
        } catch {
          // Not JSON (keep our own times), or Redis went away again (read it at the next ready).
          if (this.#client.isReady) this.#seeded.add(server);
        }
        if (server.statusValue === null) return;
        server.details.forget();
        Object.assign(this.#pendingOf(server), { dirty: true, aborted: true, nodes: true });
        void this.#flush(server);
      }),
    );
  }

  #flush(server: ServerWatch): Promise<void> {
    const running = this.#flushing.get(server);
    if (running !== undefined) return running;
    // Written once its aborted times are read back (#onReady flushes it then).
    if (!this.#seeded.has(server)) return Promise.resolve();
    const run = this.#write(server).finally(() => {
      this.#flushing.delete(server);
      // Something came in while writing: write again.
      if (this.#pending.get(server)?.dirty && this.#client.isReady) void this.#flush(server);
    });
    this.#flushing.set(server, run);
    return run;
  }

  async #write(server: ServerWatch): Promise<void> {
    const p = this.#pending.get(server);
    if (p === undefined || !p.dirty || !this.#client.isReady) return;
    const { keys } = server;
    const taken = { aborted: p.aborted, nodes: p.nodes, publish: p.publish, changes: p.changes };
    Object.assign(p, { dirty: false, aborted: false, nodes: false, publish: false, changes: [] });
    const status = server.statusValue;
    const multi = this.#client.multi();
    if (status !== null) multi.set(keys.status, status);
    multi.set(keys.health, JSON.stringify(server.health));
    const defs = server.client.getDefs();
    if (taken.nodes && defs !== null) {
      const diff = server.details.diff(defs);
      if (diff.reset) multi.del(keys.nodes);
      // The [field, value] pairs as they are: no object of 100k keys built for a first write.
      for (let i = 0; i < diff.set.length; i += HSET_CHUNK) multi.hSet(keys.nodes, i === 0 && diff.set.length <= HSET_CHUNK ? diff.set : diff.set.slice(i, i + HSET_CHUNK));
      if (diff.removed.length > 0) multi.hDel(keys.nodes, diff.removed);
    }
    if (taken.aborted && status !== null) multi.set(keys.aborted, server.abortedJson);
    const trim = { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.#options.streamMaxLen } } as const;
    for (const { time, kind, change } of taken.changes) {
      multi.xAdd(keys.changes, '*', { path: change.path, old: change.old ?? '', new: change.new ?? '', time, kind }, trim);
    }
    if (taken.publish && status !== null) multi.publish(keys.channel, status);
    try {
      await multi.exec();
      this.#options.metrics.redisWrites.inc({ result: 'ok' });
    } catch (error) {
      this.#options.metrics.redisWrites.inc({ result: 'error' });
      this.#options.logger.debug({ err: error, owner: server.owner, repo: server.repo }, 'redis: write failed; kept for later');
      // Put back what was not written, older entries first; the hash is rewritten whole next time.
      if (taken.nodes) server.details.forget();
      p.dirty = true;
      p.aborted ||= taken.aborted;
      p.nodes ||= taken.nodes;
      p.publish ||= taken.publish;
      p.changes = [...taken.changes, ...p.changes].slice(-this.#options.streamMaxLen);
    }
  }
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
