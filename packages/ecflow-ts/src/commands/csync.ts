import type { ReplyOf } from '../protocol/replies.js';
import { ArgumentError } from '../errors.js';
import { chSuitesCmd } from './client-handle.js';
import { type Command, expectReply, Timeout } from './command.js';
import { type CommandModule, lines, UsageError } from './option.js';

/** CSyncCmd::Api */
export const CSyncApi = { NEWS: 0, SYNC: 1, SYNC_FULL: 2, SYNC_CLOCK: 3 } as const;
export type CSyncApi = (typeof CSyncApi)[keyof typeof CSyncApi];

/** A client's view of the server: its handle and the change numbers of its copy of the definition. */
export interface SyncPoint {
  /** The client handle whose suites the copy holds (0: every suite). */
  handle: number;
  /** The server's state change number when the copy was last synced (0 before the first sync). */
  stateChangeNo: number;
  /** The server's modify change number when the copy was last synced (0 before the first sync). */
  modifyChangeNo: number;
}

const name = { [CSyncApi.NEWS]: 'news', [CSyncApi.SYNC]: 'sync', [CSyncApi.SYNC_FULL]: 'sync_full', [CSyncApi.SYNC_CLOCK]: 'sync_clock' };

function csync<T>(api: CSyncApi, at: SyncPoint, decode: Command<T>['decode'], text: string): Command<T> {
  return {
    cls: 'CSyncCmd',
    base: 'user',
    fields: () => ({
      api_: api,
      client_handle_: at.handle,
      client_state_change_no_: at.stateChangeNo,
      client_modify_change_no_: at.modifyChangeNo,
    }),
    timeout: api === CSyncApi.NEWS ? Timeout.DEFAULT : Timeout.SYNC,
    text,
    decode,
  };
}

/** NEWS: has anything changed since `at`? */
export function newsCmd(at: SyncPoint): Command<ReplyOf<'SNewsCmd'>['news']> {
  const text = `--${name[CSyncApi.NEWS]}=${at.handle} ${at.stateChangeNo} ${at.modifyChangeNo}`;
  return csync(CSyncApi.NEWS, at, (r) => expectReply(r, 'SNewsCmd', text).news, text);
}

/** SYNC / SYNC_CLOCK: the changes since `at`, or the whole definition when the server decides so. */
export function syncCmd(at: SyncPoint, clock = false): Command<ReplyOf<'SSyncCmd'>> {
  const api = clock ? CSyncApi.SYNC_CLOCK : CSyncApi.SYNC;
  const text = `--${name[api]}=${at.handle} ${at.stateChangeNo} ${at.modifyChangeNo}`;
  return csync(api, at, (r) => expectReply(r, 'SSyncCmd', text), text);
}

/**
 * SYNC_FULL: the whole definition (or the suites of `handle`). A handle the server does not hold
 * (dropped, or lost when the server restarted) makes every ecflow_server from 5.9.2 to 5.17.0
 * abort, so the handle is looked up first and refused when it is not there.
 */
export function syncFullCmd(handle: number): Command<ReplyOf<'SSyncCmd'>> {
  const text = `--sync_full=${handle}`;
  const command = csync(CSyncApi.SYNC_FULL, { handle, stateChangeNo: 0, modifyChangeNo: 0 }, (r) => expectReply(r, 'SSyncCmd', text), text);
  if (handle === 0) return command;
  return {
    ...command,
    guard: async (ask) => {
      const suites = chSuitesCmd();
      if (!suites.decode(await ask(suites)).handles.some((h) => h.handle === handle)) {
        throw new ArgumentError(`${text}: the server holds no client handle ${handle} (dropped, or the server restarted): register one again with chRegister`);
      }
    },
  };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

function syncPoint(values: string[], what: string) {
  if (values.length !== 3) {
    throw new UsageError(`CSyncCmd::create(${what}) expects 3 integer arguments, Client handle, state change number, and modify change number`);
  }
  const [handle, stateChangeNo, modifyChangeNo] = values.map(Number) as [number, number, number];
  return { handle, stateChangeNo, modifyChangeNo };
}

/** CSyncCmd: its requests, the Client methods that send them, its ecflow_client options. */
export const CSyncCmd = {
  cls: 'CSyncCmd',
  request: { news: newsCmd, sync: syncCmd, syncFull: syncFullCmd },
  client: ['news', 'sync', 'syncFull'],
  options: {
    news: {
      value: 'many',
      unsigned: true,
      description: lines(
        'Ask the server whether its definition changed since the last synchronisation.',
        '*Important* meant for programs built on the C++/Python client library, not for people.',
        'Takes a client handle plus the change and modify numbers the client recorded when it last',
        'synchronised, and answers whether the server has moved on since then.',
        'Call sync after news so the stored numbers are refreshed for the next news call.',
        '  args = client_handle change_number modify_number',
      ),
      run: (v) => ({ request: newsCmd(syncPoint(v, 'SYNC/SYN_CLOCK/NEWS')) }),
    },
    sync: {
      value: 'many',
      unsigned: true,
      description: lines(
        'Bring the local copy of the definition up to date with the server, sending only changes.',
        '*Important* meant for programs built on the C++/Python client library, not for people.',
        'Only the differences travel over the network, so prefer this over sync_full.',
        'Takes a client handle plus the change and modify numbers of the last synchronisation;',
        'the server replies with what changed since then, which is merged into the local definition.',
        '  args = client_handle change_number modify_number',
      ),
      run: (v) => ({ request: syncCmd(syncPoint(v, 'SYNC/SYN_CLOCK/NEWS')) }),
    },
    sync_full: {
      value: 'one',
      unsigned: true,
      description: lines(
        'Fetch the complete definition from the server in one go.',
        '*Important* meant for programs built on the C++/Python client library, not for people.',
        'Takes a client handle; the definition received is kept by the client.',
        '  arg = client_handle',
      ),
      run: (v) => ({ request: syncFullCmd(Number(v[0])) }),
    },
    sync_clock: {
      value: 'many',
      unsigned: true,
      description: lines(
        'Like sync, but suite clocks that moved are always included in the changes sent back.',
        '*Important* meant for programs built on the C++/Python client library, not for people.',
        'Only the differences travel over the network, so prefer this over sync_full.',
        'Takes a client handle plus the change and modify numbers of the last synchronisation;',
        'the server replies with what changed since then, which is merged into the local definition.',
        '  args = client_handle change_number modify_number',
      ),
      run: (v) => ({ request: syncCmd(syncPoint(v, 'SYNC/SYN_CLOCK/NEWS'), true) }),
    },
  },
} as const satisfies CommandModule;
