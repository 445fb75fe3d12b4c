/**
 * The DEFS-style printer of large definitions: the same text as `Printer` in print.ts writes for
 * `style: 'defs'`, written as latin1 bytes into a growing list of buffers instead of a list of
 * millions of small strings (which cost more in garbage collection and in the final join than the
 * formatting itself). Text holding a character above U+00FF cannot be written as latin1; then
 * `printDefsBytes` returns `undefined` and the caller uses the general printer.
 */
import { Family, Task, type Defs, type Expression, type Node, type NodeContainer, type Suite } from './model.js';
import type { PrintFacts } from './print-facts.js';

const FIRST_CHUNK = 1 << 16;
const MAX_CHUNK = 1 << 23;

class ByteWriter {
  buf: Buffer = Buffer.allocUnsafe(FIRST_CHUNK);
  o = 0;
  readonly full: Buffer[] = [];
  total = 0;
  /** A character above U+00FF was seen: the output is unusable. */
  wide = false;

  /** Makes room for `n` more bytes. */
  room(n: number): void {
    if (this.o + n <= this.buf.length) return;
    const used = this.buf.subarray(0, this.o);
    this.full.push(used);
    this.total += this.o;
    let size = Math.min(this.buf.length * 2, MAX_CHUNK);
    if (size < n) size = n;
    this.buf = Buffer.allocUnsafe(size);
    this.o = 0;
  }

  str(s: string): void {
    const n = s.length;
    if (this.o + n > this.buf.length) this.room(n);
    const b = this.buf;
    let o = this.o;
    let or = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      or |= c;
      b[o++] = c;
    }
    if (or > 255) this.wide = true;
    this.o = o;
  }

  /** Writes `s` with newlines escaped as `\n` (`escapeNewlines`). */
  esc(s: string): void {
    const n = s.length;
    if (this.o + 2 * n > this.buf.length) this.room(2 * n);
    const b = this.buf;
    let o = this.o;
    let or = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      or |= c;
      if (c === 10) {
        b[o++] = 92;
        b[o++] = 110;
      } else b[o++] = c;
    }
    if (or > 255) this.wide = true;
    this.o = o;
  }

  /** Writes an integer as `String(v)` does. */
  int(v: number): void {
    if (!Number.isInteger(v) || Math.abs(v) >= 1e15) {
      this.str(String(v));
      return;
    }
    if (this.o + 17 > this.buf.length) this.room(17);
    const b = this.buf;
    let o = this.o;
    if (v < 0) {
      b[o++] = 45;
      v = -v;
    }
    let div = 1;
    while (div * 10 <= v) div *= 10;
    for (; div >= 1; div /= 10) {
      const d = Math.floor(v / div);
      b[o++] = 48 + d;
      v -= d * div;
    }
    this.o = o;
  }

  /** Two spaces per level. */
  pad(level: number): void {
    const n = 2 * level;
    if (this.o + n > this.buf.length) this.room(n);
    const b = this.buf;
    let o = this.o;
    for (let i = 0; i < n; i++) b[o++] = 32;
    this.o = o;
  }

  text(): string {
    if (this.full.length === 0) return this.buf.toString('latin1', 0, this.o);
    this.full.push(this.buf.subarray(0, this.o));
    const all = Buffer.concat(this.full, this.total + this.o);
    return all.toString('latin1');
  }
}

class DefsPrinter {
  readonly w = new ByteWriter();
  readonly indent: boolean;
  constructor(indent: boolean) {
    this.indent = indent;
  }

  /** A line start: the indentation of `level`. */
  line(level: number): void {
    if (this.indent) this.w.pad(level);
  }

  suite(s: Suite, level: number): void {
    const w = this.w;
    this.line(level);
    w.str('suite ');
    w.str(s.name);
    w.str('\n');
    this.attributes(s, level + 1);
    if (s.clock !== null) {
      this.line(level + 1);
      w.str(s.clock.toString());
      w.str('\n');
    }
    if (s.endClock !== null) {
      this.line(level + 1);
      w.str(s.endClock.toString());
      w.str('\n');
    }
    this.children(s, level + 1);
    this.line(level);
    w.str('endsuite\n');
  }

