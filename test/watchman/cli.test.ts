/**
 * The `ecflow-watchman` command line: in-process (its `main` takes its streams) `check-config` and
 * a bad config (exit 2, every error with its field), usage errors and `version`; and as a process,
 * `watch` against a real server and Redis: pino JSON logs, /metrics, and a graceful stop on SIGTERM
 * that leaves the last write in Redis.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../packages/ecflow-watchman/src/command-line.js';
import { freePort, haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';
import { ecflowRecords, haveRedis, loadSuite, RedisServer } from './helpers/services.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'packages/ecflow-watchman/src/cli.ts');
const bin = path.join(root, 'packages/ecflow-watchman/dist/bin/ecflow-watchman.cjs');
const node = process.execPath;

/** A stream that keeps what is written to it. */
function collector(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** Runs the command line in this process, as the executable would. */
async function watchman(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = collector();
  const stderr = collector();
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, env: {} });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-wm-cli-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('ecflow-watchman command line', () => {
  it('check-config accepts a good config and prints what it will watch', async () => {
    const file = write('good.yaml', 'global:\n  scrape_interval: 20s\nscrape_configs:\n  - {owner: o, repo: r, host: h, port: 3141}\nsink_config: {type: redis, url: "127.0.0.1:6379"}\n');
    const r = await watchman(['check-config', '--config-file', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${file}: ok: 1 server (o/r)\n`);
  });

  it('a bad config: every error with its field path on stderr, exit 2 (check-config and watch-all alike)', async () => {
    const file = write('bad.yaml', 'global:\n  scrape_interval: soon\nscrape_configs:\n  - {owner: o, host: h, port: 70000}\nsink_config: {type: redis, url: "127.0.0.1:6379"}\n');
    for (const command of ['check-config', 'watch-all']) {
      const r = await watchman([command, '--config-file', file]);
      assert.equal(r.code, 2, `${command}: ${r.stderr}`);
      assert.equal(
        r.stderr,
        [
          `${file}: error: global.scrape_interval: "soon": expected a positive duration such as 20s, 1m30s or 500ms`,
          `${file}: error: scrape_configs[0].repo: missing`,
          `${file}: error: scrape_configs[0].port: 70000: expected a whole number from 1 to 65535`,
          '',
        ].join('\n'),
      );
    }
    const missing = await watchman(['watch-all', '--config-file', path.join(dir, 'nope.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml: error: cannot read the config file: ENOENT/);
  });

  it('usage errors exit 2; version names the implementation', async () => {
    const r = await watchman(['watch', '--owner', 'o']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /watch needs --repo, --ecflow-host, --ecflow-port, --redis-url/);
    const v = await watchman(['version']);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^ecflow-watchman \d+\.\d+\.\d+ \(ecflow-ts; ecFlow 5\.9\.2 protocol; node v\d+/);
  });

  it('a listen address in use: one line naming it and what to change, exit 2, nothing left running', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      // No Redis or ecFlow server is needed: the listener is opened before anything else.
      const config = write('busy.yaml', `scrape_configs:\n  - {owner: o, repo: r, host: 127.0.0.1, port: 1}\nsink_config: {type: redis, url: "127.0.0.1:1"}\nhttp: {listen_address: "127.0.0.1:${port}"}\n`);
      const fromConfig = await watchman(['watch-all', '--config-file', config, '--log-level', 'error']);
      assert.equal(fromConfig.code, 2);
      assert.equal(
        fromConfig.stderr,
        `ecflow-watchman: cannot listen on 127.0.0.1:${port}: the address is already in use (another watchman, or another program, listens there); http.listen_address in the config, or --listen-address, chooses another\n`,
      );
      const fromFlag = await watchman(['watch-all', '--config-file', config, '--log-level', 'error', '--listen-address', `127.0.0.1:${port}`]);
      assert.equal(fromFlag.code, 2);
      assert.match(fromFlag.stderr, new RegExp(`^ecflow-watchman: --listen-address: cannot listen on 127\\.0\\.0\\.1:${port}: the address is already in use [^\n]*\n$`));
    } finally {
      busy.close();
    }
  });
});

describe('ecflow-watchman watch (one server) as a process', { skip: !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !haveRedis ? 'no redis-server' : false, timeout: 60_000 }, () => {
  let redis: RedisServer;
  let server: TestServer;
  before(async () => {
    [redis, server] = await Promise.all([RedisServer.start(), startServer()]);
    await loadSuite(server);
  });
  after(async () => {
    await Promise.all([redis?.stop(), server?.stop()]);
  });

  it('in-process: watch logs to the stdout it is given and stops gracefully at the first stop request', async () => {
    const stdout = collector();
    const stderr = collector();
    let stop: ((why: string) => void) | undefined;
    const code = main(
      ['watch', '--owner', 'o2', '--repo', 'r', '--ecflow-host', '127.0.0.1', '--ecflow-port', String(server.port), '--redis-url', `127.0.0.1:${redis.port}`, '--scrape-interval', '300ms', '--listen-address', ''],
      {
        stdout: stdout.stream,
        stderr: stderr.stream,
        env: {},
        onStop: (f) => {
          stop = f;
          return () => (stop = undefined);
        },
      },
    );
    const r = await redis.client();
    try {
      await until('the status key', () => r.get('o2/r/status').then((v) => v ?? undefined));
    } finally {
      r.destroy();
    }
    stop!('test');
    assert.equal(await code, 0, stderr.text());
    assert.equal(stop, undefined, 'the stop listener is removed');
    const lines = stdout.text().trim().split('\n').map((l) => JSON.parse(l) as { msg: string; signal?: string });
    assert.ok(lines.some((l) => l.msg.startsWith('stopping') && l.signal === 'test'));
    assert.equal(lines.at(-1)?.msg, 'ecflow-watchman stopped');
  });

  // The sources as tests run them, and the bundle users run (packages/ecflow-watchman/scripts/bundle.mjs).
  for (const [program, start] of [
    ['the sources', ['--import', 'tsx', cli]],
    ['the built executable', [bin]],
  ] as const) {
    it(`${program}: writes the status, serves /metrics and the dashboard, logs JSON, and stops cleanly on SIGTERM`, async () => {
      const httpPort = await freePort();
      // The other program's run wrote it before.
      const cleaner = await redis.client();
      await cleaner.del('o/r/status').finally(() => cleaner.destroy());
      const child = spawn(
        node,
        [...start, 'watch', '--owner', 'o', '--repo', 'r', '--ecflow-host', '127.0.0.1', '--ecflow-port', String(server.port), '--redis-url', `127.0.0.1:${redis.port}`, '--scrape-interval', '300ms', '--listen-address', `127.0.0.1:${httpPort}`],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      // Redis's client is closed whatever happens: a connected one keeps the file from ending.
      const r = await redis.client();
      try {
        const value = await until('the status key', () => r.get('o/r/status').then((v) => v ?? undefined));
        assert.deepEqual(JSON.parse(value).status_records, await ecflowRecords(server));
        const metrics = await until('/metrics', async () => {
          const res = await fetch(`http://127.0.0.1:${httpPort}/metrics`);
          return res.ok ? res.text() : undefined;
        });
        assert.match(metrics, /^ecflow_watchman_up\{owner="o",repo="r"\} 1$/m);
        assert.match(metrics, /^ecflow_watchman_syncs_total\{owner="o",repo="r",kind="full"\} 1$/m);
        // The dashboard's script, which the bundle finds where the unbundled module would.
        const script = await fetch(`http://127.0.0.1:${httpPort}/dashboard/app.js`);
        assert.equal(script.status, 200);
        assert.equal(await script.text(), fs.readFileSync(path.join(root, 'packages/ecflow-watchman/dist/dashboard/browser/app.js'), 'utf8'));
      } finally {
        r.destroy();
        child.kill('SIGTERM');
      }
      assert.equal(await exit, 0, stderr);
      const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.ok(lines.some((l) => l.msg === 'ecflow-watchman started'));
      assert.ok(lines.some((l) => l.msg === 'full sync' && l.owner === 'o' && l.reason === 'first'));
      assert.equal(lines.at(-1).msg, 'ecflow-watchman stopped');
    });
  }
});
