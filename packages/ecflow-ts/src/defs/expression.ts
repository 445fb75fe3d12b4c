/**
 * Trigger / complete expression grammar of ecFlow 5.9.2 (ANode/src/ExprParser.cpp): an ordered-choice
 * (PEG) recursive-descent parser that accepts exactly what the boost::spirit grammar accepts,
 * including the `SimpleExprParser` short cut, and builds a small AST; with ecFlow 5.12+'s
 * `yyyymmddTHHMMSS` date-time literal (`AstInstant`) when the release imitated has it.
 */
import { EcflowError, ErrorCode } from '../errors.js';
import { DEFAULT_VERSION, since } from '../versions.js';
import { parseInstant } from './chrono.js';
import { isDStateName, type DStateName } from './states.js';
import { toInt } from './text.js';

/** A comparison operator of an expression, in its symbolic form (`eq`, `ne`, … are read as these). */
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
/** An arithmetic operator of an expression. */
export type ArithOp = '+' | '-' | '*' | '/' | '%';
/** The node flags an expression can test (`/s/t<flag>late`). */
export type FlagRef = 'late' | 'zombie' | 'archived';

/** Expression AST (mirrors ExprAst.hpp node classes). */
export type ExprAst =
  | {
      /** A node path (`AstNode`), e.g. `t1` or `/s/f/t1`: its state when compared with one. */
      readonly type: 'node';
      /** The path as written. */
      readonly path: string;
    }
  | {
      /** A state name (`AstNodeState`), e.g. `complete`. */
      readonly type: 'nodeState';
      /** The state. */
      readonly state: DStateName;
    }
  | {
      /** `set` or `clear` (`AstEventState`). */
      readonly type: 'eventState';
      /** True for `set`. */
      readonly set: boolean;
    }
  | {
      /** An integer literal (`AstInteger`). */
      readonly type: 'integer';
      /** Its value. */
      readonly value: number;
    }
  | {
      /** A `yyyymmddTHHMMSS` date-time literal (`AstInstant`, ecFlow 5.12+). */
      readonly type: 'instant';
      /** Seconds since the Unix epoch, UTC. */
      readonly value: number;
      /** The literal as written. */
      readonly text: string;
    }
  | {
      /** `path:name` (`AstVariable`): an event, meter, repeat, limit or variable of a node. */
      readonly type: 'variable';
      /** The node's path as written. */
      readonly path: string;
      /** The attribute's name. */
      readonly name: string;
    }
  | {
      /** A bare variable name (`AstParentVariable`), searched for up the tree. */
      readonly type: 'parentVariable';
      /** The variable's name. */
      readonly name: string;
    }
  | {
      /** `path<flag>name` (`AstFlag`): whether a node's flag is set. */
      readonly type: 'flag';
      /** The node's path as written. */
      readonly path: string;
      /** Which flag. */
      readonly flag: FlagRef;
    }
  | {
      /** `date_to_julian(x)` or `julian_to_date(x)` (`AstFunction`). */
      readonly type: 'function';
      /** Which function. */
      readonly fn: 'date_to_julian' | 'julian_to_date';
      /** Its argument. */
      readonly arg: ExprAst;
    }
  | {
      /** Logical negation (`AstNot`). */
      readonly type: 'not';
      /** How it was written, which ecFlow keeps for printing. */
      readonly spelling: 'not ' | '~ ' | '! ';
      /** The negated expression. */
      readonly arg: ExprAst;
    }
  | {
      /** Logical and / or (`AstAnd`, `AstOr`). */
      readonly type: 'and' | 'or';
      /** Left operand. */
      readonly left: ExprAst;
      /** Right operand. */
      readonly right: ExprAst;
    }
  | {
      /** A comparison (`AstEqual`, `AstLessThan`, …). */
      readonly type: 'compare';
      /** The operator. */
      readonly op: CompareOp;
      /** Left operand. */
      readonly left: ExprAst;
      /** Right operand. */
      readonly right: ExprAst;
    }
  | {
      /** Arithmetic (`AstPlus`, `AstMinus`, …). */
      readonly type: 'arith';
      /** The operator. */
      readonly op: ArithOp;
      /** Left operand. */
      readonly left: ExprAst;
      /** Right operand. */
      readonly right: ExprAst;
    };

/**
 * Thrown when a trigger, complete or wait expression does not parse; the message is ecFlow 5.9.2's.
 * Code `ECFLOW_EXPRESSION`.
 */
export class ExpressionError extends EcflowError {
  /** `'ExpressionError'`. */
  override name = 'ExpressionError';
  /**
   * An expression error (`ECFLOW_EXPRESSION`).
   * @param message why the expression was refused.
   * @param options `cause`: the underlying error, if any.
   */
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
  /** The grammar has the `datetime` factor (5.12+). */
  readonly instants: boolean;
  pos = 0;
  constructor(s: string, instants: boolean) {
    this.s = s;
    this.instants = instants;
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

  /** `datetime = lexeme_d[repeat_p(8)[digit_p] >> 'T' >> repeat_p(6)[digit_p]]`. */
  datetime(): ExprAst | undefined {
    this.ws();
    const s = this.s;
    const p = this.pos;
    if (p + 15 > s.length || s.charCodeAt(p + 8) !== 84) return undefined;
    for (let i = 0; i < 15; i++) {
      if (i === 8) continue;
      const c = s.charCodeAt(p + i);
      if (c < 48 || c > 57) return undefined;
    }
    const text = s.slice(p, p + 15);
    let value: number;
    try {
      value = parseInstant(text);
    } catch (e) {
      throw new ExpressionError((e as Error).message, { cause: e });
    }
    this.pos = p + 15;
    return { type: 'instant', value, text };
  }

  calcFactor(): ExprAst | undefined {
    const save = this.pos;
    if (this.instants) {
      const d = this.datetime();
      if (d !== undefined) return d;
    }
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

/** Options of {@link parseExpression}. */
export interface ExpressionOptions {
  /**
   * The ecFlow release whose grammar to use: from 5.12 it reads `yyyymmddTHHMMSS` literals.
   * @default '5.9.2'
   */
  version?: string;
}

/** Parses an expression; throws `ExpressionError` when ecFlow (the release in `options`) would reject it. */
export function parseExpression(expr: string, options: ExpressionOptions = {}): ExprAst {
  if (expr.length === 0) throw new ExpressionError('Expression is empty');
  const simple = simpleParse(expr);
  if (simple !== undefined) return simple;
  const p = new Parser(expr, since(options.version ?? DEFAULT_VERSION, 'repeatDateTime'));
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
