import { ArgumentError } from '../errors.js';
import { type Command, ok, Timeout } from './command.js';

/** CheckPt::Mode */
export const CheckPtMode = { NEVER: 0, ON_TIME: 1, ALWAYS: 2, UNDEFINED: 3 } as const;
export type CheckPtMode = (typeof CheckPtMode)[keyof typeof CheckPtMode];

export interface CheckPtOptions {
  /** New check-point mode; UNDEFINED keeps the current one. @default UNDEFINED */
  mode?: CheckPtMode;
  /** New interval in seconds (0 keeps the current one). @default 0 */
  interval?: number;
  /** New save-time alarm in seconds (0 keeps the current one). @default 0 */
  alarm?: number;
}

/** CheckPtCmd: write the check-point file now, and/or change the check-point settings. */
export function checkPtCmd(options: CheckPtOptions = {}, text = '--check_pt'): Command<void> {
  const { mode = CheckPtMode.UNDEFINED, interval = 0, alarm = 0 } = options;
  // An unknown mode makes the server assert as it logs the request (CtsApi::checkPtDefs).
  if (!Object.values(CheckPtMode).includes(mode)) throw new ArgumentError(`CheckPtCmd: unknown check-point mode ${String(mode)}: expected one of ${Object.values(CheckPtMode).join(', ')}`);
  return {
    cls: 'CheckPtCmd',
    base: 'user',
    fields: () => ({ mode_: mode, check_pt_interval_: interval, check_pt_save_time_alarm_: alarm }),
    timeout: Timeout.DEFAULT,
    text,
    // CheckPtCmd::isWrite: only a change of the settings writes.
    updatesDefs: mode !== CheckPtMode.UNDEFINED || interval !== 0 || alarm !== 0,
    decode: ok(text),
  };
}
