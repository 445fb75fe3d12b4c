import { ArgumentError } from '../errors.js';
import type { Request } from '../protocol/envelope.js';
import { type Command, ok, Timeout, truncatedPaths } from './command.js';
import { queryCmd } from './query.js';

/** What `--force` accepts: a node state, or set/clear for `path:event` arguments. */
export const ForceTarget = ['unknown', 'complete', 'queued', 'submitted', 'active', 'aborted', 'set', 'clear'] as const;
/** One of the names in {@link ForceTarget}. */
export type ForceTarget = (typeof ForceTarget)[number];

/** How {@link Client.force} applies. */
export interface ForceOptions {
  /** Apply to every node below each path too. @default false */
  recursive?: boolean;
  /** With `complete` and recursive: also set repeats to their last value. @default false */
  full?: boolean;
}

/** ForceCmd: forces nodes into a state, or sets/clears events (`/path:event`). */
export function forceCmd(paths: readonly string[], target: ForceTarget, options: ForceOptions = {}): Command<void> {
  const { recursive = false, full = false } = options;
  const head = [`--force=${target}`, ...(recursive ? ['recursive'] : []), ...(full ? ['full'] : [])];
  const text = truncatedPaths(head, paths);
  return {
    cls: 'ForceCmd',
    base: 'user',
    fields: () => ({ paths_: [...paths], stateOrEvent_: target, recursive_: recursive, setRepeatToLastValue_: full }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: true,
    ...(target === 'complete' ? { guard: (ask: (r: Request) => Promise<unknown>) => refuseUnbegun(paths, ask) } : {}),
    decode: ok(text),
  };
}

/**
 * Forcing a node complete in a suite that was never begun makes every ecflow_server from 5.9.2 to
 * 5.17.0 abort as soon as a repeat above it loops: the requeue resets time attributes against a
 * suite calendar that `begin` never initialised (TimeSeries.cpp, "init has not been called on
 * calendar"). `begin` resets every state anyway, so nothing is lost by refusing. A suite that was
 * never begun is the only kind whose state is `unknown`.
 */
async function refuseUnbegun(paths: readonly string[], ask: (r: Request) => Promise<unknown>): Promise<void> {
  const suites = new Set(paths.map((p) => p.split('/')[1] ?? '').filter((s) => s !== '' && !s.includes(':')));
  for (const suite of suites) {
    const query = queryCmd('state', `/${suite}`);
    let state: string;
    try {
      state = query.decode((await ask(query)) as Parameters<typeof query.decode>[0]);
    } catch {
      continue; // no such suite: the server's own answer to the force says so
    }
    if (state === 'unknown') {
      throw new ArgumentError(`ForceCmd: refused to force nodes of /${suite} complete: the suite has not been begun, and ecflow_server aborts when a repeat in a suite that was never begun loops. Begin the suite first.`);
    }
  }
}
