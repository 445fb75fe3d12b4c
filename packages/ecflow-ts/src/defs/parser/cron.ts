/** `cron [-w …] [-d …] [-m …] time-series` (CronParser.cpp). */
import { ArgumentError } from '../../errors.js';
import { parseCron } from '../attributes/time.js';
import type { KeywordParser } from './context.js';

/** `cron` (`CronParser`). */
export const cronParser = {
  keyword: 'cron',
  id: 'cron',
  parse(p, line, tokens) {
    if (tokens.length < 2) throw new ArgumentError(`CronParser::doParse: Invalid cron: ${line}`);
    const node = p.attributeNode();
    const cron = parseCron(tokens, 1, p.readState);
    if (cron.series !== null && cron.series.finish !== null && node.repeat !== null) {
      throw new ArgumentError(`Node::addCron: Node ${node.absNodePath()} already has a repeat. Inappropriate to add two looping structures at the same level\n`);
    }
    node.addCron(cron);
  },
} as const satisfies KeywordParser;
