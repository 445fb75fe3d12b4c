/**
 * Model objects from the cereal JSON the server writes inside mementos: attributes, and whole
 * tasks, families and aliases for `ChildrenMemento`/`AliasChildrenMemento` (field names and
 * defaults as in the C++ `serialize` functions; an omitted optional field has its default).
 *
 * What a release changed is decided by the server's release ({@link DecodeContext.version}, from
 * the header of the last full definition): the unit of `RepeatDateTime.delta_`. A node member
 * this client does not know is a {@link MementoShapeError} (the caller downloads the whole
 * definition instead); a repeat of a class it does not know costs that repeat only, noted in
 * {@link DecodeContext.ignored}.
 */
import { AvisoAttr } from '../defs/attributes/aviso.js';
import { Event, InLimit, Label, Limit, Meter, Variable } from '../defs/attributes/basic.js';
import { AutoRestoreAttr, Calendar, CHILD_CMDS, GenericAttr, QueueAttr, VerifyAttr, ZOMBIE_ACTIONS, ZOMBIE_TYPES, ZombieAttr } from '../defs/attributes/misc.js';
import { MirrorAttr } from '../defs/attributes/mirror.js';
import {
  type Repeat,
  RepeatDate,
  RepeatDateList,
  RepeatDateTime,
  RepeatDateTimeList,
  RepeatDay,
  RepeatEnumerated,
  RepeatInteger,
  RepeatString,
} from '../defs/attributes/repeat.js';
import {
  AutoArchiveAttr,
  AutoCancelAttr,
  ClockAttr,
  CronAttr,
  DAY_NAMES,
  DateAttr,
  DayAttr,
  LateAttr,
  TimeAttr,
  type TimeSlot,
  TimeSeries,
  TodayAttr,
} from '../defs/attributes/time.js';
import { Alias, Expression, Family, type Node, type PartType, type Submittable, Task } from '../defs/model.js';
import { DSTATE_NAMES, type DStateName, NSTATE_NAMES, type NStateName } from '../defs/states.js';
import { parseDuration, parsePTime, parseSimpleDate, type PTime } from '../defs/text.js';
import { ProtocolError } from '../errors.js';
import type { Json, JsonObject } from '../protocol/cereal.js';
import { since } from '../versions.js';

/**
 * A sync reply's memento did not have the shape its class requires, or could not be applied to the
 * mirror (e.g. it names a node the mirror does not have); the message names the field or path.
 * A {@link ProtocolError} (`ECFLOW_PROTOCOL`).
 */
export class MementoShapeError extends ProtocolError {
  /**
   * A memento error (`ECFLOW_PROTOCOL`).
   * @param message what was wrong; it is prefixed with `incremental sync: `.
   */
  constructor(message: string) {
    super(`incremental sync: ${message}`);
    this.name = 'MementoShapeError';
  }
}

/** What decoding a sync reply needs beyond its JSON, and what it reports besides the model. */
export interface DecodeContext {
  /** The server's ecFlow release (`Defs.version` of the last full definition); `undefined` when unknown. */
  readonly version: string | undefined;
  /** Filled with what was left out of the mirror because this client does not know its class (`/s/t: repeat of class RepeatX`). */
  readonly ignored: string[];
}

// ---- field accessors (an absent optional field gives the default) -------------------------------

export function obj(o: JsonObject, key: string): JsonObject {
  const v = o[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new MementoShapeError(`${key}: expected an object`);
  return v;
}
function optObj(o: JsonObject, key: string): JsonObject | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw new MementoShapeError(`${key}: expected an object`);
  return v;
}
export function arr(o: JsonObject, key: string): Json[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new MementoShapeError(`${key}: expected an array`);
  return v;
}
export function objs(o: JsonObject, key: string): JsonObject[] {
  return arr(o, key).map((v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new MementoShapeError(`${key}[]: expected an object`);
    return v;
  });
}
export function num(o: JsonObject, key: string, dflt?: number): number {
  const v = o[key];
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'number') throw new MementoShapeError(`${key}: expected a number`);
  return v;
}
export function str(o: JsonObject, key: string, dflt?: string): string {
  const v = o[key];
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'string') throw new MementoShapeError(`${key}: expected a string`);
  return v;
}
export function bool(o: JsonObject, key: string, dflt = false): boolean {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw new MementoShapeError(`${key}: expected a boolean`);
  return v;
}
export function nums(o: JsonObject, key: string): number[] {
  return arr(o, key).map((v) => {
    if (typeof v !== 'number') throw new MementoShapeError(`${key}[]: expected a number`);
    return v;
  });
}
export function strs(o: JsonObject, key: string): string[] {
  return arr(o, key).map((v) => {
    if (typeof v !== 'string') throw new MementoShapeError(`${key}[]: expected a string`);
    return v;
  });
}

