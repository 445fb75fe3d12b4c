import { findNode } from '../defs/find.js';
import type { Defs } from '../defs/model.js';
import { versionDescription } from '../version.js';
import { ArgumentError } from '../errors.js';
import { checkClientDefinition, type DefsSource, netText, readClientDefinition } from './client-definition.js';
import { type Command, ctsApiToString, ok, Timeout } from './command.js';

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
