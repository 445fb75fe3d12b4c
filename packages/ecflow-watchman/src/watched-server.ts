/**
 * One watched ecFlow server: its client (an incremental mirror kept by `syncLocal`), its health,
 * its aborted tasks and the cached Redis values. `scrape()` never throws: a failure becomes health.
 */
import fs from 'node:fs';
import { Client, type ClientOptions, TimeoutError, type StateChange, type SyncChange } from 'ecflow-ts';
import type { StatusRecord } from './status-records.js';
import { AbortedTracker } from './aborted.js';
import type { JobConfig } from './config.js';
import { formatDuration } from './duration.js';
import { initialHealth } from './health.js';
import { type ServerKeys, serverKeys } from './keys.js';
import { NodeDetails } from './node-details.js';
import { StatusTable } from './status-table.js';
import type { AbortedTask, Health, ServerChange, WatchedServer } from './view.js';

/** What one scrape did, for the scheduler's metrics, logs and listeners. */
export interface ScrapeOutcome {
  ok: boolean;
  durationMs: number;
  /** Set when `ok`. */
  sync?: SyncChange;
  /** Set when not `ok`. */
  error?: { kind: string; message: string };
  /** Set when the scrape changed the server's status or health. */
  change?: ServerChange;
  /** The reachable flag flipped. */
  flipped: boolean;
  /** The aborted list changed. */
  abortedChanged: boolean;
}

/** The error kind of the metrics and of `health.lastError`: the EcflowError code, else the error's name. */
export function errorKind(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    if (error instanceof Error) return error.name;
  }
  return 'Error';
}

