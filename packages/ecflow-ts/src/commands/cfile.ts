import { toInt } from '../defs/text.js';
import { type Command, string, Timeout, ctsApiToString } from './command.js';
import { type Action, type CliContext, type CommandModule, fail, lines } from './option.js';

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

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

function file(values: string[], _ctx: CliContext): Action {
  const [path = '', type = 'script'] = values;
  if (!isCFileTypeName(type)) fail(`CFileCmd::CFileCmd: Unrecognised file type ${type} expected one of [script | job | jobout | manual | kill | stat] \n`);
  let maxLines = DEFAULT_MAX_LINES;
  if (values.length === 3) {
    const n = toInt(values[2]!);
    if (n === undefined) fail(`CFileCmd::CFileCmd: The third argument(${values[2]}) must be convertible to an integer\n`);
    maxLines = n > 0 ? n : DEFAULT_MAX_LINES;
  }
  return { request: cfileCmd(path, type, maxLines) };
}

/** CFileCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const CFileCmd = {
  cls: 'CFileCmd',
  request: cfileCmd,
  client: ['getFile'],
  options: {
    file: {
      value: 'many',
      description: lines(
        'Print a file belonging to a task: [ script<default> | job | jobout | manual | kill | stat ]',
        'The script is printed when no file kind is given.',
        '  arg1 = path to node',
        '  arg2 = (optional) [ script<default> | job | jobout | manual | kill | stat ]',
        '         kill: what ECF_KILL_CMD wrote, the file %ECF_JOB%.kill',
        '         stat: what ECF_STATUS_CMD wrote, the file %ECF_JOB%.stat',
        '  arg3 = (optional) max_lines = 10000 <default>',
      ),
      run: file,
    },
  },
} as const satisfies CommandModule;
