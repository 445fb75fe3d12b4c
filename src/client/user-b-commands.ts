/** The commands behind the Client methods plug, replace, archive, restore, ch…, zombie… and statsServer. */
import type { Zombie } from '../protocol/replies.js';
import { type ZombieAction, zombieCmd } from '../commands/zombie.js';

export { type ClientHandleSuites, chAddCmd, chAutoAddCmd, chDropCmd, chDropUserCmd, chRegisterCmd, chRemoveCmd, chSuitesCmd } from '../commands/client-handle.js';
export { CtsApi, ctsCmd } from '../commands/cts.js';
export { PathsApi, pathsCmd } from '../commands/paths.js';
export { plugCmd } from '../commands/plug.js';
export { type ReplaceOptions, replaceNodeCmd } from '../commands/replace-node.js';
export { type Stats, statsFromValues } from '../commands/stats.js';
export { ZombieAction } from '../commands/zombie.js';

/** Task path(s), or one zombie as {@link Client.zombieGet} lists it (then its process id and password pick it exactly). */
export type ZombieTarget = string | readonly string[] | Zombie;

export function zombieTargetCmd(action: ZombieAction, target: ZombieTarget) {
  if (typeof target === 'string') return zombieCmd(action, [target]);
  if ('pathToTask' in target) return zombieCmd(action, [target.pathToTask], target.processOrRemoteId, target.jobsPassword);
  return zombieCmd(action, target);
}
