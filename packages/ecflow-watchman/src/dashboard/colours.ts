/**
 * ecflow_ui's default colours for node states and server states, shared by the dashboard's CSS
 * and the terminal view (which maps them to the nearest ANSI colours).
 */
import type { NodeStatus } from 'ecflow-ts';

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
