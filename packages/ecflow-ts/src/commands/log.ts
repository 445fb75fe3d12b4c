import { type Command, expectReply, Timeout } from './command.js';
import { type Action, type CommandModule, lines, UsageError } from './option.js';

/** LogCmd::LogApi */
export const LogApi = { GET: 0, CLEAR: 1, FLUSH: 2, NEW: 3, PATH: 4 } as const;
export type LogApi = (typeof LogApi)[keyof typeof LogApi];

/** Lines `--log=get` returns when no count is given (Log::get_last_n_lines_default). */
export const DEFAULT_LOG_LINES = 100;

type Result<A extends LogApi> = A extends typeof LogApi.GET | typeof LogApi.PATH ? string : void;

/** LogCmd: read, clear, flush, switch or locate the server log. */
export function logCmd<A extends LogApi>(api: A, options: { lines?: number; newPath?: string } = {}): Command<Result<A>> {
  const { lines = DEFAULT_LOG_LINES, newPath = '' } = options;
  const text = {
    [LogApi.GET]: `--log=get ${lines}`,
    [LogApi.CLEAR]: '--log=clear',
    [LogApi.FLUSH]: '--log=flush',
    [LogApi.NEW]: newPath ? `--log=new ${newPath}` : '--log=new',
    [LogApi.PATH]: '--log=path',
  }[api];
  return {
    cls: 'LogCmd',
    base: 'user',
    fields: () => ({ api_: api, get_last_n_lines_: lines, new_path_: newPath }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: api === LogApi.NEW,
    decode: (reply) => {
      if (api === LogApi.GET || api === LogApi.PATH) return expectReply(reply, 'SStringCmd', text).str as Result<A>;
      expectReply(reply, 'StcCmd', text);
      return undefined as Result<A>;
    },
  };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const HELP = lines(
      "Read, empty, flush or switch the server's log file, or ask for its path.",
      'Any path given must be valid on the server side.',
      "Logs can be huge, and '--log=get' with many lines can take a lot of **memory**,",
      'so by default only the last 100 lines are returned; ask for more explicitly.',
      ' arg1 = [ get | clear | flush | new | path ]',
      '  get -   Print the end of the log file on standard output:',
      '          the last 100 lines unless the second argument',
      '          gives another number of lines',
      '  clear - Empty the log file.',
      '  flush - Flush and close the log file for now; the server',
      '          reopens it the next time it logs something, so',
      '          halting the server first is advisable',
      '  new -   Flush and close the current log and carry on in the',
      '          file named by ECF_LOG; change that variable first',
      '          to move the log. A path may be given instead, and',
      '          ECF_LOG is then updated to it',
      '  path -  Print the path of the current log file',
      ' arg2 = [ new_path | optional last n lines ]',
      '         with get: how many lines to return, an integer',
      '         with new: the path of the new log file',
      'Usage:',
      '  --log=get                        # print the last 100 lines of the log',
      '  --log=get 200                    # print the last 200 lines of the log',
      '  --log=clear                      # empty the log',
      '  --log=flush                      # flush and close; the next log message reopens it',
      '  --log=new /path/to/new/log/file  # flush, close and carry on in this file; ECF_LOG is updated',
      '  --log=new                        # flush, close and carry on in the file named by ECF_LOG',
    );

function log(values: string[]): Action {
  const [what, ...rest] = values;
  if (what === 'get') {
    if (rest.length > 1) {
      throw new UsageError("LogCmd: Please use '--log==get 100' to get the log file contents from the server\noptionally an integer can be provide to specify the last number of lines\n");
    }
    let lines = DEFAULT_LOG_LINES;
    if (rest.length === 1) {
      if (!/^[+-]?\d+$/.test(rest[0]!)) throw new UsageError('LogCmd: Second argument must be a integer, i.e. --log get 100\n');
      lines = Number(rest[0]);
    }
    return { request: logCmd(LogApi.GET, { lines }) };
  }
  const simple = { clear: LogApi.CLEAR, flush: LogApi.FLUSH, path: LogApi.PATH } as const;
  if (what === 'clear' || what === 'flush' || what === 'path') {
    if (rest.length) throw new UsageError(`LogCmd: Too many arguments. Please use --log=${what} to ${what === 'path' ? 'get the log file path' : `${what} the log file`}\n`);
    return { request: logCmd(simple[what]) };
  }
  if (what === 'new') {
    if (rest.length > 1) throw new UsageError('LogCmd: Too many arguments.  Expected --log=new   OR   --log=new /path/to/newlog/file\n');
    return { request: logCmd(LogApi.NEW, rest[0] ? { newPath: rest[0] } : {}) };
  }
  throw new UsageError(`LogCmd: The arguments have not been specified correctly\n${HELP}`);
}

/** LogCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const LogCmd = {
  cls: 'LogCmd',
  request: logCmd,
  client: ['getLog', 'getLogPath', 'clearLog', 'flushLog', 'newLog'],
  options: {
    log: {
      value: 'many',
      description: HELP,
      run: log,
    },
  },
} as const satisfies CommandModule;