export function nstate(v: number): NStateName {
  const s = NSTATE_NAMES[v];
  if (s === undefined) throw new MementoShapeError(`unknown node state ${v}`);
  return s;
}
export function dstate(v: number): DStateName {
  const s = DSTATE_NAMES[v];
  if (s === undefined) throw new MementoShapeError(`unknown default state ${v}`);
  return s;
}
/** A boost `time_duration` (`{"duration":"HH:MM:SS"}`) in microseconds. */
export function duration(o: JsonObject | null): number {
  if (o === null) return 0;
  const text = str(o, 'duration');
  return text === 'not-a-date-time' ? 0 : parseDuration(text);
}
function ptime(o: JsonObject | null): PTime | null {
  if (o === null) return null;
  const text = str(o, 'ptime');
  return text === 'not-a-date-time' ? null : parsePTime(text);
}

// ---- attributes ---------------------------------------------------------------------------------

export const variable = (o: JsonObject): Variable => new Variable(str(o, 'n_'), str(o, 'v_'));
export const label = (o: JsonObject): Label => new Label(str(o, 'n_'), str(o, 'v_', ''), str(o, 'new_v_', ''));

export function meter(o: JsonObject): Meter {
  return new Meter(str(o, 'n_'), num(o, 'min_'), num(o, 'max_'), num(o, 'cc_'), num(o, 'v_'));
}

const NO_NUMBER = 2147483647;
export function event(o: JsonObject): Event {
  const n = num(o, 'number_', NO_NUMBER);
  const e = new Event(str(o, 'n_', ''), n === NO_NUMBER ? undefined : n, bool(o, 'iv_'));
  e.value = bool(o, 'v_');
  return e;
}

export function limit(o: JsonObject): Limit {
  return new Limit(str(o, 'n_'), num(o, 'lim_'), num(o, 'value_', 0), strs(o, 'paths_'));
}

export function inLimit(o: JsonObject): InLimit {
  const l = new InLimit(str(o, 'n_'), str(o, 'path_', ''), num(o, 'tokens_', 1), bool(o, 'limit_this_node_only_'), bool(o, 'limit_submission_'));
  l.incremented = bool(o, 'incremented_');
  return l;
}

const PART_TYPES: readonly PartType[] = ['first', 'and', 'or'];
export function expression(o: JsonObject): Expression {
  const e = new Expression();
  for (const p of objs(o, 'vec_')) {
    const type = PART_TYPES[num(p, 'type_', 0)];
    if (type === undefined) throw new MementoShapeError(`type_: unknown expression part type ${String(p.type_)}`);
    e.add({ text: str(p, 'exp_'), type });
  }
  e.free = bool(o, 'free_');
  return e;
}

function slot(o: JsonObject | null): TimeSlot | null {
  if (o === null) return null;
  const h = num(o, 'h_');
  const m = num(o, 'm_');
  return h === -1 && m === -1 ? null : { h, m };
}
function requiredSlot(o: JsonObject, key: string): TimeSlot {
  const s = slot(obj(o, key));
  if (s === null) throw new MementoShapeError(`${key}: a time slot is required`);
  return s;
}

export function timeSeries(o: JsonObject): TimeSeries {
  const ts = new TimeSeries(requiredSlot(o, 'start_'), bool(o, 'relativeToSuiteStart_'), slot(optObj(o, 'finish_')), slot(optObj(o, 'incr_')));
  const next = slot(optObj(o, 'nextTimeSlot_'));
  if (next !== null) ts.nextTimeSlot = next;
  ts.relativeDuration = duration(optObj(o, 'relativeDuration_'));
  ts.isValid = bool(o, 'isValid_', true);
  return ts;
}

