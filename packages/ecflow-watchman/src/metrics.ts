/**
 * The watchman's Prometheus metrics, in a registry of their own (so an embedding process keeps
 * its default registry). Per server, labelled `owner` and `repo`.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { NODE_STATUSES } from './health.js';
import type { Health } from './view.js';

export class WatchmanMetrics {
  readonly registry = new Registry();
  readonly up: Gauge<'owner' | 'repo'>;
  readonly nodes: Gauge<'owner' | 'repo' | 'status'>;
  readonly serverState: Gauge<'owner' | 'repo' | 'state'>;
  readonly scrapeDuration: Histogram<'owner' | 'repo'>;
  readonly scrapeErrors: Counter<'owner' | 'repo' | 'kind'>;
  readonly lastSuccess: Gauge<'owner' | 'repo'>;
  readonly bytesReceived: Counter<'owner' | 'repo'>;
  readonly syncs: Counter<'owner' | 'repo' | 'kind'>;
  readonly stateChanges: Counter<'owner' | 'repo'>;
  readonly aborted: Gauge<'owner' | 'repo'>;
  readonly redisUp: Gauge;
  readonly redisWrites: Counter<'result'>;
  readonly redisChangesDropped: Counter<'owner' | 'repo'>;
  readonly held: Gauge<'owner' | 'repo'>;
  readonly replicas: Gauge;

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    const labels = ['owner', 'repo'] as const;
    this.up = new Gauge({ name: 'ecflow_watchman_up', help: '1 when the last scrape of the server succeeded', labelNames: labels, registers });
    this.nodes = new Gauge({ name: 'ecflow_watchman_nodes', help: 'Nodes of the server by status (suspended counted apart)', labelNames: [...labels, 'status'], registers });
    this.serverState = new Gauge({ name: 'ecflow_watchman_server_state', help: '1 for the server state (RUNNING, HALTED, SHUTDOWN) of the last successful scrape', labelNames: [...labels, 'state'], registers });
    this.scrapeDuration = new Histogram({
      name: 'ecflow_watchman_scrape_duration_seconds',
      help: 'Duration of scrapes (news, and sync when there is news), failed ones included',
      labelNames: labels,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.scrapeErrors = new Counter({ name: 'ecflow_watchman_scrape_errors_total', help: 'Failed scrapes by error kind (ECFLOW_CONNECT, ECFLOW_TIMEOUT, ECFLOW_PROTOCOL, ...)', labelNames: [...labels, 'kind'], registers });
    this.lastSuccess = new Gauge({ name: 'ecflow_watchman_last_success_timestamp_seconds', help: 'Unix time of the last successful scrape', labelNames: labels, registers });
    this.bytesReceived = new Counter({ name: 'ecflow_watchman_received_bytes_total', help: 'Bytes received from the server', labelNames: labels, registers });
    this.syncs = new Counter({ name: 'ecflow_watchman_syncs_total', help: 'Successful scrapes by what they did: none (no news), incremental, full', labelNames: [...labels, 'kind'], registers });
    this.stateChanges = new Counter({ name: 'ecflow_watchman_state_changes_total', help: 'Node status changes seen', labelNames: labels, registers });
    this.aborted = new Gauge({ name: 'ecflow_watchman_aborted_tasks', help: 'Tasks aborted now', labelNames: labels, registers });
    this.redisUp = new Gauge({ name: 'ecflow_watchman_redis_up', help: '1 while the Redis connection is ready', registers });
    this.redisWrites = new Counter({ name: 'ecflow_watchman_redis_writes_total', help: 'Redis write transactions by result', labelNames: ['result'], registers });
    this.redisChangesDropped = new Counter({ name: 'ecflow_watchman_redis_changes_dropped_total', help: 'Change-stream entries dropped while Redis was unavailable', labelNames: labels, registers });
    this.held = new Gauge({ name: 'ecflow_watchman_held', help: '1 while this replica holds the server\'s lease and scrapes it; the per-server gauges of the others show what their holder wrote', labelNames: labels, registers });
    this.replicas = new Gauge({ name: 'ecflow_watchman_replicas', help: 'Live replicas sharing the servers, as this one last saw them in Redis', registers });
    // The event-loop lag sampled every 100 ms, not prom-client's 10: a timer firing 100 times a
    // second cost an idle watchman ~6 ms of CPU a second, as much as scraping 20 servers.
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'ecflow_watchman_', eventLoopMonitoringPrecision: 100 });
  }

  /**
   * Sets a server's gauges from its health after a successful scrape (this replica's, or the one
   * its holder wrote); the node counts and aborted tasks only when `counts` (they changed).
   */
  show(health: Health, aborted: number, counts = true): void {
    const { owner, repo } = health;
    this.up.set({ owner, repo }, health.reachable ? 1 : 0);
    if (health.lastSuccess !== null) this.lastSuccess.set({ owner, repo }, Date.parse(health.lastSuccess) / 1000);
    this.setServerState(owner, repo, health.serverState);
    if (counts) {
      this.setCounts(owner, repo, health.counts);
      this.aborted.set({ owner, repo }, aborted);
    }
  }

  /** Sets the node-count gauges of a server, zeroing statuses that no longer occur. */
  setCounts(owner: string, repo: string, counts: Partial<Record<string, number>>): void {
    for (const status of NODE_STATUSES) this.nodes.set({ owner, repo, status }, counts[status] ?? 0);
  }

  setServerState(owner: string, repo: string, state: string | null): void {
    for (const s of ['RUNNING', 'HALTED', 'SHUTDOWN']) this.serverState.set({ owner, repo, state: s }, s === state ? 1 : 0);
  }
}
