/**
 * A Sentinel-monitored Redis for the watchman's tests, on loopback in a temporary directory: one
 * master, one replica (`--replicaof`), three `redis-sentinel`s (quorum 2) that call a master down
 * after a second without answers and promote the replica. No persistence; everything is killed
 * (SIGKILL) at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { freePort } from '../../helpers/ecflow-server.js';
import { GiveUp, until } from '../../helpers/until.js';
import { answering, ask, killed, spawnRedisServer } from './redis-process.js';

export const haveSentinel = fs.existsSync('/usr/bin/redis-server') && fs.existsSync('/usr/bin/redis-sentinel');

export const MASTER_NAME = 'mymaster';

interface Proc {
  port: number;
  child: ChildProcess;
}

export class SentinelSet {
  readonly dir: string;
  readonly servers: Proc[] = [];
  readonly sentinels: Proc[] = [];

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** Starts the master, its replica and the sentinels, and waits until the sentinels know all of them and each other. */
  static async start(): Promise<SentinelSet> {
    const set = new SentinelSet(fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-sentinel-')));
    try {
      const [master, replica] = [await freePort(), await freePort()];
      await answering(set.#server(master, []), master, 'the master');
      set.#server(replica, ['--replicaof', '127.0.0.1', String(master)]);
      await until('the replica to follow the master', () => ask(replica, (c) => c.info('replication')).then((i) => i.includes('master_link_status:up')));
      for (let i = 0; i < 3; i++) {
        const port = await freePort();
        const conf = path.join(set.dir, `sentinel-${port}.conf`);
        fs.writeFileSync(
          conf,
          [
            `port ${port}`,
            'bind 127.0.0.1',
            `dir ${set.dir}`,
            `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${master} 2`,
            `sentinel down-after-milliseconds ${MASTER_NAME} 1000`,
            `sentinel failover-timeout ${MASTER_NAME} 3000`,
            `sentinel parallel-syncs ${MASTER_NAME} 1`,
            '',
          ].join('\n'),
        );
        set.sentinels.push({ port, child: spawn('/usr/bin/redis-sentinel', [conf], { stdio: 'ignore' }) });
      }
      // A failover needs a majority of sentinels that know each other (they meet through the master's hello channel).
      for (const s of set.sentinels) {
        await until(`sentinel ${s.port} to know the replica and the other sentinels`, async () => {
          if (s.child.exitCode !== null) throw new GiveUp(`redis-sentinel exited with ${s.child.exitCode}`);
          return ask(s.port, async (c) => {
            const [others, replicas] = (await Promise.all([c.sendCommand(['SENTINEL', 'SENTINELS', MASTER_NAME]), c.sendCommand(['SENTINEL', 'REPLICAS', MASTER_NAME])])) as unknown as [unknown[], unknown[]];
            return others.length === 2 && replicas.length === 1;
          });
        });
      }
      return set;
    } catch (error) {
      await set.stop();
      throw error;
    }
  }

  /** `host:port` of each sentinel, as the watchman's config takes them. */
  get addresses(): string[] {
    return this.sentinels.map((s) => `127.0.0.1:${s.port}`);
  }

  /** The port of the master the sentinels name now. */
  async masterPort(): Promise<number> {
    for (const s of this.sentinels) {
      try {
        const addr = await ask(s.port, (c) => c.sendCommand<[string, string] | null>(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', MASTER_NAME]));
        if (addr !== null) return Number(addr[1]);
      } catch {
        // Another sentinel, then.
      }
    }
    throw new Error('no sentinel answers');
  }

  /** Connections the sentinels have taken so far, all together (INFO stats). */
  async sentinelConnections(): Promise<number> {
    const counts = await Promise.all(this.sentinels.map((s) => ask(s.port, (c) => c.info('stats')).then((i) => Number(/total_connections_received:(\d+)/.exec(i)?.[1] ?? 0))));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Kills (SIGKILL) the server on this port. */
  async kill(port: number): Promise<void> {
    const p = this.servers.find((s) => s.port === port);
    if (p === undefined) throw new Error(`no redis-server on port ${port}`);
    await killed(p.child);
  }

  /**
   * A connected client of the server on this port (a replica answers reads, and local writes once
   * `replica-read-only` is off). It reconnects: a sentinel disconnects the clients of the replica it promotes.
   */
  async client(port: number) {
    const c = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: () => 100 } });
    c.on('error', () => {});
    await c.connect();
    return c;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sentinels, ...this.servers].map((p) => killed(p.child)));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  #server(port: number, extra: string[]): ChildProcess {
    const dir = path.join(this.dir, String(port));
    fs.mkdirSync(dir);
    const child = spawnRedisServer(port, dir, extra);
    this.servers.push({ port, child });
    return child;
  }
}
