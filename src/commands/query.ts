import { type Command, string, Timeout, ctsApiToString } from './command.js';

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
