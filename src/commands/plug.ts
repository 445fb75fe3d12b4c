import { type Command, ok, Timeout, ctsApiToString } from './command.js';

/**
 * PlugCmd: moves the node at `source` under `dest` (or next to it, when both share a parent).
 * `dest` may name another server as `host:port/path` (`host:port` alone moves a whole suite); the
 * server then forwards the node there itself (MoveCmd) and removes it locally.
 */
export function plugCmd(source: string, dest: string): Command<void> {
  const text = ctsApiToString([`--plug=${source}`, dest]);
  return {
    cls: 'PlugCmd',
    base: 'user',
    fields: () => ({ source_: source, dest_: dest }),
    timeout: Timeout.PLUG,
    text,
    updatesDefs: true,
    decode: ok(text),
  };
}

