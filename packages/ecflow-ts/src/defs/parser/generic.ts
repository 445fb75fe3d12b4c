/** `generic NAME value…` (GenericParser.cpp). */
import { ArgumentError } from '../../errors.js';
import { GenericAttr } from '../attributes/misc.js';
import { invalidNameReason, isValidName } from '../text.js';
import type { KeywordParser } from './context.js';

/** `generic` (`GenericParser`). */
export const genericParser = {
  keyword: 'generic',
  id: 'generic',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (n < 2) throw new ArgumentError(`GenericParser::doParse: Invalid generic :${line}`);
    if (p.nodes.length === 0) throw new ArgumentError(`GenericParser::doParse: Could not add generic as node stack is empty at line: ${line}`);
    const node = p.top();
    const values: string[] = [];
    for (let i = 2; i < n; i++) {
      if (tokens[i]!.charCodeAt(0) === 35) break;
      values.push(tokens[i]!);
    }
    const name = tokens[1]!;
    if (!isValidName(name)) throw new ArgumentError('GenericAttr::GenericAttr : Invalid generic name : ' + invalidNameReason(name, p.facts));
    for (const g of node.generics) {
      if (g.name === name) throw new ArgumentError(`MiscAttrs::add_generic : Node ${node.absNodePath()} already has a generic attribute of name ${name}\n`);
    }
    node.addGeneric(new GenericAttr(name, values));
  },
} as const satisfies KeywordParser;