export function timeAttr(o: JsonObject): TimeAttr {
  const t = new TimeAttr(timeSeries(obj(o, 'ts_')));
  t.free = bool(o, 'free_');
  return t;
}
export function todayAttr(o: JsonObject): TodayAttr {
  const t = new TodayAttr(timeSeries(obj(o, 'ts_')));
  t.free = bool(o, 'free_');
  return t;
}

export function cronAttr(o: JsonObject): CronAttr {
  const c = new CronAttr();
  c.series = timeSeries(obj(o, 'timeSeries_'));
  c.weekDays = nums(o, 'weekDays_');
  c.lastWeekDaysOfMonth = nums(o, 'last_week_days_of_month_');
  c.daysOfMonth = nums(o, 'daysOfMonth_');
  c.months = nums(o, 'months_');
  c.free = bool(o, 'free_');
  c.lastDayOfMonth = bool(o, 'last_day_of_month_');
  return c;
}

export function dateAttr(o: JsonObject): DateAttr {
  const d = new DateAttr(num(o, 'day_'), num(o, 'month_'), num(o, 'year_'));
  d.free = bool(o, 'free_');
  return d;
}

export function dayAttr(o: JsonObject): DayAttr {
  const name = DAY_NAMES[num(o, 'day_')];
  if (name === undefined) throw new MementoShapeError(`day_: unknown week day ${String(o.day_)}`);
  const d = new DayAttr(name);
  d.free = bool(o, 'free_');
  d.expired = bool(o, 'expired_');
  const date = optObj(o, 'date_');
  if (date !== null) {
    const text = str(date, 'date');
    d.date = text === 'not-a-date-time' ? null : parseSimpleDate(text);
  }
  return d;
}

export function lateAttr(o: JsonObject): LateAttr {
  const l = new LateAttr();
  l.submitted = slot(optObj(o, 's_'));
  l.active = slot(optObj(o, 'a_'));
  l.complete = slot(optObj(o, 'c_'));
  l.completeRelative = bool(o, 'c_is_rel_');
  l.isLate = bool(o, 'isLate_');
  return l;
}

export function zombieAttr(o: JsonObject): ZombieAttr {
  const type = ZOMBIE_TYPES[num(o, 'zombie_type_')];
  const action = ZOMBIE_ACTIONS[num(o, 'action_')];
  if (type === undefined || action === undefined) throw new MementoShapeError('zombie_type_/action_: out of range');
  const cmds = nums(o, 'child_cmds_').map((c) => {
    const cmd = CHILD_CMDS[c];
    if (cmd === undefined) throw new MementoShapeError(`child_cmds_: unknown child command ${c}`);
    return cmd;
  });
  const z = new ZombieAttr(type, cmds, action, 1);
  z.lifetime = num(o, 'zombie_lifetime_'); // as sent, without the constructor's defaulting
  return z;
}

export const verifyAttr = (o: JsonObject): VerifyAttr => new VerifyAttr(nstate(num(o, 'state_')), num(o, 'expected_'), num(o, 'actual_'));

export function queueAttr(o: JsonObject): QueueAttr {
  return new QueueAttr(str(o, 'name_'), strs(o, 'theQueue_'), num(o, 'currentIndex_'), nums(o, 'state_vec_').map(nstate));
}

export const genericAttr = (o: JsonObject): GenericAttr => new GenericAttr(str(o, 'name_'), strs(o, 'values_'));

/**
 * `AvisoAttr` (5.13+), unnamed members: `value0` the parent's path, `value1` name, `value2`
 * listener, `value3` url, `value4` schema, `value5` polling, `value6` auth, `value7` reason,
 * `value8` revision, and from 5.15 `value9` the listener after variable substitution (server
 * state, not kept). Listener and reason are kept as sent (5.13 and 5.14 send a failure's reason
 * without the quotes 5.15+ add).
 */
