import { cliText, type Command, expectReply, Timeout } from './command.js';

/** DeleteCmd: deletes nodes, or every suite when `paths` is empty. */
export function deleteCmd(paths: readonly string[], force = false): Command<void> {
  const text = cliText('--delete', paths.length ? [] : ['_all_'], force ? ['force'] : [], 'yes', paths);
  return {
    cls: 'DeleteCmd',
    base: 'user',
    fields: () => ({ paths_: [...paths], force_: force }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: true,
    decode: (reply) => {
      expectReply(reply, 'StcCmd', text);
    },
  };
}
