import { defsStats } from '../defs/stats.js';
import type { Defs } from '../defs/model.js';
import { printDefs, printFacts } from '../defs/print.js';
import { checkClientDefinition, type DefsSource, isDefinitionText, netText, readClientDefinition } from './client-definition.js';
import { cliText, type Command, ok, Timeout } from './command.js';

/** Options of `load` (`ecflow_client --load=FILE [force] [check_only] [print] [stats]`). */
export interface LoadOptions {
  /** Replace suites of the same name that the server already has. @default false */
  force?: boolean;
  /** Only parse and check on the client; nothing is sent. @default false */
  checkOnly?: boolean;
  /** Put the definition, printed in NET style, in `output`; nothing is sent. @default false */
  print?: boolean;
  /** Put the definition's statistics in `output`; nothing is sent. @default false */
  stats?: boolean;
  /**
   * The ecFlow release whose client to imitate in reading, printing and sending the definition
   * (the server's). @default the server's release for `Client.load`, else '5.9.2'
   */
  version?: string;
}

/** What `load` did with a definition. */
export interface LoadResult {
  /** Whether the definition was sent (false with `checkOnly`, `print` or `stats`). */
  sent: boolean;
  /** The definition as parsed and checked on the client. */
  defs: Defs;
  /** The check's warnings (an unresolved in-limit, say); the definition was still sent. */
  warnings: string;
  /** What `ecflow_client --load` prints to standard output: the print, the statistics, the warnings. */
  output: string;
}

/** A load made ready: the result it will have, and the command to send unless nothing is to be sent. */
export interface LoadPlan {
  result: Omit<LoadResult, 'sent'>;
  command: Command<void> | undefined;
}

/**
 * `LoadDefsCmd`'s client side: the definition read (file or text) or taken (a model), checked,
 * and printed in NET style for sending, as ecflow_client and Python's `Client.load` do. A refusal
 * is an `ArgumentError` with the Python module's message; nothing is sent then.
 */
export function planLoad(source: DefsSource, options: LoadOptions = {}): LoadPlan {
  const { force = false, checkOnly = false, print = false, stats = false, version } = options;
  let defs: Defs;
  let warnings: string;
  let fileName = '';
  if (typeof source === 'string') {
    const name = isDefinitionText(source) ? '' : source;
    ({ defs, warnings, fileName } = readClientDefinition(source, (why) => `\nLoadDefsCmd::LoadDefsCmd. Failed to parse file/definition ${name}\n${why}`, '', version));
  } else {
    defs = source;
    warnings = checkClientDefinition(defs, (why) => why);
  }
  let output = '';
  // LoadDefsCmd prints with `cout << defs` under PrintStyle::NET: indented until 5.14.1.
  if (print) output += printDefs(defs, { style: 'net', indent: printFacts('net', version, undefined, true).indent, ...(version === undefined ? {} : { version }) });
  if (stats) output += defsStats(defs);
  output += warnings;
  const send = !checkOnly && !print && !stats;
  return { result: { defs, warnings, output }, command: send ? loadDefsCmd(defs, { force, fileName, ...(version === undefined ? {} : { version }) }) : undefined };
}

/**
 * LoadDefsCmd: adds the suites of `defs` to the server; `force` replaces existing ones. The model
 * is sent in NET style, which never carries the `extern` lines a 5.9.2 server dies on.
 */
export function loadDefsCmd(defs: Defs, options: { force?: boolean; fileName?: string; version?: string } = {}): Command<void> {
  const { force = false, fileName = '', version } = options;
  const text = cliText(`--load=${fileName}`, force ? ['force'] : []);
  const net = netText(defs, version);
  return {
    cls: 'LoadDefsCmd',
    base: 'user',
    fields: () => ({ force_: force, defs_: net, defs_filename_: fileName }),
    timeout: Timeout.SYNC,
    text,
    updatesDefs: true,
    decode: ok(text),
  };
}
