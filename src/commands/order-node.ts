import { type Command, ok, Timeout, ctsApiToString } from './command.js';

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
