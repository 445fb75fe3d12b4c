/** `time [+]HH:MM [HH:MM HH:MM]` (TimeParser.cpp); in the state styles `# free` and the time series state. */
import { ArgumentError } from '../../errors.js';
import { createTimeSeries, TimeAttr, TodayAttr } from '../attributes/time.js';
import { Suite } from '../model.js';
import type { KeywordParser, ParseContext } from './context.js';

/** `TimeParser::doParse` and `TodayParser::doParse`, which differ only in what they add. */
export function parseTimeOrToday(p: ParseContext, kind: 'time' | 'today', line: string, tokens: string[]): void {
  const n = tokens.length;
  if (n < 2) throw new ArgumentError(`${kind === 'time' ? 'TimeParser' : 'TodayParser'}::doParse: Invalid ${kind} :${line}`);
  const node = p.attributeNode();
  const readState = p.readState;
  let free = false;
  if (readState) {
    let comment = false;
    for (let i = 2; i < n; i++) {
      if (comment && tokens[i] === 'free') free = true;
      if (tokens[i] === '#') comment = true;
    }
  }
  const series = createTimeSeries({ i: 1 }, tokens, readState);
  if (node instanceof Suite) throw new ArgumentError('Cannot add time based dependency on a suite');
  if (kind === 'time') {
    const t = new TimeAttr(series);
    t.free = free;
    node.addTime(t);
  } else {
    const t = new TodayAttr(series);
    t.free = free;
    node.addToday(t);
  }
}

/** `time` (`TimeParser`). */
export const timeParser = {
  keyword: 'time',
  id: 'time',
  parse(p, line, tokens) {
    parseTimeOrToday(p, 'time', line, tokens);
  },
} as const satisfies KeywordParser;
