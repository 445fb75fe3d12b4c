/**
 * ecflow_ui's default colours for node states and server states, shared by the dashboard's CSS
 * and the terminal view (which maps them to the nearest ANSI colours).
 */
import type { FlagName, NodeStatus } from 'ecflow-ts';

export const STATUS_COLOURS = {
  unknown: '#bebebe',
  suspended: '#ffa500',
  complete: '#ffff00',
  queued: '#add8e6',
  submitted: '#40e0d0',
  active: '#00ff00',
  aborted: '#ff0000',
} as const satisfies Record<NodeStatus, string>;

export const SERVER_STATE_COLOURS = {
  RUNNING: '#00ff00',
  HALTED: '#ef5350',
  SHUTDOWN: '#ffc0cb',
} as const;

/** Display order: the states an operator acts on first. */
export const STATUS_ORDER = ['aborted', 'suspended', 'active', 'submitted', 'queued', 'complete', 'unknown'] as const satisfies readonly NodeStatus[];

/** How much a flag asks for a person's attention. */
export type FlagLevel = 'alarm' | 'warning' | 'info';

/**
 * Each flag's level, after ecflow_ui's flag icons (share/ecflow/etc/ecflowview_icon_conf.json and
 * Viewer/ecflowUI/images/icon_*.svg): it draws in red the zombie, killed, log and check-point error
 * icons, and the late one is the alarm a person acts on; the slow job creation icon (threshold) is
 * orange; the rest are harmless facts: `message` (the node log has entries, any user command sets
 * it), `by_rule`, waiting, archived, restored. The failures of a job's commands (edit_failed,
 * no_script, ...) come with an aborted task and are alarms too.
 */
export const FLAG_LEVELS = {
  force_aborted: 'info',
  user_edit: 'info',
  task_aborted: 'info',
  edit_failed: 'alarm',
  ecfcmd_failed: 'alarm',
  killcmd_failed: 'alarm',
  statuscmd_failed: 'alarm',
  no_script: 'alarm',
  killed: 'alarm',
  status: 'info',
  late: 'alarm',
  message: 'info',
  by_rule: 'info',
  queue_limit: 'info',
  task_waiting: 'info',
  locked: 'info',
  zombie: 'alarm',
  no_reque: 'info',
  archived: 'info',
  restored: 'info',
  threshold: 'warning',
  sigterm: 'warning',
  log_error: 'alarm',
  checkpt_error: 'alarm',
  remote_error: 'alarm',
} as const satisfies Record<FlagName, FlagLevel>;

/** The text colour of each level: ecflow_ui's icon red, its slow-job orange darkened to read as text, the page's muted grey. */
export const FLAG_LEVEL_COLOURS = {
  alarm: '#c83737',
  warning: '#c25400',
  info: '#5f6b76',
} as const satisfies Record<FlagLevel, string>;
