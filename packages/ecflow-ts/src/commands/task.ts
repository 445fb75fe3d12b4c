import type { Reply } from '../protocol/replies.js';
import { since } from '../versions.js';
import { type Command, expectReply, ok, Timeout } from './command.js';
import { type Action, type CliContext, type CommandModule, lines, UsageError } from './option.js';

/**
 * The child commands a job sends about itself (TaskCmd subclasses in TaskCmds.cpp). Their base
 * carries the job's identity (ECF_NAME, ECF_PASS, ECF_RID, ECF_TRYNO), supplied by the client.
 */

function taskCommand<T>(cls: string, fields: Record<string, unknown>, text: string, decode: (r: Reply) => T): Command<T> {
  return { cls, base: 'task', fields: () => fields as never, timeout: Timeout.TASK, text: `chd:${text}`, decode };
}

/** InitCmd: the job has started (task becomes active); `variables` are added to the task. */
export function initCmd(path: string, rid: string, variables: readonly { name: string; value: string }[] = []): Command<void> {
  const fields: Record<string, unknown> = {};
  if (variables.length) fields.var_to_add_ = variables.map((v) => ({ n_: v.name, v_: v.value }));
  const add = variables.length ? ` --add${variables.map((v) => ` ${v.name}=${v.value}`).join('')}` : '';
  return { ...taskCommand('InitCmd', fields, `init ${path}${add}`, ok('init')), rid };
}

/** CompleteCmd: the job finished (task becomes complete); `remove` names variables to delete. */
export function completeCmd(path: string, remove: readonly string[] = []): Command<void> {
  const fields: Record<string, unknown> = {};
  if (remove.length) fields.var_to_del_ = [...remove];
  return taskCommand('CompleteCmd', fields, `complete ${path}${remove.length ? ` --remove ${remove.join(' ')}` : ''}`, ok('complete'));
}

/** AbortCmd: the job failed; the reason loses its first newline and first `;` as ecFlow does. */
export function abortCmd(path: string, reason = ''): Command<void> {
  const cleaned = reason.replace('\n', '').replace(';', ' ');
  return taskCommand('AbortCmd', { reason_: cleaned }, `abort ${path}  ${cleaned}`, ok('abort'));
}

/** EventCmd: sets (or clears) an event, by name or number. */
export function eventCmd(path: string, name: string, value = true): Command<void> {
  const fields: Record<string, unknown> = { name_: name };
  if (!value) fields.value_ = false;
  return taskCommand('EventCmd', fields, `event ${name} ${value ? 1 : 0} ${path}`, ok('event'));
}

/** MeterCmd: sets a meter's value. */
export function meterCmd(path: string, name: string, value: number): Command<void> {
  return taskCommand('MeterCmd', { name_: name, value_: value }, `meter ${name} ${value} ${path}`, ok('meter'));
}

/** LabelCmd: sets a label's value. */
export function labelCmd(path: string, name: string, value: string): Command<void> {
  return taskCommand('LabelCmd', { name_: name, label_: value }, `label ${name} '${value}' ${path}`, ok('label'));
}

/** CtsWaitCmd: blocks (the server answers "wait", the client polls) until the expression holds. */
export function waitCmd(path: string, expression: string): Command<void> {
  return taskCommand('CtsWaitCmd', { expression_: expression }, `wait ${expression} ${path}`, ok('wait'));
}

/** What a job's `--queue` child command does to a queue's step ({@link Client.childQueue}). */
export const QueueAction = ['active', 'complete', 'aborted', 'no_of_aborted', 'reset'] as const;
/** One of the names in {@link QueueAction}. */
export type QueueAction = (typeof QueueAction)[number];

/**
 * QueueCmd: steps through a queue attribute. `active` resolves with the next step (`<NULL>` when
 * the queue is exhausted), `no_of_aborted` with the count; the others with ''.
 */
