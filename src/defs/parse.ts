/**
 * Parser for suite definitions in all four print styles (DEFS, STATE, MIGRATE, NET).
 *
 * It reproduces ecFlow 5.9.2's hierarchical line parser (ANode/parser/src/DefsStructureParser.cpp,
 * DefsParser.cpp and the attribute parsers): which keyword is accepted where, the `;` multi-statement
 * rule of hand-written files, `\` continuation of expressions, the state carried in `# ...` comments
 * and the fault tolerance of the NET/MIGRATE styles.
 */
import { ArgumentError } from '../errors.js';
import { Event, InLimit, Label, Limit, Meter, Variable } from './attributes/basic.js';
import { AutoRestoreAttr, GenericAttr, QueueAttr, VerifyAttr, parseZombie, queueState, readCalendar } from './attributes/misc.js';
import { RepeatDate, RepeatDateList, RepeatDay, RepeatEnumerated, RepeatInteger, RepeatString } from './attributes/repeat.js';
import {
  AutoArchiveAttr, AutoCancelAttr, ClockAttr, DateAttr, DayAttr, TimeAttr, TodayAttr, checkGregorian, createTimeSeries, parseCron,
  parseDate, parseDayName, parseLate, parseTime, readDayState,
} from './attributes/time.js';
import { checkDefsErrors } from './check.js';
import { DefsParseError } from './errors.js';
import { Alias, Defs, Expression, Family, Node, NodeContainer, Suite, Task, type AnyNode, type PartType } from './model.js';
import { flagsFromString, isDStateName, isNStateName, isSStateName, type NStateName } from './states.js';
import {
  INT_MAX, invalidNameReason, isValidName, parseDuration, removeQuotes, removeSingleQuotes, splitTokens, theInt, toInt,
  unescapeNewlines,
} from './text.js';

/** Options of `parseDefs`. */
export interface ParseOptions {
  /** File name used in error messages. @default '<string>' */
  file?: string;
  /**
   * Run the semantic check (`checkDefs`) after a DEFS or STATE style parse and reject the text on
   * errors, as `ecflow.Defs(path)` does. NET and MIGRATE texts are never checked.
   * @default true
   */
  check?: boolean;
}

type Style = 'defs' | 'state' | 'migrate' | 'net';
type ParserType = 'defs' | 'nodes' | 'suite' | 'family' | 'task' | 'alias';

/** One parser of the C++ parser tree: its own keyword and the keywords it delegates to. */
interface ParserNode {
  readonly type: ParserType;
  readonly parent: ParserNode | null;
  readonly kids: Map<string, ParserNode | string>;
  /** SuiteParser::started_ */
  started: boolean;
}

const SUITE_ATTRS = ['edit', 'limit', 'defstatus', 'clock', 'inlimit', 'repeat', 'late', 'cron', 'autocancel', 'verify', 'zombie', 'event', 'label', 'calendar', 'meter', 'endclock', 'queue', 'autoarchive', 'autorestore', 'generic'];
const FAMILY_ATTRS = ['edit', 'trigger', 'inlimit', 'defstatus', 'limit', 'complete', 'meter', 'time', 'label', 'repeat', 'late', 'event', 'today', 'cron', 'date', 'day', 'autocancel', 'verify', 'zombie', 'queue', 'autoarchive', 'autorestore', 'generic'];
const TASK_ATTRS = ['edit', 'trigger', 'label', 'inlimit', 'event', 'late', 'meter', 'defstatus', 'complete', 'time', 'repeat', 'today', 'cron', 'limit', 'date', 'day', 'autocancel', 'verify', 'zombie', 'queue', 'autorestore', 'generic'];
const ALIAS_ATTRS = ['edit', 'label', 'meter', 'event', 'trigger', 'inlimit', 'late', 'defstatus', 'complete', 'time', 'repeat', 'today', 'cron', 'limit', 'date', 'day', 'autocancel', 'verify', 'zombie', 'queue', 'generic'];

function makeParser(type: ParserType, parent: ParserNode | null, attrs: readonly string[]): ParserNode {
  const kids = new Map<string, ParserNode | string>();
  for (const a of attrs) kids.set(a, a);
  return { type, parent, kids, started: false };
}
function aliasParser(parent: ParserNode): ParserNode {
  return makeParser('alias', parent, ALIAS_ATTRS);
}
function taskParser(parent: ParserNode): ParserNode {
  const p = makeParser('task', parent, TASK_ATTRS);
  p.kids.set('alias', aliasParser(p));
  return p;
}
function familyParser(parent: ParserNode): ParserNode {
  const p = makeParser('family', parent, FAMILY_ATTRS);
  p.kids.set('task', taskParser(p));
  return p;
}
function suiteParser(parent: ParserNode): ParserNode {
  const p = makeParser('suite', parent, SUITE_ATTRS);
  p.kids.set('family', familyParser(p));
  p.kids.set('task', taskParser(p));
  return p;
}
function defsParser(): ParserNode {
  const p = makeParser('defs', null, ['history', 'defs_state', 'extern']);
  p.kids.set('suite', suiteParser(p));
  p.kids.set('edit', 'server_edit');
  return p;
}
function nodesParser(): ParserNode {
  const p = makeParser('nodes', null, []);
  p.kids.set('task', taskParser(p));
  p.kids.set('family', familyParser(p));
  p.kids.set('suite', suiteParser(p));
  p.kids.set('alias', aliasParser(p));
  return p;
}

// Parser trees are immutable apart from SuiteParser::started_, which is reset per parse.
const DEFS_TREE = defsParser();
const NODES_TREE = nodesParser();

function resetStarted(p: ParserNode): void {
  p.started = false;
  for (const k of p.kids.values()) if (typeof k !== 'string') resetStarted(k);
}

const KEYWORD_NAMES: Record<ParserType, string> = { defs: 'DEFS', nodes: 'DEFS', suite: 'suite', family: 'family', task: 'task', alias: 'alias' };

class StructureParser {
  readonly text: string;
  readonly file: string;
  style: Style = 'defs';
  readonly nodeString: boolean;
  readonly defs: Defs;
  /** Parsed node of a node string. */
  root: AnyNode | null = null;
  // line reader
  pos = 0;
  lineNo = 0;
  queue: string[] = [];
  /** The last physical line had no newline: like `std::getline` at EOF, statements queued after it are dropped. */
  atEof = false;
  // node stack
  readonly nodes: Node[] = [];
  readonly parsers: ParserNode[] = [];
  readonly defStatusSet = new Set<Node>();
  faults = '';
  readonly tokens: string[] = [];
  readonly scratch: string[] = [];
  readonly names = new Map<string, string>();

  /** Shares one copy of attribute names that repeat across nodes (labels, events, meters, variables). */
  intern(s: string): string {
    const v = this.names.get(s);
    if (v !== undefined) return v;
    if (this.names.size < 65536) this.names.set(s, s);
    return s;
  }

  constructor(text: string, file: string, nodeString: boolean) {
    this.text = text;
    this.file = file;
    this.nodeString = nodeString;
    this.defs = new Defs();
    if (nodeString) this.style = 'migrate';
  }

  get persist(): boolean {
    return this.style === 'net' || this.style === 'migrate';
  }

  /** Reads a physical line; `undefined` at the end of the text. */
  physicalLine(): string | undefined {
    const text = this.text;
    if (this.pos > text.length || (this.pos === text.length && this.pos !== 0)) return undefined;
    if (text.length === 0) {
      this.pos = 1;
      return undefined;
    }
    let end = text.indexOf('\n', this.pos);
    if (end < 0) {
      end = text.length;
      this.atEof = true;
    }
    const line = text.slice(this.pos, end);
    this.pos = end + 1;
    this.lineNo++;
    return line;
  }

