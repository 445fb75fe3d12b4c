import { type Command, ok, Timeout, ctsApiToString } from './command.js';

export interface ReplaceOptions {
  /** Create the missing parent families/suite in the server when `path` is not there yet. @default true */
  parent?: boolean;
  /** Replace even if active or submitted tasks below `path` become zombies. @default false */
  force?: boolean;
  /** Where the definition came from; only named in messages and the server log. @default '' */
  fileName?: string;
}

/**
 * ReplaceNodeCmd: replaces (or adds) the node at `path` in the server with the node of the same
 * path in `defs`, the client's whole definition as text (it must not contain `extern` lines).
 */
export function replaceNodeCmd(path: string, defs: string, options: ReplaceOptions = {}): Command<void> {
  const { parent = true, force = false, fileName = '' } = options;
  // ReplaceNodeCmd::print_only: a definition built in memory has no file name.
  const text = ctsApiToString([`--replace=${path}`, fileName || '<empty>', ...(parent ? ['parent'] : []), ...(force ? ['force'] : [])]);
  return {
    cls: 'ReplaceNodeCmd',
    base: 'user',
    fields: () => ({ createNodesAsNeeded_: parent, force_: force, pathToNode_: path, path_to_defs_: fileName, clientDefs_: defs }),
    timeout: Timeout.REPLACE,
    text,
    decode: ok(text),
  };
}
