/**
 * The node tree of a mirrored definition as the API serves it, as JSON text: a subtree to a depth
 * (so a page fetches children as they are expanded), or the nodes matching a filter with their
 * ancestors. Empty attribute lists are left out: a 100,000-task tree is mostly tasks with none.
 *
 * Each node's own JSON (its entry without `nodes`) is kept between requests while the mirror
 * leaves the node unchanged (Mirror.changedAt), so a whole 100,000-node tree is mostly joined,
 * not rebuilt: after a scrape, only the nodes the server sent changes for are serialised again.
 */
import { type Defs, type Node, NodeContainer, Submittable, Task, type Mirror, type SStateName, findNode, eventView, flagNames, labelView, limitView, type NodeStatus, type RepeatView, repeatView, statusOf } from 'ecflow-ts';
import { abortReasonText } from '../abort-reason.js';
import { served } from './secrets.js';

/** One node of the tree; `nodes` is present when its children are included (depth and filter allowing). */
export interface TreeNode {
  name: string;
  path: string;
  type: 'defs' | 'suite' | 'family' | 'task' | 'alias';
  status: NodeStatus;
  defStatus?: NodeStatus;
  flags?: string[];
  tryNo?: number;
  /** Why the task aborted, its lines separated by newlines; only while it is aborted. */
  abortedReason?: string;
  meters?: { name: string; min: number; max: number; value: number }[];
  events?: { name: string; number?: number; value: boolean }[];
  labels?: { name: string; value: string; default: string }[];
  repeat?: RepeatView;
  limits?: { name: string; limit: number; value: number; paths: string[] }[];
  late?: boolean;
  variables?: { name: string; value: string }[];
  /** Number of children (families, tasks, aliases), included or not. */
  children: number;
  nodes?: TreeNode[];
  /** Filtered trees: whether this node matched (else it is an ancestor of one that did). */
  match?: boolean;
}

export interface TreeOptions {
  /** Levels of children below `path` to include; `0` is the node alone. @default Infinity */
  depth?: number;
  /** Include each node's own variables. @default false */
  variables?: boolean;
}

export interface TreeFilter {
  /** Statuses to keep (a node's display status); empty keeps every status. */
  statuses: ReadonlySet<string>;
  /** Case-insensitive part of the node's name; empty matches every name. */
  name: string;
  /** Stop after this many matches. @default 2000 */
  limit?: number;
}

/** The response body, as JSON text: `serverState`, `root` (a TreeNode) and, for filtered trees, `matches` and `truncated`. */
export interface TreeResult {
  serverState: SStateName;
  root: TreeNode;
  /** Filtered trees: number of matching nodes included. */
  matches?: number;
  /** Filtered trees: more nodes matched than `limit`. */
  truncated?: boolean;
}

/** The mirror the definition belongs to: what lets node entries be reused. */
export type Revisions = Pick<Mirror, 'revision' | 'changedAt'>;

function childrenOf(n: Node): readonly Node[] {
  if (n instanceof NodeContainer) return n.children;
  if (n instanceof Task) return n.aliases;
  return [];
}

/** A node's entry without `nodes` and `match`. */
function treeNode(n: Node, path: string, variables: boolean): TreeNode {
  const t: TreeNode = { name: n.name, path, type: n.kind, status: statusOf(n), children: childrenOf(n).length };
  if (n.defStatus !== 'queued') t.defStatus = n.defStatus;
  if (n.flags !== 0) t.flags = flagNames(n.flags);
  if (n instanceof Submittable) {
    if (n.tryNo !== 0) t.tryNo = n.tryNo;
    // ecFlow keeps the reason after the task is forced complete or rerun: shown only while aborted
    if (n.state === 'aborted' && n.abortedReason !== '') t.abortedReason = abortReasonText(n.abortedReason);
  }
  if (n.meters.length > 0) t.meters = n.meters.map((m) => ({ name: m.name, min: m.min, max: m.max, value: m.value }));
  if (n.events.length > 0) t.events = n.events.map(eventView);
  if (n.labels.length > 0) t.labels = n.labels.map(labelView);
  if (n.repeat !== null) t.repeat = repeatView(n.repeat);
  if (n.limits.length > 0) t.limits = n.limits.map(limitView);
  if (n.late !== null) t.late = n.late.isLate;
  if (variables) t.variables = n.variables.map((x) => served(x.name, x.value));
  return t;
}

/** Node entries without their closing brace, with the mirror revision they were made at. */
const entries = new WeakMap<Node, { json: string; revision: number }>();

/** Writes a node's entry, open (without its closing brace) so `nodes` or `match` can follow. */
class TreeWriter {
  readonly out: string[] = [];
  readonly revisions: Revisions;
  readonly variables: boolean;
  constructor(revisions: Revisions, variables: boolean) {
    this.revisions = revisions;
    this.variables = variables;
  }

