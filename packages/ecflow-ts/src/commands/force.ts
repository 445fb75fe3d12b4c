import { ArgumentError } from '../errors.js';
import type { Request } from '../protocol/envelope.js';
import { type Command, ok, Timeout, truncatedPaths } from './command.js';
import { type Action, type CommandModule, lines, splitPaths, UsageError } from './option.js';
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

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const HELP = lines(
      'Set nodes to a given state, or set/clear an event, regardless of dependencies.',
      'A task forced to complete may be requeued at once when it has time slots still ahead;',
      'each forced completion uses up one slot, and after the last one the task stays complete.',
      'This is also a way to step a repeat forward by hand: a repeat advances once all its',
      'children are complete, and the children are then requeued.',
      '  arg1 = [ unknown | complete | queued | submitted | active | aborted | clear | set ]',
      '  arg2 = (optional) recursive',
      '         apply the state to the node and everything below it',
      '  arg3 = (optional) full',
      '         with recursive only: also move repeats to their last value',
      "  arg4 = path_to_node or path_to_node:<event>: paths start with '/'",
      'Usage:',
      '  --force=complete /suite/t1 /suite/t2   # make tasks t1 and t2 complete',
      "  --force=clear /suite/task:ev           # clear event 'ev' of /suite/task",
      '  --force=complete recursive /suite/f1   # make /suite/f1 and all below it complete',
      'Effect:',
      '  Say it is 09:00 and the definition is',
      '  suite s1',
      '     task t1; time 12:00             # complete at once',
      '     task t2; time 10:00 13:00 01:00 # complete only after the fourth attempt',
      '',
      '  --force=complete /s1/t1 /s1/t2',
      '  With a time range, as for t2, the task is requeued and moves on to the next slot',
      '  after each forced completion, until no slot is left and it stays complete.',
      '  The why command tells which slot comes next.',
    );

function force(values: string[]): Action {
  if (values.length < 2) throw new UsageError(`ForceCmd: At least two arguments expected for Force. Found ${values.length}\n${HELP}\n`);
  const { options, paths } = splitPaths(values, true);
  if (paths.length === 0) throw new UsageError(`ForceCmd: No paths specified. Paths must begin with a leading '/' character\n${HELP}\n`);
  const expected = '[ unknown | complete | queued | submitted | active | aborted | clear | set]';
  if (options.length === 0) throw new UsageError(`ForceCmd: Invalid argument list. Expected of:\n${expected}\n${HELP}\n`);
  let recursive = false;
  let full = false;
  let target: ForceTarget | undefined;
  for (const o of options) {
    const lower = o.toLowerCase();
    if (lower === 'recursive') recursive = true;
    else if (lower === 'full') full = true;
    else if ((ForceTarget as readonly string[]).includes(o)) target = o as ForceTarget;
    else throw new UsageError(`ForceCmd: Invalid argument \n${HELP}\n`);
  }
  if (!target) throw new UsageError(`ForceCmd: Invalid node state or event expected one of:\n${expected}\n`);
  if (target === 'set' || target === 'clear') {
    for (const p of paths) {
      const colon = p.lastIndexOf(':');
      if (colon <= 0 || colon === p.length - 1) {
        throw new UsageError("ForceCmd: When 'set' or 'clear' is specified the path needs to include name of the event i.e\n --force=/path/to_task:event_name set\n");
      }
    }
  }
  return { request: forceCmd(paths, target, { recursive, full }) };
}

/** ForceCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const ForceCmd = {
  cls: 'ForceCmd',
  request: forceCmd,
  client: ['force'],
  options: {
    force: {
      value: 'many',
      description: HELP,
      run: force,
    },
  },
} as const satisfies CommandModule;
