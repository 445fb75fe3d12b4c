// Property: the check's quick recogniser of common trigger shapes (`quickRefs`) agrees with the full
// expression grammar: whatever it accepts, `parseExpression` accepts too, with the same references
// in the same order and nothing else the check would look at.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { quickRefs } from '../../../packages/ecflow-ts/src/defs/check.js';
import { parseExpression, walkExpression, type ExprAst } from '../../../packages/ecflow-ts/src/defs/expression.js';

/** The references of an AST as `path, name` pairs, or `undefined` when it holds more than the quick shapes. */
function astRefs(ast: ExprAst): string[] | undefined {
  const out: string[] = [];
  let other = false;
  walkExpression(ast, (n) => {
    if (n.type === 'node') out.push(n.path, '');
    else if (n.type === 'variable') out.push(n.path, n.name);
    else if (n.type !== 'nodeState' && n.type !== 'and' && n.type !== 'or' && !(n.type === 'compare' && (n.op === '==' || n.op === '!='))) other = true;
  });
  return other ? undefined : out;
}

function agree(s: string): void {
  const refs: string[] = ['stale', 'pair'];
  const n = quickRefs(s, refs, 2);
  if (n < 0) return;
  refs.splice(0, 2);
  refs.length = n - 2;
  let ast: ExprAst;
  try {
    ast = parseExpression(s);
  } catch (e) {
    assert.fail(`quickRefs accepted ${JSON.stringify(s)}, parseExpression rejected it: ${(e as Error).message}`);
  }
  assert.deepEqual(refs, astRefs(ast), JSON.stringify(s));
}

const piece = fc.constantFrom(
  'a', 't1', 'x.y', '1', '1t', '_', 'AND', 'ANDx', 'ORx', 'OR', 'and', 'or', 'not', 'not ', 'nothing', 'orx', 'andy', 'eq', 'ne',
  '/', '//', '..', '.', ':', ' ', '  ', '\t', '==', '!=', '=', '!', '~', '&&', '||', '(', ')', '<', '+', '-',
  'complete', 'completed', 'aborted', 'queued', 'active', 'submitted', 'unknown', 'suspended', 'set', 'clear', 'ev', '<flag>', 'late',
);
const noise = fc.array(piece, { maxLength: 14 }).map((ps) => ps.join(''));

const seg = fc.constantFrom('a', 'b1', 't_2', 'x.y', '1', '9z', 'AND', 'OR', 'not', 'and', 'or', 'nota', 'ANDb');
const path = fc.oneof(
  fc.array(seg, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')),
  fc.array(seg, { minLength: 1, maxLength: 3 }).map((s) => '/' + s.join('/')),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(seg, { minLength: 1, maxLength: 2 })).map(([n, s]) => '../'.repeat(n) + s.join('/')),
  fc.array(seg, { minLength: 1, maxLength: 2 }).map((s) => './' + s.join('/')),
  fc.constantFrom('..', '.', '/', '../..', 'a//b', '../a/../b', '..a/b'),
);
const state = fc.constantFrom('complete', 'aborted', 'queued', 'active', 'submitted', 'unknown', 'suspended', 'completed', 'set');
const operand = fc.oneof(
  fc.tuple(path, fc.constantFrom(' == ', ' != ', ' eq ', '==', ' = '), state).map(([p, op, s]) => p + op + s),
  fc.tuple(path, seg).map(([p, n]) => p + ':' + n),
  fc.tuple(path, seg, fc.constantFrom(' == set', ' == clear', ' == 1')).map(([p, n, t]) => p + ':' + n + t),
);
const joiner = fc.constantFrom(' and ', ' or ', ' AND ', ' OR ', ' && ', ' and AND ', '  and ', ' and', ' andx ', 'and ');
const shaped = fc.tuple(operand, fc.array(fc.tuple(joiner, operand), { maxLength: 4 })).map(([first, rest]) => first + rest.map(([j, o]) => j + o).join(''));

describe('quick trigger recogniser', () => {
  it('accepts the common shapes', () => {
    for (const s of ['t1 == complete', 't1:ev', 't1 == complete and t1:ev', '../f/t == complete and b == aborted', '/s/f:x or ./a != queued', '1 == complete']) {
      assert.ok(quickRefs(s, []) > 0, s);
      agree(s);
    }
  });
  it('leaves the rest to the full parser', () => {
    for (const s of ['1t:ev', 'a == completed', 'a == complete and ANDx == complete', 'not == complete', 'a:b == set', '(a == complete)', 'a  == complete', ' a == complete', 'a == complete ']) {
      assert.equal(quickRefs(s, []), -1, s);
    }
  });
  it('agrees with parseExpression on shaped expressions', () => {
    fc.assert(fc.property(shaped, (s) => agree(s)), { numRuns: 20000 });
  });
  it('agrees with parseExpression on noise', () => {
    fc.assert(fc.property(noise, (s) => agree(s)), { numRuns: 20000 });
  });
});
