/**
 * `edit NAME value` (VariableParser.cpp): a node's user variable, or at the top a server (user)
 * variable. Two rules: 5.9.2's re-joins the tokens of the value with single spaces and strips one
 * pair of double then single quotes; 5.17's (`losslessVariables`) keeps a quoted value verbatim
 * from its first quote to the last quote of the same kind on the line, takes an unquoted value as
 * one token, and rejects anything but a comment after the value.
 */
import { ArgumentError } from '../../errors.js';
import { Variable } from '../attributes/basic.js';
import { Alias } from '../model.js';
import { invalidNameReason, isValidName, removeQuotes, removeSingleQuotes } from '../text.js';
import type { KeywordParser, ParseContext } from './context.js';
import { joinTokens } from './util.js';

/** Offset in `line` of token `k` (tokens separated by spaces and tabs). */
function tokenStart(line: string, k: number): number {
  let i = 0;
  const n = line.length;
  for (let t = 0; ; t++) {
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    if (t === k || i >= n) return i;
    while (i < n && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) i++;
  }
}

/** `std::string::substr(pos, count)` where a negative count (a `size_t` wrapped round) means to the end. */
function substr(s: string, pos: number, count: number): string {
  return count < 0 ? s.slice(pos) : s.slice(pos, pos + count);
}

/** VariableParser.cpp at 5.17.0. */
function parseVariableLossless(p: ParseContext, line: string, tokens: string[], atRoot: boolean): void {
  const n = tokens.length;
  const empty = p.nodes.length === 0;
  const node = p.attributeNode();
  if (empty && !atRoot) throw new ArgumentError(`VariableParser::doParse: Could not add variable, as node stack is empty at line: ${line}`);
  const at = empty ? '' : `At node: ${node.debugNodePath()}\n`;
  if (n < 3) throw new ArgumentError(`VariableParser::doParse: expected at least 3 tokens, found ${n} on line:${line}\n` + at);
  const c0 = tokens[2]!.charCodeAt(0);
  let firstQuote = -1;
  let lastQuote = -1;
  if (c0 === 39 || c0 === 34) {
    firstQuote = tokenStart(line, 2);
    lastQuote = line.lastIndexOf(tokens[2]![0]!);
  }
  if (firstQuote >= 0 && lastQuote >= 0 && !(firstQuote < lastQuote)) {
    throw new ArgumentError(`VariableParser::doParse: Mismatched quote detected (only one quote found) in line: ${line}\n` + at);
  }
  let name: string;
  let value: string;
  let marker: string;
  if (tokens[1]!.includes(':')) {
    // an alias's variable: edit NAME:DEFAULT 'actual value' # comment
    const nameStart = tokenStart(line, 1);
    const fa = line.indexOf("'");
    const la = line.lastIndexOf("'");
    if (fa < 0 && la < 0) {
      name = tokens[1]!;
      value = tokens[2]!;
      marker = tokens.slice(3).join(' ');
    } else {
      name = substr(line, nameStart, fa - nameStart - 1);
      value = substr(line, fa + 1, la - fa - 1);
      marker = line.slice(la + 1);
    }
  } else if (firstQuote < 0) {
    name = tokens[1]!;
    value = tokens[2]!;
    if (value.charCodeAt(0) === 35) throw new ArgumentError(`VariableParser::doParse: Expected value but found comment at line:${line}\n` + at);
    marker = tokens.slice(3).join(' ');
  } else {
    name = tokens[1]!;
    value = line.slice(firstQuote + 1, lastQuote);
    marker = line.slice(lastQuote + 1);
  }
  let m = 0;
  while (m < marker.length && (marker.charCodeAt(m) === 32 || marker.charCodeAt(m) === 9)) m++;
  if (m < marker.length && marker.charCodeAt(m) !== 35) {
    throw new ArgumentError(`VariableParser::doParse: Invalid comment at line: ${line} -- non-# found after value\n` + at);
  }
  name = p.intern(name);
  if (!empty) {
    if (!(p.style === 'net' || node instanceof Alias) && !isValidName(name)) {
      throw new ArgumentError('Variable::Variable: Invalid Variable name: ' + invalidNameReason(name, p.facts));
    }
    node.addVariable(new Variable(name, value));
    return;
  }
  if (!isValidName(name)) throw new ArgumentError('Variable::Variable: Invalid Variable name: ' + invalidNameReason(name, p.facts));
  if (marker.replace(/^[ \t]+|[ \t]+$/g, '') === '# server') p.defs.addServerVariable(new Variable(name, value));
  else p.defs.addUserVariable(new Variable(name, value));
}

function parseVariable(p: ParseContext, line: string, tokens: string[], atRoot: boolean): void {
  if (p.facts.losslessVariables) {
    parseVariableLossless(p, line, tokens, atRoot);
    return;
  }
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
      throw new ArgumentError('Variable::Variable: Invalid Variable name: ' + invalidNameReason(name, p.facts));
    }
    node.addVariable(new Variable(name, value));
  } else {
    if (!isValidName(name)) throw new ArgumentError('Variable::Variable: Invalid Variable name: ' + invalidNameReason(name, p.facts));
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