export function queueCmd(path: string, name: string, action: QueueAction, step = '', queuePath = ''): Command<string> {
  const text = `queue ${name} ${action} ${step} ${queuePath ? `${queuePath} ` : ''}${path}`;
  return taskCommand(
    'QueueCmd',
    { name_: name, action_: action, step_: step, path_to_node_with_queue_: queuePath },
    text,
    (reply) => (reply.type === 'StcCmd' ? '' : expectReply(reply, 'SStringCmd', text).str),
  );
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const CHILD_BLOCKS = [
  'When the server treats this call as a zombie, the call *blocks* by default; zombie',
  'attributes can change that. How long it keeps retrying is set by ECF_TIMEOUT.',
] as const;

const CHILD_FOBS = [
  'When the server treats this call as a zombie, it is *fobbed* by default: the command',
  'returns success without touching the node tree. Zombie attributes can change that.',
] as const;

/** TaskCmd::create checks: the job's identity must be in the environment. */
function jobPath(ctx: CliContext, cls: string): string {
  const path = ctx.environment.taskPath();
  if (!path) throw new UsageError(`${cls}: No task path specified for ECF_NAME \n`);
  if (!ctx.environment.jobsPassword()) throw new UsageError(`${cls}: No jobs password specified for ECF_PASS \n`);
  return path;
}

function init(values: string[], ctx: CliContext, add: string[] = []): Action {
  const rid = values[0]!;
  const path = jobPath(ctx, 'InitCmd');
  const envRid = ctx.environment.rid(ctx.rid);
  if (envRid && envRid !== rid) {
    throw new UsageError(`remote id(${rid}) passed as an argument, not the same the client environment ECF_RID(${envRid})`);
  }
  const variables = add.map((v) => {
    const tokens = v.split('=').filter(Boolean);
    if (tokens.length !== 2) throw new UsageError(`Could not parse variable provided to --add; Expected  var1=value1 var2=value2 but found ${v}`);
    return { name: tokens[0]!, value: tokens[1]! };
  });
  return { request: initCmd(path, rid, variables) };
}

function event(values: string[], ctx: CliContext): Action {
  const [name = '', value] = values;
  if (values.length === 2 && value !== 'set' && value !== 'clear') {
    throw new UsageError(`EventCmd: The second argument must be [ set | clear ] but found ${value}`);
  }
  return { request: eventCmd(jobPath(ctx, 'EventCmd'), name, value !== 'clear') };
}

function meter(values: string[], ctx: CliContext): Action {
  if (values.length !== 2) {
    throw new UsageError(`MeterCmd: Two arguments expected, found ${values.length} Please specify <meter-name> <meter-value>, ie --meter=name 100\n`);
  }
  if (!/^[+-]?\d+$/.test(values[1]!)) throw new UsageError('MeterCmd: Second argument must be a integer, i.e. --meter=name 100\n');
  return { request: meterCmd(jobPath(ctx, 'MeterCmd'), values[0]!, Number(values[1])) };
}

function label(values: string[], ctx: CliContext): Action {
  if (values.length < 2) {
    const usage = since(ctx.version, 'labelUsageWording') ? ': <label-name> <label-value>' : ' <label-name> <string1> <string2>';
    throw new UsageError(`LabelCmd: At least 2 arguments expected. Please specify${usage}\n`);
  }
  const [name, ...words] = values;
  return { request: labelCmd(jobPath(ctx, 'LabelCmd'), name!, words.join(' ')) };
}

function queue(values: string[], ctx: CliContext): Action {
  const [name = '', ...rest] = values;
  let action = '';
  let step = '';
  let queuePath = '';
  for (const a of rest) {
    if ((QueueAction as readonly string[]).includes(a)) action = a;
    else if (a.includes('/')) queuePath = a;
    else step = a;
  }
  if (values.length === 4 && !queuePath) {
    throw new UsageError(`QueueCmd: The fourth argument if specified must provide a path to a node where the queue resides.\nNo path specified. ${values[3]}`);
  }
  if (!name || !action) {
    throw new UsageError(
      `QueueCmd: incorrect argument specified, expected at least two arguments but found ${values.length} Please specify <queue-name> [active | aborted | complete | no_of_aborted | reset ] step <path to node with queue>(optional) i.e\n` +
        '--queue=name active  # active does not need a step\n--queue=name active /path/to/node/with/queue\n--queue=name aborted $step\n--queue=name complete $step\n--queue=name no_of_aborted\n--queue=name reset\n',
    );
  }
  if ((action === 'complete' || action === 'aborted') && !step) {
    throw new UsageError(
      'QueueCmd: when --queue=name complete || --queue=name aborted is used a step must be provided.i.e\n' +
        'ecflow_client --queue=name aborted $step\necflow_client --queue=name complete $step\nwhere step is value returned from active i.e\nstep=$(ecflow_client --queue=name active)\n',
    );
  }
  if (step && (action === 'active' || action === 'reset' || action === 'no_of_aborted')) {
    throw new UsageError('QueueCmd: when step should not be used with active,reset or no_of_aborted.');
  }
  return { request: queueCmd(jobPath(ctx, 'QueueCmd'), name, action as QueueAction, step, queuePath) };
}

/** InitCmd: its requests, the Client methods that send them, its ecflow_client options. */
export const InitCmd = {
  cls: 'InitCmd',
  request: initCmd,
  client: ['childInit'],
  options: {
    init: {
      value: 'one',
      child: true,
      description: lines(
        "Tell the server the task has started (it becomes active). Only for '.ecf' job scripts.",
        'Which task is meant comes from the environment variables set up for the job.',
        '  arg1(string)         = process_or_remote_id: the process id of the job, or a remote id',
        '                         that lets the server kill the job later',
        '  arg2(--add)(optional)= variables to add or update on the task, as name=value pairs',
        '',
        ...CHILD_BLOCKS,
        '',
        'Usage:',
        '  ecflow_client --init=$$',
        '  ecflow_client --init=$$ --add name=value name2=value2 # also set two task variables',
      ),
      run: (v, ctx) => init(v, ctx, ctx.extra.get('add')),
    },
    add: {
      value: 'many',
      generic: true,
      description: lines('With --init: variables to set on the task, as name=value name1=value1'),
    },
  },
} as const satisfies CommandModule;

/** CompleteCmd: its requests, the Client methods that send them, its ecflow_client options. */
export const CompleteCmd = {
  cls: 'CompleteCmd',
  request: completeCmd,
  client: ['childComplete'],
  options: {
    complete: {
      value: 'none',
      child: true,
      description: lines(
        "Tell the server the task has finished successfully. Only for '.ecf' job scripts.",
        'Which task is meant comes from the environment variables set up for the job.',
        '',
        ...CHILD_BLOCKS,
        'Variables added by --init can be taken away again here.',
        '  arg1(--remove)(optional) = names of task variables to delete',
        '',
        'Usage:',
        '  ecflow_client --complete',
        '  ecflow_client --complete --remove name1 name2 # also delete task variables name1 and name2',
      ),
      run: (_v, ctx) => ({ request: completeCmd(jobPath(ctx, 'CompleteCmd'), ctx.extra.get('remove')) }),
    },
    remove: {
      value: 'many',
      description: lines('With --complete: names of task variables to delete, as name name2'),
    },
  },
} as const satisfies CommandModule;

/** AbortCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const AbortCmd = {
  cls: 'AbortCmd',
  request: abortCmd,
  client: ['childAbort'],
  options: {
    abort: {
      value: 'optional',
      anyValue: true,
      child: true,
      description: lines(
        "Tell the server the task has failed (it becomes aborted). Only for '.ecf' job scripts.",
        'Which task is meant comes from the environment variables set up for the job.',
        '  arg1 = (optional) string(reason)',
        '         why the task failed, kept with the task',
        '',
        ...CHILD_BLOCKS,
        '',
        'Usage:',
        '  ecflow_client --abort=reasonX',
      ),
      run: (v, ctx) => ({ request: abortCmd(jobPath(ctx, 'AbortCmd'), v[0]) }),
    },
  },
} as const satisfies CommandModule;

/** CtsWaitCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const CtsWaitCmd = {
  cls: 'CtsWaitCmd',
  request: waitCmd,
  client: ['childWait'],
  options: {
    wait: {
      value: 'one',
      child: true,
      description: lines(
        'Block the job until a trigger-style expression becomes true.',
        "Only for '.ecf' job scripts: the task is identified through the job's environment variables.",
        '  arg1 = string(expression)',
        '',
        'Usage:',
        '  ecflow_client --wait="/suite/taskx == complete"',
      ),
      run: (v, ctx) => ({ request: waitCmd(jobPath(ctx, 'CtsWaitCmd'), v[0]!) }),
    },
  },
} as const satisfies CommandModule;

/** EventCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const EventCmd = {
  cls: 'EventCmd',
  request: eventCmd,
  client: ['childEvent'],
  options: {
    event: {
      value: 'many',
      child: true,
      description: lines(
        "Set or clear an event of the task. Only for '.ecf' job scripts.",
        'Which task is meant comes from the environment variables set up for the job.',
        '  arg1(string | int)     = event-name',
        '',
        '  arg2(string)(optional) = [ set | clear] set when left out',
        '',
        ...CHILD_FOBS,
        '',
        'Usage:',
        '  ecflow_client --event=ev       # set event ev (events start out clear)',
        '  ecflow_client --event=ev set   # the same, spelled out',
        '  ecflow_client --event=ev clear # clear event ev, for events that start out set',
      ),
      run: event,
    },
  },
} as const satisfies CommandModule;

/** MeterCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const MeterCmd = {
  cls: 'MeterCmd',
  request: meterCmd,
  client: ['childMeter'],
  options: {
    meter: {
      value: 'pair',
      child: true,
      description: lines(
        "Give a meter of the task a new value. Only for '.ecf' job scripts.",
        'Which task is meant comes from the environment variables set up for the job.',
        '  arg1(string) = meter-name',
        '  arg2(int)    = the value to set',
        '',
        ...CHILD_FOBS,
        '',
        'Usage:',
        '  ecflow_client --meter=my_meter 20',
      ),
      run: meter,
    },
  },
} as const satisfies CommandModule;

/** LabelCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const LabelCmd = {
  cls: 'LabelCmd',
  request: labelCmd,
  client: ['childLabel'],
  options: {
    label: {
      value: 'pair',
      child: true,
      description: lines(
        "Give a label of the task a new text. Only for '.ecf' job scripts.",
        'Which task is meant comes from the environment variables set up for the job.',
        '  arg1 = label-name',
        '  arg2 = the text to show',
        '         one or more words; quote words to keep spaces, several words give several lines',
        '',
        ...CHILD_FOBS,
        '',
        'Usage:',
        '  ecflow_client --label=progressed merlin',
      ),
      run: label,
    },
  },
} as const satisfies CommandModule;

/** QueueCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const QueueCmd = {
  cls: 'QueueCmd',
  request: queueCmd,
  client: ['childQueue'],
  options: {
    queue: {
      value: 'many',
      child: true,
      description: lines(
        "Take steps from a queue attribute and report on them. Only for '.ecf' job scripts.",
        'Which task is meant comes from the environment variables set up for the job.',
        '  arg1(string) = queue-name:',
        '  arg2(string) = action: [active | aborted | complete | no_of_aborted | reset ]',
        '     active: hand out the next queued (or aborted) step and mark it active',
        '     no_of_aborted: print how many steps are aborted, e.g. 10',
        '     reset: go back to the first queued/aborted step, so failed steps can be run again',
        '  arg3(string) = step: the value handed out by step=$(ecflow_client --queue=queue_name active)',
        '                 needed by the complete and aborted actions',
        '  arg4(string) = path: (optional) the node holding the queue;',
        '                 when left out, the queue is looked for on the task and then its parents',
        '',
        'When the server treats this call as a zombie, the call *blocks* by default; zombie',
        'attributes can change that. If no queue is found up the tree, the command fails.',
        '',
        'Usage:',
        'step=""',
        'QNAME="my_queue_name"',
        'while [1 == 1 ] ; do',
        '   # hand out the next queued/aborted step; <NULL> once every step has been processed',
        '   step=$(ecflow_client --queue=$QNAME active) # a string such as "003"; that step is now active',
        '   if [[ $step == "<NULL>" ]] ; then',
        '        break;',
        '   fi',
        '   ...',
        '   ecflow_client --queue=$QNAME complete $step   # report the step as done',
        'done',
        '',
        'trap() { ecflow_client --queue=$QNAME aborted $step # report the step as failed }',
      ),
      run: queue,
    },
  },
} as const satisfies CommandModule;
