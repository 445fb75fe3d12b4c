/**
 * STATE style: the expression evaluation tree ecFlow prints under trigger/complete lines
 * (`Node::print` with `PrintStyle::STATE`, `AstTop::print` and the `Ast*::print` of
 * ANode/src/ExprAst.cpp), evaluated against the node states held by the definition.
 */
import type { Expression, Node } from './model.js';
import { parseExpression, type ExprAst } from './expression.js';
import { findReferencedNode } from './find.js';
import { findGenVariableValue, dateToJulian, julianToDate, repeatLastValidValue, repeatLastValidValuePlus, repeatValue } from './generated.js';
import { DState, Flag, type FlagName } from './states.js';
import { toInt } from './text.js';
import { TESTED_VERSIONS } from '../versions.js';

// ExprDuplicate: identical expressions are parsed once.
const astCache = new Map<string, ExprAst | null>();

/**
 * Expressions are evaluated with the newest grammar: it reads every expression an older release
 * reads the same way, and also the `yyyymmddTHHMMSS` literals of 5.12+.
 */
const GRAMMAR = { version: TESTED_VERSIONS[TESTED_VERSIONS.length - 1] };

function partAst(text: string): ExprAst | null {
  let ast = astCache.get(text);
  if (ast === undefined) {
    try {
      ast = hasUnary(text) ? null : parseExpression(text, GRAMMAR);
    } catch {
      ast = null;
    }
    if (astCache.size > 100_000) astCache.clear();
    astCache.set(text, ast);
  }
  return ast;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'AND', 'OR', 'eq', 'ne', 'lt', 'le', 'gt', 'ge']);

/**
 * Whether the expression uses a unary `+` / `-` (`x == -1`). ecFlow's tree builder leaves such an
 * operator node with a single child, `AstTop::is_valid_ast` fails and no tree exists (our parser
 * spells it `0 - 1`, so it is detected on the text: names never contain `+` or `-`).
 */
function hasUnary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 43 && c !== 45) continue;
    let j = i - 1;
    while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--;
    if (j < 0) return true;
    const p = text.charCodeAt(j);
    const word = (p >= 48 && p <= 57) || (p >= 65 && p <= 90) || (p >= 97 && p <= 122) || p === 95 || p === 46;
    if (p === 41) continue; // ')'
    if (!word) return true;
    let k = j;
    while (k >= 0 && /[A-Za-z0-9_.]/.test(text[k]!)) k--;
    if (KEYWORDS.has(text.slice(k + 1, j + 1))) return true;
  }
  return false;
}

/** `Expression::createAST`: the parts combined into one tree with AND / OR; `null` when the first part does not parse. */
export function combinedAst(e: Expression): ExprAst | null {
  const parts = e.parts;
  let root: ExprAst | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const ast = partAst(part.text);
    if (ast === null) break;
    if (root === null) root = ast;
    else root = { type: part.type === 'or' ? 'or' : 'and', left: root, right: ast };
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// evaluation (Ast::evaluate / Ast::value)

const NODE_FLAG: Record<'late' | 'zombie' | 'archived', FlagName> = { late: 'late', zombie: 'zombie', archived: 'archived' };

/** `Node::dstate`. */
function dstate(n: Node): number {
  return n.suspended ? DState.suspended : DState[n.state];
}

// References resolved while one expression is printed (ecFlow caches them in the AST nodes); a
// short list, as an expression names few paths.
const memoKeys: string[] = [];
const memoObjs: string[] = [];
const memoNodes: (Node | null)[] = [];
let memoFrom: Node | null = null;

/** @internal `Node::findReferencedNode`, memoised while one expression is evaluated. */
export function refNode(from: Node, path: string, externObj = ''): Node | undefined {
  if (from !== memoFrom) {
    memoKeys.length = memoObjs.length = memoNodes.length = 0;
    memoFrom = from;
  }
  for (let i = 0; i < memoKeys.length; i++) {
    if (memoKeys[i] === path && memoObjs[i] === externObj) return memoNodes[i] ?? undefined;
  }
  const n = findReferencedNode(from, path, externObj).node;
  if (memoKeys.length < 32) {
    memoKeys.push(path);
    memoObjs.push(externObj);
    memoNodes.push(n ?? null);
  }
  return n;
}

/** @internal Forgets the references `refNode` resolved (call before and after using an `Evaluator`). */
export function resetRefMemo(): void {
  memoKeys.length = memoObjs.length = memoNodes.length = 0;
  memoFrom = null;
}

/** `Node::findExprVariable`. */
export function hasExprVariable(n: Node, name: string): boolean {
  if (findEventByNameOrNumber(n, name) !== undefined) return true;
  if (n.findMeter(name) !== undefined) return true;
  if (n.findVariable(name) !== undefined) return true;
  const r = n.repeat;
  if (r !== null && r.name === name) return true;
  if (findGenVariableValue(n, name) !== undefined) return true;
  if (n.findLimit(name) !== undefined) return true;
  return n.findQueue(name) !== undefined;
}

function findEventByNameOrNumber(n: Node, name: string) {
  const events = n.events;
  if (events.length === 0) return undefined;
  for (const e of events) if (e.name === name) return e;
  const c = name.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const num = toInt(name);
    if (num !== undefined) for (const e of events) if (e.number === num) return e;
  }
  return undefined;
}