  /** `DefsStructureParser::getNextLine`: handles `;` separated statements in DEFS/STATE texts. */
  nextLine(): string | undefined {
    if (this.queue.length > 0) return this.queue.shift();
    const line = this.physicalLine();
    if (line === undefined) return undefined;
    if (this.persist || line.length === 0 || !line.includes(';')) return line;
    const toks = splitTokens(line, this.scratch);
    if (toks.length > 0) {
      if (toks[0]!.charCodeAt(0) === 35) return line;
      if (toks[0] === 'label') return line;
    }
    const hash = line.indexOf('#');
    const stripped = hash >= 0 ? line.slice(0, hash) : line;
    const parts = stripped.split(';').filter((s) => s.length > 0);
    if (parts.length === 0) return '';
    if (parts[0]!.includes('edit')) {
      // semiColonInEditVariable: a ';' inside an edit value keeps the line whole
      for (const p of parts) if (!p.trim().startsWith('edit')) return stripped;
    }
    const first = parts.shift()!;
    this.queue = parts;
    return first;
  }

  run(): void {
    resetStarted(this.nodeString ? NODES_TREE : DEFS_TREE);
    for (;;) {
      if (this.atEof) break;
      if (this.queue.length === 0 && !this.nodeString && this.fastLine()) continue;
      const line = this.nextLine();
      if (line === undefined) break;
      const tokens = splitTokens(line, this.tokens);
      if (tokens.length === 0) continue;
      const parser = this.parsers.length === 0 ? (this.nodeString ? NODES_TREE : DEFS_TREE) : this.parsers[this.parsers.length - 1]!;
      try {
        this.doParse(parser, line, tokens);
      } catch (e) {
        if (e instanceof DefsParseError) throw e;
        const reason = e instanceof Error ? e.message : String(e);
        throw new DefsParseError(this.file, this.lineNo, reason, line.trim(), { cause: e });
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Fast path (every style): the common lines of large definitions (task, edit, label, event, meter,
  // trigger, complete) are handled on token positions in the text, without slicing the line or its
  // tokens. Anything unusual (an error, `;`, a continuation, a state comment...) returns `false`
  // before changing any state, and the line is read again by the general path above.

  /** Token start / end offsets of the line scanned by `fastLine`. */
  readonly ts = new Int32Array(64);
  readonly te = new Int32Array(64);
  /** Number of tokens and the offset of the `\n` ending the line scanned by `fastLine`. */
  nt = 0;
  lineEnd = 0;
  /** Recently used attribute names, to share one string without slicing the text again. */
  readonly nameCache: (string | undefined)[] = new Array<string | undefined>(64).fill(undefined);

  fastLine(): boolean {
    const text = this.text;
    const len = text.length;
    let i = this.pos;
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
      this.pos = i + 1;
      this.lineNo++;
      return true;
    }
    const s0 = ts[0]!;
    const l0 = te[0]! - s0;
    // In the state styles a `#` starts the node's or attribute's state: the general path reads it,
    // except in `task NAME # state:S`, most of the lines of a server's full definition.
    if (this.style !== 'defs') {
      const plainTask = n === 4 && te[2] === ts[2]! + 1 && l0 === 4 && text.startsWith('task', s0);
      for (let k = 1; k < n; k++) if (text.charCodeAt(ts[k]!) === 35 && !plainTask) return false;
    }
    this.nt = n;
    this.lineEnd = i;
    const parser = this.parsers.length === 0 ? DEFS_TREE : this.parsers[this.parsers.length - 1]!;
    this.lineNo++;
    let done = false;
    switch (text.charCodeAt(s0)) {
      case 116: // t
        if (l0 === 4 && text.startsWith('task', s0)) done = this.fastTask(parser);
        else if (l0 === 7 && text.startsWith('trigger', s0)) done = this.fastExpression(parser, 'trigger');
        break;
      case 101: // e
        if (l0 === 4 && text.startsWith('edit', s0)) done = this.fastEdit(parser);
        else if (l0 === 5 && text.startsWith('event', s0)) done = this.fastEvent(parser);
        break;
      case 108: // l
        if (l0 === 5 && text.startsWith('label', s0)) done = this.fastLabel(parser);
        break;
      case 109: // m
        if (l0 === 5 && text.startsWith('meter', s0)) done = this.fastMeter(parser);
        break;
      case 99: // c
        if (l0 === 8 && text.startsWith('complete', s0)) done = this.fastExpression(parser, 'complete');
        break;
      default:
        break;
    }
    if (done) this.pos = i + 1;
    else this.lineNo--;
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
    const name = this.intern(text.slice(s, e));
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
    return text.slice(a, b);
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
    return this.te[k]! - this.ts[k]! === word.length && this.text.startsWith(word, this.ts[k]!);
  }

  fastTask(p: ParserNode): boolean {
    let tp: ParserNode | string | undefined = p;
    if (p.type !== 'task') {
      if (p.type !== 'family' && p.type !== 'suite') return false;
      tp = p.kids.get('task');
      if (tp === undefined || typeof tp === 'string') return false;
    }
    if (this.nt < 2) return false;
    let state: NStateName | undefined;
    if (this.nt === 4) {
      // `task NAME # state:S` (fastLine lets no other `#` line through)
      const text = this.text;
      const a = this.ts[3]!;
      if (!text.startsWith('state:', a)) return false;
      const v = text.slice(a + 6, this.te[3]!);
      if (!isNStateName(v)) return false;
      state = v;
    } else if (this.nt !== 2) return false;
    const nodes = this.nodes;
    let idx = nodes.length - 1;
    if (idx < 0) return false;
    if (nodes[idx] instanceof Task) while (idx >= 0 && !(nodes[idx] instanceof NodeContainer)) idx--;
    if (idx < 0) return false;
    const top = nodes[idx]!;
    if (!(top instanceof NodeContainer)) return false;
    const name = this.text.slice(this.ts[1]!, this.te[1]!);
    if (!isValidName(name) || top.findChild(name) !== undefined) return false;
    while (nodes.length > idx + 1) {
      nodes.pop();
      this.parsers.pop();
    }
    const task = new Task(name);
    if (state !== undefined && this.style !== 'defs') task.state = state; // a DEFS text's state comments are ignored, as by TaskParser
    this.push(task, tp);
    top.addChild(task);
    return true;
  }

  fastEdit(p: ParserNode): boolean {
    const n = this.nt;
    if (n < 3 || this.nodes.length === 0 || p.kids.get('edit') !== 'edit') return false;
    if (this.text.charCodeAt(this.ts[2]!) === 35) return false;
    const value = this.quotedValue(2, n === 3 ? 3 : this.commentAt(3));
    if (value === undefined) return false;
    const name = this.nameAt(1);
    const node = this.top();
    if (!(node instanceof Alias) && !isValidName(name)) return false;
    node.addVariable(new Variable(name, value));
    return true;
  }

  fastLabel(p: ParserNode): boolean {
    const n = this.nt;
    if (n < 3 || this.nodes.length === 0 || p.kids.get('label') !== 'label') return false;
    const value = this.quotedValue(2, n === 3 ? 3 : this.commentAt(2));
    if (value === undefined) return false;
    const name = this.nameAt(1);
    const node = this.top();
    if (node.findLabel(name) !== undefined || !isValidName(name)) return false;
    node.addLabel(new Label(name, unescapeNewlines(value)));
    return true;
  }

  fastEvent(p: ParserNode): boolean {
    const n = this.nt;
    if (n < 2 || this.nodes.length === 0 || p.kids.get('event') !== 'event') return false;
    const c = this.text.charCodeAt(this.ts[1]!);
    if (c >= 48 && c <= 57) return false;
    const name = this.nameAt(1);
    if (!isValidName(name)) return false;
    const initial = n >= 3 && this.tokenIs(2, 'set');
    const node = this.top();
    const events = node.eventsHeld();
    if (!Array.isArray(events)) {
      if (events.number === undefined && events.name === name) return false;
    } else {
      for (let k = 0; k < events.length; k++) {
        const e = events[k]!;
        if (e.number === undefined && e.name === name) return false;
      }
    }
    node.addEvent(new Event(name, undefined, initial));
    return true;
  }

  fastMeter(p: ParserNode): boolean {
    const n = this.nt;
    if (n < 4 || this.nodes.length === 0 || p.kids.get('meter') !== 'meter') return false;
    const min = this.intAt(2);
    const max = this.intAt(3);
    const cc = n >= 5 && this.text.charCodeAt(this.ts[4]!) !== 35 ? this.intAt(4) : INT_MAX;
    if (min === undefined || max === undefined || cc === undefined || min > max) return false;
    if ((cc === INT_MAX ? max : cc) < min || (cc === INT_MAX ? max : cc) > max) return false;
    const name = this.nameAt(1);
    const node = this.top();
    if (node.findMeter(name) !== undefined || !isValidName(name)) return false;
    node.addMeter(new Meter(name, min, max, cc));
    return true;
  }

  fastExpression(p: ParserNode, kind: 'trigger' | 'complete'): boolean {
    const n = this.nt;
    if (n < 2 || this.nodes.length === 0 || p.kids.get(kind) !== kind) return false;
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
    const node = this.top();
    if (node instanceof Suite) return false;
    let expr = kind === 'trigger' ? node.trigger : node.complete;
    if (type === 'first' ? expr !== null && expr.partCount() > 0 : expr === null || expr.partCount() === 0) return false;
    const partText = text.slice(start, this.te[to - 1]!);
    if (expr === null) {
      expr = new Expression();
      if (kind === 'trigger') node.trigger = expr;
      else node.complete = expr;
    }
    if (type === 'first') expr.addFirstText(partText);
    else expr.add({ text: partText, type });
    if (expr.line === 0) expr.line = this.lineNo;
    return true;
  }

  top(): Node {
    return this.nodes[this.nodes.length - 1]!;
  }
  push(node: Node, parser: ParserNode): void {
    if (node.line === 0) node.line = this.lineNo;
    this.nodes.push(node);
    this.parsers.push(parser);
  }
  pop(): void {
    this.nodes.pop();
    this.parsers.pop();
  }
  popToContainer(): void {
    while (this.nodes.length > 0 && !(this.top() instanceof NodeContainer)) this.pop();
  }

  doParse(p: ParserNode, line: string, tokens: string[]): void {
    const first = tokens[0]!;
    switch (p.type) {
      case 'alias':
        if (first === 'alias') {
          if (tokens.length < 2) throw new ArgumentError('Alias name missing.');
          this.addAlias(p, line, tokens);
          return;
        }
        if (first === 'endalias') {
          this.pop();
          return;
        }
        break;
      case 'task':
        if (first === 'task') {
          if (tokens.length < 2) throw new ArgumentError('Task name missing.');
          this.addTask(p, line, tokens);
          return;
        }
        if (first === 'endfamily') {
          if (p.parent !== null) {
            this.doParse(p.parent, line, tokens);
            return;
          }
        } else if (first === 'endtask') {
          this.popToContainer();
          return;
        }
        break;
      case 'family':
        if (first === 'family') {
          if (tokens.length < 2) throw new ArgumentError('Family name missing.');
          this.addFamily(p, line, tokens);
          return;
        }
        if (first === 'endfamily') {
          if (this.nodes.length > 0 && this.top() instanceof Task) this.pop();
          this.pop();
          return;
        }
        if (first === 'endtask') {
          this.pop();
          return;
        }
        break;
      case 'suite':
        if (first === 'suite') {
          if (p.started) throw new ArgumentError("Can't have hierarchical suites.");
          if (tokens.length < 2) throw new ArgumentError('Suite name missing.');
          p.started = true;
          this.addSuite(p, line, tokens);
          return;
        }
        if (first === 'endsuite') {
          if (!p.started) throw new ArgumentError('Misplaced endsuite..');
          this.nodes.length = 0;
          this.parsers.length = 0;
          p.started = false;
          return;
        }
        break;
      default:
        break;
    }
    this.genericParse(p, line, tokens);
  }

  /** `Parser::doParse`: delegate to a child parser, to the parent, skip comments, or fail. */
  genericParse(p: ParserNode, line: string, tokens: string[]): void {
    const first = tokens[0]!;
    const kid = p.kids.get(first);
    if (kid !== undefined) {
      if (typeof kid === 'string') this.attribute(kid, line, tokens);
      else this.doParse(kid, line, tokens);
      return;
    }
    if (p.parent !== null && (first === 'endfamily' || first === 'family' || first === 'endsuite')) {
      this.doParse(p.parent, line, tokens);
      return;
    }
    if (first.charCodeAt(0) === 35) return;
    let msg = `# Unexpected keyword ${first} found whilst parsing ${KEYWORD_NAMES[p.type]}`;
    if (this.nodes.length > 0) msg += ' ' + this.top().absNodePath();
    if (this.persist) {
      this.faults += msg + ' -> ignoring\n';
      return;
    }
    throw new ArgumentError(msg);
  }

  nameCheck(name: string): void {
    if (this.style !== 'net' && !isValidName(name)) throw new ArgumentError('Invalid node name : ' + invalidNameReason(name));
  }

  addSuite(p: ParserNode, line: string, tokens: string[]): void {
    if (this.nodes.length > 0) throw new ArgumentError('SuiteParser::addSuite node stack should be empty');
    this.nameCheck(tokens[1]!);
    const suite = new Suite(tokens[1]!);
    if (this.style !== 'defs') {
      if (tokens.length >= 4 && tokens[3] === 'begun:1') suite.begun = true;
      readNodeState(suite, line, tokens);
    }
    this.push(suite, p);
    if (this.nodeString) this.root = suite;
    else this.defs.addSuite(suite);
  }

  addFamily(p: ParserNode, line: string, tokens: string[]): void {
    if (this.nodes.length === 0 && this.nodeString) {
      this.nameCheck(tokens[1]!);
      const fam = new Family(tokens[1]!);
      this.root = fam;
      if (this.style !== 'defs') readNodeState(fam, line, tokens);
      this.push(fam, p);
      return;
    }
    if (this.nodes.length === 0) throw new ArgumentError('Add family failed empty node stack');
    const top = this.top();
    if (top instanceof Suite || top instanceof Family) {
      this.nameCheck(tokens[1]!);
      const fam = new Family(tokens[1]!);
      if (this.style !== 'defs') readNodeState(fam, line, tokens);
      this.push(fam, p);
      top.addChild(fam);
    } else if (top instanceof Task) {
      this.pop();
      this.addFamily(p, line, tokens);
    }
    // an alias on top: ecFlow silently ignores the family line
  }

  addTask(p: ParserNode, line: string, tokens: string[]): void {
    if (this.nodes.length === 0 && this.nodeString) {
      this.nameCheck(tokens[1]!);
      const task = new Task(tokens[1]!);
      if (this.style !== 'defs') readTaskState(task, line, tokens);
      this.push(task, p);
      this.root = task;
      return;
    }
    if (this.nodes.length === 0) throw new ArgumentError('Add task failed empty node stack');
    if (this.top() instanceof Task) this.popToContainer();
    if (this.nodes.length === 0) throw new ArgumentError('Add task failed empty node stack');
    const top = this.top();
    if (top instanceof NodeContainer) {
      this.nameCheck(tokens[1]!);
      const task = new Task(tokens[1]!);
      if (this.style !== 'defs') readTaskState(task, line, tokens);
      this.push(task, p);
      top.addChild(task);
    }
  }

  addAlias(p: ParserNode, line: string, tokens: string[]): void {
    if (this.nodes.length === 0 && this.nodeString) {
      this.nameCheck(tokens[1]!);
      const alias = new Alias(tokens[1]!);
      if (this.style !== 'defs') readSubmittableState(alias, line, tokens);
      this.push(alias, p);
      this.root = alias;
      return;
    }
    if (this.nodes.length === 0) throw new ArgumentError('Add alias failed empty node stack');
    const top = this.top();
    if (top instanceof Task) {
      if (!isValidName(tokens[1]!)) throw new ArgumentError('Invalid node name : ' + invalidNameReason(tokens[1]!));
      const alias = new Alias(tokens[1]!);
      readSubmittableState(alias, line, tokens);
      top.addAlias(alias);
      this.push(alias, p);
    } else if (top instanceof Alias) {
      this.pop();
      this.addAlias(p, line, tokens);
    } else throw new ArgumentError('Add alias failed, expected task on node stack');
  }

  /** The attribute parsers (ANode/parser/src/*Parser.cpp). */
  attribute(kind: string, line: string, tokens: string[]): void {
    const n = tokens.length;
    const style = this.style;
    const check = style !== 'net';
    const readState = style !== 'defs';
    const empty = this.nodes.length === 0;
    const node = empty ? (undefined as unknown as Node) : this.top();
    switch (kind) {
      case 'edit':
      case 'server_edit': {
        if (empty && kind === 'edit') throw new ArgumentError(`VariableParser::doParse: Could not add variable, as node stack is empty at line: ${line}`);
        if (n < 3) {
          throw new ArgumentError(`VariableParser::doParse: expected at least 3 tokens, found ${n} on line:${line}\n` + (empty ? '' : `At node: ${node.debugNodePath()}\n`));
        }
        if (tokens[2]!.charCodeAt(0) === 35) {
          throw new ArgumentError(`VariableParser::doParse: Expected value but found comment at line:${line}\n` + (empty ? '' : `At node: ${node.debugNodePath()}\n`));
        }
        let value: string;
        let serverVar = false;
        if (n === 3) value = removeSingleQuotes(removeQuotes(tokens[2]!));
        else {
          let comment = 0;
          let end = n;
          for (let i = 3; i < n; i++) {
            if (tokens[i]!.charCodeAt(0) === 35) {
              comment = i;
              end = i;
              break;
            }
          }
          value = removeSingleQuotes(removeQuotes(joinTokens(tokens, 2, end)));
          if (comment !== 0 && comment + 1 < n && tokens[comment + 1] === 'server') serverVar = true;
        }
        const name = this.intern(tokens[1]!);
        if (!empty) {
          if (!(style === 'net' || node instanceof Alias) && !isValidName(name)) {
            throw new ArgumentError('Variable::Variable: Invalid Variable name: ' + invalidNameReason(name));
          }
          node.addVariable(new Variable(name, value));
        } else {
          if (!isValidName(name)) throw new ArgumentError('Variable::Variable: Invalid Variable name: ' + invalidNameReason(name));
          if (serverVar && n !== 3) this.defs.addServerVariable(new Variable(name, value));
          else this.defs.addUserVariable(new Variable(name, value));
        }
        return;
      }
      case 'label': {
        if (empty) throw new ArgumentError(`LabelParser::doParse: Could not add label as node stack is empty at line: ${line}`);
        if (n < 3) throw new ArgumentError(`Label::parse: Invalid label :${line}`);
        const name = this.intern(tokens[1]!);
        let value: string;
        let newValue = '';
        if (n === 3) value = unescapeNewlines(removeSingleQuotes(removeQuotes(tokens[2]!)));
        else {
          let end = n;
          for (let i = 2; i < n; i++) {
            if (tokens[i]!.charCodeAt(0) === 35) {
              end = i;
              break;
            }
          }
          value = unescapeNewlines(removeSingleQuotes(removeQuotes(joinTokens(tokens, 2, end))));
          if (readState) {
            let commentFound = false;
            let firstQuote = 0;
            let lastQuote = 0;
            for (let i = line.length - 1; i > 0; i--) {
              const c = line.charCodeAt(i);
              if (c === 35) {
                commentFound = true;
                break;
              }
              if (c === 34) {
                if (lastQuote === 0) lastQuote = i;
                firstQuote = i;
              }
            }
            if (commentFound && firstQuote !== lastQuote) newValue = unescapeNewlines(line.slice(firstQuote + 1, lastQuote));
          }
        }
        if (check) {
          if (node.findLabel(name) !== undefined) {
            throw new ArgumentError(`Add Label failed: Duplicate label of name '${name}' already exist for node ${node.debugNodePath()}`);
          }
          if (!isValidName(name)) throw new ArgumentError(`Label::Label: Invalid Label name :${name}`);
        }
        node.addLabel(new Label(name, value, newValue));
        return;
      }
      case 'event': {
        if (n < 2) throw new ArgumentError(`EventParser::doParse: Invalid event : ${line}`);
        if (empty) throw new ArgumentError(`EventParser::doParse: Could not add event as node stack is empty at line: ${line}`);
        const t1 = tokens[1]!;
        let name = '';
        let number: number | undefined;
        let initial = false;
        const c = t1.charCodeAt(0);
        if (c >= 48 && c <= 57 && toInt(t1) !== undefined) {
          number = toInt(t1);
          if (n >= 3 && tokens[2]!.charCodeAt(0) !== 35) {
            name = tokens[2]!;
            if (n >= 4 && tokens[3] === 'set') initial = true;
          } else if (n >= 3 && tokens[2] === 'set') initial = true;
        } else {
          name = this.intern(t1);
          if (n >= 3 && tokens[2] === 'set') initial = true;
        }
        if (name.length > 0 && check && !isValidName(name)) throw new ArgumentError('Event::Event: Invalid event name : ' + invalidNameReason(name));
        const ev = new Event(name, number, initial);
        if (readState) {
          const last = tokens[n - 1];
          if (last === 'set') ev.value = true;
          else if (last === 'clear') ev.value = false;
        }
        if (check) {
          for (const e of node.events) {
            if (e.number === ev.number && e.name === ev.name) {
              throw new ArgumentError(`Add Event failed: Duplicate Event of name '${ev.nameOrNumber()}' already exist for node ${node.debugNodePath()}`);
            }
          }
        }
        node.addEvent(ev);
        return;
      }
      case 'meter': {
        if (n < 4) throw new ArgumentError(`MeterParser::doParse: Invalid meter :${line}`);
        if (empty) throw new ArgumentError(`MeterParser::doParse: Could not add meter as node stack is empty at line: ${line}`);
        const min = toInt(tokens[2]!);
        const max = toInt(tokens[3]!);
        const cc = n >= 5 && tokens[4]!.charCodeAt(0) !== 35 ? toInt(tokens[4]!) : INT_MAX;
        if (min === undefined || max === undefined || cc === undefined) throw new ArgumentError(`Invalid meter : ${line}`);
        let value = INT_MAX;
        if (readState) {
          let comment = false;
          for (let i = 3; i < n; i++) {
            if (comment) {
              value = theInt(tokens[i]!, 'MeterParser::doParse, could not extract meter value');
              break;
            }
            if (tokens[i] === '#') comment = true;
          }
        }
        const name = this.intern(tokens[1]!);
        if (check && node.findMeter(name) !== undefined) {
          throw new ArgumentError(`Add Meter failed: Duplicate Meter of name '${name}' already exist for node ${node.debugNodePath()}`);
        }
        if (check && !isValidName(name)) throw new ArgumentError(`Meter::Meter: Invalid Meter name: ${name}`);
        node.addMeter(new Meter(name, min, max, cc, value));
        return;
      }
      case 'trigger':
      case 'complete': {
        const startLine = this.lineNo;
        const { expression, type, free } = this.expression(kind, line, tokens);
        if (!empty) {
          const part = { text: expression, type };
          if (kind === 'trigger') {
            if (node instanceof Suite) throw new ArgumentError('Cannot add trigger on a suite');
            node.addTriggerPart(part);
            if (node.trigger!.line === 0) node.trigger!.line = startLine;
            if (free) node.trigger!.free = true;
          } else {
            if (node instanceof Suite) throw new ArgumentError('Cannot add complete trigger on a suite');
            node.addCompletePart(part);
            if (node.complete!.line === 0) node.complete!.line = startLine;
            if (free) node.complete!.free = true;
          }
        }
        return;
      }
      case 'repeat':
        this.repeat(node, empty, line, tokens);
        return;
      case 'limit': {
        if (n < 3) throw new ArgumentError(`LimitParser::doParse: Invalid limit ${line}`);
        if (empty) throw new ArgumentError(`LimitParser::doParse: Could not add limit as node stack is empty at line: ${line}`);
        const lim = theInt(tokens[2]!, `LimitParser::doParse: Invalid limit value: ${line}`);
        const name = tokens[1]!;
        let value = 0;
        let paths: string[] = [];
        let doCheck = true;
        if (readState) {
          const set = new Set<string>();
          let comment = false;
          let done = false;
          for (let i = 3; i < n; i++) {
            const t = tokens[i]!;
            if (comment) {
              if (!done) {
                value = theInt(t, `LimitParser::doParse: Could not extract limit value: ${t}`);
                done = true;
              } else set.add(t);
            }
            if (t === '#') comment = true;
          }
          paths = [...set].sort();
          doCheck = check;
        }
        if (doCheck && !isValidName(name)) throw new ArgumentError(`Limit::Limit: Invalid Limit name: ${name}`);
        if (doCheck && node.findLimit(name) !== undefined) {
          throw new ArgumentError(`Add Limit failed: Duplicate Limit of name '${name}' already exist for node ${node.debugNodePath()}`);
        }
        node.addLimit(new Limit(name, lim, value, paths));
        return;
      }
      case 'inlimit': {
        if (n < 2) throw new ArgumentError(`InlimitParser::doParse: Invalid inlimit :${line}`);
        if (empty) throw new ArgumentError(`InlimitParser::doParse: Could not add inlimit as node stack is empty at line: ${line}`);
        let i = 1;
        let nodeOnly = false;
        let submission = false;
        if (tokens[i] === '-n') {
          nodeOnly = true;
          i++;
        }
        if (tokens[i] === '-s') {
          submission = true;
          i++;
        }
        if (nodeOnly && submission) {
          throw new ArgumentError("InlimitParser::doParse: can't limit family only(-n) and limit submission(-s) at the same time");
        }
        const tok = tokens[i];
        if (tok === undefined || tok.length === 0) throw new ArgumentError(`InlimitParser::doParse: Invalid inlimit : ${line}`);
        let path = '';
        let name = '';
        const colon = tok.indexOf(':');
        if (colon < 0) {
          if (tok.charCodeAt(0) === 47) path = tok;
          else name = tok;
        } else {
          path = tok.slice(0, colon);
          name = tok.slice(colon + 1);
        }
        i++;
        const count = n >= i + 1 && tokens[i]!.charCodeAt(0) !== 35 ? theInt(tokens[i]!, `Invalid in limit : ${line}`) : 1;
        if (check && !isValidName(name)) throw new ArgumentError(`InLimit::InLimit: Invalid InLimit name: ${name}`);
        const il = new InLimit(name, path, count, nodeOnly, submission);
        if (readState) {
          for (let j = i + 1; j < n; j++) {
            if (tokens[j]!.includes('incremented:1')) {
              il.incremented = true;
              break;
            }
          }
        }
        if (check) {
          for (const x of node.inLimits) {
            if (x.name === il.name && x.path === il.path) throw new ArgumentError(`Add InLimit failed: Duplicate InLimit see node ${node.debugNodePath()}`);
          }
        }
        node.addInLimit(il);
        return;
      }
      case 'late': {
        if (n < 3) throw new ArgumentError(`LateParser::doParse: Invalid late :${line}`);
        const late = parseLate(tokens, line);
        if (readState && tokens[n - 1] === 'late') late.isLate = true;
        if (node.late !== null) throw new ArgumentError(`Add Late failed: A node can only have one Late attribute, see node ${node.debugNodePath()}`);
        node.late = late;
        return;
      }
      case 'defstatus': {
        if (n < 2) throw new ArgumentError(`DefsStatusParser::doParse: Invalid defstatus :${line}`);
        const st = tokens[1]!;
        if (!isDStateName(st)) throw new ArgumentError(`DefsStatusParser::doParse: Invalid defstatus state :${line}`);
        if (!empty) {
          if (this.defStatusSet.has(node)) {
            throw new ArgumentError(`DefsStatusParser::doParse: ${node.debugType()} ${node.name} already has a default status\n`);
          }
          this.defStatusSet.add(node);
          node.defStatus = st;
        }
        return;
      }
      case 'time':
      case 'today': {
        if (n < 2) throw new ArgumentError(`${kind === 'time' ? 'TimeParser' : 'TodayParser'}::doParse: Invalid ${kind} :${line}`);
        let free = false;
        if (readState) {
          let comment = false;
          for (let i = 2; i < n; i++) {
            if (comment && tokens[i] === 'free') free = true;
            if (tokens[i] === '#') comment = true;
          }
        }
        const series = createTimeSeries({ i: 1 }, tokens, readState);
        if (node instanceof Suite) throw new ArgumentError('Cannot add time based dependency on a suite');
        if (kind === 'time') {
          const t = new TimeAttr(series);
          t.free = free;
          node.addTime(t);
        } else {
          const t = new TodayAttr(series);
          t.free = free;
          node.addToday(t);
        }
        return;
      }
      case 'cron': {
        if (n < 2) throw new ArgumentError(`CronParser::doParse: Invalid cron: ${line}`);
        const cron = parseCron(tokens, 1, readState);
        if (cron.series !== null && cron.series.finish !== null && node.repeat !== null) {
          throw new ArgumentError(`Node::addCron: Node ${node.absNodePath()} already has a repeat. Inappropriate to add two looping structures at the same level\n`);
        }
        node.addCron(cron);
        return;
      }
      case 'date': {
        if (n < 2) throw new ArgumentError(`DateParser::doParse: Invalid date :${line}`);
        if (empty) throw new ArgumentError(`DateParser::doParse: Could not add date as node stack is empty at line: ${line}`);
        const d = parseDate(tokens[1]!);
        const date = new DateAttr(d.day, d.month, d.year);
        if (readState) for (let i = 3; i < n; i++) if (tokens[i] === 'free') date.free = true;
        if (node instanceof Suite) throw new ArgumentError('Cannot add time based dependency on a suite');
        node.addDate(date);
        return;
      }
      case 'day': {
        if (n < 2) throw new ArgumentError(`DayParser::doParse: Invalid day :${line}`);
        if (empty) throw new ArgumentError(`DayParser::doParse: Could not add day as node stack is empty at line: ${line}`);
        const day = new DayAttr(parseDayName(tokens[1]!));
        if (readState) readDayState(day, tokens);
        if (node instanceof Suite) throw new ArgumentError('Cannot add time based dependency on a suite');
        node.addDay(day);
        return;
      }
      case 'autocancel': {
        if (n < 2) throw new ArgumentError(`AutoCancelParser::doParse: Invalid autocancel :${line}`);
        if (empty) throw new ArgumentError(`AutoCancelParser::doParse: Could not add autocancel as node stack is empty at line: ${line}`);
        const t = tokens[1]!;
        let ac: AutoCancelAttr;
        if (!t.includes(':')) ac = new AutoCancelAttr({ h: theInt(t, `invalid autocancel ${line}`) * 24, m: 0 }, false, true);
        else {
          const r = parseTime(t);
          ac = new AutoCancelAttr(r.slot, r.relative, false);
        }
        if (node.autoArchive !== null) throw new ArgumentError(`Node::addAutoCancel: Cannot add autocancel and autoarchive on the same node ${node.debugNodePath()}`);
        if (node.autoCancel !== null) throw new ArgumentError(`Node::addAutoCancel: A node can only have one autocancel, see node ${node.debugNodePath()}`);
        node.autoCancel = ac;
        return;
      }
      case 'autoarchive': {
        if (n < 2) throw new ArgumentError(`AutoArchiveParser::doParse: Invalid autoarchive :${line}`);
        if (empty) throw new ArgumentError(`AutoArchiveParser::doParse: Could not add autoarchive as node stack is empty at line: ${line}`);
        const t = tokens[1]!;
        const idle = n >= 3 && tokens[2] === '-i';
        let aa: AutoArchiveAttr;
        if (!t.includes(':')) aa = new AutoArchiveAttr({ h: theInt(t, `invalid autoarchive ${line}`) * 24, m: 0 }, false, true, idle);
        else {
          const r = parseTime(t);
          aa = new AutoArchiveAttr(r.slot, r.relative, false, idle);
        }
        if (node.autoCancel !== null) throw new ArgumentError(`Node::add_autoarchive: Cannot add autocancel and autoarchive on the same node ${node.debugNodePath()}`);
        if (node.autoArchive !== null) throw new ArgumentError(`Node::add_autoarchive: A node can only have one autoarchive, see node ${node.debugNodePath()}`);
        node.autoArchive = aa;
        return;
      }
      case 'autorestore': {
        if (n < 2) throw new ArgumentError(`AutoRestoreParser::doParse: Invalid autorestore :${line}`);
        if (empty) throw new ArgumentError(`AutoRestoreParser::doParse: Could not add autorestore as node stack is empty at line: ${line}`);
        const paths: string[] = [];
        for (let i = 1; i < n; i++) {
          if (tokens[i]!.charCodeAt(0) === 35) break;
          paths.push(tokens[i]!);
        }
        if (paths.length === 0) throw new ArgumentError(`AutoRestoreParser::doParse: no paths specified ${line}`);
        if (node.autoRestore !== null) throw new ArgumentError(`Node::add_auto_restore: Can only have one autorestore per node ${node.debugNodePath()}`);
        node.autoRestore = new AutoRestoreAttr(paths);
        return;
      }
      case 'verify': {
        if (n < 2) throw new ArgumentError(`VerifyParser::doParse: Invalid verify :${line}`);
        if (empty) return;
        const t = tokens[1]!;
        const colon = t.indexOf(':');
        if (colon < 0) throw new ArgumentError(`Invalid verify :${line}`);
        const st = t.slice(0, colon);
        if (!isNStateName(st)) throw new ArgumentError(`VerifyParser::doParse: Invalid state :${line}`);
        const expected = theInt(t.slice(colon + 1), 'Invalid verify');
        let actual = 0;
        if (readState && n >= 4 && tokens[2] === '#') actual = toInt(tokens[3]!) ?? 0;
        for (const v of node.verifies) {
          if (v.state === st) throw new ArgumentError(`Add Verify failed: Duplicate 'verify ${st}:${expected}' already exist for node ${node.debugNodePath()}`);
        }
        node.addVerify(new VerifyAttr(st, expected, actual));
        return;
      }
      case 'zombie': {
        if (n < 2) throw new ArgumentError(`ZombieAttrParser::doParse: Invalid zombie :${line}`);
        if (empty) throw new ArgumentError('Add zombie failed empty node stack');
        const z = parseZombie(tokens[1]!);
        for (const x of node.zombies) {
          if (x.type === z.type) throw new ArgumentError(`MiscAttrs::addZombie: Node ${node.absNodePath()} already has a zombie attribute of type ${z.type}\n`);
        }
        node.addZombie(z);
        return;
      }
      case 'queue': {
        if (empty) throw new ArgumentError(`QueueParser::doParse: Could not add queue, as node stack is empty at line: ${line}`);
        if (n < 3) throw new ArgumentError(`QueueAttr::parse: expected at least 3 tokens, found ${n} on line:${line}\n`);
        const name = tokens[1]!;
        if (!isValidName(name)) throw new ArgumentError('QueueAttr::set_name: Invalid queue name : ' + invalidNameReason(name));
        const values: string[] = [];
        for (let i = 2; i < n; i++) {
          const t = tokens[i]!;
          if (t.charCodeAt(0) === 35) break;
          values.push(removeQuotes(removeSingleQuotes(t)));
        }
        if (values.length === 0) throw new ArgumentError(`queue: has no values ${line}`);
        let index = 0;
        const states: ReturnType<typeof queueState>[] = [];
        if (readState) {
          for (let i = 3; i < n; i++) {
            if (tokens[i] === '#' && i + 1 < n) {
              i++;
              index = theInt(tokens[i]!, 'QueueAttr::parse, could not extract index');
              i++;
              for (; i < n; i++) states.push(queueState(tokens[i]!));
              break;
            }
          }
        }
        if (states.length > 0 && states.length !== values.length) {
          throw new ArgumentError(`QueueAttr::set_state: for queue ${name} size ${values.length} does not match state size ${states.length}`);
        }
        if (node.findQueue(name) !== undefined) throw new ArgumentError(`MiscAttrs::add_queue: Node ${node.absNodePath()} already has a queue attribute of name ${name}\n`);
        node.addQueue(new QueueAttr(name, values, index, states.length > 0 ? states : undefined));
        return;
      }
      case 'generic': {
        if (n < 2) throw new ArgumentError(`GenericParser::doParse: Invalid generic :${line}`);
        if (empty) throw new ArgumentError(`GenericParser::doParse: Could not add generic as node stack is empty at line: ${line}`);
        const values: string[] = [];
        for (let i = 2; i < n; i++) {
          if (tokens[i]!.charCodeAt(0) === 35) break;
          values.push(tokens[i]!);
        }
        const name = tokens[1]!;
        if (!isValidName(name)) throw new ArgumentError('GenericAttr::GenericAttr : Invalid generic name : ' + invalidNameReason(name));
        for (const g of node.generics) {
          if (g.name === name) throw new ArgumentError(`MiscAttrs::add_generic : Node ${node.absNodePath()} already has a generic attribute of name ${name}\n`);
        }
        node.addGeneric(new GenericAttr(name, values));
        return;
      }
      case 'clock':
      case 'endclock':
        this.clock(kind, node, empty, line, tokens);
        return;
      case 'calendar': {
        if (n < 2) throw new ArgumentError(`CalendarParser::doParse: Invalid calendar :${line}`);
        if (empty) throw new ArgumentError(`CalendarParser::doParse: Could not add calendar as node stack is empty at line: ${line}`);
        if (!(node instanceof Suite)) throw new ArgumentError(`Calendar can only be added to suites and not ${node.debugType()}`);
        readCalendar(node.calendar, tokens);
        return;
      }
      case 'extern': {
        if (n < 2) throw new ArgumentError(`ExternParser::doParse Invalid extern ${line}`);
        if (tokens[1]!.charCodeAt(0) === 35) throw new ArgumentError(`ExternParser::doParse Invalid extern paths.${line}`);
        this.defs.addExtern(tokens[1]!);
        return;
      }
      case 'defs_state':
        this.defsState(line, tokens);
        return;
      case 'history': {
        if (n < 2) throw new ArgumentError(`Defs::read_history: Invalid history ${line}`);
        const b = line.indexOf('\b');
        if (b >= 0) {
          for (const msg of line.slice(b).split('\b')) if (msg.length > 0) this.defs.addHistory(tokens[1]!, msg);
        } else {
          for (const msg of splitHistoryByLogType(line)) this.defs.addHistory(tokens[1]!, msg);
        }
        return;
      }
      default:
        throw new ArgumentError(`internal: no parser for ${kind}`);
    }
  }

  /** `TriggerCompleteParser::getExpression`. */
  expression(kind: string, line: string, tokens: string[]): { expression: string; type: PartType; free: boolean } {
    if (tokens.length < 2) throw new ArgumentError(`Invalid ${kind} ${line}`);
    let type: PartType = 'first';
    if (tokens[1] === '-a') {
      type = 'and';
      tokens.splice(1, 1);
    } else if (tokens[1] === '-o') {
      type = 'or';
      tokens.splice(1, 1);
    }
    let expression = '';
    let free = false;
    if (hasExtension(line, tokens)) {
      const acc = tokens.slice();
      for (;;) {
        const line2 = this.nextLine() ?? '';
        const t2 = splitTokens(line2, []);
        for (const t of t2) acc.push(t);
        if (!hasExtension(line2, t2)) break;
        if (acc[acc.length - 1] === '\\') acc.pop();
      }
      for (let i = 1; i < acc.length; i++) {
        let t = acc[i]!;
        if (t.charCodeAt(t.length - 1) === 92) t = t.slice(0, -1);
        if (t.length === 0) continue;
        if (t.charCodeAt(0) === 35) break;
        if (i !== 1) expression += ' ';
        expression += t;
      }
    } else {
      const n = tokens.length;
      let end = n;
      for (let i = 1; i < n; i++) {
        if (tokens[i]!.charCodeAt(0) === 35) {
          end = i;
          break;
        }
      }
      expression = joinTokens(tokens, 1, end);
      if (this.style !== 'defs') {
        let comment = false;
        for (let i = 3; i < n; i++) {
          if (comment && tokens[i] === 'free') {
            free = true;
            break;
          }
          if (tokens[i] === '#') comment = true;
        }
      }
    }
    if (expression.length === 0) throw new ArgumentError(`Invalid trigger ${line}`);
    return { expression, type, free };
  }

  repeat(node: Node, empty: boolean, line: string, tokens: string[]): void {
    const n = tokens.length;
    if (n < 3) throw new ArgumentError(`RepeatParser::doParse: Invalid repeat ${line}`);
    if (empty) throw new ArgumentError(`RepeatParser::doParse: Could not add repeat as node stack is empty at line: ${line}`);
    const msg = `Invalid repeat : ${line}`;
    const kind = tokens[1];
    const getValue = (): number | undefined => {
      if (this.style === 'defs') return undefined;
      let after = '';
      for (let i = n - 1; i > 3; i--) {
        if (tokens[i] === '#') return theInt(after, 'RepeatParser::doParse, could not extract repeat value');
        after = tokens[i]!;
      }
      return undefined;
    };
    const listValues = (): string[] => {
      const out: string[] = [];
      for (let i = 3; i < n; i++) {
        const t = tokens[i]!;
        if (t.charCodeAt(0) === 35) break;
        out.push(removeQuotes(removeSingleQuotes(t)));
      }
      return out;
    };
    let repeat;
    switch (kind) {
      case 'date': {
        if (n < 5) throw new ArgumentError(msg);
        const start = ymd(tokens[3]!, msg);
        const end = ymd(tokens[4]!, msg);
        const delta = n >= 6 && tokens[5]!.charCodeAt(0) !== 35 ? theInt(tokens[5]!, msg) : 1;
        const r = new RepeatDate(tokens[2]!, start, end, delta);
        const v = getValue();
        if (v !== undefined) r.value = v;
        repeat = r;
        break;
      }
      case 'datelist': {
        if (n < 4) throw new ArgumentError(msg);
        const name = tokens[2]!;
        const dates = listValues().map((d) => {
          const v = toInt(d);
          if (v === undefined) throw new ArgumentError(`RepeatParser::doParse: repeat datelist ${name}, invalid date : ${d}`);
          return v;
        });
        if (dates.length === 0) throw new ArgumentError(msg);
        const r = new RepeatDateList(name, dates);
        const v = getValue();
        if (v !== undefined) r.index = v;
        repeat = r;
        break;
      }
      case 'enumerated':
      case 'string': {
        if (n < 4) throw new ArgumentError(msg);
        const values = listValues();
        if (values.length === 0) throw new ArgumentError(msg);
        const r = kind === 'enumerated' ? new RepeatEnumerated(tokens[2]!, values) : new RepeatString(tokens[2]!, values);
        const v = getValue();
        if (v !== undefined) r.index = v;
        repeat = r;
        break;
      }
      case 'integer': {
        if (n < 5) throw new ArgumentError(msg);
        const start = theInt(tokens[3]!, msg);
        const end = theInt(tokens[4]!, msg);
        const step = n >= 6 && tokens[5]!.charCodeAt(0) !== 35 ? theInt(tokens[5]!, msg) : 1;
        const r = new RepeatInteger(tokens[2]!, start, end, step);
        const v = getValue();
        if (v !== undefined) r.value = v;
        repeat = r;
        break;
      }
      case 'day': {
        const step = theInt(tokens[2]!, 'Invalid repeat day:');
        if (n >= 4 && tokens[3]!.charCodeAt(0) !== 35) throw new ArgumentError(`RepeatParser::doParse: repeat day, <end-date> not supported: ${line}`);
        repeat = new RepeatDay(step);
        break;
      }
      case 'month':
        throw new ArgumentError(`RepeatParser::doParse: repeat month not supported: ${line}`);
      case 'year':
        throw new ArgumentError(`RepeatParser::doParse: repeat year not supported: ${line}`);
      case 'file':
        return;
      default:
        throw new ArgumentError(`RepeatParser::doParse: Invalid repeat ${line}`);
    }
    if (node.repeat !== null) {
      throw new ArgumentError(`Add Repeat failed: Repeat of name '${node.repeat.name}' already exist for node ${node.debugNodePath()}`);
    }
    if (node.crons.length > 0) {
      throw new ArgumentError(`Node::addRepeat: Node ${node.absNodePath()} already has a cron. Inappropriate to add two looping structures at the same level\n`);
    }
    node.repeat = repeat;
  }

  clock(kind: string, node: Node, empty: boolean, line: string, tokens: string[]): void {
    const n = tokens.length;
    const isEnd = kind === 'endclock';
    if (n < 2) throw new ArgumentError(`${isEnd ? 'ClockEndParser' : 'ClockParser'}::doParse: Invalid clock :${line}`);
    if (empty) throw new ArgumentError(isEnd ? `ClockEndParser::doParse: Could not add end clock as node stack is empty at line: ${line}` : `ClockParser::doParse: Could not add clock as node stack is empty at line: ${line}`);
    let clock: ClockAttr;
    let i: number;
    if (!isEnd) {
      if (tokens[1] === 'real') clock = new ClockAttr(false);
      else if (tokens[1] === 'hybrid') clock = new ClockAttr(true);
      else throw new ArgumentError(`Invalid clock :${line}`);
      i = 2;
    } else {
      clock = new ClockAttr(false, true);
      i = 1;
    }
    if (n >= i + 1 && tokens[i]!.charCodeAt(0) !== 35) {
      const t = tokens[i]!;
      if (t.includes('.')) {
        const d = parseDate(t);
        if (d.day < 1 || d.day > 31) throw new ArgumentError('Invalid date attribute : the day >= 1 and day < 31');
        if (d.month < 1 || d.month > 12) throw new ArgumentError('Invalid date attribute: the month >=1 and month <= 12');
        if (d.year <= 0) throw new ArgumentError('Invalid date attribute: the year >0');
        checkGregorian(d.year, d.month, d.day);
        clock.day = d.day;
        clock.month = d.month;
        clock.year = d.year;
        if (n >= i + 2 && tokens[i + 1]!.charCodeAt(0) !== 35) extractGain(tokens[i + 1]!, clock);
      } else if (isEnd || t !== '-s') extractGain(t, clock);
    }
    if (!(node instanceof Suite)) throw new ArgumentError(`Clock can only be added to suites and not ${node.debugType()}`);
    if (!isEnd) {
      if (node.clock !== null) throw new ArgumentError(`Add Clock failed: Suite can only have one clock ${node.absNodePath()}`);
      if (node.endClock !== null && clockTime(node.endClock) <= clockTime(clock)) {
        throw new ArgumentError(`Add Clock failed:: End time must be greater than start time ${node.absNodePath()}`);
      }
      node.clock = clock;
      if (node.endClock !== null) node.endClock.hybrid = clock.hybrid;
    } else {
      if (node.endClock !== null) throw new ArgumentError(`Add end Clock failed: Suite can only have one end clock ${node.absNodePath()}`);
      if (node.clock !== null && clockTime(clock) <= clockTime(node.clock)) {
        throw new ArgumentError(`Add end Clock failed: End time must be greater than start time ${node.absNodePath()}`);
      }
      if (node.clock !== null) clock.hybrid = node.clock.hybrid;
      node.endClock = clock;
    }
  }

  defsState(line: string, tokens: string[]): void {
    if (tokens.length < 2) throw new ArgumentError(`DefsStateParser::doParse Invalid defs_state ${line}`);
    const t = tokens[1];
    if (t === 'STATE') this.style = 'state';
    else if (t === 'MIGRATE') this.style = 'migrate';
    else if (t === 'NET') this.style = 'net';
    else throw new ArgumentError(`DefsStateParser::doParse: file type not specified : ${line}`);
    const defs = this.defs;
    defs.style = this.style;
    for (let i = 2; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const v = tok.slice(tok.indexOf(':') + 1);
      if (tok.includes('state>:')) {
        if (!isNStateName(v)) throw new ArgumentError(`Defs::read_state: Invalid state specified : ${v}`);
        defs.state = v;
      } else if (tok.includes('flag:')) defs.flags = flagsFromString(v, defs.flags);
      else if (tok.includes('state_change:')) defs.stateChangeNo = theInt(v, `Defs::read_state: invalid state_change specified : ${line}`);
      else if (tok.includes('modify_change:')) defs.modifyChangeNo = theInt(v, `Defs::read_state: invalid state_change specified : ${line}`);
      else if (tok.includes('server_state:')) {
        if (!isSStateName(v)) throw new ArgumentError(`Defs::read_state: Invalid server_state specified : ${line}`);
        defs.serverState = v;
      } else if (tok.includes('cal_count:')) defs.calendarCount = theInt(v, `Defs::read_state: invalid cal_count specified : ${line}`);
    }
  }
}

/** Tokens `from..to-1` joined by single spaces, as one flat string. */
function joinTokens(tokens: readonly string[], from: number, to: number): string {
  if (to - from === 1) return tokens[from]!;
  return tokens.slice(from, to).join(' ');
}

function clockTime(c: ClockAttr): number {
  if (c.day !== 0) return Date.UTC(c.year, c.month - 1, c.day) / 1000 + c.gain;
  return Math.floor(Date.now() / 1000) + c.gain;
}

function extractGain(tok: string, clock: ClockAttr): void {
  if (tok.includes(':')) {
    const r = parseTime(tok);
    clock.positiveGain = r.relative;
    clock.gain = r.slot.h * 3600 + r.slot.m * 60;
    return;
  }
  let t = tok;
  let positive = false;
  if (t.charCodeAt(0) === 43) {
    positive = true;
    t = t.slice(1);
  }
  clock.gain = theInt(t, `Invalid clock gain:${tok}`);
  clock.positiveGain = positive;
}

function ymd(tok: string, msg: string): number {
  if (tok.length !== 8) throw new ArgumentError(`${msg} YMD must be 8 characters i.e yyyymmdd`);
  const v = toInt(tok);
  if (v === undefined || !/^\d{8}$/.test(tok)) throw new ArgumentError(`${msg}\n YMD is not a valid date`);
  try {
    checkGregorian(Math.trunc(v / 10000), Math.trunc(v / 100) % 100, v % 100);
  } catch (e) {
    throw new ArgumentError(`${msg}\n${(e as Error).message} YMD is not a valid date`);
  }
  return v;
}

function hasExtension(line: string, tokens: readonly string[]): boolean {
  if (line.length === 0 || tokens.length === 0) return false;
  if (line.charCodeAt(line.length - 1) === 92) return true;
  const last = tokens[tokens.length - 1]!;
  return last.charCodeAt(last.length - 1) === 92;
}

const LOG_TYPES = ['MSG', 'LOG', 'ERR', 'WAR', 'DBG', 'OTH'];
function splitHistoryByLogType(line: string): string[] {
  const find = (from: number): number => {
    for (const t of LOG_TYPES) {
      const p = line.indexOf(t + ':[', from);
      if (p >= 0) return p;
    }
    return -1;
  };
  const out: string[] = [];
  let first = find(0);
  if (first < 0) return out;
  let next = find(first + 4);
  while (next >= 0) {
    out.push(line.slice(first, next));
    first = next;
    next = find(first + 4);
  }
  out.push(line.slice(first));
  return out;
}

/** `Node::read_state`. */
function readNodeState(node: Node, _line: string, tokens: readonly string[]): void {
  for (let i = 3; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.includes('state:')) {
      const colon = tok.indexOf(':');
      const v = tok.slice(colon + 1);
      if (!isNStateName(v)) throw new ArgumentError(`Node::read_state Invalid state specified for node : ${node.name}`);
      node.state = v;
    } else if (tok.includes('flag:')) {
      node.flags = flagsFromString(tok.slice(tok.indexOf(':') + 1), node.flags);
    } else if (tok.includes('dur:')) {
      node.stateDuration = parseDuration(tok.slice(tok.indexOf(':') + 1));
    } else if (tok.includes('rt:')) {
      node.runtime = parseDuration(tok.slice(tok.indexOf(':') + 1));
    } else if (tok === 'suspended:1') node.suspended = true;
  }
}

/** `Submittable::read_state`. */
function readSubmittableState(node: Task | Alias, line: string, tokens: readonly string[]): void {
  for (let i = 3; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.includes('passwd:')) node.password = tok.slice(tok.indexOf(':') + 1);
    else if (tok.includes('rid:')) node.rid = tok.slice(tok.indexOf(':') + 1);
    else if (tok.includes('try:')) node.tryNo = theInt(tok.slice(tok.indexOf(':') + 1), 'Submittable::read_state failed for try number');
  }
  const first = line.indexOf('abort<:');
  const last = line.indexOf('>abort');
  if (first >= 0) {
    if (last < 0) throw new ArgumentError('Submittable::read_state failed for abort reason. Expected abort reason to on single line;');
    node.abortedReason = line.slice(first + 7, last);
  }
  readNodeState(node, line, tokens);
}

/** `Task::read_state`. */
function readTaskState(task: Task, line: string, tokens: readonly string[]): void {
  if (line.includes('alias_no:')) {
    for (let i = 3; i < tokens.length; i++) {
      const tok = tokens[i]!;
      if (tok.includes('alias_no:')) {
        task.aliasNo = theInt(tok.slice(tok.indexOf(':') + 1), `Task::read_state: invalid alias_no specified : ${line}`);
        break;
      }
    }
  }
  readSubmittableState(task, line, tokens);
}

/**
 * Parses a suite definition in any print style; the style is detected from the `defs_state` header
 * (none means DEFS). Throws `DefsParseError` where ecFlow's parser (and, for DEFS/STATE, its check)
 * would reject the text.
 */
export function parseDefs(text: string, options: ParseOptions = {}): Defs {
  const file = options.file ?? '<string>';
  const p = new StructureParser(text, file, false);
  const first = text.charCodeAt(0) === 35 ? text.slice(1, text.indexOf('\n') >>> 0) : '';
  if (/^\d+\.\d+\.\d+$/.test(first)) p.defs.version = first;
  p.run();
  if (p.style !== 'net' && p.style !== 'migrate' && options.check !== false) {
    const err = checkDefsErrors(p.defs);
    if (err !== undefined) throw new DefsParseError(file, err.line, err.message, err.text);
  }
  return p.defs;
}

/** Parse result of `parseNodeText`, with the warnings of the fault tolerant styles. */
export interface ParsedNode {
  node: AnyNode;
  warnings: string;
}

/**
 * Parses a single node printed by `printNode` / `node.print(NET)` (the `SNodeCmd` text of
 * `ecflow_client --get=/path`). The text is read as MIGRATE style, as ecFlow does.
 */
export function parseNode(text: string, options: { file?: string } = {}): AnyNode {
  const p = new StructureParser(text, options.file ?? '<string>', true);
  p.run();
  if (p.root === null) throw new DefsParseError(p.file, p.lineNo, 'No node found', '');
  return p.root;
}

/** Internal: parse and also report the NET/MIGRATE faults (ignored unknown keywords). */
export function parseDefsWithWarnings(text: string, options: ParseOptions = {}): { defs: Defs; warnings: string } {
  const file = options.file ?? '<string>';
  const p = new StructureParser(text, file, false);
  p.run();
  if (p.style !== 'net' && p.style !== 'migrate' && options.check !== false) {
    const err = checkDefsErrors(p.defs);
    if (err !== undefined) throw new DefsParseError(file, err.line, err.message, err.text);
  }
  return { defs: p.defs, warnings: p.faults };
}
