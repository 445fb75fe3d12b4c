/** `limit NAME max` (LimitParser.cpp); in the state styles `# value path…`. */
import { ArgumentError } from '../../errors.js';
import { Limit } from '../attributes/basic.js';
import { isValidName, theInt } from '../text.js';
import type { KeywordParser } from './context.js';

/** `limit` (`LimitParser`). */
export const limitParser = {
  keyword: 'limit',
  id: 'limit',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (n < 3) throw new ArgumentError(`LimitParser::doParse: Invalid limit ${line}`);
    if (p.nodes.length === 0) throw new ArgumentError(`LimitParser::doParse: Could not add limit as node stack is empty at line: ${line}`);
    const node = p.top();
    const lim = theInt(tokens[2]!, `LimitParser::doParse: Invalid limit value: ${line}`);
    const name = tokens[1]!;
    let value = 0;
    let paths: string[] = [];
    let doCheck = true;
    if (p.readState) {
      const set = new Set<string>();
      let comment = false;
      let done = false;
      for (let i = 3; i < n; i++) {
        const t = tokens[i]!;
        if (comment) {
          if (!done) {
            value = theInt(t, `LimitParser::doParse: Could not extract limit value: ${t}`);
            done = true;
          } else set.add(t);
        }
        if (t === '#') comment = true;
      }
      paths = [...set].sort();
      doCheck = p.check;
    }
    if (doCheck && !isValidName(name)) throw new ArgumentError(`Limit::Limit: Invalid Limit name: ${name}`);
    if (doCheck && node.findLimit(name) !== undefined) {
      throw new ArgumentError(`Add Limit failed: Duplicate Limit of name '${name}' already exist for node ${node.debugNodePath()}`);
    }
    node.addLimit(new Limit(name, lim, value, paths));
  },
} as const satisfies KeywordParser;
