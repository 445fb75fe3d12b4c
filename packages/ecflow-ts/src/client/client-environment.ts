/**
 * ClientEnvironment: the one place `ECF_*` variables are read. Each setting is resolved by one
 * chain, as ecflow_client resolves it: an explicit value (an option, a setter, a command-line flag)
 * → the environment → the default. The library's `Client`, the `ecflow-client` command line and the
 * watchman all resolve through here (ClientEnvironment.cpp, ClientOptions.cpp).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type tls from 'node:tls';
import { ArgumentError } from '../errors.js';
import { TokenFileError } from './token-file.js';
import { DEFAULT_VERSION, since } from '../versions.js';

/** An environment to read `ECF_*` variables from, shaped like `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_HOST = 'localhost';

/**
 * How a client talks to its server: `tcp` (ecFlow's framed JSON over TCP, the default), `ssl` (the
 * same over TLS, ECF_SSL), `http` / `https` (`POST /v1/ecflow`, ecFlow 5.14+: `ecflow_server --http`,
 * or a reverse proxy for https).
 */
export type Protocol = 'tcp' | 'ssl' | 'http' | 'https';

/** ECF_HOST_PROTOCOL's names (ServerProtocol.hpp: Enumerate<Protocol>, matched case-sensitively). */
const HOST_PROTOCOLS: Readonly<Record<string, Protocol>> = { PLAIN: 'tcp', SSL: 'ssl', HTTP: 'http', HTTPS: 'https' };

