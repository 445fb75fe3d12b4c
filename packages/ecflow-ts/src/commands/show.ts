import type { PrintStyleName } from '../defs/index.js';
import { type Command, ok, Timeout } from './command.js';
import { type CommandModule, lines, UsageError } from './option.js';

/**
 * ShowCmd: asks nothing of the server (its style is not even sent); in a group after `get` it
 * tells the client how to print the definition that came back.
 */
export function showCmd(style: PrintStyleName = 'defs'): Command<void> & { showStyle: PrintStyleName } {
  // ShowCmd::print_only names it `show`, whatever its style.
  const text = 'show';
  return { cls: 'ShowCmd', base: 'user', fields: () => ({}), timeout: Timeout.DEFAULT, text, decode: ok(text), showStyle: style };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

/** `--show[=defs|state|migrate]` (ShowCmd): on its own the server just answers OK; in a group it prints what `get` fetched. */
function showStyle(values: string[]): PrintStyleName {
  const arg = values[0] ?? '';
  if (arg === '' || arg === 'defs') return 'defs';
  if (arg === 'state' || arg === 'migrate') return arg;
  throw new UsageError(`ShowCmd::create invalid show option expected one of [ defs | state | migrate ] but found ${arg}`);
}

/** ShowCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const ShowCmd = {
  cls: 'ShowCmd',
  request: showCmd,
  client: [],
  options: {
    show: {
      value: 'optional',
      description: lines(
        'Print the definition fetched by a preceding get, in one of three styles.',
        "Only usable inside --group, after a 'get'; see the examples.",
        '   arg1 = [ defs | state | migrate ]',
        'The styles:',
        '  o no arguments: the plain definition; externs are added, so the',
        '    text can be loaded into a server again',
        '    e.g. --group="get ; show"',
        '  o state:',
        '    the definition with all state information, and the parsed',
        '    trigger expressions as comments.',
        '    No edit history.',
        '  o migrate:',
        '    the definition with all state information,',
        '    node states kept in comments,',
        '    in a form a later ecFlow release can load.',
        '    Edit history included, externs not,',
        '    and no checks when it is loaded back.',
        '',
        'How the styles compare',
        '                        DEFS          STATE      MIGRATE',
        'Auto generate externs   Yes           Yes        No',
        'Checking on reload      Yes           Yes        No',
        'Edit History            No            No         Yes',
        'trigger AST             No            Yes        No',
        '',
        'Usage:',
        '    --group="get ; show"',
        '    --group="get ; show defs"    # same as the line above',
        '    --group="get ; show state"   # the whole tree with state',
        '    --group="get ; show migrate" # state, in the migration format',
        '    --group="get=/s1; show"      # only suite s1',
        '    --group="get=/s1; show state"',
      ),
      run: (v) => ({ request: showCmd(showStyle(v)) }),
    },
  },
} as const satisfies CommandModule;
