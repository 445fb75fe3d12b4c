/**
 * HTTPS the way ecFlow 5.15+ does it: `ecflow_server --http` behind a real nginx that checks the
 * client's token and passes the user on (test/helpers/nginx.ts, after ECMWF's cookbook). The real
 * `ecflow_client --https` of the release is the oracle for our CLI, with the token file
 * (`.ecflowapirc`) in a HOME of the test's own; our Client does the same work; a server with a
 * password file refuses a direct HTTP user without a password and accepts the proxy's user.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { type ChildOptions, channels, Client, type ClientOptions, ErrorCode, HttpStatusError, TlsError } from '../../packages/ecflow-ts/src/index.js';
import { CtsApi, ctsCmd } from '../../packages/ecflow-ts/src/commands/cts.js';
import { decodeResponse, encodeRequest } from '../../packages/ecflow-ts/src/protocol/envelope.js';
import { since } from '../../packages/ecflow-ts/src/versions.js';
import { ecfEnv, haveEcflow, haveOpenssl, type RunResult, run, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { haveNginx, type Nginx, startNginx } from '../helpers/nginx.js';
import { ours } from '../helpers/our-cli.js';
import { until } from '../helpers/until.js';
import { pingTime } from '../helpers/parity.js';

const skip = !haveEcflow
  ? `ecFlow ${TEST_VERSION} is not installed`
  : !since(TEST_VERSION, 'httpsAuthentication')
    ? `ecFlow ${TEST_VERSION} has no HTTPS authentication (tokens, X-Auth-Username: 5.15+)`
    : !haveNginx
      ? 'nginx is not installed (scripts/setup.sh installs it)'
      : !haveOpenssl()
        ? 'the openssl CLI is not installed'
        : false;

const BEARER_KEY = 'k3y.for+alice';
const BASIC = { user: 'bob', password: 'b0b.secret' };
const credentials = { bearer: { [BEARER_KEY]: 'alice' }, basic: { [BASIC.user]: BASIC.password } };

type Token = { server: string; type: 'bearer'; api: { url: string; key: string; email: string } } | { server: string; type: 'basic'; api: { username: string; password: string } };
const bearer = (server: string, key = BEARER_KEY): Token => ({ server, type: 'bearer', api: { url: 'https://api.example.int/v1', key, email: 'alice@example.int' } });
const basic = (server: string): Token => ({ server, type: 'basic', api: { username: BASIC.user, password: BASIC.password } });
/** The `server` regex of a token for exactly this proxy (matched whole against "https://127.0.0.1:<port>"). */
const serverRegex = (proxy: Nginx) => `https://127\\.0\\.0\\.1:${proxy.port}`;
const tokenFile = (tokens: readonly Token[]) => JSON.stringify({ version: 1, tokens }, null, 2);


const DEFS = `suite s
  task t
    edit ECF_PASS FREE
    defstatus suspended
    event e
    meter m 0 10 0
    label l ""
endsuite
`;

