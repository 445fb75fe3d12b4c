import { ArgumentError } from '../errors.js';
import { type Command, ok, Timeout, ctsApiToString } from './command.js';
import { type Action, type CliContext, type CommandModule, lines, UsageError } from './option.js';

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

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const HELP = lines(
      'Move a node to another place, possibly in another server.',
      "For another server, write the destination as '<host>:<port>/suite/family/task'.",
      '  arg1 = path to source node',
      '  arg2 = path to the destination node',
      'The move fails when:',
      '- the source node is active or submitted',
      '- somebody else holds the lock',
      '- the source or destination path does not exist in its server',
      '- the destination has no path (host:port alone) and the source',
      '  is not a suite',
      '- the source would become a child whose name is already taken',
      '  among its new siblings',
      'Usage:',
      '  --plug=/suite macX:3141  # move the suite to the server on host macX, port 3141',
    );

function plug(values: string[], _ctx: CliContext): Action {
  if (values.length !== 2) throw new UsageError(`PlugCmd: Two arguments are expected, found ${values.length}\n${HELP}\n`);
  return { request: plugCmd(values[0]!, values[1]!) };
}

/** PlugCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const PlugCmd = {
  cls: 'PlugCmd',
  request: plugCmd,
  client: ['plug'],
  options: {
    plug: {
      value: 'many',
      description: HELP,
      run: plug,
    },
  },
} as const satisfies CommandModule;
