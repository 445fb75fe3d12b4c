/**
 * `DefsStructureParser`: reads a definition text line by line (the `;` multi-statement rule of
 * hand-written files included) and hands each line to the parser on top of the node stack, as
 * ecFlow's hierarchical parser does (libs/node/src/ecflow/node/parser/DefsStructureParser.cpp,
 * Parser.cpp). The parsers of the node keywords live in nodes.ts, those of the attribute keywords
 * in one file each (table.ts lists them), and the fast paths of the common lines in fast.ts.
 */
import { ArgumentError } from '../../errors.js';
import { DefsParseError } from '../errors.js';
import { type AttributeSource, Defs, NodeContainer, Task, type AnyNode, type Node } from '../model.js';
import { splitTokens } from '../text.js';
import { DEFAULT_VERSION, type Facts, factsOf } from '../../versions.js';
import { FastPath } from './fast.js';
import type { ParseContext, ParserNode, Style } from './context.js';
import { type AttributeBlock, scanAttributeBlock } from './deferred.js';
import { DEFS_TREE, NODES_TREE, doParseNode, resetStarted } from './nodes.js';
import { KNOWN_KEYWORDS } from './table.js';
import { own } from './util.js';

const KEYWORD_NAMES: Record<ParserNode['type'], string> = { defs: 'DEFS', nodes: 'DEFS', suite: 'suite', family: 'family', task: 'task', alias: 'alias' };

/** Keywords of the node parsers: misplaced, they are faults, never lines kept as unknown attributes. */
const NODE_KEYWORDS = new Set(['suite', 'family', 'task', 'alias', 'endsuite', 'endfamily', 'endtask', 'endalias']);

/** The state of one parse: the text, the line reader, the node stack and what the keyword parsers share. */
export class StructureParser implements ParseContext {
  readonly text: string;
  readonly file: string;
  style: Style = 'defs';
  readonly nodeString: boolean;
  readonly defs: Defs;
  /** Parsed node of a node string. */
  root: AnyNode | null = null;
  // line reader
  pos = 0;
  lineNo = 0;
  queue: string[] = [];
  /** The last physical line had no newline: like `std::getline` at EOF, statements queued after it are dropped. */
  atEof = false;
  // node stack
  readonly nodes: Node[] = [];
  readonly parsers: ParserNode[] = [];
  readonly defStatusSet = new Set<Node>();
  faults = '';
  readonly tokens: string[] = [];
  readonly scratch: string[] = [];
  names = new Map<string, string>();
  /** The fast paths of the common lines; `null` reads every line through the general path. */
  readonly fast: FastPath | null;
  /** The release whose parser is imitated. */
  readonly version: string;
  /** Its version facts. */
  readonly facts: Facts;
  /** Leave the attribute lines of a NET text's tasks to be read on first use (deferred.ts). @default false */
  defer = false;
  /** Tasks whose attribute lines were left (a test checks deferral is taken). */
  deferredTasks = 0;
  /** The task pushed last, while deferring: its attribute lines are looked at before the next line. */
  #pushed: Task | null = null;
  /** The task whose attribute lines were left last, and the line before the one that closes it. */
  #left: Task | null = null;
  #leftLine = 0;
  #reader: AttributeReader | null = null;
  readonly #block: AttributeBlock = { end: 0, lines: 0, rare: false };

  /** Shares one copy of attribute names that repeat across nodes (labels, events, meters, variables). */
  intern(s: string): string {
    const v = this.names.get(s);
    if (v !== undefined) return v;
    const o = own(s);
    if (this.names.size < 65536) this.names.set(o, o);
    return o;
  }

  constructor(text: string, file: string, nodeString: boolean, fast = true, version: string = DEFAULT_VERSION) {
    this.text = text;
    this.file = file;
    this.nodeString = nodeString;
    this.defs = new Defs();
    if (nodeString) this.style = 'migrate';
    this.version = version;
    this.facts = factsOf(version);
    this.fast = fast && !nodeString ? new FastPath(this) : null;
  }

  /** NET and MIGRATE (`PrintStyle::is_persist_style`): fault tolerant, no `;` statements. */
  get persist(): boolean {
    return this.style === 'net' || this.style === 'migrate';
  }
  /** Names and duplicates are checked in every style but NET. */
  get check(): boolean {
    return this.style !== 'net';
  }
  /** The state in `# ...` comments is read in every style but DEFS. */
  get readState(): boolean {
    return this.style !== 'defs';
  }

