/**
 * ecflow_client options for node queries and edits: --alter, --query, --file, --edit_script,
 * --edit_history, --check, --job_gen, --checkJobGenOnly, --free-dep, --order. Each function is the
 * create() of the C++ command (Base/src/cts/*.cpp): same checks, same messages. `--alter` reads
 * what ecflow_client 5.17.0 reads (AlterCmd.cpp@5.17.0: the aviso, mirror, event and meter kinds,
 * inlimit's -s/-n), and so names 5.17's kinds in its messages, whatever the server; a kind the
 * server's release does not know is refused when the request is about to be sent.
 */
import fs from 'node:fs';
import {
  ALTER_FLAGS,
  AlterAdd,
  AlterChange,
  type AlterChangeAttr,
  AlterDelete,
  alterCmd,
  checkAlterAdd,
  checkAlterDelete,
  SortAttr,
} from '../../commands/alter.js';
import { cfileCmd, DEFAULT_MAX_LINES, isCFileTypeName } from '../../commands/cfile.js';
import { checkJobGenOnlyCmd, jobGenCmd } from '../../commands/cts-node.js';
import { EditType, type EditTypeName, editScriptCmd, extractUsedVariables, splitLines } from '../../commands/edit-script.js';
import { freeDepCmd } from '../../commands/free-dep.js';
import { isNOrderName, orderNodeCmd } from '../../commands/order-node.js';
import { PathsApi, pathsCmd } from '../../commands/paths.js';
import { queryCmd, type QueryType } from '../../commands/query.js';
import { parseExpression } from '../../defs/expression.js';
import { type FlagName } from '../../defs/states.js';
import { toInt } from '../../defs/text.js';
import { factsOf, since } from '../../versions.js';
import { type Action, type CliContext, help, splitPaths, UsageError } from '../table.js';

function fail(message: string): never {
  throw new UsageError(message);
}

// ---- --alter ---------------------------------------------------------------------------------

const dumpArgs = (options: readonly string[], paths: readonly string[]) => [...options, ...paths].map((a) => `${a} `).join('');
const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(table, key);
const choices = (names: readonly string[]) => names.map((n, i) => (i === 0 ? n : ` | ${n}`)).join('');

export function alter(values: string[], ctx: CliContext): Action {
  const { version } = ctx;
  const { options, paths } = splitPaths(values);
  if (paths.length === 0) fail(`AlterCmd: No paths specified. Paths must begin with a leading '/' character\n${dumpArgs(options, paths)}\n`);
  if (options.length === 0) fail(`AlterCmd: Invalid argument list:\n${dumpArgs(options, paths)}\n`);
  if (options.length < 2) fail(`Alter: At least three arguments expected. Found ${values.length}\n${dumpArgs(options, paths)}\n`);
  switch (options[0]) {
    case 'add':
      return alterAdd(options, paths, version);
    case 'change':
      return alterChange(options, paths, version);
    case 'delete':
      return alterDelete(options, paths, version);
    case 'set_flag':
    case 'clear_flag':
      return alterFlag(options, paths, options[0]);
    case 'sort':
      return alterSort(options, paths);
  }
  return fail(
    `Alter: The first argument must be one of [ change | delete | add | set_flag | clear_flag | sort ] but found '${options[0]}'\n${dumpArgs(options, paths)}\n`,
  );
}

