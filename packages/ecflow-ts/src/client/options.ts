import type tls from 'node:tls';
import type { Env, Protocol } from './client-environment.js';

/** Options of a {@link Client}. Everything has a default taken from the environment or from ecflow_client. */
export interface ClientOptions {
  /** Server host. @default $ECF_HOST, else $ECF_NODE (ecFlow 4's name), else `localhost` */
  host?: string;
  /** Server port. @default $ECF_PORT, else 3141 */
  port?: number | string;
  /**
   * TLS: `true` uses `$HOME/.ecflowrc/ssl/server.crt` (else `<host>.<port>.crt`) as the trusted
   * certificate, a string `host.port` selects `<host>.<port>.crt`; or pass node TLS options.
   * @default $ECF_SSL when set, else plain TCP
   */
  ssl?: boolean | string | tls.ConnectionOptions;
  /**
   * The transport: `tcp` (framed JSON over TCP), `ssl` (the same over TLS, as the `ssl` option), `http`
   * or `https` (`POST /v1/ecflow`, for `ecflow_server --http` 5.14+, or https through a reverse proxy;
   * `Authorization` from the token file, see the README). Given, it decides alone; an `ssl` option
   * that contradicts it is an ArgumentError.
   * @default `ssl` when the `ssl` option or ECF_SSL says so, else $ECF_HOST_PROTOCOL (`HTTP`, `HTTPS`), else `tcp`
   */
  protocol?: Protocol;
  /**
   * TLS options of the `https` protocol (node's `tls.connect` options: `ca`, `servername`,
   * `rejectUnauthorized`, …). Without them the server's certificate is not verified, as
   * ecflow_client does not; given, Node's defaults apply, so it is verified (against `ca` if given)
   * unless they say `rejectUnauthorized: false`.
   * @default none: no verification
   */
  https?: tls.ConnectionOptions;
  /** User name sent to the server; setting it makes it a custom user. @default $ECF_USER, else the login name */
  user?: string;
  /**
   * Plain password; hashed with DES crypt, salted with the user name sent, before sending.
   * @default from $ECF_PASSWD / $ECF_CUSTOM_PASSWD files
   */
  password?: string;
  /**
   * The password as sent, already hashed (`crypt(3)` of the plain password salted with a user
   * name, what ecFlow's `ClientInvoker::set_password` takes); wins over `password`.
   * @default none: `password` or the files decide
   */
  passwordHash?: string;
  /**
   * Milliseconds to establish a connection. @default the command's own ecflow_client timeout (60 s for
   * most, 10 s for ping, 190 s for child commands, 600 s for sync/get/load), or $ECF_CONNECT_TIMEOUT seconds
   */
  connectTimeout?: number;
  /** Milliseconds from sending a request to having the whole reply. @default as connectTimeout */
  requestTimeout?: number;
  /** Connection attempts per host before giving up. @default 2 */
  connectionAttempts?: number;
  /** Milliseconds between attempts. @default 10000 (1000 for ping) */
  retryPeriod?: number;
  /** Child commands: milliseconds between rounds over the hosts (main + ECF_HOSTFILE). @default 30000 */
  hostPollPeriod?: number;
  /** Largest reply accepted, in bytes. @default 256 MiB */
  maxFrameBytes?: number;
  /** Host name reported to the server (`cl_host_`). @default os.hostname() */
  clientHost?: string;
  /** Environment to read ECF_* variables from. @default process.env */
  env?: Env;
}

/**
 * What every {@link Client} call takes last. Aborting `signal` stops the call at once, whatever it
 * is doing (connecting, waiting for the reply, sleeping before the next attempt): the socket is
 * closed, no timer is left, and the call rejects with an {@link AbortError} (`ECFLOW_ABORTED`), or
 * with the signal's reason when that is an `EcflowError`, or with a {@link TimeoutError} for
 * `AbortSignal.timeout()`.
 */
export interface CallOptions {
  /** Cancels the call. @default none: the call runs until it succeeds or fails on its own */
  signal?: AbortSignal | undefined;
}

/** Identity of a job for child commands; defaults come from ECF_NAME, ECF_PASS, ECF_RID, ECF_TRYNO. */
export interface ChildOptions {
  /** Task path. @default $ECF_NAME */
  path?: string;
  /** Jobs password. @default $ECF_PASS */
  password?: string;
  /** Process or remote id. @default $ECF_RID */
  rid?: string;
  /** Try number. @default $ECF_TRYNO, else 1 */
  tryNo?: number;
  /** Seconds to keep trying (cycling through ECF_HOSTFILE hosts). @default $ECF_TIMEOUT, else 86400, clamped to [600, 86400] */
  timeout?: number;
  /** Seconds to keep trying while the server answers "zombie, block". @default $ECF_ZOMBIE_TIMEOUT, else 43200, clamped like timeout */
  zombieTimeout?: number;
  /** File of alternative hosts to try when the main one fails. @default $ECF_HOSTFILE */
  hostFile?: string;
  /** Fail after the connection attempts instead of trying other hosts. @default $ECF_DENIED is set */
  denied?: boolean;
  /** Variables `childInit` adds to the task when called without any (Python's `set_child_init_add_vars`). @default none */
  initVariables?: readonly {
    /** Variable name. */
    name: string;
    /** Its value. */
    value: string;
  }[];
  /** Variables `childComplete` deletes when called without any (Python's `set_child_complete_del_vars`). @default none */
  completeRemove?: readonly string[];
}
