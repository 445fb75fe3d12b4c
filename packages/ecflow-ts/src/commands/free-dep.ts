import { type Command, ok, Timeout, ctsApiToString } from './command.js';
import { type Action, type CliContext, type CommandModule, fail, lines, splitPaths } from './option.js';

/** Which dependencies {@link Client.freeDep} frees; triggers when none is chosen. */
export interface FreeDepOptions {
  /** Free trigger dependencies. @default true when no other option is given */
  trigger?: boolean;
  /** Free every dependency (trigger, date, time, …). @default false */
  all?: boolean;
  /** Free date/day dependencies. @default false */
  date?: boolean;
  /** Free time/today/cron dependencies; the time slot is then missed. @default false */
  time?: boolean;
}

/** FreeDepCmd: frees the dependencies of nodes so that they can run. */
export function freeDepCmd(paths: readonly string[], options: FreeDepOptions = {}): Command<void> {
  const { all = false, date = false, time = false } = options;
  const trigger = options.trigger ?? (!all && !date && !time);
  const words = ['--free-dep', ...(all ? ['all'] : [...(trigger ? ['trigger'] : []), ...(date ? ['date'] : []), ...(time ? ['time'] : [])])];
  const text = ctsApiToString([...words, ...paths]);
  return {
    cls: 'FreeDepCmd',
    base: 'user',
    fields: () => ({ paths_: [...paths], trigger_: trigger, all_: all, date_: date, time_: time }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: true,
    decode: ok(text),
  };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const HELP = lines(
      'Release the dependencies holding nodes; triggers unless told otherwise.',
      'Releasing time dependencies (time, today, cron) skips the time slot they were waiting for.',
      '  arg1 = (optional) trigger',
      '  arg2 = (optional) all',
      '         release triggers, dates and every time dependency',
      '  arg3 = (optional) date',
      '         release date dependencies',
      '  arg4 = (optional) time',
      '         release every time dependency: time, day, today, cron',
      "  arg5 = list of paths, at least one, each starting with '/'",
      'Usage:',
      '  --free-dep=/s1/t1 /s2/t2   # release the triggers of tasks t1 and t2',
      '  --free-dep=all /s1/f1/t1   # release everything holding /s1/f1/t1',
      '  --free-dep=date /s1/f1     # release the date dependencies of /s1/f1',
    );

function freeDep(values: string[], _ctx: CliContext): Action {
  const { options, paths } = splitPaths(values);
  if (paths.length === 0) fail(`FreeDepCmd: No paths specified. Paths must begin with a leading '/' character\n${HELP}\n`);
  const flags = { trigger: options.length === 0, all: false, date: false, time: false };
  for (const o of options) {
    if (o === 'trigger' || o === 'all' || o === 'date' || o === 'time') flags[o] = true;
    else fail(`FreeDepCmd: Invalid argument(${o})\n${HELP}\n`);
  }
  return { request: freeDepCmd(paths, flags) };
}

/** FreeDepCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const FreeDepCmd = {
  cls: 'FreeDepCmd',
  request: freeDepCmd,
  client: ['freeDep', 'freeTriggerDep', 'freeDateDep', 'freeTimeDep', 'freeAllDep'],
  options: {
    'free-dep': {
      value: 'many',
      description: HELP,
      run: freeDep,
    },
  },
} as const satisfies CommandModule;
