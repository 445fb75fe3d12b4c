/**
 * The Redis keys of one watched server, all under `{owner}/{repo}/`. `status` and the pub/sub
 * channel are the Go ecflow-watchman's; the others are ours (documented in the README).
 */
export interface ServerKeys {
  /** String: the Go tool's value (`status_records` + `collected_time`). */
  status: string;
  /** Pub/sub channel: the status value after every successful scrape (the Go tool's channel). */
  channel: string;
  /** String: JSON {@link Health}. */
  health: string;
  /** Hash: node path → JSON `NodeView` (state, flags, meters, events, labels, repeat, limits...). */
  nodes: string;
  /** Stream: one entry per status change (`path`, `old`, `new`, `time`, `kind`). */
  changes: string;
  /** String: JSON array of `AbortedTask` (path, since, reason, tryNo). */
  aborted: string;
  /**
   * Hash: occurrence id → JSON `Occurrence` of each alert firing now (alerts/conditions.ts). A field
   * is created (HSETNX) by the one process that tells the receivers it fires, and deleted by the
   * one that tells them it resolved (alerts/state.ts); it outlives a restart of the watchman.
   */
  alerts: string;
  /**
   * Hash: the replica holding the server (`replica`, '' once released), its fencing `token` (a
   * number, greater than any the lease gave before; '' once released), `fence` (the last token
   * given), `since` and `last` (Redis times in ms of taking it and of its last write); expires
   * unless renewed (replicas/duty.ts). In a Redis Cluster each data key K also has a string
   * `{K}:fence`: the token of its last write (replicas/scripts.ts, KEY_WRITE).
   */
  lease: string;
}

export function serverKeys(owner: string, repo: string): ServerKeys {
  const base = `${owner}/${repo}`;
  return {
    status: `${base}/status`,
    channel: `${base}/status/channel`,
    health: `${base}/health`,
    nodes: `${base}/nodes`,
    changes: `${base}/changes`,
    aborted: `${base}/aborted`,
    alerts: `${base}/alerts`,
    lease: `${base}/lease`,
  };
}
