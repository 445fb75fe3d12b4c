/** `autocancel days` / `autocancel [+]HH:MM` (AutoCancelParser.cpp). */
import { ArgumentError } from '../../errors.js';
import { AutoCancelAttr, parseTime } from '../attributes/time.js';
import { theInt } from '../text.js';
import type { KeywordParser } from './context.js';

/** `autocancel` (`AutoCancelParser`). */
export const autocancelParser = {
  keyword: 'autocancel',
  id: 'autocancel',
  parse(p, line, tokens) {
    if (tokens.length < 2) throw new ArgumentError(`AutoCancelParser::doParse: Invalid autocancel :${line}`);
    if (p.nodes.length === 0) throw new ArgumentError(`AutoCancelParser::doParse: Could not add autocancel as node stack is empty at line: ${line}`);
    const node = p.top();
    const t = tokens[1]!;
    let ac: AutoCancelAttr;
    if (!t.includes(':')) ac = new AutoCancelAttr({ h: theInt(t, `invalid autocancel ${line}`) * 24, m: 0 }, false, true);
    else {
      const r = parseTime(t);
      ac = new AutoCancelAttr(r.slot, r.relative, false);
    }
    if (node.autoArchive !== null) throw new ArgumentError(`Node::addAutoCancel: Cannot add autocancel and autoarchive on the same node ${node.debugNodePath()}`);
    if (node.autoCancel !== null) throw new ArgumentError(`Node::addAutoCancel: A node can only have one autocancel, see node ${node.debugNodePath()}`);
    node.autoCancel = ac;
  },
} as const satisfies KeywordParser;
