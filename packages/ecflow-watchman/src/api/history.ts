/**
 * `GET …/nodes/{path}/history`: a node's recent state changes as the watchman saw them (scrape
 * times), from the change sets every scrape publishes to the view's listeners.
 *
 * Kept in memory, per server and per path, rather than read back from the Redis change stream: a
 * stream holds the changes of every node in time order, so one node's history would be a scan of
 * the whole stream (trimmed at stream_max_len, which on a 100,000-task server may cover minutes),
 * and the API must work without Redis. Here a lookup is one map read; each path keeps its last
 * {@link HISTORY_PER_NODE} changes and a server at most {@link HISTORY_PATHS} paths, those changed
 * least recently dropped first, so memory stays bounded whatever the server does. A watchman
 * restart starts the history over.
 */
import type { NodeStatus } from 'ecflow-ts';
import type { ServerChange, WatchmanView } from '../view.js';

/** Changes kept per node. @default 20 */
export const HISTORY_PER_NODE = 20;
/** Nodes with a history kept per server. @default 50000 */
export const HISTORY_PATHS = 50_000;

/** One state change: the node was `status` from `time` on. */
export interface HistoryEntry {
  /** ISO 8601: the scrape that saw it. */
  time: string;
  /** The state before, `null` when the node was new. */
  from: NodeStatus | null;
  status: NodeStatus;
  /** Milliseconds it stayed in `status`, until the next entry; absent for the current state. */
  durationMs?: number;
}

export interface NodeHistory {
  path: string;
  /** ISO 8601: since when the watchman has been recording this server's changes. */
  since: string;
  /** Oldest first. */
  entries: HistoryEntry[];
  /** Older changes were dropped ({@link HISTORY_PER_NODE}). */
  truncated: boolean;
}

interface Stored {
  time: number;
  from: NodeStatus | null;
  status: NodeStatus;
}

class ServerHistory {
  readonly since = new Date().toISOString();
  readonly #paths = new Map<string, { list: Stored[]; dropped: boolean }>();

  add(change: ServerChange): void {
    const time = Date.parse(change.time);
    for (const c of change.changes) {
      if (c.new === null) {
        this.#paths.delete(c.path);
        continue;
      }
      // A node the mirror has just learnt of (a first sync, a node added) changed nothing yet.
      if (c.old === null) continue;
      let h = this.#paths.get(c.path);
      if (h === undefined) h = { list: [], dropped: false };
      else this.#paths.delete(c.path); // re-inserted below: the map's order is least recently changed first
      this.#paths.set(c.path, h);
      h.list.push({ time, from: c.old, status: c.new });
      if (h.list.length > HISTORY_PER_NODE) {
        h.list.shift();
        h.dropped = true;
      }
    }
    for (const path of this.#paths.keys()) {
      if (this.#paths.size <= HISTORY_PATHS) break;
      this.#paths.delete(path);
    }
  }

  of(path: string): NodeHistory {
    const h = this.#paths.get(path);
    const list = h?.list ?? [];
    const entries = list.map((e, i): HistoryEntry => {
      const out: HistoryEntry = { time: new Date(e.time).toISOString(), from: e.from, status: e.status };
      const next = list[i + 1];
      if (next !== undefined) out.durationMs = next.time - e.time;
      return out;
    });
    return { path, since: this.since, entries, truncated: h?.dropped ?? false };
  }
}

/** Every server's history, fed by the view's change sets from now on. */
export class HistoryRecorder {
  readonly #servers = new Map<string, ServerHistory>();
  readonly #unsubscribe: () => void;

  constructor(view: WatchmanView) {
    for (const s of view.servers()) this.#servers.set(`${s.owner}/${s.repo}`, new ServerHistory());
    this.#unsubscribe = view.subscribe((change) => this.#servers.get(`${change.owner}/${change.repo}`)?.add(change));
  }

  of(owner: string, repo: string, path: string): NodeHistory | undefined {
    return this.#servers.get(`${owner}/${repo}`)?.of(path);
  }

  close(): void {
    this.#unsubscribe();
  }
}
