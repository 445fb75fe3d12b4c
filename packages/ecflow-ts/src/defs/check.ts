/**
 * Semantic check of a definition (`Defs::check`): trigger and complete expressions parse and their
 * node/attribute references resolve, in-limits find their limits (warnings), autorestore paths exist.
 */
import { ArgumentError } from '../errors.js';
import { parseExpression, type ExprAst } from './expression.js';
import { findExprVariable, findExtern, findReferencedNode } from './find.js';
import { repeatValue } from './generated.js';
import { NodeContainer, type Defs, type Expression, type Node } from './model.js';
import { toInt } from './text.js';
import { DEFAULT_VERSION, since } from '../versions.js';

/** Options of `checkDefs`. */
export interface CheckOptions {
  /**
   * The ecFlow release whose check to imitate: from 5.12 expressions may hold `yyyymmddTHHMMSS`
   * literals; from 5.16 an `extern` may name a missing node of a loaded suite.
   * @default '5.9.2'
   */
  version?: string;
}

/** Errors and warnings found by `check`. */
export interface CheckResult {
  /** The errors, as ecFlow's check prints them; empty when there are none. */
  errors: string;
  /** The warnings, as ecFlow's check prints them; empty when there are none. */
  warnings: string;
  /** The first error, located: source line (0 when unknown), message and the offending text. */
  first:
    | {
        /** Source line of the node or attribute (0 when unknown). */
        line: number;
        /** The error message. */
        message: string;
        /** The offending text: the expression or attribute. */
        text: string;
      }
    | undefined;
}

/** Parses every part of an expression and combines them (`Expression::createAST`). */
export function expressionAst(expr: Expression, version: string = DEFAULT_VERSION): ExprAst {
  let ast: ExprAst | undefined;
  for (const part of expr.parts) {
    const a = parseExpression(part.text, { version });
    ast = ast === undefined ? a : { type: part.type === 'or' ? 'or' : 'and', left: ast, right: a };
  }
  if (ast === undefined) throw new ArgumentError('Expression is empty');
  return ast;
}

class Checker {
  errors = '';
  warnings = '';
  first: CheckResult['first'] = undefined;
  readonly defs: Defs;
  readonly version: string;
  /** 5.16+: an extern naming a missing node of a loaded suite is no error. */
  readonly loadedExterns: boolean;
  constructor(defs: Defs, version: string) {
    this.defs = defs;
    this.version = version;
    this.loadedExterns = since(version, 'externsIntoLoadedSuites');
  }

  error(node: Node, line: number, message: string, text: string): void {
    this.errors += message;
    if (this.first === undefined) this.first = { line: line !== 0 ? line : node.line, message, text: text.length > 0 ? text : node.absNodePath() };
  }

  node(node: Node): void {
    if (node.complete !== null) this.expression(node, node.complete, 'complete');
    if (node.trigger !== null) this.expression(node, node.trigger, 'trigger');
    if (node.hasRareAttributes()) {
      for (const il of node.inLimits) this.inLimit(node, il.name, il.path, il.tokens, il.toString());
      if (node.autoRestore !== null) this.autoRestore(node, node.autoRestore.paths);
    }
    if (node instanceof NodeContainer) {
      const kids = node.children;
      for (let i = 0; i < kids.length; i++) this.node(kids[i]!);
    }
  }

  expression(node: Node, expr: Expression, kind: 'trigger' | 'complete'): void {
    if (this.quickExpression(node, expr)) return;
    let ast: ExprAst | undefined;
    for (const part of expr.parts) {
      let a: ExprAst;
      try {
        a = parseExpression(part.text, { version: this.version });
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        const head = kind + (part.type === 'first' ? ' ' : part.type === 'and' ? ' -a ' : ' -o ') + part.text;
        this.error(node, expr.line, `Failed to parse ${head}\n at ${node.debugNodePath()} because ${why}\n\n`, head);
        break;
      }
      ast = ast === undefined ? a : { type: part.type === 'or' ? 'or' : 'and', left: ast, right: a };
    }
    if (ast === undefined) return;
    const text = expr.text();
    const resolveError = this.resolve(node, ast);
    if (resolveError.length > 0) {
      this.error(node, expr.line, `Error: Expression node tree references failed for '${kind} ${text}' at ${node.debugNodePath()}\n ${resolveError}`, `${kind} ${text}`);
      return;
    }
    const zero = divideByZero(node, ast);
    if (zero.length > 0) {
      this.error(node, expr.line, `${zero} Error: Expression checking failed for '${kind} ${text}' at ${node.debugNodePath()}`, `${kind} ${text}`);
    }
  }

