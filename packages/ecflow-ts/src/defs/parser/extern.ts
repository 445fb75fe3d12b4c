/** `extern path[:name]` (ExternParser.cpp). */
import { ArgumentError } from '../../errors.js';
import type { KeywordParser } from './context.js';

/** `extern` (`ExternParser`). */
export const externParser = {
  keyword: 'extern',
  id: 'extern',
  parse(p, line, tokens) {
    if (tokens.length < 2) throw new ArgumentError(`ExternParser::doParse Invalid extern ${line}`);
    if (tokens[1]!.charCodeAt(0) === 35) throw new ArgumentError(`ExternParser::doParse Invalid extern paths.${line}`);
    p.defs.addExtern(tokens[1]!);
  },
} as const satisfies KeywordParser;
