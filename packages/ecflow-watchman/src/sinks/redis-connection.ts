/**
 * The one place that knows the three ways to reach the sink's Redis (config.ts's
 * {@link RedisConnectionConfig}): one server (node-redis's `createClient`), the master a set of
 * Sentinels names (`createSentinel`), a Redis Cluster (`createCluster`). Each is wrapped in a
 * {@link RedisConnection} with the few commands the watchman sends and one notion of readiness:
 * its `ready` listeners run whenever it is usable again after it was not (first connect, a
 * reconnect, a Sentinel failover), since the keys may have been lost meanwhile.
 *
 * node-redis tells readiness differently for each: a client has `ready` events of its own; a
 * sentinel object stays "ready" through a master's death (its commands wait inside it until the
 * Sentinels name a master that answers), and says `topology-change` when they name a new one; a
 * cluster has no readiness at all, only its nodes' errors. So for the last two, an error (or a
 * new master) makes the connection not ready, and it is ready again once a PING (of every master,
 * in a cluster) answers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, createCluster, createSentinel } from 'redis';
import type { RedisConnectionConfig } from '../config.js';
import type { ScriptHost } from '../replicas/scripts.js';

/** One of `'standalone' | 'sentinel' | 'cluster'`. */
export type RedisKind = RedisConnectionConfig['kind'];

/** One Redis command as its arguments. */
export type RedisCommand = (string | Buffer)[];

export interface RedisConnectionOptions {
  /** Milliseconds to connect to one node. @default 5000 */
  connectTimeout?: number;
  /** Milliseconds between PINGs of an idle connection to a node; `0` for none. @default 0 */
  pingInterval?: number;
}

/** One entry of a stream, as XRANGE gives it. */
export interface StreamEntry {
  id: string;
  message: Record<string, string>;
}

/** The commands the watchman sends, the same whatever the kind (a cluster routes each by its first key). */
export interface RedisCommands extends ScriptHost {
  get(key: string): Promise<string | null>;
  hGet(key: string, field: string): Promise<string | null>;
  hGetAll(key: string): Promise<Record<string, string>>;
  xRange(key: string, start: string, end: string, options?: { COUNT?: number }): Promise<StreamEntry[]>;
  xRevRange(key: string, start: string, end: string, options?: { COUNT?: number }): Promise<StreamEntry[]>;
}

/** What one kind supplies: node-redis's object, and how to connect, check and close it. */
interface Driver {
  readonly commands: RedisCommands;
  readonly isOpen: boolean;
  /** Whether commands run now, where node-redis knows (else the connection tells from the signals). */
  readonly isReady?: boolean;
  /** Resolves once commands run; a rejection is retried with a new driver. */
  connect(): Promise<unknown>;
  /** Resolves once commands run again after an error (kinds whose readiness is ours to tell). */
  probe?(): Promise<unknown>;
  /** The commands as one MULTI … EXEC; absent on a cluster, where a transaction cannot span slots. */
  transaction?(commands: RedisCommand[]): Promise<unknown>;
  close(): Promise<unknown>;
  destroy(): void;
}

/** What a driver tells its connection. */
interface Signals {
  up(): void;
  down(error: unknown): void;
}

/** Waits between reconnects: 100 ms doubling to 5 s, ±10% so that replicas do not come back in step. */
function reconnectStrategy(retries: number): number {
  return Math.min(100 * 2 ** Math.min(retries, 6), 5000) * (0.9 + 0.2 * Math.random());
}

/** The commands as node-redis's objects have them (the three agree on these signatures). */
function commandsOf(c: RedisCommands): RedisCommands {
  return c;
}

function standalone(config: Extract<RedisConnectionConfig, { kind: 'standalone' }>, options: Required<RedisConnectionOptions>, signals: Signals): Driver {
  const client = createClient({
    url: config.url,
    // Commands fail at once while disconnected: the callers keep what is to be written.
    disableOfflineQueue: true,
    pingInterval: options.pingInterval,
    socket: { connectTimeout: options.connectTimeout, reconnectStrategy },
  });
  client.on('error', (error: unknown) => signals.down(error));
  client.on('end', () => signals.down(new Error('connection closed')));
  client.on('ready', () => signals.up());
  return {
    commands: commandsOf(client),
    get isOpen() {
      return client.isOpen;
    },
    get isReady() {
      return client.isReady;
    },
    // Retries by itself (reconnectStrategy) until the server answers; `ready` says when.
    connect: () => client.connect(),
    transaction: (commands) => {
      const multi = client.multi();
      for (const c of commands) multi.addCommand(c);
      return multi.exec();
    },
    close: () => client.close(),
    destroy: () => client.destroy(),
  };
}

