import { asObject, CerealError, field, type Json, type JsonObject } from './cereal.js';

/** StcCmd::Api: the reply of commands that return no data. */
export const StcApi = {
  /** The request was carried out. */
  OK: 0,
  /** A child command must wait and retry: the server is halted. */
  BLOCK_CLIENT_SERVER_HALTED: 1,
  /** A child command must wait and retry on this server: its `--wait` expression does not hold yet. */
  BLOCK_CLIENT_ON_HOME_SERVER: 2,
  /** Every suite was deleted. */
  DELETE_ALL: 3,
  /** The request's arguments were invalid. */
  INVALID_ARGUMENT: 4,
  /** The connection ended. */
  END_OF_FILE: 5,
} as const;
/** One of the values of {@link StcApi}. */
export type StcApi = (typeof StcApi)[keyof typeof StcApi];

/** ServerReply::News_t, the answer to `news`. */
export const News = {
  /** Nothing changed since the client's change numbers. */
  NO_NEWS: 0,
  /** Something changed: an incremental sync brings it. */
  NEWS: 1,
  /** Too much changed (or the server restarted): the client must download the whole definition. */
  DO_FULL_SYNC: 2,
} as const;
/** One of the values of {@link News}. */
export type News = (typeof News)[keyof typeof News];

/** The server's list of changes since a client's change numbers (SSyncCmd, incremental). */
export interface DefsDelta {
  /** The server's state change number after these changes: the client's next sync point. */
  serverStateChangeNo: number;
  /** The server's modify change number after these changes: the client's next sync point. */
  serverModifyChangeNo: number;
  /** CompoundMementos with polymorphic objects resolved to `{ $class, ...fields }`. */
  compoundMementos: JsonObject[];
}

/** One zombie as `--zombie_get` reports it (class Zombie). */
export interface Zombie {
  /** What the server does with the zombie's child commands: an index into {@link ZOMBIE_ACTIONS} (`fob` … `kill`). */
  userAction: number;
  /** The zombie job's try number. */
  tryNo: number;
  /** Seconds the zombie has been alive. */
  duration: number;
  /** How many child commands the zombie has sent. */
  calls: number;
  /** The kind of zombie: an index into {@link ZOMBIE_TYPES} (`user`, `ecf`, `ecf_pid`, …). */
  zombieType: number;
  /** The zombie's last child command: an index into {@link CHILD_CMDS} (`init` … `complete`). */
  lastChildCmd: number;
  /** The task the zombie claims to be. */
  pathToTask: string;
  /** The jobs password the zombie sent. */
  jobsPassword: string;
  /** The process or remote id the zombie sent. */
  processOrRemoteId: string;
  /** The user command that made the zombie (e.g. a forced requeue), empty otherwise. */
  userCmd: string;
  /** The host the zombie's child commands come from. */
  host: string;
  /** The zombie attribute that applies: from the node tree, or the default for the type. */
  attr: {
    /** The child commands it applies to: indexes into {@link CHILD_CMDS}. */
    childCmds: number[];
    /** Its zombie type: an index into {@link ZOMBIE_TYPES}. */
    zombieType: number;
    /** Its action: an index into {@link ZOMBIE_ACTIONS}. */
    action: number;
    /** Seconds a zombie of this kind is kept. */
    lifetime: number;
  };
  /** True when a user chose the action (zombie commands), which takes precedence over the attribute. */
  userActionSet: boolean;
}

/** Every ServerToClientCmd class 5.9.2 registers, decoded; `type` is the C++ class name. */
export type Reply =
  | {
      /** StcCmd: the reply of commands that return no data. */
      type: 'StcCmd';
      /** What the server answered. */
      api: StcApi;
    }
  | {
      /** SStringCmd: a text, e.g. a file, a log excerpt, a query's answer. */
      type: 'SStringCmd';
      /** The text. */
      str: string;
    }
  | {
      /** SStringVecCmd: a list of texts, e.g. the edit history. */
      type: 'SStringVecCmd';
      /** The texts. */
      vec: string[];
    }
  | {
      /** DefsCmd: the whole definition (`--get`). */
      type: 'DefsCmd';
      /** The definition's text. */
      defs: string;
    }
  | {
      /** SNodeCmd: one node (`--get=/path`). */
      type: 'SNodeCmd';
      /** The node's text. */
      node: string;
    }
  | {
      /** SSyncCmd: the answer to `sync` and `sync_full`. */
      type: 'SSyncCmd';
      /** True when `defs` holds the whole definition. */
      fullDefs: boolean;
      /** The changes since the client's sync point, for an incremental sync. */
      delta: DefsDelta;
      /** The suites of the client's handle (NET style) after a large change, else empty. */
      serverDefs: string;
      /** The whole definition (NET style) when `fullDefs`, else empty. */
      defs: string;
    }
  | {
      /** SNewsCmd: the answer to `news`. */
      type: 'SNewsCmd';
      /** Whether, and how, the server changed. */
      news: News;
    }
  | {
      /** SServerLoadCmd: the answer to `--server_load`. */
      type: 'SServerLoadCmd';
      /** The path of the server's log file. */
      logFilePath: string;
    }
  | {
      /** SStatsCmd: the answer to `--stats_server`. */
      type: 'SStatsCmd';
      /** The values of ecFlow's `Stats` in order; {@link STATS_FIELDS} names them. */
      stats: Json[];
    }
  | {
      /** SSuitesCmd: the answer to `--suites`. */
      type: 'SSuitesCmd';
      /** Suite names in server order. */
      suites: string[];
    }
  | {
      /** SClientHandleCmd: a client handle, the answer to `--ch_register` and `--ch_drop` (0 after a drop). */
      type: 'SClientHandleCmd';
      /** The client handle. */
      handle: number;
    }
  | {
      /** SClientHandleSuitesCmd: the answer to `--ch_suites`. */
      type: 'SClientHandleSuitesCmd';
      /** Per user, the handles it registered. */
      users: {
        /** The user name. */
        user: string;
        /** Its handles. */
        handles: number[];
      }[];
      /** Per handle, the suites it holds. */
      handles: {
        /** The handle. */
        handle: number;
        /** Its suite names. */
        suites: string[];
      }[];
    }
  | {
      /** ZombieGetCmd: the answer to `--zombie_get`. */
      type: 'ZombieGetCmd';
      /** The zombies. */
      zombies: Zombie[];
    }
  | {
      /** ErrorCmd: the server refused the request; the client turns it into a {@link ServerError}. */
      type: 'ErrorCmd';
      /** The server's text. */
      message: string;
    }
  | {
      /** GroupSTCCmd: the replies to a group of commands. */
      type: 'GroupSTCCmd';
      /** The replies the server kept, in order (it leaves plain OKs out). */
      replies: Reply[];
    }
  | {
      /** BlockClientZombieCmd: a child command of a zombie must wait and retry. */
      type: 'BlockClientZombieCmd';
      /** The kind of zombie: an index into {@link ZOMBIE_TYPES}. */
      zombieType: number;
    };

/** The member of {@link Reply} whose `type` is `T`, e.g. `ReplyOf<'SSyncCmd'>`. */
export type ReplyOf<T extends Reply['type']> = Extract<
  Reply,
  {
    /** The class name to pick. */
    type: T;
  }
>;

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
