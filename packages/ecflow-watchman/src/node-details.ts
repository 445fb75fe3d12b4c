/**
 * Which entries of the `{owner}/{repo}/nodes` hash to write: the view of every node whose view
 * changed since the last successful write, found by comparing a fingerprint of each node's JSON
 * (a small integer per node, not the JSON itself, so 100k nodes cost little memory). After an incremental
 * sync only the nodes the server sent changes for are looked at (and the subtree of a node whose
 * children the sync replaced or reordered), so a scrape that changed 5 tasks of 5,000 costs 5
 * views, not 5,000.
 */
import { findNode, type Defs, type Node, NodeContainer, Task, nodeViewJson } from 'ecflow-ts';
import type { StatusTable } from './status-table.js';

export interface NodeDetailsDiff {
  /** Delete the hash first: its content is unknown (first write, or Redis lost it). */
  reset: boolean;
  set: [path: string, json: string][];
  removed: string[];
}

export class NodeDetails {
  /**
   * The server's status table, kept in step with the mirror at each scrape: a whole diff walks
   * its nodes with its path strings (no path made per node, and the map of prints holds no
   * second copy of 100k paths).
   */
  readonly #table: StatusTable;
  #prints: Map<string, number> | null = null;
  /** Paths changed since the last diff; `null`: look at every node. */
  #changed: Set<string> | null = null;
  /** Of those, the nodes whose children (or a task's aliases) were replaced or reordered. */
  #structural = new Set<string>();

  constructor(table: StatusTable) {
    this.#table = table;
  }

  /**
   * Notes the paths an incremental sync changed (a full sync, `null`: every node), and those of
   * them whose children it replaced or reordered (`SyncChange.structuralPaths`).
   */
  touch(paths: readonly string[] | null, structural: readonly string[] = []): void {
    if (paths === null) this.#changed = null;
    else if (this.#changed !== null) {
      for (const p of paths) this.#changed.add(p);
      for (const p of structural) this.#structural.add(p);
    }
  }

  /** The writes that bring the hash from its last written content to `defs` (the definition the table follows). */
  diff(defs: Defs): NodeDetailsDiff {
    const reset = this.#prints === null;
    const changed = this.#changed;
    const structural = this.#structural;
    this.#changed = new Set();
    this.#structural = new Set();
    if (reset || changed === null) return this.#whole(reset);
    const prints = this.#prints!;
    const set: [string, string][] = [];
    const removed: string[] = [];
    for (const path of changed) {
      // The definition has no view (and the suites' order is in none).
      if (path === '/') continue;
      const node = findNode(defs, path);
      if (node === undefined) {
        // Gone with its subtree (its parent's children changed too, and will be looked at).
        this.#drop(path, removed);
        continue;
      }
      if (structural.has(path)) {
        // Children added, removed or replaced: the whole subtree, then what is no longer there.
        const seen = new Set<string>();
        walk(node, path, (p, n) => {
          seen.add(p);
          this.#view(p, n, set);
        });
        for (const p of [...prints.keys()]) if (p.startsWith(`${path}/`) && !seen.has(p)) this.#drop(p, removed);
      } else this.#view(path, node, set);
    }
    return { reset: false, set, removed };
  }

  /** The last write did not happen (or Redis lost it): the next diff rewrites the whole hash. */
  forget(): void {
    this.#prints = null;
  }

  #whole(reset: boolean): NodeDetailsDiff {
    const old = this.#prints ?? new Map<string, number>();
    this.#prints = new Map();
    const set: [string, string][] = [];
    this.#table.forEachNode((node, path) => this.#view(path, node, set, old));
    const removed: string[] = [];
    if (!reset) for (const path of old.keys()) if (!this.#prints.has(path)) removed.push(path);
    return { reset, set, removed };
  }

  #view(path: string, node: Node, set: [string, string][], old: Map<string, number> = this.#prints!): void {
    const json = nodeViewJson(node, path);
    const print = fingerprint(json);
    if (old.get(path) !== print) set.push([path, json]);
    this.#prints!.set(path, print);
  }

  #drop(path: string, removed: string[]): void {
    if (this.#prints!.delete(path)) removed.push(path);
  }
}

/** `visit` for `node` and what is under it, depth first, a task followed by its aliases. */
function walk(node: Node, path: string, visit: (path: string, node: Node) => void): void {
  visit(path, node);
  if (node instanceof NodeContainer) for (const c of node.children) walk(c, `${path}/${c.name}`, visit);
  else if (node instanceof Task) for (const a of node.aliases) walk(a, `${path}/${a.name}`, visit);
}

/** The UTF-8 bytes of the JSON being fingerprinted, and the same memory as 32-bit words. */
let scratch = new ArrayBuffer(1 << 16);
let bytes = Buffer.from(scratch);
let words = new Uint32Array(scratch);

/**
 * A 31-bit hash of the view's JSON (MurmurHash3's 32-bit one over its UTF-8 bytes, four at a time:
 * reading a character at a time from the string the view's JSON is built as cost more than
 * building it), a small integer so that the map holds it unboxed. A collision only delays that
 * node's update to its next change.
 */
export function fingerprint(s: string): number {
  if (s.length * 3 > bytes.length) {
    scratch = new ArrayBuffer(s.length * 3 + 4);
    bytes = Buffer.from(scratch);
    words = new Uint32Array(scratch);
  }
  const n = bytes.write(s, 0, 'utf8');
  let h = 0x9747b28c;
  const whole = n >>> 2;
  for (let i = 0; i < whole; i++) {
    // Little-endian words: the bytes in the order a byte-wise MurmurHash3 reads them on x86 and ARM.
    h ^= mixWord(words[i]!);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let tail = 0;
  for (let i = n - 1; i >= whole << 2; i--) tail = (tail << 8) | bytes[i]!;
  if ((n & 3) !== 0) h ^= mixWord(tail);
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 1;
}

function mixWord(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}
