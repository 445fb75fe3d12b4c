/**
 * Printer for the four ecFlow print styles, byte-identical to the `Defs::print` / `Node::print` of
 * the ecFlow release asked for (ANode/src/Node.cpp print order and ANattr/src/*Attr.cpp writers in
 * 5.9.2; formatter/DefsWriter.hpp from 5.14.1). What differs between releases is decided once per
 * print, in {@link printFacts}; the writers only read the facts.
 */
import type { ClockAttr } from './attributes/time.js';
import { appendStateAst } from './state-ast.js';
import { generatedPairs } from './generated.js';
import { printDefsBytes } from './print-defs.js';
import { printFacts, type PrintFacts, type PrintStyleName } from './print-facts.js';
import { Alias, Family, NodeContainer, Suite, Task, type Defs, type Expression, type Node, type Submittable } from './model.js';
import { flagsToString } from './states.js';
import { escapeNewlines, formatDuration } from './text.js';

/** Options of `printDefs`. */
export interface PrintOptions {
  /** @default 'defs' */
  style?: PrintStyleName;
  /**
   * Indent two spaces per level. ecFlow 5.9.2 indents files (`save_as_defs`, `str(defs)`) but not
   * the text it sends on the wire or writes to check-point files; from 5.14.1 only DEFS is indented.
   * @default true for 'defs'; for 'state' true before 5.14.1 and false from it; false for 'net' and 'migrate'
   */
  indent?: boolean;
  /**
   * The ecFlow release whose print to reproduce: its `#<version>` header, default indentation,
   * STATE expression trees and (5.16+) zero-padded repeat variables.
   * @default '5.9.2'
   */
  version?: string;
}

/** The ecFlow version written in the `#5.9.2` header by default (src/version.ts's, the one constant). */
export { ECFLOW_VERSION } from '../version.js';
export { printFacts, type PrintFacts, type PrintStyleName } from './print-facts.js';

const STYLE_HEADER: Record<PrintStyleName, string> = { defs: 'DEFS', state: 'STATE', migrate: 'MIGRATE', net: 'NET' };

class Printer {
  readonly chunks: string[] = [];
  w(s: string): void {
    this.chunks.push(s);
  }
  get out(): string {
    return this.chunks.join('');
  }
  readonly facts: PrintFacts;
  readonly style: PrintStyleName;
  readonly defsStyle: boolean;
  readonly stateStyle: boolean;
  readonly indentOn: boolean;
  readonly pads: string[] = [''];
  /** STATE: scratch list for the generated variables of one node. */
  readonly genPairs: string[] = [];

  constructor(facts: PrintFacts) {
    this.facts = facts;
    this.style = facts.style;
    this.defsStyle = facts.style === 'defs';
    this.stateStyle = facts.style === 'state';
    this.indentOn = facts.indent;
  }

  pad(level: number): string {
    if (!this.indentOn) return '';
    let p = this.pads[level];
    if (p === undefined) {
      for (let i = this.pads.length; i <= level; i++) this.pads.push(' '.repeat(2 * i));
      p = this.pads[level]!;
    }
    return p;
  }

  defs(defs: Defs): void {
    this.chunks.length = 0;
    this.w('#' + this.facts.version + '\n');
    if (!this.defsStyle) this.defsState(defs);
    if (this.stateStyle) this.w('# server state: ' + defs.serverState + '\n');
    if (this.style === 'defs' || this.style === 'state') {
      for (const e of [...defs.externs].sort()) this.w('extern ' + e + '\n');
    }
    for (const s of defs.suites) this.suite(s, 0);
    this.w('# enddef\n');
  }

