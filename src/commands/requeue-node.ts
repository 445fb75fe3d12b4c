import { cliText, type Command, ok, Timeout } from './command.js';

/** RequeueNodeCmd::Option */
export const RequeueOption = { NO_OPTION: 0, ABORT: 1, FORCE: 2 } as const;
export type RequeueOption = (typeof RequeueOption)[keyof typeof RequeueOption];

const optionName = { [RequeueOption.NO_OPTION]: [], [RequeueOption.ABORT]: ['abort'], [RequeueOption.FORCE]: ['force'] };

/** RequeueNodeCmd: puts nodes back to queued (ABORT: only aborted tasks below; FORCE: even if active). */
export function requeueNodeCmd(paths: readonly string[], option: RequeueOption = RequeueOption.NO_OPTION): Command<void> {
  const text = cliText('--requeue', optionName[option], paths);
  return {
    cls: 'RequeueNodeCmd',
    base: 'user',
    fields: () => ({ paths_: [...paths], option_: option }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: true,
    decode: ok(text),
  };
}
