import type { Reply, ReplyOf } from '../protocol/replies.js';
import { type Command, expectReply, Timeout } from './command.js';

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
