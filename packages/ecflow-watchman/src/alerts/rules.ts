/**
 * The alert rules and receivers of the config's `alerts` section, checked and with every default
 * applied: what to watch (`when`), on which nodes and servers, how often to tell (`strategy`), and
 * whom (`send_to`).
 */
import type { PathGlob } from './glob.js';

/** What a rule watches. */
export const ALERT_KINDS = ['aborted', 'late', 'zombie', 'server_unreachable', 'server_halted', 'stale', 'deadline'] as const;
/** One of {@link ALERT_KINDS}. */
export type AlertKind = (typeof ALERT_KINDS)[number];

/** The kinds about nodes; the others are about the server as a whole. */
export const NODE_KINDS: readonly AlertKind[] = ['aborted', 'late', 'zombie', 'deadline'];

/**
 * When an `aborted` rule tells, as nmp-broker's alert strategies (status_strategy.py):
 * `always`: each aborted task is an alert of its own (a task aborting again, with a new try number,
 * is a new one); `new_abort_task`: one alert for the set of aborted tasks, a new one each time the
 * set differs; `new_abort_root`: one alert from when the first task aborts until none is aborted.
 */
export const STRATEGIES = ['always', 'new_abort_task', 'new_abort_root'] as const;
/** One of {@link STRATEGIES}. */
export type Strategy = (typeof STRATEGIES)[number];

/** The states a deadline can ask for, in the order a run reaches them. */
export const DEADLINE_STATES = ['submitted', 'active', 'complete'] as const;
/** One of {@link DEADLINE_STATES}. */
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** "`path` reaches `state` by `hour:minute` in `zone`", every day. */
export interface Deadline {
  path: string;
  state: DeadlineState;
  /** Minutes after midnight in `zone`. */
  minuteOfDay: number;
  /** An IANA zone (`Asia/Shanghai`, `UTC`). */
  zone: string;
}

export interface AlertRule {
  name: string;
  when: AlertKind;
  /** Node path globs (node kinds); `null`: every node. */
  paths: PathGlob[] | null;
  /** `owner/repo` globs; `null`: every server. */
  servers: PathGlob[] | null;
  strategy: Strategy;
  /** Receiver names. */
  sendTo: string[];
  /** Set for `when: deadline`. */
  deadline?: Deadline;
  /** For `when: stale`: how long without a successful scrape. */
  staleAfterMs: number;
  /** Labels added to the alert's own (`severity` among them). */
  labels: Record<string, string>;
}

interface Delivery {
  name: string;
  url: string;
  /** Bound on one attempt. */
  timeoutMs: number;
  /** Attempts per notification before it is given up. */
  maxAttempts: number;
  /** Wait before the second attempt; doubled after each failure, up to 30 times as long. */
  backoffMs: number;
}

export interface WebhookReceiver extends Delivery {
  type: 'webhook';
  /** The HMAC-SHA256 key of the signature header; none: unsigned. */
  secret?: string;
}

export interface AlertmanagerReceiver extends Delivery {
  type: 'alertmanager';
}

export type ReceiverConfig = WebhookReceiver | AlertmanagerReceiver;

export interface AlertsConfig {
  receivers: ReceiverConfig[];
  rules: AlertRule[];
  /** How often every rule is evaluated without a scrape (deadlines pass while nothing changes). */
  evaluateIntervalMs: number;
  /** How often firing alerts are sent to Alertmanager again (it resolves those it stops hearing of). */
  resendIntervalMs: number;
}

export const ALERT_DEFAULTS = {
  evaluateInterval: '30s',
  resendInterval: '1m',
  staleAfter: '5m',
  timeout: '5s',
  maxAttempts: 5,
  backoff: '1s',
  severity: 'warning',
} as const;

/** Whether the rule watches `owner/repo`. */
export function appliesTo(rule: AlertRule, owner: string, repo: string): boolean {
  if (rule.servers === null) return true;
  const key = `${owner}/${repo}`;
  return rule.servers.some((g) => g.test(key));
}
