import { type Command, expectReply, Timeout, ctsApiToString } from './command.js';

/** EditScriptCmd::EditType */
export const EditType = { edit: 0, pre_process: 1, submit: 2, pre_process_file: 3, submit_file: 4 } as const;
export type EditTypeName = keyof typeof EditType;

/** A variable the user gives a submission in place of the task's own. */
export interface UserVariable {
  /** Variable name. */
  name: string;
  /** Its value for this submission. */
  value: string;
}

export interface EditScriptOptions {
  /** Lines of the user's script (pre_process_file, submit_file). */
  lines?: readonly string[];
  /** Variables to use for the submission (submit, submit_file). */
  variables?: readonly UserVariable[];
  /** submit_file: create an alias holding the script instead of changing the task. @default false */
  createAlias?: boolean;
  /** submit_file: run the job (or alias) once submitted. @default true for submit_file */
  run?: boolean;
}

/**
 * EditScriptCmd: returns a task's script (`edit`, with its used variables listed at the front) or
 * its pre-processed form (`pre_process`, `pre_process_file` for a script given by the user), or
 * submits the task with user variables (`submit`) or with a user script (`submit_file`).
 * Resolves with the text for the first three types and with '' for the submissions.
 */
export function editScriptCmd(path: string, type: EditTypeName, options: EditScriptOptions = {}): Command<string> {
  const userFile = type === 'pre_process_file' || type === 'submit_file';
  const lines = userFile ? [...(options.lines ?? [])] : [];
  const variables = type === 'submit' || type === 'submit_file' ? [...(options.variables ?? [])] : [];
  const alias = type === 'submit_file' && (options.createAlias ?? false);
  const run = type === 'submit_file' && (options.run ?? true);
  const text = ctsApiToString([`--edit_script=${path}`, type, ...(alias ? ['create_alias'] : []), ...(run ? [] : ['no_run'])]);
  return {
    cls: 'EditScriptCmd',
    base: 'user',
    fields: () => ({
      edit_type_: EditType[type],
      path_to_node_: path,
      user_file_contents_: lines,
      user_variables_: variables.map((v) => ({ first: v.name, second: v.value })),
      alias_: alias,
      run_: run,
    }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: type === 'submit' || type === 'submit_file',
    decode: (reply) => (reply.type === 'StcCmd' ? '' : expectReply(reply, 'SStringCmd', text).str),
  };
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s[a]!)) a++;
  while (b > a && isSpace(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/**
 * EcfFile::extract_used_variables: the `name = value` lines of a script's first `%comment` block
 * (the block `edit` puts at the front of a script), sorted by name; the first of a name wins.
 */
export function extractUsedVariables(lines: readonly string[], micro = '%'): UserVariable[] {
  const found = new Map<string, string>();
  let comment = false;
  for (const line of lines) {
    if (line === '') continue;
    if (line.startsWith(micro)) {
      const rest = line.slice(micro.length);
      if (rest.startsWith('comment')) {
        comment = true;
        continue;
      }
      if (rest.startsWith('nopp') || rest.startsWith('manual') || rest.startsWith('end')) break;
    }
    if (!comment) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const name = trim(line.slice(0, eq));
    if (!found.has(name)) found.set(name, trim(line.slice(eq + 1)));
  }
  return [...found.keys()].sort(byteOrder).map((name) => ({ name, value: found.get(name)! }));
}

function byteOrder(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}

/** File::splitFileIntoLines: lines as std::getline reads them (no empty last line after a final newline). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}
