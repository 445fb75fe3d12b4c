/**
 * AlterCmd (libs/base/src/ecflow/base/cts/user/AlterCmd.cpp): the request, the attribute and flag
 * tables of ecFlow 5.17.0, and the checks ecflow_client 5.17.0 makes before sending. A value a
 * server's release does not know (aviso and mirror before 5.13.0, `reload` before 5.13.6, `add
 * event|meter` before 5.14.0, `add inlimit … -s|-n` before 5.16.0, the `remote_error` flag before
 * 5.13.0) is refused before it is sent: an older server would ignore it and reply OK.
 */
import { parseLate, parseCron, parseDate, parseDayName, createTimeSeries } from '../defs/attributes/time.js';
import { InLimit } from '../defs/attributes/basic.js';
import { parseZombie } from '../defs/attributes/misc.js';
import { parseAvisoLine } from '../defs/parser/aviso.js';
import { parseMirrorLine } from '../defs/parser/mirror.js';
import { parseNode } from '../defs/parse.js';
import { Flag, type FlagName } from '../defs/states.js';
import { invalidNameReason, isValidName, splitTokens, toInt } from '../defs/text.js';
import { ArgumentError } from '../errors.js';
import type { GuardContext, Request } from '../protocol/envelope.js';
import type { Reply } from '../protocol/replies.js';
import { DEFAULT_VERSION, type Facts, factsOf, since, VERSION_FACTS, type VersionFact } from '../versions.js';
import { type Command, ok, Timeout, ctsApiToString } from './command.js';
import { CtsNodeApi, ctsNodeRequest } from './cts-node.js';
import { type Action, choices, type CliContext, type CommandModule, fail, lines, splitPaths } from './option.js';

/**
 * The attributes `alter add` adds, with their wire numbers (AlterCmd::Add_attr_type; 6 =
 * ADD_ATTR_ND, nothing to add). `name` and `value` of the {@link Alteration} are given per kind.
 */
export const AlterAdd = {
  /** A `time`: `name` is the time series, e.g. `+00:20`. */
  time: 0,
  /** A `today`: `name` is the time series. */
  today: 1,
  /** A `date`: `name` is `dd.mm.yyyy`, `*` allowed. */
  date: 2,
  /** A `day`: `name` is the day of the week. */
  day: 3,
  /** A `zombie`: `name` is `type:action:child,cmds:lifetime`. */
  zombie: 4,
  /** A variable (a server variable on `/`): `name` and `value`. */
  variable: 5,
  /** A `late`: `name` is `-s HH:MM -a HH:MM -c HH:MM`, each optional. */
  late: 7,
  /** A `limit`: `name` and the size as `value`. */
  limit: 8,
  /**
   * An `inlimit`: `name` is `[/path:]limit`, `value` the tokens (optional), with `-s` (limit
   * submission) or `-n` (this node only) from ecFlow 5.16.0, e.g. `-s 2`.
   */
  inlimit: 9,
  /** A `label`: `name` and `value`. */
  label: 10,
  /**
   * An `aviso` (ecFlow 5.13+): `name` the attribute's, `value` the rest of its configuration,
   * `--listener '<json>' [--url U] [--schema S] [--polling P] [--auth A]`.
   */
  aviso: 11,
  /**
   * A `mirror` (ecFlow 5.13+): `name` the attribute's, `value` the rest of its configuration,
   * `--remote_path P [--remote_host H] [--remote_port N] [--polling S] [--ssl] [--remote_auth A]`.
   */
  mirror: 12,
  /** An event (ecFlow 5.14+): `name`, `value` its initial value, `set` or `clear`. */
  event: 13,
  /** A meter (ecFlow 5.14+): `name`, `value` `min,max,value`. */
  meter: 14,
} as const;
/** The name of an attribute `alter add` adds: a key of {@link AlterAdd}. */
export type AlterAddAttr = keyof typeof AlterAdd;
const ADD_ATTR_ND = 6;

/**
 * The attributes `alter delete` deletes, with their wire numbers (AlterCmd::Delete_attr_type; 16 =
 * DELETE_ATTR_ND, nothing to delete). The {@link Alteration}'s `name` picks one; empty deletes every
 * attribute of the kind.
 */
export const AlterDelete = {
  /** A variable, by name. */
  variable: 0,
  /** A `time`, by its text. */
  time: 1,
  /** A `today`, by its text. */
  today: 2,
  /** A `date`, by its text. */
  date: 3,
  /** A `day`, by its text. */
  day: 4,
  /** A `cron`, by its text. */
  cron: 5,
  /** An event, by name or number. */
  event: 6,
  /** A meter, by name. */
  meter: 7,
  /** A label, by name. */
  label: 8,
  /** The trigger. */
  trigger: 9,
  /** The complete expression. */
  complete: 10,
  /** The repeat. */
  repeat: 11,
  /** A limit, by name. */
  limit: 12,
  /** A node path from a limit's list of the nodes holding its tokens: `name` the limit, `value` the path. */
  limit_path: 13,
  /** An `inlimit`, by `[/path:]limit`. */
  inlimit: 14,
  /** A `zombie`, by type. */
  zombie: 15,
  /** The `late`. */
  late: 17,
  /** A queue, by name. */
  queue: 18,
  /** A generic attribute, by name. */
  generic: 19,
  /** An `aviso` (ecFlow 5.13+), by name (required). */
  aviso: 20,
  /** A `mirror` (ecFlow 5.13+), by name (required). */
  mirror: 21,
} as const;
/** The name of an attribute `alter delete` deletes: a key of {@link AlterDelete}. */
export type AlterDeleteAttr = keyof typeof AlterDelete;
const DELETE_ATTR_ND = 16;