  /**
   * The common case without building an AST: every part is recognised by `quickRefs` and every
   * reference resolves to a node (and attribute) found by the same rules `resolve` applies. Returns
   * `false`, having reported nothing, when the full parse and resolve must decide.
   */
  quickExpression(node: Node, expr: Expression): boolean {
    const refs = this.refs;
    let count = 0;
    for (let i = 0, n = expr.partCount(); i < n; i++) {
      count = quickRefs(expr.partText(i), refs, count);
      if (count < 0) return false;
    }
    const defs = node.defs;
    if (defs === null) return false;
    for (let i = 0; i < count; i += 2) {
      const path = refs[i]!;
      const name = refs[i + 1]!;
      let target: Node | undefined;
      if (path.indexOf('/') < 0) {
        // findReferencedNode → findRelative with one name: the node itself or a sibling
        if (node.name === path) target = node;
        else if (node.parent instanceof NodeContainer) target = node.parent.findChild(path);
      } else {
        target = findReferencedNode(node, path, name).node;
      }
      if (target === undefined) return false;
      if (name.length > 0 && !findExprVariable(target, name)) return false;
    }
    return true;
  }
  /** Scratch list of `path, name` pairs written by `quickRefs` (only the first `count` are current). */
  readonly refs: string[] = [];

  /** `AstResolveVisitor`: the first unresolved reference, or ''. */
  resolve(node: Node, ast: ExprAst): string {
    switch (ast.type) {
      case 'node': {
        const r = findReferencedNode(node, ast.path, '', this.loadedExterns);
        return r.node === undefined ? r.error : '';
      }
      case 'flag': {
        if (ast.path === '/') return '';
        const r = findReferencedNode(node, ast.path, ast.flag, this.loadedExterns);
        return r.node === undefined ? r.error : '';
      }
      case 'variable': {
        const r = findReferencedNode(node, ast.path, ast.name, this.loadedExterns);
        if (r.node === undefined) return r.error;
        if (findExprVariable(r.node, ast.name)) return '';
        if (findExtern(this.defs, ast.path, ast.name) || findExtern(this.defs, r.node.absNodePath(), ast.name)) return '';
        return (
          `From expression Variable ${ast.path}:${ast.name} the referenced node is ${r.node.debugNodePath()}\n` +
          `Could not find event, meter, variable, repeat, generated variable, limit or queue of name('${ast.name}') on node ${r.node.debugNodePath()}\n`
        );
      }
      case 'parentVariable': {
        for (let p: Node | null = node; p !== null; p = p.parent) if (findExprVariable(p, ast.name)) return '';
        if (findExtern(this.defs, node.absNodePath(), ast.name)) return '';
        return ` Could not find variable ${ast.name} on node ${node.debugNodePath()} OR any of its parent nodes`;
      }
      case 'function':
      case 'not':
        return this.resolve(node, ast.arg);
      case 'and':
      case 'or':
      case 'compare':
      case 'arith': {
        const l = this.resolve(node, ast.left);
        return l.length > 0 ? l : this.resolve(node, ast.right);
      }
      default:
        return '';
    }
  }

  inLimit(node: Node, name: string, path: string, tokens: number, text: string): void {
    if (path.length === 0) {
      for (let p: Node | null = node; p !== null; p = p.parent) if (p.findLimit(name) !== undefined) return;
      if (findExtern(this.defs, name, '')) return;
      this.warnings += `Warning: ${node.debugType()} ${node.absNodePath()} has a ${text}, which cannot be found on the parent nodes\n`;
      return;
    }
    const r = findReferencedNode(node, path, name);
    if (r.node === undefined) {
      if (findExtern(this.defs, path, name)) return;
      this.warnings += `Warning: ${node.debugType()} ${node.absNodePath()} has a ${text}, which cannot be found\n`;
      return;
    }
    const limit = r.node.findLimit(name);
    if (limit === undefined) {
      if (findExtern(this.defs, path, name)) return;
      this.warnings +=
        `Warning: ${node.debugType()} ${node.absNodePath()} has a ${text} :The referenced ${r.node.debugType()} '${r.node.absNodePath()}' does not define the limit ${name}\n\n`;
      return;
    }
    if (tokens > limit.limit) {
      this.warnings += `Warning: ${node.debugType()} ${node.absNodePath()} has a ${text} reference\n with value '${tokens}' which exceeds '${limit.limit}' defined on the Limit\n`;
    }
  }

