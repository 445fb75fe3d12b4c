/**
 * The suite definition model: `Defs` → `Suite` → `Family` → `Task` (→ `Alias`), with every node
 * attribute of ecFlow 5.17.0 (5.9.2's, plus `aviso`, `mirror`, `repeat datetime` and
 * `repeat datetimelist`) and the node state carried by the state print styles.
 *
 * Attribute lists are allocated lazily (they share one frozen empty array until the first `add...`),
 * so they are typed `readonly`: read them freely, add through the node's `add...` methods, or replace
 * a whole list through its setter.
 *
 * Navigation follows Python's `ecflow.Node` / `ecflow.Defs` (camelCase names): `findParentVariable`,
 * `findParentVariableSubValue`, `findGenVariable`, `getAllNodes`, `findNodeUpTheTree`,
 * `Defs.findAbsNode`, `Defs.findNode(type, path)`, ... Builders return what they add
 * (`defs.addSuite('s').addFamily('f').addTask('t')`) and attribute adders return the node.
 */
import { ArgumentError } from '../errors.js';
import type { AutoArchiveAttr, AutoCancelAttr, ClockAttr, CronAttr, LateAttr } from './attributes/time.js';
import { checkGregorian, createTimeSeries, DateAttr, DayAttr, parseCron, parseDate, parseDayName, parseLate, TimeAttr, TimeSeries, TodayAttr, type DayName } from './attributes/time.js';
import { Event, InLimit, Label, Limit, Meter, Variable } from './attributes/basic.js';
import type { AutoRestoreAttr, VerifyAttr } from './attributes/misc.js';
import { Calendar, GenericAttr, parseZombie, QueueAttr, ZombieAttr } from './attributes/misc.js';
import type { Repeat } from './attributes/repeat.js';
import { AvisoAttr, type AvisoOptions } from './attributes/aviso.js';
import { MirrorAttr, type MirrorOptions } from './attributes/mirror.js';
import { findGenVariable, findParentVariableSubValue, generatedVariables, serverVariableSubstitution, variableSubstitution, type GeneratedVariableOptions } from './generated.js';
import type { DStateName, NStateName, SStateName } from './states.js';
import { invalidNameReason, isValidName, splitTokens, toInt } from './text.js';

const EMPTY: readonly never[] = Object.freeze([]);
/** The shared frozen empty list, typed for the holders below; every writer goes through `push`. */
function empty<T>(): T[] {
  return EMPTY as unknown as T[];
}
/** Appends to a lazily allocated list: the shared empty list is never written to. */
function push<T>(list: T[], x: T): T[] {
  if (list === (EMPTY as unknown)) return [x];
  list.push(x);
  return list;
}

/** How an extra `trigger`/`complete` line joins the previous ones (`PartExpression::ExprType`). */
export type PartType = 'first' | 'and' | 'or';

/** One `trigger`/`complete` line. */
export interface PartExpression {
  /** The expression text as written (tokens re-joined with single spaces). */
  text: string;
  /** How the line joins the previous ones: `first` for the first line, else `and` (`-a`) or `or` (`-o`). */
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

  /**
   * An expression of one part (`ecflow.Expression('t1 == complete')`), or an empty one to `add`
   * parts to.
   */
  constructor(text?: string) {
    if (text !== undefined) this.#one = text;
  }

  /** The `trigger`/`complete` lines in order; add through {@link add}. */
  get parts(): readonly PartExpression[] {
    return this.#mutableParts();
  }
  /** Replaces every part; the expression keeps the list. */
  set parts(v: PartExpression[]) {
    this.#one = null;
    this.#parts = v;
  }
  #mutableParts(): PartExpression[] {
    if (this.#one !== null) {
      this.#parts = [{ text: this.#one, type: 'first' }];
      this.#one = null;
    }
    return this.#parts;
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