  defsState(defs: Defs): void {
    let s = 'defs_state ' + STYLE_HEADER[this.style];
    if (defs.state !== 'unknown') s += ' state>:' + defs.state;
    if (defs.flags !== 0) s += ' flag:' + flagsToString(defs.flags);
    if (defs.stateChangeNo !== 0) s += ' state_change:' + defs.stateChangeNo;
    if (defs.modifyChangeNo !== 0) s += ' modify_change:' + defs.modifyChangeNo;
    if (defs.serverState !== 'RUNNING') s += ' server_state:' + defs.serverState;
    s += ' cal_count:' + defs.calendarCount + '\n';
    const p = this.pad(1);
    for (const v of defs.userVariables) s += p + v.toString() + '\n';
    for (const v of defs.serverVariables) s += p + v.toString() + ' # server\n';
    if (this.style === 'migrate') {
      for (const h of defs.history) {
        s += p + 'history ' + h.path + ' ';
        for (const r of h.requests) s += '\b' + escapeNewlines(r);
        s += '\n';
      }
    }
    for (const u of defs.unknown) s += p + u + '\n';
    this.w(s);
  }

  /** `Node::write_state` (the ` # state:...` tokens). */
  nodeState(n: Node, hash: boolean): string {
    let s = '';
    if (n.state !== 'unknown') {
      s += (hash ? '' : ' #') + ' state:' + n.state;
      hash = true;
    }
    if (Math.trunc(n.stateDuration / 1e6) !== 0) {
      s += (hash ? '' : ' #') + ' dur:' + formatDuration(n.stateDuration);
      hash = true;
    }
    if (n.flags !== 0) {
      s += (hash ? '' : ' #') + ' flag:' + flagsToString(n.flags);
      hash = true;
    }
    if (n.suspended) {
      s += (hash ? '' : ' #') + ' suspended:1';
      hash = true;
    }
    if (Math.trunc(n.runtime / 1e6) !== 0) {
      s += (hash ? '' : ' #') + ' rt:' + formatDuration(n.runtime);
    }
    return s;
  }

  submittableState(n: Submittable, prefix: string): string {
    let s = prefix;
    let hash = s.length > 0;
    if (n.password.length > 0 && n.password !== '_DJP_') {
      s += (hash ? '' : ' #') + ' passwd:' + n.password;
      hash = true;
    }
    if (n.rid.length > 0) {
      s += (hash ? '' : ' #') + ' rid:' + n.rid;
      hash = true;
    }
    if (n.abortedReason.length > 0) {
      s += (hash ? '' : ' #') + ' abort<:' + escapeNewlines(n.abortedReason).replaceAll(';', ' ') + '>abort';
      hash = true;
    }
    if (n.tryNo !== 0) {
      s += (hash ? '' : ' #') + ' try:' + n.tryNo;
      hash = true;
    }
    return s + this.nodeState(n, hash);
  }

  suite(s: Suite, level: number): void {
    let line = this.pad(level) + 'suite ' + s.name;
    if (!this.defsStyle) line += s.begun ? ' # begun:1' + this.nodeState(s, true) : this.nodeState(s, false);
    this.w(line + '\n');
    this.attributes(s, level + 1);
    if (s.clock !== null) this.w(this.pad(level + 1) + clockText(s.clock) + '\n');
    if (s.endClock !== null) this.w(this.pad(level + 1) + clockText(s.endClock) + '\n');
    if (!this.defsStyle) {
      const cal = s.calendar.stateText();
      if (cal.length > 0) this.w(this.pad(level + 1) + 'calendar' + cal + '\n');
    }
    this.children(s, level + 1);
    this.w(this.pad(level) + 'endsuite\n');
  }

