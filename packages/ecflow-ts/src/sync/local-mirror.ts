/**
 * A client's local mirror of the server's definition, kept over the client's requests: ecFlow's
 * ClientInvoker::sync_local with the `client_defs` of its ServerReply. It asks `news`, then `sync`
 * or `sync_full`, and applies the replies to a {@link Mirror}; everything it does is serialised.
 */
import type { CallOptions } from '../client/options.js';
import { ctsNodeRequest, CtsNodeApi } from '../commands/cts-node.js';
import { expectReply } from '../commands/command.js';
import { newsCmd, type SyncPoint, syncCmd, syncFullCmd } from '../commands/csync.js';
import { groupCmd } from '../commands/group.js';
import { findNode } from '../defs/find.js';
import type { Defs } from '../defs/model.js';
import { parseNode } from '../defs/parse.js';
import { abortedError, ProtocolError, ServerError } from '../errors.js';
import type { Request } from '../protocol/envelope.js';
import { News, type Reply, type ReplyOf, StcApi } from '../protocol/replies.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FullSyncReason, Mirror, type SyncChange } from './mirror.js';
import { type NodeView, nodeViews } from './records.js';

/** What a {@link LocalMirror} sends its requests through: a `Client` (or anything with its `request`). */
export interface MirrorRequester {
  /** Sends one request and resolves with the server's reply; rejects as `Client.request` does. */
  request(request: Request, call?: CallOptions): Promise<Reply>;
}

/** The options of {@link LocalMirror.watch}. */
export interface WatchOptions extends CallOptions {
  /** Milliseconds between syncs. @default 10000 */
  interval?: number;
  /** Also bring suite calendars that ticked while nothing else changed (see {@link LocalMirror.syncLocal}). @default false */
  suiteClock?: boolean;
}

/**
 * The incremental mirror of one server's definition, synced through a `Client`'s requests. A
 * `Client` keeps one (its `syncLocal`, `getDefs`, `watch`, … are this one's); a `LocalMirror` made
 * over a `Client` keeps a second, independent one.
 */
export class LocalMirror {
  readonly #requester: MirrorRequester;
  readonly #mirror = new Mirror();
  #queue: Promise<unknown> = Promise.resolve();
  #changedNodePaths: readonly string[] = [];
  /** The server had news at the last poll (see #syncLocal). */
  #busy = false;
  /** The last sync brought changes ({@link inSync}). */
  #inSync = false;

  /**
   * An empty mirror; nothing is sent until the first {@link syncLocal}.
   * @param requester the client whose requests the mirror sends.
   */
  constructor(requester: MirrorRequester) {
    this.#requester = requester;
  }

