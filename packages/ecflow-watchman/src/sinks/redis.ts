/**
 * Writes what the watchman knows to Redis, one MULTI (or fenced script) per server and write, and
 * carries on while Redis is down: each server keeps one pending write that always takes the
 * latest values when it runs, so nothing piles up but change-stream entries (capped), and when
 * Redis comes back (or a Sentinel failover names a new master) every server is written whole
 * again (a restarted Redis, or a promoted replica, may have lost anything).
 *
 * In a Redis Cluster a script cannot span slots and the Go tool's keys have no hash tags: a
 * server's write is then one script per key, each fenced on its own (#keyWrites).
 */
import type { Logger } from 'pino';
import type { RedisConnectionConfig } from '../config.js';
import type { WatchmanMetrics } from '../metrics.js';
import type { StateChange } from 'ecflow-ts';
import type { StatusRecord } from '../status-records.js';
import type { ServerWatch } from '../watched-server.js';
import { FENCED_WRITE, fenceKey, KEY_WRITE, LEASE, type ScriptHost } from '../replicas/scripts.js';
import { RedisConnection, type RedisCommand } from './redis-connection.js';

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
  /** Where the Redis is (config.ts's `sink.connection`). */
  connection: RedisConnectionConfig;
  streamMaxLen: number;
  logger: Logger;
  metrics: WatchmanMetrics;
  /** Milliseconds to connect. @default 5000 */
  connectTimeout?: number;
  /**
   * With replicas: every write runs only while the server's lease holds `token(server)` (checked
   * in the same Lua script as the write); a refused write calls `refused` and is held back until `rewrite(server)`.
   */
  fence?: { token(server: ServerWatch): string | undefined; refused(server: ServerWatch): void };
}

type Command = RedisCommand;

/** The data keys of a server, each written by its own script in a Cluster. */
type DataKey = 'status' | 'health' | 'nodes' | 'aborted' | 'changes';
const DATA_KEYS: readonly DataKey[] = ['status', 'health', 'nodes', 'aborted', 'changes'];

export class RedisSink {
  readonly #client: RedisConnection;
  readonly #options: RedisSinkOptions;
  readonly #pending = new Map<ServerWatch, Pending>();
  readonly #flushing = new Map<ServerWatch, Promise<void>>();
  /**
   * Servers whose earlier `aborted` times were read back: none of a server's keys is written
   * before, or its first write would replace those times with its own before they are read.
   */
  readonly #seeded = new Set<ServerWatch>();
  readonly #readyListeners: (() => void)[] = [];
  /** Servers whose last write the fence refused: held back until the duty says the lease is this replica's again. */
  readonly #refused = new Set<ServerWatch>();
  /** Cluster: the token with which every key of a server has been written (its fences hold it). */
  readonly #claimed = new Map<ServerWatch, string>();

