/**
 * The aborted tasks of one server with when the watchman first saw each aborted. ecFlow keeps no
 * wall-clock time of a state change, so `since` is the time of the first scrape that saw the task
 * aborted (with this try number); times already in Redis from an earlier run are kept.
 */
import { type Defs, Submittable, findNode, forEachNode } from 'ecflow-ts';
import type { AbortedTask } from './view.js';

export class AbortedTracker {
  #current: AbortedTask[] = [];
  /** {@link #current} by path. */
  #byPath = new Map<string, AbortedTask>();
  #json = '[]';
  /** What an earlier run wrote, by path. */
  #earlier = new Map<string, AbortedTask>();

  get list(): readonly AbortedTask[] {
    return this.#current;
  }
  /** The list as written to Redis. */
  get json(): string {
    return this.#json;
  }

  /** Recomputes the list from the whole mirror; returns whether it changed. */
  update(defs: Defs, now: Date): boolean {
    const next: AbortedTask[] = [];
    forEachNode(defs, (node, path) => {
      if (node instanceof Submittable && node.state === 'aborted') next.push(this.#entry(node, path, now));
    });
    return this.#set(next);
  }

  /**
   * Updates the list for the nodes at `paths` only, those an incremental sync changed (a task's
   * reason or try number can change while it stays aborted: its path is among them then), keeping
   * the list in the order `position` gives (the definition's); returns whether it changed.
   */
  updatePaths(defs: Defs, paths: readonly string[], now: Date, position: (path: string) => number): boolean {
    let next: Map<string, AbortedTask> | null = null;
    for (const path of paths) {
      if (path === '/') continue;
      const node = findNode(defs, path);
      const was = this.#byPath.get(path);
      if (node instanceof Submittable && node.state === 'aborted') {
        const entry = this.#entry(node, path, now);
        if (was !== undefined && was.since === entry.since && was.reason === entry.reason && was.tryNo === entry.tryNo) continue;
        (next ??= new Map(this.#byPath)).set(path, entry);
      } else if (was !== undefined) (next ??= new Map(this.#byPath)).delete(path);
    }
    if (next === null) return false;
    return this.#set([...next.values()].sort((a, b) => position(a.path) - position(b.path)));
  }

  #entry(node: Submittable, path: string, now: Date): AbortedTask {
    const was = this.#byPath.get(path) ?? this.#earlier.get(path);
    const since = was !== undefined && was.tryNo === node.tryNo ? was.since : now.toISOString();
    return { path, since, reason: node.abortedReason, tryNo: node.tryNo };
  }

  /** Takes the earlier `since` of tasks that an earlier run saw aborted with the same try number. */
  seed(earlier: unknown): boolean {
    if (!Array.isArray(earlier)) return false;
    const old = new Map<string, AbortedTask>();
    for (const t of earlier as unknown[]) {
      const task = t as Partial<Record<keyof AbortedTask, unknown>> | null;
      if (task !== null && typeof task === 'object' && typeof task.path === 'string' && typeof task.since === 'string') old.set(task.path, t as AbortedTask);
    }
    this.#earlier = old;
    const next = this.#current.map((t) => {
      const o = old.get(t.path);
      return o !== undefined && o.tryNo === t.tryNo && o.since < t.since ? { ...t, since: o.since } : t;
    });
    return this.#set(next);
  }

  #set(next: AbortedTask[]): boolean {
    const json = JSON.stringify(next);
    if (json === this.#json) return false;
    this.#current = next;
    this.#byPath = new Map(next.map((t) => [t.path, t]));
    this.#json = json;
    return true;
  }
}
