/**
 * Trigger / complete expression grammar of ecFlow 5.9.2 (ANode/src/ExprParser.cpp): an ordered-choice
 * (PEG) recursive-descent parser that accepts exactly what the boost::spirit grammar accepts,
 * including the `SimpleExprParser` short cut, and builds a small AST.
 */
import { EcflowError, ErrorCode } from '../errors.js';
import { isDStateName, type DStateName } from './states.js';
import { toInt } from './text.js';

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/' | '%';
export type FlagRef = 'late' | 'zombie' | 'archived';

/** Expression AST (mirrors ExprAst.hpp node classes). */
export type ExprAst =
  | { readonly type: 'node'; readonly path: string }
  | { readonly type: 'nodeState'; readonly state: DStateName }
  | { readonly type: 'eventState'; readonly set: boolean }
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'variable'; readonly path: string; readonly name: string }
  | { readonly type: 'parentVariable'; readonly name: string }
  | { readonly type: 'flag'; readonly path: string; readonly flag: FlagRef }
  | { readonly type: 'function'; readonly fn: 'date_to_julian' | 'julian_to_date'; readonly arg: ExprAst }
  | { readonly type: 'not'; readonly spelling: 'not ' | '~ ' | '! '; readonly arg: ExprAst }
  | { readonly type: 'and' | 'or'; readonly left: ExprAst; readonly right: ExprAst }
  | { readonly type: 'compare'; readonly op: CompareOp; readonly left: ExprAst; readonly right: ExprAst }
  | { readonly type: 'arith'; readonly op: ArithOp; readonly left: ExprAst; readonly right: ExprAst };

/** Thrown when an expression does not parse. */
export class ExpressionError extends EcflowError {
  override name = 'ExpressionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.EXPRESSION, message, options);
  }
}

const COMPLEX = ['(', ':', '.', '/', ' not ', ' and ', ' or ', '!', '&&', '||', '<', '>', '+', '-', '*', '~', ' ne ', ' ge ', '<=', '>=', ' le ', ' gt ', ' lt '];

