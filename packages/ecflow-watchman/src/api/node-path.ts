/**
 * The `nodes/*` wildcard and what may follow a node's path in it: `files/{kind}`, `why`,
 * `dependencies`, `history`. A node may itself be named `why` or `files`, so the rule is that the
 * longest path that is a node wins: `/s/f/why` is the node `/s/f/why` when the definition has
 * one, else the top-down why of `/s/f`.
 */
import { type Defs, findNode } from 'ecflow-ts';
import { FILE_KINDS, type FileKind, isFileKind } from './files.js';

export type NodeResource =
  | { kind: 'node'; path: string }
  | { kind: 'file'; path: string; file: FileKind }
  | { kind: 'why' | 'dependencies' | 'history'; path: string }
  /** `files/{x}` of a node, `x` not a file kind. */
  | { kind: 'bad'; path: string; message: string };

const ONE_SEGMENT = new Set(['why', 'dependencies', 'history']);

/** What `/{rest}` of `nodes/{rest}` names in `defs`, or `undefined` when it names nothing. */
export function nodeResource(defs: Defs, rest: string): NodeResource | undefined {
  const parts = rest.split('/').filter((p) => p !== '');
  const path = '/' + parts.join('/');
  if (findNode(defs, path) !== undefined) return { kind: 'node', path };
  const n = parts.length;
  const last = parts[n - 1];
  if (n >= 2 && last !== undefined && ONE_SEGMENT.has(last)) {
    const at = '/' + parts.slice(0, -1).join('/');
    if (findNode(defs, at) !== undefined) return { kind: last as 'why' | 'dependencies' | 'history', path: at };
  }
  if (n >= 3 && parts[n - 2] === 'files' && last !== undefined && isFileKind(last)) {
    const at = '/' + parts.slice(0, -2).join('/');
    if (findNode(defs, at) !== undefined) return { kind: 'file', path: at, file: last };
  }
  if (n >= 3 && parts[n - 2] === 'files' && last !== undefined) {
    const at = '/' + parts.slice(0, -2).join('/');
    if (findNode(defs, at) !== undefined) return { kind: 'bad', path: at, message: `files/${last}: expected one of ${FILE_KINDS.join(', ')}` };
  }
  return undefined;
}
