import { statsShow } from '../cli/stats-show.js';
import { simpleDuration } from '../cli/print.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Reply, ReplyOf } from '../protocol/replies.js';
import { type Command, expectReply, Timeout } from './command.js';
import { statsFromValues } from './stats.js';
import { type Action, type ArgvReader, type CliContext, ClientSideError, type CommandModule, confirmed, lines, UsageError } from './option.js';

/** CtsCmd::Api: server-wide commands without arguments. */
export const CtsApi = {
  NO_CMD: 0,
  RESTORE_DEFS_FROM_CHECKPT: 1,
  RESTART_SERVER: 2,
  SHUTDOWN_SERVER: 3,
  HALT_SERVER: 4,
  TERMINATE_SERVER: 5,
  RELOAD_WHITE_LIST_FILE: 6,
  FORCE_DEP_EVAL: 7,
  PING: 8,
  GET_ZOMBIES: 9,
  STATS: 10,
  SUITES: 11,
  DEBUG_SERVER_ON: 12,
  DEBUG_SERVER_OFF: 13,
  SERVER_LOAD: 14,
  STATS_RESET: 15,
  RELOAD_PASSWD_FILE: 16,
  STATS_SERVER: 17,
  RELOAD_CUSTOM_PASSWD_FILE: 18,
} as const;
export type CtsApi = (typeof CtsApi)[keyof typeof CtsApi];

/** How ecflow_client spells each api on its command line (CtsApi.cpp). */
const cliName: Record<CtsApi, string> = {
  [CtsApi.NO_CMD]: '',
  [CtsApi.RESTORE_DEFS_FROM_CHECKPT]: '--restore_from_checkpt',
  [CtsApi.RESTART_SERVER]: '--restart',
  [CtsApi.SHUTDOWN_SERVER]: '--shutdown=yes',
  [CtsApi.HALT_SERVER]: '--halt=yes',
  [CtsApi.TERMINATE_SERVER]: '--terminate=yes',
  [CtsApi.RELOAD_WHITE_LIST_FILE]: '--reloadwsfile',
  [CtsApi.FORCE_DEP_EVAL]: '--force-dep-eval',
  [CtsApi.PING]: '--ping',
  [CtsApi.GET_ZOMBIES]: '--zombie_get',
  [CtsApi.STATS]: '--stats',
  [CtsApi.SUITES]: '--suites',
  [CtsApi.DEBUG_SERVER_ON]: '--debug_server_on',
  [CtsApi.DEBUG_SERVER_OFF]: '--debug_server_off',
  [CtsApi.SERVER_LOAD]: '--server_load',
  [CtsApi.STATS_RESET]: '--stats_reset',
  [CtsApi.RELOAD_PASSWD_FILE]: '--reloadpasswdfile',
  [CtsApi.STATS_SERVER]: '--stats_server',
  [CtsApi.RELOAD_CUSTOM_PASSWD_FILE]: '--reloadcustompasswdfile',
};

/** CtsCmd::cmd_updates_defs. */
const UPDATES_DEFS: ReadonlySet<CtsApi> = new Set([
  CtsApi.RESTORE_DEFS_FROM_CHECKPT,
  CtsApi.RESTART_SERVER,
  CtsApi.SHUTDOWN_SERVER,
  CtsApi.HALT_SERVER,
  CtsApi.TERMINATE_SERVER,
  CtsApi.FORCE_DEP_EVAL,
]);

/** The typed result of each api. */
export interface CtsResult {
  [CtsApi.GET_ZOMBIES]: ReplyOf<'ZombieGetCmd'>['zombies'];
  [CtsApi.STATS]: string;
  [CtsApi.SUITES]: string[];
  [CtsApi.SERVER_LOAD]: string;
  [CtsApi.STATS_SERVER]: ReplyOf<'SStatsCmd'>['stats'];
}
type ResultOf<A extends CtsApi> = A extends keyof CtsResult ? CtsResult[A] : void;

