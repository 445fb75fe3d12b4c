import { type Command, ok, Timeout, truncatedPaths } from './command.js';

/** What `--force` accepts: a node state, or set/clear for `path:event` arguments. */
export const ForceTarget = ['unknown', 'complete', 'queued', 'submitted', 'active', 'aborted', 'set', 'clear'] as const;
export type ForceTarget = (typeof ForceTarget)[number];

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
    decode: ok(text),
  };
}
