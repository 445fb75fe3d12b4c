import { planLoad } from '../commands/load-defs.js';
import { imitatedVersion } from './imitate.js';
import { type Action, type CliContext, help, UsageError } from './table.js';

/**
 * `--load=FILE [force] [check_only] [print] [stats]` (LoadDefsCmd): the file is parsed and checked
 * here, as ecflow_client does, and sent re-printed in NET style; check_only, print and stats send
 * nothing. The server's release is not known before the load: the file is read as the imitated
 * ecflow_client reads it (see imitate.ts).
 */
export function load(values: string[], ctx: CliContext): Action {
  let file = '';
  const flags = new Set<string>();
  for (const v of values) {
    if (v === 'force' || v === 'check_only' || v === 'print' || v === 'stats') flags.add(v);
    else file = v;
  }
  if (!file) throw new UsageError(`LoadDefsCmd::LoadDefsCmd: The pathname to the definition file must be provided\n${help('load')}`);
  const { result, command } = planLoad(file, {
    force: flags.has('force'),
    checkOnly: flags.has('check_only'),
    print: flags.has('print'),
    stats: flags.has('stats'),
    version: imitatedVersion(ctx.env),
  });
  return command ? { request: command, stdout: result.output } : { exit: 0, stdout: result.output };
}
