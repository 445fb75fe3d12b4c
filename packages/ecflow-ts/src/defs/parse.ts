/**
 * Parser for suite definitions in all four print styles (DEFS, STATE, MIGRATE, NET).
 *
 * It reproduces ecFlow's hierarchical line parser (DefsStructureParser.cpp, DefsParser.cpp and one
 * parser per keyword, parser/*.ts): which keyword is accepted where, the `;` multi-statement rule of
 * hand-written files, `\` continuation of expressions, the state carried in `# ...` comments and the
 * fault tolerance of the NET/MIGRATE styles.
 */
import { checkDefsErrors } from './check.js';
import { DefsParseError } from './errors.js';
import type { AnyNode, Defs } from './model.js';
import { StructureParser } from './parser/structure.js';

/** Options of `parseDefs`. */
export interface ParseOptions {
  /** File name used in error messages. @default '<string>' */
  file?: string;
  /**
   * Run the semantic check (`checkDefs`) after a DEFS or STATE style parse and reject the text on
   * errors, as `ecflow.Defs(path)` does. NET and MIGRATE texts are never checked.
   * @default true
   */
  check?: boolean;
  /**
   * The ecFlow release whose parser to imitate, where releases read the same text differently: the
   * 5.12+ `repeat datetime` and date-time literals, the 5.13+ `aviso`/`mirror` lines and
   * `remote_error` flag, the 5.17 `repeat datetimelist` and lossless variable values. A version
   * between releases behaves as the newest release not later than it.
   * @default the release of the text's `#5.17.0` header line (what ecFlow writes first), else '5.9.2'
   */
  version?: string;
}

/** @internal How a parse reads lines: `fast: false` sends every line through the general path. */
export interface ParsePaths {
  /** Use the fast paths of the common lines. @default true */
  fast?: boolean;
  /** Filled with how many lines the fast paths read, and how many tasks' attribute lines were left (`defer`). */
  stats?: { fastLines: number; deferredTasks?: number };
  /**
   * Leave the attribute lines of a NET text's tasks to be read at the first use of an attribute of
   * the task (parser/deferred.ts), as a mirror's full sync does. @default false
   */
  defer?: boolean;
}

function run(text: string, options: ParseOptions, paths: ParsePaths): StructureParser {
  const file = options.file ?? '<string>';
  const header = headerVersion(text);
  const p = new StructureParser(text, file, false, paths.fast ?? true, options.version ?? header);
  if (header !== undefined) p.defs.version = header;
  p.defer = paths.defer === true;
  p.run();
  if (paths.stats !== undefined) {
    paths.stats.fastLines = p.fast?.lines ?? 0;
    paths.stats.deferredTasks = p.deferredTasks;
  }
  if (p.style !== 'net' && p.style !== 'migrate' && options.check !== false) {
    const err = checkDefsErrors(p.defs, p.version);
    if (err !== undefined) throw new DefsParseError(file, err.line, err.message, err.text);
  }
  return p;
}

/**
 * Parses a suite definition in any print style; the style is detected from the `defs_state` header
 * (none means DEFS). Throws `DefsParseError` where ecFlow's parser (and, for DEFS/STATE, its check)
 * would reject the text.
 */
export function parseDefs(text: string, options: ParseOptions = {}): Defs {
  return run(text, options, {}).defs;
}

/** @internal `parseDefs` choosing how lines are read (the property test compares the two paths). */
export function parseDefsWithPaths(text: string, options: ParseOptions, paths: ParsePaths): Defs {
  return run(text, options, paths).defs;
}

/** Parse result of `parseNodeText`, with the warnings of the fault tolerant styles. */
export interface ParsedNode {
  node: AnyNode;
  warnings: string;
}

/**
 * Parses a single node printed by `printNode` / `node.print(NET)` (the `SNodeCmd` text of
 * `ecflow_client --get=/path`). The text is read as MIGRATE style, as ecFlow does; `version` as
 * in {@link ParseOptions}.
 */
export function parseNode(text: string, options: { file?: string; version?: string } = {}): AnyNode {
  const p = new StructureParser(text, options.file ?? '<string>', true, true, options.version);
  p.run();
  if (p.root === null) throw new DefsParseError(p.file, p.lineNo, 'No node found', '');
  return p.root;
}

/** Internal: parse and also report the NET/MIGRATE faults (ignored unknown keywords). */
export function parseDefsWithWarnings(text: string, options: ParseOptions = {}): { defs: Defs; warnings: string } {
  const file = options.file ?? '<string>';
  const p = new StructureParser(text, file, false, true, options.version ?? headerVersion(text));
  p.run();
  if (p.style !== 'net' && p.style !== 'migrate' && options.check !== false) {
    const err = checkDefsErrors(p.defs, p.version);
    if (err !== undefined) throw new DefsParseError(file, err.line, err.message, err.text);
  }
  return { defs: p.defs, warnings: p.faults };
}

/** The release named by a text's first line when that is a `#5.17.0` header. */
function headerVersion(text: string): string | undefined {
  if (text.charCodeAt(0) !== 35) return undefined;
  const first = text.slice(1, text.indexOf('\n') >>> 0);
  return /^\d+\.\d+\.\d+$/.test(first) ? first : undefined;
}
