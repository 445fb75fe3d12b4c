import { cliText, type Command, ok, Timeout } from './command.js';
import { type Action, type CommandModule, lines, splitPaths, UsageError } from './option.js';

/** RequeueNodeCmd::Option */
export const RequeueOption = { NO_OPTION: 0, ABORT: 1, FORCE: 2 } as const;
export type RequeueOption = (typeof RequeueOption)[keyof typeof RequeueOption];

const optionName = { [RequeueOption.NO_OPTION]: [], [RequeueOption.ABORT]: ['abort'], [RequeueOption.FORCE]: ['force'] };

/** RequeueNodeCmd: puts nodes back to queued (ABORT: only aborted tasks below; FORCE: even if active). */
export function requeueNodeCmd(paths: readonly string[], option: RequeueOption = RequeueOption.NO_OPTION): Command<void> {
  const text = cliText('--requeue', optionName[option], paths);
  return {
    cls: 'RequeueNodeCmd',
    base: 'user',
    fields: () => ({ paths_: [...paths], option_: option }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: true,
    decode: ok(text),
  };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const HELP = lines(
      'Put nodes back to queued, ready to run again.',
      '  Suspended children of the nodes are resumed as part of this.',
      'Repeats go back to their first value and relative time attributes restart.',
      '  arg1 = (optional) [ abort | force ]',
      '         abort  = requeue only the aborted tasks below the node',
      '         force  = requeue even when tasks below are active or submitted',
      '         <null> = do nothing when tasks below are active or submitted,',
      '                  requeue the node otherwise',
      "  arg2 = list of node paths, each starting with '/'",
      '',
      'Usage:',
      '  --requeue=abort /suite/f1  # requeue the aborted tasks below /suite/f1',
      '  --requeue=force /suite/f1  # requeue /suite/f1 and everything below it; zombies may follow',
      "  --requeue=/s1/f1/t1 /s1/t2 # requeue nodes '/s1/f1/t1' and '/s1/t2'",
    );

function requeue(values: string[]): Action {
  const { options, paths } = splitPaths(values);
  if (paths.length === 0) throw new UsageError(`RequeueNodeCmd: No paths specified. At least one path expected. Paths must begin with a leading '/' character\n${HELP}\n`);
  let option: RequeueOption = RequeueOption.NO_OPTION;
  for (const o of options) {
    if (o === 'abort') option = RequeueOption.ABORT;
    else if (o === 'force') option = RequeueOption.FORCE;
    else throw new UsageError(`RequeueNodeCmd: RequeueNodeCmd: Expected : [force | abort ] paths.\n${HELP}\n`);
  }
  if (options.length > 1) throw new UsageError(`RequeueNodeCmd: Expected only a single option i.e [ force | abort ]\n${HELP}\n`);
  return { request: requeueNodeCmd(paths, option) };
}

/** RequeueNodeCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const RequeueNodeCmd = {
  cls: 'RequeueNodeCmd',
  request: requeueNodeCmd,
  client: ['requeue'],
  options: {
    requeue: {
      value: 'many',
      description: HELP,
      run: requeue,
    },
  },
} as const satisfies CommandModule;
