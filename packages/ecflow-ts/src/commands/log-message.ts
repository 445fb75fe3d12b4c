import { type Command, ok, Timeout } from './command.js';
import { type CommandModule, lines } from './option.js';

/** LogMessageCmd: writes a line into the server log. */
export function logMessageCmd(message: string): Command<void> {
  const text = `--msg=${message}`;
  return { cls: 'LogMessageCmd', base: 'user', fields: () => ({ msg_: message }), timeout: Timeout.DEFAULT, text, decode: ok(text) };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

/** LogMessageCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const LogMessageCmd = {
  cls: 'LogMessageCmd',
  request: logMessageCmd,
  client: ['logMsg'],
  options: {
    msg: {
      value: 'one',
      description: lines(
        "Append a message to the server's log file.",
        '  arg1 = string',
        'Usage:',
        '  --msg="place me in the log file"',
      ),
      run: (v) => ({ request: logMessageCmd(v[0]!) }),
    },
  },
} as const satisfies CommandModule;
