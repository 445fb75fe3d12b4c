/**
 * The Go ecflow-watchman's status records: the list its `{owner}/{repo}/status` value holds, one
 * `{ path, status }` per node of a mirrored definition.
 */
import { type Defs, forEachNode, type NodeStatus, statusOf } from 'ecflow-ts';

/** One entry of the Go ecflow-watchman's `status_records`. */
export interface StatusRecord {
  /** The node's absolute path, `/` for the definition. */
  path: string;
  /** Its display state. */
  status: NodeStatus;
}

/**
 * `/` with the definition's aggregate state, then every node in `Defs::get_all_nodes` order
 * (depth first, a task followed by its aliases); none before the first sync (`defs` null).
 */
export function statusRecords(defs: Defs | null): StatusRecord[] {
  if (defs === null) return [];
  const out: StatusRecord[] = [{ path: '/', status: defs.state }];
  forEachNode(defs, (node, path) => {
    out.push({ path, status: statusOf(node) });
  });
  return out;
}
