import { beginCmd } from '../commands/begin.js';
import { CheckPtMode, checkPtCmd } from '../commands/check-pt.js';
import { newsCmd, syncCmd, syncFullCmd } from '../commands/csync.js';
import { CtsApi, ctsCmd } from '../commands/cts.js';
import { deleteCmd } from '../commands/delete.js';
import { ForceTarget, forceCmd } from '../commands/force.js';
import { DEFAULT_LOG_LINES, LogApi, logCmd } from '../commands/log.js';
import { logMessageCmd } from '../commands/log-message.js';
import { PathsApi, pathsCmd } from '../commands/paths.js';
import { RequeueOption, requeueNodeCmd } from '../commands/requeue-node.js';
import { runNodeCmd } from '../commands/run-node.js';
import { serverVersionCmd } from '../commands/server-version.js';
import { abortCmd, completeCmd, eventCmd, initCmd, labelCmd, meterCmd, QueueAction, queueCmd, waitCmd } from '../commands/task.js';
import type { Request } from '../protocol/envelope.js';
import type { Reply } from '../protocol/replies.js';
import type { OptionSpec } from './argv.js';
import { optionHelp } from './help/descriptions.js';
import * as nodes from './options/nodes.js';
import { CtsNodeApi, ctsNodeRequest } from '../commands/cts-node.js';
import { showCmd } from '../commands/show.js';
import { groupCmd } from '../commands/group.js';
import { since, versionOf } from '../versions.js';
import { imitatedVersion } from './imitate.js';
import { type PrintStyleName, printServerDefs } from '../defs/index.js';
import { load } from './load.js';
import { group } from './options/group.js';
import * as handles from './options/handles.js';
import * as server from './options/server.js';
import * as tree from './options/tree.js';
import * as zombies from './options/zombies.js';
import { simpleDuration } from './print.js';

/** What the command line does once its arguments are understood. */
export type Action =
  /** Send a request; print the reply (default: by reply class), given the round trip in ms. */
  | { request: Request; print?: (reply: Reply, info: { host: string; port: string; ms: number }) => string; stdout?: string }
  /** Done locally, nothing to send (help, version, a declined prompt…); the exit code. */
  | { exit: number; stdout?: string };

export interface CliContext {
  /** --rid, overriding ECF_RID. */
  rid?: string;
  /** Values of the options that modify a command (--add, --remove). */
  extra: ReadonlyMap<string, string[]>;
  /** Asks the user to confirm; false when the answer does not start with y/Y. */
  confirm(prompt: string): boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** The ecflow_client release imitated (see imitate.ts): its checks and words. */
  version: string;
  /** The command is one part of `--group`, which sends the parts' plain requests. @default false */
  inGroup?: boolean;
}

/** One option of ecflow_client: its argv syntax and, for commands, what it does. */
export interface CliOption extends OptionSpec {
  /** Present for options that are commands; called with the option's values. */
  readonly run?: (values: string[], ctx: CliContext) => Action;
}

/** Failure while handling a reply on the client (e.g. gnuplot missing); printed as it is, exit 1. */
export class ClientSideError extends Error {
  override name = 'ClientSideError';
  /** What the command printed to standard output before it failed. @default '' */
  stdout = '';
}

/** A usage error in a command's arguments; ecflow_client reports these as parse failures. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The option's description, which ecflow_client appends to some usage errors. */
export function help(name: string): string {
  return optionHelp(name)?.description ?? '';
}


/** UserCmd::split_args_to_options_and_paths: absolute paths apart from the other words. */
export function splitPaths(args: readonly string[], colonIsPath = false): { options: string[]; paths: string[] } {
  const options: string[] = [];
  const paths: string[] = [];
  for (const a of args) {
    if (a === '') continue;
    if (a.startsWith('/') && !a.includes(' ') && (colonIsPath || !a.includes(':'))) paths.push(a);
    else options.push(a);
  }
  return { options, paths };
}

const confirmed = (ctx: CliContext, prompt: string, action: () => Action): Action => (ctx.confirm(prompt) ? action() : { exit: 1 });

