/**
 * A local copy of a server's definition kept current from `SSyncCmd` replies: a full definition
 * replaces it, an incremental one has its mementos applied in order (CompoundMemento::incremental_sync).
 */
import type { SyncPoint } from '../commands/csync.js';
import { findNode } from '../defs/find.js';
import type { Defs, Node } from '../defs/model.js';
import { parseDefsWithPaths } from '../defs/parse.js';
import type { SStateName } from '../defs/states.js';
import type { JsonObject } from '../protocol/cereal.js';
import type { ReplyOf } from '../protocol/replies.js';
import { since } from '../versions.js';
import * as J from './json.js';
import { applierOf, clearAttributes } from './mementos.js';
import { forEachNode, forEachNodeUnder, type NodeStatus, statusOf } from './records.js';

/** A node whose status (`DState`: its state, or `suspended`) changed in a sync. */
export interface StateChange {
  /** The node's absolute path (`/` for the definition). */
  path: string;
  /** `null` when the node is new. */
  old: NodeStatus | null;
  /** `null` when the node was removed. */
  new: NodeStatus | null;
}

/**
 * Why a sync downloaded the whole definition: the first sync, the server's decision (a restart, a
 * large change), recovery from a change the mirror could not apply, or the client's own change of
 * what it follows (a client handle, another server).
 */
export type FullSyncReason = 'first' | 'server' | 'recovery' | 'client';

/** What one sync did to the mirror. */
export interface SyncChange {
  /** `none`: the server had no news; `incremental`: mementos applied; `full`: the definition was replaced. */
  kind: 'none' | 'incremental' | 'full';
  /** Set when `kind` is `full`: the first sync, the server's decision (restart, large change, handle), or recovery from an error. */
  reason?: FullSyncReason;
  /** The error an incremental sync failed with, when `reason` is `recovery`. */
  error?: Error;
  /** Paths the server sent changes for, in its order (`/` is the definition); empty after a full sync. */
  changedPaths: string[];
  /** Status changes, root (`/`) included; after a first sync, empty. */
  stateChanges: StateChange[];
  /**
   * Nodes whose attributes the server re-sent whole (`clear_attributes_`) without their flags:
   * a server older than 5.13.0 sends no flag change for such a node (Node::incremental_changes
   * returns early), so the client fetches their flags itself. Absent for a 5.13+ server, which
   * ends such a compound with the node's `FlagMemento` (`clearedAttributesFlag` in versions.ts).
   */
  clearedPaths?: string[];
  /**
   * Nodes whose children (or a task's aliases) the sync replaced or reordered (`ChildrenMemento`,
   * `AliasChildrenMemento`, `OrderMemento`; `/` for the suites' order), in the server's order:
   * what is under them may be other nodes than before, where every other path of
   * {@link changedPaths} is the same node changed in place. Absent when there are none; a full
   * sync replaces everything and lists none.
   */
  structuralPaths?: string[];
  /**
   * What the mirror left out because this client does not know its class, e.g.
   * `/s/t: repeat R of class RepeatX` (an attribute of a later ecFlow release); the rest of the
   * sync was applied. A full download leaves out the same.
   */
  ignored?: string[];
  /** The server state before and after, when it changed. */
  serverState?: {
    /** The state before the sync. */
    old: SStateName;
    /** The state after it. */
    new: SStateName;
  };
  /** The definition's state change number after the sync. */
  stateChangeNo: number;
  /** The definition's modify change number after the sync. */
  modifyChangeNo: number;
}

/**
 * A local copy of a server's definition, kept current by applying sync replies to it
 * ({@link Mirror.apply}); {@link Client.syncLocal} keeps one per client. Readers use `defs`
 * directly and {@link Mirror.revision} / {@link Mirror.changedAt} to tell what changed.
 */
export class Mirror {
  /** The mirrored definition; `null` before the first full sync and after {@link reset}. */
  defs: Defs | null = null;
  /** Client handle the mirror is restricted to (0: every suite). */
  handle = 0;
  /** The next sync must download the whole definition; `defs` is kept for readers until then. */
  stale = false;
  /**
   * Whether a full sync leaves each task's attribute lines in the server's text until one of the
   * task's attributes is first used (defs/parser/deferred.ts): a reader of states alone never
   * pays for them. A reader of every node's attributes (a watchman writing every node's view)
   * reads them sooner at once, and sets it to false. @default true
   */
  deferAttributes = true;
  #revision = 0;
  /** Revision of each node's last in-place change; nodes a sync creates are new objects, not here. */
  readonly #stamps = new WeakMap<Node, number>();

  /** Counts the mirror's changes: caches of per-node data note it when they build an entry. */
  get revision(): number {
    return this.#revision;
  }
  /**
   * The revision at which `node` was last changed in place (0: never since it was created). Data
   * derived from the node at revision r is current while `changedAt(node) <= r`.
   */
  changedAt(node: Node): number {
    return this.#stamps.get(node) ?? 0;
  }
  /** Records a change made to `node` outside a sync (its flags fetched apart, say). */
  touch(node: Node): void {
    this.#stamps.set(node, ++this.#revision);
  }

  /** The sync point to send: handle and the mirror's change numbers. */
  point(): SyncPoint {
    return { handle: this.handle, stateChangeNo: this.defs?.stateChangeNo ?? 0, modifyChangeNo: this.defs?.modifyChangeNo ?? 0 };
  }

  /** Forgets the definition, so the next sync is a full one. */
  reset(): void {
    this.defs = null;
    this.stale = false;
  }

