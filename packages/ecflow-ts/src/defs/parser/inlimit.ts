/** `inlimit [-n|-s] [path:]NAME [tokens]` (InlimitParser.cpp); in the state styles `# incremented:1`. */
import { ArgumentError } from '../../errors.js';
import { InLimit } from '../attributes/basic.js';
import { isValidName, theInt } from '../text.js';
import type { KeywordParser } from './context.js';

/** `inlimit` (`InlimitParser`). */
export const inlimitParser = {
  keyword: 'inlimit',
  id: 'inlimit',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (n < 2) throw new ArgumentError(`InlimitParser::doParse: Invalid inlimit :${line}`);
    if (p.nodes.length === 0) throw new ArgumentError(`InlimitParser::doParse: Could not add inlimit as node stack is empty at line: ${line}`);
    const node = p.top();
    const check = p.check;
    let i = 1;
    let nodeOnly = false;
    let submission = false;
    if (tokens[i] === '-n') {
      nodeOnly = true;
      i++;
    }
    if (tokens[i] === '-s') {
      submission = true;
      i++;
    }
    if (nodeOnly && submission) {
      throw new ArgumentError("InlimitParser::doParse: can't limit family only(-n) and limit submission(-s) at the same time");
    }
    const tok = tokens[i];
    if (tok === undefined || tok.length === 0) throw new ArgumentError(`InlimitParser::doParse: Invalid inlimit : ${line}`);
    let path = '';
    let name = '';
    const colon = tok.indexOf(':');
    if (colon < 0) {
      if (tok.charCodeAt(0) === 47) path = tok;
      else name = tok;
    } else {
      path = tok.slice(0, colon);
      name = tok.slice(colon + 1);
    }
    i++;
    const count = n >= i + 1 && tokens[i]!.charCodeAt(0) !== 35 ? theInt(tokens[i]!, `Invalid in limit : ${line}`) : 1;
    if (check && !isValidName(name)) throw new ArgumentError(`InLimit::InLimit: Invalid InLimit name: ${name}`);
    const il = new InLimit(name, path, count, nodeOnly, submission);
    if (p.readState) {
      for (let j = i + 1; j < n; j++) {
        if (tokens[j]!.includes('incremented:1')) {
          il.incremented = true;
          break;
        }
      }
    }
    if (check) {
      for (const x of node.inLimits) {
        if (x.name === il.name && x.path === il.path) throw new ArgumentError(`Add InLimit failed: Duplicate InLimit see node ${node.debugNodePath()}`);
      }
    }
    node.addInLimit(il);
  },
} as const satisfies KeywordParser;