function serverCmd(api: CtsApi, what: string): CliOption['run'] {
  return (values, ctx) => {
    const [answer = ''] = values;
    if (answer === '') return confirmed(ctx, `Are you sure you want to ${what} the server ? `, () => ({ request: ctsCmd(api) }));
    if (answer !== 'yes') throw new UsageError("Halt, shutdown and terminate expected 'yes' as the only argument to bypass the confirmation prompt");
    return { request: ctsCmd(api) };
  };
}

const cts = (api: CtsApi): CliOption['run'] => () => ({ request: ctsCmd(api) });

export function paths(api: PathsApi, name: string): CliOption['run'] {
  return (values) => {
    const { paths } = splitPaths(values);
    if (paths.length === 0) throw new UsageError(`${name}:  No paths specified. Paths must begin with a leading '/' character\n`);
    return { request: pathsCmd(api, paths) };
  };
}

function syncPoint(values: string[], what: string) {
  if (values.length !== 3) {
    throw new UsageError(`CSyncCmd::create(${what}) expects 3 integer arguments, Client handle, state change number, and modify change number`);
  }
  const [handle, stateChangeNo, modifyChangeNo] = values.map(Number) as [number, number, number];
  return { handle, stateChangeNo, modifyChangeNo };
}

function deleteNodes(values: string[], ctx: CliContext): Action {
  const { options, paths } = splitPaths(values);
  let all = false;
  let force = false;
  let prompt = true;
  // ecflow_client 5.9.2 looks for its keywords at the first positions of the raw arguments (as
  // many as there are non-path words), so `--delete yes /s` skips the prompt and `--delete /s yes`
  // does not; kept for identical behaviour.
  for (let i = 0; i < options.length; i++) {
    if (values[i] === '_all_') all = true;
    if (values[i] === 'force') force = true;
    if (values[i] === 'yes') prompt = false;
  }
  if (!all && paths.length === 0) throw new UsageError("Delete: No paths specified. Paths must begin with a leading '/' character\n");
  const request = () => ({ request: deleteCmd(paths, force) });
  if (!prompt) return request();
  const question = paths.length === 0
    ? 'Are you sure you want to delete all the suites ? '
    : `Are you sure want to delete nodes at paths:\n${paths.map((p) => `  ${p}`).join('\n')} ? `;
  return confirmed(ctx, question, request);
}

function begin(values: string[]): Action {
  const tokens = (values[0] ?? '').split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { request: beginCmd() };
  if (tokens.length === 1) return { request: tokens[0] === '--force' ? beginCmd('', true) : beginCmd(tokens[0]) };
  if (tokens.length === 2) {
    if (tokens[1] !== '--force') throw new UsageError(`BeginCmd: Expected second argument to be '--force' but found ${tokens[1]}\n`);
    return { request: beginCmd(tokens[0], true) };
  }
  throw new UsageError(`BeginCmd: Expect zero, one or 2 arguments, but found ${tokens.length} arguments\n${help('begin')}\n`);
}

function requeue(values: string[]): Action {
  const { options, paths } = splitPaths(values);
  if (paths.length === 0) throw new UsageError(`RequeueNodeCmd: No paths specified. At least one path expected. Paths must begin with a leading '/' character\n${help('requeue')}\n`);
  let option: RequeueOption = RequeueOption.NO_OPTION;
  for (const o of options) {
    if (o === 'abort') option = RequeueOption.ABORT;
    else if (o === 'force') option = RequeueOption.FORCE;
    else throw new UsageError(`RequeueNodeCmd: RequeueNodeCmd: Expected : [force | abort ] paths.\n${help('requeue')}\n`);
  }
  if (options.length > 1) throw new UsageError(`RequeueNodeCmd: Expected only a single option i.e [ force | abort ]\n${help('requeue')}\n`);
  return { request: requeueNodeCmd(paths, option) };
}

