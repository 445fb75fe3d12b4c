/** `defstatus STATE` (DefsStatusParser.cpp). */
import { ArgumentError } from '../../errors.js';
import { isDStateName } from '../states.js';
import type { KeywordParser } from './context.js';

/** `defstatus` (`DefsStatusParser`). */
export const defstatusParser = {
  keyword: 'defstatus',
  id: 'defstatus',
  parse(p, line, tokens) {
    if (tokens.length < 2) throw new ArgumentError(`DefsStatusParser::doParse: Invalid defstatus :${line}`);
    const st = tokens[1]!;
    if (!isDStateName(st)) throw new ArgumentError(`DefsStatusParser::doParse: Invalid defstatus state :${line}`);
    if (p.nodes.length === 0) return;
    const node = p.top();
    if (p.defStatusSet.has(node)) {
      throw new ArgumentError(`DefsStatusParser::doParse: ${node.debugType()} ${node.name} already has a default status\n`);
    }
    p.defStatusSet.add(node);
    node.defStatus = st;
  },
} as const satisfies KeywordParser;
