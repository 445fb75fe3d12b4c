/** `verify STATE:count` (VerifyParser.cpp); in the state styles `# actual`. */
import { ArgumentError } from '../../errors.js';
import { VerifyAttr } from '../attributes/misc.js';
import { isNStateName } from '../states.js';
import { theInt, toInt } from '../text.js';
import type { KeywordParser } from './context.js';

/** `verify` (`VerifyParser`). */
export const verifyParser = {
  keyword: 'verify',
  id: 'verify',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (n < 2) throw new ArgumentError(`VerifyParser::doParse: Invalid verify :${line}`);
    if (p.nodes.length === 0) return;
    const node = p.top();
    const t = tokens[1]!;
    const colon = t.indexOf(':');
    if (colon < 0) throw new ArgumentError(`Invalid verify :${line}`);
    const st = t.slice(0, colon);
    if (!isNStateName(st)) throw new ArgumentError(`VerifyParser::doParse: Invalid state :${line}`);
    const expected = theInt(t.slice(colon + 1), 'Invalid verify');
    let actual = 0;
    if (p.readState && n >= 4 && tokens[2] === '#') actual = toInt(tokens[3]!) ?? 0;
    for (const v of node.verifies) {
      if (v.state === st) throw new ArgumentError(`Add Verify failed: Duplicate 'verify ${st}:${expected}' already exist for node ${node.debugNodePath()}`);
    }
    node.addVerify(new VerifyAttr(st, expected, actual));
  },
} as const satisfies KeywordParser;
