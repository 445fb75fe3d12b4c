import { type Command, expectReply, Timeout } from './command.js';

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
