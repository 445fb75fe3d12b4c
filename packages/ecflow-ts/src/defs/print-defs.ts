/**
 * The DEFS-style printer of large definitions: the same text as `Printer` in print.ts writes for
 * `style: 'defs'`, written as latin1 bytes into one buffer instead of a list of millions of small
 * strings (which cost more in garbage collection and in the final join than the formatting itself).
 * Each time the buffer fills it becomes a piece of the text, and the text is the pieces joined by
 * `+`: V8 keeps that as a rope, which is written out (to a file, a socket, a hash) without being
 * copied again, where one buffer of the whole text would be copied twice (Buffer.concat, then the
 * decoding) and would weigh on the collector. Text holding a character above U+00FF cannot be
 * written as latin1; then `printDefsBytes` returns `undefined` and the caller uses the general printer.
 */
import type { Event, Label, Meter, Variable } from './attributes/basic.js';
import { Family, Task, type Defs, type Expression, type Node, type NodeContainer, type PartType, type Suite } from './model.js';
import type { PrintFacts } from './print-facts.js';

const PIECE = 1 << 20;

class ByteWriter {
  buf: Buffer = Buffer.allocUnsafe(PIECE);
  o = 0;
  /** The text written so far, but for what `buf` holds. */
  done = '';
  /** A character above U+00FF was seen: the output is unusable. */
  wide = false;

  /** Makes room for `n` more bytes. */
  room(n: number): void {
    if (this.o + n <= this.buf.length) return;
    this.done += this.buf.toString('latin1', 0, this.o);
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
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

  /** Writes `s` and a newline. */
  strLn(s: string): void {
    const n = s.length;
    if (this.o + n + 1 > this.buf.length) this.room(n + 1);
    const b = this.buf;
    let o = this.o;
    let or = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      or |= c;
      b[o++] = c;
    }
    b[o++] = 10;
    if (or > 255) this.wide = true;
    this.o = o;
  }

  /** Starts a line: `pad` spaces, then `keyword` (ASCII). */
  lead(pad: number, keyword: string): void {
    const n = keyword.length;
    if (this.o + pad + n > this.buf.length) this.room(pad + n);
    const b = this.buf;
    let o = this.o;
    for (let i = 0; i < pad; i++) b[o++] = 32;
    for (let i = 0; i < n; i++) b[o++] = keyword.charCodeAt(i);
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

  /** Writes an integer as `String(v)` does, after a space when `space`. */
  int(v: number, space = false): void {
    if (!Number.isInteger(v) || Math.abs(v) >= 1e15) {
      this.str(space ? ' ' + String(v) : String(v));
      return;
    }
    if (this.o + 18 > this.buf.length) this.room(18);
    const b = this.buf;
    let o = this.o;
    if (space) b[o++] = 32;
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

  text(): string {
    return this.done + this.buf.toString('latin1', 0, this.o);
  }
}

class DefsPrinter {
  readonly w = new ByteWriter();
  readonly indent: boolean;
  constructor(indent: boolean) {
    this.indent = indent;
  }

  /** A line start: the indentation of `level`, then `keyword`. */
  line(level: number, keyword: string): void {
    this.w.lead(this.indent ? 2 * level : 0, keyword);
  }

  suite(s: Suite, level: number): void {
    const w = this.w;
    this.line(level, 'suite ');
    w.strLn(s.name);
    this.attributes(s, level + 1);
    if (s.clock !== null) this.attr(level + 1, s.clock.toString());
    if (s.endClock !== null) this.attr(level + 1, s.endClock.toString());
    this.children(s, level + 1);
    this.line(level, 'endsuite\n');
  }

  children(c: NodeContainer, level: number): void {
    const kids = c.children;
    const w = this.w;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k instanceof Task) {
        this.line(level, 'task ');
        w.strLn(k.name);
        this.attributes(k, level + 1);
      } else if (k instanceof Family) {
        this.line(level, 'family ');
        w.strLn(k.name);
        this.attributes(k, level + 1);
        this.children(k, level + 1);
        this.line(level, 'endfamily\n');
      }
    }
  }