  /** Reads a physical line; `undefined` at the end of the text. */
  physicalLine(): string | undefined {
    const text = this.text;
    if (this.pos > text.length || (this.pos === text.length && this.pos !== 0)) return undefined;
    if (text.length === 0) {
      this.pos = 1;
      return undefined;
    }
    let end = text.indexOf('\n', this.pos);
    if (end < 0) {
      end = text.length;
      this.atEof = true;
    }
    // A copy: what the keyword parsers cut from the line and keep holds the line, not the text.
    const line = own(text.slice(this.pos, end));
    this.pos = end + 1;
    this.lineNo++;
    return line;
  }

  /** `DefsStructureParser::getNextLine`: handles `;` separated statements in DEFS/STATE texts. */
  nextLine(): string | undefined {
    if (this.queue.length > 0) return this.queue.shift();
    const line = this.physicalLine();
    if (line === undefined) return undefined;
    if (this.persist || line.length === 0 || !line.includes(';')) return line;
    const toks = splitTokens(line, this.scratch);
    if (toks.length > 0) {
      if (toks[0]!.charCodeAt(0) === 35) return line;
      if (toks[0] === 'label') return line;
    }
    const hash = line.indexOf('#');
    const stripped = hash >= 0 ? line.slice(0, hash) : line;
    const parts = stripped.split(';').filter((s) => s.length > 0);
    if (parts.length === 0) return '';
    if (parts[0]!.includes('edit')) {
      // semiColonInEditVariable: a ';' inside an edit value keeps the line whole
      for (const p of parts) if (!p.trim().startsWith('edit')) return stripped;
    }
    const first = parts.shift()!;
    this.queue = parts;
    return first;
  }