function intValue(s: string): number {
  // Str::to_int(s, 0): only tried when the text holds a digit
  if (!/[0-9]/.test(s)) return 0;
  return toInt(s) ?? 0;
}

function queueIndexOrValue(q: { values: string[]; index: number }): number {
  if (q.index >= 0 && q.index < q.values.length) {
    const v = toInt(q.values[q.index]!);
    if (v !== undefined) return v;
  }
  return q.index;
}

/** `Node::findExprVariableValueAndPlus/Minus/Value` with `op` 0 (value), 1 (plus) or -1 (minus). */
function exprVariableValue(n: Node, name: string, op: number, val: number): number {
  const e = findEventByNameOrNumber(n, name);
  if (e !== undefined) return ((e.value ? 1 : 0) + op * val) | 0;
  const m = n.findMeter(name);
  if (m !== undefined) return (m.value + op * val) | 0;
  const v = n.findVariable(name);
  if (v !== undefined) return (intValue(v.value) + op * val) | 0;
  const r = n.repeat;
  if (r !== null && r.name === name) {
    if (op === 0) return repeatLastValidValue(r) | 0;
    return repeatLastValidValuePlus(r, op * val) | 0;
  }
  const g = findGenVariableValue(n, name);
  if (g !== undefined) return (intValue(g) + op * val) | 0;
  const l = n.findLimit(name);
  if (l !== undefined) return (l.value + op * val) | 0;
  const q = n.findQueue(name);
  if (q !== undefined) return (queueIndexOrValue(q) + op * val) | 0;
  return (op * val) | 0;
}

/** `Node::findExprVariableAndPrint`. */
function exprVariableText(n: Node, name: string): string {
  const e = findEventByNameOrNumber(n, name);
  if (e !== undefined) return 'EVENT value(' + (e.value ? 1 : 0) + ')';
  const m = n.findMeter(name);
  if (m !== undefined) return 'METER value(' + m.value + ')';
  const v = n.findVariable(name);
  if (v !== undefined) return 'USER-VARIABLE value(' + intValue(v.value) + ')';
  const r = n.repeat;
  if (r !== null && r.name === name) return 'REPEAT value(' + repeatValue(r) + ')';
  const g = findGenVariableValue(n, name);
  if (g !== undefined) return 'GEN-VARIABLE value(' + intValue(g) + ')';
  const l = n.findLimit(name);
  if (l !== undefined) return l.toString() + ' value(' + l.value + ')';
  const q = n.findQueue(name);
  if (q !== undefined) return 'QUEUE ' + q.name + ' value(' + queueIndexOrValue(q) + ')';
  return '';
}