export function avisoAttr(o: JsonObject): AvisoAttr {
  const a = new AvisoAttr(str(o, 'value1'), '', {
    url: str(o, 'value3'),
    schema: str(o, 'value4'),
    polling: str(o, 'value5'),
    auth: str(o, 'value6'),
    revision: num(o, 'value8'),
  });
  a.listener = str(o, 'value2');
  a.reason = str(o, 'value7');
  return a;
}

/**
 * `MirrorAttr` (5.13+), unnamed members: `value0` name, `value1` remote path, `value2` remote host,
 * `value3` remote port, `value4` polling, `value5` ssl, `value6` remote auth, `value7` reason.
 */
export function mirrorAttr(o: JsonObject): MirrorAttr {
  return new MirrorAttr(str(o, 'value0'), str(o, 'value1'), {
    remoteHost: str(o, 'value2'),
    remotePort: str(o, 'value3'),
    polling: str(o, 'value4'),
    ssl: bool(o, 'value5'),
    remoteAuth: str(o, 'value6'),
    reason: str(o, 'value7'),
  });
}

const NANOSECONDS = 1e9;

/**
 * An `ecf::Instant` (`{"value0":{"time_since_epoch":{"count":N}}}`, a `system_clock` time point:
 * nanoseconds on the Linux servers) in seconds since the epoch. ecFlow truncates its instants to
 * whole seconds, so the count is a whole number of seconds, exact in a double until 2106.
 */
export function instant(o: JsonObject): number {
  return Math.round(num(obj(obj(o, 'value0'), 'time_since_epoch'), 'count') / NANOSECONDS);
}

/**
 * An `ecf::Duration` (`{"value0":{"count":N}}`) in seconds: cereal writes `std::chrono::seconds` as
 * seconds up to 5.14 and, patched, every duration in nanoseconds from 5.15.0.
 */
export function chronoDuration(o: JsonObject, dc: DecodeContext): number {
  const count = num(obj(o, 'value0'), 'count');
  if (dc.version === undefined) {
    throw new MementoShapeError('an ecf::Duration is in seconds or nanoseconds as the server\'s release is older or newer than 5.15.0, and the mirror does not know the release');
  }
  return since(dc.version, 'nanosecondDurations') ? Math.round(count / NANOSECONDS) : count;
}

/**
 * `Repeat` (`{"type_": polymorphic RepeatBase}`); `null` for an empty repeat, and for a repeat of a
 * class this client does not know (noted in `dc.ignored` under `where`).
 */
export function repeat(o: JsonObject, dc: DecodeContext, where: string): Repeat | null {
  const t = optObj(o, 'type_');
  if (t === null) return null;
  const name = str(obj(t, 'value0'), 'name_');
  switch (t.$class) {
    case 'RepeatDate': {
      const r = new RepeatDate(name, num(t, 'start_'), num(t, 'end_'), num(t, 'delta_'));
      r.value = num(t, 'value_');
      return r;
    }
    case 'RepeatInteger': {
      const r = new RepeatInteger(name, num(t, 'start_'), num(t, 'end_'), num(t, 'delta_'));
      r.value = num(t, 'value_');
      return r;
    }
    case 'RepeatEnumerated': {
      const r = new RepeatEnumerated(name, strs(t, 'theEnums_'));
      r.index = num(t, 'currentIndex_');
      return r;
    }
    case 'RepeatString': {
      const r = new RepeatString(name, strs(t, 'theStrings_'));
      r.index = num(t, 'currentIndex_');
      return r;
    }
    case 'RepeatDateList': {
      const r = new RepeatDateList(name, nums(t, 'list_'));
      r.index = num(t, 'currentIndex_');
      return r;
    }
    case 'RepeatDateTime': {
      const r = new RepeatDateTime(name, instant(obj(t, 'start_')), instant(obj(t, 'end_')), chronoDuration(obj(t, 'delta_'), dc));
      r.value = instant(obj(t, 'value_'));
      return r;
    }
    case 'RepeatDateTimeList': {
      const r = new RepeatDateTimeList(name, objs(t, 'list_').map(instant));
      r.index = num(t, 'currentIndex_');
      return r;
    }
    case 'RepeatDay':
      return new RepeatDay(num(t, 'step_'));
    default:
      // A repeat kind of a later release: the rest of the node is still worth having.
      dc.ignored.push(`${where}: repeat ${name} of class ${String(t.$class)}`);
      return null;
  }
}

