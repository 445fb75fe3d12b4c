/** ecflow_client options about the server itself: stats_server and server_load. Argument checks and messages as the C++ create() functions word them. */
import fs from 'node:fs';
import path from 'node:path';
import { CtsApi, ctsCmd } from '../../commands/cts.js';
import { statsFromValues } from '../../commands/stats.js';
import { statsShow } from '../stats-show.js';
import { type Action, type CliContext, ClientSideError, UsageError } from '../table.js';

export function statsServer(_values: string[], _ctx: CliContext): Action {
  return {
    request: ctsCmd(CtsApi.STATS_SERVER),
    print: (reply) => (reply.type === 'SStatsCmd' ? statsShow(statsFromValues(reply.stats)) : ''),
  };
}

/**
 * `--server_load[=log_file]`: plots requests per second from a server log with gnuplot. Without a
 * file the server names its log (which must be readable here); with one nothing is sent.
 */
export function serverLoad(values: string[], ctx: CliContext): Action {
  const file = values[0] ?? '';
  if (file) {
    gnuplotCheck(file, ctx, (m) => new UsageError(m));
    throw new UsageError('--server_load: plotting with gnuplot is not implemented by ecflow-ts');
  }
  return {
    request: ctsCmd(CtsApi.SERVER_LOAD),
    print: (reply) => {
      if (reply.type !== 'SServerLoadCmd') return '';
      gnuplotCheck(reply.logFilePath, ctx, (m) => new ClientSideError(m));
      throw new ClientSideError('--server_load: plotting with gnuplot is not implemented by ecflow-ts');
    },
  };
}

/** The checks of ecf::Gnuplot's constructor, in its order. */
function gnuplotCheck(logFile: string, ctx: CliContext, error: (message: string) => Error): void {
  if (!fs.existsSync(logFile)) throw error(`Gnuplot::Gnuplot: The log file ${logFile} does not exist\n`);
  const dirs = (ctx.env.PATH ?? '').split(':').filter(Boolean);
  const found = dirs.some((d) => {
    try {
      fs.accessSync(path.join(d, 'gnuplot'), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) throw error('Gnuplot::Gnuplot: could not find gnuplot on $PATH.');
}
