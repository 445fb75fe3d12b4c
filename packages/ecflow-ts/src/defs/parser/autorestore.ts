/** `autorestore path…` (AutoRestoreParser.cpp). */
import { ArgumentError } from '../../errors.js';
import { AutoRestoreAttr } from '../attributes/misc.js';
import type { KeywordParser } from './context.js';

/** `autorestore` (`AutoRestoreParser`). */
export const autorestoreParser = {
  keyword: 'autorestore',
  id: 'autorestore',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (n < 2) throw new ArgumentError(`AutoRestoreParser::doParse: Invalid autorestore :${line}`);
    if (p.nodes.length === 0) throw new ArgumentError(`AutoRestoreParser::doParse: Could not add autorestore as node stack is empty at line: ${line}`);
    const node = p.top();
    const paths: string[] = [];
    for (let i = 1; i < n; i++) {
      if (tokens[i]!.charCodeAt(0) === 35) break;
      paths.push(tokens[i]!);
    }
    if (paths.length === 0) throw new ArgumentError(`AutoRestoreParser::doParse: no paths specified ${line}`);
    if (node.autoRestore !== null) throw new ArgumentError(`Node::add_auto_restore: Can only have one autorestore per node ${node.debugNodePath()}`);
    node.autoRestore = new AutoRestoreAttr(paths);
  },
} as const satisfies KeywordParser;
