import { type Command, ok, Timeout, ctsApiToString } from './command.js';

/** NOrder::Order: where `--order` moves a node among its siblings. */
export const NOrder = { top: 0, bottom: 1, alpha: 2, order: 3, up: 4, down: 5, runtime: 6 } as const;
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
