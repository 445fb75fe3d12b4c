/**
 * `ecflow-watchman top` against a real ecflow_server: one line per change when stdout is not a
 * terminal, the live screen (colours, NO_COLOR, q restores the terminal) when it is.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { runTop } from '../../packages/ecflow-watchman/src/top.js';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';
import { loadSuite } from '../watchman/helpers/services.js';

class Capture extends PassThrough {
  text = '';
  constructor(extra: Record<string, unknown> = {}) {
    super();
    Object.assign(this, extra);
    this.on('data', (d: Buffer) => (this.text += d.toString()));
  }
}

describe('ecflow-watchman top', { skip: haveEcflow ? false : `ecFlow ${TEST_VERSION} is not installed`, timeout: 60_000 }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
    await loadSuite(server);
  });
  after(async () => {
    await server?.stop();
  });

  it('not a terminal: one line per change, then exits 0 when stopped', async () => {
    const stdout = new Capture();
    const stderr = new Capture();
    const stop = new AbortController();
    const done = runTop(['--ecflow-host', '127.0.0.1', '--ecflow-port', String(server.port), '--interval', '100ms'], { stdout, stderr, env: {}, signal: stop.signal });
    await until('the first sync line', () => stdout.text.includes('full sync'));
    assert.match(stdout.text, new RegExp(`127\\.0\\.0\\.1:${server.port} RUNNING full sync \\(first\\): `));
    assert.equal((await server.real(['--force=aborted', '/s1/f1/t1'])).code, 0);
    await until('the change line', () => /\/s1\/f1\/t1 \w+ -> aborted\n/.test(stdout.text));
    assert.doesNotMatch(stdout.text, /\x1b\[/, 'no colour when not a terminal');
    stop.abort();
    assert.equal(await done, 0);
    assert.equal(stderr.text, '');
  });

  it('a terminal: coloured tree, q quits and restores the terminal', async () => {
    const stdout = new Capture({ isTTY: true, columns: 100, rows: 20 });
    const raw: boolean[] = [];
    const stdin = new Capture({ isTTY: true, setRawMode: (r: boolean) => raw.push(r) });
    const done = runTop(['--ecflow-port', String(server.port), '--interval', '100ms'], { stdout, stderr: new Capture(), stdin, env: { ECF_HOST: '127.0.0.1' } });
    await until('the tree', () => stdout.text.includes('t3'));
    assert.ok(stdout.text.startsWith('\x1b[?1049h\x1b[?25l'), 'alternate screen, cursor hidden');
    assert.match(stdout.text, /\x1b\[41m.*aborted/, 'aborted on red');
    stdin.write('q');
    assert.equal(await done, 0);
    assert.ok(stdout.text.endsWith('\x1b[?25h\x1b[?1049l'), 'cursor shown, screen restored');
    assert.deepEqual(raw, [true, false]);
  });

  it('NO_COLOR: the terminal screen has no colours', async () => {
    const stdout = new Capture({ isTTY: true, columns: 100, rows: 20 });
    const stop = new AbortController();
    const done = runTop(['--ecflow-host', '127.0.0.1', '--ecflow-port', String(server.port)], { stdout, stderr: new Capture(), env: { NO_COLOR: '1' }, signal: stop.signal });
    await until('the tree', () => stdout.text.includes('t3'));
    stop.abort();
    assert.equal(await done, 0);
    assert.doesNotMatch(stdout.text, /\x1b\[(3\d|4\d|9\d|10\d|1|2)m/);
  });

  it('bad flags exit 2 with the usage', async () => {
    const stderr = new Capture();
    assert.equal(await runTop(['--interval', 'soon'], { stdout: new Capture(), stderr, env: {} }), 2);
    assert.match(stderr.text, /--interval soon/);
  });
});
