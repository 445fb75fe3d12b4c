import { parseExpression } from '../defs/expression.js';
import { type Command, string, Timeout, ctsApiToString } from './command.js';
import { type Action, type CliContext, type CommandModule, fail, lines } from './option.js';

/** What `--query` can ask about. */
export const QueryType = ['state', 'dstate', 'repeat', 'event', 'meter', 'label', 'variable', 'trigger', 'limit', 'limit_max'] as const;
/** One of the names in {@link QueryType}. */
export type QueryType = (typeof QueryType)[number];

/**
 * QueryCmd: the value of one thing without blocking, as text: a node's state or dstate
 * (`path` '/' for the server's state), an event (`set`/`clear`), a meter, label, limit value or
 * maximum, a variable (searched up the tree), a repeat's current value (`attribute` 'next' or
 * 'prev' for its neighbours), or whether a trigger `attribute` expression holds (`true`/`false`).
 * `task` names the task asking (ECF_NAME), for the server log.
 */
export function queryCmd(type: QueryType, path: string, attribute = '', task = ''): Command<string> {
  const words = [`--query=${type}`];
  if (type === 'event' || type === 'meter' || type === 'variable') words.push(`${path}:${attribute}`);
  else if (type === 'trigger') words.push(path, attribute);
  else if (type === 'repeat') words.push(path, ...(attribute ? [attribute] : []));
  else if (type === 'state' || type === 'dstate') words.push(path);
  // QueryCmd::print_only appends the task path without a separator.
  const text = ctsApiToString(words) + task;
  return {
    cls: 'QueryCmd',
    base: 'user',
    fields: () => ({ query_type_: type, path_to_attribute_: path, attribute_: attribute, path_to_task_: task }),
    timeout: Timeout.DEFAULT,
    text,
    decode: string(text),
  };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const HELP = lines(
      'Print the current value of a state or attribute, without waiting.',
      ' state, dstate, repeat, event, meter, label, variable, limit or the value of a trigger expression:',
      ' - state     prints [unknown | complete | queued |             aborted | submitted | active]',
      ' - dstate    prints [unknown | complete | queued | suspended | aborted | submitted | active]',
      ' - repeat    prints the current value of the repeat',
      " - event     prints 'set' or 'clear'",
      ' - meter     prints the meter value',
      ' - limit     prints the current value of the limit',
      ' - limit_max prints the maximum of the limit',
      ' - label     prints the current label text (the original one if never changed)',
      ' - variable  prints the value of a user or generated variable or repeat,',
      '             looking at the node and then up through its parents',
      " - trigger   prints 'true' when the expression holds, 'false' otherwise",
      '',
      "Called from a '.ecf' job script, the calling task is logged as well, so that scripts",
      'querying too often can be found.',
      'Besides a node path that does not exist, the command fails when:',
      ' - repeat   the node has no repeat',
      ' - event    the node has no such event',
      ' - meter    the node has no such meter',
      ' - limit/limit_max the node has no such limit',
      ' - label    the node has no such label',
      ' - variable neither the node nor a parent has a variable or repeat of that name',
      ' - trigger  the expression does not parse or refers to nodes/attributes that do not exist',
      'Arguments:',
      '  arg1 = [ state | dstate | repeat | event | meter | label | variable | trigger | limit | limit_max ]',
      '  arg2 = <path> | <path>:name where name is that of an event, meter, label, limit or variable',
      '  arg3 = trigger expression | prev | next # prev and next only with repeat',
      '',
      'Usage:',
      ' ecflow_client --query state /                                     # state of the server',
      ' ecflow_client --query state /path/to/node                         # state of the node',
      ' ecflow_client --query dstate /path/to/node                        # state, suspended included',
      ' ecflow_client --query repeat /path/to/node                        # current repeat value',
      ' ecflow_client --query repeat /path/to/node prev                   # value before the current one',
      ' ecflow_client --query repeat /path/to/node next                   # value after the current one',
      ' ecflow_client --query event /path/to/task/with/event:event_name   # set or clear',
      ' ecflow_client --query meter /path/to/task/with/meter:meter_name   # meter value',
      ' ecflow_client --query limit /path/to/task/with/limit:limit_name   # current value of the limit',
      ' ecflow_client --query limit_max /path/to/task/with/limit:limit_name # maximum of the limit',
      ' ecflow_client --query label /path/to/task/with/label:label_name   # current label text',
      ' ecflow_client --query variable /path/to/task/with/var:var_name    # variable value',
      ' ecflow_client --query trigger /path/to/node/with/trigger "/suite/task == complete" # true or false',
    );

/** Expression::parse's message; boost spirit reports no position, hence its length of size_t(-1). */
function checkExpression(expression: string, context: string): void {
  try {
    parseExpression(expression);
  } catch (error) {
    const reason = (error as Error).message.replace(/^length = \d+$/m, 'length = 18446744073709551615');
    fail(`${context} Failed to parse expression '${expression}'.  ${reason}`);
  }
}

function query(values: string[], ctx: CliContext): Action {
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
    if (attribute === '') fail(`QueryCmd: no attribute specified: query type: ${type} path+attribute: ${pathAndName}\n${HELP}`);
  } else if (type === 'trigger') {
    path = values[1] ?? '';
    if (values.length > 2) {
      attribute = values[2]!;
      checkExpression(attribute, 'QueryCmd:');
    }
    if (attribute === '') fail(`QueryCmd: no attribute specified: query type: trigger\n${HELP}`);
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
  const task = ctx.environment.taskPath();
  if (task !== '' && !task.startsWith('/')) fail(`QueryCmd: invalid path to task: ${task}`);
  return { request: queryCmd(type as QueryType, path, attribute, task) };
}

/** QueryCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const QueryCmd = {
  cls: 'QueryCmd',
  request: queryCmd,
  client: ['query'],
  options: {
    query: {
      value: 'many',
      description: HELP,
      run: query,
    },
  },
} as const satisfies CommandModule;