/** `AstParentVariable::find_node_which_references_variable`. */
export function parentVariableNode(from: Node, name: string): Node | undefined {
  for (let p: Node | null = from; p !== null; p = p.parent) if (hasExprVariable(p, name)) return p;
  return undefined;
}

function flagValue(from: Node, path: string, flag: 'late' | 'zombie' | 'archived'): number {
  const bit = 1 << Flag[NODE_FLAG[flag]];
  if (path !== '/') {
    const n = refNode(from, path);
    if (n !== undefined && (n.flags & bit) !== 0) return 1;
    return 0;
  }
  const defs = from.defs;
  return defs !== null && (defs.flags & bit) !== 0 ? 1 : 0;
}

function digitsInInteger(n: number): number {
  let digits = n < 0 ? 1 : 0;
  while (n !== 0) {
    n = Math.trunc(n / 10);
    digits++;
  }
  return digits;
}

/** @internal `Ast::evaluate` / `Ast::value` over our AST, for the node holding the expression. */
export class Evaluator {
  node: Node;
  constructor(node: Node) {
    this.node = node;
  }

  evaluate(a: ExprAst): boolean {
    switch (a.type) {
      case 'and':
        return this.evaluate(a.left) && this.evaluate(a.right);
      case 'or':
        return this.evaluate(a.left) || this.evaluate(a.right);
      case 'not':
        return !this.evaluate(a.arg);
      case 'compare': {
        const l = this.value(a.left);
        const r = this.value(a.right);
        switch (a.op) {
          case '==':
            return l === r;
          case '!=':
            return l !== r;
          case '<':
            return l < r;
          case '<=':
            return l <= r;
          case '>':
            return l > r;
          case '>=':
            return l >= r;
        }
        return false;
      }
      case 'arith':
        return true;
      case 'integer':
      case 'instant':
      case 'variable':
      case 'parentVariable':
      case 'flag':
      case 'function':
        return this.value(a) !== 0;
      default:
        return false;
    }
  }

  value(a: ExprAst): number {
    switch (a.type) {
      case 'integer':
      case 'instant':
        return a.value;
      case 'nodeState':
        return DState[a.state];
      case 'eventState':
        return a.set ? 1 : 0;
      case 'node': {
        const n = refNode(this.node, a.path);
        return n === undefined ? DState.unknown : dstate(n);
      }
      case 'flag':
        return flagValue(this.node, a.path, a.flag);
      case 'variable': {
        const n = refNode(this.node, a.path, a.name);
        return n === undefined ? 0 : exprVariableValue(n, a.name, 0, 0);
      }
      case 'parentVariable': {
        const n = parentVariableNode(this.node, a.name);
        return n === undefined ? 0 : exprVariableValue(n, a.name, 0, 0);
      }
      case 'function': {
        let arg = this.value(a.arg);
        if (a.fn === 'date_to_julian') {
          const digits = digitsInInteger(arg);
          if (digits === 10) arg = Math.trunc(arg / 100);
          else if (digits !== 8) return 0;
          return dateToJulian(arg) | 0;
        }
        return julianToDate(arg) | 0;
      }
      case 'not':
        return this.value(a.arg) === 0 ? 1 : 0;
      case 'arith':
        switch (a.op) {
          case '+':
            return this.plusMinus(a.left, a.right, 1);
          case '-':
            return this.plusMinus(a.left, a.right, -1);
          case '*':
            return Math.imul(this.value(a.left), this.value(a.right));
          case '/': {
            const r = this.value(a.right);
            return r === 0 ? 0 : Math.trunc(this.value(a.left) / r) | 0;
          }
          case '%': {
            const r = this.value(a.right);
            return r === 0 ? 0 : this.value(a.left) % r | 0;
          }
        }
        return 0;
      default:
        return 0; // Ast::value() of AND / OR / comparisons
    }
  }

