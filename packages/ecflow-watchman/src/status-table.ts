/**
 * The status records of one mirror (status-records.ts: `/`, then every node in
 * `Defs::get_all_nodes` order) kept in step with it sync by sync, with what is derived from them:
 * the counts by status and the records' JSON of the `{owner}/{repo}/status` value. An incremental
 * sync costs what it changed: the records are held in chunks of {@link CHUNK}, each with its JSON
 * cached, and only the chunks holding a changed node are serialised again; the counts follow each
 * record's old and new status. A sync that replaced or reordered what is under a node rewrites
 * that node's range in place when it holds as many nodes as before, and the whole table otherwise
 * (such syncs are rare: a server sends a full definition for added or deleted nodes).
 */
import { type Defs, DSTATE_NAMES, findNode, forEachNode, type Node, NodeContainer, type NodeStatus, statusOf, Submittable, type SyncChange, Task } from 'ecflow-ts';
import type { StatusRecord } from './status-records.js';
import { goTime } from './status-value.js';
import type { Health } from './view.js';

/** Records a chunk: small enough that re-serialising one is cheap, large enough that a 100k-node table has few. */
export const CHUNK = 256;

const CODE = new Map<NodeStatus, number>(DSTATE_NAMES.map((s, i) => [s, i]));
const code = (s: NodeStatus): number => CODE.get(s)!;
const PREFIX = Buffer.from('{"status_records":[');

export class StatusTable {
  #paths: string[] = [];
  /** The node of each record (`null` for `/`), for walks in the records' order that need no paths made. */
  #nodes: (Node | null)[] = [];
  #status = new Uint8Array(0);
  /** 1 for a task or an alias: what {@link taskCounts} counts. */
  #submittable = new Uint8Array(0);
  #index = new Map<string, number>();
  #chunks: Buffer[] = [];
  /** Chunks whose JSON is out of date. */
  #dirty = new Set<number>();
  #counts = new Int32Array(DSTATE_NAMES.length);
  #taskCounts = new Int32Array(DSTATE_NAMES.length);
  #countsView: Health['counts'] = {};
  #taskCountsView: Health['counts'] = {};
  #countsChanged = false;
  #rebuilds = 0;

