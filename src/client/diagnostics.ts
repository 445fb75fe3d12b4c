import diagnostics_channel from 'node:diagnostics_channel';

/**
 * What the client reports while it works, for whoever listens (the CLI prints these lines the way
 * ecflow_client does; the watchman turns them into logs and metrics). Nothing is printed by default.
 */
export const channels = {
  /** One attempt failed to connect or to get a reply: `{ request, host, port, error }`. */
  attemptFailed: diagnostics_channel.channel('ecflow-ts:attempt-failed'),
  /** The server asked a child command to wait and retry: `{ request, host, port, reason }`. */
  blocked: diagnostics_channel.channel('ecflow-ts:blocked'),
  /** A child command moves on to the next host of ECF_HOSTFILE: `{ request, from, to }`. */
  nextHost: diagnostics_channel.channel('ecflow-ts:next-host'),
  /** A request completed: `{ request, host, port, ms, bytesSent, bytesReceived }`. */
  request: diagnostics_channel.channel('ecflow-ts:request'),
} as const;

export interface AttemptFailed {
  request: string;
  host: string;
  port: string;
  error: Error;
}

export type BlockReason = 'wait' | 'halted' | 'zombie';

export interface Blocked {
  request: string;
  host: string;
  port: string;
  reason: BlockReason;
}

export interface NextHost {
  request: string;
  from: string;
  to: string;
}

export interface RequestDone {
  request: string;
  host: string;
  port: string;
  ms: number;
  bytesSent: number;
  bytesReceived: number;
}
