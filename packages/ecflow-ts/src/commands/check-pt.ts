import { ArgumentError } from '../errors.js';
import { type Command, ok, Timeout } from './command.js';
import { type Action, type CommandModule, lines, UsageError } from './option.js';

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

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

const HELP = lines(
      'Write a checkpoint of the definition now, or change the checkpoint mode, interval or alarm.',
      'Each checkpoint save is timed. When a save takes longer than the alarm threshold',
      '(30 seconds unless changed) the server gets a late flag, visible in the GUI, which stays',
      'until someone clears it there or with --alter. Slow saves delay job scheduling.',
      '   arg1 = (optional) mode [ never | on_time | on_time:<integer> | always | <integer>]',
      '     never     : do not checkpoint at all',
      '     on_time   : checkpoint periodically, at the interval the server already has',
      '     on_time<integer> : checkpoint periodically, every <integer> seconds',
      '     alarm<integer>   : raise the late flag when a save takes more than <integer> seconds',
      '     always    : checkpoint after every change; costly for big definitions',
      '     <integer> : set the interval in seconds used by on_time mode (default 120);',
      '                 has no effect in other modes, and values under 60 are not advised',
      'Usage:',
      '  --check_pt',
      '    Write a checkpoint right now',
      '  --check_pt=never',
      '    Stop checkpointing',
      '  --check_pt=on_time',
      "    Checkpoint periodically, at the server's current interval",
      '  --check_pt=180',
      '    Use an interval of 180 seconds',
      '  --check_pt=on_time:90',
      '    Checkpoint periodically, every 90 seconds',
      '  --check_pt=alarm:35',
      '    Raise the late flag on the server whenever a checkpoint save',
      '    takes more than 35 seconds',
    );

function checkPt(values: string[]): Action {
  const arg = values[0] ?? '';
  const modes = { never: CheckPtMode.NEVER, on_time: CheckPtMode.ON_TIME, always: CheckPtMode.ALWAYS } as const;
  const illegal = (what: string, expected: string) =>
    new UsageError(`check_pt: Illegal argument(${what}), expected [ never | on_time | on_time:<integer> | ${expected}always | <integer>]\n${HELP}`);
  // parse_check_pt_interval / parse_check_pt_alarm_time
  const positive = (s: string, what: string, original: string, expected: string) => {
    if (!/^[+-]?\d+$/.test(s)) throw illegal(original, expected);
    const n = Number(s);
    if (n <= 0) throw new UsageError(`check_pt: ${what}(${n}) must be greater than zero :\n${HELP}`);
    return n;
  };
  const text = `--check_pt=${arg}`;
  if (arg === '') return { request: checkPtCmd() };
  const colon = arg.indexOf(':');
  if (colon >= 0) {
    const rest = arg.slice(colon + 1);
    if (arg.includes('alarm')) return { request: checkPtCmd({ alarm: positive(rest, 'alarm time', arg, 'alarm::integer> | ') }, text) };
    const mode = modes[arg.slice(0, colon) as keyof typeof modes];
    if (mode === undefined) throw illegal(arg, 'alarm:<integer> | ');
    return { request: checkPtCmd({ mode, interval: positive(rest, 'interval', rest, '') }, text) };
  }
  const mode = modes[arg as keyof typeof modes];
  if (mode !== undefined) return { request: checkPtCmd({ mode }, text) };
  return { request: checkPtCmd({ interval: positive(arg, 'interval', arg, '') }, text) };
}

/** CheckPtCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const CheckPtCmd = {
  cls: 'CheckPtCmd',
  request: checkPtCmd,
  client: ['checkpoint'],
  options: {
    check_pt: {
      value: 'optional',
      description: HELP,
      run: checkPt,
    },
  },
} as const satisfies CommandModule;
