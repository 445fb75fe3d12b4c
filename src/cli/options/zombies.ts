/** ecflow_client options for zombies: zombie_fob, _fail, _adopt, _block, _remove, _kill. Argument checks and messages as the C++ create() functions word them. */
import { ZombieAction, zombieCmd } from '../../commands/zombie.js';
import { type Action, type CliContext, splitPaths, UsageError } from '../table.js';

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
export const zombieFob = zombie(ZombieAction.FOB);
export const zombieFail = zombie(ZombieAction.FAIL);
export const zombieAdopt = zombie(ZombieAction.ADOPT);
export const zombieBlock = zombie(ZombieAction.BLOCK);
export const zombieRemove = zombie(ZombieAction.REMOVE);
export const zombieKill = zombie(ZombieAction.KILL);
