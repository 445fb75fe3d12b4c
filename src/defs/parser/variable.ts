/** `edit NAME value` (VariableParser.cpp): a node's user variable, or at the top a server (user) variable. */
import { ArgumentError } from '../../errors.js';
import { Variable } from '../attributes/basic.js';
import { Alias } from '../model.js';
import { invalidNameReason, isValidName, removeQuotes, removeSingleQuotes } from '../text.js';
import type { KeywordParser, StructureParser } from './structure.js';
import { joinTokens } from './util.js';

function parseVariable(p: StructureParser, line: string, tokens: string[], atRoot: boolean): void {
  const n = tokens.length;
  const empty = p.nodes.length === 0;
  const node = p.attributeNode();
  if (empty && !atRoot) throw new ArgumentError(`VariableParser::doParse: Could not add variable, as node stack is empty at line: ${line}`);
  if (n < 3) {
    throw new ArgumentError(`VariableParser::doParse: expected at least 3 tokens, found ${n} on line:${line}\n` + (empty ? '' : `At node: ${node.debugNodePath()}\n`));
  }
  if (tokens[2]!.charCodeAt(0) === 35) {
    throw new ArgumentError(`VariableParser::doParse: Expected value but found comment at line:${line}\n` + (empty ? '' : `At node: ${node.debugNodePath()}\n`));
  }
  let value: string;
  let serverVar = false;
  if (n === 3) value = removeSingleQuotes(removeQuotes(tokens[2]!));
  else {
    let comment = 0;
    let end = n;
    for (let i = 3; i < n; i++) {
      if (tokens[i]!.charCodeAt(0) === 35) {
        comment = i;
        end = i;
        break;
      }
    }
    value = removeSingleQuotes(removeQuotes(joinTokens(tokens, 2, end)));
    if (comment !== 0 && comment + 1 < n && tokens[comment + 1] === 'server') serverVar = true;
  }
  const name = p.intern(tokens[1]!);
  if (!empty) {
    if (!(p.style === 'net' || node instanceof Alias) && !isValidName(name)) {
      throw new ArgumentError('Variable::Variable: Invalid Variable name: ' + invalidNameReason(name));
    }
    node.addVariable(new Variable(name, value));
  } else {
    if (!isValidName(name)) throw new ArgumentError('Variable::Variable: Invalid Variable name: ' + invalidNameReason(name));
    if (serverVar && n !== 3) p.defs.addServerVariable(new Variable(name, value));
    else p.defs.addUserVariable(new Variable(name, value));
  }
}

/** `edit` below a node (`VariableParser`). */
export const variableParser = {
  keyword: 'edit',
  id: 'edit',
  parse(p, line, tokens) {
    parseVariable(p, line, tokens, false);
  },
} as const satisfies KeywordParser;

/** `edit` at the top of a definition: a server user variable, or with `# server` a server variable (`VariableParser(p, true)`). */
export const serverVariableParser = {
  keyword: 'edit',
  id: 'server_edit',
  parse(p, line, tokens) {
    parseVariable(p, line, tokens, true);
  },
} as const satisfies KeywordParser;
