import { type Command, string, Timeout, ctsApiToString } from './command.js';

/** CFileCmd::File_t: which file of a node `--file` returns. */
export const CFileType = {
  /** The task's script (`.ecf` file). */
  script: 0,
  /** The job file generated from the script. */
  job: 1,
  /** The job's output (ECF_JOBOUT). */
  jobout: 2,
  /** The node's manual. */
  manual: 3,
  /** The output of ECF_KILL_CMD (`%ECF_JOB%.kill`). */
  kill: 4,
  /** The output of ECF_STATUS_CMD (`%ECF_JOB%.stat`). */
  stat: 5,
} as const;
/** Which file of a node to read: a key of {@link CFileType}. */
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
