/**
 * A Redis Cluster for the watchman's tests, on loopback in a temporary directory: three masters
 * (`redis-server --cluster-enabled yes`, each with its bus on a port of its own) joined by
 * `redis-cli --cluster create`, no replicas, no persistence; killed (SIGKILL) at the end.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCluster } from 'redis';
import { freePort, run } from '../../helpers/ecflow-server.js';
import { until } from '../../helpers/until.js';
import { answering, ask, killed, spawnRedisServer } from './redis-process.js';

export const haveCluster = fs.existsSync('/usr/bin/redis-server') && fs.existsSync('/usr/bin/redis-cli');

export class RedisCluster {
  readonly dir: string;
  readonly nodes: { port: number; dir: string; args: string[]; child: ChildProcess }[] = [];

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async start(size = 3): Promise<RedisCluster> {
    const cluster = new RedisCluster(fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-cluster-')));
    try {
      for (let i = 0; i < size; i++) {
        const [port, bus] = [await freePort(), await freePort()];
        const dir = path.join(cluster.dir, String(port));
        fs.mkdirSync(dir);
        const args = ['--cluster-enabled', 'yes', '--cluster-port', String(bus), '--cluster-config-file', path.join(dir, 'nodes.conf'), '--cluster-node-timeout', '2000'];
        cluster.nodes.push({ port, dir, args, child: spawnRedisServer(port, dir, args) });
      }
      for (const n of cluster.nodes) await answering(n.child, n.port, `cluster node ${n.port}`);
      const created = await run('/usr/bin/redis-cli', ['--cluster', 'create', ...cluster.addresses, '--cluster-yes'], { PATH: process.env.PATH ?? '/usr/bin:/bin' });
      if (created.code !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
      for (const n of cluster.nodes) {
        await until(`cluster node ${n.port} to see the cluster ok`, async () => (await ask(n.port, (c) => c.clusterInfo())).includes('cluster_state:ok'));
      }
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** `host:port` of each node, as the watchman's config takes them. */
  get addresses(): string[] {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`);
  }

  /** A connected cluster client (commands routed by key), for reading what the watchman wrote. */
  async client() {
    const c = createCluster({ rootNodes: this.addresses.map((a) => ({ url: `redis://${a}` })) });
    c.on('error', () => {});
    await c.connect();
    return c;
  }

  /**
   * Kills the node on this port (SIGKILL) and starts it again, empty (no persistence), with its
   * cluster config: it comes back as the same master of the same slots. Resolves once the cluster is ok again.
   */
  async restart(port: number): Promise<void> {
    const n = this.nodes.find((x) => x.port === port);
    if (n === undefined) throw new Error(`no cluster node on port ${port}`);
    await killed(n.child);
    n.child = spawnRedisServer(n.port, n.dir, n.args);
    for (const m of this.nodes) {
      await until(`cluster node ${m.port} to see the cluster ok again`, async () => (await ask(m.port, (c) => c.clusterInfo())).includes('cluster_state:ok'), 30_000);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map(({ child }) => killed(child)));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
