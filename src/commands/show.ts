import type { PrintStyleName } from '../defs/index.js';
import { type Command, ok, Timeout } from './command.js';

/**
 * ShowCmd: asks nothing of the server (its style is not even sent); in a group after `get` it
 * tells the client how to print the definition that came back.
 */
export function showCmd(style: PrintStyleName = 'defs'): Command<void> & { showStyle: PrintStyleName } {
  const text = style === 'defs' ? '--show' : `--show=${style}`;
  return { cls: 'ShowCmd', base: 'user', fields: () => ({}), timeout: Timeout.DEFAULT, text, decode: ok(text), showStyle: style };
}
