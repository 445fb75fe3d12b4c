/** An alert occurrence: what is kept in Redis, told to receivers and shown by the API. */
import type { AlertKind } from './rules.js';

/**
 * One occurrence of an alert: it fires once when it starts to hold and resolves once when it
 * stops. Its `id` names the occurrence (a task aborting again with a new try number is a new one).
 */
export interface Occurrence {
  id: string;
  rule: string;
  kind: AlertKind;
  owner: string;
  repo: string;
  /** The node, or `/` for the server. */
  path: string;
  /** Alertmanager's labels: alertname (the rule), owner, repo, path, kind, occurrence, and the rule's own. */
  labels: Record<string, string>;
  annotations: { summary: string; description: string };
  /** ISO 8601: when it started to hold. */
  startsAt: string;
  /** Receiver names. */
  sendTo: string[];
}
