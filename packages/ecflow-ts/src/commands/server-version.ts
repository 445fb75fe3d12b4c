import { type Command, string, Timeout } from './command.js';
import { type CommandModule, lines } from './option.js';

/** ServerVersionCmd: the server's version string, e.g. `5.9.2`. */
export function serverVersionCmd(): Command<string> {
  const text = '--server_version';
  return { cls: 'ServerVersionCmd', base: 'user', fields: () => ({}), timeout: Timeout.DEFAULT, text, decode: string(text) };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

/** ServerVersionCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const ServerVersionCmd = {
  cls: 'ServerVersionCmd',
  request: serverVersionCmd,
  client: ['serverVersion'],
  options: {
    server_version: {
      value: 'none',
      description: lines(
        'Print the ecFlow version of the server.',
        'Usage:',
        '  --server_version',
        '    The version goes to standard output',
      ),
      run: () => ({ request: serverVersionCmd() }),
    },
  },
} as const satisfies CommandModule;
