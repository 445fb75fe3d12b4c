import type { Zombie } from '../protocol/replies.js';
import { type Command, ok, Timeout, ctsApiToString } from './command.js';

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