/** `SimpleExprParser`: `name == state` or `int == int` without any complex character. */
function simpleParse(expr: string): ExprAst | undefined {
  for (const c of COMPLEX) if (expr.includes(c)) return undefined;
  let delims: string;
  if (expr.includes('==')) delims = '=';
  else if (expr.includes(' eq ')) delims = ' eq';
  else return undefined;
  // Str::split on any of the delimiter characters, dropping empty tokens
  let left: string | undefined;
  let right: string | undefined;
  let count = 0;
  let start = -1;
  for (let i = 0; i <= expr.length; i++) {
    const isDelim = i === expr.length || delims.includes(expr[i]!);
    if (isDelim) {
      if (start >= 0) {
        count++;
        if (count === 1) left = expr.slice(start, i);
        else if (count === 2) right = expr.slice(start, i);
        else return undefined;
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  if (count !== 2) return undefined;
  left = left!.trim();
  right = right!.trim();
  if (left.includes(' ')) return undefined;
  if (isDStateName(right)) {
    return { type: 'compare', op: '==', left: { type: 'node', path: left }, right: { type: 'nodeState', state: right } };
  }
  const l = toInt(left);
  const r = toInt(right);
  if (l !== undefined && r !== undefined) {
    return { type: 'compare', op: '==', left: { type: 'integer', value: l }, right: { type: 'integer', value: r } };
  }
  return undefined;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || c === 46;
}

const NODE_STATES: readonly DStateName[] = ['complete', 'aborted', 'queued', 'active', 'submitted', 'unknown'];

/** The recursive-descent parser; every `p*` method returns `undefined` on failure and restores `pos`. */
class Parser {
  readonly s: string;
  pos = 0;
  constructor(s: string) {
    this.s = s;
  }

  ws(): void {
    const s = this.s;
    let p = this.pos;
    while (p < s.length) {
      const c = s.charCodeAt(p);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12) p++;
      else break;
    }
    this.pos = p;
  }

  /** Skips white space then matches the literal. */
  lit(l: string): boolean {
    this.ws();
    const p = this.pos;
    if (this.s.charCodeAt(p) !== l.charCodeAt(0)) return false;
    if (l.length === 1 || this.s.startsWith(l, p)) {
      this.pos = p + l.length;
      return true;
    }
    return false;
  }

  nodename(): string | undefined {
    this.ws();
    const s = this.s;
    let p = this.pos;
    if (p >= s.length || !isNameStart(s.charCodeAt(p))) return undefined;
    p++;
    while (p < s.length && isNameChar(s.charCodeAt(p))) p++;
    const name = s.slice(this.pos, p);
    this.pos = p;
    return name;
  }

  // nodepath() is tried up to three times at the same position by the alternatives of
  // compareExpression; its last answer is remembered (the text never changes).
  memoFrom = -1;
  memoTo = -1;
  memoPath: string | undefined = undefined;

  /** absolutepath | dotdotpath | dotpath; returns the matched text (trimmed). */
  nodepath(): string | undefined {
    const from = this.pos;
    if (from === this.memoFrom) {
      this.pos = this.memoTo;
      return this.memoPath;
    }
    const path = this.nodepathUncached();
    this.memoFrom = from;
    this.memoTo = this.pos;
    this.memoPath = path;
    return path;
  }

  nodepathUncached(): string | undefined {
    const save = this.pos;
    // absolutepath: !"/" nodename *( +"/" nodename )
    this.ws();
    const start = this.pos;
    {
      this.lit('/');
      if (this.nodename() !== undefined) {
        for (;;) {
          const before = this.pos;
          if (!this.lit('/')) break;
          while (this.lit('/'));
          if (this.nodename() === undefined) {
            this.pos = before;
            break;
          }
        }
        return this.s.slice(start, this.pos).trim();
      }
      this.pos = save;
    }
    // dotdotpath: ".." *( +"/" ".." ) +( +"/" nodename )
    if (this.lit('..')) {
      for (;;) {
        const before = this.pos;
        if (!this.lit('/')) break;
        while (this.lit('/'));
        if (!this.lit('..')) {
          this.pos = before;
          break;
        }
      }
      let count = 0;
      for (;;) {
        const before = this.pos;
        if (!this.lit('/')) break;
        while (this.lit('/'));
        if (this.nodename() === undefined) {
          this.pos = before;
          break;
        }
        count++;
      }
      if (count > 0) return this.s.slice(start, this.pos).trim();
    }
    this.pos = save;
    // dotpath: "." +( "/" nodename )
    if (this.lit('.')) {
      let count = 0;
      for (;;) {
        const before = this.pos;
        if (!this.lit('/') || this.nodename() === undefined) {
          this.pos = before;
          break;
        }
        count++;
      }
      if (count > 0) return this.s.slice(start, this.pos).trim();
    }
    this.pos = save;
    return undefined;
  }

  equality(): CompareOp | undefined {
    if (this.lit('==') || this.lit('eq')) return '==';
    if (this.lit('ne') || this.lit('!=')) return '!=';
    return undefined;
  }

  lessThan(): CompareOp | undefined {
    if (this.lit('ge')) return '>=';
    if (this.lit('le')) return '<=';
    if (this.lit('gt')) return '>';
    if (this.lit('lt')) return '<';
    if (this.lit('>=')) return '>=';
    if (this.lit('<=')) return '<=';
    if (this.lit('<')) return '<';
    if (this.lit('>')) return '>';
    return undefined;
  }

  operator(): ArithOp | undefined {
    this.ws();
    const c = this.s[this.pos];
    if (c === '+' || c === '-' || c === '/' || c === '*' || c === '%') {
      this.pos++;
      return c;
    }
    return undefined;
  }

  not(): 'not ' | '~ ' | '! ' | undefined {
    if (this.lit('not ')) return 'not ';
    if (this.lit('!')) return '! ';
    if (this.lit('~')) return '~ ';
    return undefined;
  }

  /** `a || b` in spirit classic: a, then optionally b; or b. */
  seqOr(a: string, b: string): boolean {
    if (this.lit(a)) {
      this.lit(b);
      return true;
    }
    return this.lit(b);
  }

  and(): boolean {
    const save = this.pos;
    if (this.seqOr('and', '&&')) {
      this.lit('AND');
      return true;
    }
    this.pos = save;
    return this.lit('AND');
  }

  or(): boolean {
    const save = this.pos;
    if (this.seqOr('or', '||')) {
      this.lit('OR');
      return true;
    }
    this.pos = save;
    return this.lit('OR');
  }

  nodestate(): DStateName | undefined {
    this.ws();
    for (const st of NODE_STATES) {
      if (this.s.startsWith(st, this.pos)) {
        this.pos += st.length;
        return st;
      }
    }
    return undefined;
  }

  basicVariablePath(): ExprAst | undefined {
    const save = this.pos;
    const path = this.nodepath();
    if (path !== undefined && this.lit(':')) {
      const name = this.nodename();
      if (name !== undefined) return { type: 'variable', path, name };
    }
    this.pos = save;
    return undefined;
  }

  flagPath(): ExprAst | undefined {
    const save = this.pos;
    let path = this.nodepath();
    if (path === undefined && this.lit('/')) path = '/';
    if (path !== undefined && this.lit('<flag>')) {
      for (const f of ['late', 'zombie', 'archived'] as const) {
        if (this.lit(f)) return { type: 'flag', path, flag: f };
      }
    }
    this.pos = save;
    return undefined;
  }

  integer(): ExprAst | undefined {
    this.ws();
    const s = this.s;
    let p = this.pos;
    while (p < s.length && s.charCodeAt(p) >= 48 && s.charCodeAt(p) <= 57) p++;
    if (p === this.pos) return undefined;
    const v = Number(s.slice(this.pos, p));
    if (v > 4294967295) return undefined; // uint_p overflow
    this.pos = p;
    return { type: 'integer', value: v | 0 };
  }

  calFunction(): ExprAst | undefined {
    const save = this.pos;
    for (const fn of ['date_to_julian', 'julian_to_date'] as const) {
      if (this.lit('cal::' + fn)) {
        if (this.lit('(')) {
          const arg = this.basicVariablePath() ?? this.integer();
          if (arg !== undefined && this.lit(')')) return { type: 'function', fn, arg };
        }
        this.pos = save;
      }
    }
    return undefined;
  }

  calcFactor(): ExprAst | undefined {
    const save = this.pos;
    let r = this.integer();
    if (r !== undefined) return r;
    r = this.basicVariablePath();
    if (r !== undefined) return r;
    if (this.lit('(')) {
      const e = this.calcExpression();
      if (e !== undefined && this.lit(')')) return e;
    }
    this.pos = save;
    r = this.flagPath();
    if (r !== undefined) return r;
    if (this.lit(':')) {
      const name = this.nodename();
      if (name !== undefined) return { type: 'parentVariable', name };
    }
    this.pos = save;
    const op = this.operator();
    if (op !== undefined) {
      const f = this.calcFactor();
      if (f !== undefined) return { type: 'arith', op, left: { type: 'integer', value: 0 }, right: f };
    }
    this.pos = save;
    return this.calFunction();
  }

  calcExpression(): ExprAst | undefined {
    let left = this.calcFactor();
    if (left === undefined) return undefined;
    for (;;) {
      const save = this.pos;
      const op = this.operator();
      if (op === undefined) break;
      const right = this.calcFactor();
      if (right === undefined) {
        this.pos = save;
        break;
      }
      left = { type: 'arith', op, left, right };
    }
    return left;
  }

  compareExpression(): ExprAst | undefined {
    const save = this.pos;
    // nodepathstate
    {
      const path = this.nodepath();
      if (path !== undefined) {
        const op = this.equality();
        if (op !== undefined) {
          const st = this.nodestate();
          if (st !== undefined) return { type: 'compare', op, left: { type: 'node', path }, right: { type: 'nodeState', state: st } };
        }
      }
      this.pos = save;
    }
    // basic_variable_path equality event_state
    {
      const v = this.basicVariablePath();
      if (v !== undefined) {
        const op = this.equality();
        if (op !== undefined) {
          let set: boolean | undefined;
          if (this.lit('set')) {
            set = true;
            this.lit('clear');
          } else if (this.lit('clear')) set = false;
          if (set !== undefined) return { type: 'compare', op, left: v, right: { type: 'eventState', set } };
        }
      }
      this.pos = save;
    }
    // calc_expression *( (equality | less_than) !not calc_expression )
    let left = this.calcExpression();
    if (left === undefined) return undefined;
    for (;;) {
      const before = this.pos;
      const op = this.equality() ?? this.lessThan();
      if (op === undefined) break;
      const notSpelling = this.not();
      let right = this.calcExpression();
      if (right === undefined) {
        this.pos = before;
        break;
      }
      if (notSpelling !== undefined) right = { type: 'not', spelling: notSpelling, arg: right };
      left = { type: 'compare', op, left, right };
    }
    return left;
  }

  notCompare(): ExprAst | undefined {
    const save = this.pos;
    const n = this.not();
    const c = this.compareExpression();
    if (c === undefined) {
      this.pos = save;
      return undefined;
    }
    return n === undefined ? c : { type: 'not', spelling: n, arg: c };
  }

  andExpr(): ExprAst | undefined {
    let left = this.notCompare();
    if (left === undefined) return undefined;
    for (;;) {
      const save = this.pos;
      if (!this.and()) break;
      const right = this.notCompare();
      if (right === undefined) {
        this.pos = save;
        break;
      }
      left = { type: 'and', left, right };
    }
    return left;
  }

  calcGrouping(): ExprAst | undefined {
    const save = this.pos;
    const n = this.not();
    if (this.lit('(')) {
      const e = this.calcSubexpression();
      if (e !== undefined && this.lit(')')) return n === undefined ? e : { type: 'not', spelling: n, arg: e };
    }
    this.pos = save;
    return undefined;
  }

  calcSubexpression(): ExprAst | undefined {
    const first = this.andExpr() ?? this.calcGrouping();
    if (first === undefined) return undefined;
    const save = this.pos;
    let op: 'and' | 'or' | undefined;
    if (this.and()) op = 'and';
    else if (this.or()) op = 'or';
    if (op === undefined) return first;
    const rest = this.calcSubexpression();
    if (rest === undefined) {
      this.pos = save;
      return first;
    }
    return { type: op, left: first, right: rest };
  }
}

/** Parses an expression; throws `ExpressionError` when ecFlow would reject it. */
export function parseExpression(expr: string): ExprAst {
  if (expr.length === 0) throw new ExpressionError('Expression is empty');
  const simple = simpleParse(expr);
  if (simple !== undefined) return simple;
  const p = new Parser(expr);
  const ast = p.calcSubexpression();
  if (ast !== undefined) {
    p.ws();
    if (p.pos === expr.length) return ast;
  }
  // The grammar ends in `end_p`, so spirit reports any partial parse as no match: a length of
  // size_t(-1), stopped where the longest attempt stopped.
  throw new ExpressionError(`Parsing failed\nlength = 18446744073709551615\nstopped at: ": ${expr.slice(p.pos)}"\n`);
}

/** Calls `visit` for every node of the AST (depth first, left to right). */
export function walkExpression(ast: ExprAst, visit: (n: ExprAst) => void): void {
  visit(ast);
  switch (ast.type) {
    case 'function':
    case 'not':
      walkExpression(ast.arg, visit);
      break;
    case 'and':
    case 'or':
    case 'compare':
    case 'arith':
      walkExpression(ast.left, visit);
      walkExpression(ast.right, visit);
      break;
    default:
      break;
  }
}