export class ServerWatch implements WatchedServer {
  readonly job: JobConfig;
  readonly keys: ServerKeys;
  #table = new StatusTable();
  details = new NodeDetails(this.#table);
  #client: Client;
  #health: Health;
  #aborted = new AbortedTracker();
  /** When the last successful scrape began: the status value's `collected_time`; `null` before one. */
  #collected: Date | null = null;
  #fresh = false;
  /** The records another replica last wrote, when this one took the server over: its first scrape tells the changes since. */
  #previous: StatusRecord[] | null = null;
  /** While another replica holds the server: what it wrote to Redis (health, aborted list), and its id. */
  #remote: { health: Health; aborted: readonly AbortedTask[] } | null = null;
  /** The replica holding the server's lease (this one's id while it scrapes the server); `null` when none does. */
  replica: string | null = null;
  /** Consecutive failed scrapes. */
  failures = 0;
  /** At least one scrape finished (successfully or not). */
  attempted = false;
  /** Bytes received during the last scrape. */
  bytes = 0;

  constructor(job: JobConfig) {
    this.job = job;
    this.keys = serverKeys(job.owner, job.repo);
    this.#client = this.#newClient();
    this.#health = initialHealth(job.owner, job.repo, job.host, job.port);
  }

  get owner(): string {
    return this.job.owner;
  }
  get repo(): string {
    return this.job.repo;
  }
  get health(): Health {
    return this.#remote?.health ?? this.#health;
  }
  get client(): Client {
    return this.#client;
  }
  get aborted(): readonly AbortedTask[] {
    return this.#remote?.aborted ?? this.#aborted.list;
  }
  /** JSON of the aborted list, as written to Redis. */
  get abortedJson(): string {
    return this.#aborted.json;
  }
  /**
   * The Go tool's status value of the last successful scrape (UTF-8, as written to Redis: a
   * Buffer, so that a value of megabytes is not encoded again at each write); `null` before one.
   * Made at each read from the table (its chunks' JSON is kept, only the concatenation is new),
   * so that it lives as long as the write that reads it: a value kept from one scrape to the next
   * outlived two young-generation collections, and twenty servers' values of 230 kB each, moved
   * to the old generation, made V8 run a whole-heap collection every 20 seconds.
   */
  get statusValue(): Buffer | null {
    return this.#collected === null ? null : this.#table.value(this.#collected);
  }
  /** The status records of the mirror, kept sync by sync. */
  get table(): StatusTable {
    return this.#table;
  }
  /** The next scrape downloads the whole definition (the first one, or after a failure or a handle change). */
  get needsFullSync(): boolean {
    return this.#fresh || this.#client.getDefs() === null || this.#client.mirror.stale;
  }
  /** Takes the `since` times of an earlier run (the `aborted` key read back from Redis). */
  seedAborted(earlier: unknown): boolean {
    return this.#aborted.seed(earlier);
  }

  /** Takes the status records the previous holder wrote (the `status` key's), for the changes of the first scrape. */
  seedPrevious(records: StatusRecord[]): void {
    this.#previous = records;
  }

  /** Shows what the holder wrote to Redis, while this replica does not scrape the server. */
  follow(remote: { health: Health; aborted: readonly AbortedTask[] } | null): void {
    this.#remote = remote;
  }

  /**
   * Forgets the mirror and everything derived from it: another replica holds the server now, and
   * what this one knew is stale by the time it may hold it again.
   */
  reset(): void {
    const handle = this.#client.syncPoint.handle;
    if (handle !== 0) this.#client.chDrop(handle).catch(() => undefined);
    this.#client = this.#newClient();
    this.#health = initialHealth(this.job.owner, this.job.repo, this.job.host, this.job.port);
    this.#aborted = new AbortedTracker();
    this.#table = new StatusTable();
    this.details = new NodeDetails(this.#table);
    this.#collected = null;
    this.#fresh = false;
    this.#previous = null;
    this.failures = 0;
    this.attempted = false;
  }

  #newClient(): Client {
    const j = this.job;
    const options: ClientOptions = {
      host: j.host,
      port: j.port,
      // Only what the config says: ECF_* variables of the watchman's own environment (ECF_SSL,
      // ECF_CONNECT_TIMEOUT, ...) must not change how it talks to the servers it watches.
      // The job's token file, if any, is the one variable passed on (ECF_AUTHTOKENS, as for ecflow_client).
      env: { HOME: process.env.HOME, ...(j.tokensFile !== undefined ? { ECF_AUTHTOKENS: j.tokensFile } : {}) },
      connectTimeout: j.connectTimeoutMs,
      requestTimeout: j.scrapeTimeoutMs,
      // The scheduler retries (with backoff); the client's own 10 s retry would stall the scrape.
      connectionAttempts: 1,
      protocol: j.protocol,
    };
    const certificate = typeof j.ssl === 'object' ? fs.readFileSync(j.ssl.certificate) : undefined;
    // ecFlow's own TLS trusts the certificate whatever the host name, as ecflow_client does; a
    // reverse proxy's HTTPS certificate is checked as any web client checks one.
    if (j.protocol === 'ssl') options.ssl = certificate !== undefined ? { ca: certificate, checkServerIdentity: () => undefined } : true;
    if (j.protocol === 'https' && certificate !== undefined) options.https = { ca: certificate };
    if (j.user !== undefined) options.user = j.user;
    if (j.password !== undefined) options.password = j.password;
    const client = new Client(options);
    // The first write of the nodes hash reads every attribute of every node (a deferred read a
    // task cost more than reading them with the rest of the full sync).
    client.mirror.deferAttributes = false;
    return client;
  }

  /**
   * Brings the mirror up to date within the scrape timeout, which aborts the requests under way:
   * when a scrape ends nothing of it is left running. After a failure the next scrape uses a new
   * client, so a restarted server (whose change numbers and client handles start over) is read
   * whole rather than trusted to answer `news` for a mirror it never knew.
   */
  async scrape(): Promise<ScrapeOutcome> {
    const started = performance.now();
    const time = new Date();
    const previous = this.#client;
    const client = this.#fresh ? this.#newClient() : previous;
    const received = client.bytesReceived;
    const timeout = new TimeoutError(
      `scrape of ${this.owner}/${this.repo} (${this.job.host}:${this.job.port}) took longer than scrape_timeout ${formatDuration(this.job.scrapeTimeoutMs)}`,
    );
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(timeout), this.job.scrapeTimeoutMs);
    const { signal } = abort;
    try {
      if (this.job.suites !== null && client.syncPoint.handle === 0) await client.chRegister(false, this.job.suites, 0, { signal });
      const sync = await client.syncLocal({ signal });
      return this.#succeeded(client, previous, sync, time, performance.now() - started);
    } catch (error) {
      return this.#failed(error, time, performance.now() - started);
    } finally {
      clearTimeout(timer);
      this.bytes = client.bytesReceived - received;
      this.attempted = true;
    }
  }

