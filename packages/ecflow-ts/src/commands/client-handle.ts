import { toInt } from '../defs/text.js';
import type { ReplyOf } from '../protocol/replies.js';
import { type Command, expectReply, Timeout, ctsApiToString } from './command.js';
import { type Action, type CliContext, type CommandModule, lines, UsageError } from './option.js';

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

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

function chRegister(values: string[], _ctx: CliContext): Action {
  let handle = 0;
  let autoAdd = false;
  let first = 1;
  if (values.length) {
    const h = toInt(values[0]!);
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

function chDrop(values: string[], _ctx: CliContext): Action {
  const handle = Number(values[0]);
  if (handle === 0) throw new UsageError('ClientHandleCmd::create: handles must have a value > 0');
  return { request: chDropCmd(handle) };
}

function chDropUser(values: string[], ctx: CliContext): Action {
  // Messages name the caller when no user is given: the user the request goes out as.
  const caller = ctx.environment.user(ctx.extra.get('user')?.[0] || undefined).user;
  return { request: chDropUserCmd(values[0] ?? '', caller) };
}

function handleAndSuites(values: string[], notInteger: string): { handle: number; suites: string[] } {
  if (values.length < 2) throw new UsageError('To few arguments. First arg should be a integer handle, then a list of suite names. See help');
  const handle = toInt(values[0]!);
  if (handle === undefined) throw new UsageError(notInteger);
  if (handle === 0) throw new UsageError('ClientHandleCmd::create: handles must have a value > 0');
  return { handle, suites: values.slice(1) };
}

function chAdd(values: string[], _ctx: CliContext): Action {
  const { handle, suites } = handleAndSuites(values, 'The first argument must be an integer. See help');
  return { request: chAddCmd(handle, suites) };
}

function chRem(values: string[], _ctx: CliContext): Action {
  const { handle, suites } = handleAndSuites(values, 'ClientHandleCmd::create: The first argument must be an integer. See help');
  return { request: chRemoveCmd(handle, suites) };
}

function chAutoAdd(values: string[], _ctx: CliContext): Action {
  if (values.length !== 2) throw new UsageError('Two argument expected. First arg should be a integer handle, second should be true or false. See help');
  const handle = toInt(values[0]!);
  if (handle === undefined) throw new UsageError('ClientHandleCmd::create: The first argument must be an integer. See help');
  if (handle === 0) throw new UsageError('ClientHandleCmd::create: handles must have a value > 0');
  if (values[1] !== 'true' && values[1] !== 'false') throw new UsageError('ClientHandleCmd::create: First argument should be true | false. See help');
  return { request: chAutoAddCmd(handle, values[1] === 'true') };
}

function chSuites(_values: string[], _ctx: CliContext): Action {
  return { request: chSuitesCmd() };
}

/** ClientHandleCmd: its requests, the Client methods that send them, its ecflow_client options. */
export const ClientHandleCmd = {
  cls: 'ClientHandleCmd',
  request: { register: chRegisterCmd, drop: chDropCmd, dropUser: chDropUserCmd, add: chAddCmd, remove: chRemoveCmd, autoAdd: chAutoAddCmd, suites: chSuitesCmd },
  client: ['chRegister', 'chDrop', 'chDropUser', 'chAdd', 'chRemove', 'chAutoAdd', 'chSuites'],
  options: {
    ch_register: {
      value: 'many',
      description: lines(
        'Create a client handle that follows only the suites you name.',
        'A client that cares about a few suites of a big definition synchronises faster and',
        'uses less bandwidth through such a handle. The new handle, shown by --ch_suites,',
        'is what the other ch_ commands change. news and sync then only see the handle\'s suites.',
        'Suites can be named before they are loaded; deleted suites stay registered until removed.',
        '   arg1 = true | false           # true: suites created later join the handle automatically',
        '   arg2 = names                  # suite names; names the server does not hold are ignored',
        'Usage:',
        '   --ch_register=true s1 s2 s3   # follow s1, s2, s3 and every suite created later',
        '   --ch_register=false s1 s2 s3  # follow s1, s2 and s3 only',
        '   --ch_register=false           # create the handle now, add suites later',
        '   --ch_register=1 true s1 s2 s3 # drop handle 1 first, then register as in the first example',
        '                                 # (a leading non-zero handle is dropped first; GUIs and python use this)',
        'List every handle and its suites with --ch_suites',
      ),
      run: chRegister,
    },
    ch_drop: {
      value: 'one',
      integer: true,
      description: lines(
        'Delete a client handle.',
        'Handles no longer used should be dropped; otherwise the server keeps them.',
        '   arg1 = handle(integer)  # a registered handle, greater than 0',
        'Usage:',
        '   --ch_drop=10            # delete handle 10',
        'Dropping a handle that was never registered is an error.',
        'The handle remembered by the local client goes back to zero.',
        'List every handle and its suites with --ch_suites',
      ),
      run: chDrop,
    },
    ch_drop_user: {
      value: 'optional',
      description: lines(
        'Delete every client handle belonging to a user.',
        'Without a user name the current user is meant. Handles no longer used should be dropped;',
        'otherwise the server keeps them.',
        '   arg1 = user           # whose handles to delete; empty means the current user',
        'Usage:',
        '   --ch_drop_user=ma0    # delete all handles of user ma0',
        '   --ch_drop_user        # delete all handles of the current user',
        'It is an error when the user has no handles.',
        'List every handle and its suites with --ch_suites',
      ),
      run: chDropUser,
    },
    ch_add: {
      value: 'many',
      description: lines(
        'Add suites to an existing client handle.',
        '   arg1 = handle(integer)  # a registered handle, greater than 0',
        '   arg2 = names            # suite names; names the server does not hold are ignored',
        'Usage:',
        '   --ch_add=10 s2 s3 s4    # handle 10 now also follows s2, s3 and s4',
        'The handle must have been created before, with --ch_register; otherwise this is an error.',
        'List every handle and its suites with --ch_suites',
      ),
      run: chAdd,
    },
    ch_rem: {
      value: 'many',
      description: lines(
        'Take suites out of an existing client handle.',
        '   arg1 = handle(integer)   # a registered handle, greater than 0',
        '   arg2 = names             # suite names; names the server does not hold are ignored',
        'Usage:',
        '   --ch_rem=10 s2 s3 s4     # handle 10 no longer follows s2, s3 and s4',
        'Handles are created with --ch_register.',
        'List every handle and its suites with --ch_suites',
      ),
      run: chRem,
    },
    ch_auto_add: {
      value: 'many',
      description: lines(
        'Choose whether suites created later join an existing client handle automatically.',
        '   arg1 = handle(integer)  # a registered handle, greater than 0',
        '   arg2 = true | false     # true: suites created later join the handle',
        'Usage:',
        ' --ch_auto_add=10 true     # new suites will join handle 10',
        ' --ch_auto_add=10 false    # new suites will not join handle 10',
        'Handles are created with --ch_register.',
        'List every handle and its suites with --ch_suites',
      ),
      run: chAutoAdd,
    },
    ch_suites: {
      value: 'none',
      description: lines('List every client handle with the suites it follows.'),
      run: chSuites,
    },
  },
} as const satisfies CommandModule;