/**
 * The attributes `alter change` changes, with their wire numbers (AlterCmd::Change_attr_type; 13 =
 * CHANGE_ATTR_ND, nothing to change). A suite's clock changes take full effect once it is requeued.
 */
export const AlterChange = {
  /** A variable's value: `name`, `value`. */
  variable: 0,
  /** The suite clock's type: `name` is `hybrid` or `real`. */
  clock_type: 1,
  /** The suite clock's date: `name` is `dd.mm.yyyy`. */
  clock_date: 2,
  /** The suite clock's gain in seconds: `name`. */
  clock_gain: 3,
  /** An event's value: `name`, `value` `set` or `clear` (set when omitted). */
  event: 4,
  /** A meter's value: `name`, `value`. */
  meter: 5,
  /** A label's value: `name`, `value`. */
  label: 6,
  /** The trigger expression: `name`. */
  trigger: 7,
  /** The complete expression: `name`. */
  complete: 8,
  /** The repeat's current value: `name`. */
  repeat: 9,
  /** A limit's maximum: `name`, `value`. */
  limit_max: 10,
  /** A limit's current value: `name`, `value`. */
  limit_value: 11,
  /** The node's `defstatus`: `name` is the state. */
  defstatus: 12,
  /** Synchronises the suite clock with the computer's. */
  clock_sync: 14,
  /** The `late` attribute: `name` as for `add`. */
  late: 15,
  /** A `time`: `name` the old time series, `value` the new one. */
  time: 16,
  /** A `today`: `name` the old time series, `value` the new one. */
  today: 17,
  /**
   * An `aviso` (ecFlow 5.13+): `name`, `value` its new configuration (as for `add`), or `reload`
   * (5.13.6+) to restart its polling with the configuration it has.
   */
  aviso: 18,
  /** A `mirror` (ecFlow 5.13+): `name`, `value` its new configuration (as for `add`), or `reload` (5.13.6+). */
  mirror: 19,
} as const;
/** The name of an attribute `alter change` changes: a key of {@link AlterChange}. */
export type AlterChangeAttr = keyof typeof AlterChange;
const CHANGE_ATTR_ND = 13;

/** ecf::Flag::NOT_SET: no flag operation. */
const FLAG_NOT_SET = 19;

/** The attribute kinds `--alter sort` orders (ecf::Attr). */
export const SortAttr = ['event', 'meter', 'label', 'limit', 'variable', 'all'] as const;
/** One of the names in {@link SortAttr}. */
export type SortAttr = (typeof SortAttr)[number];

/** The flags `--alter set_flag|clear_flag` accepts, in ecFlow's order (Flag::valid_flag_type; `remote_error` 5.13+). */
export const ALTER_FLAGS: readonly FlagName[] = [
  'force_aborted', 'user_edit', 'task_aborted', 'edit_failed', 'ecfcmd_failed', 'statuscmd_failed', 'killcmd_failed',
  'no_script', 'killed', 'status', 'late', 'message', 'by_rule', 'queue_limit', 'task_waiting', 'locked', 'zombie',
  'no_reque', 'archived', 'restored', 'threshold', 'sigterm', 'log_error', 'checkpt_error', 'remote_error',
];

/**
 * One alteration. `name`/`value` are what the server expects for each kind (ecflow_client's
 * `--alter` arguments); with delete an empty name means every attribute of that kind.
 */
export type Alteration =
  | {
      /** Adds an attribute. */
      op: 'add';
      /** Which kind of attribute. */
      attr: AlterAddAttr;
      /** The attribute's name or text, as {@link AlterAdd} describes per kind. */
      name: string;
      /** The attribute's value, for the kinds that take one. */
      value?: string;
    }
  | {
      /** Deletes attributes. */
      op: 'delete';
      /** Which kind of attribute. */
      attr: AlterDeleteAttr;
      /** Which one; empty or absent deletes every attribute of the kind. */
      name?: string;
      /** The path, for `limit_path`. */
      value?: string;
    }
  | {
      /** Changes an attribute. */
      op: 'change';
      /** Which kind of attribute. */
      attr: AlterChangeAttr;
      /** The attribute's name, or the new value for kinds that have no name ({@link AlterChange}). */
      name?: string;
      /** The new value, for the kinds that take a name too. */
      value?: string;
    }
  | {
      /** Sets or clears a flag. */
      op: 'set_flag' | 'clear_flag';
      /** Which flag. */
      flag: FlagName;
    }
  | {
      /** Sorts attributes by name. */
      op: 'sort';
      /** Which kind of attribute, or `all`. */
      attr: SortAttr;
      /** Also sort on every node below. @default false */
      recursive?: boolean;
    };

