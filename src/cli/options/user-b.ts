/**
 * ecflow_client options for plug, replace, archive/restore, client handles (ch_*), zombies,
 * stats_server and server_load: argument checks and messages as the C++ create() functions word them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chAddCmd, chAutoAddCmd, chDropCmd, chDropUserCmd, chRegisterCmd, chRemoveCmd, chSuitesCmd } from '../../commands/client-handle.js';
import { CtsApi, ctsCmd } from '../../commands/cts.js';
import { PathsApi, pathsCmd } from '../../commands/paths.js';
import { plugCmd } from '../../commands/plug.js';
import { replaceNodeCmd } from '../../commands/replace-node.js';
import { statsFromValues } from '../../commands/stats.js';
import { ZombieAction, zombieCmd } from '../../commands/zombie.js';
import { loginName } from '../../client/options.js';
import { checkDefsDetailed, DefsParseError, defaultServerVariables, findNode, parseDefs, printDefs } from '../../defs/index.js';
import { versionDescription } from '../../version.js';
import { statsShow } from '../stats-show.js';
import { type Action, type CliContext, ClientSideError, help, UsageError, splitPaths } from '../table.js';

/** boost::lexical_cast<int>: the whole word a decimal int, else undefined. */
function int(word: string): number | undefined {
  if (!/^[+-]?\d+$/.test(word)) return undefined;
  const n = Number(word);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

// ---- plug / replace ---------------------------------------------------------------------------

export function plug(values: string[], _ctx: CliContext): Action {
  if (values.length !== 2) throw new UsageError(`PlugCmd: Two arguments are expected, found ${values.length}\n${help('plug')}\n`);
  return { request: plugCmd(values[0]!, values[1]!) };
}

/**
 * `--replace=path defs_file [parent|false] [force]`: the file is parsed and checked here and sent
 * re-printed in NET style (never with `extern` lines, which crash a 5.9.2 server).
 */
export function replace(values: string[], _ctx: CliContext): Action {
  if (values.length < 2) {
    throw new UsageError(
      `ReplaceNodeCmd: At least two arguments expected, found ${values.length} Please specify <path-to-Node>  <defs files> parent(optional) force(optional), i.e\n--replace=/suite/fa/t AdefsFile.def  parent force\n`,
    );
  }
  const [nodePath, file] = values as [string, string];
  // ReplaceNodeCmd::create looks at the third word only when there are exactly three, and at the fourth only when four.
  const parent = !(values.length === 3 && values[2] === 'false');
  const force = values.length === 4 && values[3] === 'force';
  const failed = (why: string) => new UsageError(`ReplaceNodeCmd::ReplaceNodeCmd: Could not parse file ${file} : ${why}`);

  // A "file name" holding a whole definition is taken as the definition itself.
  const inline = file.includes('suite') && file.includes('endsuite');
  let text: string;
  if (inline) text = file;
  else if (fs.existsSync(file) && fs.statSync(file).isFile()) text = fs.readFileSync(file, 'utf8');
  else throw failed(`DefsStructureParser::DefsStructureParser: Unable to open file! ${file}\n\n${versionDescription()}\n`);

  let defs;
  try {
    defs = parseDefs(text, { file: inline ? 'definition' : file, check: false });
  } catch (error) {
    if (!(error instanceof DefsParseError)) throw error;
    const raw = text.split('\n')[error.line - 1] ?? error.text;
    throw failed(`${error.reason}\nCould not parse '${raw}' around line number ${error.line}\n${versionDescription()}\n\n`);
  }
  const { errors, warnings } = checkDefsDetailed(defs);
  if (errors) throw failed(errors.endsWith('\n') ? errors : `${errors}\n`);
  if (!findNode(defs, nodePath)) {
    throw new UsageError(`ReplaceNodeCmd::ReplaceNodeCmd: Cannot replace child since path ${nodePath}, does not exist in the client definition ${file}`);
  }
  defs.serverVariables = defaultServerVariables();
  return { request: replaceNodeCmd(nodePath, printDefs(defs, { style: 'net' }), { parent, force, fileName: file }), stdout: warnings };
}

// ---- archive / restore ------------------------------------------------------------------------

function pathsOnly(api: typeof PathsApi.ARCHIVE | typeof PathsApi.RESTORE, name: string) {
  return (values: string[], _ctx: CliContext): Action => {
    const { paths } = splitPaths(values);
    if (paths.length === 0) throw new UsageError(`${name}:  No paths specified. Paths must begin with a leading '/' character\n`);
    // The command line never asks for a forced archive.
    return { request: pathsCmd(api, paths) };
  };
}
export const archive = pathsOnly(PathsApi.ARCHIVE, 'archive');
export const restore = pathsOnly(PathsApi.RESTORE, 'restore');

// ---- client handles ---------------------------------------------------------------------------

export function chRegister(values: string[], _ctx: CliContext): Action {
  let handle = 0;
  let autoAdd = false;
  let first = 1;
  if (values.length) {
    const h = int(values[0]!);
    if (h !== undefined) {
      handle = h;
      // A second word other than true/false is skipped, not taken as a suite.
      if (values.length > 1) {
        autoAdd = values[1] === 'true';
        first = 2;
      }
    } else if (values[0] === 'true' || values[0] === 'false') {
      autoAdd = values[0] === 'true';
    } else {
      throw new UsageError('ClientHandleCmd::create: First argument should be integer | true | false. See help');
    }
  }
  return { request: chRegisterCmd(autoAdd, values.slice(first), handle) };
}

export function chDrop(values: string[], _ctx: CliContext): Action {
  const handle = Number(values[0]);
  if (handle === 0) throw new UsageError('ClientHandleCmd::create: handles must have a value > 0');
  return { request: chDropCmd(handle) };
}

export function chDropUser(values: string[], ctx: CliContext): Action {
  // Messages name the caller when no user is given: the user the request goes out as.
  const caller = ctx.extra.get('user')?.[0] || ctx.env.ECF_USER || loginName();
  return { request: chDropUserCmd(values[0] ?? '', caller) };
}

function handleAndSuites(values: string[], notInteger: string): { handle: number; suites: string[] } {
  if (values.length < 2) throw new UsageError('To few arguments. First arg should be a integer handle, then a list of suite names. See help');
  const handle = int(values[0]!);
  if (handle === undefined) throw new UsageError(notInteger);
  if (handle === 0) throw new UsageError('ClientHandleCmd::create: handles must have a value > 0');
  return { handle, suites: values.slice(1) };
}

export function chAdd(values: string[], _ctx: CliContext): Action {
  const { handle, suites } = handleAndSuites(values, 'The first argument must be an integer. See help');
  return { request: chAddCmd(handle, suites) };
}

export function chRem(values: string[], _ctx: CliContext): Action {
  const { handle, suites } = handleAndSuites(values, 'ClientHandleCmd::create: The first argument must be an integer. See help');
  return { request: chRemoveCmd(handle, suites) };
}

export function chAutoAdd(values: string[], _ctx: CliContext): Action {
  if (values.length !== 2) throw new UsageError('Two argument expected. First arg should be a integer handle, second should be true or false. See help');
  const handle = int(values[0]!);
  if (handle === undefined) throw new UsageError('ClientHandleCmd::create: The first argument must be an integer. See help');
  if (handle === 0) throw new UsageError('ClientHandleCmd::create: handles must have a value > 0');
  if (values[1] !== 'true' && values[1] !== 'false') throw new UsageError('ClientHandleCmd::create: First argument should be true | false. See help');
  return { request: chAutoAddCmd(handle, values[1] === 'true') };
}

export function chSuites(_values: string[], _ctx: CliContext): Action {
  return { request: chSuitesCmd() };
}

// ---- zombies ----------------------------------------------------------------------------------

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

// ---- statistics and load ----------------------------------------------------------------------

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
