import { ArgumentError, ProtocolError } from '../errors.js';
import { asObject, CerealError, CerealReader, CerealWriter, type Json, type JsonObject } from './cereal.js';
import { decodeReply, type Reply } from './replies.js';

/** Who sends a user command: written into the UserCmd base of every request. */
export interface UserIdentity {
  /** `cl_host_`: the client's host name; the server only logs it. */
  clientHost: string;
  /** Login or custom user name; must not be empty. */
  user: string;
  /** DES-crypt of the password (13 characters), when the server wants one. */
  passwordHash?: string;
  /** True when `user` is a custom user (ECF_USER / --user), checked against ECF_CUSTOM_PASSWD. @default false */
  customUser?: boolean;
}

/** Who sends a child command: the job's identity, from ECF_NAME, ECF_PASS, ECF_RID, ECF_TRYNO. */
export interface TaskIdentity {
  /** `cl_host_`: the client's host name; the server only logs it. */
  clientHost: string;
  /** The task's path (ECF_NAME). */
  path: string;
  /** The jobs password (ECF_PASS) the server generated for this job. */
  password: string;
  /** The job's process or remote id (ECF_RID). */
  rid: string;
  /** The job's try number (ECF_TRYNO). */
  tryNo: number;
}

/** Who sends a request: what {@link Request.fields} and the envelope's base classes write. */
export interface EncodeContext {
  /** The user identity, written into every request. */
  user: UserIdentity;
  /** The job identity, for child commands. */
  task?: TaskIdentity;
}

/**
 * One ClientToServerCmd: its C++ class, which base it has, and a builder for its own fields, called
 * with the writer of the message so that nested versioned types and pointers get the right ids.
 */
export interface Request {
  /** The C++ class name of the command, e.g. `PathsCmd`. */
  readonly cls: string;
  /** Whether the command is a user command (`UserCmd`) or a child command sent by a job (`TaskCmd`). */
  readonly base: 'user' | 'task';
  /**
   * The command's own fields, in the order the C++ class serialises them; `w` gives nested versioned types
   * and pointers their ids.
   */
  readonly fields: (w: CerealWriter, ctx: EncodeContext) => JsonObject;
  /** Seconds per phase that ecflow_client allows this command (ClientToServerCmd::timeout). */
  readonly timeout: number;
  /** How ecflow_client names the request in messages (print_short), e.g. `--suspend /s`. */
  readonly text: string;
  /** Child commands: the remote id to send instead of the client's (InitCmd's `--init=<rid>`). */
  readonly rid?: string;
  /** The request is a ping: one second between retries and no fail-over to other hosts. @default false */
  readonly ping?: boolean;
  /** The request is a group of commands (`GroupCTSCmd`): auto-sync does not wrap it again. @default false */
  readonly group?: boolean;
  /**
   * The command changes the definition (`cmd_updates_defs`, by default `isWrite`): with auto-sync
   * on, the client follows it with a sync in the same request. @default false
   */
  readonly updatesDefs?: boolean;
  /**
   * Run by the client before the request is sent, with a way to ask the server first: rejects a
   * request that would make the server abort or hang (shapes ecFlow's own servers do not survive).
   */
  readonly guard?: (ask: (request: Request) => Promise<Reply>, server: GuardContext) => Promise<void>;
}

/** What a {@link Request.guard} may know of the server beyond asking it. */
export interface GuardContext {
  /** The server's ecFlow version (asked once, then remembered by the client). */
  version(): Promise<string>;
}

/** The serialised command object, base classes first, as `ClientToServerCmd` subclasses write it. */
export function encodeCommand(w: CerealWriter, request: Request, ctx: EncodeContext): JsonObject {
  return w.polymorphic(request.cls, () => {
    const data: JsonObject = { ...w.version(request.cls) };
    data.value0 = request.base === 'user' ? userCmd(w, ctx.user) : taskCmd(w, ctx);
    return Object.assign(data, request.fields(w, ctx));
  });
}

function clientToServerCmd(w: CerealWriter, clientHost: string): JsonObject {
  return { ...w.version('ClientToServerCmd'), cl_host_: clientHost };
}

function userCmd(w: CerealWriter, user: UserIdentity): JsonObject {
  const o: JsonObject = { ...w.version('UserCmd') };
  o.value0 = clientToServerCmd(w, user.clientHost);
  o.user_ = user.user;
  if (user.passwordHash) o.pswd_ = user.passwordHash;
  if (user.customUser) o.cu_ = true;
  return o;
}

function taskCmd(w: CerealWriter, ctx: EncodeContext): JsonObject {
  const task = ctx.task;
  if (!task) throw new ArgumentError('a child command needs a TaskIdentity');
  const o: JsonObject = { ...w.version('TaskCmd') };
  o.value0 = clientToServerCmd(w, task.clientHost);
  o.path_to_submittable_ = task.path;
  o.jobs_password_ = task.password;
  o.process_or_remote_id_ = task.rid;
  o.try_no_ = task.tryNo;
  return o;
}

/** The JSON body of a ClientToServerRequest carrying `request`. */
export function encodeRequest(request: Request, ctx: EncodeContext): string {
  const w = new CerealWriter();
  return JSON.stringify({ '21ClientToServerRequest': { cmd_: encodeCommand(w, request, ctx) } });
}

/** Decodes the JSON body of a ServerToClientResponse; anything malformed is a ProtocolError. */
export function decodeResponse(body: string): Reply {
  let json: Json;
  try {
    json = JSON.parse(body) as Json;
  } catch (error) {
    throw new ProtocolError(`reply is not valid JSON (${(error as Error).message}): ${preview(body)}`, { cause: error });
  }
  try {
    const root = asObject(json, 'reply');
    const keys = Object.keys(root);
    // cereal names the root after the mangled type, but reads it by position: accept any name.
    if (keys.length !== 1) throw new CerealError(`reply root has ${keys.length} members, expected 1`);
    const envelope = asObject(root[keys[0]!]!, keys[0]!);
    if (!('stc_cmd_' in envelope)) throw new CerealError(`${keys[0]}: missing field stc_cmd_`);
    const reader = new CerealReader();
    return decodeReply(asObject(reader.resolve(envelope.stc_cmd_, 'stc_cmd_'), 'stc_cmd_'));
  } catch (error) {
    if (error instanceof CerealError) throw new ProtocolError(`unexpected reply: ${error.message}: ${preview(body)}`, { cause: error });
    throw error;
  }
}

function preview(body: string): string {
  return body.length > 200 ? `${JSON.stringify(body.slice(0, 200))}…` : JSON.stringify(body);
}