  autoRestore(node: Node, paths: readonly string[]): void {
    const seen: Node[] = [];
    for (const path of paths) {
      const r = findReferencedNode(node, path);
      if (r.node === undefined) {
        if (findExtern(this.defs, path, '')) continue;
        this.error(node, 0, `Error: autorestore on node ${node.debugType()} references a path '${path}' which cannot be found\n`, `autorestore ${paths.join(' ')}`);
        continue;
      }
      if (!(r.node instanceof NodeContainer)) {
        this.error(node, 0, `Error: autorestore on node ${node.debugType()} references a node '${path}' which is a task. restore only works with suites or family nodes`, `autorestore ${paths.join(' ')}`);
      }
      if (!seen.includes(r.node)) seen.push(r.node);
      else this.error(node, 0, `Error: autorestore on node ${node.debugType()}, duplicate references to node '${path}'`, `autorestore ${paths.join(' ')}`);
    }
  }
}

/** Whether `c` may start a node name in an expression (`nodename`: letters, digits, `_`). */
function nameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** End of the `nodename` starting at `i` (letters, digits, `_`, `.`), or `i` when none starts there. */
function nameEnd(s: string, i: number, end: number): number {
  if (i >= end || !nameStart(s.charCodeAt(i))) return i;
  i++;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (!nameStart(c) && c !== 46) break;
    i++;
  }
  return i;
}

/** End of a node path at `i` written without white space or repeated `/` (`/a/b`, `a/b`, `../../a`, `./a`), or -1. */
function pathEnd(s: string, i: number, end: number): number {
  if (s.charCodeAt(i) === 46) {
    if (s.charCodeAt(i + 1) === 47) i += 2; // ./
    else {
      if (s.charCodeAt(i + 1) !== 46 || s.charCodeAt(i + 2) !== 47) return -1;
      i += 3; // ../ then more ../
      while (s.charCodeAt(i) === 46 && s.charCodeAt(i + 1) === 46 && s.charCodeAt(i + 2) === 47) i += 3;
    }
  } else if (s.charCodeAt(i) === 47) i++;
  for (;;) {
    const e = nameEnd(s, i, end);
    if (e === i) return -1;
    i = e;
    if (i < end && s.charCodeAt(i) === 47) i++;
    else return i;
  }
}

const QUICK_STATES = ['complete', 'aborted', 'queued', 'active', 'submitted', 'unknown'];

/**
 * Recognises the common expression shapes and writes their references to `refs` from index `at`
 * as `path, name` pairs (`name` empty for a node): operands `path == state`, `path != state` and
 * `path:name` joined by ` and ` / ` or `, single spaces, no parentheses. For these, the grammar of
 * `parseExpression` accepts the text and its AST holds the same references in the same order.
 * Returns the index after the last pair written, or -1 for anything else (the full parser decides).
 * @internal
 */
export function quickRefs(s: string, refs: string[], at = 0): number {
  const end = s.length;
  let i = 0;
  for (;;) {
    // operand; `not `, `!`, `~` and digits before `:` take other rules of the grammar
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // `1t == complete` is a node path, `1t:ev` an integer followed by garbage
      const e = pathEnd(s, i, end);
      if (e < 0 || s.charCodeAt(e) === 58) return -1;
    }
    if (c === 110 && s.startsWith('not ', i)) return -1;
    const pe = pathEnd(s, i, end);
    if (pe < 0) return -1;
    if (s.charCodeAt(pe) === 58) {
      const ne = nameEnd(s, pe + 1, end);
      if (ne === pe + 1) return -1;
      refs[at++] = s.slice(i, pe);
      refs[at++] = s.slice(pe + 1, ne);
      i = ne;
    } else {
      if (s.charCodeAt(pe) !== 32) return -1;
      const c1 = s.charCodeAt(pe + 1);
      if ((c1 !== 61 && c1 !== 33) || s.charCodeAt(pe + 2) !== 61 || s.charCodeAt(pe + 3) !== 32) return -1;
      let se = -1;
      for (const st of QUICK_STATES) {
        if (s.startsWith(st, pe + 4)) {
          se = pe + 4 + st.length;
          break;
        }
      }
      if (se < 0) return -1;
      refs[at++] = s.slice(i, pe);
      refs[at++] = '';
      i = se;
    }
    if (i === end) return at;
    // ` and ` / ` or ` not followed by what `and`/`or` would also consume (`&&`, `AND`, `||`, `OR`)
    if (s.charCodeAt(i) !== 32) return -1;
    if (s.startsWith('and ', i + 1)) {
      i += 5;
      if (s.startsWith('AND', i)) return -1;
    } else if (s.startsWith('or ', i + 1)) {
      i += 4;
      if (s.startsWith('OR', i)) return -1;
    } else return -1;
  }
}

