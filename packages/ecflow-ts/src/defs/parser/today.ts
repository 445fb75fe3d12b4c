/** `today [+]HH:MM [HH:MM HH:MM]` (TodayParser.cpp); read as `time` is. */
import type { KeywordParser } from './context.js';
import { parseTimeOrToday } from './time.js';

/** `today` (`TodayParser`). */
export const todayParser = {
  keyword: 'today',
  id: 'today',
  parse(p, line, tokens) {
    parseTimeOrToday(p, 'today', line, tokens);
  },
} as const satisfies KeywordParser;
