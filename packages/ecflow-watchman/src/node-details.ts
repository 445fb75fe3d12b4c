/**
 * Which entries of the `{owner}/{repo}/nodes` hash to write: the view of every node whose view
 * changed since the last successful write, found by comparing a fingerprint of each node's JSON
 * (a small integer per node, not the JSON itself, so 100k nodes cost little memory). After an incremental
 * sync only the nodes the server sent changes for are looked at (and, when a node's children
 * changed, its subtree), so a scrape that changed 5 tasks of 5,000 costs 5 views, not 5,000.
 */
import { findNode, type Defs, type Node, NodeContainer, Task, forEachNode, nodeView } from 'ecflow-ts';

export interface NodeDetailsDiff {
  /** Delete the hash first: its content is unknown (first write, or Redis lost it). */
  reset: boolean;
  set: [path: string, json: string][];
  removed: string[];
}

export class NodeDetails {
  #prints: Map<string, number> | null = null;
  /** Child names of the nodes that have children, to see when a changed node's children changed. */
  #kids = new Map<string, string>();
  /** Paths changed since the last diff; `null`: look at every node. */
  #changed: Set<string> | null = null;

  /** Notes the paths an incremental sync changed; a full sync (`null`) means every node. */
  touch(paths: readonly string[] | null): void {
    if (paths === null) this.#changed = null;
    else if (this.#changed !== null) for (const p of paths) this.#changed.add(p);
  }

  /** The writes that bring the hash from its last written content to `defs`. */
  diff(defs: Defs): NodeDetailsDiff {
    const reset = this.#prints === null;
    const changed = this.#changed;
    this.#changed = new Set();
    if (reset || changed === null) return this.#whole(defs, reset);
    const prints = this.#prints!;
    const set: [string, string][] = [];
    const removed: string[] = [];
    for (const path of changed) {
      if (path === '/') continue;
      const node = findNode(defs, path);
      if (node === undefined) {
        // Gone with its subtree (its parent's children changed too, and will be looked at).
        this.#drop(path, removed);
        continue;
      }
      const kids = childNames(node);
      if ((this.#kids.get(path) ?? '') !== kids) {
        // Children added, removed or replaced: the whole subtree, then what is no longer there.
        const seen = new Set<string>();
        this.#walk(node, path, (p, n) => {
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

  #whole(defs: Defs, reset: boolean): NodeDetailsDiff {
    const old = this.#prints ?? new Map<string, number>();
    this.#prints = new Map();
    this.#kids = new Map();
    const set: [string, string][] = [];
    forEachNode(defs, (node, path) => this.#view(path, node, set, old));
    const removed: string[] = [];
    if (!reset) for (const path of old.keys()) if (!this.#prints.has(path)) removed.push(path);
    return { reset, set, removed };
  }

  #view(path: string, node: Node, set: [string, string][], old: Map<string, number> = this.#prints!): void {
    const json = JSON.stringify(nodeView(node, path));
    const print = fingerprint(json);
    if (old.get(path) !== print) set.push([path, json]);
    this.#prints!.set(path, print);
    const kids = childNames(node);
    if (kids !== '') this.#kids.set(path, kids);
    else this.#kids.delete(path);
  }

  #drop(path: string, removed: string[]): void {
    if (this.#prints!.delete(path)) removed.push(path);
    this.#kids.delete(path);
  }

  #walk(node: Node, path: string, visit: (path: string, node: Node) => void): void {
    visit(path, node);
    if (node instanceof NodeContainer) for (const c of node.children) this.#walk(c, `${path}/${c.name}`, visit);
    else if (node instanceof Task) for (const a of node.aliases) this.#walk(a, `${path}/${a.name}`, visit);
  }
}

function childNames(node: Node): string {
  const list = node instanceof NodeContainer ? node.children : node instanceof Task ? node.aliases : null;
  if (list === null || list.length === 0) return '';
  let s = '';
  for (const c of list) s += `${c.name}\n`;
  return s;
}

/**
 * A 31-bit hash of the view's JSON (one multiply a character, where cyrb53's two made it a fifth
 * of a 100k-node first write), a small integer so that the map holds it unboxed. A collision
 * only delays that node's update to its next change.
 */
function fingerprint(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 1;
}