function force(values: string[]): Action {
  if (values.length < 2) throw new UsageError(`ForceCmd: At least two arguments expected for Force. Found ${values.length}\n${help('force')}\n`);
  const { options, paths } = splitPaths(values, true);
  if (paths.length === 0) throw new UsageError(`ForceCmd: No paths specified. Paths must begin with a leading '/' character\n${help('force')}\n`);
  const expected = '[ unknown | complete | queued | submitted | active | aborted | clear | set]';
  if (options.length === 0) throw new UsageError(`ForceCmd: Invalid argument list. Expected of:\n${expected}\n${help('force')}\n`);
  let recursive = false;
  let full = false;
  let target: ForceTarget | undefined;
  for (const o of options) {
    const lower = o.toLowerCase();
    if (lower === 'recursive') recursive = true;
    else if (lower === 'full') full = true;
    else if ((ForceTarget as readonly string[]).includes(o)) target = o as ForceTarget;
    else throw new UsageError(`ForceCmd: Invalid argument \n${help('force')}\n`);
  }
  if (!target) throw new UsageError(`ForceCmd: Invalid node state or event expected one of:\n${expected}\n`);
  if (target === 'set' || target === 'clear') {
    for (const p of paths) {
      const colon = p.lastIndexOf(':');
      if (colon <= 0 || colon === p.length - 1) {
        throw new UsageError("ForceCmd: When 'set' or 'clear' is specified the path needs to include name of the event i.e\n --force=/path/to_task:event_name set\n");
      }
    }
  }
  return { request: forceCmd(paths, target, { recursive, full }) };
}

function run(values: string[]): Action {
  const { options, paths } = splitPaths(values);
  if (paths.length === 0) throw new UsageError(`RunNodeCmd: No paths specified. Paths must begin with a leading '/' character\n${help('run')}\n`);
  if (options.length > 1) throw new UsageError(`RunNodeCmd: Invalid arguments. Expected a single optional 'force'\n${help('run')}\n`);
  if (options.length === 1 && !options[0]!.includes('force')) throw new UsageError(`RunNodeCmd: Expected force <path(s)>\n${help('run')}\n`);
  return { request: runNodeCmd(paths, options.length === 1) };
}

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
  throw new UsageError(`LogCmd: The arguments have not been specified correctly\n${help('log')}`);
}

function checkPt(values: string[]): Action {
  const arg = values[0] ?? '';
  const modes = { never: CheckPtMode.NEVER, on_time: CheckPtMode.ON_TIME, always: CheckPtMode.ALWAYS } as const;
  const illegal = (what: string, expected: string) =>
    new UsageError(`check_pt: Illegal argument(${what}), expected [ never | on_time | on_time:<integer> | ${expected}always | <integer>]\n${help('check_pt')}`);
  // parse_check_pt_interval / parse_check_pt_alarm_time
  const positive = (s: string, what: string, original: string, expected: string) => {
    if (!/^[+-]?\d+$/.test(s)) throw illegal(original, expected);
    const n = Number(s);
    if (n <= 0) throw new UsageError(`check_pt: ${what}(${n}) must be greater than zero :\n${help('check_pt')}`);
    return n;
  };
  const text = `--check_pt=${arg}`;
  if (arg === '') return { request: checkPtCmd() };
  const colon = arg.indexOf(':');
  if (colon >= 0) {
    const rest = arg.slice(colon + 1);
    if (arg.includes('alarm')) return { request: checkPtCmd({ alarm: positive(rest, 'alarm time', arg, 'alarm::integer> | ') }, text) };
    const mode = modes[arg.slice(0, colon) as keyof typeof modes];
    if (mode === undefined) throw illegal(arg, 'alarm:<integer> | ');
    return { request: checkPtCmd({ mode, interval: positive(rest, 'interval', rest, '') }, text) };
  }
  const mode = modes[arg as keyof typeof modes];
  if (mode !== undefined) return { request: checkPtCmd({ mode }, text) };
  return { request: checkPtCmd({ interval: positive(arg, 'interval', arg, '') }, text) };
}

/** TaskCmd::create checks: the job's identity must be in the environment. */
function jobPath(ctx: CliContext, cls: string): string {
  const path = ctx.env.ECF_NAME ?? '';
  if (!path) throw new UsageError(`${cls}: No task path specified for ECF_NAME \n`);
  if (!ctx.env.ECF_PASS) throw new UsageError(`${cls}: No jobs password specified for ECF_PASS \n`);
  return path;
}

