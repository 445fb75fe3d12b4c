/**
 * This replica's share of the servers: it registers itself in Redis, works out from the live
 * replicas which servers are its own (assignment.ts), takes their leases, renews them, gives up
 * those that are no longer its own, and follows what the others write for the rest. Every
 * `renewIntervalMs`, and at once when a replica joins or leaves.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { WatchmanMetrics } from '../metrics.js';
import type { Scheduler } from '../scheduler.js';
import type { RedisSink } from '../sinks/redis.js';
import type { Health, AbortedTask, ServerChange, WatchedServer } from '../view.js';
import type { ServerWatch } from '../watched-server.js';
import { assign } from './assignment.js';
import { HEARTBEAT, LEASE, RENEW } from './scripts.js';

/** The registry's keys: one hash slot (the braces), so a cluster runs the heartbeat on one node. */
export const REPLICA_KEYS = { live: '{ecflow-watchman}:replicas', info: '{ecflow-watchman}:replica-info' } as const;

export interface ReplicaOptions {
  /** How long a lease (and a replica's registration) lasts unless renewed. */
  leaseTtlMs: number;
  /** How often leases are renewed and the share worked out again. */
  renewIntervalMs: number;
  /** This replica's id (unique among the replicas); default host, pid and a random suffix. */
  id?: string;
}

/** What a replica tells the others about itself (the registry's hash). */
export interface ReplicaInfo {
  id: string;
  host: string;
  pid: number;
  /** `host:port` of its HTTP server, or `null`. */
  http: string | null;
  /** ISO 8601. */
  started: string;
}

/** Where the holder of a server answers for it (its HTTP server), for the API to forward to. */
export interface Holder {
  id: string;
  /** `host:port`, or `null` when it serves no HTTP. */
  http: string | null;
}

/** What this replica last read of a server another replica holds. */
interface Followed {
  /** The last change-stream entry read. */
  streamId: string | null;
  health: Health | null;
  aborted: number;
}

interface Held {
  token: string;
  /** `performance.now()` until which the lease is surely ours: when the renewal was sent, plus the TTL. */
  until: number;
}

export class Duty {
  readonly id: string;
  readonly #options: ReplicaOptions;
  readonly #scheduler: Scheduler;
  readonly #sink: RedisSink;
  readonly #servers: ServerWatch[];
  readonly #log: Logger;
  readonly #held = new Map<ServerWatch, Held>();
  /** Servers being given up or taken: one change of a server at a time. */
  readonly #moving = new Set<ServerWatch>();
  readonly #followed = new Map<ServerWatch, Followed>();
  readonly #metrics: WatchmanMetrics;
  #info: ReplicaInfo;
  #live: string[] = [];
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> | null = null;
  #again = false;
  /** Redis came back: once the leases are renewed, what this replica holds is written whole again. */
  #rewrite = false;
  #closed = false;
  /** The registry answered once: this replica counts in the assignment. */
  joined = false;

  constructor(servers: ServerWatch[], scheduler: Scheduler, sink: RedisSink, options: ReplicaOptions & { logger: Logger; metrics: WatchmanMetrics }) {
    this.#servers = servers;
    this.#metrics = options.metrics;
    this.#scheduler = scheduler;
    this.#sink = sink;
    this.#options = options;
    this.#log = options.logger;
    this.id = options.id ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.#info = { id: this.id, host: os.hostname(), pid: process.pid, http: null, started: new Date().toISOString() };
  }

  /** The live replicas as the last tick saw them. */
  get replicas(): readonly string[] {
    return this.#live;
  }

  /** Where this replica's HTTP server is, for the others. */
  set http(address: string | null) {
    this.#info = { ...this.#info, http: address };
  }

  /** The fencing token of a server this replica holds. */
  token(server: ServerWatch): string | undefined {
    return this.#held.get(server)?.token;
  }

  /**
   * Whether to scrape the server now: while its lease is surely ours; or while Redis cannot be
   * asked (this replica goes on scraping what it held, so its own view stays current; it cannot
   * write, and gives up the server when Redis answers if another replica took it meanwhile).
   */
  mayScrape(server: ServerWatch): boolean {
    const h = this.#held.get(server);
    if (h === undefined) return false;
    return performance.now() < h.until || !this.#sink.ready;
  }