/** What a `protocol` is named by, in the errors that reject one. */
export const PROTOCOLS: readonly Protocol[] = ['tcp', 'ssl', 'http', 'https'];
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
export function resolveTls(ssl: boolean | string | tls.ConnectionOptions | undefined, env: Env, address: ServerAddress, wording: string = DEFAULT_VERSION): tls.ConnectionOptions | undefined {
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

/** The login name of this process, as getpwuid(getuid()) gives it: read once (a passwd lookup). */
export function loginName(): string {
  if (login === undefined) {
    try {
      login = os.userInfo().username;
    } catch {
      login = process.env.USER ?? process.env.LOGNAME ?? 'unknown';
    }
  }
  return login;
}
let login: string | undefined;

/** ECF_TIMEOUT's default and bound (seconds), ClientEnvironment's max_child_cmd_timeout. */
const CHILD_TIMEOUT = 86400;
/** ECF_ZOMBIE_TIMEOUT's default (seconds). */
const ZOMBIE_TIMEOUT = 43200;

/** The variables of ClientEnvironment::toString, as the client uses them. */
export interface EnvironmentVariables {
  /** The task path. */
  ECF_NAME: string;
  /** The jobs password. */
  ECF_PASS: string;
  /** The process or remote id. */
  ECF_RID: string;
  /** The try number (atoi; 1 when unset). */
  ECF_TRYNO: number;
  /** The file of other hosts, '' when none. */
  ECF_HOSTFILE: string;
  /** Which commands use the host file (5.13+). */
  ECF_HOSTFILE_POLICY: 'all' | 'task';
  /** Seconds child commands keep trying, clamped. */
  ECF_TIMEOUT: number;
  /** Seconds child commands keep trying as zombies, clamped. */
  ECF_ZOMBIE_TIMEOUT: number;
  /** Seconds per request phase (0: the command's own). */
  ECF_CONNECT_TIMEOUT: number;
  /** 1 when set. */
  ECF_DENIED: 0 | 1;
  /** 1 when set. */
  NO_ECF: 0 | 1;
  /** 1 when set. */
  ECF_DEBUG_CLIENT: 0 | 1;
  /** Its value, `1` when unset (shown only with TLS on). */
  ECF_SSL: string;
}

/** What child commands take from the environment where {@link ChildOptions} say nothing. */
export interface ChildSettings {
  /** Seconds to keep trying the hosts (ECF_TIMEOUT, clamped). */
  timeout: number;
  /** Seconds to keep trying while blocked as a zombie (ECF_ZOMBIE_TIMEOUT, clamped). */
  zombieTimeout: number;
  /** The file of other hosts (ECF_HOSTFILE). */
  hostFile: string | undefined;
  /** Fail after the attempts on the main host (ECF_DENIED set). */
  denied: boolean;
}

/**
 * The environment of one client, as ecFlow's ClientEnvironment holds it: each getter takes the
 * explicit value, if any, and falls back on the variable, then on ecflow_client's default.
 */
export class ClientEnvironment {
  /** The variables read. */
  readonly env: Env;

  /**
   * The environment `env`, read as ecflow_client reads its own.
   * @param env where `ECF_*` come from; defaults to `process.env`.
   */
  constructor(env: Env = process.env) {
    this.env = env;
  }

  /** Host and port: explicit → ECF_HOST (or ECF_NODE) / ECF_PORT → localhost:3141 (`resolveAddress`). */
  address(explicit: { host?: string | undefined; port?: number | string | undefined } = {}): ServerAddress {
    return resolveAddress(explicit, this.env);
  }
  /** TLS options: explicit `ssl` → ECF_SSL (with ECF_SSL_DIR) → none (`resolveTls`). */
  tls(ssl: boolean | string | tls.ConnectionOptions | undefined, address: ServerAddress, wording?: string): tls.ConnectionOptions | undefined {
    return resolveTls(ssl, this.env, address, wording);
  }
  /**
   * The transport, as ecflow_client picks it (ClientEnvironment.cpp, ClientOptions.cpp,
   * ClientInvoker::do_invoke_cmd): an explicit `protocol` (a {@link ClientOptions} value or a
   * setter) decides alone. Otherwise TLS comes first, as ClientInvoker asks `ssl()` before the
   * protocol: a truthy `ssl` (`--ssl`), else ECF_SSL set (unless `ssl` is false) → `ssl`. Then
   * `http` (`--http` / `--https`), then ECF_HOST_PROTOCOL: `HTTP` or `HTTPS`, exactly so written
   * (`http` is not); `PLAIN`, `SSL` and anything else → `tcp`: ECF_HOST_PROTOCOL=SSL names the
   * protocol but does not turn TLS on, so the request goes over plain TCP. `ssl: false`
   * (disable_ssl) sets the protocol to plain as well, whatever ECF_HOST_PROTOCOL says. An `ssl`
   * that contradicts the explicit `protocol` is an ArgumentError. An ecflow_client `release` before
   * 5.14 knows no ECF_HOST_PROTOCOL (the library reads it).
   */
  protocol(explicit: { protocol?: Protocol | undefined; ssl?: boolean | string | tls.ConnectionOptions | undefined; http?: 'http' | 'https' | undefined } = {}, release?: string): Protocol {
    const { protocol, ssl, http } = explicit;
    if (protocol !== undefined) {
      if (!PROTOCOLS.includes(protocol)) throw new ArgumentError(`protocol must be one of ${PROTOCOLS.join(', ')}, not ${JSON.stringify(protocol)}`);
      const sslOn = ssl !== undefined && ssl !== false;
      if ((sslOn && protocol !== 'ssl') || (ssl === false && protocol === 'ssl')) {
        throw new ArgumentError(`the ssl option (${typeof ssl === 'object' ? 'TLS options' : JSON.stringify(ssl)}) contradicts protocol '${protocol}'`);
      }
      return protocol;
    }
    if (ssl !== undefined && ssl !== false) return 'ssl';
    if (ssl === undefined && this.sslRequested) return 'ssl';
    if (http !== undefined) return http;
    if (ssl === false || (release !== undefined && !since(release, 'http'))) return 'tcp';
    const named = HOST_PROTOCOLS[this.env.ECF_HOST_PROTOCOL ?? ''];
    return named === 'http' || named === 'https' ? named : 'tcp';
  }
  /**
   * The token file of http/https (get_ecflow_api_tokens_path): ECF_AUTHTOKENS (made absolute from
   * `cwd`), else `$HOME/.ecflowapirc` if it exists, else `.ecflowapirc` in `cwd`. An empty
   * ECF_AUTHTOKENS is a TokenFileError, in std::filesystem's words.
   */
  tokenFile(cwd: string = process.cwd()): string {
    const named = this.env.ECF_AUTHTOKENS;
    if (named !== undefined) {
      if (named === '') throw new TokenFileError('filesystem error: cannot make absolute path: Invalid argument []');
      return path.resolve(cwd, named);
    }
    const home = this.env.HOME;
    if (home !== undefined) {
      const file = `${home}/.ecflowapirc`;
      if (fs.existsSync(file)) return path.resolve(cwd, file);
    }
    return path.resolve(cwd, '.ecflowapirc');
  }
  /** Whether ECF_SSL is set (ecflow_client looks for the certificate before anything else). */
  get sslRequested(): boolean {
    return this.env.ECF_SSL !== undefined;
  }
  /** The user to send: explicit → ECF_USER (both make a custom user) → the login name. */
  user(explicit?: string): {
    /** The name sent. */
    user: string;
    /** It is a custom user (explicit or ECF_USER), checked against ECF_CUSTOM_PASSWD. */
    customUser: boolean;
  } {
    const custom = explicit ?? this.env.ECF_USER;
    return custom ? { user: custom, customUser: true } : { user: loginName(), customUser: false };
  }
  /** The password file of a custom user (ECF_CUSTOM_PASSWD) or of the login user (ECF_PASSWD). */
  passwordFile(customUser: boolean): {
    /** The variable that names the file. */
    variable: 'ECF_CUSTOM_PASSWD' | 'ECF_PASSWD';
    /** Its value: the file's path, if set. */
    file: string | undefined;
  } {
    const variable = customUser ? 'ECF_CUSTOM_PASSWD' : 'ECF_PASSWD';
    return { variable, file: this.env[variable] };
  }
  /** Milliseconds for each phase of a request: ECF_CONNECT_TIMEOUT seconds when positive, else `fallback`. */
  phaseTimeout(fallbackMs: number): number {
    const seconds = Number.parseInt(this.env.ECF_CONNECT_TIMEOUT ?? '', 10);
    return seconds > 0 ? seconds * 1000 : fallbackMs;
  }
  /** The task path of child commands: explicit → ECF_NAME → ''. */
  taskPath(explicit?: string): string {
    return explicit ?? this.env.ECF_NAME ?? '';
  }
  /** The jobs password: explicit → ECF_PASS → ''. */
  jobsPassword(explicit?: string): string {
    return explicit ?? this.env.ECF_PASS ?? '';
  }
  /** The process or remote id: explicit → ECF_RID → ''. */
  rid(explicit?: string): string {
    return explicit ?? this.env.ECF_RID ?? '';
  }
  /** The try number: explicit → ECF_TRYNO (atoi) → 1. */
  tryNo(explicit?: number): number {
    if (explicit !== undefined) return explicit;
    const value = this.env.ECF_TRYNO;
    return value === undefined ? 1 : Number.parseInt(value, 10) || 0;
  }
  /** How child commands keep trying: explicit → ECF_TIMEOUT, ECF_ZOMBIE_TIMEOUT, ECF_HOSTFILE, ECF_DENIED → defaults. */
  child(explicit: { timeout?: number; zombieTimeout?: number; hostFile?: string; denied?: boolean } = {}): ChildSettings {
    const env = this.env;
    return {
      timeout: clampTimeout(explicit.timeout ?? env.ECF_TIMEOUT, CHILD_TIMEOUT),
      zombieTimeout: clampTimeout(explicit.zombieTimeout ?? env.ECF_ZOMBIE_TIMEOUT, ZOMBIE_TIMEOUT),
      hostFile: explicit.hostFile ?? env.ECF_HOSTFILE,
      denied: explicit.denied ?? env.ECF_DENIED !== undefined,
    };
  }
  /** NO_ECF is set: ecflow_client does nothing and says so. */
  get noEcf(): boolean {
    return this.env.NO_ECF !== undefined;
  }
  /**
   * Every variable of ClientEnvironment::toString with the value the client uses, in its order
   * (ECF_HOSTFILE_POLICY from 5.13, ECF_SSL when TLS is on are for the printer to choose).
   */
  variables(): EnvironmentVariables {
    const env = this.env;
    const child = this.child();
    return {
      ECF_NAME: this.taskPath(),
      ECF_PASS: this.jobsPassword(),
      ECF_RID: this.rid(),
      ECF_TRYNO: this.tryNo(),
      ECF_HOSTFILE: child.hostFile ?? '',
      ECF_HOSTFILE_POLICY: env.ECF_HOSTFILE_POLICY === 'all' ? 'all' : 'task',
      ECF_TIMEOUT: child.timeout,
      ECF_ZOMBIE_TIMEOUT: child.zombieTimeout,
      ECF_CONNECT_TIMEOUT: Number.parseInt(env.ECF_CONNECT_TIMEOUT ?? '0', 10) || 0,
      ECF_DENIED: child.denied ? 1 : 0,
      NO_ECF: this.noEcf ? 1 : 0,
      ECF_DEBUG_CLIENT: env.ECF_DEBUG_CLIENT === undefined ? 0 : 1,
      ECF_SSL: env.ECF_SSL ?? '1',
    };
  }
}
