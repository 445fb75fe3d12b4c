/**
 * A definition made ready to send, exactly as ecflow_client prepares one for LoadDefsCmd and
 * ReplaceNodeCmd: read from a file or taken from the argument itself when it holds
 * `suite … endsuite`, parsed and checked on the client, and sent re-printed in NET style. NET never
 * carries `extern` lines: a 5.9.2 server that receives one in a load asserts and exits
 * (`LoadDefsCmd::doHandleRequest`, "Expected server to have no externs").
 */
import fs from 'node:fs';
import { checkDefsDetailed } from '../defs/check.js';
import { DefsParseError } from '../defs/errors.js';
import type { Defs } from '../defs/model.js';
import { parseDefs } from '../defs/parse.js';
import { printDefs } from '../defs/print.js';
import { defaultServerVariables } from '../defs/server-variables.js';
import { ArgumentError } from '../errors.js';
import { versionDescription } from '../version.js';

/** What `load` and `replace` take: a file path, definition text (`suite … endsuite`), or a model. */
export type DefsSource = string | Defs;

/** A definition read and checked by {@link readClientDefinition}. */
export interface ClientDefinition {
  defs: Defs;
  /** The check's warnings (unresolved in-limits…), which ecflow_client prints to standard output. */
  warnings: string;
  /** The file it came from; `''` when the definition was given as text. */
  fileName: string;
}

/** Whether ecFlow takes the argument for definition text rather than a file name (`LoadDefsCmd`). */
export function isDefinitionText(source: string): boolean {
  return source.includes('suite') && source.includes('endsuite');
}

/**
 * `Defs::restore` / `restore_from_string` on the client: the definition in `source` (a file, or
 * the text itself), parsed and checked, with the default server variables of a new `Defs`.
 * Failures reject with an {@link ArgumentError} whose message is `failed(why)`, `why` worded as
 * ecFlow's parser words it; `missing` is the reason given for a file that does not exist.
 * `version` is the ecFlow release whose parser to imitate. @default '5.9.2'
 */
export function readClientDefinition(source: string, failed: (why: string) => string, missing: string, version?: string): ClientDefinition {
  const inline = isDefinitionText(source);
  let text: string;
  if (inline) text = source;
  else if (fs.existsSync(source) && fs.statSync(source).isFile()) {
    try {
      text = fs.readFileSync(source, 'utf8');
    } catch (error) {
      // A file that exists but cannot be read: what ecFlow's parser says when it cannot open one.
      throw new ArgumentError(failed(`DefsStructureParser::DefsStructureParser: Unable to open file! ${source}\n\n${versionDescription(version)}\n`), { cause: error });
    }
  } else throw new ArgumentError(failed(missing));
  let defs: Defs;
  try {
    defs = parseDefs(text, { file: inline ? 'definition' : source, check: false, ...(version === undefined ? {} : { version }) });
  } catch (error) {
    if (!(error instanceof DefsParseError)) throw error;
    const raw = text.split('\n')[error.line - 1] ?? error.text;
    // ecFlow's words as thrown, trailing newline included (the error's `reason` is trimmed).
    const reason = error.cause instanceof Error ? error.cause.message : error.reason;
    throw new ArgumentError(failed(`${reason}\nCould not parse '${raw}' around line number ${error.line}\n${versionDescription(version)}\n\n`), { cause: error });
  }
  const { errors, warnings } = checkDefsDetailed(defs);
  if (errors) throw new ArgumentError(failed(errors));
  defs.serverVariables = defaultServerVariables(undefined, undefined, version);
  return { defs, warnings, fileName: inline ? '' : source };
}

/**
 * `Defs::check` of a definition built in memory (`ClientInvoker::load_in_memory_defs`,
 * `ReplaceNodeCmd(defs_ptr)`): its warnings, or an {@link ArgumentError} with `failed(errors)`.
 */
export function checkClientDefinition(defs: Defs, failed: (why: string) => string): string {
  const { errors, warnings } = checkDefsDetailed(defs);
  if (errors) throw new ArgumentError(failed(errors));
  return warnings;
}

/** The text sent to the server: NET style (as release `version` writes it), which has no `extern` lines. */
export function netText(defs: Defs, version?: string): string {
  return printDefs(defs, { style: 'net', ...(version === undefined ? {} : { version }) });
}
