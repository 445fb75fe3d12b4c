/**
 * The node parsers of ecFlow's `DefsParser.cpp`: `DefsParser` (the root), `SuiteParser`,
 * `FamilyParser`, `TaskParser` and `AliasParser`. Each owns its node keyword (and its `end…`) and
 * delegates the attribute keywords it accepts, listed in table.ts, to their parsers.
 */
import { ArgumentError } from '../../errors.js';
import { Alias, Family, NodeContainer, Suite, Task } from '../model.js';
import { invalidNameReason, isValidName } from '../text.js';
import { readNodeState, readSubmittableState, readTaskState } from './node-state.js';
import type { KeywordParser, ParseContext, ParserNode, ParserType } from './context.js';
import { ALIAS_KEYWORDS, DEFS_KEYWORDS, FAMILY_KEYWORDS, SUITE_KEYWORDS, TASK_KEYWORDS } from './table.js';

function makeParser(type: ParserType, parent: ParserNode | null, attrs: readonly KeywordParser[]): ParserNode {
  const kids = new Map<string, ParserNode | KeywordParser>();
  for (const a of attrs) kids.set(a.keyword, a);
  return { type, parent, kids, started: false };
}
function aliasParser(parent: ParserNode): ParserNode {
  return makeParser('alias', parent, ALIAS_KEYWORDS);
}
function taskParser(parent: ParserNode): ParserNode {
  const p = makeParser('task', parent, TASK_KEYWORDS);
  p.kids.set('alias', aliasParser(p));
  return p;
}
function familyParser(parent: ParserNode): ParserNode {
  const p = makeParser('family', parent, FAMILY_KEYWORDS);
  p.kids.set('task', taskParser(p));
  return p;
}
function suiteParser(parent: ParserNode): ParserNode {
  const p = makeParser('suite', parent, SUITE_KEYWORDS);
  p.kids.set('family', familyParser(p));
  p.kids.set('task', taskParser(p));
  return p;
}
function defsParser(): ParserNode {
  const p = makeParser('defs', null, DEFS_KEYWORDS);
  p.kids.set('suite', suiteParser(p));
  return p;
}
function nodesParser(): ParserNode {
  const p = makeParser('nodes', null, []);
  p.kids.set('task', taskParser(p));
  p.kids.set('family', familyParser(p));
  p.kids.set('suite', suiteParser(p));
  p.kids.set('alias', aliasParser(p));
  return p;
}

// Parser trees are immutable apart from SuiteParser::started_, which is reset per parse.
/** The parser tree of a whole definition (`DefsParser`). */
export const DEFS_TREE = defsParser();
/** The parser tree of a node string (`DefsParser(p, node_parser_only)`). */
export const NODES_TREE = nodesParser();

/** Resets `SuiteParser::started_` throughout a tree. */
export function resetStarted(p: ParserNode): void {
  p.started = false;
  for (const k of p.kids.values()) if (!('parse' in k)) resetStarted(k);
}

/** The node keywords of one node parser (`SuiteParser::doParse` …); `false` when the line is not one of them. */
export function doParseNode(sp: ParseContext, p: ParserNode, line: string, tokens: string[]): boolean {
  const first = tokens[0]!;
  switch (p.type) {
    case 'alias':
      if (first === 'alias') {
        if (tokens.length < 2) throw new ArgumentError('Alias name missing.');
        addAlias(sp, p, line, tokens);
        return true;
      }
      if (first === 'endalias') {
        sp.pop();
        return true;
      }
      break;
    case 'task':
      if (first === 'task') {
        if (tokens.length < 2) throw new ArgumentError('Task name missing.');
        addTask(sp, p, line, tokens);
        return true;
      }
      if (first === 'endfamily') {
        if (p.parent !== null) {
          sp.doParse(p.parent, line, tokens);
          return true;
        }
      } else if (first === 'endtask') {
        sp.popToContainer();
        return true;
      }
      break;
    case 'family':
      if (first === 'family') {
        if (tokens.length < 2) throw new ArgumentError('Family name missing.');
        addFamily(sp, p, line, tokens);
        return true;
      }
      if (first === 'endfamily') {
        if (sp.nodes.length > 0 && sp.top() instanceof Task) sp.pop();
        sp.pop();
        return true;
      }
      if (first === 'endtask') {
        sp.pop();
        return true;
      }
      break;
    case 'suite':
      if (first === 'suite') {
        if (p.started) throw new ArgumentError("Can't have hierarchical suites.");
        if (tokens.length < 2) throw new ArgumentError('Suite name missing.');
        p.started = true;
        addSuite(sp, p, line, tokens);
        return true;
      }
      if (first === 'endsuite') {
        if (!p.started) throw new ArgumentError('Misplaced endsuite..');
        sp.nodes.length = 0;
        sp.parsers.length = 0;
        p.started = false;
        return true;
      }
      break;
    default:
      break;
  }
  return false;
}