function init(values: string[], ctx: CliContext, add: string[] = []): Action {
  const rid = values[0]!;
  const path = jobPath(ctx, 'InitCmd');
  const envRid = ctx.rid ?? ctx.env.ECF_RID ?? '';
  if (envRid && envRid !== rid) {
    throw new UsageError(`remote id(${rid}) passed as an argument, not the same the client environment ECF_RID(${envRid})`);
  }
  const variables = add.map((v) => {
    const tokens = v.split('=').filter(Boolean);
    if (tokens.length !== 2) throw new UsageError(`Could not parse variable provided to --add; Expected  var1=value1 var2=value2 but found ${v}`);
    return { name: tokens[0]!, value: tokens[1]! };
  });
  return { request: initCmd(path, rid, variables) };
}

function event(values: string[], ctx: CliContext): Action {
  const [name = '', value] = values;
  if (values.length === 2 && value !== 'set' && value !== 'clear') {
    throw new UsageError(`EventCmd: The second argument must be [ set | clear ] but found ${value}`);
  }
  return { request: eventCmd(jobPath(ctx, 'EventCmd'), name, value !== 'clear') };
}

function meter(values: string[], ctx: CliContext): Action {
  if (values.length !== 2) {
    throw new UsageError(`MeterCmd: Two arguments expected, found ${values.length} Please specify <meter-name> <meter-value>, ie --meter=name 100\n`);
  }
  if (!/^[+-]?\d+$/.test(values[1]!)) throw new UsageError('MeterCmd: Second argument must be a integer, i.e. --meter=name 100\n');
  return { request: meterCmd(jobPath(ctx, 'MeterCmd'), values[0]!, Number(values[1])) };
}

function label(values: string[], ctx: CliContext): Action {
  if (values.length < 2) {
    const usage = since(ctx.version, 'labelUsageWording') ? ': <label-name> <label-value>' : ' <label-name> <string1> <string2>';
    throw new UsageError(`LabelCmd: At least 2 arguments expected. Please specify${usage}\n`);
  }
  const [name, ...words] = values;
  return { request: labelCmd(jobPath(ctx, 'LabelCmd'), name!, words.join(' ')) };
}

function queue(values: string[], ctx: CliContext): Action {
  const [name = '', ...rest] = values;
  let action = '';
  let step = '';
  let queuePath = '';
  for (const a of rest) {
    if ((QueueAction as readonly string[]).includes(a)) action = a;
    else if (a.includes('/')) queuePath = a;
    else step = a;
  }
  if (values.length === 4 && !queuePath) {
    throw new UsageError(`QueueCmd: The fourth argument if specified must provide a path to a node where the queue resides.\nNo path specified. ${values[3]}`);
  }
  if (!name || !action) {
    throw new UsageError(
      `QueueCmd: incorrect argument specified, expected at least two arguments but found ${values.length} Please specify <queue-name> [active | aborted | complete | no_of_aborted | reset ] step <path to node with queue>(optional) i.e\n` +
        '--queue=name active  # active does not need a step\n--queue=name active /path/to/node/with/queue\n--queue=name aborted $step\n--queue=name complete $step\n--queue=name no_of_aborted\n--queue=name reset\n',
    );
  }
  if ((action === 'complete' || action === 'aborted') && !step) {
    throw new UsageError(
      'QueueCmd: when --queue=name complete || --queue=name aborted is used a step must be provided.i.e\n' +
        'ecflow_client --queue=name aborted $step\necflow_client --queue=name complete $step\nwhere step is value returned from active i.e\nstep=$(ecflow_client --queue=name active)\n',
    );
  }
  if (step && (action === 'active' || action === 'reset' || action === 'no_of_aborted')) {
    throw new UsageError('QueueCmd: when step should not be used with active,reset or no_of_aborted.');
  }
  return { request: queueCmd(jobPath(ctx, 'QueueCmd'), name, action as QueueAction, step, queuePath) };
}

/**
 * `--get`, `--get_state`, `--migrate` (CtsNodeCmd): the server sends the definition (or one node)
 * as NET text; the client prints it in the style asked for, adding externs as ecflow_client does,
 * as the ecflow_client of the server's release prints it. A whole definition names its release in
 * its header; a node's text does not, so the server's version is asked in the same request.
 */
