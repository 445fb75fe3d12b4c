/**
 * The aborted tasks of one server with when the watchman first saw each aborted. ecFlow keeps no
 * wall-clock time of a state change, so `since` is the time of the first scrape that saw the task
 * aborted (with this try number); times already in Redis from an earlier run are kept.
 */
import { type Defs, Submittable, forEachNode } from 'ecflow-ts';
import type { AbortedTask } from './view.js';

export class AbortedTracker {
  #current: AbortedTask[] = [];
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

  /** Recomputes the list from the mirror; returns whether it changed. */
  update(defs: Defs, now: Date): boolean {
    const before = new Map(this.#current.map((t) => [t.path, t]));
    const next: AbortedTask[] = [];
    forEachNode(defs, (node, path) => {
      if (!(node instanceof Submittable) || node.state !== 'aborted') return;
      const was = before.get(path) ?? this.#earlier.get(path);
      const since = was !== undefined && was.tryNo === node.tryNo ? was.since : now.toISOString();
      next.push({ path, since, reason: node.abortedReason, tryNo: node.tryNo });
    });
    return this.#set(next);
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
    this.#json = json;
    return true;
  }
}
