/**
 * The one launcher of real ecflow_servers for tests and benchmarks: any release of
 * ECFLOW_BUILDS (the one under test by default), plain TCP, TLS or HTTP (5.14+), on a free loopback port with
 * its own ECF_HOME, killed and restarted in place when a test needs a server to go away.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, type ClientOptions } from '../../packages/ecflow-ts/src/index.js';
import { since } from '../../packages/ecflow-ts/src/versions.js';
import { ECFLOW_BUILDS, type EcflowVersion, TEST_VERSION } from './ecflow-builds.js';
import { GiveUp, until } from './until.js';

export { ECFLOW_BUILDS, ECFLOW_CLIENT, ECFLOW_VERSIONS, type EcflowVersion, haveEcflow, haveVersion, TEST_VERSION } from './ecflow-builds.js';

/** A real ecflow_server started for a test, on a loopback port with its own ECF_HOME. */
export interface TestServer {
  readonly port: number;
  /** The ecFlow release the server is. */
  readonly version: EcflowVersion;
  /** Its ECF_HOME and working directory. */
  readonly home: string;
  /** The path of the real ecflow_client of the server's release. */
  readonly ecflowClient: string;
  /**
   * A TLS server's certificate: `home` is a HOME whose `.ecflowrc/ssl/` holds server.crt,
   * server.key and dh2048.pem (what the server and its clients read). Undefined without TLS.
   */
  readonly tls: { home: string; certificate: string } | undefined;
  /**
   * Its authentication and authorisation files (in `home`; ECF_PASSWD, ECF_CUSTOM_PASSWD and
   * ECF_LISTS name those {@link StartOptions.auth} gave). Undefined without `auth`.
   */
  readonly auth: AuthPaths | undefined;
  /** Rewrites the files of `files` (for `--reloadwsfile`, `--reloadpasswdfile`); a file given as `null` is removed. */
  writeAuth(files: AuthFiles): void;
  /** Started with --http: it serves POST /v1/ecflow only (no TCP framing). */
  readonly http: boolean;
  /** The running server process (the new one after a restart). */
  readonly process: ChildProcess;
  /** Its process id (for its CPU and memory in /proc). */
  readonly pid: number;
  /**
   * Environment for a client of this server: ECF_HOST, ECF_PORT, with TLS the HOME (not ECF_SSL),
   * with HTTP ECF_HOST_PROTOCOL=HTTP; then `extra`.
   */
  env(extra?: Record<string, string>): Record<string, string>;
  /** A client of ours for this server (with TLS, speaking TLS; with HTTP, HTTP). */
  client(options?: ConstructorParameters<typeof Client>[0]): Client;
  /** Runs the real ecflow_client of the server's own release against this server (in `env()`'s environment). */
  real(args: readonly string[], options?: { env?: Record<string, string>; input?: string }): Promise<RunResult>;
  /** SIGKILL (ecflow_server ignores SIGTERM); the port and ECF_HOME are kept for `restart`. */
  kill(): Promise<void>;
  /** Starts the server again (after `kill`, or killing it first) on the same port and ECF_HOME, and waits until it answers. */
  restart(): Promise<void>;
  /** Kills the server and removes its directories. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The ecFlow release to start. @default TEST_VERSION ($ECFLOW_TEST_VERSION, else '5.9.2') */
  version?: EcflowVersion;
  /** TLS (ECF_SSL=1) with a certificate made on the spot by the openssl CLI; readiness is a TLS ping. @default false */
  tls?: boolean;
  /** `ecflow_server --http` (5.14+ only): HTTP and nothing else; readiness is a ping over HTTP. @default false */
  http?: boolean;
  /** More environment for the server. */
  env?: Record<string, string>;
  /** Called with the chosen port before the server starts (e.g. to write password files). */
  beforeStart?: (port: number) => void;
  /**
   * Password files and white list, written into ECF_HOME before the server starts. The readiness
   * ping then goes as the login user with its password from `auth.passwords`, if it has one.
   */
  auth?: AuthFiles;
  /** Client options for the readiness ping (e.g. a password). */
  probe?: Partial<ClientOptions>;
  /** A port to reuse (a server started where a previous one was). @default a free port */
  port?: number;
}

/** A server's users: each user's password, in ecFlow's password file format. */
export type Passwords = Readonly<Record<string, string>>;

/** What a server is started with for authentication (password files) and authorisation (white list). */
export interface AuthFiles {
  /** ECF_PASSWD: the login users and their passwords (written for this host and port). */
  passwords?: Passwords | null;
  /** ECF_CUSTOM_PASSWD: the custom users (ECF_USER, --user) and their passwords. */
  customPasswords?: Passwords | null;
  /**
   * ECF_LISTS: the white list's lines after its version line: `fred` (read and write), `-joe`
   * (read only), `*` / `-*` (every user), each optionally followed by the paths it is limited to
   * (`fred /s1`). The server's own user always keeps write access.
   */
  whiteList?: readonly string[] | null;
}