  /** The mirrored definition and its revisions (for caches of what changed). */
  get mirror(): Mirror {
    return this.#mirror;
  }
  /** The mirrored definition; `null` before the first sync and after {@link reset} (Python's `get_defs`). */
  getDefs(): Defs | null {
    return this.#mirror.defs;
  }
  /** The client handle the mirror follows (0: every suite). */
  get handle(): number {
    return this.#mirror.handle;
  }
  /**
   * Follows the suites of `handle` from the next {@link syncLocal} on, which downloads them whole;
   * until then {@link getDefs} still holds what the last sync brought.
   */
  follow(handle: number): void {
    if (handle === this.#mirror.handle) return;
    this.#mirror.handle = handle;
    this.#mirror.stale = true;
  }
  /** The client talks to another server: drop the handle, keep the definition for readers, download anew at the next sync. */
  serverChanged(): void {
    this.#mirror.handle = 0;
    this.#mirror.stale = true;
  }
  /** The mirror's client handle and change numbers. */
  get syncPoint(): SyncPoint {
    return this.#mirror.point();
  }
  /** Paths the last sync received changes for (`/` is the definition); empty after a full sync (Python's `changed_node_paths`). */
  get changedNodePaths(): readonly string[] {
    return this.#changedNodePaths;
  }
  /** Whether the last sync (or {@link getServerDefs}) changed the mirror (Python's `in_sync`). */
  inSync(): boolean {
    return this.#inSync;
  }
  /** Forgets the definition and the client handle; the handle stays registered on the server (Python's `reset`). */
  reset(): void {
    this.#mirror.reset();
    this.#mirror.handle = 0;
    this.#busy = false;
    this.#inSync = false;
    this.#changedNodePaths = [];
  }
  /** Every node of the mirror with its state, flags and the current values of its attributes. */
  nodeViews(): NodeView[] {
    const defs = this.#mirror.defs;
    return defs === null ? [] : nodeViews(defs);
  }

  /**
   * Brings the mirror up to date (Python's `sync_local`): the first call downloads it whole; later
   * calls ask `news` and only when there is news `sync`, applying the server's mementos (while the
   * server keeps having news, `sync` is sent without asking first). The server's `DO_FULL_SYNC`, a
   * restart, a handle change, or a memento the mirror cannot apply give a full download instead.
   *
   * `suiteClock` (Python's `sync_suite_clock`) also brings the calendars of suites where nothing else
   * changed. It is off by default, as in ecFlow's client, because it costs the server a walk of every
   * begun suite after each of its ticks (Suite::collateChanges), where a plain sync walks only the
   * suites that changed.
   */
  syncLocal(options: { suiteClock?: boolean } & CallOptions = {}): Promise<SyncChange> {
    const { signal } = options;
    return this.#serialised(signal, () => this.#syncLocal(options.suiteClock === true, signal));
  }

  /** Downloads the whole definition (`--get`) into the mirror (Python's `get_server_defs`). */
  getServerDefs(call: CallOptions = {}): Promise<Defs> {
    return this.#serialised(call.signal, async () => {
      const request = ctsNodeRequest(CtsNodeApi.GET);
      const reply = expectReply(throwIfError(await this.#requester.request(request, call)), 'DefsCmd', request.text);
      const mirror = this.#mirror;
      mirror.replace(reply.defs, 'first');
      // `get` sends every suite: a mirror restricted to a handle downloads its own at the next sync.
      if (mirror.handle !== 0) mirror.stale = true;
      this.#busy = false;
      this.#inSync = true;
      this.#changedNodePaths = [];
      return mirror.defs!;
    });
  }

  /** Whether the server changed since the mirror's last sync (Python's `news_local`). */
  async newsLocal(call: CallOptions = {}): Promise<boolean> {
    return (await this.#news(this.#mirror.point(), call.signal)) !== News.NO_NEWS;
  }

  /**
   * Syncs every `interval` ms and yields each change set that changed something (the first sync
   * included). Ends when `signal` aborts, also in the middle of a sync (which it stops); a failed
   * sync rejects the iteration.
   */
  async *watch(options: WatchOptions = {}): AsyncGenerator<SyncChange, void, undefined> {
    const interval = options.interval ?? 10_000;
    const signal = options.signal;
    while (signal?.aborted !== true) {
      let change: SyncChange;
      try {
        change = await this.syncLocal(options);
      } catch (error) {
        if (signal?.aborted) return;
        throw error;
      }
      if (change.kind !== 'none') yield change;
      try {
        await sleep(interval, undefined, signal === undefined ? undefined : { signal });
      } catch {
        return;
      }
    }
  }

  /**
   * Sends `request` together with a sync of the mirror in one GroupCTSCmd (ClientInvoker's
   * auto-sync), so the mirror follows what the command changed without a second round trip.
   * Resolves with the command's own reply.
   */
  withSync(request: Request, signal?: AbortSignal): Promise<Reply> {
    return this.#serialised(signal, async () => {
      const mirror = this.#mirror;
      const full = mirror.defs === null || mirror.stale;
      const reply = await this.#requester.request(groupCmd([request, full ? syncFullCmd(mirror.handle) : syncCmd(mirror.point())], false), { signal });
      const replies = reply.type === 'GroupSTCCmd' ? reply.replies : [reply];
      const sync = replies.find((r) => r.type === 'SSyncCmd');
      if (sync?.type === 'SSyncCmd') {
        if (full) this.#applyFull(sync, mirror.defs === null ? 'first' : 'client');
        else await this.#applySync(sync, signal);
      }
      const own = replies.filter((r) => r !== sync);
      const error = own.find((r) => r.type === 'ErrorCmd');
      if (error?.type === 'ErrorCmd') throw new ServerError(error.message);
      // The server leaves plain OKs out of a group's replies.
      return own[0] ?? OK_REPLY;
    });
  }

  /**
   * Applies the definitions and syncs among the replies of a `--group` (a `get`, a `sync`,
   * `fullSync` when the group asked `--sync_full`), after the mirror work under way.
   */
  async applyGroupReplies(replies: readonly Reply[], fullSync: boolean, signal?: AbortSignal): Promise<void> {
    await this.#queue;
    for (const r of replies) {
      if (r.type === 'DefsCmd') {
        this.#mirror.replace(r.defs, 'first');
        this.#inSync = true;
      } else if (r.type === 'SSyncCmd') {
        if (fullSync || this.#mirror.defs === null) this.#applyFull(r, 'first');
        else await this.#applySync(r, signal);
      }
    }
  }

  /**
   * Runs `work` after the mirror work queued before it, one at a time. A call aborted while it
   * waits its turn rejects at once and never runs; the next one still waits for the earlier work.
   */
  #serialised<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    const before = this.#queue;
    const run = signal === undefined ? before.then(work) : waitOrAbort(before, signal).then(work);
    this.#queue = Promise.allSettled([before, run]);
    return run;
  }