/**
 * Resolves when some sentinel names a master of this name. Asked before node-redis's sentinel is
 * given anything to do: while no sentinel answers, it tries again every second, printing each
 * failure's stack on stdout (amid the JSON logs), and gives up only after 16 of them.
 */
async function someSentinelNames(config: Extract<RedisConnectionConfig, { kind: 'sentinel' }>, options: Required<RedisConnectionOptions>): Promise<void> {
  let last: unknown;
  for (const node of config.sentinels) {
    const c = createClient({
      ...(config.sentinelUsername !== undefined ? { username: config.sentinelUsername } : {}),
      ...(config.sentinelPassword !== undefined ? { password: config.sentinelPassword } : {}),
      socket: { host: node.host, port: node.port, connectTimeout: options.connectTimeout, reconnectStrategy: false },
    });
    c.on('error', () => undefined);
    try {
      await c.connect();
      if ((await c.sendCommand(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', config.masterName])) !== null) return;
      last = new Error(`sentinel ${node.host}:${node.port} knows no master ${config.masterName}`);
    } catch (error) {
      last = error;
    } finally {
      if (c.isOpen) c.destroy();
    }
  }
  throw new Error(`no sentinel names a master ${config.masterName}`, { cause: last });
}

function sentinel(config: Extract<RedisConnectionConfig, { kind: 'sentinel' }>, options: Required<RedisConnectionOptions>, signals: Signals): Driver {
  let connected = false;
  const s = createSentinel({
    name: config.masterName,
    sentinelRootNodes: config.sentinels,
    nodeClientOptions: {
      disableOfflineQueue: true,
      pingInterval: options.pingInterval,
      database: config.db,
      ...(config.username !== undefined ? { username: config.username } : {}),
      ...(config.password !== undefined ? { password: config.password } : {}),
      socket: { connectTimeout: options.connectTimeout, reconnectStrategy },
    },
    sentinelClientOptions: {
      ...(config.sentinelUsername !== undefined ? { username: config.sentinelUsername } : {}),
      ...(config.sentinelPassword !== undefined ? { password: config.sentinelPassword } : {}),
      socket: { connectTimeout: options.connectTimeout },
    },
    // The master's errors are the only sign that it went away: have them as the sentinel's.
    passthroughClientErrorEvents: true,
  });
  s.on('error', (error: unknown) => {
    if (connected) signals.down(error);
  });
  s.on('topology-change', (event: { type: string }) => {
    // Writes in flight to the old master are lost (and what it had not passed on to its replica):
    // once the new one answers, everything is written again.
    if (event.type === 'MASTER_CHANGE' && connected) signals.down(new Error('the Sentinels named a new master'));
  });
  return {
    commands: commandsOf(s),
    get isOpen() {
      return s.isOpen;
    },
    connect: async () => {
      await someSentinelNames(config, options);
      await s.connect();
      connected = true;
      signals.up();
    },
    // Sent to the master; node-redis holds it until the Sentinels name one that answers.
    probe: async () => {
      await someSentinelNames(config, options);
      await s.ping();
    },
    transaction: (commands) => {
      const multi = s.multi();
      for (const c of commands) multi.addCommand(false, c);
      return multi.exec();
    },
    close: () => s.close(),
    destroy: () => void s.destroy(),
  };
}

function cluster(config: Extract<RedisConnectionConfig, { kind: 'cluster' }>, options: Required<RedisConnectionOptions>, signals: Signals): Driver {
  let connected = false;
  const c = createCluster({
    rootNodes: config.nodes.map((url) => ({ url })),
    // For every node found, not only those named.
    defaults: {
      disableOfflineQueue: true,
      pingInterval: options.pingInterval,
      ...(config.username !== undefined ? { username: config.username } : {}),
      ...(config.password !== undefined ? { password: config.password } : {}),
      socket: { connectTimeout: options.connectTimeout, reconnectStrategy, ...(config.nodes.every((n) => n.startsWith('rediss:')) ? { tls: true } : {}) },
    },
  });
  // Discovery's own failures: they say nothing of the nodes holding the keys.
  c.on('error', () => undefined);
  c.on('node-error', (error: unknown) => {
    if (connected) signals.down(error);
  });
  return {
    commands: commandsOf(c),
    get isOpen() {
      return c.isOpen;
    },
    connect: async () => {
      await c.connect();
      connected = true;
      signals.up();
    },
    probe: async () => {
      const failed: (typeof c.masters)[number][] = [];
      await Promise.all(
        c.masters.map(async (m) => {
          try {
            await withTimeout(
              c.nodeClient(m).then((client) => client.ping()),
              options.connectTimeout,
            );
          } catch {
            failed.push(m);
          }
        }),
      );
      if (failed.length === 0) return;
      // A master that does not answer may have been replaced (a replica promoted): node-redis
      // learns the new slots only from a MOVED reply, which a dead node cannot send.
      const client = failed[0]!.client;
      if (client !== undefined) await c._slots.rediscover(client).catch(() => undefined);
      throw new Error(`${failed.length} of the cluster's masters do not answer`);
    },
    close: () => c.close(),
    destroy: () => c.destroy(),
  };
}

/** `promise`, or a rejection after `ms` (the promise itself goes on). */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Destroys a driver's object, which may be closed already (node-redis then throws). */
function destroyQuietly(driver: Driver): void {
  try {
    driver.destroy();
  } catch {
    // Closed: nothing to destroy.
  }
}

/** Builds node-redis's object for a connection of this kind. */
function driverOf(config: RedisConnectionConfig, options: Required<RedisConnectionOptions>, signals: Signals): Driver {
  switch (config.kind) {
    case 'standalone':
      return standalone(config, options, signals);
    case 'sentinel':
      return sentinel(config, options, signals);
    case 'cluster':
      return cluster(config, options, signals);
  }
}

/** Where a connection goes, without any password: for logs and /readyz. */
export function describeRedis(config: RedisConnectionConfig): string {
  switch (config.kind) {
    case 'standalone':
      return redactUrl(config.url);
    case 'sentinel':
      return `sentinel master ${config.masterName} via ${config.sentinels.map((s) => (s.host.includes(':') ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`)).join(',')}${config.db !== 0 ? ` db ${config.db}` : ''}`;
    case 'cluster':
      return `cluster ${config.nodes.map(redactUrl).join(',')}`;
  }
}

/** The URL without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * A connection to the sink's Redis of any kind. Its commands fail at once while it is not ready
 * (nothing is queued); it reconnects by itself until closed.
 */
export class RedisConnection implements RedisCommands {
  readonly kind: RedisKind;
  /** Where it connects, without any password. */
  readonly description: string;
  readonly #config: RedisConnectionConfig;
  readonly #options: Required<RedisConnectionOptions>;
  readonly #readyListeners: ((again: boolean) => void)[] = [];
  readonly #downListeners: ((error: unknown) => void)[] = [];
  #driver: Driver;
  #ready = false;
  #everReady = false;
  /** In an outage already told (`down` listeners run once per outage). */
  #failing = false;
  #probing = false;
  #connecting = false;
  #closed = false;

  constructor(config: RedisConnectionConfig, options: RedisConnectionOptions = {}) {
    this.kind = config.kind;
    this.description = describeRedis(config);
    this.#config = config;
    this.#options = { connectTimeout: options.connectTimeout ?? 5000, pingInterval: options.pingInterval ?? 0 };
    this.#driver = this.#newDriver();
  }

  get isReady(): boolean {
    return !this.#closed && (this.#driver.isReady ?? this.#ready);
  }

  get isOpen(): boolean {
    return this.#driver.isOpen;
  }

  /** Whether a write of several keys can be one MULTI or one script (not on a cluster: they may be in different slots). */
  get multiKey(): boolean {
    return this.#driver.transaction !== undefined;
  }

  /** `listener(again)` runs whenever the connection becomes ready: `again` after it had been once. */
  onReady(listener: (again: boolean) => void): void {
    this.#readyListeners.push(listener);
  }

  /** `listener(error)` runs once per outage, with its first error. */
  onDown(listener: (error: unknown) => void): void {
    this.#downListeners.push(listener);
  }

  /** Starts connecting; retried in the background until Redis answers or the connection is closed. */
  connect(): void {
    if (this.#connecting || this.#closed) return;
    this.#connecting = true;
    void (async () => {
      for (let attempt = 0; !this.#closed; attempt++) {
        try {
          await this.#driver.connect();
          break;
        } catch (error) {
          if (this.#closed) break;
          this.#down(error);
          // A sentinel or cluster that failed to connect cannot be asked to again: a new one is.
          destroyQuietly(this.#driver);
          await sleep(reconnectStrategy(attempt), undefined, { ref: false });
          if (!this.#closed) this.#driver = this.#newDriver();
        }
      }
      this.#connecting = false;
    })();
  }

  get(key: string): Promise<string | null> {
    return this.#driver.commands.get(key);
  }

  hGet(key: string, field: string): Promise<string | null> {
    return this.#driver.commands.hGet(key, field);
  }

  hGetAll(key: string): Promise<Record<string, string>> {
    return this.#driver.commands.hGetAll(key);
  }

  xRange(key: string, start: string, end: string, options?: { COUNT?: number }): Promise<StreamEntry[]> {
    return this.#driver.commands.xRange(key, start, end, options);
  }

  xRevRange(key: string, start: string, end: string, options?: { COUNT?: number }): Promise<StreamEntry[]> {
    return this.#driver.commands.xRevRange(key, start, end, options);
  }

  evalSha(sha: string, options: { keys: string[]; arguments: (string | Buffer)[] }): Promise<unknown> {
    return this.#driver.commands.evalSha(sha, options);
  }

  eval(script: string, options: { keys: string[]; arguments: (string | Buffer)[] }): Promise<unknown> {
    return this.#driver.commands.eval(script, options);
  }

  /** The commands as one MULTI … EXEC (not on a cluster: see {@link multiKey}). */
  transaction(commands: RedisCommand[]): Promise<unknown> {
    if (this.#driver.transaction === undefined) throw new Error(`a ${this.kind} Redis has no transactions across keys`);
    return this.#driver.transaction(commands);
  }

  /** Closes it: the commands under way are answered first, for up to `timeoutMs`. */
  async close(timeoutMs = 2000): Promise<void> {
    this.#closed = true;
    this.#ready = false;
    const driver = this.#driver;
    let timer: NodeJS.Timeout | undefined;
    try {
      // A sentinel waits for a master before it closes; a dead one never comes.
      const closed = await Promise.race([
        driver.isOpen ? driver.close().then(() => true) : Promise.resolve(true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
      if (!closed) destroyQuietly(driver);
    } catch {
      destroyQuietly(driver);
    } finally {
      clearTimeout(timer);
    }
  }

  #newDriver(): Driver {
    return driverOf(this.#config, this.#options, { up: () => this.#up(), down: (error) => this.#down(error) });
  }

  #up(): void {
    if (this.#closed || this.#ready) return;
    this.#ready = true;
    this.#failing = false;
    const again = this.#everReady;
    this.#everReady = true;
    for (const listener of this.#readyListeners) listener(again);
  }

  #down(error: unknown): void {
    if (this.#closed) return;
    this.#ready = false;
    if (!this.#failing) {
      this.#failing = true;
      for (const listener of this.#downListeners) listener(error);
    }
    if (this.#everReady) void this.#probe();
  }

  /** For the kinds whose readiness is ours to tell: PINGs until Redis answers again. */
  async #probe(): Promise<void> {
    const driver = this.#driver;
    if (this.#probing || driver.probe === undefined) return;
    this.#probing = true;
    try {
      for (let attempt = 0; !this.#closed && !this.#ready; attempt++) {
        try {
          await driver.probe();
          this.#up();
        } catch {
          await sleep(Math.min(100 * 2 ** attempt, 2000), undefined, { ref: false });
        }
      }
    } finally {
      this.#probing = false;
    }
  }
}