  /** The lines of an expression; `keywords`: the keyword and how a part joins the ones before (LEADS). */
  expression(e: Expression, keywords: Leads, level: number): void {
    const n = e.partCount();
    for (let i = 0; i < n; i++) {
      this.line(level, keywords[e.partType(i)]);
      this.w.strLn(e.partText(i));
    }
  }

  /** One attribute written by its `toString()`. */
  attr(level: number, text: string): void {
    this.line(level, '');
    this.w.strLn(text);
  }

  /** `Node::print` for DEFS style: the attribute lines in ecFlow's order. */
  attributes(n: Node, level: number): void {
    if (n.defStatus !== 'queued') this.attr(level, 'defstatus ' + n.defStatus);
    const rare = n.hasRareAttributes();
    if (rare && n.late !== null) this.attr(level, n.late.toString());
    if (n.complete !== null) this.expression(n.complete, COMPLETE, level);
    if (n.trigger !== null) this.expression(n.trigger, TRIGGER, level);
    if (rare && n.repeat !== null) this.attr(level, n.repeat.toString());
    // one attribute or a list, as Node holds them (labelsHeld …)
    const vars = n.variablesHeld();
    if (!Array.isArray(vars)) this.variable(vars, level);
    else for (let i = 0; i < vars.length; i++) this.variable(vars[i]!, level);
    if (rare) {
      for (const l of n.limits) this.attr(level, l.toString());
      for (const il of n.inLimits) this.attr(level, il.toString());
    }
    const labels = n.labelsHeld();
    if (!Array.isArray(labels)) this.label(labels, level);
    else for (let i = 0; i < labels.length; i++) this.label(labels[i]!, level);
    const meters = n.metersHeld();
    if (!Array.isArray(meters)) this.meter(meters, level);
    else for (let i = 0; i < meters.length; i++) this.meter(meters[i]!, level);
    const events = n.eventsHeld();
    if (!Array.isArray(events)) this.event(events, level);
    else for (let i = 0; i < events.length; i++) this.event(events[i]!, level);
    if (rare) this.rareAttributes(n, level);
  }

  variable(v: Variable, level: number): void {
    this.quoted(level, 'edit ', v.name, " '", v.value, "'\n");
  }

  label(l: Label, level: number): void {
    this.quoted(level, 'label ', l.name, ' "', l.value, '"\n');
  }

  /** An edit's or a label's line: `keyword name`, then the value escaped between its quotes. */
  quoted(level: number, keyword: string, name: string, open: string, value: string, close: string): void {
    const w = this.w;
    this.line(level, keyword);
    w.str(name);
    w.str(open);
    w.esc(value);
    w.str(close);
  }

  meter(m: Meter, level: number): void {
    const w = this.w;
    this.line(level, 'meter ');
    w.str(m.name);
    w.int(m.min, true);
    w.int(m.max, true);
    w.int(m.colorChange, true);
    w.str('\n');
  }

  event(e: Event, level: number): void {
    const w = this.w;
    this.line(level, 'event ');
    if (e.number !== undefined) {
      w.int(e.number);
      w.str(' ');
    }
    w.str(e.name);
    w.str(e.initialValue ? ' set\n' : '\n');
  }

  /** The attributes kept in `RareAttributes`, after the events. */
  rareAttributes(n: Node, level: number): void {
    for (const t of n.times) this.attr(level, t.toString());
    for (const t of n.todays) this.attr(level, t.toString());
    for (const d of n.dates) this.attr(level, d.toString());
    for (const d of n.days) this.attr(level, d.toString());
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

/** How the lines of an expression start: by the part's type (`-a`, `-o`). */
type Leads = Readonly<Record<PartType, string>>;
const TRIGGER: Leads = { first: 'trigger ', and: 'trigger -a ', or: 'trigger -o ' };
const COMPLETE: Leads = { first: 'complete ', and: 'complete -a ', or: 'complete -o ' };

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
