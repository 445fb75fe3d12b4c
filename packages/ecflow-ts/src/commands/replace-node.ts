import { findNode } from '../defs/find.js';
import type { Defs } from '../defs/model.js';
import { versionDescription } from '../version.js';
import { ArgumentError } from '../errors.js';
import { checkClientDefinition, type DefsSource, netText, readClientDefinition } from './client-definition.js';
import { type Command, ctsApiToString, ok, Timeout } from './command.js';
import { type Action, type CliContext, type CommandModule, lines, UsageError } from './option.js';

/** How {@link Client.replace} replaces. */
export interface ReplaceOptions {
  /** Create the missing parent families/suite in the server when `path` is not there yet. @default true */
  parent?: boolean;
  /** Replace even if active or submitted tasks below `path` become zombies. @default false */
  force?: boolean;
  /**
   * The ecFlow release whose client to imitate in reading and sending the definition (the
   * server's). @default the server's release for `Client.replace`, else '5.9.2'
   */
  version?: string;
}

/** What `replace` did: the client's definition as checked, and the check's warnings. */
export interface ReplaceResult {
  /** The client's definition the node was taken from, as read and checked. */
  defs: Defs;
  /** Warnings of the client-side check, which ecflow_client prints to standard output. */
  warnings: string;
}

/** A replace made ready: its result and the command to send. */
export interface ReplacePlan {
  result: ReplaceResult;
  command: Command<void>;
}

/**
 * `ReplaceNodeCmd`'s client side, as ecflow_client and Python's `Client.replace` do it: the
 * definition read (file or text) or taken (a model) and checked, `path` looked up in it, and the
 * whole definition sent in NET style. A refusal is an `ArgumentError` with ecFlow's words; the
 * `via` names the caller (`ClientInvoker::replace` for Python, nothing for ecflow_client).
 */
export function planReplace(path: string, source: DefsSource, options: ReplaceOptions = {}, via: 'python' | 'cli' = 'python'): ReplacePlan {
  let defs: Defs;
  let warnings: string;
  let prefix = '';
  const fileName = typeof source === 'string' ? source : '';
  if (typeof source === 'string') {
    if (via === 'python') prefix = `ClientInvoker::replace(${path},${source}, ...) failed: `;
    ({ defs, warnings } = readClientDefinition(
      source,
      (why) => `${prefix}ReplaceNodeCmd::ReplaceNodeCmd: Could not parse file ${source} : ${why}`,
      `DefsStructureParser::DefsStructureParser: Unable to open file! ${source}\n\n${versionDescription(options.version)}\n`,
      options.version,
    ));
  } else {
    if (via === 'python') prefix = `ClientInvoker::replace_1(${path} ...) failed: `;
    defs = source;
    warnings = checkClientDefinition(defs, (why) => `${prefix}${why}`);
  }
  if (findNode(defs, path) === undefined) {
    throw new ArgumentError(`${prefix}ReplaceNodeCmd::ReplaceNodeCmd: Cannot replace child since path ${path}, does not exist in the client definition ${fileName}`);
  }
  return { result: { defs, warnings }, command: replaceNodeCmd(path, defs, { ...options, fileName }) };
}

/**
 * ReplaceNodeCmd: replaces (or adds) the node at `path` in the server with the node of the same
 * path in `defs`, the client's whole definition, sent in NET style (no `extern` lines).
 */
export function replaceNodeCmd(path: string, defs: Defs, options: ReplaceOptions & { fileName?: string } = {}): Command<void> {
  const { parent = true, force = false, fileName = '', version } = options;
  // ReplaceNodeCmd::print_only: a definition built in memory has no file name.
  const text = ctsApiToString([`--replace=${path}`, fileName || '<empty>', ...(parent ? ['parent'] : []), ...(force ? ['force'] : [])]);
  const net = netText(defs, version);
  return {
    cls: 'ReplaceNodeCmd',
    base: 'user',
    fields: () => ({ createNodesAsNeeded_: parent, force_: force, pathToNode_: path, path_to_defs_: fileName, clientDefs_: net }),
    timeout: Timeout.REPLACE,
    text,
    updatesDefs: true,
    decode: ok(text),
  };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

/**
 * `--replace=path defs_file [parent|false] [force]`: the file is parsed and checked here and sent
 * re-printed in NET style (never with `extern` lines, which crash a 5.9.2 server).
 */
function replace(values: string[], ctx: CliContext): Action {
  if (values.length < 2) {
    throw new UsageError(
      `ReplaceNodeCmd: At least two arguments expected, found ${values.length} Please specify <path-to-Node>  <defs files> parent(optional) force(optional), i.e\n--replace=/suite/fa/t AdefsFile.def  parent force\n`,
    );
  }
  const [nodePath, file] = values as [string, string];
  // ReplaceNodeCmd::create looks at the third word only when there are exactly three, and at the fourth only when four.
  const parent = !(values.length === 3 && values[2] === 'false');
  const force = values.length === 4 && values[3] === 'force';
  const { result, command } = planReplace(nodePath, file, { parent, force, version: ctx.version }, 'cli');
  return { request: command, stdout: result.warnings };
}

/** ReplaceNodeCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const ReplaceNodeCmd = {
  cls: 'ReplaceNodeCmd',
  request: replaceNodeCmd,
  client: ['replace'],
  options: {
    replace: {
      value: 'many',
      description: lines(
        'Replace a node in the server by the node of the same path from a definition file.',
        'Nodes that the server does not have yet can be added the same way.',
        '  arg1 = path to node',
        '         present in the client definition (arg2); the node in the',
        '         server with this path is the one replaced',
        '  arg2 = path to client definition file',
        '         the file the new node is taken from',
        '  arg3 = (optional) [ parent | false ] (default = parent)',
        '         parent: create missing parent suites/families in the server',
        '         when arg1 does not exist there yet',
        '  arg4 = (optional) force (default = false)',
        '         replace even when that turns running jobs into zombies',
        'The replacement is refused when:',
        '- the client definition (arg2) has no node at path arg1',
        '- the client definition (arg2) has errors',
        '- arg3 is left out and the server has no node at path arg1',
        '- tasks to be replaced are active or submitted and arg4 (force) is not given',
        '',
        'A suspended node stays suspended; requeue it first if that is not wanted.',
        'Trigger expressions are checked afterwards and problems are printed on standard output;',
        'tasks whose triggers are invalid will *not* run until the expressions are fixed.',
        '--check checks trigger expressions and limits held by the server;',
        'see --help check.',
        '',
        'Usage:',
        '  --replace=/suite/f1/t1 /tmp/client.def  parent      # add or replace /suite/f1/t1 and its parents',
        '  --replace=/suite/f1/t1 /tmp/client.def  false force # replace t1 even when active or submitted',
      ),
      run: replace,
    },
  },
} as const satisfies CommandModule;
