/**
 * The fast paths of the parser (every style): the common lines of large definitions (`task`,
 * `edit`, `label`, `event`, `meter`, `trigger`, `complete`) are read on token positions in the text,
 * without slicing the line or its tokens. Anything unusual (an error, `;`, a continuation, a state
 * comment, a rule that depends on the ecFlow version…) returns `false` before changing any state,
 * and the line is read again by the general path (structure.ts and the keyword parsers), which
 * decides. test/unit/defs/fast-path.property.test.ts proves both paths build the same model.
 */
import { Event, Label, Meter, Variable } from '../attributes/basic.js';
import { Alias, Expression, NodeContainer, Suite, Task, type PartType } from '../model.js';
import { isNStateName, type NStateName } from '../states.js';
import { INT_MAX, isValidName, unescapeNewlines } from '../text.js';
import { completeParser, triggerParser } from './trigger-complete.js';
import { eventParser } from './event.js';
import { labelParser } from './label.js';
import { meterParser } from './meter.js';
import type { ParseContext, ParserNode } from './context.js';
import { own } from './util.js';
import { variableParser } from './variable.js';

/** Reads the common lines of one parse on token positions (see the module comment). */
export class FastPath {
  readonly p: ParseContext;
  readonly text: string;
  /** Token start / end offsets of the line scanned by `line`. */
  readonly ts = new Int32Array(64);
  readonly te = new Int32Array(64);
  /** Number of tokens and the offset of the `\n` ending the line scanned by `line`. */
  nt = 0;
  lineEnd = 0;
  /** Recently used attribute names, to share one string without slicing the text again. */
  readonly nameCache: (string | undefined)[] = new Array<string | undefined>(64).fill(undefined);
  /** Lines read here (a test checks the fast paths are taken). */
  lines = 0;

  constructor(p: ParseContext) {
    this.p = p;
    this.text = p.text;
  }

  /** Reads the next line when it is a common one; `false`, with nothing changed, otherwise. */
  line(): boolean {
    const p = this.p;
    const text = this.text;
    const len = text.length;
    let i = p.pos;
    if (i >= len) return false;
    const ts = this.ts;
    const te = this.te;
    let n = 0;
    let semi = false;
    let c = 0;
    for (;;) {
      while (i < len) {
        c = text.charCodeAt(i);
        if (c !== 32 && c !== 9) break;
        i++;
      }
      if (i >= len) return false;
      if (c === 10) break;
      if (n === 64) return false;
      ts[n] = i;
      while (i < len) {
        c = text.charCodeAt(i);
        if (c === 32 || c === 9 || c === 10) break;
        if (c === 59) semi = true;
        i++;
      }
      te[n++] = i;
      if (i >= len) return false;
      if (c === 10) break;
    }
    if (semi) return false;
    if (n === 0) {
      p.pos = i + 1;
      p.lineNo++;
      return true;
    }
    const s0 = ts[0]!;
    const l0 = te[0]! - s0;
    // In the state styles a `#` starts the node's or attribute's state: the general path reads it,
    // except in `task NAME # state:S`, most of the lines of a server's full definition.
    if (p.style !== 'defs') {
      const plainTask = n === 4 && te[2] === ts[2]! + 1 && l0 === 4 && text.startsWith('task', s0);
      for (let k = 1; k < n; k++) if (text.charCodeAt(ts[k]!) === 35 && !plainTask) return false;
    }
    this.nt = n;
    this.lineEnd = i;
    const parser = p.currentParser();
    p.lineNo++;
    let done = false;
    switch (text.charCodeAt(s0)) {
      case 116: // t
        if (l0 === 4 && text.startsWith('task', s0)) done = this.task(parser);
        else if (l0 === 7 && text.startsWith('trigger', s0)) done = this.expression(parser, 'trigger');
        break;
      case 101: // e
        if (l0 === 4 && text.startsWith('edit', s0)) done = this.edit(parser);
        else if (l0 === 5 && text.startsWith('event', s0)) done = this.event(parser);
        break;
      case 108: // l
        if (l0 === 5 && text.startsWith('label', s0)) done = this.label(parser);
        break;
      case 109: // m
        if (l0 === 5 && text.startsWith('meter', s0)) done = this.meter(parser);
        break;
      case 99: // c
        if (l0 === 8 && text.startsWith('complete', s0)) done = this.expression(parser, 'complete');
        break;
      default:
        break;
    }
    if (done) {
      p.pos = i + 1;
      this.lines++;
    } else p.lineNo--;
    return done;
  }

  /** An attribute name: one shared string per distinct name. */
  nameAt(k: number): string {
    const text = this.text;
    const s = this.ts[k]!;
    const e = this.te[k]!;
    const len = e - s;
    const key = (text.charCodeAt(s) * 7 + text.charCodeAt(e - 1) * 3 + len) & 63;
    const cached = this.nameCache[key];
    if (cached !== undefined && cached.length === len && text.startsWith(cached, s)) return cached;
    const name = this.p.intern(text.slice(s, e));
    this.nameCache[key] = name;
    return name;
  }