/** `Repeat::set_value` as a memento uses it: the value for date/integer repeats, else the index. */
export function setRepeatValue(r: Repeat, v: number): void {
  if (r.kind === 'date' || r.kind === 'integer' || r.kind === 'datetime') r.value = v;
  else if (r.kind !== 'day') r.index = v;
}

function hoursMinutes(o: JsonObject): TimeSlot {
  return requiredSlot(o, 'time_');
}
export function autoCancel(o: JsonObject): AutoCancelAttr {
  return new AutoCancelAttr(hoursMinutes(o), bool(o, 'relative_', true), bool(o, 'days_'));
}
export function autoArchive(o: JsonObject): AutoArchiveAttr {
  return new AutoArchiveAttr(hoursMinutes(o), bool(o, 'relative_', true), bool(o, 'days_'), bool(o, 'idle_'));
}
export const autoRestore = (o: JsonObject): AutoRestoreAttr => new AutoRestoreAttr(strs(o, 'nodes_to_restore_'));

export function clockAttr(o: JsonObject): ClockAttr {
  const c = new ClockAttr(bool(o, 'hybrid_'));
  c.positiveGain = bool(o, 'positiveGain_');
  c.gain = num(o, 'gain_', 0);
  c.day = num(o, 'day_', 0);
  c.month = num(o, 'month_', 0);
  c.year = num(o, 'year_', 0);
  return c;
}

export function calendar(o: JsonObject): Calendar {
  const c = new Calendar();
  c.initTime = ptime(obj(o, 'initTime_'));
  c.suiteTime = ptime(optObj(o, 'suiteTime_')) ?? c.initTime;
  c.initLocalTime = ptime(optObj(o, 'initLocalTime_')) ?? c.initTime;
  c.lastTime = ptime(optObj(o, 'lastTime_')) ?? c.initTime;
  c.dayChanged = bool(o, 'dayChanged_');
  c.duration = duration(optObj(o, 'duration_'));
  const inc = optObj(o, 'increment_');
  c.increment = inc === null ? 60e6 : duration(inc);
  return c;
}

// ---- nodes --------------------------------------------------------------------------------------

/** The members `Node::serialize` writes (5.13 added `avisos_` and `mirrors_`). */
const NODE_MEMBERS = new Set([
  'n_', 'st_', 'suspended_', 'd_st_', 'vars_', 'c_expr_', 't_expr_', 'meters_', 'events_', 'labels_', 'avisos_', 'mirrors_',
  'times_', 'todays_', 'crons_', 'dates_', 'days_', 'late_', 'misc_attrs_', 'repeat_', 'limits_', 'inLimitMgr_', 'flag_',
  'auto_cancel_', 'auto_archive_', 'auto_restore_',
]);

/**
 * Fills the `Node` part of any node from its serialised fields. A member it does not know is an
 * attribute of a later release: refused, so that the mirror is downloaded whole rather than left
 * without it unawares.
 */
