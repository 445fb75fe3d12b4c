/**
 * `GET …/search?q=`: nodes of the whole mirrored definition (not only what a page has expanded)
 * whose name, or with a `/` in the query whose path, contains the query, case-insensitively; a
 * flat list in definition order, exact name matches first, at most `limit`.
 */
import { type Defs, type Node, NodeContainer, type NodeStatus, Task, statusOf } from 'ecflow-ts';

export interface SearchHit {
  path: string;
  name: string;
  type: 'suite' | 'family' | 'task' | 'alias';
  status: NodeStatus;
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  /** More nodes matched than `limit`. */
  truncated: boolean;
}

/** Hits returned unless `limit` says otherwise. @default 200 */
export const SEARCH_LIMIT = 200;

export function searchNodes(defs: Defs, query: string, limit = SEARCH_LIMIT): SearchResult {
  const q = query.trim().toLowerCase();
  const byPath = q.includes('/');
  const exact: SearchHit[] = [];
  const partial: SearchHit[] = [];
  let found = 0;
  // Every node is looked at (a 100,000-task definition in tens of milliseconds); only hits are built.
  const walk = (n: Node, path: string): void => {
    const name = n.name.toLowerCase();
    const hay = byPath ? path.toLowerCase() : name;
    if (q !== '' && hay.includes(q)) {
      found++;
      if (name === q || (byPath && path.toLowerCase() === q)) exact.push(hit(n, path));
      else if (partial.length < limit) partial.push(hit(n, path));
    }
    const kids = n instanceof NodeContainer ? n.children : n instanceof Task ? n.aliases : null;
    if (kids !== null) for (const k of kids) walk(k, path + '/' + k.name);
  };
  for (const s of defs.suites) walk(s, '/' + s.name);
  const hits = exact.concat(partial).slice(0, limit);
  return { query, hits, truncated: found > hits.length };
}

function hit(n: Node, path: string): SearchHit {
  return { path, name: n.name, type: n.kind, status: statusOf(n) };
}
