import { cliText, type Command, ok, Timeout } from './command.js';

/** RunNodeCmd: submits tasks now, ignoring their dependencies (`force`: even if already active). */
export function runNodeCmd(paths: readonly string[], force = false): Command<void> {
  const text = cliText('--run', force ? ['force'] : [], paths);
  return {
    cls: 'RunNodeCmd',
    base: 'user',
    fields: () => ({ paths_: [...paths], force_: force }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: true,
    decode: ok(text),
  };
}
