import type { ReplyOf } from '../protocol/replies.js';
import { type Command, expectReply, Timeout, ctsApiToString } from './command.js';

/** ClientHandleCmd::Api */
export const ClientHandleApi = { REGISTER: 0, DROP: 1, DROP_USER: 2, ADD: 3, REMOVE: 4, AUTO_ADD: 5, SUITES: 6 } as const;
export type ClientHandleApi = (typeof ClientHandleApi)[keyof typeof ClientHandleApi];

/** Who registered which handles, and the suites of each handle (SClientHandleSuitesCmd). */
export type ClientHandleSuites = Omit<ReplyOf<'SClientHandleSuitesCmd'>, 'type'>;

interface Fields {
  handle?: number;
  dropUser?: string;
  suites?: readonly string[];
  autoAdd?: boolean;
}

function clientHandle<T>(api: ClientHandleApi, f: Fields, text: string, decode: Command<T>['decode']): Command<T> {
  return {
    cls: 'ClientHandleCmd',
    base: 'user',
    fields: () => ({
      api_: api,
      client_handle_: f.handle ?? 0,
      drop_user_: f.dropUser ?? '',
      suites_: [...(f.suites ?? [])],
      auto_add_new_suites_: f.autoAdd ?? false,
    }),
    timeout: Timeout.DEFAULT,
    text,
    // ClientHandleCmd::cmd_updates_defs: a handle's suites change what a sync returns.
    updatesDefs: api !== ClientHandleApi.AUTO_ADD && api !== ClientHandleApi.SUITES,
    decode,
  };
}

const handleOf = (text: string) => (reply: Parameters<Command<number>['decode']>[0]) => expectReply(reply, 'SClientHandleCmd', text).handle;
const none = (text: string) => (reply: Parameters<Command<void>['decode']>[0]) => {
  expectReply(reply, 'StcCmd', text);
};

/**
 * REGISTER: a new handle for `suites` (names of suites, loaded or not); with `autoAdd` suites
 * created later join it too. A non-zero `dropHandle` is dropped first. Resolves with the new handle.
 */
export function chRegisterCmd(autoAdd: boolean, suites: readonly string[] = [], dropHandle = 0): Command<number> {
  // CtsApi::ch_register: the handle, when there is one, takes the place of true/false after `=`.
  const head = dropHandle !== 0 ? [`--ch_register=${dropHandle}`, String(autoAdd)] : [`--ch_register=${autoAdd}`];
  const text = ctsApiToString([...head, ...suites]);
  return clientHandle(ClientHandleApi.REGISTER, { handle: dropHandle, suites, autoAdd }, text, handleOf(text));
}

/** DROP: forgets a handle; resolves with 0, the handle a client holds afterwards. */
export function chDropCmd(handle: number): Command<number> {
  const text = `--ch_drop=${handle}`;
  return clientHandle(ClientHandleApi.DROP, { handle }, text, handleOf(text));
}

/**
 * DROP_USER: drops every handle of `user` ('' = the caller). `caller` is the user the request is
 * sent as; ecflow_client names it in messages when `user` is empty.
 */
export function chDropUserCmd(user = '', caller = ''): Command<void> {
  const who = user || caller;
  const text = who ? `--ch_drop_user=${who}` : '--ch_drop_user';
  // Dropping one's own handles answers with handle 0, anyone else's with OK.
  return clientHandle(ClientHandleApi.DROP_USER, { dropUser: user }, text, (reply) => {
    if (reply.type !== 'SClientHandleCmd') expectReply(reply, 'StcCmd', text);
  });
}

/** ADD: adds suites to a handle. */
export function chAddCmd(handle: number, suites: readonly string[]): Command<void> {
  const text = ctsApiToString([`--ch_add=${handle}`, ...suites]);
  return clientHandle(ClientHandleApi.ADD, { handle, suites }, text, none(text));
}

/** REMOVE: removes suites from a handle. */
export function chRemoveCmd(handle: number, suites: readonly string[]): Command<void> {
  const text = ctsApiToString([`--ch_rem=${handle}`, ...suites]);
  return clientHandle(ClientHandleApi.REMOVE, { handle, suites }, text, none(text));
}

/** AUTO_ADD: whether suites created later join the handle. */
export function chAutoAddCmd(handle: number, autoAdd: boolean): Command<void> {
  const text = ctsApiToString([`--ch_auto_add=${handle}`, String(autoAdd)]);
  return clientHandle(ClientHandleApi.AUTO_ADD, { handle, autoAdd }, text, none(text));
}

/** SUITES: every handle of every user, with its suites. */
export function chSuitesCmd(): Command<ClientHandleSuites> {
  const text = '--ch_suites';
  return clientHandle(ClientHandleApi.SUITES, {}, text, (reply) => {
    const { users, handles } = expectReply(reply, 'SClientHandleSuitesCmd', text);
    return { users, handles };
  });
}