  /** `Ast::plus/minus`: variables do date arithmetic on repeat dates. */
  plusMinus(left: ExprAst, right: ExprAst, op: number): number {
    if (left.type === 'variable') {
      const val = this.value(right);
      const n = refNode(this.node, left.path, left.name);
      return n === undefined ? (op * val) | 0 : exprVariableValue(n, left.name, op, val);
    }
    if (left.type === 'parentVariable') {
      const val = this.value(right);
      const n = parentVariableNode(this.node, left.name);
      return n === undefined ? val : exprVariableValue(n, left.name, op, val);
    }
    return (this.value(left) + op * this.value(right)) | 0;
  }
}

// ---------------------------------------------------------------------------------------------
// printing

const COMPARE_NAME = { '==': 'EQUAL', '!=': 'NOT_EQUAL', '<': 'LESS_THAN', '<=': 'LESS_EQUAL', '>': 'GREATER_THAN', '>=': 'GREATER_EQUAL' } as const;
const ARITH_NAME = { '+': 'PLUS', '-': 'MINUS', '*': 'MULTIPLY', '/': 'DIVIDE', '%': 'Modulo' } as const;

const PADS: string[] = [''];
function padOf(level: number): string {
  let p = PADS[level];
  if (p === undefined) {
    for (let i = PADS.length; i <= level; i++) PADS.push('  '.repeat(i));
    p = PADS[level]!;
  }
  return p;
}

class AstPrinter {
  out: string[] = [];
  readonly ev: Evaluator;
  indentOn: boolean;
  /** formatter/DefsWriter.hpp's nesting (5.14.1+): every tree node one level below its parent. */
  nested = false;
  constructor(node: Node, indentOn: boolean) {
    this.ev = new Evaluator(node);
    this.indentOn = indentOn;
  }

  pad(level: number): string {
    return this.indentOn ? padOf(level) : '';
  }

  /** Prints `a`; roots at `level`, leaves one deeper (each leaf's own `Indentor`). */
  print(a: ExprAst, level: number): void {
    const ev = this.ev;
    const o = this.out;
    switch (a.type) {
      case 'and':
      case 'or':
        o.push(this.pad(level), a.type === 'and' ? '# AND (' : '# OR (', ev.evaluate(a) ? 'true' : 'false', ')\n');
        this.children(a.left, a.right, level);
        return;
      case 'compare':
        o.push(this.pad(level), '# ', COMPARE_NAME[a.op], ' (', ev.evaluate(a) ? 'true' : 'false', ')\n');
        this.children(a.left, a.right, level);
        return;
      case 'arith':
        o.push(this.pad(level), '# ', ARITH_NAME[a.op], ' value(' + ev.value(a) + ')\n');
        this.children(a.left, a.right, level);
        return;
      case 'not':
        o.push(this.pad(level), '# NOT (', ev.evaluate(a) ? 'true' : 'false', ')\n');
        this.children(a.arg, null, level);
        return;
      default:
        this.leaf(a, this.pad(this.nested ? level : level + 1));
    }
  }

  children(left: ExprAst, right: ExprAst | null, level: number): void {
    if (this.nested) {
      this.print(left, level + 1);
      if (right !== null) this.print(right, level + 1);
      return;
    }
    // AstRoot::print: a root child gets an Indentor, a leaf child indents itself
    this.print(left, isRoot(left) ? level + 1 : level);
    if (right !== null) this.print(right, isRoot(right) ? level + 1 : level);
  }