  run(): void {
    resetStarted(this.nodeString ? NODES_TREE : DEFS_TREE);
    const fast = this.fast;
    for (;;) {
      if (this.atEof) break;
      if (this.#left !== null && this.lineNo > this.#leftLine) this.#closed();
      if (this.#pushed !== null) this.#leave();
      if (fast !== null && this.queue.length === 0 && fast.line()) continue;
      const line = this.nextLine();
      if (line === undefined) break;
      this.parseLine(line);
    }
  }

  /** Reads the lines before offset `end` (an attribute block: see AttributeReader). */
  runUntil(end: number): void {
    const fast = this.fast;
    while (this.pos < end) {
      if (fast !== null && fast.line()) continue;
      const line = this.nextLine();
      if (line === undefined) break;
      this.parseLine(line);
    }
  }

  /** Reads one logical line through the parser on top of the stack. */
  parseLine(line: string): void {
    const tokens = splitTokens(line, this.tokens);
    if (tokens.length === 0) return;
    const parser = this.parsers.length === 0 ? (this.nodeString ? NODES_TREE : DEFS_TREE) : this.parsers[this.parsers.length - 1]!;
    try {
      this.doParse(parser, line, tokens);
    } catch (e) {
      if (e instanceof DefsParseError) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      throw new DefsParseError(this.file, this.lineNo, reason, line.trim(), { cause: e });
    }
  }

  /** Skips the attribute lines of the task just pushed, when they can be read later (deferred.ts). */
  #leave(): void {
    const task = this.#pushed!;
    this.#pushed = null;
    if (this.style !== 'net') return;
    const block = this.#block;
    if (!scanAttributeBlock(this.text, this.pos, this.parsers[this.parsers.length - 1]!, this.facts, block)) return;
    const reader = (this.#reader ??= new AttributeReader(this));
    task.deferAttributes(block.rare ? reader : reader.common, this.pos);
    this.pos = block.end;
    this.lineNo += block.lines;
    this.#left = task;
    this.#leftLine = this.lineNo;
    this.deferredTasks++;
  }

  /**
   * After the line that was to close the task whose attributes were left: if the task is still on
   * the stack (a misplaced `endfamily`, say), later lines could add to it, so its own are read now.
   */
  #closed(): void {
    const task = this.#left!;
    this.#left = null;
    if (this.nodes.includes(task)) task.readAttributes();
  }

  /** The parser on top of the stack, or the root parser when the stack is empty. */
  currentParser(): ParserNode {
    return this.parsers.length === 0 ? DEFS_TREE : this.parsers[this.parsers.length - 1]!;
  }
  top(): Node {
    return this.nodes[this.nodes.length - 1]!;
  }
  /**
   * The node on top of the stack for an attribute parser. With an empty stack it is `undefined`
   * typed as a node: a parser that ecFlow lets use it anyway fails on it (an error, as in ecFlow).
   */
  attributeNode(): Node {
    return this.nodes[this.nodes.length - 1] as Node;
  }
  push(node: Node, parser: ParserNode): void {
    if (node.line === 0) node.line = this.lineNo;
    this.nodes.push(node);
    this.parsers.push(parser);
    if (this.defer && node instanceof Task) this.#pushed = node;
  }
  pop(): void {
    this.nodes.pop();
    this.parsers.pop();
  }
  popToContainer(): void {
    while (this.nodes.length > 0 && !(this.top() instanceof NodeContainer)) this.pop();
  }

  /** Keeps a line of an unknown keyword as it came (without its indentation) on the top node, or the definition. */
  keepUnknown(line: string): void {
    let i = 0;
    while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    const text = line.slice(i);
    if (this.nodes.length > 0) this.top().addUnknown(text);
    else this.defs.addUnknown(text);
  }

  /** A node parser's `doParse`: its own keywords, else {@link genericParse}. */
  doParse(p: ParserNode, line: string, tokens: string[]): void {
    if (!doParseNode(this, p, line, tokens)) this.genericParse(p, line, tokens);
  }

  /**
   * `Parser::doParse`: delegate to a child parser, to the parent, skip comments, or fail. A keyword
   * the release imitated does not know (a newer release's, or one its table dates later) is an
   * unexpected keyword: a DEFS text is rejected, as ecFlow rejects it; in the NET, MIGRATE and STATE
   * styles the line is kept verbatim on its node (or the definition) and printed back as it came,
   * so a newer server's text costs that attribute, not the definition.
   */
  genericParse(p: ParserNode, line: string, tokens: string[]): void {
    const first = tokens[0]!;
    const kid = p.kids.get(first);
    if (kid !== undefined && !('parse' in kid && kid.since !== undefined && !this.facts[kid.since])) {
      if ('parse' in kid) kid.parse(this, line, tokens);
      else this.doParse(kid, line, tokens);
      return;
    }
    if (p.parent !== null && (first === 'endfamily' || first === 'family' || first === 'endsuite')) {
      this.doParse(p.parent, line, tokens);
      return;
    }
    if (first.charCodeAt(0) === 35) return;
    let msg = `# Unexpected keyword ${first} found whilst parsing ${KEYWORD_NAMES[p.type]}`;
    if (this.nodes.length > 0) msg += ' ' + this.top().absNodePath();
    if (this.style !== 'defs' && !NODE_KEYWORDS.has(first) && (kid !== undefined || !KNOWN_KEYWORDS.has(first))) {
      this.keepUnknown(line);
      if (this.persist) this.faults += msg + ' -> kept\n';
      return;
    }
    if (this.persist) {
      this.faults += msg + ' -> ignoring\n';
      return;
    }
    throw new ArgumentError(msg);
  }
}

/** The parser of a task (every task parser has the same keywords). */
const TASK_PARSER = (DEFS_TREE.kids.get('suite') as ParserNode).kids.get('task') as ParserNode;

/**
 * Reads the attribute lines a NET parse left on its tasks (deferred.ts), each task's when first
 * used, with one parser of the same text, release and names for all of them.
 */
class AttributeReader implements AttributeSource {
  readonly #parser: StructureParser;
  readonly #block: AttributeBlock = { end: 0, lines: 0, rare: false };
  readonly rare = true;
  /** The same reader, for the blocks of common attributes alone (AttributeBlock.rare). */
  readonly common: AttributeSource = { rare: false, read: (node, at) => this.read(node, at) };

  constructor(from: StructureParser) {
    const p = new StructureParser(from.text, from.file, false, from.fast !== null, from.version);
    p.style = 'net';
    p.names = from.names;
    this.#parser = p;
  }

  read(node: Node, at: number): void {
    const p = this.#parser;
    scanAttributeBlock(p.text, at, TASK_PARSER, p.facts, this.#block);
    p.pos = at;
    p.lineNo = node.line;
    p.nodes.push(node);
    p.parsers.push(TASK_PARSER);
    try {
      p.runUntil(this.#block.end);
    } finally {
      // (pop and a check, not `length = 0` and `clear()`: those are slow builtins, and this runs per task)
      p.nodes.pop();
      p.parsers.pop();
      if (p.defStatusSet.size > 0) p.defStatusSet.clear();
      p.faults = '';
    }
  }
}