function alterAdd(options: string[], paths: string[], version: string): Action {
  const kind = options[1]!;
  if (!has(AlterAdd, kind)) fail(`AlterCmd: add: The second argument must be one of [ ${choices(Object.keys(AlterAdd))}] but found ${kind}\n${help('alter')}`);
  const attr = kind;
  if (options.length < 3) fail(`AlterCmd: add: At least four arguments expected. Found ${options.length + paths.length}\n${dumpArgs(options, paths)}\n`);
  const name = options[2]!;
  let value = '';
  try {
    const needsValue = (what: string) => {
      if (options.length < 4) throw new Error(`AlterCmd: add: Expected '${what}. Not enough arguments\n${dumpArgs(options, paths)}\n`);
      value = options[3]!;
    };
    if (attr === 'variable' || attr === 'label' || attr === 'event' || attr === 'meter') {
      // The value may itself be a path, and then it was taken for one.
      if (options.length === 3 && paths.length > 1) options.push(paths.shift()!);
      // (ecflow_client 5.17 calls the meter's form 'add event' too)
      needsValue(attr === 'event' ? 'add event <name> (set|clear) <paths>' : attr === 'meter' ? 'add event <name> <min,max,value> <paths>' : `add ${attr} <name> <value> <paths>`);
    } else if (attr === 'aviso' || attr === 'mirror') {
      if (options.length !== 4) throw new Error(`AlterCmd: add: Expected 'add ${attr} <name> <cfg> <path> [<path> [...]]. Not enough arguments\n${dumpArgs(options, paths)}\n`);
      value = options[3]!;
    } else if (attr === 'limit') {
      needsValue('add limit <name> int');
    } else if (attr === 'inlimit' && options.length === 4) {
      value = options[3]!;
    }
    checkAlterAdd(attr, name, value, factsOf(version));
  } catch (error) {
    fail(
      `AlterCmd: add: Could not parse ${name}. Error: ${(error as Error).message}\n for time,today and date the new value should be a quoted string ` +
        `\n for add expected: --alter add variable <name> <value> <paths>\n${dumpArgs(options, paths)}\n`,
    );
  }
  return { request: alterCmd(paths, { op: 'add', attr, name, value }, { version }) };
}

function alterDelete(options: string[], paths: string[], version: string): Action {
  const kind = options[1]!;
  if (!has(AlterDelete, kind)) {
    fail(`Alter: delete: The second argument must be one of [ ${choices(Object.keys(AlterDelete))}] but found ${kind}\n${help('alter')}`);
  }
  const attr = kind;
  const name = options.length >= 3 ? options[2]! : '';
  let value = '';
  try {
    if (attr === 'limit_path') {
      const usage = 'Expected 5 args: delete limit_path <limit_name> <path-to-limit> <path_to_node>';
      if (name === '') throw new Error(`Delete limit_path failed. No limit name provided. ${usage}\n${dumpArgs(options, paths)}\n`);
      if (options.length === 4) value = options[3]!;
      else {
        if (paths.length <= 1) throw new Error(`Delete limit_path failed: No path to limit provided. ${usage}\n${dumpArgs(options, paths)}\n`);
        // ecflow_client takes the limit's path from the node paths but still sends it as a node path.
        value = paths[0]!;
      }
    }
    checkAlterDelete(attr, name, factsOf(version));
  } catch (error) {
    fail(`AlterCmd: delete: Could not parse ${name}. Error: ${(error as Error).message}\n for time,today and date the new value should be a quoted string\n${dumpArgs(options, paths)}\n`);
  }
  return { request: alterCmd(paths, { op: 'delete', attr, name, value }) };
}

