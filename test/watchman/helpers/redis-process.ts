/**
 * The processes under the watchman's Redis services (services.ts, cluster.ts, sentinel.ts): a
 * redis-server on a loopback port in a directory of its own with no persistence, one-question
 * clients, and SIGKILL, which is how every test Redis ends.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createClient } from 'redis';
import { GiveUp, until } from '../../helpers/until.js';

/** Starts `/usr/bin/redis-server` on `port` with `dir` its working directory; `extra` follows the common arguments. */
export function spawnRedisServer(port: number, dir: string, extra: readonly string[] = []): ChildProcess {
  return spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra], { stdio: 'ignore' });
}

/** Asks the process on `port` one question through a client of its own, which gives up at once when nothing answers. */
export async function ask<T>(port: number, question: (c: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  const c = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: false, connectTimeout: 500 } });
  c.on('error', () => {});
  try {
    await c.connect();
    return await question(c);
  } finally {
    c.destroy();
  }
}

/** Waits until `child`, listening on `port`, answers a PING; stops waiting at once if it has exited. */
export async function answering(child: ChildProcess, port: number, what: string): Promise<void> {
  await until(`${what} to answer`, async () => {
    if (child.exitCode !== null) throw new GiveUp(`${what} exited with ${child.exitCode}`);
    return (await ask(port, (c) => c.ping())) === 'PONG';
  });
}

/** Kills `child` with SIGKILL, unless it has ended, and waits for its exit. */
export async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exit;
}