  start(): void {
    this.#sink.onReady(() => {
      this.#rewrite = true;
      this.#schedule(0);
    });
    this.#schedule(0);
  }

  /** The sink's write was refused: the tick renews the lease (a restarted Redis lost it) or gives the server up. */
  lost(server: ServerWatch): void {
    if (!this.#held.has(server)) return;
    this.#log.info({ owner: server.owner, repo: server.repo }, 'replicas: a write was refused by the lease; checking it');
    this.#schedule(0);
  }

  /** Gives every lease up and leaves the registry (SIGTERM): the others take the servers at their next tick. */
  async leave(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#tick;
    await Promise.all([...this.#held.keys()].map((s) => this.#giveUp(s, true)));
    try {
      if (this.#sink.ready) await HEARTBEAT.run(this.#sink.scripts, [REPLICA_KEYS.live, REPLICA_KEYS.info], [this.id, '0', '', '1']);
    } catch (error) {
      this.#log.debug({ err: error }, 'replicas: could not leave the registry; it expires');
    }
  }

  #schedule(delayMs: number): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(), delayMs);
  }

  async #run(): Promise<void> {
    if (this.#tick !== null) {
      this.#again = true;
      return;
    }
    this.#tick = this.#once().catch((error: unknown) => this.#log.warn({ err: error }, 'replicas: a tick failed; retrying'));
    await this.#tick;
    this.#tick = null;
    if (this.#again) {
      this.#again = false;
      this.#schedule(0);
    } else this.#schedule(this.#options.renewIntervalMs);
  }

  async #once(): Promise<void> {
    if (!this.#sink.ready || this.#closed) return;
    const scripts = this.#sink.scripts;
    const ttl = String(this.#options.leaseTtlMs);
    const live = (await HEARTBEAT.run(scripts, [REPLICA_KEYS.live, REPLICA_KEYS.info], [this.id, ttl, JSON.stringify(this.#info), '0'])) as string[];
    if (!live.includes(this.id)) live.push(this.id);
    if (this.#live.join() !== live.join()) this.#log.info({ replicas: live, me: this.id }, 'replicas: the live replicas changed');
    this.#live = live;
    this.#metrics.replicas.set(live.length);
    this.joined = true;
    const mine = assign(
      this.#servers.map((s) => `${s.owner}/${s.repo}`),
      live,
    );
    const work: Promise<void>[] = [];
    const renewing: [ServerWatch, Held][] = [];
    for (const server of this.#servers) {
      if (this.#moving.has(server)) continue;
      const ours = mine.get(`${server.owner}/${server.repo}`) === this.id;
      const held = this.#held.get(server);
      if (held !== undefined && !ours) work.push(this.#giveUp(server, true));
      else if (held !== undefined) renewing.push([server, held]);
      else if (ours) work.push(this.#acquire(server));
      else work.push(this.#follow(server));
    }
    work.push(this.#renewAll(renewing));
    await Promise.all(work);
    if (this.#rewrite) {
      this.#rewrite = false;
      for (const server of this.#held.keys()) this.#sink.rewrite(server);
    }
  }

  /** Renews the leases held: in one script on one Redis, one a lease on a Cluster (their keys are in different slots). */
  async #renewAll(renewing: [ServerWatch, Held][]): Promise<void> {
    const sent = performance.now();
    const ttl = String(this.#options.leaseTtlMs);
    const batches = this.#sink.multiKey ? [renewing] : renewing.map((r) => [r]);
    await Promise.all(
      batches
        .filter((batch) => batch.length > 0)
        .map(async (batch) => {
          const r = (await RENEW.run(
            this.#sink.scripts,
            batch.map(([server]) => server.keys.lease),
            [ttl, ...batch.map(([, held]) => held.token)],
          )) as (number | string)[];
          await Promise.all(batch.map(([server, held], i) => this.#renewed(server, held, r[i] === 1 ? null : String(r[i] ?? ''), sent)));
        }),
    );
  }

  /** After a renewal sent at `sent`: `holder` null when it held, else who holds the lease now ('' nobody). */
  async #renewed(server: ServerWatch, held: Held, holder: string | null, sent: number): Promise<void> {
    if (holder === null) {
      held.until = sent + this.#options.leaseTtlMs;
      return;
    }
    if (holder === '') {
      // Nobody holds it (it expired while Redis was away, or a restarted Redis lost it): take it
      // again, and keep what this replica has not written yet.
      const again = await this.#take(server);
      if (again !== null) {
        held.token = again.token;
        held.until = again.until;
        this.#log.info({ owner: server.owner, repo: server.repo }, 'replicas: lease taken again');
        this.#sink.rewrite(server);
        return;
      }
    }
    await this.#giveUp(server, false);
  }

  async #acquire(server: ServerWatch): Promise<void> {
    this.#moving.add(server);
    try {
      const taken = await this.#take(server);
      if (taken === null) return this.#follow(server);
      this.#held.set(server, { token: taken.token, until: taken.until });
      this.#followed.delete(server);
      this.#metrics.held.set({ owner: server.owner, repo: server.repo }, 1);
      server.follow(null);
      server.replica = this.id;
      // The last holder's records and aborted times first: the changes since, and the same `since` times.
      if (!(await this.#sink.seed(server))) {
        this.#held.delete(server);
        server.replica = null;
        await LEASE.run(this.#sink.scripts, [server.keys.lease], ['release', this.id, taken.token, String(this.#options.leaseTtlMs)]).catch(() => undefined);
        return;
      }
      // Keep the interval the last holder kept: no second scrape within one.
      const delay = taken.sinceLastWrite < 0 ? 0 : Math.max(0, server.job.scrapeIntervalMs - taken.sinceLastWrite);
      this.#log.info({ owner: server.owner, repo: server.repo, firstScrapeInMs: delay }, 'replicas: lease taken');
      this.#scheduler.hold(server, delay);
    } finally {
      this.#moving.delete(server);
    }
  }

  async #take(server: ServerWatch): Promise<{ token: string; until: number; sinceLastWrite: number } | null> {
    const sent = performance.now();
    // The token is Redis's (greater than any the lease gave before), so that fences can compare them.
    const r = (await LEASE.run(this.#sink.scripts, [server.keys.lease], ['acquire', this.id, '', String(this.#options.leaseTtlMs)])) as [number, number | string, string?];
    if (r[0] !== 1) {
      server.replica = String(r[1]);
      return null;
    }
    return { token: String(r[2]), until: sent + this.#options.leaseTtlMs, sinceLastWrite: Number(r[1]) };
  }

  /**
   * Stops scraping a server: after its last write when `release` (rebalancing, leaving), the
   * lease then released for the next holder; at once when the lease is already another's.
   */
  async #giveUp(server: ServerWatch, release: boolean): Promise<void> {
    if (this.#moving.has(server) && !release) return;
    this.#moving.add(server);
    try {
      const held = this.#held.get(server);
      await this.#scheduler.release(server);
      if (release && held !== undefined) {
        await this.#sink.drainOne(server);
        try {
          await LEASE.run(this.#sink.scripts, [server.keys.lease], ['release', this.id, held.token, String(this.#options.leaseTtlMs)]);
        } catch (error) {
          this.#log.debug({ err: error, owner: server.owner, repo: server.repo }, 'replicas: could not release a lease; it expires');
        }
      }
      this.#held.delete(server);
      this.#metrics.held.set({ owner: server.owner, repo: server.repo }, 0);
      this.#sink.forget(server);
      server.reset();
      server.replica = null;
      this.#log.info({ owner: server.owner, repo: server.repo, released: release }, 'replicas: server given up');
    } finally {
      this.#moving.delete(server);
    }
  }

  /**
   * Where the holder of a server another replica scrapes answers for it; `null` when it is this
   * replica's (or nobody's: answer from here).
   */
  async holder(server: WatchedServer): Promise<Holder | null> {
    if (this.#held.has(server as ServerWatch) || server.replica === null || server.replica === this.id) return null;
    const info = parse((await this.#sink.hashField(REPLICA_KEYS.info, server.replica)) ?? '') as ReplicaInfo | null;
    return { id: server.replica, http: info?.http ?? null };
  }

  /**
   * What the holder wrote, for this replica's API, dashboard and metrics: its health and aborted
   * tasks, and the change-stream entries since the last look, told to the listeners as a change.
   */
  async #follow(server: ServerWatch): Promise<void> {
    const [lease, health, aborted] = await Promise.all([
      this.#sink.hashField(server.keys.lease, 'replica'),
      this.#sink.get(server.keys.health),
      this.#sink.get(server.keys.aborted),
    ]);
    server.replica = lease === null || lease === '' ? null : lease;
    const h = health === null ? null : (parse(health) as Health | null);
    const tasks = (aborted === null ? null : (parse(aborted) as AbortedTask[] | null)) ?? [];
    server.follow(h === null ? null : { health: h, aborted: tasks });
    if (h === null) return;
    this.#metrics.show(h, tasks.length);
    const seen = this.#followed.get(server);
    const read = await this.#sink.changesAfter(server, seen?.streamId ?? null);
    this.#followed.set(server, { streamId: read.id, health: h, aborted: tasks.length });
    // As a scrape here would have: told when nodes changed or the server's health did.
    const before = seen?.health;
    if (before === undefined || before === null) return;
    const significant =
      read.changes.length > 0 ||
      before.reachable !== h.reachable ||
      before.stale !== h.stale ||
      before.serverState !== h.serverState ||
      before.lastError?.message !== h.lastError?.message ||
      seen!.aborted !== tasks.length;
    if (!significant) return;
    const change: ServerChange = {
      owner: server.owner,
      repo: server.repo,
      time: h.lastSuccess ?? new Date().toISOString(),
      kind: read.changes.length > 0 ? ((read.changes.at(-1)!.kind as ServerChange['kind']) || 'incremental') : 'none',
      changes: read.changes.map((c) => c.change),
      health: h,
    };
    this.#scheduler.announce(change);
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
