/**
 * The node tree of a mirrored definition as the API serves it: a subtree to a depth (so a page
 * fetches children as they are expanded), or the nodes matching a filter with their ancestors.
 * Empty attribute lists are left out: a 100,000-task tree is mostly tasks with none.
 */
import { type Defs, type Node, NodeContainer, Task } from '../../defs/model.js';
import type { SStateName } from '../../defs/states.js';
import { findNode } from '../../defs/find.js';
import { type NodeStatus, nodeView } from '../../sync/records.js';

/** One node of the tree; `nodes` is present when its children are included (depth and filter allowing). */
export interface TreeNode {
  name: string;
  path: string;
  type: 'defs' | 'suite' | 'family' | 'task' | 'alias';
  status: NodeStatus;
  defStatus?: NodeStatus;
  flags?: string[];
  tryNo?: number;
  abortedReason?: string;
  meters?: { name: string; min: number; max: number; value: number }[];
  events?: { name: string; number?: number; value: boolean }[];
  labels?: { name: string; value: string; default: string }[];
  repeat?: object;
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

export interface TreeResult {
  serverState: SStateName;
  root: TreeNode;
  /** Filtered trees: number of matching nodes included. */
  matches?: number;
  /** Filtered trees: more nodes matched than `limit`. */
  truncated?: boolean;
}

function childrenOf(n: Node): readonly Node[] {
  if (n instanceof NodeContainer) return n.children;
  if (n instanceof Task) return n.aliases;
  return [];
}

function treeNode(n: Node, path: string, variables: boolean): TreeNode {
  const v = nodeView(n, path);
  const t: TreeNode = { name: v.name, path, type: v.type, status: v.status, children: v.children };
  if (v.defStatus !== 'queued') t.defStatus = v.defStatus;
  if (v.flags.length > 0) t.flags = v.flags;
  if (v.tryNo !== undefined && v.tryNo !== 0) t.tryNo = v.tryNo;
  if (v.abortedReason) t.abortedReason = v.abortedReason;
  if (v.meters.length > 0) t.meters = v.meters.map((m) => ({ name: m.name, min: m.min, max: m.max, value: m.value }));
  if (v.events.length > 0) t.events = v.events;
  if (v.labels.length > 0) t.labels = v.labels;
  if (v.repeat !== undefined) t.repeat = v.repeat;
  if (v.limits.length > 0) t.limits = v.limits;
  if (v.late !== undefined) t.late = v.late;
  if (variables) t.variables = n.variables.map((x) => ({ name: x.name, value: x.value }));
  return t;
}

function rootNode(defs: Defs, variables: boolean): TreeNode {
  const t: TreeNode = { name: '/', path: '/', type: 'defs', status: defs.state, children: defs.suites.length };
  if (variables) t.variables = defs.userVariables.map((x) => ({ name: x.name, value: x.value }));
  return t;
}

/** The subtree at `path` (`/` for the whole definition), or `undefined` when no node has that path. */
export function subtree(defs: Defs, path: string, options: TreeOptions = {}): TreeResult | undefined {
  const depth = options.depth ?? Number.POSITIVE_INFINITY;
  const variables = options.variables ?? false;
  const walk = (n: Node, p: string, left: number): TreeNode => {
    const t = treeNode(n, p, variables);
    if (left > 0) {
      const kids = childrenOf(n);
      const out: TreeNode[] = new Array(kids.length);
      for (let i = 0; i < kids.length; i++) out[i] = walk(kids[i]!, p + '/' + kids[i]!.name, left - 1);
      t.nodes = out;
    }
    return t;
  };
  if (path === '/' || path === '') {
    const root = rootNode(defs, variables);
    if (depth > 0) root.nodes = defs.suites.map((s) => walk(s, '/' + s.name, depth - 1));
    return { serverState: defs.serverState, root };
  }
  const node = findNode(defs, path);
  if (node === undefined) return undefined;
  return { serverState: defs.serverState, root: walk(node, normalise(path), depth) };
}

function normalise(path: string): string {
  return '/' + path.split('/').filter((p) => p !== '').join('/');
}

/**
 * The nodes under `path` matching `filter`, each with its ancestors up to `path` (ancestors carry
 * `match: false` and only the children leading to a match).
 */
export function filteredTree(defs: Defs, path: string, filter: TreeFilter, options: Pick<TreeOptions, 'variables'> = {}): TreeResult | undefined {
  const variables = options.variables ?? false;
  const limit = filter.limit ?? 2000;
  const name = filter.name.toLowerCase();
  const statuses = filter.statuses;
  let matches = 0;
  let truncated = false;
  const matchesFilter = (n: Node): boolean =>
    (statuses.size === 0 || statuses.has(n.suspended ? 'suspended' : n.state)) && (name === '' || n.name.toLowerCase().includes(name));
  // Returns the node's tree entry when it or a descendant matched, else undefined.
  const walk = (n: Node, p: string): TreeNode | undefined => {
    if (truncated) return undefined;
    const self = matchesFilter(n);
    if (self) {
      if (matches >= limit) {
        truncated = true;
        return undefined;
      }
      matches++;
    }
    let kept: TreeNode[] | undefined;
    const kids = childrenOf(n);
    for (let i = 0; i < kids.length; i++) {
      const k = walk(kids[i]!, p + '/' + kids[i]!.name);
      if (k !== undefined) (kept ??= []).push(k);
    }
    if (!self && kept === undefined) return undefined;
    const t = treeNode(n, p, variables);
    t.match = self;
    t.nodes = kept ?? [];
    return t;
  };
  let root: TreeNode;
  if (path === '/' || path === '') {
    root = rootNode(defs, variables);
    root.match = false;
    root.nodes = [];
    for (const s of defs.suites) {
      const k = walk(s, '/' + s.name);
      if (k !== undefined) root.nodes.push(k);
    }
  } else {
    const node = findNode(defs, path);
    if (node === undefined) return undefined;
    root = walk(node, normalise(path)) ?? { ...treeNode(node, normalise(path), variables), match: false, nodes: [] };
  }
  return { serverState: defs.serverState, root, matches, truncated };
}
