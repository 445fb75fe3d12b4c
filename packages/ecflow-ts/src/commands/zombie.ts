import type { Zombie } from '../protocol/replies.js';
import { type Command, ok, Timeout, ctsApiToString } from './command.js';
import { type Action, type CliContext, type CommandModule, lines, splitPaths, UsageError } from './option.js';

/** ecf::User::Action: what the server does with the next child command of a zombie. */
export const ZombieAction = { FOB: 0, FAIL: 1, ADOPT: 2, REMOVE: 3, BLOCK: 4, KILL: 5 } as const;
export type ZombieAction = (typeof ZombieAction)[keyof typeof ZombieAction];

const name: Record<ZombieAction, string> = {
  [ZombieAction.FOB]: 'fob',
  [ZombieAction.FAIL]: 'fail',
  [ZombieAction.ADOPT]: 'adopt',
  [ZombieAction.REMOVE]: 'remove',
  [ZombieAction.BLOCK]: 'block',
  [ZombieAction.KILL]: 'kill',
};

/**
 * ZombieCmd: sets the action of the zombies of the tasks at `paths` (the first zombie of each task
 * whose password does not match). `processId` and `password` pick one zombie exactly and need a
 * single path; ecflow_client never sends them.
 */
export function zombieCmd(action: ZombieAction, paths: readonly string[], processId = '', password = ''): Command<void> {
  // CtsApi::zombieFob & co: the first path is glued to the option, the rest follow.
  const text = ctsApiToString([`--zombie_${name[action]}=${paths[0] ?? ''}`, ...paths.slice(1), ...(processId ? [processId] : []), ...(password ? [password] : [])]);
  return {
    cls: 'ZombieCmd',
    base: 'user',
    fields: () => ({ user_action_: action, process_id_: processId, password_: password, paths_: [...paths] }),
    timeout: Timeout.DEFAULT,
    text,
    decode: ok(text),
  };
}

/** Task path(s), or one zombie as {@link Client.zombieGet} lists it (then its process id and password pick it exactly). */
export type ZombieTarget = string | readonly string[] | Zombie;

export function zombieTargetCmd(action: ZombieAction, target: ZombieTarget) {
  if (typeof target === 'string') return zombieCmd(action, [target]);
  if ('pathToTask' in target) return zombieCmd(action, [target.pathToTask], target.processOrRemoteId, target.jobsPassword);
  return zombieCmd(action, target);
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const ZOMBIE_ARGS = 'args = list of task paths, at least one expected';

function zombie(action: ZombieAction) {
  return (values: string[], _ctx: CliContext): Action => {
    const { options, paths } = splitPaths(values);
    if (paths.length === 0) {
      throw new UsageError("ZombieCmd: No paths specified. At least one path expected. Paths must begin with a leading '/' character\n");
    }
    if (paths.length > 1 && options.length) {
      throw new UsageError('ZombieCmd: process_or_remote_id and password cannot be used when multiple paths are specified. Please specify a single path\n');
    }
    if (options.length >= 3) throw new UsageError('ZombieCmd: to many options expected only process_or_remote_id and password and a list of paths.\n');
    // Only task paths on the command line (a process id or password is for the library's use).
    if (options.length) throw new UsageError('ZombieCmd:: With the command line interface, we expected only paths i.e /path/to/task');
    return { request: zombieCmd(action, paths) };
  };
}

const zombieFob = zombie(ZombieAction.FOB);

const zombieFail = zombie(ZombieAction.FAIL);

const zombieAdopt = zombie(ZombieAction.ADOPT);

const zombieBlock = zombie(ZombieAction.BLOCK);

const zombieRemove = zombie(ZombieAction.REMOVE);

const zombieKill = zombie(ZombieAction.KILL);

/** ZombieCmd: its requests, the Client methods that send them, its ecflow_client options. */
export const ZombieCmd = {
  cls: 'ZombieCmd',
  request: { zombie: zombieCmd, target: zombieTargetCmd },
  client: ['zombieFob', 'zombieFail', 'zombieAdopt', 'zombieBlock', 'zombieRemove', 'zombieKill'],
  options: {
    zombie_fob: {
      value: 'many',
      description: lines(
        "Find the tasks in the server's zombie list and let their child commands through (fob).",
        'Fob is already what label, event and meter calls get by default.',
        'From now on the zombie job\'s child commands (init,event,meter,label,abort,complete,wait,queue)',
        'succeed without changing the node tree, so the job can run to its end.',
        'The server forgets the zombie after an hour.',
        `  ${ZOMBIE_ARGS}`,
        '  --zombie_fob=/path/to/task1 /path/to/task2',
      ),
      run: zombieFob,
    },
    zombie_fail: {
      value: 'many',
      description: lines(
        "Find the tasks in the server's zombie list and make their child commands fail.",
        'The next child command (init,event,meter,label,abort,complete) of the zombie job gets an',
        "error. Depending on the job's error handling this may call abort, which fails as well, so",
        "the trap functions should use 'set -e' to avoid looping forever.",
        'The server forgets the zombie after an hour.',
        `  ${ZOMBIE_ARGS}`,
        '  --zombie_fail=/path/to/task  /path/to/task2',
      ),
      run: zombieFail,
    },
    zombie_adopt: {
      value: 'many',
      description: lines(
        "Find the tasks in the server's zombie list and let the task adopt the zombie job.",
        'At the next child command (init,event,meter,label,abort,complete,wait queue) the task takes',
        "over the zombie's password, provided the process ids agree; otherwise an error is given.",
        'The zombie entry is then removed from the server.',
        `  ${ZOMBIE_ARGS}`,
        '  --zombie_adopt=/path/to/task  /path/to/task2',
      ),
      run: zombieAdopt,
    },
    zombie_block: {
      value: 'many',
      description: lines(
        "Find the tasks in the server's zombie list and make their child commands block.",
        'Blocking is what init, abort, complete, wait and queue get by default when the password',
        'does not match: the child command keeps retrying for 24 hours, then gives up with an',
        'error. The retry period comes from the ECF_TIMEOUT environment variable.',
        `  ${ZOMBIE_ARGS}`,
        '  --zombie_block=/path/to/task  /path/to/task2',
      ),
      run: zombieBlock,
    },
    zombie_remove: {
      value: 'many',
      description: lines(
        "Find the tasks in the server's zombie list and drop the entries.",
        'A job usually makes several child calls (init, complete, event, meter, label, wait, queue),',
        'so the zombie can show up again at the next one.',
        `  ${ZOMBIE_ARGS}`,
        '  --zombie_remove=/path/to/task  /path/to/task2',
      ),
      run: zombieRemove,
    },
    zombie_kill: {
      value: 'many',
      description: lines(
        "Find the tasks in the server's zombie list and kill the zombie jobs.",
        "ECF_KILL_CMD is run with the zombie's own process id; the job runs on until the kill",
        'reaches it. Only zombies tied to an existing task can be killed this way, so path',
        'zombies have to be killed by hand.',
        '  arg = list of task paths, at least one expected',
        '  --zombie_kill=/path/to/task  /path/to/task2',
      ),
      run: zombieKill,
    },
  },
} as const satisfies CommandModule;
