/**
 * Scrapes every watched server on its own loop: the first scrape at once, then every interval
 * with jitter, backing off while a server fails, never two scrapes of one server at once. After
 * each scrape it updates the metrics, hands the server to the sink and tells the listeners.
 */
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { JobConfig } from './config.js';
import { formatDuration } from './duration.js';
import type { WatchmanMetrics } from './metrics.js';
import type { RedisSink } from './sinks/redis.js';
import { nextDelay } from './timing.js';
import { type ScrapeOutcome, ServerWatch } from './watched-server.js';
import type { ServerChange, WatchedServer, WatchmanView } from './view.js';

/**
 * Scrapes that download a whole definition at once: parsing one takes the main thread anyway, and
 * twenty servers read at once at start-up (or when a shared cause made them all fail) held twenty
 * definitions' texts and garbage at once, a peak of memory the process then keeps.
 */
const FULL_SYNCS_AT_ONCE = 2;

export interface SchedulerOptions {
  metrics: WatchmanMetrics;
  logger: Logger;
  sink?: RedisSink;
  /** Longest wait between scrapes of a failing server. */
  maxBackoffMs: number;
  /** Called after every scrape, changed or not (the alert engine evaluates then); must not block. */
  afterScrape?: (server: WatchedServer) => void;
  /**
   * The servers are shared with other replicas (replicas/duty.ts): `start()` scrapes none, each is
   * scraped from {@link Scheduler.hold} to {@link Scheduler.release}, and only while `mayScrape` says so.
   */
  leased?: { mayScrape: (server: ServerWatch) => boolean };
}

export class Scheduler implements WatchmanView {
  readonly #servers: ServerWatch[];
  readonly #byKey = new Map<string, ServerWatch>();
  readonly #listeners = new Set<(change: ServerChange) => void>();
  readonly #options: SchedulerOptions;
  readonly #stop = new AbortController();
  /** The servers scraped now, each with its loop and what stops that loop alone. */
  readonly #loops = new Map<ServerWatch, { stop: AbortController; done: Promise<void> }>();
  /** Full syncs under way, and the loops waiting for one of {@link FULL_SYNCS_AT_ONCE}. */
  #fullSyncs = 0;
  readonly #waiting: ((granted: boolean) => void)[] = [];

