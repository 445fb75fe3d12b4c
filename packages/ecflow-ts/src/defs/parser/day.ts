/** `day monday` (DayParser.cpp); in the state styles the day's date and `free`. */
import { ArgumentError } from '../../errors.js';
import { DayAttr, parseDayName, readDayState } from '../attributes/time.js';
import type { KeywordParser } from './context.js';

/** `day` (`DayParser`). */
export const dayParser = {
  keyword: 'day',
  id: 'day',
  parse(p, line, tokens) {
    if (tokens.length < 2) throw new ArgumentError(`DayParser::doParse: Invalid day :${line}`);
    if (p.nodes.length === 0) throw new ArgumentError(`DayParser::doParse: Could not add day as node stack is empty at line: ${line}`);
    const node = p.top();
    const day = new DayAttr(parseDayName(tokens[1]!));
    if (p.readState) readDayState(day, tokens);
    if (node.kind === 'suite') throw new ArgumentError('Cannot add time based dependency on a suite');
    node.addDay(day);
  },
} as const satisfies KeywordParser;
