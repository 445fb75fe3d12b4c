import { type Command, ok, Timeout, ctsApiToString } from './command.js';
import { type Action, type CliContext, type CommandModule, fail, lines } from './option.js';

/** NOrder::Order: where `--order` moves a node among its siblings. */
export const NOrder = {
  /** First among its siblings. */
  top: 0,
  /** Last among its siblings. */
  bottom: 1,
  /** Sorts the node and its siblings by name, ignoring case. */
  alpha: 2,
  /** Sorts the node and its siblings by name in reverse, ignoring case. */
  order: 3,
  /** One place earlier. */
  up: 4,
  /** One place later. */
  down: 5,
  /**
   * Sorts the node and its siblings by run time (a family's is its children's), so that long tasks
   * are submitted earlier.
   */
  runtime: 6,
} as const;
/** Where to move a node: a key of {@link NOrder}. */
export type NOrderName = keyof typeof NOrder;

export function isNOrderName(s: string): s is NOrderName {
  return Object.hasOwn(NOrder, s);
}

/** OrderNodeCmd: re-orders a node among its siblings. */
export function orderNodeCmd(path: string, order: NOrderName): Command<void> {
  const text = ctsApiToString([`--order=${path}`, order]);
  return {
    cls: 'OrderNodeCmd',
    base: 'user',
    fields: () => ({ absNodepath_: path, option_: NOrder[order] }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: true,
    decode: ok(text),
  };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

function order(values: string[], _ctx: CliContext): Action {
  if (values.length !== 2) {
    const forms = ['top', 'bottom', 'alpha', 'order', 'up', 'down', 'runtime'].map((o) => `order pathToNode ${o}\n`).join('');
    fail(`OrderNodeCmd: Two arguments expected. Please specify one of:\n${forms}`);
  }
  if (!isNOrderName(values[1]!)) fail('OrderNodeCmd: Invalid second option: please specify one of [ top, bottom, alpha, order, up, down, runtime]\n');
  return { request: orderNodeCmd(values[0]!, values[1]) };
}

/** OrderNodeCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const OrderNodeCmd = {
  cls: 'OrderNodeCmd',
  request: orderNodeCmd,
  client: ['order'],
  options: {
    order: {
      value: 'many',
      description: lines(
        'Change the position of a node among its siblings in the server.',
        '  arg1 = node path',
        '  arg2 = [ top | bottom | alpha | order | up | down | runtime]',
        'Tasks free of triggers and time dependencies are submitted in tree order, so moving',
        'nodes changes the order in which they are submitted::',
        '',
        '   o top     make the node the first child of its parent',
        '   o bottom  make the node the last child of its parent',
        '   o alpha   sort the node and its siblings by name, ignoring case',
        '   o order   sort the node and its siblings by name in reverse, ignoring case',
        '   o up      swap the node with the sibling before it',
        '   o down    swap the node with the sibling after it',
        '',
        '   o runtime sort by run time: tasks by their last run, families by the',
        '             total of their children, so long tasks can be',
        '             submitted first',
        '',
        'The command fails when:',
        '- the server has no node at that path',
        '- the second argument is not one of the words above',
        'Usage:',
        '  --order=/suite/f1 top  # make f1 the first child of /suite',
      ),
      run: order,
    },
  },
} as const satisfies CommandModule;