  children(c: NodeContainer, level: number): void {
    const kids = c.children;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k instanceof Task) this.task(k, level);
      else this.family(k, level);
    }
  }

  family(f: Family, level: number): void {
    this.w(this.pad(level) + 'family ' + f.name + (this.defsStyle ? '' : this.nodeState(f, false)) + '\n');
    this.attributes(f, level + 1);
    this.children(f, level + 1);
    this.w(this.pad(level) + 'endfamily\n');
  }

  task(t: Task, level: number): void {
    if (this.defsStyle) this.chunks.push(this.pad(level), 'task ', t.name, '\n');
    else this.chunks.push(this.pad(level), 'task ', t.name, this.submittableState(t, t.aliasNo !== 0 ? ' # alias_no:' + t.aliasNo : ''), '\n');
    this.attributes(t, level + 1);
    if (!this.defsStyle && t.aliases.length > 0) {
      for (const a of t.aliases) this.alias(a, level + 2);
      this.w(this.pad(level + 2) + 'endalias\n');
    }
  }

  alias(a: Alias, level: number): void {
    this.w(this.pad(level) + 'alias ' + a.name + (this.defsStyle ? '' : this.submittableState(a, '')) + '\n');
    this.attributes(a, level + 1);
  }

  expression(n: Node, e: Expression, kind: string, p: string, level: number): void {
    const parts = e.parts;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      this.chunks.push(p, kind, part.type === 'first' ? ' ' : part.type === 'and' ? ' -a ' : ' -o ', part.text);
      this.chunks.push(!this.defsStyle && part.type === 'first' && e.free ? ' # free\n' : '\n');
    }
    if (this.stateStyle) appendStateAst(n, e, this.indentOn, level, this.chunks, this.facts.astNested);
  }

  /** `Node::print`: the attribute lines in ecFlow's order. */
  attributes(n: Node, level: number): void {
    const p = this.pad(level);
    const state = !this.defsStyle;
    let s = '';
    if (n.defStatus !== 'queued') s += p + 'defstatus ' + n.defStatus + '\n';
    if (n.late !== null) s += p + n.late.toString() + (state && n.late.isLate ? ' # late' : '') + '\n';
    if (n.complete !== null || n.trigger !== null) {
      this.w(s);
      s = '';
      if (n.complete !== null) this.expression(n, n.complete, 'complete', p, level);
      if (n.trigger !== null) this.expression(n, n.trigger, 'trigger', p, level);
    }
    const r = n.repeat;
    if (r !== null) s += p + r.toString() + (state ? r.stateSuffix() : '') + '\n';
    const c = this.chunks;
    if (s.length > 0) {
      c.push(s);
      s = '';
    }
    const vars = n.variables;
    for (let i = 0; i < vars.length; i++) {
      const v = vars[i]!;
      c.push(p, 'edit ', v.name, " '", escapeNewlines(v.value), "'\n");
    }
    if (this.stateStyle) {
      // generated variables (Variable::print_generated)
      const g = this.genPairs;
      g.length = 0;
      generatedPairs(n, g, this.facts.zeroPad);
      for (let i = 0; i < g.length; i += 2) c.push(p, '# edit ', g[i]!, " '", escapeNewlines(g[i + 1]!), "'\n");
    }
    for (const l of n.limits) {
      s += p + l.toString();
      if (state && l.value !== 0) {
        s += ' # ' + l.value;
        for (const path of l.paths) s += ' ' + path;
      }
      s += '\n';
    }
    for (const il of n.inLimits) {
      s += p + il.toString();
      if (state && il.incremented) s += ' # incremented:1';
      // STATE adds ' # referenced limit(value) ...' only once the in-limit has been resolved against its
      // limit (InLimit::limit()), which a definition that was just parsed or received never is.
      s += '\n';
    }
    if (s.length > 0) {
      c.push(s);
      s = '';
    }
    const labels = n.labels;
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i]!;
      c.push(p, 'label ', l.name, ' "', escapeNewlines(l.value));
      if (state && l.newValue.length > 0) c.push('" # "', escapeNewlines(l.newValue), '"\n');
      else c.push('"\n');
    }
    const meters = n.meters;
    for (let i = 0; i < meters.length; i++) {
      const m = meters[i]!;
      c.push(p, 'meter ', m.name, ' ' + m.min + ' ' + m.max + ' ' + m.colorChange);
      c.push(state && m.value !== m.min ? ' # ' + m.value + '\n' : '\n');
    }
    const events = n.events;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      c.push(p, 'event ');
      if (e.number !== undefined) c.push(e.number + ' ');
      c.push(e.name);
      if (e.initialValue) c.push(' set');
      if (state && e.value !== e.initialValue) c.push(e.value ? ' # set' : ' # clear');
      c.push('\n');
    }
    for (const t of n.times) s += p + t.toString() + (state ? t.series.stateSuffix(t.free) : '') + '\n';
    for (const t of n.todays) s += p + t.toString() + (state ? t.series.stateSuffix(t.free) : '') + '\n';
    for (const d of n.dates) s += p + d.toString() + (state && d.free ? ' # free' : '') + '\n';
    for (const d of n.days) s += p + d.toString() + (state ? d.stateSuffix() : '') + '\n';
    for (const c of n.crons) s += p + c.toString() + (state && c.series !== null ? c.series.stateSuffix(c.free) : '') + '\n';
    for (const a of n.avisos) s += p + a.toString() + '\n';
    for (const m of n.mirrors) s += p + m.toString() + '\n';
    if (n.autoCancel !== null) s += p + n.autoCancel.toString() + '\n';
    if (n.autoArchive !== null) s += p + n.autoArchive.toString() + '\n';
    if (n.autoRestore !== null) s += p + n.autoRestore.toString() + '\n';
    for (const z of n.zombies) s += p + z.toString() + '\n';
    for (const v of n.verifies) s += p + v.toString() + (state ? ' # ' + v.actual : '') + '\n';
    for (const q of n.queues) s += p + q.toString() + (state ? q.stateSuffix() : '') + '\n';
    for (const g of n.generics) s += p + g.toString() + '\n';
    for (const u of n.unknown) s += p + u + '\n';
    this.w(s);
  }
}

