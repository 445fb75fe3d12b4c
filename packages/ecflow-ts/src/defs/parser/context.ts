/**
 * What the parsers of one definition text share: the keyword and node parsers see the state of
 * `DefsStructureParser` (structure.ts) through these types only, so that no parser file needs the
 * module that dispatches to it (structure.ts → table.ts → each keyword parser).
 */
import type { AnyNode, Defs, Node } from '../model.js';
import type { Facts, VersionFact } from '../../versions.js';

/** The print styles a text can be in (its `defs_state` header; none is DEFS). */
export type Style = 'defs' | 'state' | 'migrate' | 'net';

/** One keyword's parser (ecFlow's `*Parser.cpp`): reads a line whose first token is its keyword. */
export interface KeywordParser {
  /** The keyword: the first token of the lines it reads. */
  readonly keyword: string;
  /** Which parser this is (the keyword, or `server_edit` for the definition's own variables). */
  readonly id: string;
  /** The first release that knows the keyword; before it, the keyword is unknown. */
  readonly since?: VersionFact;
  /** Reads one line into the node on top of the stack (`Parser::doParse`); throws to reject it. */
  parse(p: ParseContext, line: string, tokens: string[]): void;
}

/** Which node parser of the C++ parser tree this is. */
export type ParserType = 'defs' | 'nodes' | 'suite' | 'family' | 'task' | 'alias';

/** One node parser of the C++ parser tree: its own keyword and the keywords it delegates to. */
export interface ParserNode {
  readonly type: ParserType;
  readonly parent: ParserNode | null;
  /** The keywords it accepts: the parser of an attribute keyword, or the node parser of a child keyword. */
  readonly kids: Map<string, ParserNode | KeywordParser>;
  /** SuiteParser::started_ */
  started: boolean;
}

/** The state of one parse as the parsers use it (implemented by structure.ts's StructureParser). */
export interface ParseContext {
  readonly text: string;
  readonly file: string;
  style: Style;
  /** The text is one node's (`DefsParser(p, node_parser_only)`), not a whole definition. */
  readonly nodeString: boolean;
  readonly defs: Defs;
  /** Parsed node of a node string. */
  root: AnyNode | null;
  /** Offset of the next physical line in `text`. */
  pos: number;
  lineNo: number;
  readonly nodes: Node[];
  readonly parsers: ParserNode[];
  readonly defStatusSet: Set<Node>;
  /** What a fault-tolerant (NET, MIGRATE) parse skipped, one message a line. */
  faults: string;
  /** The release whose parser is imitated. */
  readonly version: string;
  /** Its version facts. */
  readonly facts: Facts;
  /** Names and duplicates are checked (every style but NET). */
  readonly check: boolean;
  /** The state in `# ...` comments is read (every style but DEFS). */
  readonly readState: boolean;
  /** Shares one copy of attribute names that repeat across nodes. */
  intern(s: string): string;
  /** The next logical line; `undefined` at the end of the text. */
  nextLine(): string | undefined;
  /** The parser on top of the stack, or the root parser when the stack is empty. */
  currentParser(): ParserNode;
  top(): Node;
  /** The node on top of the stack for an attribute parser (`undefined` typed as a node when there is none). */
  attributeNode(): Node;
  push(node: Node, parser: ParserNode): void;
  pop(): void;
  popToContainer(): void;
  /** Keeps a line of a keyword the release does not know, verbatim, on the top node or the definition. */
  keepUnknown(line: string): void;
  /** A node parser's `doParse`. */
  doParse(p: ParserNode, line: string, tokens: string[]): void;
}
