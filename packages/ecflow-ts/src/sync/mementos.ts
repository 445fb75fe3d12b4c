/**
 * The client side of ecFlow's incremental sync: one applier per `Memento` class the servers send
 * (5.9.2's, and 5.13's `NodeAvisoMemento` and `NodeMirrorMemento`), doing what the C++
 * `set_memento` overloads do to the client's definition (libs/node/src/ecflow/node/NodeMemento.cpp,
 * Defs.cpp, Suite.cpp, NodeContainer.cpp, Task.cpp, Submittable.cpp; ANode/src/ in 5.9.2).
 */
import { ZombieAttr } from '../defs/attributes/misc.js';
import type { TimeSeries } from '../defs/attributes/time.js';
import { type Alias, type Defs, type Node, NodeContainer, Submittable, Suite, Task } from '../defs/model.js';
import { Flag, type NStateName, SSTATE_NAMES } from '../defs/states.js';
import type { JsonObject } from '../protocol/cereal.js';
import * as J from './json.js';

/** What the appliers of one CompoundMemento share. */
export interface CompoundContext {
  /** The path of the node the compound is for. */
  path: string;
  /** The node's attributes were just cleared and the server re-sends them all, in order. */
  cleared: boolean;
  /** How many attributes of each structure the compound has matched so far (see replaceOrAdd). */
  matched: Map<string, number>;
  /** The server's release, and where to note what the mirror leaves out. */
  decode: J.DecodeContext;
}

type NodeApplier = (node: Node, m: JsonObject, ctx: CompoundContext) => void;
type DefsApplier = (defs: Defs, m: JsonObject) => void;

/** What a memento class does to a node and/or to the definition (`/`). */
interface Applier {
  node?: NodeApplier;
  defs?: DefsApplier;
}

/** Thrown for a memento class this client does not know: the caller falls back to a full sync. */
export class UnknownMementoError extends J.MementoShapeError {
  /**
   * The error for a memento of class `cls`.
   * @param cls the memento's C++ class name (its `$class`).
   */
  constructor(cls: string) {
    super(`unknown memento class ${cls}`);
    this.name = 'UnknownMementoError';
  }
}

const TASK_ABORTED = 1 << Flag.task_aborted;
const FORCE_ABORTED = 1 << Flag.force_aborted;

/** `Node::setStateOnly` with force=false, as the client runs it before taking the memento's duration. */
function setStateOnly(node: Node, state: NStateName): void {
  if (node.state === state) return;
  if (state === 'aborted') {
    if (node instanceof Submittable) node.flags |= TASK_ABORTED;
  } else {
    node.flags &= ~(TASK_ABORTED | FORCE_ABORTED);
  }
  const now = suiteOf(node)?.calendar.duration ?? 0;
  node.runtime = state === 'queued' ? 0 : now - node.stateDuration;
  node.stateDuration = now;
  node.state = state;
  for (const v of node.verifies) if (v.state === state) v.actual++;
}

function suiteOf(node: Node): Suite | null {
  let n: Node = node;
  while (n.parent !== null) n = n.parent;
  return n instanceof Suite ? n : null;
}

/** `Node::clear`: drops every attribute with state before a clear-attributes set re-adds them. */
export function clearAttributes(n: Node): void {
  // 5.13+: avisos and mirrors too (they are rare: leave a node without them untouched)
  if (n.avisos.length > 0) n.avisos = [];
  if (n.mirrors.length > 0) n.mirrors = [];
  n.late = null;
  n.complete = null;
  n.trigger = null;
  n.zombies = [];
  n.verifies = [];
  n.queues = [];
  n.generics = [];
  n.todays = [];
  n.times = [];
  n.crons = [];
  n.days = [];
  n.dates = [];
  n.meters = [];
  n.events = [];
  n.labels = [];
  n.repeat = null;
  n.variables = [];
  n.limits = [];
  n.inLimits = [];
}

