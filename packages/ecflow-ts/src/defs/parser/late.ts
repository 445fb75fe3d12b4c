/** `late -s … -a … -c …` (LateParser.cpp); in the state styles `# late`. */
import { ArgumentError } from '../../errors.js';
import { parseLate } from '../attributes/time.js';
import type { KeywordParser } from './context.js';

/** `late` (`LateParser`). */
export const lateParser = {
  keyword: 'late',
  id: 'late',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (n < 3) throw new ArgumentError(`LateParser::doParse: Invalid late :${line}`);
    const node = p.attributeNode();
    const late = parseLate(tokens, line);
    if (p.readState && tokens[n - 1] === 'late') late.isLate = true;
    if (node.late !== null) throw new ArgumentError(`Add Late failed: A node can only have one Late attribute, see node ${node.debugNodePath()}`);
    node.late = late;
  },
} as const satisfies KeywordParser;