/** Where a server's {@link AuthFiles} are. */
export interface AuthPaths {
  passwd: string;
  customPasswd: string;
  whiteList: string;
}

/** The login name of this process: the server's own user, and the user our clients send by default. */
export const LOGIN = os.userInfo().username;

/**
 * A password file (ECF_PASSWD / ECF_CUSTOM_PASSWD format) giving `users` their passwords on every
 * port of `ports`, under this machine's name and under `localhost` (the name clients use).
 */
export function passwdText(ports: number | readonly number[], users: Passwords): string {
  const lines = ['4.5.0'];
  for (const port of typeof ports === 'number' ? [ports] : ports) {
    for (const [user, password] of Object.entries(users)) {
      for (const host of new Set([os.hostname(), 'localhost'])) lines.push(`${user} ${host} ${port} ${password}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * The top of the ports tests take: below the kernel's range for outgoing connections, where no
 * connection of a test running beside this one takes a port between its probe and its bind
 * (EADDRINUSE at the bind), and below 49152, which ecflow_server refuses.
 */
const PORTS_END = ((): number => {
  try {
    const low = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (low > 25000) return Math.min(low, 45000);
  } catch {
    // not Linux: the old range
  }
  return 45000;
})();

/** A free loopback port below {@link PORTS_END}. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * (PORTS_END - 20000));
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** Environment for a child process talking to `port` on loopback, with nothing ECF_* inherited. */
export function ecfEnv(port: number, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('ECF_') && k !== 'NO_ECF') env[k] = v;
  return { ...env, ECF_HOST: 'localhost', ECF_PORT: String(port), ...extra };
}

export function run(command: string, args: readonly string[], env: Record<string, string>, input?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(command, [...args], { env, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, stderr, code });
    });
    child.stdin?.on('error', () => {}); // the program may exit without reading its input
    child.stdin?.end(input ?? '');
  });
}

export function haveOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The files Openssl::init_for_server wants with ECF_SSL=1 (Base/src/Openssl.cpp): server.crt,
 * server.key and dh2048.pem in $HOME/.ecflowrc/ssl. The key is unencrypted, so no server.passwd
 * (whose default pass-phrase would be "test") is needed. Returns the directory.
 */
export function makeCertificates(home: string): string {
  const dir = path.join(home, '.ecflowrc', 'ssl');
  fs.mkdirSync(dir, { recursive: true });
  makeSelfSignedCertificate(dir, { commonName: os.hostname() });
  execFileSync('openssl', ['dhparam', '-dsaparam', '-out', 'dh2048.pem', '2048'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  return dir;
}

/**
 * A throwaway self-signed certificate made by the openssl CLI: server.crt and an unencrypted
 * server.key in `dir`, for `commonName` and, when given, subjectAltName entries ('DNS:localhost',
 * 'IP:127.0.0.1'; a verifying client then ignores the common name).
 */
export function makeSelfSignedCertificate(dir: string, subject: { commonName: string; altNames?: readonly string[] }): { certificate: string; key: string } {
  const altNames = subject.altNames?.length ? ['-addext', `subjectAltName=${subject.altNames.join(',')}`] : [];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.crt', '-days', '2', '-subj', `/CN=${subject.commonName}`, ...altNames], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { certificate: path.join(dir, 'server.crt'), key: path.join(dir, 'server.key') };
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

class EcflowTestServer implements TestServer {
  readonly port: number;
  readonly version: EcflowVersion;
  readonly home: string;
  readonly ecflowClient: string;
  readonly tls: { home: string; certificate: string } | undefined;
  readonly auth: AuthPaths | undefined;
  readonly http: boolean;
  readonly #options: StartOptions;
  #child: ChildProcess | null = null;

  constructor(port: number, version: EcflowVersion, tlsHome: string | undefined, options: StartOptions) {
    this.port = port;
    this.version = version;
    this.home = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-server-'));
    this.ecflowClient = ECFLOW_BUILDS[version].client;
    this.tls = tlsHome === undefined ? undefined : { home: tlsHome, certificate: path.join(tlsHome, '.ecflowrc', 'ssl', 'server.crt') };
    this.http = options.http === true;
    this.#options = options;
    if (options.auth) {
      const file = (name: string) => path.join(this.home, name);
      this.auth = { passwd: file('server.passwd'), customPasswd: file('server.custom_passwd'), whiteList: file('server.lists') };
      this.writeAuth(options.auth);
    }
  }

  writeAuth(files: AuthFiles): void {
    const auth = this.auth;
    if (auth === undefined) throw new Error('writeAuth: the server was started without auth files');
    const write = (file: string, text: string | undefined | null) => {
      if (text === null) fs.rmSync(file, { force: true });
      else if (text !== undefined) fs.writeFileSync(file, text);
    };
    write(auth.passwd, files.passwords && passwdText(this.port, files.passwords));
    write(auth.customPasswd, files.customPasswords && passwdText(this.port, files.customPasswords));
    write(auth.whiteList, files.whiteList && `4.4.14\n${files.whiteList.join('\n')}\n`);
  }

  /** The environment naming the auth files the server was started with. */
  #authEnv(): Record<string, string> {
    const { auth } = this;
    const given = this.#options.auth;
    if (auth === undefined || given === undefined) return {};
    return {
      ...(given.passwords ? { ECF_PASSWD: auth.passwd } : {}),
      ...(given.customPasswords ? { ECF_CUSTOM_PASSWD: auth.customPasswd } : {}),
      ...(given.whiteList ? { ECF_LISTS: auth.whiteList } : {}),
    };
  }

  get process(): ChildProcess {
    if (this.#child === null) throw new Error(`ecflow_server ${this.version} on port ${this.port} is not running`);
    return this.#child;
  }
  get pid(): number {
    const pid = this.#child?.pid;
    if (pid === undefined) throw new Error(`ecflow_server ${this.version} on port ${this.port} is not running`);
    return pid;
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return { ...this.#own(), ECF_HOST: 'localhost', ECF_PORT: String(this.port), ...extra };
  }
  /** What a client of this server needs beyond host and port. */
  #own(): Record<string, string> {
    return { ...(this.tls ? { HOME: this.tls.home } : {}), ...(this.http ? { ECF_HOST_PROTOCOL: 'HTTP' } : {}) };
  }
  client(options?: ConstructorParameters<typeof Client>[0]): Client {
    const tls = this.tls ? { ssl: true, env: { HOME: this.tls.home } } : { env: {} };
    return new Client({ host: 'localhost', port: this.port, ...tls, ...(this.http ? { protocol: 'http' as const } : {}), ...options });
  }
  real(args: readonly string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<RunResult> {
    return run(this.ecflowClient, args, ecfEnv(this.port, { ...this.#own(), ...options.env }), options.input);
  }

  async restart(): Promise<void> {
    await this.kill();
    const env = ecfEnv(this.port, { ECF_HOME: this.home, ...(this.tls ? { HOME: this.tls.home, ECF_SSL: '1' } : {}), ...this.#authEnv(), ...this.#options.env });
    delete env.ECF_HOST;
    const args = [`--port=${this.port}`, ...(this.http ? ['--http'] : [])];
    const child = spawn(ECFLOW_BUILDS[this.version].server, args, { env, cwd: this.home, stdio: ['ignore', 'ignore', 'pipe'] });
    this.#child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const password = this.#options.auth?.passwords?.[LOGIN];
    const probe = this.client({ connectionAttempts: 1, connectTimeout: 1000, requestTimeout: 2000, ...(password === undefined ? {} : { password }), ...this.#options.probe });
    const what = `ecflow_server ${this.version}${this.tls ? ' (TLS)' : ''}${this.http ? ' (HTTP)' : ''} to answer on port ${this.port}`;
    try {
      await until(what, async () => {
        if (exited(child)) throw new GiveUp(`ecflow_server ${this.version} on port ${this.port} exited (${child.exitCode ?? child.signalCode}): ${stderr.trim()}`);
        await probe.ping();
        return true;
      });
    } finally {
      probe.close();
    }
  }

  async kill(): Promise<void> {
    const child = this.#child;
    if (child === null) return;
    if (!exited(child)) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }
    this.#child = null;
  }

  async stop(): Promise<void> {
    await this.kill();
    fs.rmSync(this.home, { recursive: true, force: true });
    if (this.tls) fs.rmSync(this.tls.home, { recursive: true, force: true });
  }
}

/**
 * Starts a server (HALTED, as a new ecflow_server is) and waits until it answers a ping (over
 * TLS with `tls`). A server that does not start is tried again, on a new port unless `port` is
 * given.
 */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const version = options.version ?? TEST_VERSION;
  const build = ECFLOW_BUILDS[version];
  if (options.http && !since(version, 'http')) throw new Error(`ecflow_server ${version} has no --http (5.14+)`);
  if (!fs.existsSync(build.server) || !fs.existsSync(build.client)) throw new Error(`ecFlow ${version} is not installed: no ${build.server} or ${build.client}`);
  let tlsHome: string | undefined;
  if (options.tls) {
    tlsHome = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-tls-home-'));
    makeCertificates(tlsHome);
  }
  for (let attempt = 0; ; attempt++) {
    const port = options.port ?? (await freePort());
    options.beforeStart?.(port);
    const server = new EcflowTestServer(port, version, tlsHome, options);
    try {
      await server.restart();
      return server;
    } catch (e) {
      await server.kill();
      fs.rmSync(server.home, { recursive: true, force: true });
      if (attempt >= 3) {
        if (tlsHome !== undefined) fs.rmSync(tlsHome, { recursive: true, force: true });
        throw new Error(`ecflow_server ${version} did not start: ${(e as Error).message}`);
      }
    }
  }
}
