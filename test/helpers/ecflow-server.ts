import { type ChildProcess, spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client, type ClientOptions } from '../../src/index.js';

/** Where ../shared/ecflow keeps the other ecFlow releases (beside the repository). */
const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/ecflow');

/** The real ecFlow releases the tests run against: Debian's, and those built into ../shared/ecflow. */
export const ECFLOW_BUILDS = {
  '5.9.2': { server: '/usr/sbin/ecflow_server', client: '/usr/bin/ecflow_client' },
  '5.13.8': { server: `${SHARED}/5.13.8/bin/ecflow_server`, client: `${SHARED}/5.13.8/bin/ecflow_client` },
  '5.17.0': { server: `${SHARED}/5.17.0/bin/ecflow_server`, client: `${SHARED}/5.17.0/bin/ecflow_client` },
} as const;
export type EcflowVersion = keyof typeof ECFLOW_BUILDS;
export const ECFLOW_VERSIONS = Object.keys(ECFLOW_BUILDS) as EcflowVersion[];

/** Whether a release's server and client are on this machine. */
export function haveVersion(version: EcflowVersion): boolean {
  const build = ECFLOW_BUILDS[version];
  return fs.existsSync(build.server) && fs.existsSync(build.client);
}

/** A real ecflow_server started for one test file, on a free loopback port with its own ECF_HOME. */
export interface TestServer {
  port: number;
  /** The ecFlow release the server is. */
  version: EcflowVersion;
  home: string;
  process: ChildProcess;
  /** A client of ours for this server. */
  client(options?: ConstructorParameters<typeof Client>[0]): Client;
  /** Runs the real ecflow_client of the server's own release against this server. */
  real(args: readonly string[], options?: { env?: Record<string, string>; input?: string }): Promise<RunResult>;
  stop(): Promise<void>;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export const haveEcflow = fs.existsSync('/usr/sbin/ecflow_server') && fs.existsSync('/usr/bin/ecflow_client');

/** A free loopback port below 49151 (ecflow_server refuses ports above it). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 25000);
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

/** Starts a server (HALTED, as a new ecflow_server is) and waits until it answers a ping. */
export async function startServer(
  options: {
    env?: Record<string, string>;
    /** Called with the chosen port before the server starts (e.g. to write password files). */
    beforeStart?: (port: number) => void;
    /** Client options for the readiness ping (e.g. a password). */
    probe?: Partial<ClientOptions>;
    /** A port to reuse (a server restarted where the previous one was). @default a free port */
    port?: number;
    /** The ecFlow release to start. @default '5.9.2' */
    version?: EcflowVersion;
  } = {},
): Promise<TestServer> {
  const version = options.version ?? '5.9.2';
  const build = ECFLOW_BUILDS[version];
  for (let attempt = 0; ; attempt++) {
    const port = options.port ?? (await freePort());
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-server-'));
    const env = ecfEnv(port, { ECF_HOME: home, ...options.env });
    delete env.ECF_HOST;
    options.beforeStart?.(port);
    const child = spawn(build.server, [`--port=${port}`], { env, cwd: home, stdio: ['ignore', 'ignore', 'pipe'] });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const probe = new Client({ host: 'localhost', port, connectionAttempts: 1, connectTimeout: 1000, requestTimeout: 2000, env: {}, ...options.probe });
    const deadline = Date.now() + 15_000;
    while (!exited && Date.now() < deadline) {
      try {
        await probe.ping();
        const server: TestServer = {
          port,
          version,
          home,
          process: child,
          client: (o) => new Client({ host: 'localhost', port, env: {}, ...o }),
          real: (args, o = {}) => run(build.client, args, ecfEnv(port, o.env), o.input),
          stop: async () => {
            if (!exited) {
              child.kill('SIGKILL');
              await new Promise((resolve) => child.once('exit', resolve));
            }
            fs.rmSync(home, { recursive: true, force: true });
          },
        };
        return server;
      } catch {
        await sleep(50);
      }
    }
    child.kill('SIGKILL');
    fs.rmSync(home, { recursive: true, force: true });
    if (attempt >= 3) throw new Error(`ecflow_server ${version} did not start on port ${port}`);
  }
}
