import { cliText, type Command, expectReply, Timeout } from './command.js';
import { type Action, type CliContext, type CommandModule, confirmed, lines, splitPaths, UsageError } from './option.js';

/** DeleteCmd: deletes nodes, or every suite when `paths` is empty. */
export function deleteCmd(paths: readonly string[], force = false): Command<void> {
  const text = cliText('--delete', paths.length ? [] : ['_all_'], force ? ['force'] : [], 'yes', paths);
  return {
    cls: 'DeleteCmd',
    base: 'user',
    fields: () => ({ paths_: [...paths], force_: force }),
    timeout: Timeout.DEFAULT,
    text,
    updatesDefs: true,
    decode: (reply) => {
      expectReply(reply, 'StcCmd', text);
    },
  };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

function deleteNodes(values: string[], ctx: CliContext): Action {
  const { options, paths } = splitPaths(values);
  let all = false;
  let force = false;
  let prompt = true;
  // ecflow_client 5.9.2 looks for its keywords at the first positions of the raw arguments (as
  // many as there are non-path words), so `--delete yes /s` skips the prompt and `--delete /s yes`
  // does not; kept for identical behaviour.
  for (let i = 0; i < options.length; i++) {
    if (values[i] === '_all_') all = true;
    if (values[i] === 'force') force = true;
    if (values[i] === 'yes') prompt = false;
  }
  if (!all && paths.length === 0) throw new UsageError("Delete: No paths specified. Paths must begin with a leading '/' character\n");
  const request = () => ({ request: deleteCmd(paths, force) });
  if (!prompt) return request();
  const question = paths.length === 0
    ? 'Are you sure you want to delete all the suites ? '
    : `Are you sure want to delete nodes at paths:\n${paths.map((p) => `  ${p}`).join('\n')} ? `;
  return confirmed(ctx, question, request);
}

/** DeleteCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const DeleteCmd = {
  cls: 'DeleteCmd',
  request: deleteCmd,
  client: ['delete', 'deleteAll'],
  options: {
    delete: {
      value: 'many',
      description: lines(
        'Remove the given nodes, or every suite (_all_), from the server.',
        '  arg1 = [ force | yes ](optional)  # force: delete even when tasks are active or submitted',
        "  arg2 = yes(optional)              # 'yes' answers the confirmation question in advance",
        '  arg3 = node paths | _all_         # _all_ stands for every suite',
        "                                    # node paths start with '/'",
        'Usage:',
        '  --delete=_all_                    # remove every suite; think twice',
        '  --delete=/suite/f1/t1             # remove /suite/f1/t1, after confirmation',
        '  --delete=force /suite/f1/t1       # remove /suite/f1/t1 even when active or submitted',
        '  --delete=force yes /s1 /s2        # remove suites s1 and s2 whatever their state, no question asked',
      ),
      run: deleteNodes,
    },
  },
} as const satisfies CommandModule;
