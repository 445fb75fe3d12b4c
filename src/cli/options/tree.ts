/** ecflow_client options that move nodes around: plug, replace, archive and restore. Argument checks and messages as the C++ create() functions word them. */
import { PathsApi } from '../../commands/paths.js';
import { plugCmd } from '../../commands/plug.js';
import { planReplace } from '../../commands/replace-node.js';
import { imitatedVersion } from '../imitate.js';
import { type Action, type CliContext, help, paths, UsageError } from '../table.js';

export function plug(values: string[], _ctx: CliContext): Action {
  if (values.length !== 2) throw new UsageError(`PlugCmd: Two arguments are expected, found ${values.length}\n${help('plug')}\n`);
  return { request: plugCmd(values[0]!, values[1]!) };
}

/**
 * `--replace=path defs_file [parent|false] [force]`: the file is parsed and checked here and sent
 * re-printed in NET style (never with `extern` lines, which crash a 5.9.2 server).
 */
export function replace(values: string[], ctx: CliContext): Action {
  if (values.length < 2) {
    throw new UsageError(
      `ReplaceNodeCmd: At least two arguments expected, found ${values.length} Please specify <path-to-Node>  <defs files> parent(optional) force(optional), i.e\n--replace=/suite/fa/t AdefsFile.def  parent force\n`,
    );
  }
  const [nodePath, file] = values as [string, string];
  // ReplaceNodeCmd::create looks at the third word only when there are exactly three, and at the fourth only when four.
  const parent = !(values.length === 3 && values[2] === 'false');
  const force = values.length === 4 && values[3] === 'force';
  const { result, command } = planReplace(nodePath, file, { parent, force, version: imitatedVersion(ctx.env) }, 'cli');
  return { request: command, stdout: result.warnings };
}

// The command line never asks for a forced archive.
export const archive = paths(PathsApi.ARCHIVE, 'archive');
export const restore = paths(PathsApi.RESTORE, 'restore');