function printDefinition(api: CtsNodeApi, style: PrintStyleName): CliOption['run'] {
  return (values, ctx) => {
    const path = values[0] ?? '';
    const node = ctsNodeRequest(api, path);
    if (path === '' || ctx.inGroup === true) {
      return {
        request: node,
        print: (reply) => {
          if (reply.type === 'DefsCmd') return printServerDefs(reply.defs, 'defs', style, { version: versionOf(reply.defs) ?? imitatedVersion(ctx.env) });
          if (reply.type === 'SNodeCmd') return printServerDefs(reply.node, 'node', style, { version: imitatedVersion(ctx.env) });
          return '';
        },
      };
    }
    return {
      // Named as the node request alone, so that a refusal reads as ecflow_client's.
      request: { ...groupCmd([node, serverVersionCmd()]), text: node.text },
      print: (reply) => {
        const replies = reply.type === 'GroupSTCCmd' ? reply.replies : [reply];
        const text = replies.find((r) => r.type === 'SNodeCmd');
        const release = replies.find((r) => r.type === 'SStringCmd');
        if (text?.type !== 'SNodeCmd') return '';
        return printServerDefs(text.node, 'node', style, { version: release?.type === 'SStringCmd' ? release.str : imitatedVersion(ctx.env) });
      },
    };
  };
}

/** `--show[=defs|state|migrate]` (ShowCmd): on its own the server just answers OK; in a group it prints what `get` fetched. */
export function showStyle(values: string[]): PrintStyleName {
  const arg = values[0] ?? '';
  if (arg === '' || arg === 'defs') return 'defs';
  if (arg === 'state' || arg === 'migrate') return arg;
  throw new UsageError(`ShowCmd::create invalid show option expected one of [ defs | state | migrate ] but found ${arg}`);
}

function ping(): Action {
  return {
    request: ctsCmd(CtsApi.PING),
    print: (_reply, { host, port, ms }) => `ping server(${host}:${port}) succeeded in ${simpleDuration(ms)}  ~${Math.floor(ms)} milliseconds\n`,
  };
}

const o = (name: string, value: CliOption['value'], run?: CliOption['run'], extra: Partial<CliOption> = {}): CliOption => ({
  name,
  value,
  ...(run ? { run } : {}),
  ...extra,
});

/**
 * Every option of ecflow_client 5.9.2, commands in the order its CtsCmdRegistry tries them (the
 * first command present on the command line wins), then help/version/debug and the globals.
 */
