import { ArgumentError } from '../errors.js';
import { type Command, ok, Timeout } from './command.js';

/** When the server writes its check-point file (CheckPt::Mode). */
export const CheckPtMode = {
  /** Never. */
  NEVER: 0,
  /** Every check-point interval. */
  ON_TIME: 1,
  /** At every change in the node tree; not recommended for large definitions. */
  ALWAYS: 2,
  /** Keep the current mode. */
  UNDEFINED: 3,
} as const;
/** One of the values of {@link CheckPtMode}. */
export type CheckPtMode = (typeof CheckPtMode)[keyof typeof CheckPtMode];

/** What {@link Client.checkpoint} changes; with nothing set it writes the check-point file now. */
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