  async #news(at: SyncPoint, signal: AbortSignal | undefined): Promise<News> {
    const command = newsCmd(at);
    return command.decode(await this.#requester.request(command, { signal }));
  }

  async #syncLocal(suiteClock: boolean, signal: AbortSignal | undefined): Promise<SyncChange> {
    const mirror = this.#mirror;
    if (mirror.defs === null) return this.#fullSync('first', signal);
    if (mirror.stale) return this.#fullSync('client', signal);
    const at = mirror.point();
    // A server that had news at the last poll is asked for its changes at once: one request
    // instead of two while it is busy; an empty answer brings back the cheap news-first polls
    // (a server walks its whole tree for every sync, but only compares two numbers for news).
    if (!this.#busy) {
      const news = await this.#news(at, signal);
      if (news === News.NO_NEWS) {
        this.#changedNodePaths = [];
        this.#inSync = false;
        return { kind: 'none', changedPaths: [], stateChanges: [], stateChangeNo: at.stateChangeNo, modifyChangeNo: at.modifyChangeNo };
      }
      if (news === News.DO_FULL_SYNC) return this.#fullSync('server', signal);
    }
    const command = syncCmd(at, suiteClock);
    return this.#applySync(command.decode(await this.#requester.request(command, { signal })), signal);
  }

  /** Applies a SYNC reply to the mirror; one that cannot be applied gives a full download instead. */
  async #applySync(reply: ReplyOf<'SSyncCmd'>, signal: AbortSignal | undefined): Promise<SyncChange> {
    let change: SyncChange;
    try {
      change = this.#mirror.apply(reply);
      if (change.clearedPaths !== undefined) await this.#refreshFlags(change.clearedPaths, signal);
    } catch (error) {
      // The mirror may be half updated: never let it drift, download it again (next time, if aborted).
      if (signal?.aborted) {
        this.#mirror.stale = true;
        throw error;
      }
      change = await this.#fullSync('recovery', signal);
      change.error = error instanceof Error ? error : new Error(String(error));
    }
    if (change.kind === 'incremental' && change.changedPaths.length === 0) change.kind = 'none';
    this.#busy = change.kind === 'incremental';
    this.#changedNodePaths = change.changedPaths;
    this.#inSync = change.kind !== 'none';
    return change;
  }

  /** Sets the flags of nodes whose flag change the server left out of a sync (see SyncChange.clearedPaths). */
  async #refreshFlags(paths: readonly string[], signal: AbortSignal | undefined): Promise<void> {
    const defs = this.#mirror.defs;
    if (defs === null) return;
    for (const path of paths) {
      const node = findNode(defs, path);
      if (node === undefined) continue;
      const request = ctsNodeRequest(CtsNodeApi.GET, path);
      const reply = throwIfError(await this.#requester.request(request, { signal }));
      if (reply.type !== 'SNodeCmd') throw new ProtocolError(`${request.text}: expected SNodeCmd, got ${reply.type}`);
      node.flags = parseNode(reply.node).flags;
      this.#mirror.touch(node);
    }
  }

  async #fullSync(reason: FullSyncReason, signal: AbortSignal | undefined): Promise<SyncChange> {
    const command = syncFullCmd(this.#mirror.handle);
    return this.#applyFull(command.decode(await this.#requester.request(command, { signal })), reason);
  }

  #applyFull(reply: ReplyOf<'SSyncCmd'>, reason: FullSyncReason): SyncChange {
    this.#busy = false;
    // A SYNC_FULL reply carries the definition without flagging it as full.
    const change = this.#mirror.apply(reply.serverDefs !== '' || reply.fullDefs ? reply : { ...reply, fullDefs: true }, reason);
    this.#changedNodePaths = change.changedPaths;
    this.#inSync = true;
    return change;
  }
}

const OK_REPLY: Reply = { type: 'StcCmd', api: StcApi.OK };

function throwIfError(reply: Reply): Reply {
  if (reply.type === 'ErrorCmd') throw new ServerError(reply.message);
  return reply;
}

/** Resolves when `before` settles, or rejects as soon as `signal` aborts. */
function waitOrAbort(before: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(abortedError(signal, 'waiting for the mirror'));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal, 'waiting for the mirror'));
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    before.then(done, done);
  });
}
