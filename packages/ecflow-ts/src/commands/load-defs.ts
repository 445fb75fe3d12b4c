import { defsStats } from '../defs/stats.js';
import type { Defs } from '../defs/model.js';
import { printDefs, printFacts } from '../defs/print.js';
import { checkClientDefinition, type DefsSource, isDefinitionText, netText, readClientDefinition } from './client-definition.js';
import { cliText, type Command, ok, Timeout } from './command.js';
import { type Action, type CliContext, type CommandModule, lines, UsageError } from './option.js';

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

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const HELP = lines(
      'Check a definition or checkpoint file and load it into the server.',
      'Trigger and complete expressions are checked, and so are inlimit references to limits.',
      'Loading a suite the server already has is an error unless force is given,',
      'in which case the suite in the server is overwritten.',
      "check_only checks the file without sending it; checkpoint files can be loaded too.",
      '  arg1 = path to the definition file or checkpoint file',
      '  arg2 = (optional) [ force | check_only | print | stats ]  # none of them by default',
      'Usage:',
      '--load=/my/home/exotic.def               # fails when a suite of the same name is loaded',
      '--load=/my/home/exotic.def force         # replace suites of the same name in the server',
      '--load=/my/home/exotic.def check_only    # only check; nothing is sent',
      '--load=/my/home/exotic.def stats         # print statistics of the definition; nothing is sent',
      '--load=host1.3141.check                  # load a checkpoint file into the server',
      '--load=host1.3141.check print            # print the file in defs format',
    );

/**
 * `--load=FILE [force] [check_only] [print] [stats]` (LoadDefsCmd): the file is parsed and checked
 * here, as ecflow_client does, and sent re-printed in NET style; check_only, print and stats send
 * nothing. The server's release is not known before the load: the file is read as the imitated
 * ecflow_client reads it (see imitate.ts).
 */
function load(values: string[], ctx: CliContext): Action {
  let file = '';
  const flags = new Set<string>();
  for (const v of values) {
    if (v === 'force' || v === 'check_only' || v === 'print' || v === 'stats') flags.add(v);
    else file = v;
  }
  if (!file) throw new UsageError(`LoadDefsCmd::LoadDefsCmd: The pathname to the definition file must be provided\n${HELP}`);
  const { result, command } = planLoad(file, {
    force: flags.has('force'),
    checkOnly: flags.has('check_only'),
    print: flags.has('print'),
    stats: flags.has('stats'),
    version: ctx.version,
  });
  return command ? { request: command, stdout: result.output } : { exit: 0, stdout: result.output };
}

/** LoadDefsCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const LoadDefsCmd = {
  cls: 'LoadDefsCmd',
  request: loadDefsCmd,
  client: ['load'],
  options: {
    load: {
      value: 'many',
      description: HELP,
      run: load,
    },
  },
} as const satisfies CommandModule;
