/**
 * `trigger` and `complete` (TriggerCompleteParser.cpp): an expression on one line, or continued
 * with `\` over several, joining the earlier lines with `-a` / `-o`; in the state styles `# free`.
 */
import { ArgumentError } from '../../errors.js';
import { Suite, type PartType } from '../model.js';
import { splitTokens } from '../text.js';
import type { KeywordParser, ParseContext } from './context.js';
import { joinTokens } from './util.js';

function hasExtension(line: string, tokens: readonly string[]): boolean {
  if (line.length === 0 || tokens.length === 0) return false;
  if (line.charCodeAt(line.length - 1) === 92) return true;
  const last = tokens[tokens.length - 1]!;
  return last.charCodeAt(last.length - 1) === 92;
}

/** `TriggerCompleteParser::getExpression`. */
function expression(p: ParseContext, kind: string, line: string, tokens: string[]): { expression: string; type: PartType; free: boolean } {
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
      const line2 = p.nextLine() ?? '';
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
    if (p.style !== 'defs') {
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

function parse(p: ParseContext, kind: 'trigger' | 'complete', line: string, tokens: string[]): void {
  const startLine = p.lineNo;
  const { expression: text, type, free } = expression(p, kind, line, tokens);
  if (p.nodes.length === 0) return;
  const node = p.top();
  const part = { text, type };
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

/** `trigger` (`TriggerParser`). */
export const triggerParser = {
  keyword: 'trigger',
  id: 'trigger',
  parse(p, line, tokens) {
    parse(p, 'trigger', line, tokens);
  },
} as const satisfies KeywordParser;

/** `complete` (`CompleteParser`). */
export const completeParser = {
  keyword: 'complete',
  id: 'complete',
  parse(p, line, tokens) {
    parse(p, 'complete', line, tokens);
  },
} as const satisfies KeywordParser;
