/**
 * `GET …/nodes/{path}/dependencies`: what a node's trigger and complete expressions wait for, and
 * which nodes' expressions name it (what waits for it), each with its state, as ecflow_ui's
 * trigger view lists them.
 *
 * The reverse side needs every expression of the definition: an index built when first asked for
 * and kept while the mirror is at the same revision (Mirror.revision, which any change moves,
 * a trigger altered included), so the pages asking about one server between two scrapes share one.
 */
import { type Defs, type ExprAst, type Node, NodeContainer, type NodeStatus, Task, findNode, findReferencedNode, parseExpression, statusOf } from 'ecflow-ts';
import type { Revisions } from './tree.js';

/** A node named by an expression. */
export interface Dependency {
  path: string;
  status: NodeStatus;
  /** Which expression of the waiting node names it. */
  expression: 'trigger' | 'complete';
  /** What of the node it reads (`event ready`, `meter progress`, `flag late`); absent: its state. */
  attribute?: string;
}

export interface Dependencies {
  path: string;
  trigger?: string;
  complete?: string;
  /** Nodes the node's expressions name. `path` is the referenced node's. */
  waitsFor: Dependency[];
  /** Nodes whose expressions name the node. `path` is the waiting node's. */
  waitedBy: Dependency[];
  /** Paths the expressions name that are not in the definition (externs, typos). */
  unresolved: string[];
}

interface Reference {
  node: Node;
  expression: 'trigger' | 'complete';
  attribute?: string;
}

/** The nodes named by a node's expressions, resolved from `from` as ecFlow resolves them. */
function references(from: Node, unresolved?: string[]): Reference[] {
  const out: Reference[] = [];
  for (const expression of ['trigger', 'complete'] as const) {
    const e = expression === 'trigger' ? from.trigger : from.complete;
    if (e === null) continue;
    for (const part of e.parts) {
      let ast: ExprAst;
      try {
        ast = parseExpression(part.text);
      } catch {
        continue; // the server accepted it; a text we cannot read names nothing we can link
      }
      walk(ast, (path, attribute) => {
        const node = findReferencedNode(from, path, attribute ?? '').node;
        if (node === undefined) {
          if (unresolved !== undefined && !unresolved.includes(path)) unresolved.push(path);
          return;
        }
        if (out.some((r) => r.node === node && r.expression === expression && r.attribute === attribute)) return;
        out.push(attribute === undefined ? { node, expression } : { node, expression, attribute });
      });
    }
  }
  return out;
}

function walk(a: ExprAst, visit: (path: string, attribute?: string) => void): void {
  switch (a.type) {
    case 'node':
      visit(a.path);
      return;
    case 'variable':
      if (a.path !== '') visit(a.path, a.name);
      return;
    case 'flag':
      visit(a.path, `flag ${a.flag}`);
      return;
    case 'function':
    case 'not':
      walk(a.arg, visit);
      return;
    case 'and':
    case 'or':
    case 'compare':
    case 'arith':
      walk(a.left, visit);
      walk(a.right, visit);
      return;
    default:
      return;
  }
}

type Index = Map<Node, { node: Node; expression: 'trigger' | 'complete'; attribute?: string }[]>;
const indexes = new WeakMap<Defs, { revision: number; index: Index }>();

/** Referenced node → the nodes whose expressions name it; one walk of the whole definition. */
function reverseIndex(defs: Defs, revisions: Revisions): Index {
  const held = indexes.get(defs);
  if (held !== undefined && held.revision === revisions.revision) return held.index;
  const index: Index = new Map();
  const visit = (n: Node): void => {
    if (n.trigger !== null || n.complete !== null) {
      for (const r of references(n)) {
        let list = index.get(r.node);
        if (list === undefined) index.set(r.node, (list = []));
        list.push(r.attribute === undefined ? { node: n, expression: r.expression } : { node: n, expression: r.expression, attribute: r.attribute });
      }
    }
    if (n instanceof NodeContainer) for (const c of n.children) visit(c);
    else if (n instanceof Task) for (const a of n.aliases) visit(a);
  };
  for (const s of defs.suites) visit(s);
  indexes.set(defs, { revision: revisions.revision, index });
  return index;
}

function entry(n: Node, expression: 'trigger' | 'complete', attribute: string | undefined): Dependency {
  const d: Dependency = { path: n.absNodePath(), status: statusOf(n), expression };
  if (attribute !== undefined) d.attribute = attribute;
  return d;
}

/** The node's dependencies both ways, or `undefined` when `path` names no node. */
export function dependencies(defs: Defs, revisions: Revisions, path: string): Dependencies | undefined {
  const node = findNode(defs, path);
  if (node === undefined) return undefined;
  const unresolved: string[] = [];
  const waitsFor = references(node, unresolved).map((r) => entry(r.node, r.expression, r.attribute));
  const waitedBy = (reverseIndex(defs, revisions).get(node) ?? []).map((r) => entry(r.node, r.expression, r.attribute));
  const d: Dependencies = { path: node.absNodePath(), waitsFor, waitedBy, unresolved };
  if (node.trigger !== null) d.trigger = node.trigger.text();
  if (node.complete !== null) d.complete = node.complete.text();
  return d;
}