  /** Nodes in the table, `/` not counted. */
  get nodes(): number {
    return Math.max(0, this.#paths.length - 1);
  }

  /** Nodes by status (`/` not counted); a new object after each change, so earlier health keeps its own. */
  get counts(): Health['counts'] {
    this.#views();
    return this.#countsView;
  }

  /** Tasks and aliases by status, as the aborted list counts them. */
  get taskCounts(): Health['counts'] {
    this.#views();
    return this.#taskCountsView;
  }

  /** How many times the table was filled from the whole definition (a cost to keep rare). */
  get rebuilds(): number {
    return this.#rebuilds;
  }

  /** The position of `path` in the records (`/` is 0); -1 when absent. */
  indexOf(path: string): number {
    return this.#index.get(path) ?? -1;
  }

  /**
   * Visits every node (not `/`) in the records' order with its path, the table's own string
   * (no path is made, and a Map keyed by it holds no second copy).
   */
  forEachNode(visit: (node: Node, path: string) => void): void {
    const paths = this.#paths;
    const nodes = this.#nodes;
    for (let i = 1; i < paths.length; i++) visit(nodes[i]!, paths[i]!);
  }

  /** The records, as statusRecords(defs) lists them. */
  records(): StatusRecord[] {
    return this.#paths.map((path, i) => ({ path, status: DSTATE_NAMES[this.#status[i]!]! }));
  }

  /** Fills the table from the whole definition. */
  rebuild(defs: Defs): void {
    this.#rebuilds++;
    const paths: string[] = ['/'];
    const nodes: (Node | null)[] = [null];
    const status: number[] = [code(defs.state)];
    const submittable: number[] = [0];
    forEachNode(defs, (node, path) => {
      paths.push(path);
      nodes.push(node);
      status.push(code(statusOf(node)));
      submittable.push(node instanceof Submittable ? 1 : 0);
    });
    this.#paths = paths;
    this.#nodes = nodes;
    this.#status = Uint8Array.from(status);
    this.#submittable = Uint8Array.from(submittable);
    this.#index = new Map();
    for (let i = 0; i < paths.length; i++) this.#index.set(paths[i]!, i);
    this.#counts.fill(0);
    this.#taskCounts.fill(0);
    for (let i = 1; i < paths.length; i++) this.#count(i, 1);
    this.#chunks = [];
    this.#dirty.clear();
    for (let c = 0; c * CHUNK < paths.length; c++) this.#dirty.add(c);
  }

  /**
   * Brings the table to `defs` after `sync` was applied to it: an incremental sync's changed
   * paths only, the whole definition after a full one (or when the table does not know a path).
   */
  apply(defs: Defs, sync: SyncChange): void {
    if (sync.kind === 'full' || this.#paths.length === 0) return this.rebuild(defs);
    if (sync.kind === 'none') return;
    for (const path of sync.structuralPaths ?? []) if (!this.#restructure(defs, path)) return this.rebuild(defs);
    for (const path of sync.changedPaths) if (!this.#update(defs, path)) return this.rebuild(defs);
  }

  /** The `{owner}/{repo}/status` value: the records' JSON and the collection time, as the Go watchman writes it. */
  value(collected: Date): Buffer {
    this.#serialise();
    return Buffer.concat([PREFIX, ...this.#chunks, Buffer.from(`],"collected_time":${JSON.stringify(goTime(collected))}}`)]);
  }

  /** The records' JSON array, as recordsJson(statusRecords(defs)) gives it. */
  recordsJson(): string {
    this.#serialise();
    return `[${Buffer.concat(this.#chunks).toString()}]`;
  }

  #update(defs: Defs, path: string): boolean {
    const i = this.#index.get(path);
    if (i === undefined) return false;
    let status: NodeStatus;
    if (i === 0) status = defs.state;
    else {
      const node = findNode(defs, path);
      if (node === undefined) return false;
      status = statusOf(node);
    }
    const c = code(status);
    if (this.#status[i] === c) return true;
    if (i > 0) this.#count(i, -1);
    this.#status[i] = c;
    if (i > 0) this.#count(i, 1);
    this.#dirty.add(Math.floor(i / CHUNK));
    return true;
  }

  /** Rewrites the range of `path`'s subtree; false when that cannot be done in place. */
  #restructure(defs: Defs, path: string): boolean {
    const start = path === '/' ? undefined : this.#index.get(path);
    const node = start === undefined ? undefined : findNode(defs, path);
    if (start === undefined || node === undefined) return false;
    const prefix = `${path}/`;
    let end = start + 1;
    while (end < this.#paths.length && this.#paths[end]!.startsWith(prefix)) end++;
    const now: [string, Node][] = [];
    walk(node, path, now);
    if (now.length !== end - start) return false;
    for (let i = start; i < end; i++) {
      this.#index.delete(this.#paths[i]!);
      this.#count(i, -1);
    }
    for (let k = 0; k < now.length; k++) {
      const [p, n] = now[k]!;
      const i = start + k;
      this.#paths[i] = p;
      this.#nodes[i] = n;
      this.#status[i] = code(statusOf(n));
      this.#submittable[i] = n instanceof Submittable ? 1 : 0;
      this.#index.set(p, i);
      this.#count(i, 1);
    }
    for (let c = Math.floor(start / CHUNK); c <= Math.floor((end - 1) / CHUNK); c++) this.#dirty.add(c);
    return true;
  }

  #count(i: number, by: 1 | -1): void {
    const s = this.#status[i]!;
    this.#counts[s]! += by;
    if (this.#submittable[i] === 1) this.#taskCounts[s]! += by;
    this.#countsChanged = true;
  }

  #views(): void {
    if (!this.#countsChanged) return;
    this.#countsChanged = false;
    this.#countsView = view(this.#counts);
    this.#taskCountsView = view(this.#taskCounts);
  }

  #serialise(): void {
    if (this.#dirty.size === 0) return;
    const paths = this.#paths;
    for (const c of this.#dirty) {
      const end = Math.min(paths.length, (c + 1) * CHUNK);
      let s = '';
      for (let i = c * CHUNK; i < end; i++) {
        // JSON.stringify({ path, status }): keys in this order, compact (a status name needs no escape).
        s += `${i === 0 ? '' : ','}{"path":${JSON.stringify(paths[i])},"status":"${DSTATE_NAMES[this.#status[i]!]}"}`;
      }
      this.#chunks[c] = Buffer.from(s);
    }
    this.#chunks.length = Math.ceil(paths.length / CHUNK);
    this.#dirty.clear();
  }
}

function view(counts: Int32Array): Health['counts'] {
  const out: Health['counts'] = {};
  for (let s = 0; s < counts.length; s++) if (counts[s]! > 0) out[DSTATE_NAMES[s]!] = counts[s];
  return out;
}

/** `node` and what is under it in `get_all_nodes` order, with their paths. */
function walk(node: Node, path: string, out: [string, Node][]): void {
  out.push([path, node]);
  const kids = node instanceof NodeContainer ? node.children : node instanceof Task ? node.aliases : [];
  for (const k of kids) walk(k, `${path}/${k.name}`, out);
}