function sameSeries(a: TimeSeries | null, b: TimeSeries | null): boolean {
  if (a === null || b === null) return a === b;
  return a.relative === b.relative && sameSlot(a.start, b.start) && sameSlot(a.finish, b.finish) && sameSlot(a.incr, b.incr);
}
function sameSlot(a: { h: number; m: number } | null, b: { h: number; m: number } | null): boolean {
  if (a === null || b === null) return a === b;
  return a.h === b.h && a.m === b.m;
}
function sameInts(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Replaces the attribute `same` finds, else appends (the C++ `structureEquals` loops). A node may
 * hold equal time attributes (two `day friday`): the server then sends one memento for each, so
 * the n-th memento of a structure goes to the n-th attribute of that structure, and in a cleared
 * set every memento appends. (ecFlow's own client matches the first one each time.)
 */
function replaceOrAdd<T>(list: readonly T[], x: T, key: string, same: (a: T) => boolean, add: (x: T) => void, ctx: CompoundContext, set: (list: T[]) => void): void {
  if (ctx.cleared) return add(x);
  const nth = ctx.matched.get(key) ?? 0;
  ctx.matched.set(key, nth + 1);
  let seen = 0;
  for (let i = 0; i < list.length; i++) {
    if (same(list[i]!) && seen++ === nth) {
      set(replaced(list, i, x));
      return;
    }
  }
  add(x);
}

/** Replaces the attribute of the same name, else appends (names are unique per node). */
function replaceByName<T extends { name: string }>(list: readonly T[], x: T, add: (x: T) => void, set: (list: T[]) => void): void {
  const i = list.findIndex((a) => a.name === x.name);
  if (i >= 0) set(replaced(list, i, x));
  else add(x);
}

/** A copy of a node's attribute list with element `i` replaced (the node's lists are read-only). */
function replaced<T>(list: readonly T[], i: number, x: T): T[] {
  const copy = list.slice();
  copy[i] = x;
  return copy;
}

/** Reorders `items` by the names in `order`; leaves them alone when the two disagree (as ecFlow does). */
function reordered<T extends { name: string }>(items: readonly T[], order: readonly string[]): T[] | null {
  const out: T[] = [];
  for (const name of order) {
    const found = items.find((x) => x.name === name);
    if (found !== undefined) out.push(found);
  }
  return out.length === items.length ? out : null;
}

/** Every memento class 5.9.2 to 5.17.0 register, by its polymorphic name. */
export const APPLIERS: Readonly<Record<string, Applier>> = {
  StateMemento: {
    defs: (d, m) => { d.state = J.nstate(J.num(m, 'state_')); },
  },
  ServerStateMemento: {
    defs: (d, m) => {
      const s = SSTATE_NAMES[J.num(m, 'state_')];
      if (s === undefined) throw new J.MementoShapeError(`state_: unknown server state ${String(m.state_)}`);
      d.serverState = s;
    },
  },
  ServerVariableMemento: {
    defs: (d, m) => { d.userVariables = J.objs(m, 'serverEnv_').map(J.variable); },
  },
  FlagMemento: {
    defs: (d, m) => { d.flags = J.num(J.obj(m, 'flag_'), 'flag_'); },
    node: (n, m) => { n.flags = J.num(J.obj(m, 'flag_'), 'flag_'); },
  },
  OrderMemento: {
    defs: (d, m) => {
      const v = reordered(d.suites, J.strs(m, 'order_'));
      if (v !== null) d.suites = v;
    },
    node: (n, m) => {
      const order = J.strs(m, 'order_');
      if (n instanceof NodeContainer) {
        if (order.length !== n.children.length) return;
        const v = reordered(n.children, order);
        if (v !== null) n.replaceChildren(v);
      } else if (n instanceof Task) {
        if (order.length !== n.aliases.length) return;
        const v = reordered(n.aliases, order);
        if (v !== null) n.aliases = v;
      }
    },
  },
  NodeStateMemento: {
    node: (n, m) => {
      const pair = J.obj(m, 'state_');
      setStateOnly(n, J.nstate(J.num(pair, 'first')));
      n.stateDuration = J.duration(J.obj(pair, 'second'));
    },
  },
  NodeDefStatusDeltaMemento: {
    node: (n, m) => { n.defStatus = J.dstate(J.num(m, 'state_')); },
  },
  SuspendedMemento: {
    node: (n, m) => { n.suspended = J.bool(m, 'suspended_'); },
  },
  NodeEventMemento: {
    node: (n, m) => {
      const e = J.event(J.obj(m, 'event_'));
      const found = n.findEvent(e.nameOrNumber());
      if (found !== undefined) found.value = e.value;
      else n.addEvent(e);
    },
  },
  NodeMeterMemento: {
    node: (n, m) => {
      const x = J.meter(J.obj(m, 'meter_'));
      const found = n.findMeter(x.name);
      if (found !== undefined) found.value = x.value;
      else n.addMeter(x);
    },
  },
  NodeLabelMemento: {
    node: (n, m) => {
      const x = J.label(J.obj(m, 'label_'));
      replaceByName(n.labels, x, (l) => n.addLabel(l), (v) => (n.labels = v));
    },
  },
  NodeAvisoMemento: {
    node: (n, m) => {
      const x = J.avisoAttr(J.obj(m, 'aviso_'));
      replaceByName(n.avisos, x, (a) => n.addAviso(a), (v) => (n.avisos = v));
    },
  },
  NodeMirrorMemento: {
    node: (n, m) => {
      const x = J.mirrorAttr(J.obj(m, 'mirror_'));
      replaceByName(n.mirrors, x, (a) => n.addMirror(a), (v) => (n.mirrors = v));
    },
  },
  NodeQueueMemento: {
    node: (n, m) => {
      const x = J.queueAttr(J.obj(m, 'queue_'));
      replaceByName(n.queues, x, (q) => n.addQueue(q), (v) => (n.queues = v));
    },
  },
  NodeGenericMemento: {
    node: (n, m) => {
      const x = J.genericAttr(J.obj(m, 'generic_'));
      replaceByName(n.generics, x, (g) => n.addGeneric(g), (v) => (n.generics = v));
    },
  },
  NodeQueueIndexMemento: {
    node: (n, m) => {
      const name = J.str(m, 'name_');
      for (const q of n.queues) {
        if (q.name !== name) continue;
        q.index = J.num(m, 'index_');
        q.states = J.nums(m, 'state_vec_').map(J.nstate);
      }
    },
  },
  NodeTriggerMemento: {
    node: (n, m) => {
      const e = J.expression(J.obj(m, 'exp_'));
      if (n.trigger !== null) n.trigger.free = e.free;
      else n.trigger = e;
    },
  },
  NodeCompleteMemento: {
    node: (n, m) => {
      const e = J.expression(J.obj(m, 'exp_'));
      if (n.complete !== null) n.complete.free = e.free;
      else n.complete = e;
    },
  },
  NodeRepeatMemento: {
    node: (n, m, ctx) => {
      const r = J.repeat(J.obj(m, 'repeat_'), ctx.decode, ctx.path);
      if (r === null) return;
      if (n.repeat !== null) {
        // The repeat may be one past its end; ecFlow copies the value unchecked.
        J.setRepeatValue(n.repeat, r.kind === 'date' || r.kind === 'integer' || r.kind === 'datetime' ? r.value : r.kind === 'day' ? 0 : r.index);
      } else n.repeat = r;
    },
  },
  NodeRepeatIndexMemento: {
    node: (n, m) => {
      if (n.repeat !== null) J.setRepeatValue(n.repeat, J.num(m, 'index_or_value_'));
    },
  },
  NodeLimitMemento: {
    node: (n, m) => {
      const x = J.limit(J.obj(m, 'limit_'));
      const found = n.findLimit(x.name);
      if (found !== undefined) {
        found.limit = x.limit;
        found.value = x.value;
        found.paths = x.paths;
      } else n.addLimit(x);
    },
  },
  NodeInLimitMemento: {
    node: (n, m) => { n.addInLimit(J.inLimit(J.obj(m, 'inlimit_'))); },
  },
  NodeVariableMemento: {
    node: (n, m) => { n.addVariable(J.variable(J.obj(m, 'var_'))); },
  },
  NodeLateMemento: {
    node: (n, m) => {
      const x = J.lateAttr(J.obj(m, 'late_'));
      if (n.late !== null) n.late.isLate = x.isLate;
      else n.late = x;
    },
  },
  NodeTodayMemento: {
    node: (n, m, ctx) => {
      const x = J.todayAttr(J.obj(m, 'attr_'));
      replaceOrAdd(n.todays, x, x.toString(), (t) => sameSeries(t.series, x.series), (t) => n.addToday(t), ctx, (v) => (n.todays = v));
    },
  },
  NodeTimeMemento: {
    node: (n, m, ctx) => {
      const x = J.timeAttr(J.obj(m, 'attr_'));
      replaceOrAdd(n.times, x, x.toString(), (t) => sameSeries(t.series, x.series), (t) => n.addTime(t), ctx, (v) => (n.times = v));
    },
  },
  NodeDayMemento: {
    node: (n, m, ctx) => {
      const x = J.dayAttr(J.obj(m, 'attr_'));
      replaceOrAdd(n.days, x, x.toString(), (d) => d.day === x.day, (d) => n.addDay(d), ctx, (v) => (n.days = v));
    },
  },
  NodeDateMemento: {
    node: (n, m, ctx) => {
      const x = J.dateAttr(J.obj(m, 'attr_'));
      // Only the free flag is state (Node::set_memento(NodeDateMemento)).
      const same = (d: typeof x): boolean => d.day === x.day && d.month === x.month && d.year === x.year;
      replaceOrAdd(n.dates, x, x.toString(), same, (d) => n.addDate(d), ctx, (v) => (n.dates = v));
    },
  },
  NodeCronMemento: {
    node: (n, m, ctx) => {
      const x = J.cronAttr(J.obj(m, 'attr_'));
      const same = (c: typeof x): boolean =>
        c.lastDayOfMonth === x.lastDayOfMonth &&
        sameInts(c.weekDays, x.weekDays) &&
        sameInts(c.daysOfMonth, x.daysOfMonth) &&
        sameInts(c.lastWeekDaysOfMonth, x.lastWeekDaysOfMonth) &&
        sameInts(c.months, x.months) &&
        sameSeries(c.series, x.series);
      replaceOrAdd(n.crons, x, x.toString(), same, (c) => n.addCron(c), ctx, (v) => (n.crons = v));
    },
  },
  NodeZombieMemento: {
    node: (n, m) => {
      const x: ZombieAttr = J.zombieAttr(J.obj(m, 'attr_'));
      n.zombies = n.zombies.filter((z) => z.type !== x.type);
      n.addZombie(x);
    },
  },
  NodeVerifyMemento: {
    node: (n, m) => { n.verifies = J.objs(m, 'verifys_').map(J.verifyAttr); },
  },
  SubmittableMemento: {
    node: (n, m) => {
      if (!(n instanceof Submittable)) return;
      n.password = J.str(m, 'paswd_');
      n.rid = J.str(m, 'rid_');
      n.abortedReason = J.str(m, 'abr_');
      n.tryNo = J.num(m, 'tryNo_');
    },
  },
  SuiteClockMemento: {
    node: (n, m) => { if (n instanceof Suite) n.clock = J.clockAttr(J.obj(m, 'clockAttr_')); },
  },
  SuiteBeginDeltaMemento: {
    node: (n, m) => { if (n instanceof Suite) n.begun = J.bool(m, 'begun_'); },
  },
  SuiteCalendarMemento: {
    node: (n, m) => { if (n instanceof Suite) n.calendar = J.calendar(J.obj(m, 'cal_')); },
  },
  ChildrenMemento: {
    node: (n, m, ctx) => { if (n instanceof NodeContainer) n.replaceChildren(J.objs(m, 'children_').map((c) => J.childNode(c, ctx.decode, ctx.path))); },
  },
  AliasChildrenMemento: {
    node: (n, m, ctx) => {
      if (!(n instanceof Task)) return;
      const aliases: Alias[] = J.objs(m, 'children_').map((a) => J.alias(a, ctx.decode, ctx.path));
      for (const a of aliases) a.parent = n;
      n.aliases = aliases;
    },
  },
  AliasNumberMemento: {
    node: (n, m) => { if (n instanceof Task) n.aliasNo = J.num(m, 'alias_no_'); },
  },
};

/** The applier of one memento class; throws {@link UnknownMementoError} for a class no release up to 5.17.0 sends. */
export function applierOf(cls: unknown): Applier {
  const a = typeof cls === 'string' ? APPLIERS[cls] : undefined;
  if (a === undefined) throw new UnknownMementoError(String(cls));
  return a;
}
