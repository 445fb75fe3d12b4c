import fs from 'node:fs';
import { type Command, expectReply, Timeout, ctsApiToString } from './command.js';
import { type Action, choices, type CliContext, type CommandModule, fail, lines } from './option.js';

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

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const HELP = lines(
      'Fetch, pre-process or submit the script of a task, possibly with your own edits.',
      "Any file can be pre-processed with the 'pre_process_file' option.",
      ' arg1 = path to task  # the task or alias',
      ' arg2 = [ edit | pre_process | submit | pre_process_file | submit_file ]',
      '    edit : print the script on standard output, preceded by the',
      '           variables it uses, between %comment and %end',
      '    pre_process: print the script on standard output with its',
      '                 %includes expanded, preceded by the variables it',
      '                 uses, between %comment and %end',
      '    submit: read the variables between %comment and %end of the',
      '            given file and use them to build the job from the',
      '            .ecf script the server can reach',
      '    pre_process_file: pre-process the given file: includes and',
      '                      variables are expanded, manual and',
      '                      comment sections dropped',
      '    submit_file: like submit, but the given file itself becomes',
      '                 the job; these two options make debugging scripts easy',
      ' arg3 = [ path_to_script_file ]',
      '          required by [  pre_process_file | submit_file ]',
      " arg4 = create_alias (optional) false by default; only with 'submit_file'",
      ' arg5 = no_run (optional) false by default, so the alias runs at once;',
      '        with no_run the alias is only created',
      'Usage:',
      '--edit_script=/path/to/task edit > script_file',
      '   prints the script with the variables it uses;',
      '   edit the result as you like',
      '',
      '--edit_script=/path/to/task pre_process > pre_processed_script_file',
      '  the server pre-processes the .ecf script it can reach',
      '  (every %include expanded) and prints it',
      '',
      '--edit_script=/path/to/task submit script_file',
      "  the variables listed in 'script_file' are used while",
      '  substituting the .ecf script the server can reach,',
      '  and the result is submitted as a job',
      '',
      '--edit_script=/path/to/task pre_process_file file_to_pre_process',
      '  the server pre-processes your file and prints it;',
      '  the processing is the one used to make job files,',
      '  applied to any file',
      '',
      '--edit_script=/path/to/task submit_file file_to_submit',
      "  the variables listed in 'file_to_submit' are used while",
      '  substituting that file, which the server then',
      '  submits as the job',
      '',
      '--edit_script=/path/to/task submit_file file_to_submit create_alias',
      '  as above, but an alias is created and run',
    );

function editScript(values: string[], _ctx: CliContext): Action {
  if (values.length < 2) fail(`EditScriptCmd:At least 2 arguments required:\n${HELP}`);
  const [path = '', kind = ''] = values;
  if (!Object.hasOwn(EditType, kind)) {
    fail(`The second argument(${kind}) to edit_script must be one of [ ${choices(Object.keys(EditType))}]\n${HELP}`);
  }
  const type = kind as EditTypeName;
  // ecflow_client 5.9.2 throws a bare string for the next two mistakes and reports only
  // "ClientInvoker: caught exception: Parsing arguments: unknown type!"; we say what is wrong.
  if (values.length === 2) {
    if (type === 'edit' || type === 'pre_process') return { request: editScriptCmd(path, type) };
    fail(`When two arguments specified, the second argument must be one of [ edit | pre_process ]\n${HELP}`);
  }
  const createAlias = values.some((v, i) => i > 2 && v === 'create_alias');
  const run = !values.some((v, i) => i > 2 && v === 'no_run');
  if ((createAlias || !run) && type !== 'submit_file') {
    fail(`The create_alias option is only valid when the second argument is 'submit_file' \n${HELP}`);
  }
  if (values.length <= 5) {
    const script = values[2]!;
    if (!fs.existsSync(script)) fail(`The script file specified '${script}' does not exist\n`);
    let lines: string[];
    try {
      lines = fs.statSync(script).isDirectory() ? [] : splitLines(fs.readFileSync(script, 'utf8'));
    } catch (error) {
      return fail(`Could not open script file ${script} (${(error as NodeJS.ErrnoException).message})`);
    }
    if (type === 'submit') return { request: editScriptCmd(path, type, { variables: extractUsedVariables(lines) }) };
    if (type === 'submit_file') return { request: editScriptCmd(path, type, { variables: extractUsedVariables(lines), lines, createAlias, run }) };
    if (type === 'pre_process_file') return { request: editScriptCmd(path, type, { lines }) };
  }
  return fail(`Wrong number of arguments specified\n${HELP}`);
}

/** EditScriptCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const EditScriptCmd = {
  cls: 'EditScriptCmd',
  request: editScriptCmd,
  client: ['editScriptEdit', 'editScriptPreprocess', 'editScriptPreprocessFile', 'editScriptSubmit', 'editScriptSubmitFile'],
  options: {
    edit_script: {
      value: 'many',
      description: HELP,
      run: editScript,
    },
  },
} as const satisfies CommandModule;
