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
  /** A request completed: `{ request, host, port, ms, bytesSent, bytesReceived, tls? }`. */
  request: diagnostics_channel.channel('ecflow-ts:request'),
  /**
   * An http/https attempt goes without an `Authorization` header, as the token file gave none:
   * `{ request, url, file, message }`, `message` in ecflow_client's words (it prints them).
   */
  tokenUnavailable: diagnostics_channel.channel('ecflow-ts:token-unavailable'),
} as const;

/** The message of {@link channels}`.attemptFailed`: one attempt failed to connect or to get a reply. */
export interface AttemptFailed {
  /** The request as ecflow_client names it, e.g. `--suspend /s`. */
  request: string;
  /** Host of the server. */
  host: string;
  /** Port of the server. */
  port: string;
  /** Why the attempt failed. */
  error: Error;
}

/**
 * Why the server held a child command back: `wait` while a `--wait` expression does not hold,
 * `halted` while the server is halted, `zombie` while the job is blocked as a zombie.
 */
export type BlockReason = 'wait' | 'halted' | 'zombie';

/** The message of {@link channels}`.blocked`: the server asked a child command to wait and retry. */
export interface Blocked {
  /** The request as ecflow_client names it, e.g. `--suspend /s`. */
  request: string;
  /** Host of the server. */
  host: string;
  /** Port of the server. */
  port: string;
  /** Why the server held the command back. */
  reason: BlockReason;
}

/** The message of {@link channels}`.nextHost`: a child command moves on to the next host of ECF_HOSTFILE. */
export interface NextHost {
  /** The request as ecflow_client names it, e.g. `--suspend /s`. */
  request: string;
  /** The `host:port` given up on. */
  from: string;
  /** The `host:port` tried next. */
  to: string;
}

/** The message of {@link channels}`.request`: a request completed. */
export interface RequestDone {
  /** The request as ecflow_client names it, e.g. `--suspend /s`. */
  request: string;
  /** Host of the server. */
  host: string;
  /** Port of the server. */
  port: string;
  /** Round-trip time in milliseconds, from connecting to having the whole reply. */
  ms: number;
  /** Bytes of the request frame. */
  bytesSent: number;
  /** Bytes of the reply frame. */
  bytesReceived: number;
  /** Over TLS, what the handshake settled on. */
  tls?: {
    /** The TLS version, e.g. `TLSv1.3` (servers from 5.16 take no other). */
    protocol: string;
    /** The cipher suite, e.g. `TLS_AES_256_GCM_SHA384`. */
    cipher: string;
  };
}

/** The message of {@link channels}`.tokenUnavailable`: an http/https attempt goes without a token. */
export interface TokenUnavailable {
  /** The request as ecflow_client names it, e.g. `--suites`. */
  request: string;
  /** The `scheme://host:port` the token was looked for. */
  url: string;
  /** The token file looked in. */
  file: string;
  /** Why there is no token, as ecflow_client prints it: `Unable to open : <file>, to load tokens.`, … */
  message: string;
}