  /** Start of tokens `from..to-1` when they are separated by single spaces (so their join is a slice), else -1. */
  joinedStart(from: number, to: number): number {
    const text = this.text;
    const ts = this.ts;
    const te = this.te;
    for (let k = from + 1; k < to; k++) {
      if (ts[k] !== te[k - 1]! + 1 || text.charCodeAt(te[k - 1]!) !== 32) return -1;
    }
    return ts[from]!;
  }

  /** `removeSingleQuotes(removeQuotes(join(tokens from..to-1)))`, or `undefined` when not a simple slice. */
  quotedValue(from: number, to: number): string | undefined {
    if (from >= to) return '';
    let a = this.joinedStart(from, to);
    if (a < 0) return undefined;
    let b = this.te[to - 1]!;
    const text = this.text;
    if (b - a > 0 && text.charCodeAt(a) === 34 && text.charCodeAt(b - 1) === 34) {
      if (b - a === 1) a = b;
      else {
        a++;
        b--;
      }
    }
    if (b - a > 0 && text.charCodeAt(a) === 39 && text.charCodeAt(b - 1) === 39) {
      if (b - a === 1) a = b;
      else {
        a++;
        b--;
      }
    }
    return own(text.slice(a, b));
  }

  /**
   * 5.17's value of `edit NAME value` when it ends the line: one unquoted token, or the text from a
   * quote to the same quote ending the last token (which is then the last one on the line);
   * `undefined` for anything else (comments, an alias's `NAME:DEFAULT`, …), which the general path reads.
   */
  losslessValue(): string | undefined {
    const text = this.text;
    const n = this.nt;
    const a = this.ts[2]!;
    for (let i = this.ts[1]!; i < this.te[1]!; i++) if (text.charCodeAt(i) === 58) return undefined;
    const q = text.charCodeAt(a);
    if (q !== 39 && q !== 34) return n === 3 ? own(text.slice(a, this.te[2])) : undefined;
    const b = this.te[n - 1]! - 1;
    if (b <= a || text.charCodeAt(b) !== q) return undefined;
    return own(text.slice(a + 1, b));
  }

  /** Index of the first token at or after `from` starting with `#`, else `nt`. */
  commentAt(from: number): number {
    const text = this.text;
    const ts = this.ts;
    const n = this.nt;
    for (let k = from; k < n; k++) if (text.charCodeAt(ts[k]!) === 35) return k;
    return n;
  }

  /** `toInt` of token `k`. */
  intAt(k: number): number | undefined {
    const text = this.text;
    let i = this.ts[k]!;
    const e = this.te[k]!;
    let neg = false;
    const c0 = text.charCodeAt(i);
    if (c0 === 45 || c0 === 43) {
      neg = c0 === 45;
      i++;
      if (i === e) return undefined;
    }
    let v = 0;
    for (; i < e; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      v = v * 10 + d;
      if (v > 2147483648) return undefined;
    }
    if (neg) v = -v;
    if (v > INT_MAX || v < -2147483648) return undefined;
    return v === 0 ? 0 : v;
  }

  tokenIs(k: number, word: string): boolean {
    return this.te[k]! - this.ts[k]! === word.length && this.text.startsWith(word, this.ts[k]);
  }

  task(parser: ParserNode): boolean {
    const p = this.p;
    let tp: ParserNode | undefined = parser;
    if (parser.type !== 'task') {
      if (parser.type !== 'family' && parser.type !== 'suite') return false;
      const k = parser.kids.get('task');
      if (k === undefined || 'parse' in k) return false;
      tp = k;
    }
    if (this.nt < 2) return false;
    let state: NStateName | undefined;
    if (this.nt === 4) {
      // `task NAME # state:S` (`line` lets no other `#` line through)
      const text = this.text;
      const a = this.ts[3]!;
      if (!text.startsWith('state:', a)) return false;
      const v = text.slice(a + 6, this.te[3]);
      if (!isNStateName(v)) return false;
      state = v;
    } else if (this.nt !== 2) return false;
    const nodes = p.nodes;
    let idx = nodes.length - 1;
    if (idx < 0) return false;
    if (nodes[idx] instanceof Task) while (idx >= 0 && !(nodes[idx] instanceof NodeContainer)) idx--;
    if (idx < 0) return false;
    const top = nodes[idx]!;
    if (!(top instanceof NodeContainer)) return false;
    const name = own(this.text.slice(this.ts[1], this.te[1]));
    if (!isValidName(name) || top.findChild(name) !== undefined) return false;
    while (nodes.length > idx + 1) p.pop();
    const task = new Task(name);
    if (state !== undefined && p.style !== 'defs') task.state = state; // a DEFS text's state comments are ignored, as by TaskParser
    p.push(task, tp);
    top.addChild(task);
    return true;
  }

