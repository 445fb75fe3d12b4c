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
