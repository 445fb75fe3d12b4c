import { type Command, expectReply, Timeout, truncatedPaths } from './command.js';
import { type Action, type ArgvReader, type CliContext, type CommandModule, fail, lines, splitPaths, UsageError } from './option.js';

/** PathsCmd::Api */
export const PathsApi = {
  NO_CMD: 0,
  SUSPEND: 1,
  RESUME: 2,
  KILL: 3,
  STATUS: 4,
  CHECK: 5,
  EDIT_HISTORY: 6,
  ARCHIVE: 7,
  RESTORE: 8,
} as const;
export type PathsApi = (typeof PathsApi)[keyof typeof PathsApi];

const option: Record<PathsApi, string> = {
  [PathsApi.NO_CMD]: '',
  [PathsApi.SUSPEND]: '--suspend',
  [PathsApi.RESUME]: '--resume',
  [PathsApi.KILL]: '--kill',
  [PathsApi.STATUS]: '--status',
  [PathsApi.CHECK]: '--check',
  [PathsApi.EDIT_HISTORY]: '--edit_history',
  [PathsApi.ARCHIVE]: '--archive',
  [PathsApi.RESTORE]: '--restore',
};

type Result<A extends PathsApi> = A extends typeof PathsApi.CHECK
  ? string
  : A extends typeof PathsApi.EDIT_HISTORY
    ? string[]
    : void;