  constructor(jobs: readonly JobConfig[], options: SchedulerOptions) {
    this.#options = options;
    this.#servers = jobs.map((j) => new ServerWatch(j));
    for (const s of this.#servers) this.#byKey.set(`${s.owner}/${s.repo}`, s);
    options.sink?.register(this.#servers);
  }

  servers(): readonly WatchedServer[] {
    return this.#servers;
  }
  /** The servers as the scheduler keeps them. */
  watches(): readonly ServerWatch[] {
    return this.#servers;
  }
  server(owner: string, repo: string): WatchedServer | undefined {
    return this.#byKey.get(`${owner}/${repo}`);
  }
  subscribe(listener: (change: ServerChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The servers this process scrapes whose first scrape has not finished yet. */
  notScraped(): WatchedServer[] {
    return this.#servers.filter((s) => this.#loops.has(s) && !s.attempted);
  }

  /** The servers this process scrapes now. */
  held(): ServerWatch[] {
    return [...this.#loops.keys()];
  }

  /** Starts scraping a server, the first time after `delayMs`. */
  hold(server: ServerWatch, delayMs = 0): void {
    if (this.#loops.has(server) || this.#stop.signal.aborted) return;
    const stop = new AbortController();
    const signal = AbortSignal.any([this.#stop.signal, stop.signal]);
    this.#loops.set(server, { stop, done: this.#loop(server, signal, delayMs) });
  }

  /** Stops scraping a server; resolves once its scrape under way (and what it hands the sink) is done. */
  async release(server: ServerWatch): Promise<void> {
    const loop = this.#loops.get(server);
    if (loop === undefined) return;
    loop.stop.abort();
    await loop.done;
    this.#loops.delete(server);
  }

  /** The servers another replica scrapes (none without replicas). */
  followed(): WatchedServer[] {
    return this.#options.leased ? this.#servers.filter((s) => !this.#loops.has(s)) : [];
  }

  /** The servers this process owns: every one, or with replicas those it holds. */
  owned(): WatchedServer[] {
    return this.#options.leased ? this.held() : [...this.#servers];
  }

  start(): void {
    // Every server's loop waits on the one stop signal.
    setMaxListeners(0, this.#stop.signal);
    for (const s of this.#servers) {
      const { owner, repo } = s;
      const m = this.#options.metrics;
      m.up.set({ owner, repo }, 0);
      m.setCounts(owner, repo, {});
      m.aborted.set({ owner, repo }, 0);
      if (!this.#options.leased) this.hold(s);
    }
  }

  /** Stops scheduling and waits for the scrapes under way. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await Promise.all([...this.#loops.values()].map((l) => l.done));
    // Drop the client handles of suite-filtered jobs, so the servers do not keep them (best effort, briefly).
    const held = this.#servers.filter((s) => s.client.syncPoint.handle !== 0);
    if (held.length > 0) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), 2000);
      await Promise.all(held.map((s) => s.client.chDrop(s.client.syncPoint.handle, { signal: abort.signal }).catch(() => undefined)));
      clearTimeout(timer);
    }
  }

  async #loop(server: ServerWatch, signal: AbortSignal, delayMs: number): Promise<void> {
    if (delayMs > 0) {
      try {
        await sleep(delayMs, undefined, { signal });
      } catch {
        return;
      }
    }
    const leased = this.#options.leased;
    while (!signal.aborted) {
      if (leased !== undefined && !leased.mayScrape(server)) {
        // The lease may have run out (this process was frozen, or Redis is slow): not a scrape
        // until the duty has renewed it or given the server up.
        try {
          await sleep(Math.min(1000, server.job.scrapeIntervalMs), undefined, { signal });
        } catch {
          return;
        }
        continue;
      }
      const full = server.needsFullSync;
      if (full && !(await this.#fullSyncSlot(signal))) return;
      const started = performance.now();
      let outcome: ScrapeOutcome;
      try {
        outcome = await server.scrape();
      } finally {
        if (full) this.#releaseFullSync();
      }
      this.#record(server, outcome);
      const delay = nextDelay(server.job.scrapeIntervalMs, server.failures, this.#options.maxBackoffMs) - (performance.now() - started);
      try {
        await sleep(Math.max(0, delay), undefined, { signal });
      } catch {
        return;
      }
    }
  }

  /** Waits for a full-sync slot; false when stopped first. */
  async #fullSyncSlot(signal: AbortSignal): Promise<boolean> {
    if (this.#fullSyncs < FULL_SYNCS_AT_ONCE) {
      this.#fullSyncs++;
      return true;
    }
    // A released slot passes straight to the next waiter (the count stays).
    const granted = await new Promise<boolean>((resolve) => {
      this.#waiting.push(resolve);
      signal.addEventListener(
        'abort',
        () => {
          const i = this.#waiting.indexOf(resolve);
          if (i >= 0) this.#waiting.splice(i, 1);
          resolve(false);
        },
        { once: true },
      );
    });
    if (granted && signal.aborted) this.#releaseFullSync();
    return granted && !signal.aborted;
  }

  #releaseFullSync(): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next(true);
    else this.#fullSyncs--;
  }

  #record(server: ServerWatch, outcome: ScrapeOutcome): void {
    const { owner, repo } = server;
    const m = this.#options.metrics;
    const log = this.#options.logger;
    const labels = { owner, repo };
    m.scrapeDuration.observe(labels, outcome.durationMs / 1000);
    if (server.bytes > 0) m.bytesReceived.inc(labels, server.bytes);
    const health = server.health;
    if (outcome.ok) {
      const sync = outcome.sync!;
      m.syncs.inc({ ...labels, kind: sync.kind });
      m.show(health, server.aborted.length, sync.kind !== 'none');
      if (sync.stateChanges.length > 0) m.stateChanges.inc(labels, sync.stateChanges.length);
      if (outcome.flipped) log.info({ owner, repo }, 'server reachable again');
      if (sync.kind === 'full') {
        log.info({ owner, repo, reason: sync.reason, nodes: health.nodes, bytes: server.bytes, ms: health.scrapeDurationMs, ...(sync.error ? { err: sync.error } : {}) }, 'full sync');
      } else {
        log.debug({ owner, repo, kind: sync.kind, changes: sync.stateChanges.length, bytes: server.bytes, ms: health.scrapeDurationMs }, 'scrape');
      }
      this.#options.sink?.update(server, {
        changes: sync.stateChanges,
        kind: sync.kind,
        time: health.lastSuccess!,
        nodes: sync.kind !== 'none',
        aborted: outcome.abortedChanged || sync.kind === 'full',
        publish: true,
      });
    } else {
      const error = outcome.error!;
      m.up.set(labels, 0);
      m.scrapeErrors.inc({ ...labels, kind: error.kind });
      const next = formatDuration(nextDelay(server.job.scrapeIntervalMs, server.failures, this.#options.maxBackoffMs, () => 0.5));
      // Say it when it starts and when the error changes, not at every retry.
      if (outcome.change !== undefined) log.warn({ owner, repo, kind: error.kind, err: error.message, failures: server.failures, retryIn: next }, 'scrape failed');
      else log.debug({ owner, repo, kind: error.kind, failures: server.failures }, 'scrape failed again');
      this.#options.sink?.update(server, {});
    }
    this.#options.afterScrape?.(server);
    if (outcome.change !== undefined) this.announce(outcome.change);
  }

  /** Tells the listeners of a change: a scrape's, or one another replica wrote (replicas/duty.ts). */
  announce(change: ServerChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        this.#options.logger.error({ err: error, owner: change.owner, repo: change.repo }, 'a change listener threw');
      }
    }
  }
}