  leaf(a: ExprAst, p: string): void {
    const node = this.ev.node;
    const o = this.out;
    switch (a.type) {
      case 'integer':
        o.push(p, '# INTEGER ' + a.value + '\n');
        return;
      case 'instant':
        o.push(p, '# Instant ' + a.value + '\n');
        return;
      case 'nodeState':
        o.push(p, '# NODE_STATE ', a.state, '(' + DState[a.state] + ')\n');
        return;
      case 'eventState':
        o.push(p, a.set ? '# EVENT_STATE 1\n' : '# EVENT_STATE 0\n');
        return;
      case 'node': {
        const ref = refNode(node, a.path);
        if (ref !== undefined) {
          const st = dstate(ref);
          o.push(p, '# NODE ', a.path, ' ', DSTATE_BY_VALUE[st]!, '(' + st + ')\n');
        } else o.push(p, '# NODE node(?not-found?) ', a.path, ' unknown(0) # check suite filter\n');
        return;
      }
      case 'flag': {
        const ref = a.path === '/' ? undefined : refNode(node, a.path);
        if (ref !== undefined) {
          const set = (ref.flags & (1 << Flag[NODE_FLAG[a.flag]])) !== 0 ? 1 : 0;
          o.push(p, '# FLAG_NODE ', a.path, ' ', a.flag, '(' + set + ')\n');
        } else o.push(p, '# FLAG_NODE node(?not-found?) ', a.path, ' ', a.flag, '(0) # check suite filter\n');
        return;
      }
      case 'variable': {
        const ref = refNode(node, a.path, a.name);
        o.push(p, '# ', a.path, ':', a.name);
        if (ref !== undefined) o.push(' node(', ref.name, ') ', exprVariableText(ref, a.name), '\n');
        else o.push(' node(?not-found?) ', a.path, ' value(0) # check suite filter\n');
        return;
      }
      case 'parentVariable': {
        const ref = parentVariableNode(node, a.name);
        o.push(p, '# :', a.name);
        if (ref !== undefined) o.push(' node(', ref.name, ') ', exprVariableText(ref, a.name), '\n');
        else o.push(' node(?not-found?) value(0) # check suite filter\n');
        return;
      }
      case 'function':
        o.push(p, a.fn === 'date_to_julian' ? '# DATE_TO_JULIAN ' : '# JULIAN_TO_DATE ', this.ev.value(a) + '\n');
        return;
      default:
        return;
    }
  }
}

const DSTATE_BY_VALUE = ['unknown', 'complete', 'queued', 'aborted', 'submitted', 'active', 'suspended'];

function isRoot(a: ExprAst): boolean {
  const t = a.type;
  return t === 'and' || t === 'or' || t === 'compare' || t === 'arith' || t === 'not';
}

// one printer reused for every expression (printing is synchronous)
let shared: AstPrinter | null = null;

/**
 * Appends to `out` the STATE-style lines under a `trigger` / `complete` (`Node::print`): `# (free)`
 * when freed, then `# Trigger Evaluation Tree` and the evaluated tree. `level` is the level of the
 * expression lines; `nested` lays the tree out as ecFlow 5.14.1+ does (formatter/DefsWriter.hpp),
 * else as `AstTop::print` did.
 */
export function appendStateAst(node: Node, expr: Expression, indent: boolean, level: number, out: string[], nested = false): void {
  const printer = shared ?? (shared = new AstPrinter(node, indent));
  resetRefMemo();
  printer.ev.node = node;
  printer.indentOn = indent;
  printer.nested = nested;
  printer.out = out;
  if (expr.free) out.push(printer.pad(level), '# (free)\n');
  const root = combinedAst(expr);
  if (root !== null) {
    const top = nested ? level : level + 1;
    if (node.defs === null) out.push(printer.pad(top), '# Warning: Full/correct AST evaluation requires the definition\n');
    out.push(printer.pad(top), '# Trigger Evaluation Tree\n');
    printer.print(root, top + 1);
  }
  printer.out = [];
  printer.ev.node = null as unknown as Node; // do not keep the definition alive
  resetRefMemo();
}

/** `appendStateAst` as a string. */
export function formatStateAst(node: Node, expr: Expression, indent: boolean, level: number): string {
  const out: string[] = [];
  appendStateAst(node, expr, indent, level, out);
  return out.join('');
}

/** Whether an expression holds (`AstTop::evaluate`); `undefined` when it does not parse. */
export function evaluateExpression(node: Node, expr: Expression): boolean | undefined {
  const root = combinedAst(expr);
  if (root === null) return undefined;
  resetRefMemo();
  const r = new Evaluator(node).evaluate(root);
  resetRefMemo();
  return r;
}

