/**
 * Real services for the watchman's tests, on loopback in temporary directories: a redis-server
 * that can be killed and started again on the same port (what a restarted Redis looks like to its
 * clients); ecflow_servers come from the one launcher, test/helpers/ecflow-server.ts.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { ecfEnv, freePort, run, type TestServer } from '../../helpers/ecflow-server.js';
import { havePython, python, pythonEnv } from '../../helpers/python-client.js';
import { printedNodes } from '../../helpers/state-text.js';
import { answering, killed, spawnRedisServer } from './redis-process.js';

export const haveRedis = fs.existsSync('/usr/bin/redis-server');

/** A redis-server on a fixed loopback port, in its own directory, with no persistence: a restarted Redis has lost every key. */
export class RedisServer {
  readonly port: number;
  readonly dir: string;
  #child: ChildProcess | null = null;
  private constructor(port: number, dir: string) {
    this.port = port;
    this.dir = dir;
  }
  static async start(): Promise<RedisServer> {
    const r = new RedisServer(await freePort(), fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-redis-')));
    await r.restart();
    return r;
  }
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  /** Starts it (again) on the same port and waits until it answers a PING. */
  async restart(): Promise<void> {
    this.#child = spawnRedisServer(this.port, this.dir);
    await answering(this.#child, this.port, 'redis-server');
  }
  async kill(): Promise<void> {
    if (this.#child !== null) await killed(this.#child);
    this.#child = null;
  }
  async stop(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
  /** A connected client for reading what the watchman wrote. */
  async client() {
    const c = createClient({ url: this.url });
    c.on('error', () => {});
    await c.connect();
    return c;
  }
}

/**
 * What ecFlow itself says a server's status records are (`/` then get_all_nodes, as the Go tool's
 * records): the Python module of the server's release, or where that has none here, its
 * ecflow_client (`--get_state` for the nodes, `--query state /` and `--query dstate` for them).
 */
export async function ecflowRecords(server: TestServer): Promise<{ path: string; status: string }[]> {
  const env = pythonEnv(server.version);
  if (env === undefined || !havePython(server.version)) return clientRecords(server);
  const script = [
    'import ecflow, json, sys',
    `c = ecflow.Client("localhost", "${server.port}")`,
    'c.sync_local()',
    'd = c.get_defs()',
    // .name: str() of an enum member is 'DState.aborted' in 5.17's module, 'aborted' in 5.9's.
    'r = [{"path": "/", "status": d.get_state().name}]',
    'r += [{"path": n.get_abs_node_path(), "status": n.get_dstate().name} for n in d.get_all_nodes()]',
    'print(json.dumps(r))',
  ].join('\n');
  const result = await run(python, ['-c', script], ecfEnv(server.port, env));
  if (result.code !== 0) throw new Error(`python ecflow failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

async function clientRecords(server: TestServer): Promise<{ path: string; status: string }[]> {
  const ask = async (args: string[]) => {
    const r = await server.real(args);
    if (r.code !== 0) throw new Error(`ecflow_client ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout.trim();
  };
  const paths = printedNodes(await ask(['--get_state'])).map((n) => n.path);
  const states = await Promise.all([ask(['--query', 'state', '/']), ...paths.map((p) => ask(['--query', 'dstate', p]))]);
  return ['/', ...paths].map((path, i) => ({ path, status: states[i]! }));
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
export async function loadSuite(server: TestServer, text = SUITE): Promise<void> {
  const file = path.join(server.home, 'suite.def');
  fs.writeFileSync(file, text);
  const c = server.client();
  await c.load(text);
  await c.restartServer();
}