function clockText(c: ClockAttr): string {
  return c.toString();
}

/** Prints a whole definition in the given style (`Defs::print`), as `options.version` prints it. */
export function printDefs(defs: Defs, options: PrintOptions = {}): string {
  const facts = printFacts(options.style ?? 'defs', options.version, options.indent);
  if (facts.style === 'defs') {
    // the common case, and the one of very large files: written as bytes (print-defs.ts)
    const text = printDefsBytes(defs, facts);
    if (text !== undefined) return text;
  }
  const p = new Printer(facts);
  p.defs(defs);
  return p.out;
}

/** Depth of a node: 0 for a suite, 1 for its children, ... */
function depth(n: Node): number {
  let d = 0;
  for (let p = n.parent; p !== null; p = p.parent) d++;
  return d;
}

/** Options of `printNode`. */
export interface PrintNodeOptions {
  /** The print style. */
  style: PrintStyleName;
  /**
   * Indent two spaces per level.
   * @default true before ecFlow 5.14.1; from it, true for 'defs' only (as `ecf::as_string(node, style)`)
   */
  indent?: boolean;
  /** The level of the node's own line. @default the node's depth (0 for a suite) */
  level?: number;
  /** The ecFlow release whose print to reproduce, as in {@link PrintOptions}. @default '5.9.2' */
  version?: string;
}

/**
 * Prints one node and everything below it (`node->print(style)`), as carried by `SNodeCmd`
 * (`ecflow_client --get=/path`): indented two spaces per level starting at the node's depth, or at
 * `options.level`. ecFlow's own `node->print()` starts at level 0 for a suite and 1 for any other
 * node (each `Family/Task/Alias::print` opens an `Indentor`), which is what the server sends and
 * ecflow_client prints for `--get=/path`.
 */
export function printNode(node: Node, options: PrintNodeOptions): string {
  const p = new Printer(printFacts(options.style, options.version, options.indent, true));
  const level = options.level ?? depth(node);
  if (node instanceof Suite) p.suite(node, level);
  else if (node instanceof Family) p.family(node, level);
  else if (node instanceof Task) p.task(node, level);
  else if (node instanceof Alias) p.alias(node, level);
  return p.out;
}
