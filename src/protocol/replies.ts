import { asObject, CerealError, field, type Json, type JsonObject } from './cereal.js';

/** StcCmd::Api: the reply of commands that return no data. */
export const StcApi = {
  OK: 0,
  BLOCK_CLIENT_SERVER_HALTED: 1,
  BLOCK_CLIENT_ON_HOME_SERVER: 2,
  DELETE_ALL: 3,
  INVALID_ARGUMENT: 4,
  END_OF_FILE: 5,
} as const;
export type StcApi = (typeof StcApi)[keyof typeof StcApi];

/** ServerReply::News_t, the answer to `news`. */
export const News = { NO_NEWS: 0, NEWS: 1, DO_FULL_SYNC: 2 } as const;
export type News = (typeof News)[keyof typeof News];

/** The server's list of changes since a client's change numbers (SSyncCmd, incremental). */
export interface DefsDelta {
  serverStateChangeNo: number;
  serverModifyChangeNo: number;
  /** CompoundMementos with polymorphic objects resolved to `{ $class, ...fields }`. */
  compoundMementos: JsonObject[];
}

/** One zombie as `--zombie_get` reports it (class Zombie). */
export interface Zombie {
  userAction: number;
  tryNo: number;
  duration: number;
  calls: number;
  zombieType: number;
  lastChildCmd: number;
  pathToTask: string;
  jobsPassword: string;
  processOrRemoteId: string;
  userCmd: string;
  host: string;
  attr: { childCmds: number[]; zombieType: number; action: number; lifetime: number };
  userActionSet: boolean;
}

/** Every ServerToClientCmd class 5.9.2 registers, decoded; `type` is the C++ class name. */
export type Reply =
  | { type: 'StcCmd'; api: StcApi }
  | { type: 'SStringCmd'; str: string }
  | { type: 'SStringVecCmd'; vec: string[] }
  | { type: 'DefsCmd'; defs: string }
  | { type: 'SNodeCmd'; node: string }
  | { type: 'SSyncCmd'; fullDefs: boolean; delta: DefsDelta; serverDefs: string; defs: string }
  | { type: 'SNewsCmd'; news: News }
  | { type: 'SServerLoadCmd'; logFilePath: string }
  | { type: 'SStatsCmd'; stats: Json[] }
  | { type: 'SSuitesCmd'; suites: string[] }
  | { type: 'SClientHandleCmd'; handle: number }
  | {
      type: 'SClientHandleSuitesCmd';
      users: { user: string; handles: number[] }[];
      handles: { handle: number; suites: string[] }[];
    }
  | { type: 'ZombieGetCmd'; zombies: Zombie[] }
  | { type: 'ErrorCmd'; message: string }
  | { type: 'GroupSTCCmd'; replies: Reply[] }
  | { type: 'BlockClientZombieCmd'; zombieType: number };

export type ReplyOf<T extends Reply['type']> = Extract<Reply, { type: T }>;

