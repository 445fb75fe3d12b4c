/**
 * The suite definition model: `Defs` → `Suite` → `Family` → `Task` (→ `Alias`), with every node
 * attribute of ecFlow 5.9.2 and the node state carried by the state print styles.
 *
 * Attribute lists are allocated lazily (they share one frozen empty array until the first `add...`),
 * so read them freely but add through the node's `add...` methods.
 */
import { ArgumentError } from '../errors.js';
import type { AutoArchiveAttr, AutoCancelAttr, ClockAttr, CronAttr, DateAttr, DayAttr, LateAttr, TimeAttr, TodayAttr } from './attributes/time.js';
import type { Event, InLimit, Label, Limit, Meter, Variable } from './attributes/basic.js';
import type { AutoRestoreAttr, GenericAttr, QueueAttr, VerifyAttr, ZombieAttr } from './attributes/misc.js';
import { Calendar } from './attributes/misc.js';
import type { Repeat } from './attributes/repeat.js';
import type { DStateName, NStateName, SStateName } from './states.js';

const EMPTY: unknown[] = Object.freeze([] as unknown[]) as unknown[];
function empty<T>(): T[] {
  return EMPTY as T[];
}

/** How an extra `trigger`/`complete` line joins the previous ones (`PartExpression::ExprType`). */
export type PartType = 'first' | 'and' | 'or';

/** One `trigger`/`complete` line. */
export interface PartExpression {
  /** The expression text as written (tokens re-joined with single spaces). */
  text: string;
  type: PartType;
}

/** A `trigger` or `complete` expression, possibly written over several `-a`/`-o` lines. */
export class Expression {
  // A one-part expression made by the parser holds only its text until `parts` is read: 100k-task
  // definitions then carry no parts list and part object per trigger.
  #one: string | null = null;
  #parts: PartExpression[] = empty();
  /** State: freed by the user (`# free`). @default false */
  free = false;
  /** Source line of the first part (0 when unknown). */
  line = 0;

  /** The `trigger`/`complete` lines in order. */
  get parts(): PartExpression[] {
    if (this.#one !== null) {
      this.#parts = [{ text: this.#one, type: 'first' }];
      this.#one = null;
    }
    return this.#parts;
  }
  set parts(v: PartExpression[]) {
    this.#one = null;
    this.#parts = v;
  }

  /** @internal Number of parts, without making the parts list. */
  partCount(): number {
    return this.#one !== null ? 1 : this.#parts.length;
  }
  /** @internal Text of part `i`, without making the parts list. */
  partText(i: number): string {
    return this.#one !== null ? this.#one : this.#parts[i]!.text;
  }
  /** @internal Type of part `i`, without making the parts list. */
  partType(i: number): PartType {
    return this.#one !== null ? 'first' : this.#parts[i]!.type;
  }
  /** @internal Sets the first part of an empty expression from its text (the parser's `add`). */
  addFirstText(text: string): void {
    if (this.partCount() !== 0) this.add({ text, type: 'first' }); // throws, as `add` does
    else this.#one = text;
  }

  /** Appends a part, enforcing that only the first part has no `-a`/`-o` (`Expression::add`). */
  add(part: PartExpression): void {
    if (this.partCount() === 0) {
      if (part.type !== 'first') {
        throw new ArgumentError(`Expression::add: expression ${part.text} failed: The first expression should not have AND or OR set`);
      }
      this.#parts = [part];
      return;
    }
    if (part.type === 'first') {
      throw new ArgumentError(`Expression::add: expression ${part.text} failed: Subsequent expression must have AND or OR set`);
    }
    this.parts.push(part);
  }

