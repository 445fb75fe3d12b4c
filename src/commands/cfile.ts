import { type Command, string, Timeout, ctsApiToString } from './command.js';

/** CFileCmd::File_t: which file of a node `--file` returns. */
export const CFileType = { script: 0, job: 1, jobout: 2, manual: 3, kill: 4, stat: 5 } as const;
export type CFileTypeName = keyof typeof CFileType;

export function isCFileTypeName(s: string): s is CFileTypeName {
  return Object.hasOwn(CFileType, s);
}

/** File::MAX_LINES(): how many lines the server returns unless told otherwise. */
export const DEFAULT_MAX_LINES = 10000;

/**
 * CFileCmd: the contents of a node's script, job, job output, manual, kill or status output.
 * At most `maxLines` lines are returned (the last ones; values <= 0 mean the default).
 */
export function cfileCmd(path: string, file: CFileTypeName = 'script', maxLines = DEFAULT_MAX_LINES): Command<string> {
  const lines = maxLines > 0 ? maxLines : DEFAULT_MAX_LINES;
  const text = ctsApiToString([`--file=${path}`, file, String(lines)]);
  return {
    cls: 'CFileCmd',
    base: 'user',
    fields: () => ({ file_: CFileType[file], pathToNode_: path, max_lines_: lines }),
    timeout: Timeout.DEFAULT,
    text,
    decode: string(text),
  };
}