  #succeeded(client: Client, previous: Client, sync: SyncChange, time: Date, durationMs: number): ScrapeOutcome {
    let stateChanges = sync.stateChanges;
    const first = this.#collected === null;
    const replaced = client !== previous;
    const defs = client.getDefs();
    let abortedChanged = false;
    if (replaced) {
      // A new client's first sync is a full one: compare with what the old mirror held.
      const old = this.#table.records();
      if (defs !== null) this.#table.rebuild(defs);
      if (old.length > 0) {
        stateChanges = diffRecords(old, this.#table.records());
        sync = { ...sync, reason: 'recovery', stateChanges };
      }
      this.#client = client;
      this.#fresh = false;
      const handle = previous.syncPoint.handle;
      // Best effort: the old handle is gone anyway if the server restarted.
      if (handle !== 0) previous.chDrop(handle).catch(() => undefined);
    } else if (defs !== null) this.#table.apply(defs, first ? { ...sync, kind: 'full' } : sync);
    if (first && this.#previous !== null) {
      // Taken over from another replica: the changes since what it last wrote, once each.
      stateChanges = diffRecords(this.#previous, this.#table.records());
      sync = { ...sync, reason: 'recovery', stateChanges };
      this.#previous = null;
    }
    const before = this.#health;
    this.details.touch(sync.kind === 'incremental' ? sync.changedPaths : sync.kind === 'full' ? null : [], sync.structuralPaths);
    if (defs !== null && (sync.kind !== 'none' || first)) {
      // What is under a node changed: its subtree, as much as everything (and rare).
      const whole = first || replaced || sync.kind === 'full' || sync.structuralPaths !== undefined;
      const table = this.#table;
      abortedChanged = whole ? this.#aborted.update(defs, time) : this.#aborted.updatePaths(defs, sync.changedPaths, time, (p) => table.indexOf(p));
    }
    this.#collected = time;
    this.failures = 0;
    this.#health = {
      ...before,
      reachable: true,
      stale: false,
      serverState: defs?.serverState ?? null,
      lastSuccess: time.toISOString(),
      scrapeDurationMs: round(durationMs),
      counts: this.#table.counts,
      taskCounts: this.#table.taskCounts,
      nodes: this.#table.nodes,
      lastSync: sync.kind,
    };
    const flipped = !before.reachable;
    const significant =
      stateChanges.length > 0 || sync.kind === 'full' || flipped || before.stale || before.serverState !== this.#health.serverState || abortedChanged;
    const outcome: ScrapeOutcome = { ok: true, durationMs, sync, flipped: flipped && before.lastError !== null, abortedChanged };
    if (significant) outcome.change = { owner: this.owner, repo: this.repo, time: time.toISOString(), kind: sync.kind, changes: stateChanges, health: this.#health };
    return outcome;
  }

  #failed(error: unknown, time: Date, durationMs: number): ScrapeOutcome {
    this.#fresh = true;
    this.failures++;
    const before = this.#health;
    const lastError = { time: time.toISOString(), kind: errorKind(error), message: error instanceof Error ? error.message : String(error) };
    this.#health = { ...before, reachable: false, stale: before.lastSuccess !== null, lastError, scrapeDurationMs: round(durationMs) };
    const flipped = before.reachable || !this.attempted;
    const outcome: ScrapeOutcome = { ok: false, durationMs, error: { kind: lastError.kind, message: lastError.message }, flipped, abortedChanged: false };
    if (flipped || before.lastError?.kind !== lastError.kind || before.lastError.message !== lastError.message) {
      outcome.change = { owner: this.owner, repo: this.repo, time: lastError.time, kind: 'none', changes: [], health: this.#health };
    }
    return outcome;
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Status changes between two record lists (`/` included), in the order of the new list. */
export function diffRecords(before: readonly StatusRecord[], after: readonly StatusRecord[]): StateChange[] {
  const old = new Map(before.map((r) => [r.path, r.status]));
  const out: StateChange[] = [];
  const seen = new Set<string>();
  for (const r of after) {
    seen.add(r.path);
    const was = old.get(r.path);
    if (was !== r.status) out.push({ path: r.path, old: was ?? null, new: r.status });
  }
  for (const r of before) if (!seen.has(r.path)) out.push({ path: r.path, old: r.status, new: null });
  return out;
}
