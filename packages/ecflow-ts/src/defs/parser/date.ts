/** `date dd.mm.yyyy` (DateParser.cpp); in the state styles `# free`. */
import { ArgumentError } from '../../errors.js';
import { DateAttr, parseDate } from '../attributes/time.js';
import type { KeywordParser } from './context.js';

/** `date` (`DateParser`). */
export const dateParser = {
  keyword: 'date',
  id: 'date',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (n < 2) throw new ArgumentError(`DateParser::doParse: Invalid date :${line}`);
    if (p.nodes.length === 0) throw new ArgumentError(`DateParser::doParse: Could not add date as node stack is empty at line: ${line}`);
    const node = p.top();
    const d = parseDate(tokens[1]!);
    const date = new DateAttr(d.day, d.month, d.year);
    if (p.readState) for (let i = 3; i < n; i++) if (tokens[i] === 'free') date.free = true;
    if (node.kind === 'suite') throw new ArgumentError('Cannot add time based dependency on a suite');
    node.addDate(date);
  },
} as const satisfies KeywordParser;
