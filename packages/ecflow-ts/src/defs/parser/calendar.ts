/** `calendar …` (CalendarParser.cpp): a suite's calendar state (state styles). */
import { ArgumentError } from '../../errors.js';
import { readCalendar } from '../attributes/misc.js';
import { Suite } from '../model.js';
import type { KeywordParser } from './context.js';

/** `calendar` (`CalendarParser`). */
export const calendarParser = {
  keyword: 'calendar',
  id: 'calendar',
  parse(p, line, tokens) {
    if (tokens.length < 2) throw new ArgumentError(`CalendarParser::doParse: Invalid calendar :${line}`);
    if (p.nodes.length === 0) throw new ArgumentError(`CalendarParser::doParse: Could not add calendar as node stack is empty at line: ${line}`);
    const node = p.top();
    if (!(node instanceof Suite)) throw new ArgumentError(`Calendar can only be added to suites and not ${node.debugType()}`);
    readCalendar(node.calendar, tokens);
  },
} as const satisfies KeywordParser;
