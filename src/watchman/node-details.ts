/**
 * Which entries of the `{owner}/{repo}/nodes` hash to write: the view of every node whose view
 * changed since the last successful write, found by comparing a fingerprint of each node's JSON
 * (a number per node, not the JSON itself, so 100k nodes cost little memory).
 */
import type { Defs } from '../defs/model.js';
import { forEachNode, nodeView } from '../sync/records.js';

export interface NodeDetailsDiff {
  /** Delete the hash first: its content is unknown (first write, or Redis lost it). */
  reset: boolean;
  set: [path: string, json: string][];
  removed: string[];
}

export class NodeDetails {
  #prints: Map<string, number> | null = null;

  /** The writes that bring the hash from its last written content to `defs`. */
  diff(defs: Defs): NodeDetailsDiff {
    const reset = this.#prints === null;
    const old = this.#prints ?? new Map<string, number>();
    const prints = new Map<string, number>();
    const set: [string, string][] = [];
    forEachNode(defs, (node, path) => {
      const json = JSON.stringify(nodeView(node, path));
      const print = fingerprint(json);
      prints.set(path, print);
      if (old.get(path) !== print) set.push([path, json]);
    });
    const removed: string[] = [];
    if (!reset) for (const path of old.keys()) if (!prints.has(path)) removed.push(path);
    this.#prints = prints;
    return { reset, set, removed };
  }

  /** The last write did not happen (or Redis lost it): the next diff rewrites the whole hash. */
  forget(): void {
    this.#prints = null;
  }
}

/** cyrb53: a fast 53-bit string hash; a collision would only delay one node's update. */
function fingerprint(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