  /** The whole expression as one string (`Expression::expression`): parts joined by ` AND ` / ` OR `. */
  text(): string {
    if (this.#one !== null) return this.#one;
    if (this.#parts.length === 1) return this.#parts[0]!.text;
    let s = '';
    for (const p of this.#parts) {
      if (p.type === 'and') s += ' AND ';
      else if (p.type === 'or') s += ' OR ';
      s += p.text;
    }
    return s;
  }
}

export type NodeKind = 'suite' | 'family' | 'task' | 'alias';

/** Attributes most nodes do not have, kept out of the node object to keep large definitions small. */
class RareAttributes {
  late: LateAttr | null = null;
  repeat: Repeat | null = null;
  limits: Limit[] = empty();
  inLimits: InLimit[] = empty();
  times: TimeAttr[] = empty();
  todays: TodayAttr[] = empty();
  dates: DateAttr[] = empty();
  days: DayAttr[] = empty();
  crons: CronAttr[] = empty();
  autoCancel: AutoCancelAttr | null = null;
  autoArchive: AutoArchiveAttr | null = null;
  autoRestore: AutoRestoreAttr | null = null;
  zombies: ZombieAttr[] = empty();
  verifies: VerifyAttr[] = empty();
  queues: QueueAttr[] = empty();
  generics: GenericAttr[] = empty();
  defs: Defs | null = null;
}

/**
 * Node state of the state print styles. DEFS texts (and most nodes of large definitions) never set
 * it, so it lives outside the node object, which keeps 100k-task definitions small.
 */
class StateFields {
  state: NStateName = 'unknown';
  stateDuration = 0;
  runtime = 0;
  flags = 0;
  suspended = false;
  password = '';
  rid = '';
  abortedReason = '';
  tryNo = 0;
  aliasNo = 0;
  aliases: Alias[] = empty();
}

/** Common part of suites, families, tasks and aliases (`Node`). */
export abstract class Node {
  abstract get kind(): NodeKind;
  name: string;
  /** The containing node; `null` for a suite or a detached node. */
  parent: Node | null = null;
  /** Source line the node was parsed from (0 when unknown). */
  line = 0;

  // --- state (NET / MIGRATE / STATE styles), kept in one lazily created holder ---
  #st: StateFields | null = null;
  /** @internal The state holder, created on first write. */
  protected st(): StateFields {
    return (this.#st ??= new StateFields());
  }
  /** @internal The state holder, or `null` while every state field has its default. */
  protected stOrNull(): StateFields | null {
    return this.#st;
  }
  /** @default 'unknown' */
  get state(): NStateName { return this.#st?.state ?? 'unknown'; }
  set state(v: NStateName) { if (v !== 'unknown' || this.#st !== null) this.st().state = v; }
  /** Time of the last state change relative to suite start, microseconds (`dur:`). @default 0 */
  get stateDuration(): number { return this.#st?.stateDuration ?? 0; }
  set stateDuration(v: number) { if (v !== 0 || this.#st !== null) this.st().stateDuration = v; }
  /** Run time of the last state change, microseconds (`rt:`). @default 0 */
  get runtime(): number { return this.#st?.runtime ?? 0; }
  set runtime(v: number) { if (v !== 0 || this.#st !== null) this.st().runtime = v; }
  /** `Flag` bit set. @default 0 */
  get flags(): number { return this.#st?.flags ?? 0; }
  set flags(v: number) { if (v !== 0 || this.#st !== null) this.st().flags = v; }
  /** @default false */
  get suspended(): boolean { return this.#st?.suspended ?? false; }
  set suspended(v: boolean) { if (v || this.#st !== null) this.st().suspended = v; }

  // --- attributes (the common ones live on the node, the rare ones in one lazily created holder) ---
  /** `defstatus`. @default 'queued' */
  defStatus: DStateName = 'queued';
  complete: Expression | null = null;
  trigger: Expression | null = null;
  // Most nodes of large definitions have one variable, label, meter or event of a kind: it is held
  // without a list until the list is read, which saves an array per attribute and node.
  #variables: Variable | Variable[] = empty();
  #labels: Label | Label[] = empty();
  #meters: Meter | Meter[] = empty();
  #events: Event | Event[] = empty();
  #rare: RareAttributes | null = null;

  get variables(): Variable[] { const v = this.#variables; return Array.isArray(v) ? v : (this.#variables = [v]); }
  set variables(v: Variable[]) { this.#variables = v; }
  get labels(): Label[] { const v = this.#labels; return Array.isArray(v) ? v : (this.#labels = [v]); }
  set labels(v: Label[]) { this.#labels = v; }
  get meters(): Meter[] { const v = this.#meters; return Array.isArray(v) ? v : (this.#meters = [v]); }
  set meters(v: Meter[]) { this.#meters = v; }
  get events(): Event[] { const v = this.#events; return Array.isArray(v) ? v : (this.#events = [v]); }
  set events(v: Event[]) { this.#events = v; }
  /** @internal The variables as held: one variable, or the list. */
  variablesHeld(): Variable | Variable[] { return this.#variables; }
  /** @internal The labels as held: one label, or the list. */
  labelsHeld(): Label | Label[] { return this.#labels; }
  /** @internal The meters as held: one meter, or the list. */
  metersHeld(): Meter | Meter[] { return this.#meters; }
  /** @internal The events as held: one event, or the list. */
  eventsHeld(): Event | Event[] { return this.#events; }

  /** @internal Whether any rarely used attribute (late, repeat, limits, time, cron, zombie, ...) was ever set. */
  hasRareAttributes(): boolean {
    return this.#rare !== null;
  }
  #r(): RareAttributes {
    return (this.#rare ??= new RareAttributes());
  }
  get late(): LateAttr | null { return this.#rare?.late ?? null; }
  set late(v: LateAttr | null) { this.#r().late = v; }
  get repeat(): Repeat | null { return this.#rare?.repeat ?? null; }
  set repeat(v: Repeat | null) { this.#r().repeat = v; }
  get limits(): Limit[] { return this.#rare?.limits ?? empty(); }
  set limits(v: Limit[]) { this.#r().limits = v; }
  get inLimits(): InLimit[] { return this.#rare?.inLimits ?? empty(); }
  set inLimits(v: InLimit[]) { this.#r().inLimits = v; }
  get times(): TimeAttr[] { return this.#rare?.times ?? empty(); }
  set times(v: TimeAttr[]) { this.#r().times = v; }
  get todays(): TodayAttr[] { return this.#rare?.todays ?? empty(); }
  set todays(v: TodayAttr[]) { this.#r().todays = v; }
  get dates(): DateAttr[] { return this.#rare?.dates ?? empty(); }
  set dates(v: DateAttr[]) { this.#r().dates = v; }
  get days(): DayAttr[] { return this.#rare?.days ?? empty(); }
  set days(v: DayAttr[]) { this.#r().days = v; }
  get crons(): CronAttr[] { return this.#rare?.crons ?? empty(); }
  set crons(v: CronAttr[]) { this.#r().crons = v; }
  get autoCancel(): AutoCancelAttr | null { return this.#rare?.autoCancel ?? null; }
  set autoCancel(v: AutoCancelAttr | null) { this.#r().autoCancel = v; }
  get autoArchive(): AutoArchiveAttr | null { return this.#rare?.autoArchive ?? null; }
  set autoArchive(v: AutoArchiveAttr | null) { this.#r().autoArchive = v; }
  get autoRestore(): AutoRestoreAttr | null { return this.#rare?.autoRestore ?? null; }
  set autoRestore(v: AutoRestoreAttr | null) { this.#r().autoRestore = v; }
  get zombies(): ZombieAttr[] { return this.#rare?.zombies ?? empty(); }
  set zombies(v: ZombieAttr[]) { this.#r().zombies = v; }
  get verifies(): VerifyAttr[] { return this.#rare?.verifies ?? empty(); }
  set verifies(v: VerifyAttr[]) { this.#r().verifies = v; }
  get queues(): QueueAttr[] { return this.#rare?.queues ?? empty(); }
  set queues(v: QueueAttr[]) { this.#r().queues = v; }
  get generics(): GenericAttr[] { return this.#rare?.generics ?? empty(); }
  set generics(v: GenericAttr[]) { this.#r().generics = v; }
  /** The definition holding a suite (`null` for other nodes and detached suites). */
  get defsRef(): Defs | null { return this.#rare?.defs ?? null; }
  set defsRef(v: Defs | null) { this.#r().defs = v; }

  constructor(name: string) {
    this.name = name;
  }

  /** The definition this node belongs to, if any. */
  get defs(): Defs | null {
    let n: Node = this;
    while (n.parent !== null) n = n.parent;
    return n.defsRef;
  }

  /** Absolute path, e.g. `/suite/family/task`. */
  absNodePath(): string {
    if (this.parent === null) return '/' + this.name;
    return this.parent.absNodePath() + '/' + this.name;
  }

  /** `SUITE`, `FAMILY`, `TASK` or `ALIAS` (ecFlow's `debugType`). */
  debugType(): string {
    return this.kind.toUpperCase();
  }

  /** `TASK:/s/f/t` (ecFlow's `debugNodePath`). */
  debugNodePath(): string {
    return this.debugType() + ':' + this.absNodePath();
  }

  addVariable(v: Variable): void {
    const vars = this.#variables;
    if (!Array.isArray(vars)) {
      if (vars.name === v.name) vars.value = v.value;
      else this.#variables = [vars, v];
      return;
    }
    for (let i = 0; i < vars.length; i++) {
      if (vars[i]!.name === v.name) {
        vars[i]!.value = v.value;
        return;
      }
    }
    if (vars === (EMPTY as unknown)) this.#variables = v;
    else vars.push(v);
  }
  addLabel(l: Label): void {
    this.#labels = append(this.#labels, l);
  }
  addMeter(m: Meter): void {
    this.#meters = append(this.#meters, m);
  }
  addEvent(e: Event): void {
    this.#events = append(this.#events, e);
  }
  addLimit(l: Limit): void {
    const list = this.limits;
    if (list === (EMPTY as unknown)) this.limits = [l];
    else list.push(l);
  }
  addInLimit(l: InLimit): void {
    const list = this.inLimits;
    if (list === (EMPTY as unknown)) this.inLimits = [l];
    else list.push(l);
  }
  addTime(t: TimeAttr): void {
    const list = this.times;
    if (list === (EMPTY as unknown)) this.times = [t];
    else list.push(t);
  }
  addToday(t: TodayAttr): void {
    const list = this.todays;
    if (list === (EMPTY as unknown)) this.todays = [t];
    else list.push(t);
  }
  addDate(d: DateAttr): void {
    const list = this.dates;
    if (list === (EMPTY as unknown)) this.dates = [d];
    else list.push(d);
  }
  addDay(d: DayAttr): void {
    const list = this.days;
    if (list === (EMPTY as unknown)) this.days = [d];
    else list.push(d);
  }
  addCron(c: CronAttr): void {
    const list = this.crons;
    if (list === (EMPTY as unknown)) this.crons = [c];
    else list.push(c);
  }
  addZombie(z: ZombieAttr): void {
    const list = this.zombies;
    if (list === (EMPTY as unknown)) this.zombies = [z];
    else list.push(z);
  }
  addVerify(v: VerifyAttr): void {
    const list = this.verifies;
    if (list === (EMPTY as unknown)) this.verifies = [v];
    else list.push(v);
  }
  addQueue(q: QueueAttr): void {
    const list = this.queues;
    if (list === (EMPTY as unknown)) this.queues = [q];
    else list.push(q);
  }
  addGeneric(g: GenericAttr): void {
    const list = this.generics;
    if (list === (EMPTY as unknown)) this.generics = [g];
    else list.push(g);
  }
  addTriggerPart(part: PartExpression): void {
    if (this.trigger === null) this.trigger = new Expression();
    this.trigger.add(part);
  }
  addCompletePart(part: PartExpression): void {
    if (this.complete === null) this.complete = new Expression();
    this.complete.add(part);
  }

  findVariable(name: string): Variable | undefined {
    const vs = this.#variables;
    if (!Array.isArray(vs)) return vs.name === name ? vs : undefined;
    for (let i = 0; i < vs.length; i++) if (vs[i]!.name === name) return vs[i];
    return undefined;
  }
  findLabel(name: string): Label | undefined {
    const ls = this.#labels;
    if (!Array.isArray(ls)) return ls.name === name ? ls : undefined;
    for (let i = 0; i < ls.length; i++) if (ls[i]!.name === name) return ls[i];
    return undefined;
  }
  findMeter(name: string): Meter | undefined {
    const ms = this.#meters;
    if (!Array.isArray(ms)) return ms.name === name ? ms : undefined;
    for (let i = 0; i < ms.length; i++) if (ms[i]!.name === name) return ms[i];
    return undefined;
  }
  /** Finds an event by name, or by number when `nameOrNumber` is numeric. */
  findEvent(nameOrNumber: string): Event | undefined {
    const held = this.#events;
    if (!Array.isArray(held)) {
      if (held.name === nameOrNumber) return held;
      return held.number !== undefined && String(held.number) === nameOrNumber ? held : undefined;
    }
    for (const e of held) if (e.name === nameOrNumber) return e;
    for (const e of held) if (e.number !== undefined && String(e.number) === nameOrNumber) return e;
    return undefined;
  }
  findLimit(name: string): Limit | undefined {
    for (const l of this.limits) if (l.name === name) return l;
    return undefined;
  }
  findQueue(name: string): QueueAttr | undefined {
    for (const q of this.queues) if (q.name === name) return q;
    return undefined;
  }
}

/** A node that holds children: a suite or a family (`NodeContainer`). */
export abstract class NodeContainer extends Node {
  children: (Family | Task)[] = [];
  #index: Map<string, Family | Task> | null = null;

  /** Appends a child; throws when a child of that name exists (`NodeContainer::addTask/addFamily`). */
  addChild(child: Family | Task): void {
    if (this.findChild(child.name) !== undefined) {
      throw new ArgumentError(
        `Add ${child.kind === 'task' ? 'Task' : 'Family'} failed: A ${child.kind === 'task' ? 'Task/Family' : 'Family/Task'} of name '${child.name}' already exist on node ${this.debugNodePath()}`,
      );
    }
    child.parent = this;
    this.children.push(child);
    if (this.#index !== null) this.#index.set(child.name, child);
  }

  /** Replaces the whole child list (an incremental sync's `ChildrenMemento` or `OrderMemento`). */
  replaceChildren(children: (Family | Task)[]): void {
    for (const c of children) c.parent = this;
    this.children = children;
    this.#index = null;
  }

  /** The immediate child of that name. */
  findChild(name: string): Family | Task | undefined {
    const kids = this.children;
    if (kids.length < 16) {
      for (let i = 0; i < kids.length; i++) if (kids[i]!.name === name) return kids[i];
      return undefined;
    }
    let index = this.#index;
    if (index === null || index.size !== kids.length) {
      index = new Map();
      for (const k of kids) if (!index.has(k.name)) index.set(k.name, k);
      this.#index = index;
    }
    return index.get(name);
  }
}

/** `suite`. */
export class Suite extends NodeContainer {
  get kind(): 'suite' {
    return 'suite';
  }
  /** State: the suite has been begun (`begun:1`). @default false */
  begun = false;
  clock: ClockAttr | null = null;
  endClock: ClockAttr | null = null;
  /** State: the suite calendar (`calendar ...` line). */
  calendar: Calendar = new Calendar();
}

/** `family`. */
export class Family extends NodeContainer {
  get kind(): 'family' {
    return 'family';
  }
}

/** What tasks and aliases share (`Submittable`). */
export abstract class Submittable extends Node {
  /** State: jobs password (`passwd:`); `_DJP_` stands for none. @default '' */
  get password(): string { return this.stOrNull()?.password ?? ''; }
  set password(v: string) { if (v !== '' || this.stOrNull() !== null) this.st().password = v; }
  /** State: remote id of the job (`rid:`). @default '' */
  get rid(): string { return this.stOrNull()?.rid ?? ''; }
  set rid(v: string) { if (v !== '' || this.stOrNull() !== null) this.st().rid = v; }
  /** State: abort reason (`abort<:...>abort`). @default '' */
  get abortedReason(): string { return this.stOrNull()?.abortedReason ?? ''; }
  set abortedReason(v: string) { if (v !== '' || this.stOrNull() !== null) this.st().abortedReason = v; }
  /** State: try number (`try:`). @default 0 */
  get tryNo(): number { return this.stOrNull()?.tryNo ?? 0; }
  set tryNo(v: number) { if (v !== 0 || this.stOrNull() !== null) this.st().tryNo = v; }
}

/** `task`. */
export class Task extends Submittable {
  get kind(): 'task' {
    return 'task';
  }
  get aliases(): Alias[] { return this.stOrNull()?.aliases ?? empty(); }
  set aliases(v: Alias[]) { this.st().aliases = v; }
  /** State: number used for the next alias name (`alias_no:`). @default 0 */
  get aliasNo(): number { return this.stOrNull()?.aliasNo ?? 0; }
  set aliasNo(v: number) { if (v !== 0 || this.stOrNull() !== null) this.st().aliasNo = v; }

  addAlias(alias: Alias): void {
    alias.parent = this;
    const list = this.aliases;
    if (list === (EMPTY as unknown)) this.aliases = [alias];
    else list.push(alias);
  }
}

/** `alias` (a copy of a task made by `ecflow_client --alter`; only in state styles). */
export class Alias extends Submittable {
  get kind(): 'alias' {
    return 'alias';
  }
  /** An alias starts `queued`, as ecFlow's `Alias` constructor sets it. */
  constructor(name: string) {
    super(name);
    this.state = 'queued';
  }
}

/** One `history` line (MIGRATE style): the node path and its edit requests. */
export interface HistoryEntry {
  path: string;
  requests: string[];
}

/** The whole suite definition (`Defs`), plus the server state in state styles. */
export class Defs {
  suites: Suite[] = [];
  /** `extern path[:name]` lines (DEFS/STATE styles only). */
  externs: string[] = [];
  /** Server user variables (`edit` lines at the top). */
  userVariables: Variable[] = [];
  /** Server (built-in) variables (`edit ... # server`). */
  serverVariables: Variable[] = [];
  /** Style the text was parsed from (`defs_state` header). @default 'defs' */
  style: 'defs' | 'state' | 'migrate' | 'net' = 'defs';
  /** Server version from the `#5.9.2` header, when present. */
  version: string | undefined = undefined;
  /** Root state (`state>:`). @default 'unknown' */
  state: NStateName = 'unknown';
  /** Root flags. @default 0 */
  flags = 0;
  /** @default 0 */
  stateChangeNo = 0;
  /** @default 0 */
  modifyChangeNo = 0;
  /** @default 'RUNNING' */
  serverState: SStateName = 'RUNNING';
  /** Calendar update count (`cal_count:`). @default 0 */
  calendarCount = 0;
  /** Edit history (`history` lines, MIGRATE only). */
  history: HistoryEntry[] = [];
  #index: Map<string, Suite> | null = null;

  /** Appends a suite; throws when one of that name exists (`Defs::addSuite`). */
  addSuite(suite: Suite): void {
    if (this.findSuite(suite.name) !== undefined) {
      throw new ArgumentError(`Add Suite failed: A Suite of name '${suite.name}' already exist`);
    }
    suite.parent = null;
    suite.defsRef = this;
    this.suites.push(suite);
    if (this.#index !== null) this.#index.set(suite.name, suite);
  }

  findSuite(name: string): Suite | undefined {
    if (this.suites.length < 16) {
      for (const s of this.suites) if (s.name === name) return s;
      return undefined;
    }
    let index = this.#index;
    if (index === null || index.size !== this.suites.length) {
      index = new Map();
      for (const s of this.suites) if (!index.has(s.name)) index.set(s.name, s);
      this.#index = index;
    }
    return index.get(name);
  }

  /** Adds or updates a server user variable. */
  addUserVariable(v: Variable): void {
    upsert(this.userVariables, v);
  }
  /** Adds or updates a server variable. */
  addServerVariable(v: Variable): void {
    upsert(this.serverVariables, v);
  }
  addExtern(path: string): void {
    if (!this.externs.includes(path)) this.externs.push(path);
  }
  /** Records history requests for a path, appending to an existing entry. */
  addHistory(path: string, request: string): void {
    let entry = this.history.find((h) => h.path === path);
    if (entry === undefined) {
      entry = { path, requests: [] };
      this.history.push(entry);
    }
    entry.requests.push(request);
  }
}

/** Adds `x` to an attribute list held as in `Node` (nothing, one element, or a list). */
function append<T>(held: T | T[], x: T): T | T[] {
  if (!Array.isArray(held)) return [held, x];
  if (held === (EMPTY as unknown)) return x;
  held.push(x);
  return held;
}

function upsert(list: Variable[], v: Variable): void {
  for (const x of list) {
    if (x.name === v.name) {
      x.value = v.value;
      return;
    }
  }
  list.push(v);
}

export type AnyNode = Suite | Family | Task | Alias;
