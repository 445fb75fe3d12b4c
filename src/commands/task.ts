import type { Reply } from '../protocol/replies.js';
import { type Command, expectReply, ok, Timeout } from './command.js';

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
