import { type Command, ok, Timeout } from './command.js';

/** LogMessageCmd: writes a line into the server log. */
export function logMessageCmd(message: string): Command<void> {
  const text = `--msg=${message}`;
  return { cls: 'LogMessageCmd', base: 'user', fields: () => ({ msg_: message }), timeout: Timeout.DEFAULT, text, decode: ok(text) };
}
