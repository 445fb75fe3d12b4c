/**
 * Real services for the watchman's tests: a redis-server and an ecflow_server that can be killed
 * and started again on the same port (the shared helper picks a new port each time), on loopback,
 * in temporary directories.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { Client } from '../../../src/index.js';
import { ecfEnv, freePort, run, type RunResult } from '../../helpers/ecflow-server.js';

export const haveRedis = fs.existsSync('/usr/bin/redis-server');

/** Resolves when `probe` succeeds, polling; throws after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(25);
  }
}

/**
 * A service process on a fixed loopback port, in its own temporary directory, that a test can kill
 * and start again on the same port (what a restarted service looks like to its clients).
 */
abstract class RestartableProcess {
  readonly port: number;
  readonly dir: string;
  #child: ChildProcess | null = null;
  protected constructor(port: number, dir: string) {
    this.port = port;
    this.dir = dir;
  }
  /** What the process is called in errors. */
  protected abstract readonly what: string;
  protected abstract spawn(): ChildProcess;
  /** Resolves true once the process answers a request. */
  protected abstract answers(): Promise<boolean>;

  /** The running process's id (for its CPU and memory in /proc). */
  get pid(): number {
    const pid = this.#child?.pid;
    if (pid === undefined) throw new Error(`${this.what} is not running`);
    return pid;
  }
  /** Starts it (again) on the same port and waits until it answers. */
  async restart(): Promise<void> {
    const child = this.spawn();
    this.#child = child;
    await until(`${this.what} to answer`, async () => {
      if (child.exitCode !== null) throw new Error(`${this.what} exited with ${child.exitCode}`);
      return this.answers();
    });
  }
  /** SIGKILL (ecflow_server ignores SIGTERM). */
  async kill(): Promise<void> {
    const child = this.#child;
    if (child === null) return;
    child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
    this.#child = null;
  }
  async stop(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export class RedisServer extends RestartableProcess {
  protected readonly what = 'redis-server';
  static async start(): Promise<RedisServer> {
    const r = new RedisServer(await freePort(), fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-redis-')));
    await r.restart();
    return r;
  }
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  /** No persistence: a restarted Redis has lost every key. */
  protected spawn(): ChildProcess {
    return spawn('/usr/bin/redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], { stdio: 'ignore' });
  }
  protected async answers(): Promise<boolean> {
    const c = createClient({ url: this.url, socket: { reconnectStrategy: false, connectTimeout: 500 } });
    c.on('error', () => {});
    try {
      await c.connect();
      return (await c.ping()) === 'PONG';
    } finally {
      c.destroy();
    }
  }
  /** A connected client for reading what the watchman wrote. */
  async client() {
    const c = createClient({ url: this.url });
    c.on('error', () => {});
    await c.connect();
    return c;
  }
}

/** An ecflow_server that can be killed and started again on the same port and ECF_HOME (`dir`). */
export class EcflowServer extends RestartableProcess {
  protected readonly what = 'ecflow_server';
  static async start(): Promise<EcflowServer> {
    const s = new EcflowServer(await freePort(), fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-wm-server-')));
    await s.restart();
    return s;
  }
  get home(): string {
    return this.dir;
  }
  client(): Client {
    return new Client({ host: 'localhost', port: this.port, env: {}, connectionAttempts: 1, connectTimeout: 2000, requestTimeout: 5000 });
  }
  real(args: readonly string[]): Promise<RunResult> {
    return run('/usr/bin/ecflow_client', args, ecfEnv(this.port));
  }
  protected spawn(): ChildProcess {
    const env = ecfEnv(this.port, { ECF_HOME: this.dir });
    delete env.ECF_HOST;
    return spawn('/usr/sbin/ecflow_server', [`--port=${this.port}`], { env, cwd: this.dir, stdio: 'ignore' });
  }
  protected async answers(): Promise<boolean> {
    const probe = new Client({ host: 'localhost', port: this.port, env: {}, connectionAttempts: 1, connectTimeout: 1000, requestTimeout: 2000 });
    await probe.ping();
    return true;
  }
}

/** The Python ecflow module's view of a server: `/` then get_all_nodes, as the Go tool's records. */
export async function pythonRecords(port: number): Promise<{ path: string; status: string }[]> {
  const script = [
    'import ecflow, json, sys',
    `c = ecflow.Client("localhost", "${port}")`,
    'c.sync_local()',
    'd = c.get_defs()',
    'r = [{"path": "/", "status": str(d.get_state())}]',
    'r += [{"path": n.get_abs_node_path(), "status": str(n.get_dstate())} for n in d.get_all_nodes()]',
    'print(json.dumps(r))',
  ].join('\n');
  const result = await run('/usr/bin/python3', ['-c', script], ecfEnv(port));
  if (result.code !== 0) throw new Error(`python ecflow failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** A loopback TCP server that accepts connections and never answers (a stalled ecFlow server). */
export async function stallingServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const SUITE = `suite s1
  family f1
    task t1
    task t2
      meter progress 0 100 100
      label info ""
  endfamily
  task t3
endsuite
suite s2
  task u1
endsuite
`;

/** Loads SUITE (the definition file written to the server's home) and restarts the server (RUNNING). */
export async function loadSuite(server: EcflowServer, text = SUITE): Promise<void> {
  const file = path.join(server.home, 'suite.def');
  fs.writeFileSync(file, text);
  const c = server.client();
  await c.load(text);
  await c.restartServer();
}
