import { type Command, ok, Timeout } from './command.js';

/** BeginCmd: starts scheduling a suite (`suite` without a leading slash), or all suites when empty. */
export function beginCmd(suite = '', force = false): Command<void> {
  let text = '--begin';
  if (suite) text += `=${suite}${force ? ' --force' : ''}`;
  else if (force) text += '=--force';
  return {
    cls: 'BeginCmd',
    base: 'user',
    fields: () => ({ suiteName_: suite, force_: force }),
    timeout: Timeout.BEGIN,
    text,
    updatesDefs: true,
    decode: ok(text),
  };
}
