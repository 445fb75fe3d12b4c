/**
 * Node states, default states, server states and node flags of ecFlow 5.9.2
 * (ACore/src/NState.hpp, DState.hpp, SState.hpp, ANode/src/Flag.hpp), with 5.13's `remote_error`
 * flag (libs/node/src/ecflow/node/Flag.hpp).
 */
import { ArgumentError } from '../errors.js';

/** Node state (`NState::State`). */
export const NState = {
  /** Not begun yet (a suite that was never begun, and everything in it). */
  unknown: 0,
  /** Finished, or forced or set complete. */
  complete: 1,
  /** Waiting for its dependencies. */
  queued: 2,
  /** The job failed, or was aborted by a user. */
  aborted: 3,
  /** The job was submitted and has not started yet. */
  submitted: 4,
  /** The job is running. */
  active: 5,
} as const;
/** A node state's name: a key of {@link NState}. */
export type NStateName = keyof typeof NState;
/** A node state's number, as the sync's JSON carries it. */
export type NStateValue = (typeof NState)[NStateName];
/** The node state names in the order of their numbers. */
export const NSTATE_NAMES = Object.keys(NState) as readonly NStateName[];

/** Default state (`DState::State`), used by `defstatus` and expressions: the node states, and suspended. */
export const DState = {
  ...NState,
  /** Suspended: nothing below it is submitted until it is resumed. */
  suspended: 6,
} as const;
/** A default or display state's name: a key of {@link DState}. */
export type DStateName = keyof typeof DState;
/** A default state's number, as the sync's JSON carries it. */
export type DStateValue = (typeof DState)[DStateName];
/** The default state names in the order of their numbers. */
export const DSTATE_NAMES = Object.keys(DState) as readonly DStateName[];

/** Server state (`SState::State`). */
export const SState = {
  /** No scheduling, and jobs' child commands are held back. */
  HALTED: 0,
  /** No new jobs are submitted; running jobs still talk to the server. */
  SHUTDOWN: 1,
  /** Scheduling. */
  RUNNING: 2,
} as const;
/** A server state's name: a key of {@link SState}. */
export type SStateName = keyof typeof SState;
/** A server state's number, as the sync's JSON carries it. */
export type SStateValue = (typeof SState)[SStateName];
/** The server state names in the order of their numbers. */
export const SSTATE_NAMES = Object.keys(SState) as readonly SStateName[];

/** Whether `s` is a node state name. */
export function isNStateName(s: string): s is NStateName {
  return Object.hasOwn(NState, s);
}
/** Whether `s` is a default state name (a node state or `suspended`). */
export function isDStateName(s: string): s is DStateName {
  return Object.hasOwn(DState, s);
}
/** Whether `s` is a server state name. */
export function isSStateName(s: string): s is SStateName {
  return Object.hasOwn(SState, s);
}

/** Node flag bits (`ecf::Flag::Type`): value is the bit position in `Flag.flag_`. */
export const Flag = {
  /** A user aborted the task: it is not run again automatically. */
  force_aborted: 0,
  /** The task was submitted with a script edited by a user. */
  user_edit: 1,
  /** The task's job aborted. */
  task_aborted: 2,
  /** The job could not be generated from the script (pre-processing failed). */
  edit_failed: 3,
  /** ECF_JOB_CMD, which submits the job, failed. */
  ecfcmd_failed: 4,
  /** The task's script could not be found. */
  no_script: 5,
  /** A user killed the task: it is not run again automatically. */
  killed: 6,
  /** The node is late (its `late` attribute). */
  late: 7,
  /** A user command changed the node: it has edit history. */
  message: 8,
  /** The node was set complete by its complete expression. */
  by_rule: 9,
  /** The node is held by a limit (not used by the server). */
  queue_limit: 10,
  /** The task's job is waiting for a `--wait` expression. */
  task_waiting: 11,
  /** The server is locked (not used by the server). */
  locked: 12,
  /** The task has a zombie. */
  zombie: 13,
  /** The next time slot is missed at requeue (after a run or force before the time). */
  no_reque: 14,
  /** The family or suite was archived. */
  archived: 15,
  /** The family or suite was restored; it is not archived again until requeued. */
  restored: 16,
  /** Submitting the job took longer than the threshold (slow disk, large scripts, busy machine). */
  threshold: 17,
  /** The server received SIGTERM. */
  sigterm: 18,
  /** The server could not open or write its log file. */
  log_error: 20,
  /** The server could not save its check-point file. */
  checkpt_error: 21,
  /** ECF_KILL_CMD failed. */
  killcmd_failed: 22,
  /** ECF_STATUS_CMD failed. */
  statuscmd_failed: 23,
  /** ECF_STATUS_CMD was run for the task. */
  status: 24,
  /** An `aviso` or `mirror` attribute of the node failed (ecFlow 5.13+; the attribute's `reason` says why). */
  remote_error: 25,
} as const;
/** A flag's name: a key of {@link Flag}. */
export type FlagName = keyof typeof Flag;

/** The order in which ecFlow writes flag names (`Flag::list()`). */
export const FLAG_WRITE_ORDER: readonly FlagName[] = [
  'force_aborted', 'user_edit', 'task_aborted', 'edit_failed', 'ecfcmd_failed', 'killcmd_failed',
  'statuscmd_failed', 'no_script', 'killed', 'status', 'late', 'message', 'by_rule', 'queue_limit',
  'task_waiting', 'locked', 'zombie', 'no_reque', 'archived', 'restored', 'threshold', 'sigterm',
  'log_error', 'checkpt_error', 'remote_error',
];

/** Whether `s` is a flag name. */
export function isFlagName(s: string): s is FlagName {
  return Object.hasOwn(Flag, s);
}

/** Writes a flag bit set as ecFlow does: comma separated names in `FLAG_WRITE_ORDER`. */
export function flagsToString(bits: number): string {
  let out = '';
  for (const name of FLAG_WRITE_ORDER) {
    if (bits & (1 << Flag[name])) out += out.length === 0 ? name : ',' + name;
  }
  return out;
}

/**
 * Parses a comma separated flag list (`Flag::set_flag`); throws on an unknown name, or calls
 * `unknown` with it when given (the parser keeps going without the flag).
 * @param remoteError whether `remote_error` is a flag name (ecFlow 5.13+). @default true
 */
export function flagsFromString(text: string, bits = 0, remoteError = true, unknown?: (name: string) => void): number {
  for (const name of text.split(',')) {
    if (name === '' || name === 'migrated') continue;
    if (!isFlagName(name) || (name === 'remote_error' && !remoteError)) {
      if (unknown === undefined) throw new ArgumentError(`Flag::set_flag: Unknown flag types found: ${name}`);
      unknown(name);
      continue;
    }
    bits |= 1 << Flag[name];
  }
  return bits;
}
