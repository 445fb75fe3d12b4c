import { cliText, type Command, ok, Timeout } from './command.js';
import { type Action, type CommandModule, lines, splitPaths, UsageError } from './option.js';

/** RunNodeCmd: submits tasks now, ignoring their dependencies (`force`: even if already active). */
export function runNodeCmd(paths: readonly string[], force = false): Command<void> {
  const text = cliText('--run', force ? ['force'] : [], paths);
  return {
    cls: 'RunNodeCmd',
    base: 'user',
    fields: () => ({ paths_: [...paths], force_: force }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: true,
    decode: ok(text),
  };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const HELP = lines(
      'Submit tasks now, disregarding triggers, limits and time or date dependencies.',
      'A finished job may be requeued by the server when the task has a cron or more time',
      'slots ahead; every run uses up one time slot.',
      'A task run early is flagged so that it is not requeued automatically for that slot.',
      'Repeats advance once all children are complete, and the children are then requeued,',
      'so running the children is one way to step a repeat forward.',
      '  arg1 = (optional)force',
      '         run even when tasks below are active or submitted;',
      '         this can leave zombies behind',
      "  arg2 = node path(s), each starting with '/'.",
      '         For a suite or family every task below it is run.',
      '         Do not name the same task twice through different paths.',
      'Example:',
      '  --run=/suite/t1                    # run task t1',
      'Effect:',
      '     task t1; time 12:00             # completes after the manual run',
      '     task t2; time 10:00 13:00 01:00 # needs four runs before it completes',
      ' With a time range, as for t2, each run moves on to the next slot until none',
      ' are left, and only then does the task complete.',
      ' The why command tells which slot comes next.',
    );

function run(values: string[]): Action {
  const { options, paths } = splitPaths(values);
  if (paths.length === 0) throw new UsageError(`RunNodeCmd: No paths specified. Paths must begin with a leading '/' character\n${HELP}\n`);
  if (options.length > 1) throw new UsageError(`RunNodeCmd: Invalid arguments. Expected a single optional 'force'\n${HELP}\n`);
  if (options.length === 1 && !options[0]!.includes('force')) throw new UsageError(`RunNodeCmd: Expected force <path(s)>\n${HELP}\n`);
  return { request: runNodeCmd(paths, options.length === 1) };
}

/** RunNodeCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const RunNodeCmd = {
  cls: 'RunNodeCmd',
  request: runNodeCmd,
  client: ['run'],
  options: {
    run: {
      value: 'many',
      description: HELP,
      run: run,
    },
  },
} as const satisfies CommandModule;
