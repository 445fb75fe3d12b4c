/**
 * What the watchman knows about each watched server, as the HTTP API, the dashboard and the
 * terminal view read it. The scheduler (one per process) implements it; readers never talk to
 * ecFlow servers themselves.
 */
import type { Client, SStateName, StateChange, SyncChange, NodeStatus } from 'ecflow-ts';
import type { Occurrence } from './alerts/occurrence.js';

/** Health of one watched server (also the JSON of the Redis key `{owner}/{repo}/health`). */
export interface Health {
  owner: string;
  repo: string;
  host: string;
  port: number;
  /** The last scrape reached the server. */
  reachable: boolean;
  /** The status held is older than the last failed scrape (the server is unreachable). */
  stale: boolean;
  /** RUNNING, HALTED or SHUTDOWN; `null` before the first successful scrape. */
  serverState: SStateName | null;
  /** ISO 8601 time of the last successful scrape, or `null`. */
  lastSuccess: string | null;
  /** ISO 8601 time and message of the last failed scrape, or `null`. */
  lastError: { time: string; kind: string; message: string } | null;
  /** Duration of the last scrape in milliseconds. */
  scrapeDurationMs: number;
  /** Node counts by status (`/` not counted): suites, families, tasks and aliases. */
  counts: Partial<Record<NodeStatus, number>>;
  /**
   * Task counts by status: tasks and aliases only, the nodes that run jobs (and what the aborted
   * list holds), where {@link counts} also counts the suites and families above them.
   */
  taskCounts: Partial<Record<NodeStatus, number>>;
  /** Number of nodes in the mirror. */
  nodes: number;
  /** What the last successful scrape did: `none`, `incremental` or `full`. */
  lastSync: SyncChange['kind'] | null;
}

/** A task that is aborted now, with when the watchman first saw it aborted. */
export interface AbortedTask {
  path: string;
  /** ISO 8601. */
  since: string;
  reason: string;
  tryNo: number;
}

/** One watched server. */
export interface WatchedServer {
  readonly owner: string;
  readonly repo: string;
  readonly health: Health;
  /** The client whose mirror (`getDefs()`, `nodeViews()`; `statusRecords(client.getDefs())`) holds the server's definition. */
  readonly client: Client;
  readonly aborted: readonly AbortedTask[];
  /** The id of the replica that scrapes the server (this one's while it does), `null` while none does. */
  readonly replica: string | null;
}

/** A change set published after a scrape that changed something. */
export interface ServerChange {
  owner: string;
  repo: string;
  /** ISO 8601. */
  time: string;
  kind: SyncChange['kind'];
  changes: StateChange[];
  health: Health;
}

/** The alerts firing now, oldest first (the alert engine's; alerts/engine.ts). */
export interface AlertsView {
  /** Of one server, or of every server. */
  firing(owner?: string, repo?: string): Occurrence[];
}

/** The watchman as its readers see it. */
export interface WatchmanView {
  servers(): readonly WatchedServer[];
  server(owner: string, repo: string): WatchedServer | undefined;
  /** Calls `listener` after every scrape that changed a server's status or health; returns the unsubscribe function. */
  subscribe(listener: (change: ServerChange) => void): () => void;
  /** The alerts firing now; absent when the config has no `alerts` section. */
  readonly alerts?: AlertsView;
  /**
   * Where another replica that scrapes the server answers for it (its id and `host:port`), or
   * `null` when this process answers (it scrapes the server, or nobody does); absent without replicas.
   */
  holder?(server: WatchedServer): Promise<{ id: string; http: string | null } | null>;
}