  constructor(options: RedisSinkOptions) {
    this.#options = options;
    const log = options.logger;
    // Commands fail at once while disconnected: the pending writes are the queue.
    this.#client = new RedisConnection(options.connection, { connectTimeout: options.connectTimeout ?? 5000, pingInterval: 10_000 });
    const redis = this.#client.description;
    // Told once per outage (node-redis reports every failed reconnect).
    this.#client.onDown((error) => {
      options.metrics.redisUp.set(0);
      log.warn({ err: error, redis }, 'redis: connection lost or refused; retrying');
    });
    this.#client.onReady((again) => {
      options.metrics.redisUp.set(1);
      log.info({ redis, kind: this.#client.kind, reconnect: again }, 'redis: ready');
      void this.#onReady();
    });
  }

  /** Where the sink writes, without any password (for logs and /readyz). */
  get description(): string {
    return this.#client.description;
  }

  /** Makes the sink responsible for these servers (their keys are rewritten whenever Redis comes back). */
  register(servers: readonly ServerWatch[]): void {
    for (const s of servers) this.#pendingOf(s);
  }

  /** Starts connecting (retried in the background until Redis answers). */
  connect(): void {
    this.#client.connect();
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

  /** The connection, for the replicas' scripts. */
  get scripts(): ScriptHost {
    return this.#client;
  }

  /** Whether one script may touch several servers' keys (not on a cluster: they may be in different slots). */
  get multiKey(): boolean {
    return this.#client.multiKey;
  }

  /**
   * Reads what the previous holder of a server wrote (its status records and aborted times) into
   * the server, before this replica writes any of its keys; false when Redis did not answer.
   */
  async seed(server: ServerWatch): Promise<boolean> {
    if (!this.#client.isReady) return false;
    try {
      const [status, aborted] = await Promise.all([this.#client.get(server.keys.status), this.#client.get(server.keys.aborted)]);
      if (status !== null) {
        const records = parseRecords(status);
        if (records !== null) server.seedPrevious(records);
      }
      if (aborted !== null) server.seedAborted(parseJson(aborted));
    } catch {
      return false;
    }
    this.#seeded.add(server);
    return true;
  }

  /** Drops what is pending for a server another replica holds now (and its read-back). */
  forget(server: ServerWatch): void {
    this.#pending.delete(server);
    this.#seeded.delete(server);
    this.#refused.delete(server);
    this.#claimed.delete(server);
    this.#pendingOf(server);
  }

  /** Waits for a server's write under way, then writes what is pending for it (Redis permitting). */
  async drainOne(server: ServerWatch): Promise<void> {
    await this.#flushing.get(server);
    if (this.#client.isReady && this.#pending.get(server)?.dirty) await this.#flush(server);
  }

  /** Reads a hash field; `null` when absent or Redis is down. */
  async hashField(key: string, field: string): Promise<string | null> {
    if (!this.#client.isReady) return null;
    return (await this.#client.hGet(key, field)) ?? null;
  }

  /**
   * The change-stream entries of a server after `id` (all of them, oldest first), and the id to
   * read on from; with `id` `null` none, only where the stream ends now.
   */
  async changesAfter(server: ServerWatch, id: string | null): Promise<{ id: string | null; changes: { time: string; kind: string; change: StateChange }[] }> {
    if (!this.#client.isReady) return { id, changes: [] };
    if (id === null) {
      const last = await this.#client.xRevRange(server.keys.changes, '+', '-', { COUNT: 1 });
      return { id: last[0]?.id ?? '0-0', changes: [] };
    }
    const entries = await this.#client.xRange(server.keys.changes, `(${id}`, '+');
    return {
      id: entries.at(-1)?.id ?? id,
      changes: entries.map(({ message: m }) => ({
        time: m.time ?? '',
        kind: m.kind ?? '',
        change: { path: m.path ?? '', old: (m.old || null) as StateChange['old'], new: (m.new || null) as StateChange['new'] },
      })),
    };
  }

  /** Reads a key (for the aborted tasks of an earlier run); `null` when absent or Redis is down. */
  async get(key: string): Promise<string | null> {
    if (!this.#client.isReady) return null;
    return this.#client.get(key);
  }

  async close(): Promise<void> {
    await this.#client.close();
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
    for (const listener of this.#readyListeners) listener();
    // With replicas the duty rewrites what it holds once it has renewed the leases (a restarted
    // Redis has lost them too), and the aborted times are read when a lease is taken (seed).
    if (this.#options.fence !== undefined) return;
    await Promise.all(
      [...this.#pending.keys()].map(async (server) => {
        // An earlier run's aborted times, then everything written again.
        try {
          const earlier = await this.#client.get(server.keys.aborted);
          if (earlier !== null) server.seedAborted(JSON.parse(earlier));
          this.#seeded.add(server);
        } catch {
          // Not JSON (keep our own times), or Redis went away again (read it at the next ready).
          if (this.#client.isReady) this.#seeded.add(server);
        }
        this.rewrite(server);
      }),
    );
  }

  /** Writes every key of a server again (Redis came back, and may have lost them; or its lease was taken again). */
  rewrite(server: ServerWatch): void {
    this.#refused.delete(server);
    if (server.statusValue === null) return;
    server.details.forget();
    Object.assign(this.#pendingOf(server), { dirty: true, aborted: true, nodes: true });
    void this.#flush(server);
  }

  /** Calls `listener` whenever the connection is ready (again). */
  onReady(listener: () => void): void {
    this.#readyListeners.push(listener);
  }

  /** The write as one Lua script that checks the lease first (Redis runs a script whole or not at all). */
  async #fencedWrite(server: ServerWatch, token: string, commands: Command[]): Promise<boolean> {
    const { keys } = server;
    const args: (string | Buffer)[] = [token, String(commands.length)];
    for (const c of commands) args.push(String(c.length), ...c);
    const written = await FENCED_WRITE.run(this.scripts, [keys.lease, keys.status, keys.health, keys.nodes, keys.aborted, keys.changes], args);
    return written === 1;
  }

  #flush(server: ServerWatch): Promise<void> {
    const running = this.#flushing.get(server);
    if (running !== undefined) return running;
    // Written once its aborted times are read back (#onReady flushes it then).
    if (!this.#seeded.has(server) || this.#refused.has(server)) return Promise.resolve();
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
    const byKey = new Map<DataKey, Command[]>();
    const add = (key: DataKey, command: Command): void => {
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [command]);
      else list.push(command);
    };
    if (status !== null) add('status', ['SET', keys.status, status]);
    add('health', ['SET', keys.health, JSON.stringify(server.health)]);
    const defs = server.client.getDefs();
    if (taken.nodes && defs !== null) {
      const diff = server.details.diff(defs);
      if (diff.reset) add('nodes', ['DEL', keys.nodes]);
      // The [field, value] pairs as they are: no object of 100k keys built for a first write.
      for (let i = 0; i < diff.set.length; i += HSET_CHUNK) add('nodes', ['HSET', keys.nodes, ...diff.set.slice(i, i + HSET_CHUNK).flat()]);
      for (let i = 0; i < diff.removed.length; i += HSET_CHUNK) add('nodes', ['HDEL', keys.nodes, ...diff.removed.slice(i, i + HSET_CHUNK)]);
    }
    if (taken.aborted && status !== null) add('aborted', ['SET', keys.aborted, server.abortedJson]);
    const maxLen = String(this.#options.streamMaxLen);
    for (const { time, kind, change } of taken.changes) {
      add('changes', ['XADD', keys.changes, 'MAXLEN', '~', maxLen, '*', 'path', change.path, 'old', change.old ?? '', 'new', change.new ?? '', 'time', time, 'kind', kind]);
    }
    const publish: Command | null = taken.publish && status !== null ? ['PUBLISH', keys.channel, status] : null;
    if (!this.#client.multiKey) return this.#keyWrites(server, p, taken, byKey, publish);
    const commands = [...byKey.values()].flat();
    if (publish !== null) commands.push(publish);
    const fence = this.#options.fence;
    try {
      if (fence === undefined) {
        await this.#client.transaction(commands);
      } else {
        const token = fence.token(server);
        const written = token !== undefined && (await this.#fencedWrite(server, token, commands));
        if (!written) return this.#fenced(server, p, taken, token);
      }
      this.#options.metrics.redisWrites.inc({ result: 'ok' });
    } catch (error) {
      this.#failed(server, p, taken, error);
    }
  }

  /**
   * A server's write in a Redis Cluster: the lease checked first (and the time of the write
   * recorded in it), then one fenced script per key (replicas/scripts.ts, KEY_WRITE), the status
   * and its publication last and only once the others are written, so that a reader who sees a
   * new status finds the other keys at least as new. What was written stays written when another
   * key fails: only what failed is put back (no stream entry is added twice).
   */
  async #keyWrites(server: ServerWatch, p: Pending, taken: Omit<Pending, 'dirty'>, byKey: Map<DataKey, Command[]>, publish: Command | null): Promise<void> {
    const { keys } = server;
    const fence = this.#options.fence;
    let token = '';
    if (fence !== undefined) {
      const t = fence.token(server);
      try {
        const held = t !== undefined && ((await LEASE.run(this.#client, [keys.lease], ['wrote', '', t, ''])) as number[])[0] === 1;
        if (!held) return this.#fenced(server, p, taken, t);
      } catch (error) {
        return this.#failed(server, p, taken, error);
      }
      token = t!;
      // The first write with a token claims every key's fence: from then on a writer whose lease
      // has moved is refused on each key, whether or not this one has had anything to write there.
      if (this.#claimed.get(server) !== token) for (const k of DATA_KEYS) if (!byKey.has(k)) byKey.set(k, []);
    }
    const results = new Map<DataKey, 'ok' | 'fenced' | 'error'>();
    let firstError: unknown;
    const write = async (key: DataKey, extra: Command[]): Promise<void> => {
      const commands = [...byKey.get(key)!, ...extra];
      const args: (string | Buffer)[] = [token, String(commands.length)];
      for (const c of commands) args.push(String(c.length), ...c);
      try {
        results.set(key, (await KEY_WRITE.run(this.#client, [keys[key], fenceKey(keys[key])], args)) === 1 ? 'ok' : 'fenced');
      } catch (error) {
        firstError ??= error;
        results.set(key, 'error');
      }
    };
    await Promise.all([...byKey.keys()].filter((k) => k !== 'status').map((k) => write(k, [])));
    if (byKey.has('status')) {
      if ([...results.values()].every((r) => r === 'ok')) await write('status', publish === null ? [] : [publish]);
      else results.set('status', 'error');
    }
    const failed = (key: DataKey): boolean => (results.get(key) ?? 'ok') !== 'ok';
    const lost = { aborted: taken.aborted && failed('aborted'), nodes: taken.nodes && failed('nodes'), publish: taken.publish && failed('status'), changes: failed('changes') ? taken.changes : [] };
    if ([...results.values()].includes('fenced')) return this.#fenced(server, p, lost, token);
    if (firstError !== undefined || [...results.values()].includes('error')) return this.#failed(server, p, lost, firstError);
    if (fence !== undefined) this.#claimed.set(server, token);
    this.#options.metrics.redisWrites.inc({ result: 'ok' });
  }

  /**
   * The lease is not `token`'s: what was not written is kept, as after a failure, until the duty
   * has renewed it (a restarted Redis lost it) or given the server up (another replica holds it).
   * Unless the duty has taken the lease again while the write was on its way (Redis came back
   * empty): the refusal is of the old token, and the next write goes with the new one.
   */
  #fenced(server: ServerWatch, p: Pending, lost: Omit<Pending, 'dirty'>, token: string | undefined): void {
    this.#options.metrics.redisWrites.inc({ result: 'fenced' });
    this.#restore(server, p, lost);
    const fence = this.#options.fence;
    if (token !== undefined && fence !== undefined && fence.token(server) !== token) return;
    this.#refused.add(server);
    fence?.refused(server);
  }

  #failed(server: ServerWatch, p: Pending, lost: Omit<Pending, 'dirty'>, error: unknown): void {
    this.#options.metrics.redisWrites.inc({ result: 'error' });
    this.#options.logger.debug({ err: error, owner: server.owner, repo: server.repo }, 'redis: write failed; kept for later');
    this.#restore(server, p, lost);
  }

  /** Puts back what was not written, older entries first; the hash is rewritten whole next time. */
  #restore(server: ServerWatch, p: Pending, taken: Omit<Pending, 'dirty'>): void {
    if (taken.nodes) server.details.forget();
    p.dirty = true;
    p.aborted ||= taken.aborted;
    p.nodes ||= taken.nodes;
    p.publish ||= taken.publish;
    p.changes = [...taken.changes, ...p.changes].slice(-this.#options.streamMaxLen);
  }
}

/** The Go tool's status value's records, or `null` when it is not one. */
function parseRecords(value: string): StatusRecord[] | null {
  const v = parseJson(value) as { status_records?: unknown } | null;
  if (v === null || typeof v !== 'object' || !Array.isArray(v.status_records)) return null;
  // A status is compared, never interpreted: whatever the last holder wrote is kept as it is.
  return (v.status_records as unknown[]).filter((r): r is StatusRecord => {
    const x = r as Partial<Record<'path' | 'status', unknown>> | null;
    return typeof x?.path === 'string' && typeof x.status === 'string';
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
