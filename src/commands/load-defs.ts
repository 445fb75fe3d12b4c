import { cliText, type Command, ok, Timeout } from './command.js';

/** LoadDefsCmd: adds the suites of a definition (text) to the server; `force` replaces existing ones. */
export function loadDefsCmd(defs: string, options: { force?: boolean; fileName?: string } = {}): Command<void> {
  const { force = false, fileName = '' } = options;
  const text = cliText(`--load=${fileName}`, force ? ['force'] : []);
  return {
    cls: 'LoadDefsCmd',
    base: 'user',
    fields: () => ({ force_: force, defs_: defs, defs_filename_: fileName }),
    timeout: Timeout.SYNC,
    text,
    decode: ok(text),
  };
}
