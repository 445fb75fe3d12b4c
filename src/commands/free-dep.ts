import { type Command, ok, Timeout, ctsApiToString } from './command.js';

/** Which dependencies {@link Client.freeDep} frees; triggers when none is chosen. */
export interface FreeDepOptions {
  /** Free trigger dependencies. @default true when no other option is given */
  trigger?: boolean;
  /** Free every dependency (trigger, date, time, …). @default false */
  all?: boolean;
  /** Free date/day dependencies. @default false */
  date?: boolean;
  /** Free time/today/cron dependencies; the time slot is then missed. @default false */
  time?: boolean;
}

/** FreeDepCmd: frees the dependencies of nodes so that they can run. */
export function freeDepCmd(paths: readonly string[], options: FreeDepOptions = {}): Command<void> {
  const { all = false, date = false, time = false } = options;
  const trigger = options.trigger ?? (!all && !date && !time);
  const words = ['--free-dep', ...(all ? ['all'] : [...(trigger ? ['trigger'] : []), ...(date ? ['date'] : []), ...(time ? ['time'] : [])])];
  const text = ctsApiToString([...words, ...paths]);
  return {
    cls: 'FreeDepCmd',
    base: 'user',
    fields: () => ({ paths_: [...paths], trigger_: trigger, all_: all, date_: date, time_: time }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: true,
    decode: ok(text),
  };
}
