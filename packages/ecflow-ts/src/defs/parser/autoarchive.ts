/** `autoarchive days [-i]` / `autoarchive [+]HH:MM [-i]` (AutoArchiveParser.cpp). */
import { ArgumentError } from '../../errors.js';
import { AutoArchiveAttr, parseTime } from '../attributes/time.js';
import { theInt } from '../text.js';
import type { KeywordParser } from './context.js';

/** `autoarchive` (`AutoArchiveParser`). */
export const autoarchiveParser = {
  keyword: 'autoarchive',
  id: 'autoarchive',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (n < 2) throw new ArgumentError(`AutoArchiveParser::doParse: Invalid autoarchive :${line}`);
    if (p.nodes.length === 0) throw new ArgumentError(`AutoArchiveParser::doParse: Could not add autoarchive as node stack is empty at line: ${line}`);
    const node = p.top();
    const t = tokens[1]!;
    const idle = n >= 3 && tokens[2] === '-i';
    let aa: AutoArchiveAttr;
    if (!t.includes(':')) aa = new AutoArchiveAttr({ h: theInt(t, `invalid autoarchive ${line}`) * 24, m: 0 }, false, true, idle);
    else {
      const r = parseTime(t);
      aa = new AutoArchiveAttr(r.slot, r.relative, false, idle);
    }
    if (node.autoCancel !== null) throw new ArgumentError(`Node::add_autoarchive: Cannot add autocancel and autoarchive on the same node ${node.debugNodePath()}`);
    if (node.autoArchive !== null) throw new ArgumentError(`Node::add_autoarchive: A node can only have one autoarchive, see node ${node.debugNodePath()}`);
    node.autoArchive = aa;
  },
} as const satisfies KeywordParser;