  open(n: Node, path: string): void {
    if (this.variables) {
      this.out.push(JSON.stringify(treeNode(n, path, true)).slice(0, -1));
      return;
    }
    const revision = this.revisions.revision;
    let entry = entries.get(n);
    if (entry === undefined || this.revisions.changedAt(n) > entry.revision) {
      entry = { json: JSON.stringify(treeNode(n, path, false)).slice(0, -1), revision };
      entries.set(n, entry);
    }
    this.out.push(entry.json);
  }

  root(defs: Defs): void {
    const t: TreeNode = { name: '/', path: '/', type: 'defs', status: defs.state, children: defs.suites.length };
    if (this.variables) t.variables = defs.userVariables.map((x) => served(x.name, x.value));
    this.out.push(JSON.stringify(t).slice(0, -1));
  }

  /**
   * Writes `,"nodes":[…]`: the entries of `kids` that `write` keeps (it returns false for a node it
   * wrote nothing for). Returns whether it kept any.
   */
  nodes(kids: readonly Node[], parentPath: string, write: (n: Node, path: string) => boolean): boolean {
    const out = this.out;
    out.push(',"nodes":[');
    const empty = out.length;
    for (const k of kids) {
      const comma = out.length > empty;
      if (comma) out.push(',');
      if (!write(k, parentPath + '/' + k.name) && comma) out.pop();
    }
    const kept = out.length > empty;
    out.push(']');
    return kept;
  }

  /** The response body around the written root entry. */
  body(defs: Defs, extra = ''): string {
    return `{"serverState":${JSON.stringify(defs.serverState)},"root":${this.out.join('')}${extra}}`;
  }
}

/** The subtree at `path` (`/` for the whole definition) as a TreeResult's JSON, or `undefined` when no node has that path. */
export function subtree(defs: Defs, revisions: Revisions, path: string, options: TreeOptions = {}): string | undefined {
  const depth = options.depth ?? Number.POSITIVE_INFINITY;
  const w = new TreeWriter(revisions, options.variables ?? false);
  const walk = (n: Node, p: string, left: number): boolean => {
    w.open(n, p);
    if (left > 0) w.nodes(childrenOf(n), p, (k, kp) => walk(k, kp, left - 1));
    w.out.push('}');
    return true;
  };
  if (path === '/' || path === '') {
    w.root(defs);
    if (depth > 0) w.nodes(defs.suites, '', (k, kp) => walk(k, kp, depth - 1));
    w.out.push('}');
    return w.body(defs);
  }
  const node = findNode(defs, path);
  if (node === undefined) return undefined;
  walk(node, normalise(path), depth);
  return w.body(defs);
}

function normalise(path: string): string {
  return '/' + path.split('/').filter((p) => p !== '').join('/');
}

/**
 * The nodes under `path` matching `filter`, each with its ancestors up to `path` (ancestors carry
 * `match: false` and only the children leading to a match), as a TreeResult's JSON.
 */
export function filteredTree(defs: Defs, revisions: Revisions, path: string, filter: TreeFilter, options: Pick<TreeOptions, 'variables'> = {}): string | undefined {
  const w = new TreeWriter(revisions, options.variables ?? false);
  const limit = filter.limit ?? 2000;
  const name = filter.name.toLowerCase();
  const statuses = filter.statuses;
  let matches = 0;
  let truncated = false;
  const matchesFilter = (n: Node): boolean =>
    (statuses.size === 0 || statuses.has(statusOf(n))) && (name === '' || n.name.toLowerCase().includes(name));
  // Writes the node's entry when it or a descendant matched; returns whether it did.
  const walk = (n: Node, p: string): boolean => {
    if (truncated) return false;
    const self = matchesFilter(n);
    if (self) {
      if (matches >= limit) {
        truncated = true;
        return false;
      }
      matches++;
    }
    const mark = w.out.length;
    w.open(n, p);
    w.out.push(`,"match":${self}`);
    if (!w.nodes(childrenOf(n), p, walk) && !self) {
      w.out.length = mark;
      return false;
    }
    w.out.push('}');
    return true;
  };
  if (path === '/' || path === '') {
    w.root(defs);
    w.out.push(',"match":false');
    w.nodes(defs.suites, '', walk);
    w.out.push('}');
  } else {
    const node = findNode(defs, path);
    if (node === undefined) return undefined;
    if (!walk(node, normalise(path))) {
      w.open(node, normalise(path));
      w.out.push(',"match":false,"nodes":[]}');
    }
  }
  return w.body(defs, `,"matches":${matches},"truncated":${truncated}`);
}