/** CtsCmd: one of the server-wide commands. */
export function ctsCmd<A extends CtsApi>(api: A): Command<ResultOf<A>> {
  const text = cliName[api];
  return {
    cls: 'CtsCmd',
    base: 'user',
    fields: () => ({ api_: api }),
    timeout: api === CtsApi.PING ? Timeout.PING : Timeout.DEFAULT,
    text,
    ping: api === CtsApi.PING,
    updatesDefs: UPDATES_DEFS.has(api),
    decode: (reply: Reply) => decode(api, reply, text) as ResultOf<A>,
  };
}

function decode(api: CtsApi, reply: Reply, text: string): unknown {
  switch (api) {
    case CtsApi.GET_ZOMBIES:
      return expectReply(reply, 'ZombieGetCmd', text).zombies;
    case CtsApi.STATS:
      return expectReply(reply, 'SStringCmd', text).str;
    case CtsApi.SUITES:
      return expectReply(reply, 'SSuitesCmd', text).suites;
    case CtsApi.SERVER_LOAD:
      return expectReply(reply, 'SServerLoadCmd', text).logFilePath;
    case CtsApi.STATS_SERVER:
      return expectReply(reply, 'SStatsCmd', text).stats;
    default:
      expectReply(reply, 'StcCmd', text);
      return undefined;
  }
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

// Reused by restart, halt and shutdown.
const SERVER_STATE_TABLE = [
  'How the server behaves in each of its states:',
  '|----------------------------------------------------------------------------------|',
  '| Server State | User Request | Task Request |Job Scheduling | Auto-Check-pointing |',
  '|--------------|--------------|--------------|---------------|---------------------|',
  '|     RUNNING  |    yes       |      yes     |      yes      |      yes            |',
  '|    SHUTDOWN  |    yes       |      yes     |      no       |      yes            |',
  '|      HALTED  |    yes       |      no      |      no       |      no             |',
  '|--------------|--------------|--------------|---------------|---------------------|',
] as const;

// Reused by reloadpasswdfile and reloadcustompasswdfile.
const PASSWD_FILE_FORMAT = [
  'Client and server read the same file format:',
  '',
  '4.5.0',
  '# comment',
  '<user> <host> <port> <passwd> # comment',
  '',
  'for example',
  '4.5.0 # the version',
  'fred machine1 3142 xxyyyd',
  'fred machine2 3133 xxyyyd # comment',
  'bill machine2 3133 xxyggyyd',
  '',
  'A user may be listed several times, once per host/port, so one file can serve many servers.',
  'Password authentication only works when:',
  '  - both the client and the server have the file',
  '  - the file names at least the server administrator; a file holding only the version line',
  '    means nobody is allowed to reload it',
  '  - the file is readable by its owner only',
] as const;

function serverCmd(api: CtsApi, what: string): ArgvReader {
  return (values, ctx) => {
    const [answer = ''] = values;
    if (answer === '') return confirmed(ctx, `Are you sure you want to ${what} the server ? `, () => ({ request: ctsCmd(api) }));
    if (answer !== 'yes') throw new UsageError("Halt, shutdown and terminate expected 'yes' as the only argument to bypass the confirmation prompt");
    return { request: ctsCmd(api) };
  };
}

const cts = (api: CtsApi): ArgvReader => () => ({ request: ctsCmd(api) });

function ping(): Action {
  return {
    request: ctsCmd(CtsApi.PING),
    print: (_reply, { host, port, ms }) => `ping server(${host}:${port}) succeeded in ${simpleDuration(ms)}  ~${Math.floor(ms)} milliseconds\n`,
  };
}

function statsServer(_values: string[], _ctx: CliContext): Action {
  return {
    request: ctsCmd(CtsApi.STATS_SERVER),
    print: (reply) => (reply.type === 'SStatsCmd' ? statsShow(statsFromValues(reply.stats)) : ''),
  };
}

/**
 * `--server_load[=log_file]`: plots requests per second from a server log with gnuplot. Without a
 * file the server names its log (which must be readable here); with one nothing is sent.
 */
function serverLoad(values: string[], ctx: CliContext): Action {
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

/** CtsCmd: its requests, the Client methods that send them, its ecflow_client options. */
export const CtsCmd = {
  cls: 'CtsCmd',
  request: ctsCmd,
  client: ['ping', 'waitForServerReply', 'suites', 'stats', 'statsReset', 'haltServer', 'shutdownServer', 'restartServer', 'terminateServer', 'restoreFromCheckpt', 'reloadWhiteListFile', 'reloadPasswdFile', 'reloadCustomPasswdFile', 'forceDependencyEval', 'debugServerOn', 'debugServerOff', 'zombieGet', 'statsServer', 'serverLoad'],
  options: {
    ping: {
      value: 'none',
      description: lines(
        'Check whether a server answers on the given host and port, reporting on standard output.',
        'Usage:',
        '  --ping --host=mach --port=3144  # is a server up on host mach, port 3144?',
        '  --ping --host=fred              # is a server up on host fred, port from ECF_PORT',
        '                                  # or 3141 when that is not set?',
        '  --ping                          # host and port taken from ECF_HOST and ECF_PORT',
        '                                  # (defaults localhost and 3141)',
        "Without ECF_HOST the host is 'localhost'; without ECF_PORT the port is 3141.",
      ),
      run: ping,
    },
    restore_from_checkpt: {
      value: 'none',
      description: lines(
        'Have the server reload its definition from its checkpoint file.',
        'Only accepted when the server is halted and holds no definition (delete it first);',
        'otherwise the request is refused with an error.',
      ),
      run: cts(CtsApi.RESTORE_DEFS_FROM_CHECKPT),
    },
    restart: {
      value: 'none',
      description: lines(
        'Put the server in RUNNING state: schedule jobs, talk to jobs and serve every request.',
        ...SERVER_STATE_TABLE,
      ),
      run: cts(CtsApi.RESTART_SERVER),
    },
    halt: {
      value: 'optional',
      description: lines(
        'Put the server in HALTED state: no job scheduling, no task requests, no checkpointing.',
        'Only user requests are still served.',
        '  arg1 = yes(optional) # answer the confirmation question in advance, as in',
        '  --halt=yes',
        ...SERVER_STATE_TABLE,
      ),
      run: serverCmd(CtsApi.HALT_SERVER, 'halt'),
    },
    shutdown: {
      value: 'optional',
      description: lines(
        'Put the server in SHUTDOWN state: running jobs may finish, but no new jobs are scheduled.',
        '  arg1 = yes(optional) # answer the confirmation question in advance, as in',
        '  --shutdown=yes',
        ...SERVER_STATE_TABLE,
      ),
      run: serverCmd(CtsApi.SHUTDOWN_SERVER, 'shut down'),
    },
    terminate: {
      value: 'optional',
      description: lines(
        'Stop the server process.',
        '  arg1 = yes(optional) # answer the confirmation question in advance, as in',
        '  --terminate=yes',
      ),
      run: serverCmd(CtsApi.TERMINATE_SERVER, 'terminate'),
    },
    reloadwsfile: {
      value: 'none',
      description: lines(
        'Make the server read its white list file again.',
        "The white list decides who may issue 'user' commands, and with which rights.",
        'The server finds the file through ECF_LISTS when it starts; the content may be edited',
        'later, but the location stays fixed for the life of the server.',
        "When ECF_LISTS is unset or just 'ecf.lists', the file is <host>.<port>.ecf.lists;",
        'when it holds a path such as /var/tmp/ecf.lists, that path is read.',
        'A missing file, or one holding only the version line, gives everybody read/write access',
        'at startup; on reload, a missing or malformed file is reported as an error.',
        'File layout:',
        '',
        '# comment',
        '4.4.14  # version line, always required, even when no users follow',
        '',
        '# users allowed to read and write',
        'user1   # comment',
        'user2   # comment',
        '',
        '*       # everybody may read and write',
        '',
        '# users allowed to read only: put - before the name',
        '-user3  # comment',
        '-user4',
        '',
        '-*      # everybody may read',
        '',
        'Usage:',
        '  ecflow_client --reloadwsfile',
      ),
      run: cts(CtsApi.RELOAD_WHITE_LIST_FILE),
    },
    reloadpasswdfile: {
      value: 'none',
      description: lines(
        'Make the server read its password file again; for sites where every user has a password.',
        'Users can be added or removed by editing the file, but its location cannot change.',
        'Client and server both find the file through the ECF_PASSWD environment variable.',
        'Without it the server reads <host>.<port>.ecf.passwd and the client reads ecf.passwd.',
        ...PASSWD_FILE_FORMAT,
        'Usage:',
        ' --reloadpasswdfile',
      ),
      run: cts(CtsApi.RELOAD_PASSWD_FILE),
    },
    reloadcustompasswdfile: {
      value: 'none',
      description: lines(
        'Make the server read its custom password file again; for users not using their login name.',
        'Use it where most people connect with their login name and only a few pick their own',
        'user name: those few need a password.',
        'Users can be added or removed by editing the file, but its location cannot change.',
        'Client and server both find the file through the ECF_CUSTOM_PASSWD environment variable.',
        'Without it the server reads <host>.<port>.ecf.custom_passwd and the client ecf.custom_passwd.',
        ...PASSWD_FILE_FORMAT,
        'Usage:',
        ' --reloadcustompasswdfile',
      ),
      run: cts(CtsApi.RELOAD_CUSTOM_PASSWD_FILE),
    },
    'force-dep-eval': {
      value: 'none',
      description: lines('Make the server evaluate dependencies immediately. A debugging aid.'),
      run: cts(CtsApi.FORCE_DEP_EVAL),
    },
    stats: {
      value: 'none',
      description: lines('Print the server statistics as text.'),
      run: cts(CtsApi.STATS),
    },
    stats_server: {
      value: 'none',
      description: lines('Fetch the server statistics as structured data and text. Intended for tests.'),
      run: statsServer,
    },
    stats_reset: {
      value: 'none',
      description: lines('Set the server statistics back to zero.'),
      run: cts(CtsApi.STATS_RESET),
    },
    debug_server_on: {
      value: 'none',
      description: lines('Turn on debug output in the server.'),
      run: cts(CtsApi.DEBUG_SERVER_ON),
    },
    debug_server_off: {
      value: 'none',
      description: lines('Turn off debug output in the server.'),
      run: cts(CtsApi.DEBUG_SERVER_OFF),
    },
    server_load: {
      value: 'optional',
      description: lines(
        'Plot the load of the server over time, as gnuplot input built from its log file.',
        'The log file is parsed locally. When no path is given, the client asks the server where',
        'its log lives; if that path cannot be read from here, an error is reported.',
        'Three files are written to the current directory:',
        '    o <host>.<port>.gnuplot.dat',
        '    o <host>.<port>.gnuplot.script',
        '    o <host>.<port>.png',
        '',
        'Edit the script to change the rendering, then run',
        "'gnuplot <host>.<port>.gnuplot.script' again.",
        '',
        '  arg1 = <optional> path to log file',
        '',
        'Giving the path is *preferable* whenever the log file can be reached,',
        'since it saves asking the server.',
        '',
        'Usage:',
        '   --server_load=/path/to_log_file  # read this log and write the gnuplot files',
        '   --server_load                    # ask the server for the log path first',
        '                                    # and then read that file',
        '                                    # *AVOID* when the path is known',
        '',
        'Any image viewer shows the result, for example',
        '',
        '> display   <host>.<port>.png',
        '> feh       <host>.<port>.png',
        '> eog       <host>.<port>.png',
        '> xdg-open  <host>.<port>.png',
        '> w3m       <host>.<port>.png',
      ),
      run: serverLoad,
    },
    zombie_get: {
      value: 'none',
      description: lines('List the zombies the server knows about.', 'The list is written to standard output.'),
      run: cts(CtsApi.GET_ZOMBIES),
    },
    suites: {
      value: 'none',
      description: lines('List the suite names, in the order the server holds them.'),
      run: cts(CtsApi.SUITES),
    },
  },
} as const satisfies CommandModule;