/** The argument-count rule and message of each change kind (AlterCmd::extract_name_and_value_for_change). */
const CHANGE_USAGE: Record<Exclude<AlterChangeAttr, 'variable' | 'label'>, { counts: number[]; message: (n: number, respaced: boolean) => string }> = {
  clock_type: { counts: [3], message: (n) => `AlterCmd: change: expected at least four args i.e. change clock_type [ hybrid | real ] <path_to_suite> but found only ${n} arguments\n` },
  clock_date: {
    counts: [3],
    message: (n, respaced) => `AlterCmd: change clock_date : expected at least four args :  change clock_date day.month.year <path_to_suite> but found only ${n} arguments\n${respaced ? ' ' : ''}`,
  },
  clock_gain: {
    counts: [3],
    message: (n, respaced) =>
      `AlterCmd: change clock_gain : expected four args i.e. change clock_gain <int> <path_to_suite> ${respaced ? '' : ' '}but found ${n} arguments. The actual gain must be convertible to an integer\n`,
  },
  clock_sync: { counts: [2], message: (n) => `AlterCmd: change clock_sync : expected three args i.e. change clock_sync  <path_to_suite>  but found ${n} arguments.\n` },
  event: {
    counts: [3, 4],
    message: (n) => `AlterCmd: Change event : expected four/five args:  change event <name_or_number> <[set | clear | <nothing>]> <path_to_node> but found only ${n} arguments\n`,
  },
  meter: {
    counts: [4],
    message: (n, respaced) =>
      `AlterCmd: change: expected five args: change meter meter_name meter_value  <path_to_node> ${respaced ? ' ' : ''}but found only ${n} arguments. The meter value must be convertible to an integer\n`,
  },
  late: {
    counts: [3],
    message: (n) => `AlterCmd: change: expected three args: change late "late -s +00:15  -a  20:00  -c +02:00" <path_to_node> but found only ${n} arguments\n`,
  },
  trigger: {
    counts: [3],
    message: (n) => `AlterCmd: change: expected four args : change trigger 'expression' <path_to_node> but found ${n} arguments. The trigger expression must be quoted\n`,
  },
  complete: {
    counts: [3],
    message: (n) => `AlterCmd: change complete: expected four args: change complete 'expression'  <path_to_node>  but found ${n} arguments. The expression must be quoted\n`,
  },
  repeat: { counts: [3], message: (n) => `AlterCmd: change repeat: expected four arg's : change repeat [ integer | string ] <path_to_node> but found only ${n} arguments.\n` },
  limit_max: {
    counts: [4],
    message: (n, respaced) => `AlterCmd: change: limit_max: : expected five arguments : change limit_max <limit_name> <int> <path_to_node> but found ${respaced ? '' : ' '}${n} arguments.\n`,
  },
  limit_value: {
    counts: [4],
    message: (n) => `AlterCmd: change: limit-value: expected five arguments : change limit_value <limit_name> <int> <path_to_node> but found  ${n} arguments.\n`,
  },
  time: { counts: [4], message: (n) => `AlterCmd: change: time: expected five arguments : change time old_time new_time <path_to_node> but found  ${n} arguments.\n` },
  today: { counts: [4], message: (n) => `AlterCmd: change: today: expected five arguments : change time old_today new_today <path_to_node> but found  ${n} arguments.\n` },
  defstatus: {
    counts: [3],
    message: (n) =>
      `AlterCmd: change defstatus expected four args : change defstatus [ queued | complete | unknown | aborted | suspended ] <path_to_node> but found  ${n} arguments.\n`,
  },
  aviso: { counts: [4], message: () => `AlterCmd: change: Expected 'change aviso <name> <cfg> <path> [<path>] [...].Incorrect number of arguments.\n` },
  mirror: { counts: [4], message: () => `AlterCmd: change: Expected 'change mirror <name> <cfg> <path> [<path>] [...].Incorrect number of arguments.\n` },
};

/**
 * What ecflow_client 5.17 lists as valid change kinds, in its order (5.9.2's list had clock_gain
 * before clock_date and named free_password, which it then rejected).
 */
const CHANGE_LISTED = [
  'variable', 'clock_type', 'clock_date', 'clock_gain', 'clock_sync', 'event', 'meter', 'label', 'trigger', 'complete', 'repeat',
  'limit_max', 'limit_value', 'defstatus', 'late', 'time', 'today', 'aviso', 'mirror',
];

function alterChange(options: string[], paths: string[], version: string): Action {
  const kind = options[1]!;
  if (!has(AlterChange, kind)) fail(`AlterCmd: change: The third argument(${kind}) must be one of [ ${choices(CHANGE_LISTED)}]\n${help('alter')}`);
  const attr = kind;
  const count = () => options.length + paths.length;
  let name = '';
  let value = '';
  if (attr === 'variable') {
    if (options.length === 3 && paths.length > 1) options.push(paths.shift()!);
    if (options.length < 3 || options.length > 4) {
      fail(
        `AlterCmd: change: expected 5 args : change variable <variable_name> <new_value> <path_to_node> but found only ${count()} arguments.\n` +
          `The value should be quoted if there are spaces\n${dumpArgs(options, paths)}\n`,
      );
    }
    name = options[2]!;
    value = options[3] ?? '';
  } else if (attr === 'label') {
    // A label may be set to '' for one node only; with several paths the first is the value.
    if (!(options.length === 3 && paths.length === 1)) {
      if (options.length === 3 && paths.length > 1) options.push(paths.shift()!);
      if (options.length !== 4) {
        fail(
          `AlterCmd: change label expected at least five args : change label <label_name> <label_value> <path_to_node>  but found  ${count()} arguments. ` +
            `the label value should be quoted\n${dumpArgs(options, paths)}\n`,
        );
      }
      value = options[3]!.replaceAll('\\n', '\n');
    }
    name = options[2]!;
  } else {
    const usage = CHANGE_USAGE[attr];
    if (!usage.counts.includes(options.length)) fail(`${usage.message(count(), since(version, 'alterMessageSpacing'))}${dumpArgs(options, paths)}\n`);
    name = options[2] ?? '';
    value = options[3] ?? '';
  }
  return { request: alterCmd(paths, { op: 'change', attr, name, value }) };
}