/** Decodes one resolved reply object (`{ $class, ...fields }`) by its class name. */
export function decodeReply(o: JsonObject): Reply {
  const cls = o.$class;
  switch (cls) {
    case 'StcCmd':
      return { type: cls, api: int(o, 'api_') as StcApi };
    case 'SStringCmd':
      return { type: cls, str: str(o, 'str_') };
    case 'SStringVecCmd':
      return { type: cls, vec: strings(o, 'vec_') };
    case 'DefsCmd':
      return { type: cls, defs: str(o, 'value1') };
    case 'SNodeCmd':
      return { type: cls, node: str(o, 'the_node_str_') };
    case 'SSyncCmd': {
      const delta = obj(o, 'incremental_changes_');
      return {
        type: cls,
        fullDefs: bool(o, 'full_defs_'),
        delta: {
          serverStateChangeNo: int(delta, 'server_state_change_no_'),
          serverModifyChangeNo: int(delta, 'server_modify_change_no_'),
          compoundMementos: arr(delta, 'compound_mementos_').map((m, i) => asObj(m, `compound_mementos_[${i}]`)),
        },
        serverDefs: str(o, 'server_defs_'),
        defs: str(o, 'value1'),
      };
    }
    case 'SNewsCmd':
      return { type: cls, news: int(o, 'news_') as News };
    case 'SServerLoadCmd':
      return { type: cls, logFilePath: str(o, 'log_file_path_') };
    case 'SStatsCmd': {
      const stats = obj(o, 'stats_');
      const values: Json[] = [];
      for (let i = 0; `value${i}` in stats; i++) values.push(stats[`value${i}`]!);
      return { type: cls, stats: values };
    }
    case 'SSuitesCmd':
      return { type: cls, suites: strings(o, 'suites_') };
    case 'SClientHandleCmd':
      return { type: cls, handle: int(o, 'handle_') };
    case 'SClientHandleSuitesCmd':
      return {
        type: cls,
        users: arr(o, 'users_').map((p, i) => {
          const pair = asObj(p, `users_[${i}]`);
          return { user: str(pair, 'first'), handles: arr(pair, 'second').map((h) => h as number) };
        }),
        handles: arr(o, 'client_handles_').map((p, i) => {
          const pair = asObj(p, `client_handles_[${i}]`);
          return { handle: int(pair, 'first'), suites: strings(pair, 'second') };
        }),
      };
    case 'ZombieGetCmd':
      return { type: cls, zombies: arr(o, 'zombies_').map((z, i) => decodeZombie(asObj(z, `zombies_[${i}]`))) };
    case 'ErrorCmd':
      return { type: cls, message: str(o, 'error_msg_') };
    case 'GroupSTCCmd':
      return { type: cls, replies: arr(o, 'cmdVec_').map((r, i) => decodeReply(asObj(r, `cmdVec_[${i}]`))) };
    case 'BlockClientZombieCmd':
      return { type: cls, zombieType: int(o, 'zombie_type_') };
    default:
      throw new CerealError(`unknown reply class ${JSON.stringify(cls)}`);
  }
}

function decodeZombie(z: JsonObject): Zombie {
  const attr = obj(z, 'attr_');
  return {
    userAction: int(z, 'user_action_'),
    tryNo: int(z, 'try_no_'),
    duration: int(z, 'duration_'),
    calls: int(z, 'calls_'),
    zombieType: int(z, 'zombie_type_'),
    lastChildCmd: int(z, 'last_child_cmd_'),
    pathToTask: str(z, 'path_to_task_'),
    jobsPassword: str(z, 'jobs_password_'),
    processOrRemoteId: str(z, 'process_or_remote_id_'),
    userCmd: str(z, 'user_cmd_'),
    host: str(z, 'host_'),
    attr: {
      childCmds: arr(attr, 'child_cmds_').map((c) => c as number),
      zombieType: int(attr, 'zombie_type_'),
      action: int(attr, 'action_'),
      lifetime: int(attr, 'zombie_lifetime_'),
    },
    userActionSet: bool(z, 'user_action_set_'),
  };
}

function where(o: JsonObject): string {
  return typeof o.$class === 'string' ? o.$class : 'reply';
}
function asObj(v: Json, what: string): JsonObject {
  return asObject(v, what);
}
function obj(o: JsonObject, key: string): JsonObject {
  return field(o, key, where(o), 'object') as JsonObject;
}
function arr(o: JsonObject, key: string): Json[] {
  return field(o, key, where(o), 'array') as Json[];
}
function int(o: JsonObject, key: string): number {
  return field(o, key, where(o), 'number') as number;
}
function str(o: JsonObject, key: string): string {
  return field(o, key, where(o), 'string') as string;
}
function bool(o: JsonObject, key: string): boolean {
  return field(o, key, where(o), 'boolean') as boolean;
}
function strings(o: JsonObject, key: string): string[] {
  return arr(o, key).map((s, i) => {
    if (typeof s !== 'string') throw new CerealError(`${where(o)}.${key}[${i}]: expected a string`);
    return s;
  });
}

/** What a sync request returns: a full definition or the server's changes (SSyncCmd). */
export type SyncReply = ReplyOf<'SSyncCmd'>;