  children(c: NodeContainer, level: number): void {
    const kids = c.children;
    const w = this.w;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k instanceof Task) {
        this.line(level);
        w.str('task ');
        w.str(k.name);
        w.str('\n');
        this.attributes(k, level + 1);
      } else if (k instanceof Family) {
        this.line(level);
        w.str('family ');
        w.str(k.name);
        w.str('\n');
        this.attributes(k, level + 1);
        this.children(k, level + 1);
        this.line(level);
        w.str('endfamily\n');
      }
    }
  }

  expression(e: Expression, kind: string, level: number): void {
    const w = this.w;
    const n = e.partCount();
    for (let i = 0; i < n; i++) {
      const type = e.partType(i);
      this.line(level);
      w.str(kind);
      w.str(type === 'first' ? ' ' : type === 'and' ? ' -a ' : ' -o ');
      w.str(e.partText(i));
      w.str('\n');
    }
  }

  /** One attribute written by its `toString()`. */
  attr(level: number, text: string): void {
    this.line(level);
    this.w.str(text);
    this.w.str('\n');
  }

  /** `Node::print` for DEFS style: the attribute lines in ecFlow's order. */
  attributes(n: Node, level: number): void {
    const w = this.w;
    if (n.defStatus !== 'queued') this.attr(level, 'defstatus ' + n.defStatus);
    const rare = n.hasRareAttributes();
    if (rare && n.late !== null) this.attr(level, n.late.toString());
    if (n.complete !== null) this.expression(n.complete, 'complete', level);
    if (n.trigger !== null) this.expression(n.trigger, 'trigger', level);
    if (rare && n.repeat !== null) this.attr(level, n.repeat.toString());
    const vars = n.variablesHeld();
    for (let i = 0, len = heldLength(vars); i < len; i++) {
      const v = one(vars, i);
      this.line(level);
      w.str('edit ');
      w.str(v.name);
      w.str(" '");
      w.esc(v.value);
      w.str("'\n");
    }
    if (rare) {
      for (const l of n.limits) this.attr(level, l.toString());
      for (const il of n.inLimits) this.attr(level, il.toString());
    }
    const labels = n.labelsHeld();
    for (let i = 0, len = heldLength(labels); i < len; i++) {
      const l = one(labels, i);
      this.line(level);
      w.str('label ');
      w.str(l.name);
      w.str(' "');
      w.esc(l.value);
      w.str('"\n');
    }
    const meters = n.metersHeld();
    for (let i = 0, len = heldLength(meters); i < len; i++) {
      const m = one(meters, i);
      this.line(level);
      w.str('meter ');
      w.str(m.name);
      w.str(' ');
      w.int(m.min);
      w.str(' ');
      w.int(m.max);
      w.str(' ');
      w.int(m.colorChange);
      w.str('\n');
    }
    const events = n.eventsHeld();
    for (let i = 0, len = heldLength(events); i < len; i++) {
      const e = one(events, i);
      this.line(level);
      w.str('event ');
      if (e.number !== undefined) {
        w.int(e.number);
        w.str(' ');
      }
      w.str(e.name);
      w.str(e.initialValue ? ' set\n' : '\n');
    }
    if (rare) this.rareAttributes(n, level);
  }

  /** The attributes kept in `RareAttributes`, after the events. */
  rareAttributes(n: Node, level: number): void {
    for (const t of n.times) this.attr(level, 'time ' + t.series.toString());
    for (const t of n.todays) this.attr(level, 'today ' + t.series.toString());
    for (const d of n.dates) this.attr(level, d.toString());
    for (const d of n.days) this.attr(level, 'day ' + d.day);
    for (const c of n.crons) this.attr(level, c.toString());
    for (const a of n.avisos) this.attr(level, a.toString());
    for (const m of n.mirrors) this.attr(level, m.toString());
    if (n.autoCancel !== null) this.attr(level, n.autoCancel.toString());
    if (n.autoArchive !== null) this.attr(level, n.autoArchive.toString());
    if (n.autoRestore !== null) this.attr(level, n.autoRestore.toString());
    for (const z of n.zombies) this.attr(level, z.toString());
    for (const v of n.verifies) this.attr(level, v.toString());
    for (const q of n.queues) this.attr(level, q.toString());
    for (const g of n.generics) this.attr(level, g.toString());
    for (const u of n.unknown) this.attr(level, u);
  }
}

/** Length of an attribute list as `Node` holds it (one element or a list, see `Node.labelsHeld`). */
function heldLength<T>(held: T | T[]): number {
  return Array.isArray(held) ? held.length : 1;
}

/** Element `i` of an attribute list as `Node` holds it. */
function one<T>(held: T | T[], i: number): T {
  return Array.isArray(held) ? held[i]! : held;
}

/**
 * `Defs::print` in DEFS style (the text of `str(defs)` / `save_as_defs`), or `undefined` when the
 * definition holds a character that latin1 cannot represent.
 */
export function printDefsBytes(defs: Defs, facts: PrintFacts): string | undefined {
  const p = new DefsPrinter(facts.indent);
  const w = p.w;
  w.str('#' + facts.version + '\n');
  for (const e of [...defs.externs].sort()) {
    w.str('extern ');
    w.str(e);
    w.str('\n');
  }
  for (const s of defs.suites) p.suite(s, 0);
  w.str('# enddef\n');
  if (w.wide) return undefined;
  return w.text();
}