function alterFlag(options: string[], paths: string[], op: 'set_flag' | 'clear_flag'): Action {
  const flag = options[1]!;
  if (!(ALTER_FLAGS as readonly string[]).includes(flag)) {
    fail(`AlterCmd: set/clear_flag: The second argument(${flag}) must be one of [ ${choices(ALTER_FLAGS)}]\n${help('alter')}`);
  }
  return { request: alterCmd(paths, { op, flag: flag as FlagName }) };
}

function alterSort(options: string[], paths: string[]): Action {
  const attr = options[1]!;
  if (!(SortAttr as readonly string[]).includes(attr)) fail(`AlterCmd: sort: The second argument must be one of [ ${choices(SortAttr)}] but found ${attr}\n${help('alter')}`);
  let recursive = false;
  if (options.length === 3) {
    if (options[2] !== 'recursive') fail(`AlterCmd: sort: Expected third argument to be 'recursive' but found '${options[2]}\n${help('alter')}`);
    recursive = true;
  }
  return { request: alterCmd(paths, { op: 'sort', attr: attr as SortAttr, recursive }) };
}

// ---- --query ---------------------------------------------------------------------------------

/** Expression::parse's message; boost spirit reports no position, hence its length of size_t(-1). */
function checkExpression(expression: string, context: string): void {
  try {
    parseExpression(expression);
  } catch (error) {
    const reason = (error as Error).message.replace(/^length = \d+$/m, 'length = 18446744073709551615');
    fail(`${context} Failed to parse expression '${expression}'.  ${reason}`);
  }
}

export function query(values: string[], ctx: CliContext): Action {
  const type = values[0] ?? '';
  let path = '';
  let attribute = '';
  if (['event', 'meter', 'label', 'variable', 'limit', 'limit_max'].includes(type)) {
    const pathAndName = values[1] ?? '';
    if (values.length !== 2) {
      fail(
        `QueryCmd: second argument must be of the form <path>:name for query\n where name is [event | meter | label | variable | limit | limit_max] name ${type}` +
          ` args size = ${values.length} expected 2 arguments`,
      );
    }
    if (pathAndName === '') {
      fail(
        `QueryCmd: second argument must be of the form <path>:name for query\n, where name is [event | meter | label | variable | limit | limit_max ] name ${type}` +
          ` : could not extract from:${pathAndName}`,
      );
    }
    const colon = pathAndName.indexOf(':');
    if (colon >= 0) {
      path = pathAndName.slice(0, colon);
      attribute = pathAndName.slice(colon + 1);
    } else if (pathAndName.startsWith('/')) path = pathAndName;
    else attribute = pathAndName;
    if (attribute === '') fail(`QueryCmd: no attribute specified: query type: ${type} path+attribute: ${pathAndName}\n${help('query')}`);
  } else if (type === 'trigger') {
    path = values[1] ?? '';
    if (values.length > 2) {
      attribute = values[2]!;
      checkExpression(attribute, 'QueryCmd:');
    }
    if (attribute === '') fail(`QueryCmd: no attribute specified: query type: trigger\n${help('query')}`);
  } else if (type === 'state' || type === 'dstate') {
    path = values[1] ?? '';
    if (values.length > 2) fail(`QueryCmd: invalid (state | dstate) query : ${values[2]}`);
  } else if (type === 'repeat') {
    path = values[1] ?? '';
    if (values.length === 3) {
      attribute = values[2]!;
      if (attribute !== 'next' && attribute !== 'prev') fail(`QueryCmd: invalid (repeat) query expected 'next' or 'prev' but found ${attribute}`);
    }
    if (values.length > 3) fail(`QueryCmd: invalid (repeat) query : ${values[3]}`);
  } else {
    fail(`QueryCmd: first argument must be one of [ state | dstate | repeat | event | meter | variable | trigger ] but found:${type}`);
  }
  if (!path.startsWith('/')) fail(`QueryCmd: invalid path to attribute: ${path}`);
  const task = ctx.env.ECF_NAME ?? '';
  if (task !== '' && !task.startsWith('/')) fail(`QueryCmd: invalid path to task: ${task}`);
  return { request: queryCmd(type as QueryType, path, attribute, task) };
}

