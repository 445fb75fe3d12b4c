/**
 * Node states, default states, server states and node flags of ecFlow 5.9.2
 * (ACore/src/NState.hpp, DState.hpp, SState.hpp, ANode/src/Flag.hpp).
 */
import { ArgumentError } from '../errors.js';

/** Node state (`NState::State`). */
export const NState = {
  unknown: 0,
  complete: 1,
  queued: 2,
  aborted: 3,
  submitted: 4,
  active: 5,
} as const;
export type NStateName = keyof typeof NState;
export type NStateValue = (typeof NState)[NStateName];
export const NSTATE_NAMES: readonly NStateName[] = ['unknown', 'complete', 'queued', 'aborted', 'submitted', 'active'];

/** Default state (`DState::State`), used by `defstatus` and expressions. */
export const DState = {
  unknown: 0,
  complete: 1,
  queued: 2,
  aborted: 3,
  submitted: 4,
  active: 5,
  suspended: 6,
} as const;
export type DStateName = keyof typeof DState;
export type DStateValue = (typeof DState)[DStateName];
export const DSTATE_NAMES: readonly DStateName[] = ['unknown', 'complete', 'queued', 'aborted', 'submitted', 'active', 'suspended'];

/** Server state (`SState::State`). */
export const SState = { HALTED: 0, SHUTDOWN: 1, RUNNING: 2 } as const;
export type SStateName = keyof typeof SState;
export type SStateValue = (typeof SState)[SStateName];
export const SSTATE_NAMES: readonly SStateName[] = ['HALTED', 'SHUTDOWN', 'RUNNING'];

export function isNStateName(s: string): s is NStateName {
  return Object.hasOwn(NState, s);
}
export function isDStateName(s: string): s is DStateName {
  return Object.hasOwn(DState, s);
}
export function isSStateName(s: string): s is SStateName {
  return Object.hasOwn(SState, s);
}

/** Node flag bits (`ecf::Flag::Type`): value is the bit position in `Flag.flag_`. */
export const Flag = {
  force_aborted: 0,
  user_edit: 1,
  task_aborted: 2,
  edit_failed: 3,
  ecfcmd_failed: 4,
  no_script: 5,
  killed: 6,
  late: 7,
  message: 8,
  by_rule: 9,
  queue_limit: 10,
  task_waiting: 11,
  locked: 12,
  zombie: 13,
  no_reque: 14,
  archived: 15,
  restored: 16,
  threshold: 17,
  sigterm: 18,
  log_error: 20,
  checkpt_error: 21,
  killcmd_failed: 22,
  statuscmd_failed: 23,
  status: 24,
} as const;
export type FlagName = keyof typeof Flag;

/** The order in which ecFlow writes flag names (`Flag::list()`). */
export const FLAG_WRITE_ORDER: readonly FlagName[] = [
  'force_aborted', 'user_edit', 'task_aborted', 'edit_failed', 'ecfcmd_failed', 'killcmd_failed',
  'statuscmd_failed', 'no_script', 'killed', 'status', 'late', 'message', 'by_rule', 'queue_limit',
  'task_waiting', 'locked', 'zombie', 'no_reque', 'archived', 'restored', 'threshold', 'sigterm',
  'log_error', 'checkpt_error',
];

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

/** Parses a comma separated flag list (`Flag::set_flag`); throws on an unknown name. */
export function flagsFromString(text: string, bits = 0): number {
  for (const name of text.split(',')) {
    if (name === '' || name === 'migrated') continue;
    if (!isFlagName(name)) throw new ArgumentError(`Flag::set_flag: Unknown flag types found: ${name}`);
    bits |= 1 << Flag[name];
  }
  return bits;
}
