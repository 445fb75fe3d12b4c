/**
 * The parts of a server's {@link Health} computed from its mirror: node counts by status (kept
 * sync by sync in status-table.ts; `countStatuses` is the from-scratch count).
 */
import { DSTATE_NAMES, type NodeStatus } from 'ecflow-ts';
import type { StatusRecord } from './status-records.js';
import type { Health } from './view.js';

/** Every status a node can show (`DState` names): the node states plus `suspended`. */
export const NODE_STATUSES: readonly NodeStatus[] = DSTATE_NAMES;

/** Counts by status of the records after `/` (all of them, or those `tasks` says are tasks or aliases). */
export function countStatuses(records: readonly StatusRecord[], tasks?: (path: string) => boolean): Health['counts'] {
  const counts: Health['counts'] = {};
  for (let i = 1; i < records.length; i++) {
    if (tasks !== undefined && !tasks(records[i]!.path)) continue;
    const s = records[i]!.status;
    counts[s] = (counts[s] ?? 0) + 1;
  }
  return counts;
}

/** Health before the first scrape. */
export function initialHealth(owner: string, repo: string, host: string, port: number): Health {
  return { owner, repo, host, port, reachable: false, stale: false, serverState: null, lastSuccess: null, lastError: null, scrapeDurationMs: 0, counts: {}, taskCounts: {}, nodes: 0, lastSync: null };
}