// ---- --file ----------------------------------------------------------------------------------

export function file(values: string[], _ctx: CliContext): Action {
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

// ---- --edit_script ---------------------------------------------------------------------------

export function editScript(values: string[], _ctx: CliContext): Action {
  if (values.length < 2) fail(`EditScriptCmd:At least 2 arguments required:\n${help('edit_script')}`);
  const [path = '', kind = ''] = values;
  if (!Object.hasOwn(EditType, kind)) {
    fail(`The second argument(${kind}) to edit_script must be one of [ ${choices(Object.keys(EditType))}]\n${help('edit_script')}`);
  }
  const type = kind as EditTypeName;
  // ecflow_client 5.9.2 throws a bare string for the next two mistakes and reports only
  // "ClientInvoker: caught exception: Parsing arguments: unknown type!"; we say what is wrong.
  if (values.length === 2) {
    if (type === 'edit' || type === 'pre_process') return { request: editScriptCmd(path, type) };
    fail(`When two arguments specified, the second argument must be one of [ edit | pre_process ]\n${help('edit_script')}`);
  }
  const createAlias = values.some((v, i) => i > 2 && v === 'create_alias');
  const run = !values.some((v, i) => i > 2 && v === 'no_run');
  if ((createAlias || !run) && type !== 'submit_file') {
    fail(`The create_alias option is only valid when the second argument is 'submit_file' \n${help('edit_script')}`);
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
  return fail(`Wrong number of arguments specified\n${help('edit_script')}`);
}

// ---- PathsCmd: --check, --edit_history -------------------------------------------------------

export function check(values: string[], _ctx: CliContext): Action {
  const { options, paths } = splitPaths(values);
  // As in 5.9.2, `_all_` is looked for among the first raw arguments, as many as there are words.
  const all = values.slice(0, options.length).includes('_all_');
  if (!all && paths.length === 0) fail("Check: Please specify one of [ _all_ | / | /<path/to/anode> ]. Paths must begin with a leading '/' character\n");
  return { request: pathsCmd(PathsApi.CHECK, paths.length === 1 && paths[0] === '/' ? [] : paths) };
}

export function editHistory(values: string[], _ctx: CliContext): Action {
  const { options, paths } = splitPaths(values);
  if (paths.length === 0) {
    if (options.length === 1 && options[0] === 'clear') paths.push('clear');
    else fail("edit_history:  No paths or option specified. Paths must begin with a leading '/' character\n");
  }
  return { request: pathsCmd(PathsApi.EDIT_HISTORY, paths) };
}

// ---- CtsNodeCmd: --job_gen, --checkJobGenOnly ------------------------------------------------

export function jobGen(values: string[], _ctx: CliContext): Action {
  return { request: jobGenCmd(values[0] ?? '') };
}

export function checkJobGenOnly(values: string[], _ctx: CliContext): Action {
  return { request: checkJobGenOnlyCmd(values[0] ?? '') };
}

// ---- --free-dep, --order ---------------------------------------------------------------------

export function freeDep(values: string[], _ctx: CliContext): Action {
  const { options, paths } = splitPaths(values);
  if (paths.length === 0) fail(`FreeDepCmd: No paths specified. Paths must begin with a leading '/' character\n${help('free-dep')}\n`);
  const flags = { trigger: options.length === 0, all: false, date: false, time: false };
  for (const o of options) {
    if (o === 'trigger' || o === 'all' || o === 'date' || o === 'time') flags[o] = true;
    else fail(`FreeDepCmd: Invalid argument(${o})\n${help('free-dep')}\n`);
  }
  return { request: freeDepCmd(paths, flags) };
}

export function order(values: string[], _ctx: CliContext): Action {
  if (values.length !== 2) {
    const forms = ['top', 'bottom', 'alpha', 'order', 'up', 'down', 'runtime'].map((o) => `order pathToNode ${o}\n`).join('');
    fail(`OrderNodeCmd: Two arguments expected. Please specify one of:\n${forms}`);
  }
  if (!isNOrderName(values[1]!)) fail('OrderNodeCmd: Invalid second option: please specify one of [ top, bottom, alpha, order, up, down, runtime]\n');
  return { request: orderNodeCmd(values[0]!, values[1]) };
}
