import { ArgumentError } from '../errors.js';
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
    guard: async () => refuseCycle(source, dest),
    decode: ok(text),
  };
}


/**
 * Moving a node below itself makes ecflow_server (5.9.2 to 5.17.0) loop for ever: it adds the node
 * as a child of its own descendant (or, for a task destination, of the task's parent). Refused for
 * this server's paths; `host:port/path` may name another server, where the path is free.
 */
function refuseCycle(source: string, dest: string): void {
  const path = dest.startsWith('/') ? dest : undefined;
  if (path === undefined || source === '/' || !path.startsWith(`${source}/`)) return;
  throw new ArgumentError(`PlugCmd: refused to move ${source} below itself (${dest}): ecflow_server would never answer again.`);
}