  edit(parser: ParserNode): boolean {
    const p = this.p;
    const n = this.nt;
    if (n < 3 || p.nodes.length === 0 || parser.kids.get('edit') !== variableParser) return false;
    if (this.text.charCodeAt(this.ts[2]!) === 35) return false;
    const value = p.facts.losslessVariables ? this.losslessValue() : this.quotedValue(2, n === 3 ? 3 : this.commentAt(3));
    if (value === undefined) return false;
    const name = this.nameAt(1);
    const node = p.top();
    if (!(node instanceof Alias) && !isValidName(name)) return false;
    node.addVariable(new Variable(name, value));
    return true;
  }

  label(parser: ParserNode): boolean {
    const p = this.p;
    const n = this.nt;
    if (n < 3 || p.nodes.length === 0 || parser.kids.get('label') !== labelParser) return false;
    const value = this.quotedValue(2, n === 3 ? 3 : this.commentAt(2));
    if (value === undefined) return false;
    const name = this.nameAt(1);
    const node = p.top();
    if (node.findLabel(name) !== undefined || !isValidName(name)) return false;
    node.addLabel(new Label(name, unescapeNewlines(value)));
    return true;
  }

  event(parser: ParserNode): boolean {
    const p = this.p;
    const n = this.nt;
    if (n < 2 || p.nodes.length === 0 || parser.kids.get('event') !== eventParser) return false;
    const c = this.text.charCodeAt(this.ts[1]!);
    if (c >= 48 && c <= 57) return false;
    const name = this.nameAt(1);
    if (!isValidName(name)) return false;
    const initial = n >= 3 && this.tokenIs(2, 'set');
    const node = p.top();
    const events = node.eventsHeld();
    if (!Array.isArray(events)) {
      if (events.number === undefined && events.name === name) return false;
    } else {
      for (let k = 0; k < events.length; k++) {
        const e = events[k]!;
        if (e.number === undefined && e.name === name) return false;
      }
    }
    const ev = new Event(name, undefined, initial);
    // EventParser: in the state styles a last token `set` / `clear` is the value (`event set` too)
    if (p.style !== 'defs' && n >= 2) {
      if (this.tokenIs(n - 1, 'set')) ev.value = true;
      else if (this.tokenIs(n - 1, 'clear')) ev.value = false;
    }
    node.addEvent(ev);
    return true;
  }

  meter(parser: ParserNode): boolean {
    const p = this.p;
    const n = this.nt;
    if (n < 4 || p.nodes.length === 0 || parser.kids.get('meter') !== meterParser) return false;
    const min = this.intAt(2);
    const max = this.intAt(3);
    const cc = n >= 5 && this.text.charCodeAt(this.ts[4]!) !== 35 ? this.intAt(4) : INT_MAX;
    if (min === undefined || max === undefined || cc === undefined || min > max) return false;
    if ((cc === INT_MAX ? max : cc) < min || (cc === INT_MAX ? max : cc) > max) return false;
    const name = this.nameAt(1);
    const node = p.top();
    if (node.findMeter(name) !== undefined || !isValidName(name)) return false;
    node.addMeter(new Meter(name, min, max, cc));
    return true;
  }

  expression(parser: ParserNode, kind: 'trigger' | 'complete'): boolean {
    const p = this.p;
    const n = this.nt;
    if (n < 2 || p.nodes.length === 0 || parser.kids.get(kind) !== (kind === 'trigger' ? triggerParser : completeParser)) return false;
    const text = this.text;
    // a continuation line (`\` at the end of the line or of the last token)
    if (text.charCodeAt(this.lineEnd - 1) === 92 || text.charCodeAt(this.te[n - 1]! - 1) === 92) return false;
    let from = 1;
    let type: PartType = 'first';
    if (this.tokenIs(1, '-a')) {
      type = 'and';
      from = 2;
    } else if (this.tokenIs(1, '-o')) {
      type = 'or';
      from = 2;
    }
    const to = this.commentAt(from);
    if (to <= from) return false;
    const start = this.joinedStart(from, to);
    if (start < 0) return false;
    const node = p.top();
    if (node instanceof Suite) return false;
    let expr = kind === 'trigger' ? node.trigger : node.complete;
    if (type === 'first' ? expr !== null && expr.partCount() > 0 : expr === null || expr.partCount() === 0) return false;
    const partText = own(text.slice(start, this.te[to - 1]));
    if (expr === null) {
      expr = new Expression();
      if (kind === 'trigger') node.trigger = expr;
      else node.complete = expr;
    }
    if (type === 'first') expr.addFirstText(partText);
    else expr.add({ text: partText, type });
    if (expr.line === 0) expr.line = p.lineNo;
    return true;
  }
}