/** A HOME of its own holding `.ecflowapirc` (or nothing), removed after the tests. */
function makeHome(): { dir: string; write(content: string | null): void; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-https-home-'));
  return {
    dir,
    write(content) {
      fs.rmSync(path.join(dir, '.ecflowapirc'), { force: true });
      if (content !== null) fs.writeFileSync(path.join(dir, '.ecflowapirc'), content);
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Both command lines through the proxy: the real ecflow_client --https and ours, in the same environment. */
function clis(server: () => TestServer, proxy: () => Nginx, home: () => string) {
  const argv = (args: readonly string[]) => ['--https', '--host', '127.0.0.1', '--port', String(proxy().port), ...args];
  const env = (extra: Record<string, string>) => ecfEnv(proxy().port, { HOME: home(), ...extra });
  return {
    real: (args: readonly string[], extra: Record<string, string> = {}): Promise<RunResult> => run(server().ecflowClient, argv(args), env(extra)),
    ours: (args: readonly string[], extra: Record<string, string> = {}): Promise<RunResult> => ours(argv(args), env(extra)),
  };
}

describe('HTTPS through nginx: tokens from .ecflowapirc', { skip }, () => {
  let server: TestServer;
  let proxy: Nginx;
  const home = makeHome();
  const defsFile = path.join(home.dir, 's.def');
  const { real, ours: mine } = clis(
    () => server,
    () => proxy,
    () => home.dir,
  );
  /** Clients made by a test, closed after it (each holds its keep-alive agent). */
  const made: Client[] = [];
  const client = (options: ClientOptions = {}, child?: ChildOptions) => {
    const c = new Client({ protocol: 'https', host: '127.0.0.1', port: proxy.port, env: { HOME: home.dir }, connectionAttempts: 1, ...options }, child);
    made.push(c);
    return c;
  };

  before(async () => {
    server = await startServer({ http: true });
    proxy = await startNginx({ upstreamPort: server.port, credentials });
    fs.writeFileSync(defsFile, DEFS);
  });
  afterEach((t) => {
    for (const c of made.splice(0)) c.close();
    proxy?.showLogsIfFailed(t);
    home.write(tokenFile([bearer(serverRegex(proxy))]));
  });
  after(async () => {
    await proxy?.stop();
    await server?.stop();
    home.remove();
  });

  /** What each CLI does in one session: user commands, then child commands on /s/t, then the state they left. */
  const session = async (cli: typeof real) => {
    const child = { ECF_NAME: '/s/t', ECF_PASS: 'FREE', ECF_RID: '4242', ECF_TRYNO: '1' };
    const steps: [readonly string[], Record<string, string>][] = [
      [['--ping'], {}],
      [[`--load=${defsFile}`, 'force'], {}],
      [['--restart'], {}],
      [['--begin=s'], {}],
      [['--suites'], {}],
      [['--get=/s'], {}],
      [['--init=4242'], child],
      [['--event=e'], child],
      [['--meter=m', '7'], child],
      [['--label=l', 'via nginx'], child],
      [['--complete'], child],
      [['--get_state=/s/t'], {}],
    ];
    const results: (RunResult & { args: readonly string[] })[] = [];
    for (const [args, env] of steps) {
      const r = await cli(args, env);
      results.push({ args, ...r, stdout: pingTime(r.stdout) });
    }
    return results;
  };

  it('bearer token: ping, load, begin, get and child commands print the same from both CLIs', async () => {
    home.write(tokenFile([bearer(serverRegex(proxy))]));
    const before = proxy.accessLog().length;
    const expected = await session(real);
    for (const r of expected) assert.equal(r.code, 0, `${r.args.join(' ')}: ${r.stderr}`);
    assert.match(expected.at(-1)?.stdout ?? '', /task t .*state:complete/);
    const requests = await proxy.logged(before, expected.length);
    assert.equal(requests.length, expected.length, 'every command went through nginx');
    assert.ok(
      requests.every((r) => r.status === 200 && r.user === 'alice'),
      JSON.stringify(requests),
    );
    assert.deepEqual(await session(mine), expected);
    assert.deepEqual(
      (await proxy.logged(before, 2 * expected.length)).map((r) => `${r.status} ${r.user}`),
      Array(2 * expected.length).fill('200 alice'),
    );
  });

  it('basic token: the same, as user bob', async () => {
    home.write(tokenFile([basic('.*')]));
    const before = proxy.accessLog().length;
    for (const args of [['--ping'], ['--suites'], ['--get_state=/s/t']]) {
      const expected = await real(args);
      assert.equal(expected.code, 0, expected.stderr);
      const got = await mine(args);
      assert.deepEqual({ ...got, stdout: pingTime(got.stdout) }, { ...expected, stdout: pingTime(expected.stdout) });
    }
    assert.deepEqual(
      (await proxy.logged(before, 6)).map((r) => `${r.status} ${r.user}`),
      Array(6).fill('200 bob'),
    );
  });

  // What ecflow_client prints when the token is missing or refused: ClientInvoker's cfg() prints
  // why there is no token and sends the request without one; nginx's 401 is then the error.
  // A token file that is not JSON is reported in nlohmann::json's words after "parse error"
  // (position, what it expected), which our reader does not imitate: `known` leaves them out.
  const nlohmannDetail = (s: string) => s.replace(/(\[json\.exception\.parse_error\.101\] parse error)[^\n]*/, '$1 …');
  const failures: { name: string; file: () => string | null; env?: () => Record<string, string>; known?: (s: string) => string }[] = [
    { name: 'a wrong bearer key', file: () => tokenFile([bearer('.*', 'not-the-key')]) },
    { name: 'no token file', file: () => null },
    { name: 'a token for another server only', file: () => tokenFile([bearer('https://ecflow\\.example\\.int:443'), bearer('127\\.0\\.0\\.1')]) },
    { name: 'ECF_AUTHTOKENS naming a file that does not exist', file: () => tokenFile([bearer('.*')]), env: () => ({ ECF_AUTHTOKENS: path.join(home.dir, 'elsewhere.json') }) },
    { name: 'a token file that is not JSON', file: () => '{"version": 1, "tokens": [', known: nlohmannDetail },
    { name: 'a token file without a version', file: () => JSON.stringify({ tokens: [bearer('.*')] }) },
    { name: 'a token file of version 2', file: () => JSON.stringify({ version: 2, tokens: [bearer('.*')] }) },
    { name: 'a bearer token without its key', file: () => JSON.stringify({ version: 1, tokens: [{ server: '.*', type: 'bearer', api: { url: 'u', email: 'e' } }] }) },
    { name: 'a token of an unknown type', file: () => JSON.stringify({ version: 1, tokens: [{ server: '.*', type: 'digest', api: {} }] }) },
  ];
  for (const { name, file, env, known = (s: string) => s } of failures) {
    it(`${name}: both CLIs print the same and exit 1 after nginx's 401`, async () => {
      home.write(file());
      const before = proxy.accessLog().length;
      const expected = await real(['--ping'], env?.() ?? {});
      assert.equal(expected.code, 1, expected.stdout);
      assert.match(expected.stderr, /Unauthorized \(401\)/);
      const got = await mine(['--ping'], env?.() ?? {});
      assert.deepEqual({ ...got, stderr: known(got.stderr) }, { ...expected, stderr: known(expected.stderr) });
      assert.deepEqual(
        (await proxy.logged(before, 2)).map((r) => r.status),
        [401, 401],
      );
    });
  }

  it('ECF_AUTHTOKENS pointing at a token file elsewhere wins over HOME', async () => {
    home.write(tokenFile([bearer('.*', 'not-the-key')]));
    const elsewhere = path.join(home.dir, 'tokens.json');
    fs.writeFileSync(elsewhere, tokenFile([basic(serverRegex(proxy))]));
    const before = proxy.accessLog().length;
    const expected = await real(['--suites'], { ECF_AUTHTOKENS: elsewhere });
    assert.equal(expected.code, 0, expected.stderr);
    assert.deepEqual(await mine(['--suites'], { ECF_AUTHTOKENS: elsewhere }), expected);
    assert.deepEqual(
      (await proxy.logged(before, 2)).map((r) => `${r.status} ${r.user}`),
      ['200 bob', '200 bob'],
    );
  });

  it('our Client: ping, load, begin, get, sync and child commands', async () => {
    home.write(tokenFile([bearer(serverRegex(proxy))]));
    const before = proxy.accessLog().length;
    const c = client();
    assert.equal(typeof (await c.ping()), 'number');
    await c.load(DEFS, { force: true });
    await c.restartServer();
    await c.begin('s');
    assert.deepEqual(await c.suites(), ['s']);
    assert.equal((await c.syncLocal()).kind, 'full');
    const task = client({}, { path: '/s/t', password: 'FREE', rid: '4242', tryNo: 1 });
    await task.childInit('4242');
    await task.childEvent('e');
    await task.childMeter('m', 7);
    await task.childLabel('l', 'via nginx');
    await task.childComplete();
    const change = await c.syncLocal();
    assert.equal(change.kind, 'incremental');
    assert.ok(change.changedPaths.includes('/s/t'), JSON.stringify(change.changedPaths));
    const t = c.getDefs()?.findAbsNode('/s/t');
    assert.deepEqual(
      [t?.state, t?.events[0]?.value, t?.meters[0]?.value, t?.labels[0]?.newValue],
      ['complete', true, 7, 'via nginx'],
    );
    // What the real client reads from the server agrees.
    const state = await real(['--get_state=/s/t']);
    assert.equal(state.code, 0, state.stderr);
    assert.match(state.stdout, /task t .*state:complete/);
    assert.match(state.stdout, /label l "" # "via nginx"/);
    const requests = await proxy.logged(before, 12);
    assert.ok(
      requests.every((r) => r.status === 200 && r.user === 'alice'),
      JSON.stringify(requests),
    );
  });

  it('our Client: a refused token is an HttpStatusError 401; a missing token file is published, not printed', async () => {
    home.write(tokenFile([bearer('.*', 'not-the-key')]));
    const before = proxy.accessLog().length;
    const refused = client();
    await assert.rejects(refused.ping(), (e: unknown) => e instanceof HttpStatusError && e.code === ErrorCode.HTTP_STATUS && e.status === 401);
    home.write(null);
    const published: unknown[] = [];
    const listen = (message: unknown) => published.push(message);
    channels.tokenUnavailable.subscribe(listen);
    try {
      const missing = client();
      await assert.rejects(missing.ping(), (e: unknown) => e instanceof HttpStatusError && e.status === 401);
    } finally {
      channels.tokenUnavailable.unsubscribe(listen);
    }
    const file = path.resolve('.ecflowapirc'); // neither ECF_AUTHTOKENS nor a file in HOME: the working directory's
    assert.deepEqual(published, [{ request: '--ping', url: proxy.url, file, message: `Unable to open : ${file}, to load tokens.` }]);
    assert.deepEqual(
      (await proxy.logged(before, 2)).map((r) => r.status),
      [401, 401],
    );
  });

  it("our Client verifies nginx's certificate when given TLS options, and refuses one it cannot verify", async () => {
    home.write(tokenFile([bearer(serverRegex(proxy))]));
    assert.equal(typeof (await client({ https: { ca: proxy.certificate } }).ping()), 'number');
    await assert.rejects(client({ https: {} }).ping(), (e: unknown) => {
      assert.ok(e instanceof TlsError && e.code === ErrorCode.TLS, String(e));
      assert.ok(e.message.includes(`127.0.0.1:${proxy.port}`), e.message);
      assert.equal((e.cause as { code?: string } | undefined)?.code, 'DEPTH_ZERO_SELF_SIGNED_CERT', String(e.cause));
      return true;
    });
  });

  it('keep-alive: one Client sends its requests on one TLS connection to nginx; the saving measured', async (t) => {
    home.write(tokenFile([bearer(serverRegex(proxy))]));
    const N = 40;
    const c = client();
    let before = proxy.accessLog().length;
    await c.ping(); // connected, handshake done
    let started = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await c.ping();
    const kept = Number(process.hrtime.bigint() - started) / 1e6;
    const reused = await proxy.logged(before, N + 1);
    assert.equal(new Set(reused.map((r) => r.connection)).size, 1, `one connection: ${JSON.stringify(reused.map((r) => [r.connection, r.requests]))}`);
    const first = reused[0]?.requests ?? 0;
    assert.deepEqual(
      reused.map((r) => r.requests),
      reused.map((_, i) => first + i),
      'one request after the other on it',
    );

    before = proxy.accessLog().length;
    started = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await client().ping();
    const fresh = Number(process.hrtime.bigint() - started) / 1e6;
    const separate = await proxy.logged(before, N);
    assert.equal(new Set(separate.map((r) => r.connection)).size, N, 'a new Client is a new connection');
    assert.ok(!separate.some((r) => r.connection === reused[0]?.connection));
    t.diagnostic(`${N} pings through nginx: ${kept.toFixed(1)} ms on one kept-alive TLS connection (${(kept / N).toFixed(2)} ms each), ${fresh.toFixed(1)} ms with a new connection each (${(fresh / N).toFixed(2)} ms each)`);
  });

  it("the server behind nginx is down: nginx's 502, both CLIs alike, and our Client's HttpStatusError", async () => {
    home.write(tokenFile([bearer(serverRegex(proxy))]));
    await server.kill();
    try {
      const before = proxy.accessLog().length;
      const expected = await real(['--ping']);
      assert.equal(expected.code, 1, expected.stdout);
      assert.match(expected.stderr, /Bad Gateway \(502\)/);
      assert.deepEqual(await mine(['--ping']), expected);
      await assert.rejects(client().ping(), (e: unknown) => e instanceof HttpStatusError && e.status === 502);
      assert.deepEqual(
        (await proxy.logged(before, 3)).map((r) => r.status),
        [502, 502, 502],
      );
    } finally {
      await server.restart();
    }
    assert.equal(typeof (await client().ping()), 'number');
  });
});

describe('HTTPS through nginx: a server with a password file', { skip }, () => {
  let server: TestServer;
  let proxy: Nginx;
  const home = makeHome();
  const login = os.userInfo().username;
  const passwd = path.join(home.dir, 'server.passwd');
  const { real, ours: mine } = clis(
    () => server,
    () => proxy,
    () => home.dir,
  );
  /** The real ecflow_client and ours straight to the server's HTTP port, not through nginx. */
  const direct = async (args: readonly string[]) => {
    const argv = ['--http', '--host', '127.0.0.1', '--port', String(server.port), ...args];
    const env = ecfEnv(server.port, { HOME: home.dir });
    return { real: await run(server.ecflowClient, argv, env), ours: await ours(argv, env) };
  };

  before(async () => {
    server = await startServer({
      http: true,
      env: { ECF_PASSWD: passwd },
      beforeStart: (port) => fs.writeFileSync(passwd, `4.5.0\n${login} ${os.hostname()} ${port} secret1\n${login} localhost ${port} secret1\n${login} 127.0.0.1 ${port} secret1\n`),
      probe: { password: 'secret1' },
    });
    proxy = await startNginx({ upstreamPort: server.port, credentials });
    home.write(tokenFile([bearer('.*')]));
  });
  afterEach((t) => proxy?.showLogsIfFailed(t));
  after(async () => {
    await proxy?.stop();
    await server?.stop();
    home.remove();
  });

  it('refuses a direct HTTP user without a password, both CLIs alike', async () => {
    const { real: expected, ours: got } = await direct(['--suites']);
    assert.equal(expected.code, 1);
    assert.match(expected.stderr, /Authentication \(user command\) failed/);
    assert.deepEqual(got, expected);
  });

  it("accepts the proxy's authenticated user without a password, both CLIs and our Client", async () => {
    const expected = await real(['--suites']);
    assert.equal(expected.code, 0, expected.stderr);
    assert.deepEqual(await mine(['--suites']), expected);
    assert.deepEqual(await new Client({ protocol: 'https', host: '127.0.0.1', port: proxy.port, env: { HOME: home.dir } }).suites(), []);
    assert.deepEqual(
      (await proxy.logged(0, 3)).map((r) => `${r.status} ${r.user}`),
      ['200 alice', '200 alice', '200 alice'],
    );
  });

  // What makes the proxy's user authentic is only the pair of headers (HttpServer.cpp@5.17.0), so
  // anyone who reaches the server's port can be anyone: the port must be the proxy's alone.
  it('a direct request carrying X-Auth-Username and Authorization is trusted just the same', async () => {
    const body = encodeRequest(ctsCmd(CtsApi.SUITES), { user: { clientHost: os.hostname(), user: login } });
    const send = async (headers: Record<string, string>) => {
      const response = await fetch(`http://127.0.0.1:${server.port}/v1/ecflow`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
      assert.equal(response.status, 200);
      return decodeResponse(await response.text());
    };
    const refused = await send({});
    assert.equal(refused.type, 'ErrorCmd', JSON.stringify(refused));
    assert.deepEqual(await send({ 'X-Auth-Username': 'anyone', Authorization: 'Bearer anything' }), { type: 'SSuitesCmd', suites: [] });
  });
});

const skipHttp = !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !since(TEST_VERSION, 'http') ? `ecFlow ${TEST_VERSION} has no ecflow_server --http (5.14+)` : false;

describe('ecflow_server --http closes each connection after its reply', { skip: skipHttp }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ http: true });
  });
  after(async () => {
    await server?.stop();
  });

  // Why the proxy keeps no upstream connections (test/helpers/nginx.ts): an HTTP/1.1 request that
  // asks for nothing else gets its reply and then the end of the stream.
  it('an HTTP/1.1 request without Connection: close is answered, then the server ends the stream', async () => {
    const body = encodeRequest(ctsCmd(CtsApi.PING), { user: { clientHost: os.hostname(), user: os.userInfo().username } });
    const socket = net.connect(server.port, '127.0.0.1');
    let received = '';
    let ended = false;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    socket.on('end', () => {
      ended = true;
    });
    socket.write(`POST /v1/ecflow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    try {
      await until('the reply and the end of the stream', () => ended);
      assert.match(received, /^HTTP\/1\.1 200 OK\r\n/);
      assert.doesNotMatch(received, /^connection: close/im, 'the reply does not say it will close');
    } finally {
      socket.destroy();
    }
  });
});