/** AlterCmd: adds, deletes or changes attributes, sets or clears flags, or sorts attributes. */
export function alterCmd(paths: readonly string[], alteration: Alteration, { version = DEFAULT_VERSION }: { version?: string } = {}): Command<void> {
  let add = ADD_ATTR_ND;
  let del = DELETE_ATTR_ND;
  let change = CHANGE_ATTR_ND;
  let flagType = FLAG_NOT_SET;
  let flag = false;
  let name = '';
  let value = '';
  // The words AlterCmd::print_only shows: alter type, attribute type (quirks included).
  let words: [string, string];
  switch (alteration.op) {
    case 'add':
      add = known(AlterAdd, alteration.attr, 'add');
      ({ name, value = '' } = alteration);
      words = ['add', alteration.attr === 'time' && !since(version, 'alterAddTimeWord') ? 'time;' : alteration.attr];
      break;
    case 'delete':
      del = known(AlterDelete, alteration.attr, 'delete');
      ({ name = '', value = '' } = alteration);
      words = ['delete', alteration.attr];
      break;
    case 'change':
      change = known(AlterChange, alteration.attr, 'change');
      ({ name = '', value = '' } = alteration);
      words = ['change', alteration.attr];
      break;
    case 'set_flag':
    case 'clear_flag':
      flagType = known(Flag, alteration.flag, alteration.op);
      flag = alteration.op === 'set_flag';
      words = [alteration.op, alteration.flag];
      break;
    case 'sort':
      if (!SortAttr.includes(alteration.attr)) throw new ArgumentError(`alter sort: unknown attribute '${String(alteration.attr)}': expected one of ${SortAttr.join(', ')}`);
      name = alteration.attr;
      value = alteration.recursive ? 'recursive' : '';
      words = ['sort', ''];
      break;
    default:
      throw new ArgumentError(`alter: unknown operation '${String((alteration as { op: unknown }).op)}': expected add, delete, change, set_flag, clear_flag or sort`);
  }
  const text = ctsApiToString(['--alter', ...words, name, value, paths.length ? paths[0]! : ' ']);
  const fact = neededFact(alteration, value);
  let guard: ((ask: (r: Request) => Promise<Reply>, server: GuardContext) => Promise<void>) | undefined;
  if (fact !== undefined) guard = (_ask, server) => refuseOlder(server, fact, words);
  if (alteration.op === 'change' && alteration.attr === 'aviso' && value !== 'reload') {
    // Node::changeAviso keeps the new aviso without its node, and the server dies of it (SIGSEGV)
    // when the node is next requeued (begin, requeue, a clock change; 5.13.8 and 5.17.0 alike).
    // Where every node has the aviso, send what changeMirror does instead, which the server
    // survives: one AlterCmd deleting the aviso and adding it anew (AlterCmd runs its delete,
    // then its add, on each path).
    const avisoName = name;
    guard = async (ask, server) => {
      await refuseOlder(server, 'avisoMirror', words);
      const replace = await everyNodeHasAviso(paths, avisoName, ask, await server.version());
      del = replace ? AlterDelete.aviso : DELETE_ATTR_ND;
      add = replace ? AlterAdd.aviso : ADD_ATTR_ND;
      change = replace ? CHANGE_ATTR_ND : AlterChange.aviso;
    };
  }
  return {
    ...(guard === undefined ? {} : { guard }),
    cls: 'AlterCmd',
    base: 'user',
    fields: () => ({
      paths_: [...paths],
      name_: name,
      value_: value,
      add_attr_type_: add,
      del_attr_type_: del,
      change_attr_type_: change,
      flag_type_: flagType,
      flag_: flag,
    }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: true,
    decode: ok(text),
  };
}

/** The fact of versions.ts a release must have for `alteration` to mean anything to it; none for 5.9.2's values. */
function neededFact(alteration: Alteration, value: string): VersionFact | undefined {
  switch (alteration.op) {
    case 'add':
      if (alteration.attr === 'aviso' || alteration.attr === 'mirror') return 'avisoMirror';
      if (alteration.attr === 'event' || alteration.attr === 'meter') return 'alterAddEventMeter';
      if (alteration.attr === 'inlimit' && (value.includes('-s') || value.includes('-n'))) return 'inlimitOptions';
      return undefined;
    case 'delete':
      return alteration.attr === 'aviso' || alteration.attr === 'mirror' ? 'avisoMirror' : undefined;
    case 'change':
      if (alteration.attr !== 'aviso' && alteration.attr !== 'mirror') return undefined;
      return value === 'reload' ? 'alterReload' : 'avisoMirror';
    case 'set_flag':
    case 'clear_flag':
      return alteration.flag === 'remote_error' ? 'avisoMirror' : undefined;
    default:
      return undefined;
  }
}

/**
 * Refuses an alteration the server's release does not know. Servers before it do not fail on
 * one: they ignore the value and reply OK (checked on 5.9.2 and 5.13.8), which would tell the
 * caller a change was made that was not.
 */
async function refuseOlder(server: GuardContext, fact: VersionFact, words: readonly string[]): Promise<void> {
  const version = await server.version();
  if (since(version, fact)) return;
  const what = words.filter((w) => w !== '').join(' ');
  throw new ArgumentError(`AlterCmd: --alter ${what} needs ecFlow ${VERSION_FACTS[fact]} or later, and the server is ${version}: not sent (it would ignore it and reply OK)`);
}

/**
 * Whether every node of `paths` has the aviso `name` (asked with `--get`), so that a change can be
 * sent as a delete and an add; `false` when none has it (the change is then sent as it is, and the
 * server says it could not find it, changing nothing). A node that does not exist is the server's
 * to report. Refuses a mix: the delete and add would add the aviso where there was none.
 */
async function everyNodeHasAviso(paths: readonly string[], name: string, ask: (r: Request) => Promise<Reply>, version: string): Promise<boolean> {
  const without: string[] = [];
  let withIt = 0;
  for (const path of paths) {
    const reply = await ask(ctsNodeRequest(CtsNodeApi.GET, path));
    if (reply.type !== 'SNodeCmd') continue;
    if (parseNode(reply.node, { version }).findAviso(name) !== undefined) withIt++;
    else without.push(path);
  }
  if (withIt > 0 && without.length > 0) {
    throw new ArgumentError(`AlterCmd: --alter change aviso ${name}: ${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} no aviso ${name} (Node::changeAviso: Could not find aviso ${name}): change the nodes that have it on their own`);
  }
  return withIt > 0;
}

// ---- the checks ecflow_client 5.17 makes before sending (AlterCmd::check_for_add / check_for_delete) ----

function timeSeries(text: string): void {
  const tokens = splitTokens(text, []);
  if (tokens.length === 0) throw new ArgumentError(`TimeSeries::getTime: Invalid time :''`);
  createTimeSeries({ i: 0 }, tokens, false);
}

function late(text: string): void {
  const tokens = splitTokens(text, []);
  if (tokens.length === 0) throw new ArgumentError(`LateParser::create: empty string no late specified ?${text}`);
  parseLate(tokens[0] === 'late' ? tokens : ['late', ...tokens], text);
}

function validName(name: string, message: string): void {
  if (!isValidName(name)) throw new ArgumentError(message);
}

/** `Event::make_from_value` (5.14+): the value is `set` or `clear`; the name as `Event::Event` checks it. */
function eventFromValue(name: string, value: string, facts: Facts): void {
  if (value !== 'set' && value !== 'clear') throw new ArgumentError(`Event::Event: Invalid state : ${value}`);
  // A name starting with a digit that is a number is an event number.
  if (/^[0-9]/.test(name) && toInt(name) !== undefined) return;
  validName(name, `Event::Event: Invalid event name : ${invalidNameReason(name, facts)}`);
}

/** `Meter::make_from_value` (5.14+): `min,max,value`, integers, min not above max (the name is not checked). */
function meterFromValue(value: string): void {
  const tokens = value.split(',').filter((t) => t !== '');
  if (tokens.length !== 3) throw new ArgumentError(`Meter::make_from_value: Expect three comma-separated values, but found: '${value}'`);
  const [min, max, v] = tokens.map(toInt);
  if (min === undefined || max === undefined || v === undefined) {
    throw new ArgumentError(`Meter::make_from_value: Expect three comma-separated values, but found: (${tokens.join(', ')})`);
  }
  if (min > max) throw new ArgumentError('Meter::Meter: Invalid Meter(name,min,max,color_change) : min must be less than max');
}

/** Extract::pathAndName on a `[path:]name` inlimit reference. */
function inlimitName(text: string): string {
  const colon = text.indexOf(':');
  if (colon >= 0) return text.slice(colon + 1);
  return text.startsWith('/') ? '' : text;
}

/**
 * Throws ecFlow's message when `name`/`value` cannot be added as `attr`: an aviso's or mirror's
 * configuration is read as `AvisoParser::parse_aviso_line(value, name)` reads it (the value, then
 * `--name NAME`), an inlimit as `InLimit::make_from_name_and_value` (5.16's `-s`/`-n` forms).
 */
export function checkAlterAdd(attr: AlterAddAttr, name: string, value: string, facts: Facts = factsOf(DEFAULT_VERSION)): void {
  if (name === '') throw new ArgumentError('Alter: check_for_add : name is empty ?');
  switch (attr) {
    case 'time':
    case 'today':
      return timeSeries(name);
    case 'date':
      return void parseDate(name);
    case 'day':
      return void parseDayName(name);
    case 'zombie':
      return void parseZombie(name);
    case 'late':
      return late(name);
    case 'variable':
      return validName(name, `Variable::Variable: Invalid Variable name: ${invalidNameReason(name, facts)}`);
    case 'label':
      return validName(name, `Label::Label: Invalid Label name :${name}`);
    case 'limit': {
      if (toInt(value) === undefined) throw new ArgumentError(`AlterCmd add_limit expected value(${value}) to be convertible to an integer\n`);
      return validName(name, `Limit::Limit: Invalid Limit name: ${name}`);
    }
    case 'inlimit':
      return void InLimit.fromNameAndValue(name, value);
    case 'event':
      return eventFromValue(name, value, facts);
    case 'meter':
      return meterFromValue(value);
    case 'aviso':
      return void parseAvisoLine(`${value} --name ${name}`);
    case 'mirror':
      return void parseMirrorLine(`${value} --name ${name}`);
  }
}

/** Throws ecFlow's message when `name` does not name a possible attribute of kind `attr`. */
export function checkAlterDelete(attr: AlterDeleteAttr, name: string, facts: Facts = factsOf(DEFAULT_VERSION)): void {
  const named = name !== '';
  switch (attr) {
    case 'variable':
      if (named) validName(name, `Variable::Variable: Invalid Variable name: ${invalidNameReason(name, facts)}`);
      return;
    case 'time':
    case 'today':
      if (named) timeSeries(name);
      return;
    case 'date':
      if (named) parseDate(name);
      return;
    case 'day':
      if (named) parseDayName(name);
      return;
    case 'cron': {
      if (!named) return;
      const tokens = splitTokens(name, []);
      if (tokens.length === 0) throw new ArgumentError(`Delete cron Attribute failed. Check cron ${name}`);
      parseCron(tokens, tokens[0] === 'cron' ? 1 : 0, false);
      return;
    }
    case 'event':
      // A name starting with a digit that is a number is an event number.
      if (named && !(/^[0-9]/.test(name) && toInt(name) !== undefined)) {
        validName(name, `Event::Event: Invalid event name : ${invalidNameReason(name, facts)}`);
      }
      return;
    case 'meter':
      if (named) validName(name, `Meter::Meter: Invalid Meter name: ${name}`);
      return;
    case 'label':
      if (named) validName(name, `Label::Label: Invalid Label name :${name}`);
      return;
    case 'queue':
      if (named) validName(name, `QueueAttr::QueueAttr: Invalid queue name : ${invalidNameReason(name, facts)}`);
      return;
    case 'generic':
      if (named) validName(name, `GenericAttr::GenericAttr : Invalid generic name : ${invalidNameReason(name, facts)}`);
      return;
    case 'limit':
      if (named) validName(name, `Limit::Limit: Invalid Limit name: ${name}`);
      return;
    case 'inlimit': {
      if (!named) return;
      const limit = inlimitName(name);
      validName(limit, `InLimit::InLimit: Invalid InLimit name: ${limit}`);
      return;
    }
    case 'zombie':
      if (!['user', 'ecf', 'ecf_pid', 'ecf_pid_passwd', 'ecf_passwd', 'path'].includes(name)) {
        throw new ArgumentError(`Delete Zombie Attribute failed. Expected one of [ ecf | path | user ] but found ${name}`);
      }
      return;
    case 'limit_path':
      if (!named) throw new ArgumentError('Delete limit_path failed. No limit name provided');
      return;
    // ecflow_client 5.17 names the command's own (empty) name in these messages, not the one given
    case 'aviso':
      return validName(name, 'Invalid AvisoAttr name :');
    case 'mirror':
      return validName(name, 'Invalid MirrorAttr name :');
    default:
      return;
  }
}

/** The wire value of an attribute or flag name; an unknown name is the caller's error, not the server's. */
function known<T extends Record<string, number>>(table: T, key: string, op: string): number {
  const value = Object.hasOwn(table, key) ? table[key] : undefined;
  if (value === undefined) throw new ArgumentError(`alter ${op}: unknown ${op.endsWith('flag') ? 'flag' : 'attribute'} '${key}': expected one of ${Object.keys(table).join(', ')}`);
  return value;
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---
// `--alter` reads what ecflow_client 5.17.0 reads (AlterCmd.cpp@5.17.0: the aviso, mirror, event
// and meter kinds, inlimit's -s/-n), and so names 5.17's kinds in its messages, whatever the
// server; a kind the server's release does not know is refused when the request is about to be sent.

const HELP = lines(
      'Add, delete or change attributes of nodes, set or clear flags, or sort attributes.',
      "Server variables are handled with the path '/'.",
      'arg1 =   [ delete | change | add | set_flag | clear_flag | sort ]',
      '         exactly one of them',
      'arg2 = with delete:',
      '         [ variable | time | today | date  | day | cron | event | meter | late | generic | queue |',
      '           label | trigger | complete | repeat | limit | inlimit | limit_path | zombie |',
      '           aviso | mirror ]',
      '       with change:',
      '         [ variable | clock_type | clock_date | clock_gain | clock_sync  | event | meter | label |',
      '           trigger  | complete   | repeat     | limit_max  | limit_value | defstatus | late | time | today |',
      '           aviso | mirror ]',
      '         *NOTE* a changed clock only fully applies after the suite has been requeued.',
      '       with add:',
      '         [ variable | time | today | date | day | zombie | late | limit | inlimit | label |',
      '           aviso | mirror | event | meter ]',
      '       with set_flag and clear_flag:',
      '         [ force_aborted | user_edit | task_aborted | edit_failed | ecfcmd_failed',
      '           statuscmd_failed | killcmd_failed | no_script | killed | status | late | message |',
      '           complete | queue_limit | task_waiting | locked | zombie | archived | restored |',
      '           threshold | log_error | checkpt_error | remote_error ]',
      '       with sort:',
      '         [ event | meter | label | variable| limit | all ]',
      '       aviso, mirror and remote_error need an ecFlow 5.13 server (change ... reload 5.13.6),',
      '       add event and add meter 5.14, an inlimit with -s or -n 5.16; with an older server the',
      '       request is refused before it is sent.',
      'arg3 = name/value',
      '       names and values of variables, meters, events, labels, limits and late are best',
      "       quoted; with sort this may be 'recursive'",
      'arg4 = new_value',
      '       the value to set, for change and add only; quote values containing spaces',
      '       aviso and mirror take their configuration as one value (see the Usage), or reload;',
      '       add event takes set or clear, add meter "min,max,value"',
      "arg5 = paths : one or more node paths, each starting with '/'",
      '',
      '',
      'Usage:',
      '',
      '   ecflow_client --alter=add variable <variable-name> "value" /             # add a variable to the server',
      '   ecflow_client --alter=add variable <variable-name> "value" /path/to/node # add a variable to a node',
      '   ecflow_client --alter=add variable GLOBAL "value" /           # e.g. the server variable GLOBAL',
      '   ecflow_client --alter=add variable FRED "value" /path/to/node # e.g. the variable FRED of a node',
      '   ecflow_client --alter=add time "+00:20" /path/to/node',
      '   ecflow_client --alter=add date "01.*.*" /path/to/node',
      '   ecflow_client --alter=add day "sunday"  /path/to/node',
      '   ecflow_client --alter=add label <label-name> "label_value" /path/to/node',
      '   ecflow_client --alter=add label name "label_value" /path/to/node   # e.g. the label name',
      '   ecflow_client --alter=add late "-s 00:01 -a 14:30 -c +00:01" /path/to/node',
      '   ecflow_client --alter=add limit mars "100" /path/to/node',
      '   ecflow_client --alter=add inlimit /path/to/node/withlimit:limit_name "10" /path/to/node',
      '   ecflow_client --alter=add inlimit /path/to/node/withlimit:limit_name "-s 10" /path/to/node  # limits submission',
      '   ecflow_client --alter=add inlimit /path/to/node/withlimit:limit_name "-n 10" /path/to/node  # limits nodes',
      '   ecflow_client --alter=add event <event-name> "set"|"clear" /path/to/node',
      '   ecflow_client --alter=add meter <meter-name> "<min>,<max>,value" /path/to/node',
      `   ecflow_client --alter=add aviso name "--listener '{ \\"event\\": \\"mars\\", \\"request\\": { \\"class\\": \\"od\\" } }'`,
      '                 --url http://aviso/ --schema /path/to/schema --polling 60" /path/to/node',
      '   ecflow_client --alter=add mirror name "--remote_path /s1/f1/t2 --remote_host host --remote_port 3141',
      '                 --polling 60 --ssl" /path/to/node',
      '   ecflow_client --alter=change aviso name reload /path/to/node   # poll again, configuration unchanged',
      '   # a zombie attribute is written as',
      '     `zombie_type`:(`client_side_action` | `server_side_action`):`child`:`zombie_life_time`',
      '      zombie_type        = "user" | "ecf" | "path" | "ecf_pid" | "ecf_passwd" | "ecf_pid_passwd"',
      '      client_side_action = "fob" | "fail" | "block"',
      '      server_side_action = "adopt" | "delete" | "kill"',
      '      child              = "init" | "event" | "meter" | "label" | "wait" | "abort" | "complete" | "queue"',
      '      zombie_life_time   = seconds; defaults user(300), ecf(3600), path(900), at least 60',
      '   ecflow_client --alter=add zombie "ecf:fail::" /path/to/node     # zombies made by the system fail',
      '   ecflow_client --alter=add zombie "user:fail::" /path/to/node    # zombies made by users fail',
      '   ecflow_client --alter=add zombie "path:fail::" /path/to/node    # path zombies fail',
      '',
      '   ecflow_client --alter=delete variable FRED /path/to/node    # delete variable FRED',
      '   ecflow_client --alter=delete variable      /path/to/node    # delete *every* variable of the node',
    );

const dumpArgs = (options: readonly string[], paths: readonly string[]) => [...options, ...paths].map((a) => `${a} `).join('');

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(table, key);


function alter(values: string[], ctx: CliContext): Action {
  const { version } = ctx;
  const { options, paths } = splitPaths(values);
  if (paths.length === 0) fail(`AlterCmd: No paths specified. Paths must begin with a leading '/' character\n${dumpArgs(options, paths)}\n`);
  if (options.length === 0) fail(`AlterCmd: Invalid argument list:\n${dumpArgs(options, paths)}\n`);
  if (options.length < 2) fail(`Alter: At least three arguments expected. Found ${values.length}\n${dumpArgs(options, paths)}\n`);
  switch (options[0]) {
    case 'add':
      return alterAdd(options, paths, version);
    case 'change':
      return alterChange(options, paths, version);
    case 'delete':
      return alterDelete(options, paths, version);
    case 'set_flag':
    case 'clear_flag':
      return alterFlag(options, paths, options[0]);
    case 'sort':
      return alterSort(options, paths);
  }
  return fail(
    `Alter: The first argument must be one of [ change | delete | add | set_flag | clear_flag | sort ] but found '${options[0]}'\n${dumpArgs(options, paths)}\n`,
  );
}

function alterAdd(options: string[], paths: string[], version: string): Action {
  const kind = options[1]!;
  if (!has(AlterAdd, kind)) fail(`AlterCmd: add: The second argument must be one of [ ${choices(Object.keys(AlterAdd))}] but found ${kind}\n${HELP}`);
  const attr = kind;
  if (options.length < 3) fail(`AlterCmd: add: At least four arguments expected. Found ${options.length + paths.length}\n${dumpArgs(options, paths)}\n`);
  const name = options[2]!;
  let value = '';
  try {
    const needsValue = (what: string) => {
      if (options.length < 4) throw new Error(`AlterCmd: add: Expected '${what}. Not enough arguments\n${dumpArgs(options, paths)}\n`);
      value = options[3]!;
    };
    if (attr === 'variable' || attr === 'label' || attr === 'event' || attr === 'meter') {
      // The value may itself be a path, and then it was taken for one.
      if (options.length === 3 && paths.length > 1) options.push(paths.shift()!);
      // (ecflow_client 5.17 calls the meter's form 'add event' too)
      needsValue(attr === 'event' ? 'add event <name> (set|clear) <paths>' : attr === 'meter' ? 'add event <name> <min,max,value> <paths>' : `add ${attr} <name> <value> <paths>`);
    } else if (attr === 'aviso' || attr === 'mirror') {
      if (options.length !== 4) throw new Error(`AlterCmd: add: Expected 'add ${attr} <name> <cfg> <path> [<path> [...]]. Not enough arguments\n${dumpArgs(options, paths)}\n`);
      value = options[3]!;
    } else if (attr === 'limit') {
      needsValue('add limit <name> int');
    } else if (attr === 'inlimit' && options.length === 4) {
      value = options[3]!;
    }
    checkAlterAdd(attr, name, value, factsOf(version));
  } catch (error) {
    fail(
      `AlterCmd: add: Could not parse ${name}. Error: ${(error as Error).message}\n for time,today and date the new value should be a quoted string ` +
        `\n for add expected: --alter add variable <name> <value> <paths>\n${dumpArgs(options, paths)}\n`,
    );
  }
  return { request: alterCmd(paths, { op: 'add', attr, name, value }, { version }) };
}

function alterDelete(options: string[], paths: string[], version: string): Action {
  const kind = options[1]!;
  if (!has(AlterDelete, kind)) {
    fail(`Alter: delete: The second argument must be one of [ ${choices(Object.keys(AlterDelete))}] but found ${kind}\n${HELP}`);
  }
  const attr = kind;
  const name = options.length >= 3 ? options[2]! : '';
  let value = '';
  try {
    if (attr === 'limit_path') {
      const usage = 'Expected 5 args: delete limit_path <limit_name> <path-to-limit> <path_to_node>';
      if (name === '') throw new Error(`Delete limit_path failed. No limit name provided. ${usage}\n${dumpArgs(options, paths)}\n`);
      if (options.length === 4) value = options[3]!;
      else {
        if (paths.length <= 1) throw new Error(`Delete limit_path failed: No path to limit provided. ${usage}\n${dumpArgs(options, paths)}\n`);
        // ecflow_client takes the limit's path from the node paths but still sends it as a node path.
        value = paths[0]!;
      }
    }
    checkAlterDelete(attr, name, factsOf(version));
  } catch (error) {
    fail(`AlterCmd: delete: Could not parse ${name}. Error: ${(error as Error).message}\n for time,today and date the new value should be a quoted string\n${dumpArgs(options, paths)}\n`);
  }
  return { request: alterCmd(paths, { op: 'delete', attr, name, value }) };
}

/** The argument-count rule and message of each change kind (AlterCmd::extract_name_and_value_for_change). */
const CHANGE_USAGE: Record<Exclude<AlterChangeAttr, 'variable' | 'label'>, { counts: number[]; message: (n: number, respaced: boolean) => string }> = {
  clock_type: { counts: [3], message: (n) => `AlterCmd: change: expected at least four args i.e. change clock_type [ hybrid | real ] <path_to_suite> but found only ${n} arguments\n` },
  clock_date: {
    counts: [3],
    message: (n, respaced) => `AlterCmd: change clock_date : expected at least four args :  change clock_date day.month.year <path_to_suite> but found only ${n} arguments\n${respaced ? ' ' : ''}`,
  },
  clock_gain: {
    counts: [3],
    message: (n, respaced) =>
      `AlterCmd: change clock_gain : expected four args i.e. change clock_gain <int> <path_to_suite> ${respaced ? '' : ' '}but found ${n} arguments. The actual gain must be convertible to an integer\n`,
  },
  clock_sync: { counts: [2], message: (n) => `AlterCmd: change clock_sync : expected three args i.e. change clock_sync  <path_to_suite>  but found ${n} arguments.\n` },
  event: {
    counts: [3, 4],
    message: (n) => `AlterCmd: Change event : expected four/five args:  change event <name_or_number> <[set | clear | <nothing>]> <path_to_node> but found only ${n} arguments\n`,
  },
  meter: {
    counts: [4],
    message: (n, respaced) =>
      `AlterCmd: change: expected five args: change meter meter_name meter_value  <path_to_node> ${respaced ? ' ' : ''}but found only ${n} arguments. The meter value must be convertible to an integer\n`,
  },
  late: {
    counts: [3],
    message: (n) => `AlterCmd: change: expected three args: change late "late -s +00:15  -a  20:00  -c +02:00" <path_to_node> but found only ${n} arguments\n`,
  },
  trigger: {
    counts: [3],
    message: (n) => `AlterCmd: change: expected four args : change trigger 'expression' <path_to_node> but found ${n} arguments. The trigger expression must be quoted\n`,
  },
  complete: {
    counts: [3],
    message: (n) => `AlterCmd: change complete: expected four args: change complete 'expression'  <path_to_node>  but found ${n} arguments. The expression must be quoted\n`,
  },
  repeat: { counts: [3], message: (n) => `AlterCmd: change repeat: expected four arg's : change repeat [ integer | string ] <path_to_node> but found only ${n} arguments.\n` },
  limit_max: {
    counts: [4],
    message: (n, respaced) => `AlterCmd: change: limit_max: : expected five arguments : change limit_max <limit_name> <int> <path_to_node> but found ${respaced ? '' : ' '}${n} arguments.\n`,
  },
  limit_value: {
    counts: [4],
    message: (n) => `AlterCmd: change: limit-value: expected five arguments : change limit_value <limit_name> <int> <path_to_node> but found  ${n} arguments.\n`,
  },
  time: { counts: [4], message: (n) => `AlterCmd: change: time: expected five arguments : change time old_time new_time <path_to_node> but found  ${n} arguments.\n` },
  today: { counts: [4], message: (n) => `AlterCmd: change: today: expected five arguments : change time old_today new_today <path_to_node> but found  ${n} arguments.\n` },
  defstatus: {
    counts: [3],
    message: (n) =>
      `AlterCmd: change defstatus expected four args : change defstatus [ queued | complete | unknown | aborted | suspended ] <path_to_node> but found  ${n} arguments.\n`,
  },
  aviso: { counts: [4], message: () => `AlterCmd: change: Expected 'change aviso <name> <cfg> <path> [<path>] [...].Incorrect number of arguments.\n` },
  mirror: { counts: [4], message: () => `AlterCmd: change: Expected 'change mirror <name> <cfg> <path> [<path>] [...].Incorrect number of arguments.\n` },
};

/**
 * What ecflow_client 5.17 lists as valid change kinds, in its order (5.9.2's list had clock_gain
 * before clock_date and named free_password, which it then rejected).
 */
const CHANGE_LISTED = [
  'variable', 'clock_type', 'clock_date', 'clock_gain', 'clock_sync', 'event', 'meter', 'label', 'trigger', 'complete', 'repeat',
  'limit_max', 'limit_value', 'defstatus', 'late', 'time', 'today', 'aviso', 'mirror',
];

function alterChange(options: string[], paths: string[], version: string): Action {
  const kind = options[1]!;
  if (!has(AlterChange, kind)) fail(`AlterCmd: change: The third argument(${kind}) must be one of [ ${choices(CHANGE_LISTED)}]\n${HELP}`);
  const attr = kind;
  const count = () => options.length + paths.length;
  let name = '';
  let value = '';
  if (attr === 'variable') {
    if (options.length === 3 && paths.length > 1) options.push(paths.shift()!);
    if (options.length < 3 || options.length > 4) {
      fail(
        `AlterCmd: change: expected 5 args : change variable <variable_name> <new_value> <path_to_node> but found only ${count()} arguments.\n` +
          `The value should be quoted if there are spaces\n${dumpArgs(options, paths)}\n`,
      );
    }
    name = options[2]!;
    value = options[3] ?? '';
  } else if (attr === 'label') {
    // A label may be set to '' for one node only; with several paths the first is the value.
    if (!(options.length === 3 && paths.length === 1)) {
      if (options.length === 3 && paths.length > 1) options.push(paths.shift()!);
      if (options.length !== 4) {
        fail(
          `AlterCmd: change label expected at least five args : change label <label_name> <label_value> <path_to_node>  but found  ${count()} arguments. ` +
            `the label value should be quoted\n${dumpArgs(options, paths)}\n`,
        );
      }
      value = options[3]!.replaceAll('\\n', '\n');
    }
    name = options[2]!;
  } else {
    const usage = CHANGE_USAGE[attr];
    if (!usage.counts.includes(options.length)) fail(`${usage.message(count(), since(version, 'alterMessageSpacing'))}${dumpArgs(options, paths)}\n`);
    name = options[2] ?? '';
    value = options[3] ?? '';
  }
  return { request: alterCmd(paths, { op: 'change', attr, name, value }) };
}

function alterFlag(options: string[], paths: string[], op: 'set_flag' | 'clear_flag'): Action {
  const flag = options[1]!;
  if (!(ALTER_FLAGS as readonly string[]).includes(flag)) {
    fail(`AlterCmd: set/clear_flag: The second argument(${flag}) must be one of [ ${choices(ALTER_FLAGS)}]\n${HELP}`);
  }
  return { request: alterCmd(paths, { op, flag: flag as FlagName }) };
}

function alterSort(options: string[], paths: string[]): Action {
  const attr = options[1]!;
  if (!(SortAttr as readonly string[]).includes(attr)) fail(`AlterCmd: sort: The second argument must be one of [ ${choices(SortAttr)}] but found ${attr}\n${HELP}`);
  let recursive = false;
  if (options.length === 3) {
    if (options[2] !== 'recursive') fail(`AlterCmd: sort: Expected third argument to be 'recursive' but found '${options[2]}\n${HELP}`);
    recursive = true;
  }
  return { request: alterCmd(paths, { op: 'sort', attr: attr as SortAttr, recursive }) };
}

/** AlterCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const AlterCmd = {
  cls: 'AlterCmd',
  request: alterCmd,
  client: ['alter', 'sortAttributes'],
  options: {
    alter: {
      value: 'alter',
      description: HELP,
      run: alter,
    },
  },
} as const satisfies CommandModule;