  /**
   * Appends a part, enforcing that only the first part has no `-a`/`-o` (`Expression::add`).
   * @returns this expression, for chaining.
   */
  add(part: PartExpression): this {
    if (this.partCount() === 0) {
      if (part.type !== 'first') {
        throw new ArgumentError(`Expression::add: expression ${part.text} failed: The first expression should not have AND or OR set`);
      }
      this.#parts = [part];
      return this;
    }
    if (part.type === 'first') {
      throw new ArgumentError(`Expression::add: expression ${part.text} failed: Subsequent expression must have AND or OR set`);
    }
    this.#mutableParts().push(part);
    return this;
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

/** The kinds of node; a node's `kind` says which class it is. */
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
  avisos: AvisoAttr[] = empty();
  mirrors: MirrorAttr[] = empty();
  autoCancel: AutoCancelAttr | null = null;
  autoArchive: AutoArchiveAttr | null = null;
  autoRestore: AutoRestoreAttr | null = null;
  zombies: ZombieAttr[] = empty();
  verifies: VerifyAttr[] = empty();
  queues: QueueAttr[] = empty();
  generics: GenericAttr[] = empty();
  unknown: string[] = empty();
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

/** @internal Where a parse left a node's attribute lines to be read on first use (parser/deferred.ts). */
export interface AttributeSource {
  /** Reads into `node` the attribute lines at offset `at` of the parsed text. */
  read(node: Node, at: number): void;
  /**
   * Whether the lines may give the node rare attributes: when not, a reader of those alone (a
   * state change reads the node's verifies) does not need the lines read.
   */
  readonly rare: boolean;
}

/**
 * Common part of suites, families, tasks and aliases (`Node`).
 *
 * Each `add...` adder comes in two forms. Given an attribute object it appends it as given, with no
 * duplicate check: that is how the parser (which checks first, and only where ecFlow's does) and the
 * incremental sync add. Given names and values it builds the attribute and checks it as Python's
 * `add_...` does (valid name, no duplicate, nothing a suite cannot hold), throwing an
 * `ArgumentError` with ecFlow's message.
 */
export abstract class Node {
  /** Which kind of node this is; narrows a node to its class (`node.kind === 'task'`). */
  abstract get kind(): NodeKind;
  /** The node name, unique among its siblings. */
  name: string;
  /** The containing node; `null` for a suite or a detached node (Python's `get_parent()`). */
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
  /** The node state without the suspension (Python's `get_state()`). @default 'unknown' */
  get state(): NStateName { return this.#st?.state ?? 'unknown'; }
  /** Sets the state (as a sync or a state print style does); nothing else changes with it. */
  set state(v: NStateName) { if (v !== 'unknown' || this.#st !== null) this.st().state = v; }
  /**
   * The state as displayed (`Node::dstate`, Python's `get_dstate()`): `suspended` while the node is
   * suspended, else its state. @default 'unknown'
   */
  get dstate(): DStateName { return this.#st === null ? 'unknown' : this.#st.suspended ? 'suspended' : this.#st.state; }
  /** Time of the last state change relative to suite start, microseconds (`dur:`). @default 0 */
  get stateDuration(): number { return this.#st?.stateDuration ?? 0; }
  /** Sets the time of the last state change. */
  set stateDuration(v: number) { if (v !== 0 || this.#st !== null) this.st().stateDuration = v; }
  /** Run time of the last state change, microseconds (`rt:`). @default 0 */
  get runtime(): number { return this.#st?.runtime ?? 0; }
  /** Sets the run time of the last state change. */
  set runtime(v: number) { if (v !== 0 || this.#st !== null) this.st().runtime = v; }
  /** `Flag` bit set. @default 0 */
  get flags(): number { return this.#st?.flags ?? 0; }
  /** Sets the whole flag bit set. */
  set flags(v: number) { if (v !== 0 || this.#st !== null) this.st().flags = v; }
  /** Whether the node is suspended (Python's `is_suspended()`). @default false */
  get suspended(): boolean { return this.#st?.suspended ?? false; }
  /** Suspends or resumes the node in the model (the server is not told). */
  set suspended(v: boolean) { if (v || this.#st !== null) this.st().suspended = v; }

  // --- attributes (the common ones live on the node, the rare ones in one lazily created holder) ---
  // A mirror's full sync leaves a task's attribute lines in the server's text (parser/deferred.ts):
  // every member below reads them first, through #a(), so that no reader can tell.
  #source: AttributeSource | null = null;
  #sourceAt = 0;
  #defStatus: DStateName = 'queued';
  #complete: Expression | null = null;
  #trigger: Expression | null = null;
  // Most nodes of large definitions have one variable, label, meter or event of a kind: it is held
  // without a list until the list is read, which saves an array per attribute and node.
  #variables: Variable | Variable[] = empty();
  #labels: Label | Label[] = empty();
  #meters: Meter | Meter[] = empty();
  #events: Event | Event[] = empty();
  #rare: RareAttributes | null = null;

  /**
   * @internal Leaves the node's attribute lines to `source`, which reads them (from offset `at` of
   * the text it parses) at the first use of any attribute.
   */
  deferAttributes(source: AttributeSource, at: number): void {
    this.#source = source;
    this.#sourceAt = at;
  }
  /** @internal Reads the attribute lines the parse left for later now (they are read once). */
  readAttributes(): void {
    this.#a();
  }
  #a(): void {
    const source = this.#source;
    if (source === null) return;
    this.#source = null;
    source.read(this, this.#sourceAt);
  }

  /** `defstatus`. @default 'queued' */
  get defStatus(): DStateName { this.#a(); return this.#defStatus; }
  /** Sets `defstatus`. */
  set defStatus(v: DStateName) { this.#a(); this.#defStatus = v; }
  /** The complete expression; `null` when the node has none. Set with {@link addComplete}. */
  get complete(): Expression | null { this.#a(); return this.#complete; }
  /** Sets or (with `null`) removes the complete expression, without the checks of {@link addComplete}. */
  set complete(v: Expression | null) { this.#a(); this.#complete = v; }
  /** The trigger expression; `null` when the node has none. Set with {@link addTrigger}. */
  get trigger(): Expression | null { this.#a(); return this.#trigger; }
  /** Sets or (with `null`) removes the trigger, without the checks of {@link addTrigger}. */
  set trigger(v: Expression | null) { this.#a(); this.#trigger = v; }

  /** The user variables (`edit`) in order. The setter replaces them all; the node keeps the list. */
  get variables(): readonly Variable[] { this.#a(); const v = this.#variables; return Array.isArray(v) ? v : (this.#variables = [v]); }
  /** Replaces every user variable; the node keeps the list. */
  set variables(v: Variable[]) { this.#a(); this.#variables = v; }
  /** The labels in order. The setter replaces them all; the node keeps the list. */
  get labels(): readonly Label[] { this.#a(); const v = this.#labels; return Array.isArray(v) ? v : (this.#labels = [v]); }
  /** Replaces every label; the node keeps the list. */
  set labels(v: Label[]) { this.#a(); this.#labels = v; }
  /** The meters in order. The setter replaces them all; the node keeps the list. */
  get meters(): readonly Meter[] { this.#a(); const v = this.#meters; return Array.isArray(v) ? v : (this.#meters = [v]); }
  /** Replaces every meter; the node keeps the list. */
  set meters(v: Meter[]) { this.#a(); this.#meters = v; }
  /** The events in order. The setter replaces them all; the node keeps the list. */
  get events(): readonly Event[] { this.#a(); const v = this.#events; return Array.isArray(v) ? v : (this.#events = [v]); }
  /** Replaces every event; the node keeps the list. */
  set events(v: Event[]) { this.#a(); this.#events = v; }
  /** @internal The variables as held: one variable, or the list (the printer's and parser's fast paths; never write to it). */
  variablesHeld(): Variable | Variable[] { this.#a(); return this.#variables; }
  /** @internal The labels as held: one label, or the list (the printer's and parser's fast paths; never write to it). */
  labelsHeld(): Label | Label[] { this.#a(); return this.#labels; }
  /** @internal The meters as held: one meter, or the list (the printer's and parser's fast paths; never write to it). */
  metersHeld(): Meter | Meter[] { this.#a(); return this.#meters; }
  /** @internal The events as held: one event, or the list (the printer's and parser's fast paths; never write to it). */
  eventsHeld(): Event | Event[] { this.#a(); return this.#events; }

  /** @internal Whether any rarely used attribute (late, repeat, limits, time, cron, zombie, ...) was ever set. */
  hasRareAttributes(): boolean {
    this.#a();
    return this.#rare !== null;
  }
  #r(): RareAttributes {
    this.#a();
    return (this.#rare ??= new RareAttributes());
  }
  #held(): RareAttributes | null {
    if (this.#source?.rare !== false) this.#a();
    return this.#rare;
  }
  /** The `late` attribute; `null` when the node has none. */
  get late(): LateAttr | null { return this.#held()?.late ?? null; }
  /** Sets or (with `null`) removes the `late` attribute. */
  set late(v: LateAttr | null) { this.#r().late = v; }
  /** The repeat; `null` when the node has none. Add with {@link addRepeat}, which checks. */
  get repeat(): Repeat | null { return this.#held()?.repeat ?? null; }
  /** Sets or (with `null`) removes the repeat, without the checks of {@link addRepeat}. */
  set repeat(v: Repeat | null) { this.#r().repeat = v; }
  /** The limits in order. The setter replaces them all; the node keeps the list. */
  get limits(): readonly Limit[] { return this.#held()?.limits ?? empty(); }
  /** Replaces every limit; the node keeps the list. */
  set limits(v: Limit[]) { this.#r().limits = v; }
  /** The in-limits in order. The setter replaces them all; the node keeps the list. */
  get inLimits(): readonly InLimit[] { return this.#held()?.inLimits ?? empty(); }
  /** Replaces every in-limit; the node keeps the list. */
  set inLimits(v: InLimit[]) { this.#r().inLimits = v; }
  /** The `time` attributes in order. The setter replaces them all; the node keeps the list. */
  get times(): readonly TimeAttr[] { return this.#held()?.times ?? empty(); }
  /** Replaces every `time`; the node keeps the list. */
  set times(v: TimeAttr[]) { this.#r().times = v; }
  /** The `today` attributes in order. The setter replaces them all; the node keeps the list. */
  get todays(): readonly TodayAttr[] { return this.#held()?.todays ?? empty(); }
  /** Replaces every `today`; the node keeps the list. */
  set todays(v: TodayAttr[]) { this.#r().todays = v; }
  /** The `date` attributes in order. The setter replaces them all; the node keeps the list. */
  get dates(): readonly DateAttr[] { return this.#held()?.dates ?? empty(); }
  /** Replaces every `date`; the node keeps the list. */
  set dates(v: DateAttr[]) { this.#r().dates = v; }
  /** The `day` attributes in order. The setter replaces them all; the node keeps the list. */
  get days(): readonly DayAttr[] { return this.#held()?.days ?? empty(); }
  /** Replaces every `day`; the node keeps the list. */
  set days(v: DayAttr[]) { this.#r().days = v; }
  /** The `cron` attributes in order. The setter replaces them all; the node keeps the list. */
  get crons(): readonly CronAttr[] { return this.#held()?.crons ?? empty(); }
  /** Replaces every `cron`; the node keeps the list. */
  set crons(v: CronAttr[]) { this.#r().crons = v; }
  /** The `aviso` attributes in order (ecFlow 5.13+; a node holds at most one). The setter replaces them all. */
  get avisos(): readonly AvisoAttr[] { return this.#held()?.avisos ?? empty(); }
  /** Replaces every `aviso`; the node keeps the list. */
  set avisos(v: AvisoAttr[]) { this.#r().avisos = v; }
  /** The `mirror` attributes in order (ecFlow 5.13+; a node holds at most one). The setter replaces them all. */
  get mirrors(): readonly MirrorAttr[] { return this.#held()?.mirrors ?? empty(); }
  /** Replaces every `mirror`; the node keeps the list. */
  set mirrors(v: MirrorAttr[]) { this.#r().mirrors = v; }
  /** The `autocancel` attribute; `null` when the node has none. */
  get autoCancel(): AutoCancelAttr | null { return this.#held()?.autoCancel ?? null; }
  /** Sets or (with `null`) removes the `autocancel` attribute. */
  set autoCancel(v: AutoCancelAttr | null) { this.#r().autoCancel = v; }
  /** The `autoarchive` attribute; `null` when the node has none. */
  get autoArchive(): AutoArchiveAttr | null { return this.#held()?.autoArchive ?? null; }
  /** Sets or (with `null`) removes the `autoarchive` attribute. */
  set autoArchive(v: AutoArchiveAttr | null) { this.#r().autoArchive = v; }
  /** The `autorestore` attribute; `null` when the node has none. */
  get autoRestore(): AutoRestoreAttr | null { return this.#held()?.autoRestore ?? null; }
  /** Sets or (with `null`) removes the `autorestore` attribute. */
  set autoRestore(v: AutoRestoreAttr | null) { this.#r().autoRestore = v; }
  /** The zombie attributes in order. The setter replaces them all; the node keeps the list. */
  get zombies(): readonly ZombieAttr[] { return this.#held()?.zombies ?? empty(); }
  /** Replaces every zombie attribute; the node keeps the list. */
  set zombies(v: ZombieAttr[]) { this.#r().zombies = v; }
  /** The verify attributes in order. The setter replaces them all; the node keeps the list. */
  get verifies(): readonly VerifyAttr[] { return this.#held()?.verifies ?? empty(); }
  /** Replaces every verify attribute; the node keeps the list. */
  set verifies(v: VerifyAttr[]) { this.#r().verifies = v; }
  /** The queues in order. The setter replaces them all; the node keeps the list. */
  get queues(): readonly QueueAttr[] { return this.#held()?.queues ?? empty(); }
  /** Replaces every queue; the node keeps the list. */
  set queues(v: QueueAttr[]) { this.#r().queues = v; }
  /** The generic attributes in order. The setter replaces them all; the node keeps the list. */
  get generics(): readonly GenericAttr[] { return this.#held()?.generics ?? empty(); }
  /** Replaces every generic attribute; the node keeps the list. */
  set generics(v: GenericAttr[]) { this.#r().generics = v; }
  /**
   * Attribute lines of keywords the parser did not know (a newer ecFlow's, or one the release it
   * imitated did not have), read from a NET, MIGRATE or STATE text: each line as it came, without
   * its indentation. They are printed back after the other attributes. The setter replaces them.
   */
  get unknown(): readonly string[] { return this.#held()?.unknown ?? empty(); }
  /** Replaces every unknown attribute line; the node keeps the list. */
  set unknown(v: string[]) { this.#r().unknown = v; }
  /** Appends an attribute line of an unknown keyword, kept verbatim (see {@link unknown}). @returns this node. */
  addUnknown(line: string): this {
    const r = this.#r();
    r.unknown = push(r.unknown, line);
    return this;
  }
  /** The definition holding a suite (`null` for other nodes and detached suites). */
  get defsRef(): Defs | null { return this.#rare?.defs ?? null; }
  /** Sets the definition holding a suite; {@link Defs.addSuite} sets it. */
  set defsRef(v: Defs | null) { (this.#rare ??= new RareAttributes()).defs = v; }

  /**
   * A detached node named `name` with no attributes; the name is not checked here (the adders check names).
   */
  constructor(name: string) {
    this.name = name;
  }

  /** The definition this node belongs to, if any (Python's `get_defs()`). */
  get defs(): Defs | null {
    let n: Node = this;
    while (n.parent !== null) n = n.parent;
    return n.defsRef;
  }

  /** Absolute path, e.g. `/suite/family/task` (Python's `get_abs_node_path()`). */
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

  // ---------------------------------------------------------------------------------------------
  // navigation

  /**
   * This node and every node below it, depth first in definition order, a task followed by its
   * aliases (`get_all_nodes`, which includes the node itself).
   */
  getAllNodes(): AnyNode[] {
    const out: AnyNode[] = [];
    allNodes(this as Node as AnyNode, out);
    return out;
  }

  /** The tasks at or below this node in definition order: a task gives itself (`getAllTasks`). */
  getAllTasks(): Task[] {
    const out: Task[] = [];
    const self = this as Node as AnyNode;
    if (self.kind === 'task') out.push(self);
    else if (self.kind !== 'alias') allTasks(self, out);
    return out;
  }

  /** The families below this node, depth first in definition order, not the node itself (`getAllFamilies`). */
  getAllFamilies(): Family[] {
    const out: Family[] = [];
    const self = this as Node as AnyNode;
    if (self.kind === 'suite' || self.kind === 'family') allFamilies(self, out);
    return out;
  }

  /**
   * An immediate child by name: a family or task of a suite or family, an alias of a task
   * (`find_immediate_child`; Python's `NodeContainer.find_node(name)`).
   */
  findImmediateChild(name: string): AnyNode | undefined {
    const self = this as Node as AnyNode;
    if (self.kind === 'task') {
      for (const a of self.aliases) if (a.name === name) return a;
      return undefined;
    }
    return self.kind === 'alias' ? undefined : self.findChild(name);
  }

  /**
   * Python's `find_node_up_the_tree`: from a suite or family, the node itself when it has that name,
   * else its child of that name; from a task, its alias of that name; then the same from the parent,
   * up to the suite.
   */
  findNodeUpTheTree(name: string): AnyNode | undefined {
    for (let n: Node | null = this; n !== null; n = n.parent) {
      const a = n as AnyNode;
      if (a.kind === 'alias') continue;
      if (a.kind !== 'task' && a.name === name) return a;
      const child = a.findImmediateChild(name);
      if (child !== undefined) return child;
    }
    return undefined;
  }

  /**
   * A user variable by name, on this node or else on the nearest parent that has it, else a server
   * user variable, else a server variable of the definition (Python's `find_parent_variable`).
   * Generated variables are not searched: see {@link findGenVariable}.
   */
  findParentVariable(name: string): Variable | undefined {
    for (let n: Node | null = this; n !== null; n = n.parent) {
      const v = n.findVariable(name);
      if (v !== undefined) return v;
    }
    return this.defs?.findVariable(name);
  }

  /**
   * The value {@link findParentVariable} finds, with its `%VAR%` references substituted as ecFlow
   * substitutes job commands (user, repeat and generated variables up the tree, then the server's;
   * `%VAR:default%`, `%%`, `ECF_MICRO`); a server variable's value is substituted with the server's
   * variables only. `''` when there is no such variable (Python's `find_parent_variable_sub_value`).
   */
  findParentVariableSubValue(name: string): string {
    return findParentVariableSubValue(this, name);
  }

  /**
   * Substitutes `%VAR%` references in `text` as seen from this node (`Node::variableSubsitution`):
   * what {@link findParentVariableSubValue} applies to a value. A reference to a variable that does
   * not exist (with no `:default`) stops the substitution there, as in ecFlow.
   */
  variableSubstitution(text: string): string {
    return variableSubstitution(this, text);
  }

  /**
   * A generated variable of this node by name (`ECF_JOB`, `TASK`, `FAMILY`, `SUITE`, `YMD_DOW`, ...),
   * computed from the node's current state (Python's `find_gen_variable`).
   */
  findGenVariable(name: string, options: GeneratedVariableOptions = {}): Variable | undefined {
    return findGenVariable(this, name, options);
  }

  /**
   * The generated variables of this node in ecFlow's order (Python's `get_generated_variables`), as
   * `options.version` computes them (5.16+ zero-pads the repeat date parts).
   */
  generatedVariables(options: GeneratedVariableOptions = {}): Variable[] {
    return generatedVariables(this, options);
  }

  // ---------------------------------------------------------------------------------------------
  // attribute adders

  /**
   * Adds a user variable, or updates the value of the one of that name (`add_variable`): given a
   * `Variable`, as given; given a name and value, checking a new name; given a record, each entry.
   * @returns this node.
   */
  addVariable(variable: Variable): this;
  addVariable(name: string, value: string | number): this;
  addVariable(variables: Readonly<Record<string, string | number>>): this;
  addVariable(v: Variable | string | Readonly<Record<string, string | number>>, value?: string | number): this {
    if (v instanceof Variable) {
      this.#a();
      const vars = this.#variables;
      if (!Array.isArray(vars)) {
        if (vars.name === v.name) vars.value = v.value;
        else this.#variables = [vars, v];
        return this;
      }
      for (let i = 0; i < vars.length; i++) {
        if (vars[i]!.name === v.name) {
          vars[i]!.value = v.value;
          return this;
        }
      }
      if (vars === (EMPTY as unknown)) this.#variables = v;
      else vars.push(v);
      return this;
    }
    if (typeof v === 'string') return this.#addNamedVariable(v, String(value));
    for (const [name, x] of Object.entries(v)) this.#addNamedVariable(name, String(x));
    return this;
  }
  #addNamedVariable(name: string, value: string): this {
    const existing = this.findVariable(name);
    if (existing !== undefined) existing.value = value;
    else this.addVariable(new Variable(checkedVariableName(name), value));
    return this;
  }

  /**
   * Appends a label: a `Label` as given, or one made of a name and value, checking the name is valid
   * and new (`add_label`). @returns this node.
   */
  addLabel(label: Label): this;
  addLabel(name: string, value: string): this;
  addLabel(l: Label | string, value?: string): this {
    if (typeof l === 'string') {
      if (this.findLabel(l) !== undefined) throw new ArgumentError(`Add Label failed: Duplicate label of name '${l}' already exist for node ${this.debugNodePath()}`);
      if (!isValidName(l)) throw new ArgumentError(`Label::Label: Invalid Label name :${l}`);
      l = new Label(l, value ?? '');
    }
    this.#a();
    this.#labels = append(this.#labels, l);
    return this;
  }

  /** Appends a meter as given, without checks (`add_meter`). @returns this node. */
  addMeter(meter: Meter): this;
  /**
   * Appends a meter made of its name and range, checking the name is valid and new (`add_meter`).
   * @param colorChange the value from which the meter is shown in another colour; defaults to `max`.
   * @returns this node.
   */
  addMeter(name: string, min: number, max: number, colorChange?: number): this;
  addMeter(m: Meter | string, min?: number, max?: number, colorChange?: number): this {
    if (typeof m === 'string') {
      if (!isValidName(m)) throw new ArgumentError(`Meter::Meter: Invalid Meter name: ${m}`);
      const meter = colorChange === undefined ? new Meter(m, min!, max!) : new Meter(m, min!, max!, colorChange);
      if (this.findMeter(m) !== undefined) throw new ArgumentError(`Add Meter failed: Duplicate Meter of name '${m}' already exist for node ${this.debugNodePath()}`);
      m = meter;
    }
    this.#a();
    this.#meters = append(this.#meters, m);
    return this;
  }

  /**
   * Appends an event: an `Event` as given, or one made of a number, a name (a numeric name is a
   * number, as in ecFlow) or both, checking the name and that no event has the same number and name
   * (`add_event`). @returns this node.
   */
  addEvent(event: Event): this;
  addEvent(nameOrNumber: string | number, name?: string): this;
  addEvent(e: Event | string | number, name?: string): this {
    if (!(e instanceof Event)) e = this.#newEvent(e, name);
    this.#a();
    this.#events = append(this.#events, e);
    return this;
  }
  #newEvent(e: string | number, name = ''): Event {
    let ev: Event;
    if (typeof e === 'number') {
      if (name.length > 0 && !isValidName(name)) throw new ArgumentError('Event::Event: Invalid event name : ' + invalidNameReason(name));
      ev = new Event(name, e);
    } else {
      if (e.length === 0) throw new ArgumentError('Event::Event: Invalid event name : name must be specified if no number supplied');
      const c = e.charCodeAt(0);
      const number = c >= 48 && c <= 57 ? toInt(e) : undefined;
      if (number === undefined && !isValidName(e)) throw new ArgumentError('Event::Event: Invalid event name : ' + invalidNameReason(e));
      ev = number === undefined ? new Event(e, undefined) : new Event('', number);
    }
    for (const x of this.events) {
      if (x.number === ev.number && x.name === ev.name) {
        throw new ArgumentError(`Add Event failed: Duplicate Event of name '${ev.nameOrNumber()}' already exist for node ${this.debugNodePath()}`);
      }
    }
    return ev;
  }

  /**
   * Appends a limit: a `Limit` as given, or one made of a name and size, checking the name is valid
   * and new (`add_limit`). @returns this node.
   */
  addLimit(limit: Limit): this;
  addLimit(name: string, limit: number): this;
  addLimit(l: Limit | string, limit?: number): this {
    if (typeof l === 'string') {
      if (!isValidName(l)) throw new ArgumentError(`Limit::Limit: Invalid Limit name: ${l}`);
      if (this.findLimit(l) !== undefined) throw new ArgumentError(`Add Limit failed: Duplicate Limit of name '${l}' already exist for node ${this.debugNodePath()}`);
      l = new Limit(l, limit ?? 0);
    }
    const r = this.#r();
    r.limits = push(r.limits, l);
    return this;
  }

  /** Appends an in-limit as given, without checks (`add_inlimit`). @returns this node. */
  addInLimit(inLimit: InLimit): this;
  /**
   * Appends an in-limit made of the limit's name and where it is, checking the name and that none has
   * the same name and path (`add_inlimit`).
   * @param path the node holding the limit; `''` (the default) searches up the tree.
   * @param tokens tokens taken while the node runs; defaults to 1.
   * @param limitThisNodeOnly `-n`: a family takes the tokens once, not per task; defaults to false.
   * @param limitSubmission `-s`: tokens are held only while the job is submitted; defaults to false.
   * @returns this node.
   */
  addInLimit(name: string, path?: string, tokens?: number, limitThisNodeOnly?: boolean, limitSubmission?: boolean): this;
  addInLimit(l: InLimit | string, path = '', tokens = 1, limitThisNodeOnly = false, limitSubmission = false): this {
    if (typeof l === 'string') {
      if (!isValidName(l)) throw new ArgumentError(`InLimit::InLimit: Invalid InLimit name: ${l}`);
      const il = new InLimit(l, path, tokens, limitThisNodeOnly, limitSubmission);
      for (const x of this.inLimits) {
        if (x.name === il.name && x.path === il.path) throw new ArgumentError(`Add InLimit failed: Duplicate InLimit see node ${this.debugNodePath()}`);
      }
      l = il;
    }
    const r = this.#r();
    r.inLimits = push(r.inLimits, l);
    return this;
  }

  /** Appends a `time` as given (`add_time`); a suite cannot hold one. @returns this node. */
  addTime(time: TimeAttr): this;
  /** Appends a `time` made of `[+]HH:MM [HH:MM HH:MM]` (`add_time`); a suite cannot hold one. @returns this node. */
  addTime(text: string): this;
  /**
   * Appends a `time` made of an hour and minute (`add_time`); a suite cannot hold one.
   * @param relative relative to the suite's begin (`+HH:MM`); defaults to false.
   * @returns this node.
   */
  addTime(hour: number, minute: number, relative?: boolean): this;
  addTime(t: TimeAttr | string | number, minute?: number, relative = false): this {
    if (!(t instanceof TimeAttr)) t = new TimeAttr(this.#timeSeries(t, minute, relative));
    const r = this.#r();
    r.times = push(r.times, t);
    return this;
  }

  /** Appends a `today` as given (`add_today`); a suite cannot hold one. @returns this node. */
  addToday(today: TodayAttr): this;
  /** Appends a `today` made of `[+]HH:MM [HH:MM HH:MM]` (`add_today`), as {@link addTime} makes a time. @returns this node. */
  addToday(text: string): this;
  /**
   * Appends a `today` made of an hour and minute (`add_today`); a suite cannot hold one.
   * @param relative relative to the suite's begin (`+HH:MM`); defaults to false.
   * @returns this node.
   */
  addToday(hour: number, minute: number, relative?: boolean): this;
  addToday(t: TodayAttr | string | number, minute?: number, relative = false): this {
    if (!(t instanceof TodayAttr)) t = new TodayAttr(this.#timeSeries(t, minute, relative));
    const r = this.#r();
    r.todays = push(r.todays, t);
    return this;
  }
  #timeSeries(t: string | number, minute: number | undefined, relative: boolean): TimeSeries {
    this.#noTimeOnSuite();
    if (typeof t === 'number') return new TimeSeries({ h: t, m: minute ?? 0 }, relative);
    const tokens = splitTokens(t, []);
    if (tokens.length === 0) throw new ArgumentError('TimeSeries::create: Invalid time series :');
    return createTimeSeries({ i: 0 }, tokens, false);
  }
  #noTimeOnSuite(): void {
    if (this.kind === 'suite') throw new ArgumentError('Cannot add time based dependency on a suite');
  }

  /**
   * Appends a `date`: a `DateAttr` as given, or one made of `d.m.yyyy` (`*` for any) or of a day,
   * month and year (0 for any), which a suite cannot hold (`add_date`). @returns this node.
   */
  addDate(date: DateAttr): this;
  addDate(text: string): this;
  addDate(day: number, month: number, year: number): this;
  addDate(d: DateAttr | string | number, month?: number, year?: number): this {
    if (!(d instanceof DateAttr)) {
      this.#noTimeOnSuite();
      if (typeof d === 'string') {
        const p = parseDate(d);
        d = new DateAttr(p.day, p.month, p.year);
      } else d = newDate(d, month ?? 0, year ?? 0);
    }
    const r = this.#r();
    r.dates = push(r.dates, d);
    return this;
  }

  /**
   * Appends a `day`: a `DayAttr` as given, or one for a week day name, which a suite cannot hold
   * (`add_day`). @returns this node.
   */
  addDay(day: DayAttr): this;
  addDay(day: DayName | (string & {})): this;
  addDay(d: DayAttr | string): this {
    if (typeof d === 'string') {
      this.#noTimeOnSuite();
      d = new DayAttr(parseDayName(d));
    }
    const r = this.#r();
    r.days = push(r.days, d);
    return this;
  }

  /**
   * Appends a `cron`: a `CronAttr` as given, or one parsed from its `cron` line text (without the
   * keyword), checking a time series does not meet a repeat (`add_cron`). @returns this node.
   */
  addCron(cron: CronAttr): this;
  addCron(text: string): this;
  addCron(c: CronAttr | string): this {
    if (typeof c === 'string') {
      const cron = parseCron(splitTokens(c, []), 0, false);
      if (cron.series !== null && cron.series.finish !== null && this.repeat !== null) {
        throw new ArgumentError(`Node::addCron: Node ${this.absNodePath()} already has a repeat. Inappropriate to add two looping structures at the same level\n`);
      }
      c = cron;
    }
    const r = this.#r();
    r.crons = push(r.crons, c);
    return this;
  }

  /** Appends an `aviso` as given, without checks (`add_aviso`). @returns this node. */
  addAviso(aviso: AvisoAttr): this;
  /**
   * Appends an `aviso` made of a name and listener (and the other options, which default as ecFlow's
   * do), checking the name and that the node has no aviso yet (`Node::addAviso`). @returns this node.
   */
  addAviso(name: string, listener: string, options?: AvisoOptions): this;
  addAviso(a: AvisoAttr | string, listener?: string, options?: AvisoOptions): this {
    if (typeof a === 'string') {
      const aviso = new AvisoAttr(a, listener ?? '', options);
      if (this.avisos.length > 0) throw new ArgumentError(`Unable to add Aviso '${aviso.name}'. Only 1 Aviso allowed per node.`);
      a = aviso;
    }
    const r = this.#r();
    r.avisos = push(r.avisos, a);
    return this;
  }

  /** Appends a `mirror` as given, without checks (`add_mirror`). @returns this node. */
  addMirror(mirror: MirrorAttr): this;
  /**
   * Appends a `mirror` made of a name and the remote path (and the other options, which default as
   * ecFlow's do), checking the name and that the node has no mirror yet (`Node::addMirror`).
   * @returns this node.
   */
  addMirror(name: string, remotePath: string, options?: MirrorOptions): this;
  addMirror(m: MirrorAttr | string, remotePath?: string, options?: MirrorOptions): this {
    if (typeof m === 'string') {
      const mirror = new MirrorAttr(m, remotePath ?? '', options);
      if (this.mirrors.length > 0) throw new ArgumentError(`Unable to add Mirror '${mirror.name}'. Only 1 Mirror allowed per node.`);
      m = mirror;
    }
    const r = this.#r();
    r.mirrors = push(r.mirrors, m);
    return this;
  }

  /**
   * Appends a zombie attribute: a `ZombieAttr` as given, or one parsed from `type:action:cmds:lifetime`,
   * checking the node has none of that type (`add_zombie`). @returns this node.
   */
  addZombie(zombie: ZombieAttr): this;
  addZombie(text: string): this;
  addZombie(z: ZombieAttr | string): this {
    if (typeof z === 'string') {
      const zombie = parseZombie(z);
      for (const x of this.zombies) {
        if (x.type === zombie.type) throw new ArgumentError(`MiscAttrs::addZombie: Node ${this.absNodePath()} already has a zombie attribute of type ${zombie.type}\n`);
      }
      z = zombie;
    }
    const r = this.#r();
    r.zombies = push(r.zombies, z);
    return this;
  }

  /** Appends a verify attribute as given. @returns this node. */
  addVerify(v: VerifyAttr): this {
    const r = this.#r();
    r.verifies = push(r.verifies, v);
    return this;
  }

  /**
   * Appends a queue: a `QueueAttr` as given, or one made of a name and its steps, checking the name,
   * that there are steps and that the node has no queue of that name (`add_queue`). @returns this node.
   */
  addQueue(queue: QueueAttr): this;
  addQueue(name: string, values: readonly string[]): this;
  addQueue(q: QueueAttr | string, values?: readonly string[]): this {
    if (typeof q === 'string') {
      if (!isValidName(q)) throw new ArgumentError('QueueAttr::QueueAttr: Invalid queue name : ' + invalidNameReason(q));
      if (values === undefined || values.length === 0) throw new ArgumentError('QueueAttr::QueueAttr: No queue items specified');
      if (this.findQueue(q) !== undefined) throw new ArgumentError(`MiscAttrs::add_queue: Node ${this.absNodePath()} already has a queue attribute of name ${q}\n`);
      q = new QueueAttr(q, [...values]);
    }
    const r = this.#r();
    r.queues = push(r.queues, q);
    return this;
  }

  /**
   * Appends a generic attribute: a `GenericAttr` as given, or one made of a name and values, checking
   * the name and that the node has none of that name (`add_generic`). @returns this node.
   */
  addGeneric(generic: GenericAttr): this;
  addGeneric(name: string, values?: readonly string[]): this;
  addGeneric(g: GenericAttr | string, values: readonly string[] = []): this {
    if (typeof g === 'string') {
      if (!isValidName(g)) throw new ArgumentError('GenericAttr::GenericAttr : Invalid generic name : ' + invalidNameReason(g));
      if (this.findGeneric(g) !== undefined) throw new ArgumentError(`MiscAttrs::add_generic : Node ${this.absNodePath()} already has a generic attribute of name ${g}\n`);
      g = new GenericAttr(g, [...values]);
    }
    const r = this.#r();
    r.generics = push(r.generics, g);
    return this;
  }

  /**
   * Sets the trigger (`add_trigger`): its text, or an `Expression`. Throws when the node has a
   * trigger (add more lines with {@link addTriggerPart}) or is a suite. @returns this node.
   */
  addTrigger(expression: string | Expression): this {
    if (this.trigger !== null) {
      throw new ArgumentError(
        `Node::add_trigger_expression. A Node(${this.absNodePath()} can only have one trigger to add large triggers use multiple calls to Node::add_part_trigger( PartExpression('t1 == complete') )`,
      );
    }
    if (this.kind === 'suite') throw new ArgumentError('Cannot add trigger on a suite');
    this.trigger = typeof expression === 'string' ? new Expression(expression) : expression;
    return this;
  }

  /**
   * Sets the complete expression (`add_complete`), as {@link addTrigger} sets the trigger.
   * @returns this node.
   */
  addComplete(expression: string | Expression): this {
    if (this.complete !== null) {
      throw new ArgumentError(
        `Node::add_complete_expression. A Node(${this.absNodePath()} can only have one complete expression to add large complete expressions use multiple calls to Node::add_part_complete( PartExpression('t1 == complete') )`,
      );
    }
    if (this.kind === 'suite') throw new ArgumentError('Cannot add complete trigger on a suite');
    this.complete = typeof expression === 'string' ? new Expression(expression) : expression;
    return this;
  }

  /** Appends a trigger line as given (`add_part_trigger`). @returns this node. */
  addTriggerPart(part: PartExpression): this;
  /**
   * Appends a trigger line made of its text (`add_part_trigger`), which a suite cannot take.
   * @param type how it joins the previous lines; defaults to `'first'`, for the first line.
   * @returns this node.
   */
  addTriggerPart(text: string, type?: PartType): this;
  addTriggerPart(part: PartExpression | string, type: PartType = 'first'): this {
    if (typeof part === 'string') {
      if (this.kind === 'suite') throw new ArgumentError('Cannot add trigger on a suite');
      part = { text: part, type };
    }
    if (this.trigger === null) this.trigger = new Expression();
    this.trigger.add(part);
    return this;
  }

  /** Appends a complete line as given (`add_part_complete`). @returns this node. */
  addCompletePart(part: PartExpression): this;
  /**
   * Appends a complete line made of its text (`add_part_complete`), as {@link addTriggerPart} appends
   * a trigger line; a suite cannot take one.
   * @param type how it joins the previous lines; defaults to `'first'`, for the first line.
   * @returns this node.
   */
  addCompletePart(text: string, type?: PartType): this;
  addCompletePart(part: PartExpression | string, type: PartType = 'first'): this {
    if (typeof part === 'string') {
      if (this.kind === 'suite') throw new ArgumentError('Cannot add complete trigger on a suite');
      part = { text: part, type };
    }
    if (this.complete === null) this.complete = new Expression();
    this.complete.add(part);
    return this;
  }

  /**
   * Sets the repeat, which a node holds at most one of, and not with a cron (`add_repeat`).
   * @returns this node.
   */
  addRepeat(repeat: Repeat): this {
    const r = this.repeat;
    if (r !== null) throw new ArgumentError(`Add Repeat failed: Repeat of name '${r.name}' already exist for node ${this.debugNodePath()}`);
    if (this.crons.length > 0) {
      throw new ArgumentError(`Node::addRepeat: Node ${this.absNodePath()} already has a cron. Inappropriate to add two looping structures at the same level\n`);
    }
    this.repeat = repeat;
    return this;
  }

  /**
   * Sets the `late` attribute, given as an object or as its line text without the keyword
   * (`-s +00:15 -a 20:00 -c +02:00`); a node holds one (`add_late`). @returns this node.
   */
  addLate(late: LateAttr | string): this {
    if (typeof late === 'string') late = parseLate(['late', ...splitTokens(late, [])], 'late ' + late);
    if (this.late !== null) throw new ArgumentError(`Add Late failed: A node can only have one Late attribute, see node ${this.debugNodePath()}`);
    this.late = late;
    return this;
  }

  /** Sets the `autocancel`, which a node holds one of and not with an `autoarchive` (`add_autocancel`). @returns this node. */
  addAutoCancel(autoCancel: AutoCancelAttr): this {
    if (this.autoArchive !== null) throw new ArgumentError(`Node::addAutoCancel: Cannot add autocancel and autoarchive on the same node ${this.debugNodePath()}`);
    if (this.autoCancel !== null) throw new ArgumentError(`Node::addAutoCancel: A node can only have one autocancel, see node ${this.debugNodePath()}`);
    this.autoCancel = autoCancel;
    return this;
  }

  /** Sets the `autoarchive`, which a node holds one of and not with an `autocancel` (`add_autoarchive`). @returns this node. */
  addAutoArchive(autoArchive: AutoArchiveAttr): this {
    if (this.autoCancel !== null) throw new ArgumentError(`Node::add_autoarchive: Cannot add autocancel and autoarchive on the same node ${this.debugNodePath()}`);
    if (this.autoArchive !== null) throw new ArgumentError(`Node::add_autoarchive: A node can only have one autoarchive, see node ${this.debugNodePath()}`);
    this.autoArchive = autoArchive;
    return this;
  }

  /** Sets the `autorestore`, which a node holds one of (`add_autorestore`). @returns this node. */
  addAutoRestore(autoRestore: AutoRestoreAttr): this {
    if (this.autoRestore !== null) throw new ArgumentError(`Node::add_auto_restore: Can only have one autorestore per node ${this.debugNodePath()}`);
    this.autoRestore = autoRestore;
    return this;
  }

  /** Sets `defstatus` (`add_defstatus`). @returns this node. */
  addDefStatus(state: DStateName): this {
    this.defStatus = state;
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // attribute look-up, on this node only

  /** A user variable of this node (Python's `find_variable`); see {@link findParentVariable} for the tree. */
  findVariable(name: string): Variable | undefined {
    this.#a();
    const vs = this.#variables;
    if (!Array.isArray(vs)) return vs.name === name ? vs : undefined;
    for (let i = 0; i < vs.length; i++) if (vs[i]!.name === name) return vs[i];
    return undefined;
  }
  /** A label of this node by name (`find_label`). */
  findLabel(name: string): Label | undefined {
    this.#a();
    const ls = this.#labels;
    if (!Array.isArray(ls)) return ls.name === name ? ls : undefined;
    for (let i = 0; i < ls.length; i++) if (ls[i]!.name === name) return ls[i];
    return undefined;
  }
  /** A meter of this node by name (`find_meter`). */
  findMeter(name: string): Meter | undefined {
    this.#a();
    const ms = this.#meters;
    if (!Array.isArray(ms)) return ms.name === name ? ms : undefined;
    for (let i = 0; i < ms.length; i++) if (ms[i]!.name === name) return ms[i];
    return undefined;
  }
  /** An event of this node by name, or by number when `nameOrNumber` is numeric (`find_event`). */
  findEvent(nameOrNumber: string): Event | undefined {
    this.#a();
    const held = this.#events;
    if (!Array.isArray(held)) {
      if (held.name === nameOrNumber) return held;
      return held.number !== undefined && String(held.number) === nameOrNumber ? held : undefined;
    }
    for (const e of held) if (e.name === nameOrNumber) return e;
    for (const e of held) if (e.number !== undefined && String(e.number) === nameOrNumber) return e;
    return undefined;
  }
  /** A limit of this node by name (`find_limit`). */
  findLimit(name: string): Limit | undefined {
    for (const l of this.limits) if (l.name === name) return l;
    return undefined;
  }
  /** A queue of this node by name (`find_queue`). */
  findQueue(name: string): QueueAttr | undefined {
    for (const q of this.queues) if (q.name === name) return q;
    return undefined;
  }
  /** An `aviso` of this node by name. */
  findAviso(name: string): AvisoAttr | undefined {
    for (const a of this.avisos) if (a.name === name) return a;
    return undefined;
  }
  /** A `mirror` of this node by name. */
  findMirror(name: string): MirrorAttr | undefined {
    for (const m of this.mirrors) if (m.name === name) return m;
    return undefined;
  }
  /** A generic attribute of this node by name (`find_generic`). */
  findGeneric(name: string): GenericAttr | undefined {
    for (const g of this.generics) if (g.name === name) return g;
    return undefined;
  }
}

/** A node that holds children: a suite or a family (`NodeContainer`). */
export abstract class NodeContainer extends Node {
  #children: (Family | Task)[] = [];
  #index: Map<string, Family | Task> | null = null;

  /**
   * The families and tasks in order (Python's `nodes`); add with {@link addFamily}, {@link addTask},
   * {@link addChild}, replace with {@link replaceChildren}.
   */
  get children(): readonly (Family | Task)[] {
    return this.#children;
  }

  /**
   * Appends a child; throws when a child of that name exists (`NodeContainer::addTask/addFamily`).
   * @returns the child.
   */
  addChild<T extends Family | Task>(child: T): T {
    if (this.findChild(child.name) !== undefined) {
      throw new ArgumentError(
        `Add ${child.kind === 'task' ? 'Task' : 'Family'} failed: A ${child.kind === 'task' ? 'Task/Family' : 'Family/Task'} of name '${child.name}' already exist on node ${this.debugNodePath()}`,
      );
    }
    child.parent = this;
    this.#children.push(child);
    if (this.#index !== null) this.#index.set(child.name, child);
    return child;
  }

  /**
   * Adds a family, given as one or by name (a new name must be valid), as Python's `add_family`.
   * @returns the family, to add to it: `suite.addFamily('f').addTask('t')`.
   */
  addFamily(family: Family | string): Family {
    if (typeof family !== 'string') return this.addChild(family);
    if (this.findChild(family) !== undefined) {
      throw new ArgumentError(`Add Family failed: A Family/Task of name '${family}' already exist on node ${this.debugNodePath()}`);
    }
    return this.addChild(new Family(checkedNodeName(family)));
  }

  /** Adds a task, given as one or by name (a new name must be valid), as Python's `add_task`. @returns the task. */
  addTask(task: Task | string): Task {
    if (typeof task !== 'string') return this.addChild(task);
    if (this.findChild(task) !== undefined) {
      throw new ArgumentError(`Add Task failed: A task/family of name '${task}' already exist on node ${this.debugNodePath()}`);
    }
    return this.addChild(new Task(checkedNodeName(task)));
  }

  /** Replaces the whole child list (an incremental sync's `ChildrenMemento` or `OrderMemento`); the node keeps the list. */
  replaceChildren(children: (Family | Task)[]): void {
    for (const c of children) c.parent = this;
    this.#children = children;
    this.#index = null;
  }

  /** The immediate child of that name (Python's `NodeContainer.find_node`). */
  findChild(name: string): Family | Task | undefined {
    const kids = this.#children;
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

  /** The immediate child family of that name (`find_family`). */
  findFamily(name: string): Family | undefined {
    const c = this.findChild(name);
    return c !== undefined && c.kind === 'family' ? c : undefined;
  }

  /** The immediate child task of that name (`find_task`). */
  findTask(name: string): Task | undefined {
    const c = this.findChild(name);
    return c !== undefined && c.kind === 'task' ? c : undefined;
  }
}

/** `suite`. */
export class Suite extends NodeContainer {
  get kind(): 'suite' {
    return 'suite';
  }
  /** State: the suite has been begun (`begun:1`). @default false */
  begun = false;
  /** The suite's `clock`; `null` when it has none (real time). */
  clock: ClockAttr | null = null;
  /** The suite's `endclock`; `null` when it has none. */
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
  /** Sets the jobs password. */
  set password(v: string) { if (v !== '' || this.stOrNull() !== null) this.st().password = v; }
  /** State: remote id of the job (`rid:`). @default '' */
  get rid(): string { return this.stOrNull()?.rid ?? ''; }
  /** Sets the job's remote id. */
  set rid(v: string) { if (v !== '' || this.stOrNull() !== null) this.st().rid = v; }
  /** State: abort reason (`abort<:...>abort`). @default '' */
  get abortedReason(): string { return this.stOrNull()?.abortedReason ?? ''; }
  /** Sets the abort reason. */
  set abortedReason(v: string) { if (v !== '' || this.stOrNull() !== null) this.st().abortedReason = v; }
  /** State: try number (`try:`). @default 0 */
  get tryNo(): number { return this.stOrNull()?.tryNo ?? 0; }
  /** Sets the try number. */
  set tryNo(v: number) { if (v !== 0 || this.stOrNull() !== null) this.st().tryNo = v; }
}

/** `task`. */
export class Task extends Submittable {
  get kind(): 'task' {
    return 'task';
  }
  /** The aliases in order (state styles only). The setter replaces them all; the task keeps the list. */
  get aliases(): readonly Alias[] { return this.stOrNull()?.aliases ?? empty(); }
  /** Replaces every alias; the task keeps the list (the aliases' `parent` is not set here). */
  set aliases(v: Alias[]) { this.st().aliases = v; }
  /** State: number used for the next alias name (`alias_no:`). @default 0 */
  get aliasNo(): number { return this.stOrNull()?.aliasNo ?? 0; }
  /** Sets the number used for the next alias name. */
  set aliasNo(v: number) { if (v !== 0 || this.stOrNull() !== null) this.st().aliasNo = v; }

  /** Appends an alias. @returns the alias. */
  addAlias(alias: Alias): Alias {
    alias.parent = this;
    const st = this.st();
    st.aliases = push(st.aliases, alias);
    return alias;
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
  /** The node's absolute path (`/` for the definition). */
  path: string;
  /** The edit requests in order, as the server logged them (`MSG:[time] command :user@host`). */
  requests: string[];
}

/** What `Defs.findNode` can be asked for (compared ignoring case, as ecFlow does). */
export type NodeTypeName = 'suite' | 'family' | 'task';

/** The whole suite definition (`Defs`), plus the server state in state styles. */
export class Defs {
  /** The suites in order (Python's `suites`). */
  suites: Suite[] = [];
  #externs: string[] = [];
  #userVariables: Variable[] = [];
  #serverVariables: Variable[] = [];
  #history: HistoryEntry[] = [];
  #unknown: string[] = [];
  /** Style the text was parsed from (`defs_state` header). @default 'defs' */
  style: 'defs' | 'state' | 'migrate' | 'net' = 'defs';
  /** Server version from the `#5.9.2` header, when present. */
  version: string | undefined = undefined;
  /** Root state (`state>:`; Python's `get_state()`). @default 'unknown' */
  state: NStateName = 'unknown';
  /** Root flags. @default 0 */
  flags = 0;
  /**
   * The server's state change number this definition reflects (`state_change:`); what a sync compares.
   * @default 0
   */
  stateChangeNo = 0;
  /**
   * The server's modify change number this definition reflects (`modify_change:`); what a sync compares.
   * @default 0
   */
  modifyChangeNo = 0;
  /** Python's `get_server_state()`. @default 'RUNNING' */
  serverState: SStateName = 'RUNNING';
  /** Calendar update count (`cal_count:`). @default 0 */
  calendarCount = 0;
  #index: Map<string, Suite> | null = null;

  /** `extern path[:name]` lines (DEFS/STATE styles only); add with {@link addExtern}. The setter replaces them. */
  get externs(): readonly string[] { return this.#externs; }
  /** Replaces every extern. */
  set externs(v: string[]) { this.#externs = v; }
  /** Server user variables (`edit` lines at the top); add with {@link addVariable}. The setter replaces them. */
  get userVariables(): readonly Variable[] { return this.#userVariables; }
  /** Replaces every server user variable. */
  set userVariables(v: Variable[]) { this.#userVariables = v; }
  /** Server (built-in) variables (`edit ... # server`); add with {@link addServerVariable}. The setter replaces them. */
  get serverVariables(): readonly Variable[] { return this.#serverVariables; }
  /** Replaces every server variable. */
  set serverVariables(v: Variable[]) { this.#serverVariables = v; }
  /** Edit history (`history` lines, MIGRATE only); add with {@link addHistory}. The setter replaces it. */
  get history(): readonly HistoryEntry[] { return this.#history; }
  /** Replaces the whole edit history. */
  set history(v: HistoryEntry[]) { this.#history = v; }
  /**
   * Lines of keywords the parser did not know, read outside any suite of a NET, MIGRATE or STATE
   * text, as they came; printed back after the server variables. The setter replaces them.
   */
  get unknown(): readonly string[] { return this.#unknown; }
  /** Replaces every unknown line. */
  set unknown(v: string[]) { this.#unknown = v; }
  /** Appends a line of an unknown keyword, kept verbatim (see {@link unknown}). @returns this definition. */
  addUnknown(line: string): this {
    this.#unknown.push(line);
    return this;
  }

  /**
   * Appends a suite, given as one or by name (a new name must be valid); throws when one of that name
   * exists (`Defs::addSuite`, Python's `add_suite`). @returns the suite.
   */
  addSuite(suite: Suite | string): Suite {
    const name = typeof suite === 'string' ? suite : suite.name;
    if (this.findSuite(name) !== undefined) {
      throw new ArgumentError(`Add Suite failed: A Suite of name '${name}' already exist`);
    }
    if (typeof suite === 'string') suite = new Suite(checkedNodeName(suite));
    suite.parent = null;
    suite.defsRef = this;
    this.suites.push(suite);
    if (this.#index !== null) this.#index.set(suite.name, suite);
    return suite;
  }

  /** The suite of that name (`find_suite`). */
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

  /**
   * The node at an absolute path (`/suite/family/task`, aliases included; empty segments are skipped,
   * so `s/f/t` and `/s/f/t/` find it too), as Python's `find_abs_node`; `undefined` when absent.
   */
  findAbsNode(path: string): AnyNode | undefined {
    let node: AnyNode | undefined;
    const n = path.length;
    for (let i = 0; i < n; ) {
      let j = path.indexOf('/', i);
      if (j < 0) j = n;
      if (j > i) {
        const name = path.slice(i, j);
        node = node === undefined ? this.findSuite(name) : node.findImmediateChild(name);
        if (node === undefined) return undefined;
      }
      i = j + 1;
    }
    return node;
  }

  /**
   * The node at `path` when it is of `type` (Python's `find_node(type, path)`; `type` ignores case).
   * As in ecFlow, `'suite'` accepts any node in a suite, not only suites. Throws an `ArgumentError`
   * for an unknown type, once a node is found.
   */
  findNode(type: 'task', path: string): Task | undefined;
  findNode(type: 'family', path: string): Family | undefined;
  findNode(type: NodeTypeName | (string & {}), path: string): AnyNode | undefined;
  findNode(type: string, path: string): AnyNode | undefined {
    const node = this.findAbsNode(path);
    if (node === undefined) return undefined;
    const t = asciiLower(type);
    if (t === 'task') return node.kind === 'task' ? node : undefined;
    if (t === 'family') return node.kind === 'family' ? node : undefined;
    if (t === 'suite') return node; // Defs::find_node tests node->suite(), which every node in a suite has
    throw new ArgumentError(`Defs::find_node: Node of type can't be found ${type}`);
  }

  /**
   * The path of the first suite, family or task (by `type`, ignoring case) named `name`, depth first;
   * `''` when there is none (Python's `find_node_path`).
   */
  findNodePath(type: NodeTypeName | (string & {}), name: string): string {
    const t = asciiLower(type);
    for (const s of this.suites) {
      if (t === 'suite' && s.name === name) return s.absNodePath();
      const found = findPathBelow(s, t, name);
      if (found !== '') return found;
    }
    return '';
  }

  /** Every node of every suite, depth first in definition order, a task followed by its aliases (`get_all_nodes`). */
  getAllNodes(): AnyNode[] {
    const out: AnyNode[] = [];
    for (const s of this.suites) allNodes(s, out);
    return out;
  }

  /** Every task in definition order (`get_all_tasks`). */
  getAllTasks(): Task[] {
    const out: Task[] = [];
    for (const s of this.suites) allTasks(s, out);
    return out;
  }

  /** Every family, depth first in definition order (`getAllFamilies`). */
  getAllFamilies(): Family[] {
    const out: Family[] = [];
    for (const s of this.suites) allFamilies(s, out);
    return out;
  }

  /** A server user variable by name, else a server variable (`ServerState::findVariable`). */
  findVariable(name: string): Variable | undefined {
    for (const v of this.#userVariables) if (v.name === name) return v;
    for (const v of this.#serverVariables) if (v.name === name) return v;
    return undefined;
  }

  /**
   * Substitutes `%VAR%` references in `text` with the server's user and server variables only
   * (`Defs::variableSubsitution`).
   */
  variableSubstitution(text: string): string {
    return serverVariableSubstitution(this, text);
  }

  /** Adds or updates a server user variable. */
  addUserVariable(v: Variable): void {
    upsert(this.#userVariables, v);
  }
  /**
   * Adds or updates server user variables (Python's `Defs.add_variable`): a `Variable`, a name and
   * value (a new name must be valid), or a record of them. @returns this definition.
   */
  addVariable(variable: Variable): this;
  addVariable(name: string, value: string | number): this;
  addVariable(variables: Readonly<Record<string, string | number>>): this;
  addVariable(v: Variable | string | Readonly<Record<string, string | number>>, value?: string | number): this {
    if (v instanceof Variable) this.addUserVariable(v);
    else if (typeof v === 'string') this.#addNamedVariable(v, String(value));
    else for (const [name, x] of Object.entries(v)) this.#addNamedVariable(name, String(x));
    return this;
  }
  #addNamedVariable(name: string, value: string): void {
    const existing = this.#userVariables.find((x) => x.name === name);
    if (existing !== undefined) existing.value = value;
    else this.#userVariables.push(new Variable(checkedVariableName(name), value));
  }
  /** Adds or updates a server variable. */
  addServerVariable(v: Variable): void {
    upsert(this.#serverVariables, v);
  }
  /** Adds an `extern` line unless it is there (`add_extern`). @returns this definition. */
  addExtern(path: string): this {
    if (!this.#externs.includes(path)) this.#externs.push(path);
    return this;
  }
  /** Records history requests for a path, appending to an existing entry. */
  addHistory(path: string, request: string): void {
    let entry = this.#history.find((h) => h.path === path);
    if (entry === undefined) {
      entry = { path, requests: [] };
      this.#history.push(entry);
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

function allNodes(n: AnyNode, out: AnyNode[]): void {
  out.push(n);
  if (n.kind === 'task') {
    for (const a of n.aliases) out.push(a);
  } else if (n.kind !== 'alias') {
    for (const k of n.children) allNodes(k, out);
  }
}

function allTasks(n: NodeContainer, out: Task[]): void {
  for (const k of n.children) {
    if (k.kind === 'task') out.push(k);
    else allTasks(k, out);
  }
}

function allFamilies(n: NodeContainer, out: Family[]): void {
  for (const k of n.children) {
    if (k.kind === 'family') {
      out.push(k);
      allFamilies(k, out);
    }
  }
}

/** `NodeContainer::find_node_path` below a suite or family, for a lower-cased `type`. */
function findPathBelow(n: NodeContainer, type: string, name: string): string {
  for (const k of n.children) {
    if (k.kind === 'task') {
      if (type === 'task' && k.name === name) return k.absNodePath();
    } else {
      if (type === 'family' && k.name === name) return k.absNodePath();
      const found = findPathBelow(k, type, name);
      if (found !== '') return found;
    }
  }
  return '';
}

/** Lower-cases ASCII letters only, as `Str::caseInsCompare` compares. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

function checkedNodeName(name: string): string {
  if (!isValidName(name)) throw new ArgumentError('Invalid node name : ' + invalidNameReason(name));
  return name;
}

function checkedVariableName(name: string): string {
  if (!isValidName(name)) throw new ArgumentError('Variable::Variable: Invalid Variable name: ' + invalidNameReason(name));
  return name;
}

/** `DateAttr(day, month, year)`, 0 standing for any (`DateAttr::checkDate` with wild cards). */
function newDate(day: number, month: number, year: number): DateAttr {
  if (day !== 0 && (day < 1 || day > 31)) throw new ArgumentError('Invalid Date(day,month,year) : the day >= 0 and day < 31, where 0 means wild card ');
  if (month !== 0 && (month < 1 || month > 12)) throw new ArgumentError('Invalid Date(day,month,year): the month >=0 and month <= 12, where 0 means wild card');
  if (year < 0) throw new ArgumentError('Invalid Date(day,month,year): the year >=0, where 0 means wild card');
  if (day !== 0 && month !== 0 && year !== 0) checkGregorian(year, month, day);
  return new DateAttr(day, month, year);
}

/** A node of any kind: switching on `kind` narrows it. */
export type AnyNode = Suite | Family | Task | Alias;