function readNode(n: Node, o: JsonObject, dc: DecodeContext, path: string): void {
  for (const key in o) {
    if (!NODE_MEMBERS.has(key)) throw new MementoShapeError(`${path}: unknown node member ${key}`);
  }
  const st = optObj(o, 'st_');
  if (st !== null) {
    n.state = nstate(num(obj(st, 'first'), 'st_'));
    n.stateDuration = duration(optObj(st, 'second'));
  }
  n.suspended = bool(o, 'suspended_');
  const d = optObj(o, 'd_st_');
  if (d !== null) n.defStatus = dstate(num(d, 'st_'));
  for (const v of objs(o, 'vars_')) n.addVariable(variable(v));
  const c = optObj(o, 'c_expr_');
  if (c !== null) n.complete = expression(c);
  const t = optObj(o, 't_expr_');
  if (t !== null) n.trigger = expression(t);
  for (const m of objs(o, 'meters_')) n.addMeter(meter(m));
  for (const e of objs(o, 'events_')) n.addEvent(event(e));
  for (const l of objs(o, 'labels_')) n.addLabel(label(l));
  for (const x of objs(o, 'avisos_')) n.addAviso(avisoAttr(x));
  for (const x of objs(o, 'mirrors_')) n.addMirror(mirrorAttr(x));
  for (const x of objs(o, 'times_')) n.addTime(timeAttr(x));
  for (const x of objs(o, 'todays_')) n.addToday(todayAttr(x));
  for (const x of objs(o, 'crons_')) n.addCron(cronAttr(x));
  for (const x of objs(o, 'dates_')) n.addDate(dateAttr(x));
  for (const x of objs(o, 'days_')) n.addDay(dayAttr(x));
  const late = optObj(o, 'late_');
  if (late !== null) n.late = lateAttr(late);
  const misc = optObj(o, 'misc_attrs_');
  if (misc !== null) {
    for (const x of objs(misc, 'zombies_')) n.addZombie(zombieAttr(x));
    for (const x of objs(misc, 'verifys_')) n.addVerify(verifyAttr(x));
    for (const x of objs(misc, 'queues_')) n.addQueue(queueAttr(x));
    for (const x of objs(misc, 'generics_')) n.addGeneric(genericAttr(x));
  }
  const r = optObj(o, 'repeat_');
  if (r !== null) n.repeat = repeat(r, dc, path);
  for (const x of objs(o, 'limits_')) n.addLimit(limit(x));
  const mgr = optObj(o, 'inLimitMgr_');
  if (mgr !== null) for (const x of objs(mgr, 'vec_')) n.addInLimit(inLimit(x));
  const flag = optObj(o, 'flag_');
  if (flag !== null) n.flags = num(flag, 'flag_');
  const ac = optObj(o, 'auto_cancel_');
  if (ac !== null) n.autoCancel = autoCancel(ac);
  const aa = optObj(o, 'auto_archive_');
  if (aa !== null) n.autoArchive = autoArchive(aa);
  const ar = optObj(o, 'auto_restore_');
  if (ar !== null) n.autoRestore = autoRestore(ar);
}

function readSubmittable(s: Submittable, o: JsonObject, dc: DecodeContext, path: string): void {
  readNode(s, obj(o, 'value0'), dc, path);
  s.password = str(o, 'paswd_', '');
  s.rid = str(o, 'rid_', '');
  s.abortedReason = str(o, 'abr_', '');
  s.tryNo = num(o, 'tryNo_', 0);
}

function nodeName(o: JsonObject): string {
  return str(o, 'n_');
}

/** An alias (`Alias` data: `value0` is its Submittable), a child of the task at `parent`. */
export function alias(o: JsonObject, dc: DecodeContext, parent: string): Alias {
  const sub = obj(o, 'value0');
  const a = new Alias(nodeName(obj(sub, 'value0')));
  readSubmittable(a, sub, dc, `${parent}/${a.name}`);
  return a;
}

/** A task or family as `ChildrenMemento` sends it (`$class` names which), a child of the node at `parent`. */
export function childNode(o: JsonObject, dc: DecodeContext, parent: string): Family | Task {
  if (o.$class === 'Task') {
    const sub = obj(o, 'value0');
    const t = new Task(nodeName(obj(sub, 'value0')));
    const path = `${parent}/${t.name}`;
    readSubmittable(t, sub, dc, path);
    t.aliasNo = num(o, 'alias_no_', 0);
    for (const a of objs(o, 'aliases_')) t.addAlias(alias(a, dc, path));
    return t;
  }
  if (o.$class === 'Family') {
    const container = obj(o, 'value0');
    const nodeJson = obj(container, 'value0');
    const f = new Family(nodeName(nodeJson));
    const path = `${parent}/${f.name}`;
    readNode(f, nodeJson, dc, path);
    for (const c of objs(container, 'nodes_')) f.addChild(childNode(c, dc, path));
    return f;
  }
  throw new MementoShapeError(`a child node must be a Task or a Family, not ${String(o.$class)}`);
}
