import { type Command, ok, Timeout } from './command.js';
import { type Action, type CommandModule, lines, UsageError } from './option.js';

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

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const HELP = lines(
      'Start scheduling the suites loaded in the server.',
      'Takes nothing or one quoted string.',
      '  arg1 = suite-name | Nothing | force',
      '         the suite to start; without one, every suite starts',
      '         force clears the begun state of the suites and skips the checks',
      '         (after a suite name, when one is given); it may leave zombies behind',
      'Usage:',
      '--begin                     # start every suite',
      '--begin="--force"         # reset every suite and start it, skipping checks; keep the quotes',
      "--begin=\"mySuite\"         # start suite 'mySuite'",
      "--begin=\"mySuite --force\" # reset suite 'mySuite' and start it, skipping checks",
    );

function begin(values: string[]): Action {
  const tokens = (values[0] ?? '').split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { request: beginCmd() };
  if (tokens.length === 1) return { request: tokens[0] === '--force' ? beginCmd('', true) : beginCmd(tokens[0]) };
  if (tokens.length === 2) {
    if (tokens[1] !== '--force') throw new UsageError(`BeginCmd: Expected second argument to be '--force' but found ${tokens[1]}\n`);
    return { request: beginCmd(tokens[0], true) };
  }
  throw new UsageError(`BeginCmd: Expect zero, one or 2 arguments, but found ${tokens.length} arguments\n${HELP}\n`);
}

/** BeginCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const BeginCmd = {
  cls: 'BeginCmd',
  request: beginCmd,
  client: ['begin'],
  options: {
    begin: {
      value: 'optional',
      description: HELP,
      run: begin,
    },
  },
} as const satisfies CommandModule;