/** PathsCmd: an operation on a list of node paths. */
export function pathsCmd<A extends PathsApi>(api: A, paths: readonly string[], force = false): Command<Result<A>> {
  const head = [option[api]];
  if (api === PathsApi.CHECK && paths.length === 0) head.push('_all_');
  if (api === PathsApi.ARCHIVE && force) head.push('force');
  const text = truncatedPaths(head, paths);
  return {
    cls: 'PathsCmd',
    base: 'user',
    fields: () => ({ api_: api, paths_: [...paths], force_: force }),
    timeout: Timeout.DEFAULT,
    text,
    // PathsCmd::isWrite: CHECK and reading the edit history change nothing.
    updatesDefs: api !== PathsApi.CHECK && (api !== PathsApi.EDIT_HISTORY || (paths.length === 1 && paths[0] === 'clear')),
    decode: (reply) => {
      if (api === PathsApi.CHECK) return expectReply(reply, 'SStringCmd', text).str as Result<A>;
      if (api === PathsApi.EDIT_HISTORY) return expectReply(reply, 'SStringVecCmd', text).vec as Result<A>;
      expectReply(reply, 'StcCmd', text);
      return undefined as Result<A>;
    },
  };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

function paths(api: PathsApi, name: string): ArgvReader {
  return (values) => {
    const { paths } = splitPaths(values);
    if (paths.length === 0) throw new UsageError(`${name}:  No paths specified. Paths must begin with a leading '/' character\n`);
    return { request: pathsCmd(api, paths) };
  };
}

function check(values: string[], _ctx: CliContext): Action {
  const { options, paths } = splitPaths(values);
  // As in 5.9.2, `_all_` is looked for among the first raw arguments, as many as there are words.
  const all = values.slice(0, options.length).includes('_all_');
  if (!all && paths.length === 0) fail("Check: Please specify one of [ _all_ | / | /<path/to/anode> ]. Paths must begin with a leading '/' character\n");
  return { request: pathsCmd(PathsApi.CHECK, paths.length === 1 && paths[0] === '/' ? [] : paths) };
}

function editHistory(values: string[], _ctx: CliContext): Action {
  const { options, paths } = splitPaths(values);
  if (paths.length === 0) {
    if (options.length === 1 && options[0] === 'clear') paths.push('clear');
    else fail("edit_history:  No paths or option specified. Paths must begin with a leading '/' character\n");
  }
  return { request: pathsCmd(PathsApi.EDIT_HISTORY, paths) };
}

// The command line never asks for a forced archive.
const archive = paths(PathsApi.ARCHIVE, 'archive');

const restore = paths(PathsApi.RESTORE, 'restore');

/** PathsCmd: its requests, the Client methods that send them, its ecflow_client options. */
export const PathsCmd = {
  cls: 'PathsCmd',
  request: pathsCmd,
  client: ['suspend', 'resume', 'kill', 'status', 'check', 'editHistory', 'clearEditHistory', 'archive', 'restore'],
  options: {
    suspend: {
      value: 'many',
      description: lines(
        'Suspend nodes: no job is generated for them or anything below them until resumed.',
        'Usage::',
        '   --suspend=/s1/f1/t1   # suspend task /s1/f1/t1',
        '   --suspend=/s1 /s2     # suspend suites /s1 and /s2',
      ),
      run: paths(PathsApi.SUSPEND, 'suspend'),
    },
    resume: {
      value: 'many',
      description: lines(
        'Resume suspended nodes, so jobs may again be generated for them and their children.',
        'Usage::',
        '   --resume=/s1/f1/t1   # resume task /s1/f1/t1',
        '   --resume=/s1 /s2     # resume suites /s1 and /s2',
      ),
      run: paths(PathsApi.RESUME, 'resume'),
    },
    kill: {
      value: 'many',
      description: lines(
        'Kill the running jobs of the given nodes.',
        'For a family or suite every task below it is killed.',
        'The server expands the ECF_KILL_CMD variable of each task and runs the result.',
        'Have that command write its output to %ECF_JOB%.kill, so --file can show it later,',
        'for example:',
        ' /home/ma/emos/bin/ecfkill %USER% %HOST% %ECF_RID% %ECF_JOB% > %ECF_JOB%.kill 2>&1::',
        'Usage::',
        '   --kill=/s1/f1/t1 /s1/f2/t2 # kill the jobs of tasks t1 and t2',
        "   --file=/s1/f1/t1 kill      # then print the '.kill' file of task /s1/f1/t1",
      ),
      run: paths(PathsApi.KILL, 'kill'),
    },
    status: {
      value: 'many',
      description: lines(
        'Ask for the status of the jobs of the given nodes, written to %ECF_JOB%.stat.',
        'For a family or suite every task below it is queried.',
        'The server expands the ECF_STATUS_CMD variable of each task and runs the result.',
        'Have that command write its output to %ECF_JOB%.stat, so --file can show it, e.g.',
        ' /home/ma/emos/bin/ecfstatus  %USER% %HOST% %ECF_RID% %ECF_JOB% > %ECF_JOB%.stat 2>&1::',
        'When the job process cannot be found on its host, the status command may also mark',
        'the task aborted.',
        'The request fails when:',
        ' - the task has no ECF_STATUS_CMD',
        ' - a variable in it cannot be substituted',
        ' - the task is active but has no process id (ECF_RID)',
        ' - the command itself exits with an error',
        'The task then gets the STATUSCMD_FAILED flag, which the GUI shows.',
        'Usage::',
        '   --status=/s1/f1/t1     # runs ECF_STATUS_CMD, which writes %ECF_JOB%.stat',
        '   --file=/s1/f1/t1 stat  # print that %ECF_JOB%.stat file',
      ),
      run: paths(PathsApi.STATUS, 'status'),
    },
    check: {
      value: 'many',
      description: lines(
        'Check trigger/complete expressions and limits in the server, including node references.',
        'A trigger naming a path that does not exist is reported as an error.',
        "(On the client side, a path that cannot be resolved needs a matching 'extern'.)",
        '  arg = [ _all_ | / | list of node paths ]',
        'Usage:',
        '  --check=_all_           # check every suite',
        '  --check=/               # check every suite',
        '  --check=/s1 /s2/f1/t1   # check suite /s1 and task /s2/f1/t1',
      ),
      run: check,
    },
    edit_history: {
      value: 'many',
      description: lines(
        'Show the list of changes made to a node, or clear all recorded changes.',
        'Usage::',
        '   --edit_history=/s1/f1/t1  # show the changes recorded for this node',
        '   --edit_history=clear      # forget the change history of *every* node',
      ),
      run: editHistory,
    },
    archive: {
      value: 'many',
      description: lines(
        'Move the children of suites or families out to disk (nodes without children are skipped).',
        'The node tree below each given node is saved to a file and dropped from the definition.',
        'This keeps the server small when huge parts of a definition are not needed right now,',
        'and makes checkpoints and synchronisation cheaper.',
        'Requeueing or beginning the node brings the children back automatically;',
        '--restore does it by hand. Beware of triggers that refer to archived nodes.',
        'The file is ECF_HOME/<hostname>.<port>.<ECF_NAME>.check,',
        "with every '/' of ECF_NAME turned into ':'",
        '',
        "Suites and families can also be archived automatically with the 'autoarchive'",
        'attribute, which takes effect once the node is complete:',
        '',
        'suite autoarchive',
        ' family f1',
        '    autoarchive +01:00 # one hour after completion',
        '    task t1',
        ' endfamily',
        ' family f2',
        '     autoarchive 01:00 # at 01:00 after completion',
        '    task t1',
        ' endfamily',
        ' family f3',
        '    autoarchive 10     # ten days after completion',
        '    task t1',
        ' endfamily',
        ' family f4',
        '    autoarchive 0      # straight after completion (within a minute)',
        '    task t1',
        '  endfamily',
        'endsuite',
        '',
        'Usage::',
        '   --archive=/s1           # archive suite s1',
        '   --archive=/s1/f1 /s2    # archive family /s1/f1 and suite /s2',
        '   --archive=force /s1 /s2 # archive suites /s1 and /s2 even with active tasks below',
      ),
      run: archive,
    },
    restore: {
      value: 'many',
      description: lines(
        'Bring archived nodes back from disk.',
        'This is refused when:',
        '  - the node was never archived',
        '  - the node has children (an archived node has none)',
        '  - the file ECF_HOME/<host>.<port>.<ECF_NAME>.check is missing',
        'Besides this command, nodes can be restored automatically:',
        '',
        "the 'autorestore' attribute restores the nodes it names when its node completes.",
        '',
        ' suite s',
        '   family farchive_now',
        '     autoarchive 0      # archived straight after completion',
        '     task tx',
        '   endfamily',
        '   family frestore_from_task',
        '     task t1',
        '        trigger ../farchive_now<flag>archived',
        '        autorestore ../farchive_now  # restore it once t1 completes',
        '   endfamily',
        ' endsuite',
        '',
        "Here '/s/frestore_from_task/t1' waits until 'farchive_now' has been archived;",
        'when t1 completes, that family is restored.',
        'Usage::',
        '   --restore=/s1/f1   # restore family /s1/f1',
        '   --restore=/s1 /s2  # restore suites /s1 and /s2',
      ),
      run: restore,
    },
  },
} as const satisfies CommandModule;
