import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type tls from 'node:tls';
import { ArgumentError } from '../errors.js';
import { DEFAULT_VERSION, since } from '../versions.js';

/** An environment to read `ECF_*` variables from, shaped like `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

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
  /** User name sent to the server; setting it makes it a custom user. @default $ECF_USER, else the login name */
  user?: string;
  /** Plain password; hashed with DES crypt before sending. @default from $ECF_PASSWD / $ECF_CUSTOM_PASSWD files */
  password?: string;
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

export const DEFAULT_HOST = 'localhost';
export const DEFAULT_PORT = '3141';

/** A server's host and port, as ecflow_client resolves them (the port kept as text). */
export interface ServerAddress {
  /** Host name or address. */
  host: string;
  /** Port, as given (ecflow_client keeps it as text). */
  port: string;
}

/**
 * Host and port exactly as ecflow_client resolves them: an explicit value, else the environment
 * (ECF_HOST, or ecFlow 4's ECF_NODE; ECF_PORT), else localhost:3141. A half given explicitly is
 * completed from the environment, as `--host` alone takes ECF_PORT.
 */
export function resolveAddress(options: { host?: string; port?: number | string }, env: Env): ServerAddress {
  const host = nonEmpty(options.host) ?? nonEmpty(env.ECF_HOST) ?? nonEmpty(env.ECF_NODE) ?? DEFAULT_HOST;
  const port = options.port !== undefined && options.port !== '' ? String(options.port) : nonEmpty(env.ECF_PORT) ?? DEFAULT_PORT;
  if (!/^[+-]?\d+$/.test(port.trim())) {
    throw new ArgumentError(`The specified port(${port}) must be convertible to an integer`);
  }
  return { host, port };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

/**
 * The hosts of ECF_HOSTFILE after the main one: one `host` or `host:port` per line (first token),
 * `#` comments; a missing port means the main port. ClientEnvironment::parseHostsFile.
 */
export function readHostFile(file: string, main: ServerAddress): ServerAddress[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ArgumentError(`Could not open the hosts file ${file}: ${(error as Error).message}`);
  }
  const hosts: ServerAddress[] = [main];
  for (const line of text.split('\n')) {
    const token = line.trim().split(/\s+/)[0];
    if (!token || token.startsWith('#')) continue;
    const colon = token.indexOf(':');
    hosts.push(colon < 0 ? { host: token, port: main.port } : { host: token.slice(0, colon), port: token.slice(colon + 1) });
  }
  return hosts;
}

/**
 * TLS options for ECF_SSL / --ssl, found as ecFlow finds them (Openssl::enable_no_throw): with
 * `ECF_SSL` empty or `1` (or `ssl: true`), `$HOME/.ecflowrc/ssl/server.crt`, else
 * `<host>.<port>.crt`; with any other ECF_SSL value, `<host>.<port>.crt` only (`localhost` is
 * replaced by the machine's name). The certificate is trusted as its own CA and the host name is
 * not checked, as ecflow_client does (boost verify_peer with load_verify_file). `ECF_SSL_DIR`
 * names another folder. A missing certificate is an ArgumentError in the words of ecflow_client
 * release `wording`.
 */
export function resolveTls(ssl: ClientOptions['ssl'], env: Env, address: ServerAddress, wording: string = DEFAULT_VERSION): tls.ConnectionOptions | undefined {
  if (ssl === false) return undefined;
  if (typeof ssl === 'object') return ssl;
  const fromEnv = ssl === undefined;
  const setting = fromEnv ? env.ECF_SSL : ssl === true ? '1' : ssl;
  if (setting === undefined) return undefined;
  // ECF_SSL_DIR (5.13.6+) names the folder instead of $HOME/.ecflowrc/ssl.
  const dir = env.ECF_SSL_DIR || path.join(env.HOME ?? os.homedir(), '.ecflowrc', 'ssl');
  const hostPort = `${address.host === 'localhost' ? os.hostname() : address.host}.${address.port}`;
  const generic = setting === '' || setting === '1';
  const candidates = generic ? ['server.crt', `${hostPort}.crt`] : [`${hostPort}.crt`];
  const file = candidates.map((c) => path.join(dir, c)).find((f) => fs.existsSync(f));
  if (!file) {
    // Openssl::enable and enable_if_defined, in the words of ecflow_client `wording`.
    const reworded = since(wording, 'sslCertificateWording');
    let message = reworded
      ? `Error: Unable to find the self-signed certificate file(CRT) server.crt or ${hostPort}.crt in $HOME/.ecflowrc/ssl`
      : `Openssl::enable: Error: Expected to find the self signed certificate file(CRT) server.crt or ${hostPort}.crt in $HOME/.ecflowrc/ssl`;
    if (fromEnv && generic) {
      message = reworded
        ? `Error: Unable to find the self-signed certificate file(CRT) server.crt *OR* ${hostPort}.crt in $HOME/.ecflowrc/ssl (with ECF_SSL=1)`
        : `Openssl::enable: Error: Expected to find the self signed certificate file(CRT) server.crt *OR* ${hostPort}.crt in $HOME/.ecflowrc/ssl when ECF_SSL=1`;
    }
    if (fromEnv && !generic) {
      message = reworded
        ? `Error: Unable to find the self-signed certificate file(CRT) ${hostPort}.crt in $HOME/.ecflowrc/ssl (with ECF_SSL=${hostPort})`
        : `Openssl::enable: Error: Expected to find the self signed certificate file(CRT) ${hostPort}.crt in $HOME/.ecflowrc/ssl when ECF_SSL=${hostPort}`;
    }
    throw new ArgumentError(message);
  }
  let ca: Buffer;
  try {
    ca = fs.readFileSync(file);
  } catch (error) {
    throw new ArgumentError(`Openssl::enable: Error: could not read the certificate ${file}: ${(error as Error).message}`, { cause: error });
  }
  return { ca, checkServerIdentity: () => undefined };
}

/** ECF_TIMEOUT / ECF_ZOMBIE_TIMEOUT handling: atoi, then clamped to [600, 86400] seconds. */
export function clampTimeout(value: string | number | undefined, fallback: number): number {
  const n = value === undefined ? fallback : typeof value === 'number' ? value : Number.parseInt(value, 10) || 0;
  return Math.min(86400, Math.max(600, n));
}

/** The login name of this process, as getpwuid(getuid()) gives it. */
export function loginName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? 'unknown';
  }
}
