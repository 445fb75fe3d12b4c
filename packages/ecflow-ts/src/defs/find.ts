/** Node lookup by absolute path and by the relative paths used in trigger expressions (ANode/src/NodeFind.cpp). */
import type { AnyNode, Defs, Node } from './model.js';

function splitPath(path: string): string[] {
  if (path.indexOf('/') < 0) return path.length > 0 ? [path] : [];
  const out: string[] = [];
  for (const p of path.split('/')) if (p.length > 0) out.push(p);
  return out;
}

function relativeNode(from: Node, path: readonly string[]): AnyNode | undefined {
  let node: AnyNode | undefined = from as AnyNode;
  for (const name of path) {
    node = node.findImmediateChild(name);
    if (node === undefined) return undefined;
  }
  return path.length === 0 ? undefined : node;
}

/**
 * Finds a node by absolute path (`/suite/family/task`, aliases included); `undefined` when absent.
 * The same as `defs.findAbsNode(path)`; switch on the result's `kind` to narrow it.
 */
export function findNode(defs: Defs, path: string): AnyNode | undefined {
  return defs.findAbsNode(path);
}

/** Whether `path[:name]` is declared by an `extern` line. */
export function findExtern(defs: Defs | null, path: string, name: string): boolean {
  if (defs === null || defs.externs.length === 0) return false;
  return defs.externs.includes(name.length === 0 ? path : path + ':' + name);
}

/** Result of `findReferencedNode`: the node, or why it was not found (empty when an extern covers it). */
export interface Reference {
  /** The node the path names, when it was found. */
  node: AnyNode | undefined;
  /** Why it was not found, in ecFlow's words; empty when found or when an extern covers the path. */
  error: string;
}

/**
 * `Node::findReferencedNode`: resolves a path written in an expression, inlimit or autorestore of
 * `from`. `loadedExterns` (ecFlow 5.16+): an extern naming a missing node of a loaded suite is no error.
 */
export function findReferencedNode(from: Node, nodePath: string, externObj = '', loadedExterns = false): Reference {
  const defs = from.defs;
  if (defs === null) return { node: undefined, error: '' };
  if (nodePath.startsWith('/')) {
    const found = findNode(defs, nodePath);
    if (found !== undefined) return { node: found, error: '' };
    if (findExtern(defs, nodePath, externObj)) {
      const suiteName = splitPath(nodePath)[0];
      if (!loadedExterns && suiteName !== undefined && defs.findSuite(suiteName) !== undefined) {
        return { node: undefined, error: `Extern path ${nodePath} does not exist on suite ${suiteName}\n` };
      }
      return { node: undefined, error: '' };
    }
    return { node: undefined, error: `: Could not find referenced node, using absolute path '${nodePath}\n` };
  }
  let parts = splitPath(nodePath);
  if (parts.length === 0) return { node: undefined, error: `: Could not find referenced node '${nodePath}' from node ${from.absNodePath()}\n` };
  if (parts.length === 1) {
    const r = findRelative(parts, from);
    if (r.node === undefined && findExtern(defs, nodePath, externObj)) return { node: undefined, error: '' };
    return r;
  }
  if (parts[0] !== '.' && parts[0] !== '..') {
    if (findExtern(defs, nodePath, externObj)) return { node: undefined, error: '' };
    parts = ['.', ...parts];
  }
  if (parts[0] === '.') return findRelative(parts.slice(1), from);
  // '..': each one goes up a parent, starting from the parent
  let parent: Node | null = from.parent;
  while (parts.length > 0 && parent !== null && parts[0] === '..') {
    parts = parts.slice(1);
    parent = parent.parent;
  }
  if (parent !== null) {
    const n = relativeNode(parent, parts);
    if (n !== undefined) return { node: n, error: '' };
  } else {
    const n = findNode(defs, '/' + parts.join('/'));
    if (n !== undefined) return { node: n, error: '' };
  }
  return { node: undefined, error: `Unrecognised path ${nodePath} for Node ${from.absNodePath()}\n` };
}

function findRelative(parts: readonly string[], from: Node): Reference {
  if (parts.length === 1 && from.name === parts[0]) return { node: from as AnyNode, error: '' };
  if (from.parent === null) return { node: undefined, error: 'Parent empty. Could not find referenced node\n' };
  if (parts.length === 1) {
    const n = from.parent.findImmediateChild(parts[0]!);
    if (n !== undefined) return { node: n, error: '' };
  } else {
    const n = relativeNode(from.parent, parts) ?? relativeNode(from, parts);
    if (n !== undefined) return { node: n, error: '' };
  }
  let error = "Could not find node '";
  if (parts.length === 1) error += parts[0];
  else for (const p of parts) error += p + '/';
  error += "' from node " + from.absNodePath();
  if (parts.length === 1) error += " . Expected '" + parts[0] + "' to be a sibling.";
  return { node: undefined, error: error + '\n' };
}

const DATETIME_SUFFIXES = new Set(['_DATE', '_YYYY', '_MM', '_DD', '_JULIAN', '_TIME', '_HOURS', '_MINUTES', '_SECONDS']);
const SUBMITTABLE_GEN_VARS = new Set(['ECF_JOB', 'ECF_JOBOUT', 'ECF_TRYNO', 'TASK', 'ECF_PASS', 'ECF_SCRIPT', 'ECF_NAME', 'ECF_RID']);
const SUITE_GEN_VARS = new Set(['SUITE', 'ECF_DATE', 'YYYY', 'DOW', 'DOY', 'DATE', 'DAY', 'DD', 'MM', 'MONTH', 'ECF_CLOCK', 'ECF_TIME', 'ECF_JULIAN', 'TIME']);

/** Whether `name` is something an expression `node:name` can refer to (`Node::findExprVariable`). */
export function findExprVariable(node: Node, name: string): boolean {
  if (node.findEvent(name) !== undefined) return true;
  if (node.findMeter(name) !== undefined) return true;
  if (node.findVariable(name) !== undefined) return true;
  const r = node.repeat;
  if (r !== null) {
    if (r.name === name) return true;
    if (r.kind === 'date' || r.kind === 'datelist') {
      const n = r.name;
      if (name === n + '_YYYY' || name === n + '_MM' || name === n + '_DD' || name === n + '_DOW' || name === n + '_JULIAN') return true;
    } else if ((r.kind === 'datetime' || r.kind === 'datetimelist') && name.startsWith(r.name) && DATETIME_SUFFIXES.has(name.slice(r.name.length))) {
      return true;
    }
  }
  if (node.kind === 'family' && (name === 'FAMILY' || name === 'FAMILY1')) return true;
  if ((node.kind === 'task' || node.kind === 'alias') && SUBMITTABLE_GEN_VARS.has(name)) return true;
  if (node.kind === 'suite' && SUITE_GEN_VARS.has(name)) return true;
  if (node.findLimit(name) !== undefined) return true;
  if (node.findQueue(name) !== undefined) return true;
  return false;
}