  /** Applies a sync reply: whole definition text, or the server's mementos. */
  apply(reply: ReplyOf<'SSyncCmd'>, reason: FullSyncReason = 'server'): SyncChange {
    if (reply.serverDefs !== '') return this.replace(reply.serverDefs, reason);
    if (reply.fullDefs) return this.replace(reply.defs, reason);
    return this.#incremental(reply.delta.compoundMementos, reply.delta.serverStateChangeNo, reply.delta.serverModifyChangeNo);
  }

  /**
   * Replaces the mirror with a parsed full definition (NET text), read as the release in its
   * `#5.17.0` header reads it (parseDefs' default). A task's attribute lines are read at the first
   * use of one of its attributes (defs/parser/deferred.ts), unless {@link deferAttributes} is false.
   */
  replace(text: string, reason: FullSyncReason): SyncChange {
    const old = this.defs;
    const defs = parseDefsWithPaths(text, { check: false }, { defer: this.deferAttributes });
    this.defs = defs;
    this.stale = false;
    const change: SyncChange = {
      kind: 'full',
      reason,
      changedPaths: [],
      stateChanges: old === null ? [] : diffStatuses(statusMap(old), statusMap(defs)),
      stateChangeNo: defs.stateChangeNo,
      modifyChangeNo: defs.modifyChangeNo,
    };
    if (old !== null && old.serverState !== defs.serverState) change.serverState = { old: old.serverState, new: defs.serverState };
    return change;
  }

  #incremental(compounds: readonly JsonObject[], stateChangeNo: number, modifyChangeNo: number): SyncChange {
    const defs = this.defs;
    if (defs === null) throw new J.MementoShapeError('an incremental sync needs a definition to apply to');
    const change: SyncChange = { kind: 'incremental', changedPaths: [], stateChanges: [], stateChangeNo, modifyChangeNo };
    const oldServerState = defs.serverState;
    const seen = new Set<string>();
    const revision = ++this.#revision;
    const decode: J.DecodeContext = { version: defs.version, ignored: [] };
    // An unknown release may be one that leaves the flags out: fetch them rather than guess.
    const flagsSent = defs.version !== undefined && since(defs.version, 'clearedAttributesFlag');
    for (const compound of compounds) {
      const path = J.str(compound, 'absNodePath_');
      if (!seen.has(path)) {
        seen.add(path);
        change.changedPaths.push(path);
      }
      const applied = applyCompound(defs, path, compound, change.stateChanges, this.#stamps, revision, decode);
      if ((applied & CLEARED) !== 0 && !flagsSent) (change.clearedPaths ??= []).push(path);
      if ((applied & STRUCTURAL) !== 0) (change.structuralPaths ??= []).push(path);
    }
    if (decode.ignored.length > 0) change.ignored = decode.ignored;
    defs.stateChangeNo = stateChangeNo;
    defs.modifyChangeNo = modifyChangeNo;
    if (defs.serverState !== oldServerState) change.serverState = { old: oldServerState, new: defs.serverState };
    return change;
  }
}

/** What {@link applyCompound} did besides applying: cleared the node's attributes, changed what is under it. */
const CLEARED = 1;
const STRUCTURAL = 2;

/** Mementos that replace or reorder what is under a node. */
function isStructural(m: JsonObject): boolean {
  return m.$class === 'ChildrenMemento' || m.$class === 'AliasChildrenMemento' || m.$class === 'OrderMemento';
}

/** Applies one CompoundMemento; returns {@link CLEARED} and/or {@link STRUCTURAL}. */
function applyCompound(
  defs: Defs,
  path: string,
  compound: JsonObject,
  changes: StateChange[],
  stamps: WeakMap<Node, number>,
  revision: number,
  decode: J.DecodeContext,
): number {
  const vec = J.objs(compound, 'vec_');
  const structural = vec.some(isStructural);
  if (path === '/') {
    const before = defs.state;
    for (const m of vec) applierOf(m.$class).defs?.(defs, m);
    if (defs.state !== before) changes.push({ path: '/', old: before, new: defs.state });
    return structural ? STRUCTURAL : 0;
  }
  const node = findNode(defs, path);
  if (node === undefined) {
    throw new J.MementoShapeError(`could not find path ${path}; the mirror has the suites ${defs.suites.map((s) => s.name).join(',')}`);
  }
  // A new child list changes a whole subtree: compare it node by node.
  const before = structural ? subtreeStatuses(node) : null;
  const status = statusOf(node);
  stamps.set(node, revision);
  const cleared = J.bool(compound, 'clear_attributes_');
  if (cleared) clearAttributes(node);
  const ctx = { path, cleared, matched: new Map<string, number>(), decode };
  for (const m of vec) applierOf(m.$class).node?.(node, m, ctx);
  if (before !== null) changes.push(...diffStatuses(before, subtreeStatuses(node)));
  else if (statusOf(node) !== status) changes.push({ path, old: status, new: statusOf(node) });
  return (cleared ? CLEARED : 0) | (structural ? STRUCTURAL : 0);
}

function subtreeStatuses(node: Node): Map<string, NodeStatus> {
  const out = new Map<string, NodeStatus>();
  forEachNodeUnder(node, node.absNodePath(), (n, path) => out.set(path, statusOf(n)));
  return out;
}

function statusMap(defs: Defs): Map<string, NodeStatus> {
  const out = new Map<string, NodeStatus>([['/', defs.state]]);
  forEachNode(defs, (n, path) => out.set(path, statusOf(n)));
  return out;
}

function diffStatuses(before: ReadonlyMap<string, NodeStatus>, after: ReadonlyMap<string, NodeStatus>): StateChange[] {
  const out: StateChange[] = [];
  for (const [path, now] of after) {
    const was = before.get(path);
    if (was !== now) out.push({ path, old: was ?? null, new: now });
  }
  for (const [path, was] of before) if (!after.has(path)) out.push({ path, old: was, new: null });
  return out;
}
