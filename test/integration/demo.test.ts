/**
 * The README's main command, `bash scripts/demo.sh`, as an operator runs it: it refuses a busy
 * HTTP port before starting anything (instead of showing another process's data), tells of an
 * aborted task and goes on, and stops everything at once on SIGTERM while it keeps running.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { freePort, haveEcflow, TEST_VERSION } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';

const repo = path.resolve(import.meta.dirname, '..', '..');

interface Demo {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function demo(args: string[], env: Record<string, string> = {}): Demo {
  const child = spawn('bash', [path.join(repo, 'scripts', 'demo.sh'), ...args], { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Whether something accepts connections on the loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function ports(): Promise<{ ecflow: number; redis: number; http: number }> {
  const ecflow = await freePort();
  let redis = await freePort();
  while (redis === ecflow) redis = await freePort();
  let http = await freePort();
  while (http === ecflow || http === redis) http = await freePort();
  return { ecflow, redis, http };
}

const flags = (p: { ecflow: number; redis: number; http: number }) => ['--port', String(p.ecflow), '--redis-port', String(p.redis), '--http-port', String(p.http)];

describe('the demo', { skip: haveEcflow ? false : `ecFlow ${TEST_VERSION} is not installed`, timeout: 300_000 }, () => {
  it('refuses an HTTP port another program listens on, before starting anything', async () => {
    const p = await ports();
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(p.http, '127.0.0.1', resolve));
    try {
      const d = demo(['--once', ...flags(p)]);
      assert.equal(await d.exited, 1, d.output());
      assert.match(d.output(), new RegExp(`demo: something already listens on HTTP port ${p.http}; choose another with --http-port\\n`));
      assert.equal(await listening(p.ecflow), false, 'no ecflow_server left behind');
      assert.equal(await listening(p.redis), false, 'no redis-server left behind');
    } finally {
      busy.close();
    }
  });

  it('tells of an aborted task and goes on, and stops everything at once on SIGTERM', async () => {
    const p = await ports();
    const d = demo(flags(p), { DEMO_SECONDS: '600' });
    try {
      await until('the suite running', () => /main=active/.test(d.output()), 120_000);
      // An operator's mistake, then its fix: the demo must not stop at the abort.
      const ecflowClient = (args: string[]) =>
        new Promise<number | null>((resolve) => spawn('ecflow_client', args, { env: { ...process.env, ECF_HOST: 'localhost', ECF_PORT: String(p.ecflow) }, stdio: 'ignore' }).on('exit', resolve));
      assert.equal(await ecflowClient(['--force=aborted', '/demo/main/publish']), 0);
      await until('the abort told', () => d.output().includes('demo: /demo/main/publish aborted (the demo goes on; requeue it to run it again)'));
      assert.equal(await ecflowClient(['--requeue', '/demo/main/publish']), 0);
      await until('the suite complete and the demo waiting', () => d.output().includes('demo: running for 600 more seconds (DEMO_SECONDS)'), 180_000);
      assert.equal(d.child.exitCode, null, 'still running');
      const signalled = Date.now();
      d.child.kill('SIGTERM');
      await d.exited;
      assert.ok(Date.now() - signalled < 15_000, `stopped ${Date.now() - signalled} ms after SIGTERM`);
      for (const [what, port] of Object.entries(p)) assert.equal(await listening(port), false, `${what} (port ${port}) stopped`);
    } finally {
      d.child.kill('SIGKILL');
    }
  });
});