/** Value of an expression operand as seen at check time (`Ast::value`), used for divide-by-zero checks. */
function astValue(node: Node, ast: ExprAst): number {
  switch (ast.type) {
    case 'integer':
      return ast.value;
    case 'arith': {
      const l = astValue(node, ast.left);
      const r = astValue(node, ast.right);
      switch (ast.op) {
        case '+':
          return (l + r) | 0;
        case '-':
          return (l - r) | 0;
        case '*':
          return Math.imul(l, r);
        case '/':
          return r === 0 ? 0 : (l / r) | 0;
        case '%':
          return r === 0 ? 0 : l % r;
      }
      return 0;
    }
    case 'variable': {
      const ref = findReferencedNode(node, ast.path, ast.name).node;
      return ref === undefined ? 0 : variableValue(ref, ast.name);
    }
    case 'parentVariable': {
      for (let p: Node | null = node; p !== null; p = p.parent) if (findExprVariable(p, ast.name)) return variableValue(p, ast.name);
      return 0;
    }
    default:
      return 1;
  }
}

function variableValue(node: Node, name: string): number {
  const ev = node.findEvent(name);
  if (ev !== undefined) return ev.value ? 1 : 0;
  const m = node.findMeter(name);
  if (m !== undefined) return m.value;
  const v = node.findVariable(name);
  if (v !== undefined) return toInt(v.value) ?? 0;
  const r = node.repeat;
  if (r !== null && r.name === name) return repeatValue(r);
  const l = node.findLimit(name);
  if (l !== undefined) return l.value;
  return 0;
}

function divideByZero(node: Node, ast: ExprAst): string {
  switch (ast.type) {
    case 'arith': {
      const l = divideByZero(node, ast.left);
      if (l.length > 0) return l;
      const r = divideByZero(node, ast.right);
      if (r.length > 0) return r;
      if (ast.op === '/' && astValue(node, ast.right) === 0) return ' Error: Divide by zero in trigger expression';
      if (ast.op === '%' && astValue(node, ast.right) === 0) return ' Error: Modulo by zero in trigger expression';
      return '';
    }
    case 'and':
    case 'or':
    case 'compare': {
      const l = divideByZero(node, ast.left);
      return l.length > 0 ? l : divideByZero(node, ast.right);
    }
    case 'not':
    case 'function':
      return divideByZero(node, ast.arg);
    default:
      return '';
  }
}

/** Runs the check and returns errors, warnings and the first error located. */
export function checkDefsDetailed(defs: Defs, options: CheckOptions = {}): CheckResult {
  const c = new Checker(defs, options.version ?? DEFAULT_VERSION);
  for (const s of defs.suites) c.node(s);
  return { errors: c.errors, warnings: c.warnings, first: c.first };
}

/** Internal: the first error, or `undefined` (used by the parser to reject a DEFS file). */
export function checkDefsErrors(defs: Defs, version: string = DEFAULT_VERSION): { line: number; message: string; text: string } | undefined {
  return checkDefsDetailed(defs, { version }).first;
}

/**
 * `defs.check()` of the Python module: error text followed by warnings, or only warnings, or an
 * empty string when the definition is fine; `options.version` names the release to imitate.
 */
export function checkDefs(defs: Defs, options: CheckOptions = {}): string {
  const r = checkDefsDetailed(defs, options);
  if (r.errors.length > 0) return r.errors + '\n' + r.warnings;
  return r.warnings;
}
