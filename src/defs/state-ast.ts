/** STATE style: the expression evaluation tree ecFlow prints under trigger/complete lines. */
import type { Expression, Node } from './model.js';

export function formatStateAst(_node: Node, _expr: Expression, _indent: boolean, _level: number): string {
  return '';
}