function nameCheck(sp: ParseContext, name: string): void {
  if (sp.style !== 'net' && !isValidName(name)) throw new ArgumentError('Invalid node name : ' + invalidNameReason(name, sp.facts));
}

function addSuite(sp: ParseContext, p: ParserNode, line: string, tokens: string[]): void {
  if (sp.nodes.length > 0) throw new ArgumentError('SuiteParser::addSuite node stack should be empty');
  nameCheck(sp, tokens[1]!);
  const suite = new Suite(tokens[1]!);
  if (sp.style !== 'defs') {
    if (tokens.length >= 4 && tokens[3] === 'begun:1') suite.begun = true;
    readNodeState(sp, suite, line, tokens);
  }
  sp.push(suite, p);
  if (sp.nodeString) sp.root = suite;
  else sp.defs.addSuite(suite);
}

function addFamily(sp: ParseContext, p: ParserNode, line: string, tokens: string[]): void {
  if (sp.nodes.length === 0 && sp.nodeString) {
    nameCheck(sp, tokens[1]!);
    const fam = new Family(tokens[1]!);
    sp.root = fam;
    if (sp.style !== 'defs') readNodeState(sp, fam, line, tokens);
    sp.push(fam, p);
    return;
  }
  if (sp.nodes.length === 0) throw new ArgumentError('Add family failed empty node stack');
  const top = sp.top();
  if (top instanceof Suite || top instanceof Family) {
    nameCheck(sp, tokens[1]!);
    const fam = new Family(tokens[1]!);
    if (sp.style !== 'defs') readNodeState(sp, fam, line, tokens);
    sp.push(fam, p);
    top.addChild(fam);
  } else if (top instanceof Task) {
    sp.pop();
    addFamily(sp, p, line, tokens);
  }
  // an alias on top: ecFlow silently ignores the family line
}

function addTask(sp: ParseContext, p: ParserNode, line: string, tokens: string[]): void {
  if (sp.nodes.length === 0 && sp.nodeString) {
    nameCheck(sp, tokens[1]!);
    const task = new Task(tokens[1]!);
    if (sp.style !== 'defs') readTaskState(sp, task, line, tokens);
    sp.push(task, p);
    sp.root = task;
    return;
  }
  if (sp.nodes.length === 0) throw new ArgumentError('Add task failed empty node stack');
  if (sp.top() instanceof Task) sp.popToContainer();
  if (sp.nodes.length === 0) throw new ArgumentError('Add task failed empty node stack');
  const top = sp.top();
  if (top instanceof NodeContainer) {
    nameCheck(sp, tokens[1]!);
    const task = new Task(tokens[1]!);
    if (sp.style !== 'defs') readTaskState(sp, task, line, tokens);
    sp.push(task, p);
    top.addChild(task);
  }
}

function addAlias(sp: ParseContext, p: ParserNode, line: string, tokens: string[]): void {
  if (sp.nodes.length === 0 && sp.nodeString) {
    nameCheck(sp, tokens[1]!);
    const alias = new Alias(tokens[1]!);
    if (sp.style !== 'defs') readSubmittableState(sp, alias, line, tokens);
    sp.push(alias, p);
    sp.root = alias;
    return;
  }
  if (sp.nodes.length === 0) throw new ArgumentError('Add alias failed empty node stack');
  const top = sp.top();
  if (top instanceof Task) {
    if (!isValidName(tokens[1]!)) throw new ArgumentError('Invalid node name : ' + invalidNameReason(tokens[1]!, sp.facts));
    const alias = new Alias(tokens[1]!);
    readSubmittableState(sp, alias, line, tokens);
    top.addAlias(alias);
    sp.push(alias, p);
  } else if (top instanceof Alias) {
    sp.pop();
    addAlias(sp, p, line, tokens);
  } else throw new ArgumentError('Add alias failed, expected task on node stack');
}
