/**
 * `ecflow-watchman top` against a real ecflow_server: one line per change when stdout is not a
 * terminal, the live screen (colours, NO_COLOR, q restores the terminal) when it is, and in a real
 * terminal (tmux): the screen fitted to its width, a dead server marked, bad ports refused.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { runTop } from '../../packages/ecflow-watchman/src/top.js';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';
import { loadSuite, SUITE } from '../watchman/helpers/services.js';

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

/** A real terminal: tmux on a socket of its own, a pane of the given size running `top` from the sources. */
class Tmux {
  readonly socket = `ecflow-ts-top-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  #run(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }
  start(columns: number, rows: number, args: string[], env: Record<string, string> = {}): void {
    const command = ['env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, '--import', 'tsx', cli, 'top', ...args].map(shellQuote).join(' ');
    this.#run(['new-session', '-d', '-x', String(columns), '-y', String(rows), '-c', root, `${command}; sleep 30`]);
  }
  /** The pane's text, one string per row. */
  screen(): string[] {
    return this.#run(['capture-pane', '-p']).split('\n');
  }
  stop(): void {
    try {
      this.#run(['kill-server']);
    } catch {
      // already gone
    }
  }
}

const root = path.resolve(import.meta.dirname, '..', '..');
const cli = path.join(root, 'packages', 'ecflow-watchman', 'src', 'cli.ts');
const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const haveTmux = spawnSync('tmux', ['-V']).status === 0;

describe('ecflow-watchman top in a real terminal (tmux)', { skip: !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !haveTmux ? 'no tmux' : false, timeout: 90_000 }, () => {
  let server: TestServer;
  const panes: Tmux[] = [];
  const pane = () => {
    const t = new Tmux();
    panes.push(t);
    return t;
  };
  before(async () => {
    server = await startServer();
    // A task without a script: the server aborts it with a reason of several lines, which it
    // prints with `\n` between them.
    const nowhere = path.join(server.home, 'nowhere');
    await loadSuite(server, `${SUITE}suite s3\n  edit ECF_HOME '${nowhere}'\n  task noscript\nendsuite\n`);
    assert.equal((await server.real(['--begin', 's3'])).code, 0);
    await until('the task aborted by the server', async () => (await server.real(['--query', 'state', '/s3/noscript'])).stdout.trim() === 'aborted');
  });
  after(async () => {
    for (const t of panes) t.stop();
    await server?.stop();
  });

  const tree = async (t: Tmux) =>
    until('the tree', () => {
      const s = t.screen();
      return s.some((l) => l.includes('noscript')) ? s : undefined;
    });

  it('fits every line to a narrow terminal, and counts tasks', async () => {
    const t = pane();
    t.start(50, 16, ['--ecflow-host', '127.0.0.1', '--ecflow-port', String(server.port), '--interval', '200ms'], { NO_COLOR: '1' });
    const rows = await tree(t);
    for (const row of rows) assert.ok([...row].length <= 50, `a row wider than the terminal: ${JSON.stringify(row)}`);
    assert.match(rows[0]!, new RegExp(`^127\\.0\\.0\\.1:${server.port}  RUNNING  \\d\\d:\\d\\d:\\d\\d   q quit.*…$`));
    // One task aborted: the suite above it is aborted too, and is not counted.
    assert.match(rows[1]!, /^tasks .* aborted 1 /);
  });

  it('shows an abort reason of several lines on one line', async () => {
    const t = pane();
    t.start(400, 16, ['--ecflow-host', '127.0.0.1', '--ecflow-port', String(server.port), '--interval', '200ms'], { NO_COLOR: '1' });
    const rows = await tree(t);
    const task = rows.find((l) => l.includes('noscript'))!;
    // its lines joined by the mark the dashboard's rows use
    assert.match(task, /noscript {2}Script for \/s3\/noscript cannot be found: ECF_SCRIPT\(.*\) does not exist: ⏎ Variable ECF_FETCH not defined: ⏎ /);
    assert.doesNotMatch(task, /\\n/);
  });

  it('says when the server cannot be reached, and since when, instead of its last state', async () => {
    const victim = await startServer();
    try {
      await loadSuite(victim);
      const t = pane();
      t.start(120, 12, ['--ecflow-host', '127.0.0.1', '--ecflow-port', String(victim.port), '--interval', '200ms'], { NO_COLOR: '1' });
      await until('the tree', () => t.screen().some((l) => l.includes('t3')));
      await victim.kill();
      const rows = await until('the server marked unreachable', () => {
        const s = t.screen();
        return /UNREACHABLE since \d\d:\d\d:\d\d \(tree as it was then\)/.test(s[0]!) ? s : undefined;
      });
      assert.doesNotMatch(rows[0]!, /RUNNING|connecting/);
      assert.ok(rows.some((l) => /Failed to connect/.test(l)), 'the error is shown');
    } finally {
      await victim.stop();
    }
  });

  it('a port that cannot be one is a bad command line, at once', async () => {
    for (const [args, env, told] of [
      [['--ecflow-port', 'abc'], {}, '--ecflow-port abc'],
      [['--ecflow-port', '70000'], {}, '--ecflow-port 70000'],
      [[], { ECF_PORT: '0' }, 'ECF_PORT 0'],
    ] as const) {
      const stderr = new Capture();
      assert.equal(await runTop([...args, '--ecflow-host', '127.0.0.1'], { stdout: new Capture(), stderr, env: { ...env } }), 2, told);
      assert.equal(stderr.text, `ecflow-watchman top: ${told}: expected a port number from 1 to 65535\n`);
    }
  });
});