export const OPTIONS: readonly CliOption[] = [
  o('news', 'many', (v) => ({ request: newsCmd(syncPoint(v, 'SYNC/SYN_CLOCK/NEWS')) }), { unsigned: true }),
  o('sync', 'many', (v) => ({ request: syncCmd(syncPoint(v, 'SYNC/SYN_CLOCK/NEWS')) }), { unsigned: true }),
  o('sync_full', 'one', (v) => ({ request: syncFullCmd(Number(v[0])) }), { unsigned: true }),
  o('sync_clock', 'many', (v) => ({ request: syncCmd(syncPoint(v, 'SYNC/SYN_CLOCK/NEWS'), true) }), { unsigned: true }),
  o('get', 'optional', printDefinition(CtsNodeApi.GET, 'defs')),
  o('get_state', 'optional', printDefinition(CtsNodeApi.GET_STATE, 'state')),
  o('migrate', 'optional', printDefinition(CtsNodeApi.MIGRATE, 'migrate')),
  o('check_pt', 'optional', checkPt),
  o('ping', 'none', ping),
  o('restore_from_checkpt', 'none', cts(CtsApi.RESTORE_DEFS_FROM_CHECKPT)),
  o('restart', 'none', cts(CtsApi.RESTART_SERVER)),
  o('halt', 'optional', serverCmd(CtsApi.HALT_SERVER, 'halt')),
  o('shutdown', 'optional', serverCmd(CtsApi.SHUTDOWN_SERVER, 'shut down')),
  o('terminate', 'optional', serverCmd(CtsApi.TERMINATE_SERVER, 'terminate')),
  o('reloadwsfile', 'none', cts(CtsApi.RELOAD_WHITE_LIST_FILE)),
  o('reloadpasswdfile', 'none', cts(CtsApi.RELOAD_PASSWD_FILE)),
  o('reloadcustompasswdfile', 'none', cts(CtsApi.RELOAD_CUSTOM_PASSWD_FILE)),
  o('force-dep-eval', 'none', cts(CtsApi.FORCE_DEP_EVAL)),
  o('stats', 'none', cts(CtsApi.STATS)),
  o('stats_server', 'none', server.statsServer),
  o('stats_reset', 'none', cts(CtsApi.STATS_RESET)),
  o('debug_server_on', 'none', cts(CtsApi.DEBUG_SERVER_ON)),
  o('debug_server_off', 'none', cts(CtsApi.DEBUG_SERVER_OFF)),
  o('server_load', 'optional', server.serverLoad),
  o('job_gen', 'optional', nodes.jobGen),
  o('checkJobGenOnly', 'optional', nodes.checkJobGenOnly),
  o('delete', 'many', deleteNodes),
  o('suspend', 'many', paths(PathsApi.SUSPEND, 'suspend')),
  o('resume', 'many', paths(PathsApi.RESUME, 'resume')),
  o('kill', 'many', paths(PathsApi.KILL, 'kill')),
  o('status', 'many', paths(PathsApi.STATUS, 'status')),
  o('check', 'many', nodes.check),
  o('edit_history', 'many', nodes.editHistory),
  o('archive', 'many', tree.archive),
  o('restore', 'many', tree.restore),
  o('zombie_fob', 'many', zombies.zombieFob),
  o('zombie_fail', 'many', zombies.zombieFail),
  o('zombie_adopt', 'many', zombies.zombieAdopt),
  o('zombie_block', 'many', zombies.zombieBlock),
  o('zombie_remove', 'many', zombies.zombieRemove),
  o('zombie_kill', 'many', zombies.zombieKill),
  o('zombie_get', 'none', cts(CtsApi.GET_ZOMBIES)),
  o('suites', 'none', cts(CtsApi.SUITES)),
  o('ch_register', 'many', handles.chRegister),
  o('ch_drop', 'one', handles.chDrop, { integer: true }),
  o('ch_drop_user', 'optional', handles.chDropUser),
  o('ch_add', 'many', handles.chAdd),
  o('ch_rem', 'many', handles.chRem),
  o('ch_auto_add', 'many', handles.chAutoAdd),
  o('ch_suites', 'none', handles.chSuites),
  o('log', 'many', log),
  o('server_version', 'none', () => ({ request: serverVersionCmd() })),
  o('msg', 'one', (v) => ({ request: logMessageCmd(v[0]!) })),
  o('begin', 'optional', begin),
  o('init', 'one', (v, ctx) => init(v, ctx, ctx.extra.get('add'))),
  o('add', 'many'),
  o('complete', 'none', (_v, ctx) => ({ request: completeCmd(jobPath(ctx, 'CompleteCmd'), ctx.extra.get('remove')) })),
  o('remove', 'many'),
  o('abort', 'optional', (v, ctx) => ({ request: abortCmd(jobPath(ctx, 'AbortCmd'), v[0]) })),
  o('wait', 'one', (v, ctx) => ({ request: waitCmd(jobPath(ctx, 'CtsWaitCmd'), v[0]!) })),
  o('event', 'many', event),
  o('meter', 'pair', meter),
  o('label', 'pair', label),
  o('queue', 'many', queue),
  o('requeue', 'many', requeue),
  o('order', 'many', nodes.order),
  o('run', 'many', run),
  o('force', 'many', force),
  o('free-dep', 'many', nodes.freeDep),
  o('load', 'many', load),
  o('replace', 'many', tree.replace),
  o('file', 'many', nodes.file),
  o('edit_script', 'many', nodes.editScript),
  o('alter', 'alter', nodes.alter),
  o('query', 'many', nodes.query),
  o('plug', 'many', tree.plug),
  o('why', 'optional', (v) => ({ request: ctsNodeRequest(CtsNodeApi.WHY, v[0] ?? '') })),
  o('show', 'optional', (v) => ({ request: showCmd(showStyle(v)) })),
  o('group', 'one', (v, ctx) => group(v, ctx, OPTIONS)),
  o('help', 'optional'),
  o('version', 'none'),
  o('debug', 'none'),
  o('rid', 'optional'),
  o('port', 'optional'),
  o('host', 'optional'),
  o('user', 'optional'),
  o('password', 'optional'),
  o('ssl', 'none'),
];
