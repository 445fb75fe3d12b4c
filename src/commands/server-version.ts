import { type Command, string, Timeout } from './command.js';

/** ServerVersionCmd: the server's version string, e.g. `5.9.2`. */
export function serverVersionCmd(): Command<string> {
  const text = '--server_version';
  return { cls: 'ServerVersionCmd', base: 'user', fields: () => ({}), timeout: Timeout.DEFAULT, text, decode: string(text) };
}
