/**
 * The HTTP/HTTPS transport (ecflow_server --http, 5.14+), with the real ecflow_client of the
 * release under test as the oracle: what it prints when the server is dead, answers another
 * status, answers nothing or garbage, or sits behind an HTTPS reverse proxy (a small one here;
 * certificate checks, tokens, keep-alive), and where our library differs on purpose (no printing,
 * coded errors, keep-alive, abort). `--http`/`--https` themselves are checked on every release (they
 * are unknown before 5.14). The commands over HTTP are in cli-parity (every row, --http and
 * ECF_HOST_PROTOCOL=HTTP), client-python (every Client method) and child-commands (jobs).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TokenUnavailable } from '../../packages/ecflow-ts/src/client/diagnostics.js';
import { AbortError, channels, Client, ConnectionError, EcflowError, ErrorCode, HttpStatusError, parseDefs, printDefs, TlsError, UnreachableError } from '../../packages/ecflow-ts/src/index.js';
import { since } from '../../packages/ecflow-ts/src/versions.js';
import { ecfEnv, haveEcflow, haveOpenssl, type RunResult, run, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { deadPort, type FakeHttpServer, replyBody, startFakeHttpServer } from '../helpers/fake-server.js';
import { ours } from '../helpers/our-cli.js';
import { until } from '../helpers/until.js';
import { normalizeRun, pingTime, version } from '../helpers/parity.js';

const hasHttp = since(TEST_VERSION, 'http');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-http-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What two runs of the same command line may differ in: times, ports, argv[0], the build. */
const norm = (s: string, ...ports: number[]) => pingTime(version(normalizeRun(s, { ports })));
const view = (r: RunResult, ...ports: number[]) => ({ stdout: norm(r.stdout, ...ports), stderr: norm(r.stderr, ...ports), code: r.code });

/** The real ecflow_client and ours, side by side, with the same arguments and environment. */
async function both(client: string, args: readonly string[], env: Record<string, string>, ...ports: number[]): Promise<{ theirs: RunResult; mine: RunResult }> {
  const [theirs, mine] = await Promise.all([run(client, args, env), ours(args, env)]);
  assert.deepEqual(view(mine, ...ports), view(theirs, ...ports), `ecflow_client ${args.join(' ')}`);
  return { theirs, mine };
}

/** What a channel publishes while `body` runs. */
async function published<T>(channel: { subscribe(f: (m: unknown) => void): void; unsubscribe(f: (m: unknown) => void): void }, body: () => Promise<unknown>): Promise<T[]> {
  const seen: T[] = [];
  const f = (m: unknown) => seen.push(m as T);
  channel.subscribe(f);
  try {
    await body().catch(() => undefined);
  } finally {
    channel.unsubscribe(f);
  }
  return seen;
}

const ok = replyBody('StcCmd', { api_: 0 });

describe('--http and --https on the command line (unknown options before 5.14)', { skip: !haveEcflow && `ecFlow ${TEST_VERSION} is not installed` }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.stop());

  it('parse, and against a plain TCP server fail, as ecflow_client does', async () => {
    const env = ecfEnv(server.port);
    for (const args of [['--http', '--ping'], ['--https', '--suites'], ['--htt', '--ping'], ['--http', '--http', '--ping'], ['--http', '--https', '--ping']]) {
      await both(server.ecflowClient, args, env, server.port);
    }
  });

  it('ECF_HOST_PROTOCOL: SSL alone is plain TCP, a lower-case http is no protocol, HTTP sends HTTP', async () => {
    for (const value of ['SSL', 'PLAIN', 'http', 'bogus', 'HTTP']) {
      await both(server.ecflowClient, ['--ping'], ecfEnv(server.port, { ECF_HOST_PROTOCOL: value }), server.port);
    }
    // The library reads it the same way.
    assert.equal(new Client({ port: server.port, env: { ECF_HOST_PROTOCOL: 'SSL' } }).protocol, 'tcp');
    assert.ok((await new Client({ port: server.port, env: { ECF_HOST_PROTOCOL: 'SSL' } }).ping()) >= 0);
  });
});

describe('over HTTP (ecflow_server --http, 5.14+)', { skip: !hasHttp ? `ecFlow ${TEST_VERSION} has no --http (5.14+)` : !haveEcflow && `ecFlow ${TEST_VERSION} is not installed` }, () => {
  let server: TestServer;
  let fake: FakeHttpServer | undefined;
  let behaviour: Parameters<typeof startFakeHttpServer>[0] = () => ({ status: 200, body: ok });
  before(async () => {
    server = await startServer({ http: true });
    fake = await startFakeHttpServer((r) => behaviour(r));
  });
  after(async () => {
    await fake?.close();
    await server?.stop();
  });
  /** The fake's environment for both command lines, over HTTP. */
  const fakeEnv = (extra: Record<string, string> = {}) => ecfEnv(fake!.port, { ECF_HOST: '127.0.0.1', ...extra });

  it('a TCP client gets EOF from it: the library says why, the command line what ecflow_client says', async () => {
    const tcp = new Client({ port: server.port, protocol: 'tcp', env: {}, connectionAttempts: 1 });
    await assert.rejects(tcp.ping(), (e: unknown) => e instanceof ConnectionError && e.code === ErrorCode.EOF && /--http \(protocol 'http'\)/.test(e.message));
    await both(server.ecflowClient, ['--suites'], ecfEnv(server.port, { ECF_HOST_PROTOCOL: 'PLAIN' }), server.port);
    // Over HTTP it answers, and ecflow_client over HTTP agrees with the library.
    const client = server.client();
    assert.equal(client.protocol, 'http');
    assert.equal(await client.serverVersion(), (await server.real(['--server_version'])).stdout.trim());
    client.close();
  });

  it('no server, no reply, other statuses: not retried, printed as ecflow_client prints them', async () => {
    const dead = await deadPort();
    const started = performance.now();
    for (const args of [['--http', '--suites'], ['--http', '--ping'], ['--https', '--suites']]) await both(server.ecflowClient, args, ecfEnv(dead, { ECF_HOST: '127.0.0.1' }), dead);
    assert.ok(performance.now() - started < 5000, 'no retry sleep');
    const failed = await published(channels.attemptFailed, async () => {
      const error = await new Client({ host: '127.0.0.1', port: dead, protocol: 'http', env: {} }).suites().catch((e: unknown) => e);
      assert.ok(error instanceof ConnectionError && !(error instanceof UnreachableError) && error.code === ErrorCode.CONNECT, String(error));
    });
    assert.deepEqual(failed, [], 'an HTTP failure is no failed attempt to retry');

    for (const status of [404, 502, 599]) {
      behaviour = () => ({ status, body: 'refused' });
      const seen = fake!.requests.length;
      await both(server.ecflowClient, ['--http', '--suites'], fakeEnv(), fake!.port);
      const error = await new Client({ host: '127.0.0.1', port: fake!.port, protocol: 'http', env: {} }).suites().catch((e: unknown) => e);
      assert.ok(error instanceof HttpStatusError && error.status === status && error.code === ErrorCode.HTTP_STATUS, String(error));
      assert.equal(fake!.requests.length, seen + 3, 'one request each, none retried');
    }
    behaviour = () => 'drop';
    await both(server.ecflowClient, ['--http', '--suites'], fakeEnv(), fake!.port);
    const error = await new Client({ host: '127.0.0.1', port: fake!.port, protocol: 'http', env: {} }).suites().catch((e: unknown) => e);
    assert.ok(error instanceof ConnectionError && error.code === ErrorCode.EOF, String(error));
  });

  it('a 200 that is no reply is retried as a connection error, and then "Is the server running ?"', async () => {
    behaviour = () => ({ status: 200, body: '<html>proxy page</html>', close: true });
    const seen = fake!.requests.length;
    // ecflow_client waits 10 s between its two attempts; both clients run at once.
    await both(server.ecflowClient, ['--http', '--suites'], fakeEnv(), fake!.port);
    assert.equal(fake!.requests.length, seen + 4, 'two attempts each');
    const error = await new Client({ host: '127.0.0.1', port: fake!.port, protocol: 'http', env: {}, retryPeriod: 10 }).suites().catch((e: unknown) => e);
    assert.ok(error instanceof UnreachableError && error.attempts === 2, String(error));
  });

  it('tokens: both clients send the same Authorization; a missing token file is said on stderr by the CLI only', async () => {
    behaviour = () => ({ status: 200, body: replyBody('SSuitesCmd', { suites_: [] }), close: true });
    const tokens = path.join(dir, 'tokens.json');
    const headerOf = async (env: Record<string, string>): Promise<(string | undefined)[]> => {
      const from = fake!.requests.length;
      await both(server.ecflowClient, ['--http', '--suites'], fakeEnv(env), fake!.port);
      return fake!.requests.slice(from).map((r) => r.headers.authorization);
    };
    const url = `http://127.0.0.1:${fake!.port}`;
    fs.writeFileSync(tokens, JSON.stringify({ version: 1, tokens: [{ server: 'https://.*', type: 'bearer', api: { url: 'u', key: 'NOT-THIS', email: 'e' } }, { server: url, type: 'bearer', api: { url: 'u', key: 'K3Y', email: 'e' } }] }));
    assert.deepEqual(await headerOf({ ECF_AUTHTOKENS: tokens }), ['Bearer K3Y', 'Bearer K3Y']);
    fs.writeFileSync(tokens, JSON.stringify({ version: 1, tokens: [{ server: 'http://127\\.0\\.0\\.1:\\d+', type: 'basic', api: { username: 'us', password: 'p:w' } }] }));
    assert.deepEqual(await headerOf({ ECF_AUTHTOKENS: tokens }), [`Basic ${Buffer.from('us:p:w').toString('base64')}`, `Basic ${Buffer.from('us:p:w').toString('base64')}`]);
    // Files it cannot use: said on stderr, and the request goes without.
    for (const text of ['{"version":2}', '{"tokens":[]}', '', '{"version":1,"tokens":[{"server":"x","type":"basic","api":{"username":"a"}}]}', `{"version":1,"tokens":[{"server":"https://.*","type":"basic","api":{"username":"a","password":"b"}}]}`]) {
      fs.writeFileSync(tokens, text);
      assert.deepEqual(await headerOf({ ECF_AUTHTOKENS: tokens }), [undefined, undefined], text);
    }
    assert.deepEqual(await headerOf({ ECF_AUTHTOKENS: path.join(dir, 'none.json') }), [undefined, undefined]);
    // $HOME/.ecflowapirc before ./.ecflowapirc.
    const home = path.join(dir, 'home');
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(path.join(home, '.ecflowapirc'), JSON.stringify({ version: 1, tokens: [{ server: '.*', type: 'bearer', api: { url: 'u', key: 'HOME', email: 'e' } }] }));
    assert.deepEqual(await headerOf({ HOME: home }), ['Bearer HOME', 'Bearer HOME']);

    // The library prints nothing; it publishes.
    const writes: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => writes.push(String(chunk)) > 0);
    let said: TokenUnavailable[];
    try {
      said = await published<TokenUnavailable>(channels.tokenUnavailable, () => new Client({ host: '127.0.0.1', port: fake!.port, protocol: 'http', env: { ECF_AUTHTOKENS: path.join(dir, 'none.json') } }).suites());
    } finally {
      process.stderr.write = write;
    }
    assert.deepEqual(writes, []);
    assert.deepEqual(said.map((m) => [m.message, m.url, m.request]), [[`Unable to open : ${path.join(dir, 'none.json')}, to load tokens.`, url, '--suites']]);
  });

  it('abort mid-request: the socket closes at once and the call rejects with ECFLOW_ABORTED', async () => {
    behaviour = () => 'stall';
    const client = new Client({ host: '127.0.0.1', port: fake!.port, protocol: 'http', env: {} });
    const abort = new AbortController();
    const seen = fake!.requests.length;
    const call = client.suites({ signal: abort.signal }).catch((e: unknown) => e);
    await until('the request to arrive', () => fake!.requests.length > seen);
    const abortedAt = performance.now();
    abort.abort();
    const error = await call;
    assert.ok(error instanceof AbortError && error.code === ErrorCode.ABORTED, String(error));
    assert.ok(performance.now() - abortedAt < 500, 'at once');
    const { connection } = fake!.requests[seen]!;
    await until('the fake to see the connection closed', () => !fake!.isOpen(connection));
    client.close();
  });

  it('keep-alive: one connection for many requests; a reused socket closed under the request is retried once on a new one', async () => {
    behaviour = () => ({ status: 200, body: ok });
    const client = new Client({ host: '127.0.0.1', port: fake!.port, protocol: 'http', env: {} });
    const from = fake!.connections;
    for (let i = 0; i < 10; i++) await client.ping();
    assert.equal(fake!.connections - from, 1, 'ten pings, one connection');
    // The peer closes the kept connection as the next request arrives on it, without a reply.
    behaviour = (r) => (r.before > 0 ? 'drop' : { status: 200, body: ok });
    assert.ok((await client.ping()) >= 0);
    assert.equal(fake!.connections - from, 2, 'the retry came on a new connection');
    // A new connection cut before the reply is no stale socket: no retry.
    behaviour = () => 'drop';
    client.close();
    const seen = fake!.requests.length;
    await assert.rejects(client.ping(), (e: unknown) => e instanceof EcflowError && e.code === ErrorCode.EOF);
    assert.equal(fake!.requests.length - seen, 1);
    client.close();
  });

  it('a client in a using block closes its kept connection at the end of the block', async () => {
    behaviour = () => ({ status: 200, body: ok });
    let connection: number;
    {
      using client = new Client({ host: '127.0.0.1', port: fake!.port, protocol: 'http', env: {} });
      const seen = fake!.requests.length;
      await client.ping();
      connection = fake!.requests[seen]!.connection;
      assert.ok(fake!.isOpen(connection), 'kept open while the client is in scope');
    }
    await until('the kept connection to close when the block ends', () => !fake!.isOpen(connection));
  });

  it('ecflow_server --http closes after every reply: a busy client never fails on it', async () => {
    const client = server.client();
    const requests = await published(channels.request, async () => {
      for (let i = 0; i < 100; i++) await client.ping();
    });
    assert.equal(requests.length, 100);
    client.close();
  });

  it('incremental sync over HTTP: news and sync bring the mirror to what the server holds', async () => {
    const defs = path.join(dir, 'sync.def');
    fs.writeFileSync(defs, 'suite hs\n  family f\n    task t\n      event e\n  endfamily\nendsuite\n');
    assert.equal((await server.real([`--load=${defs}`])).code, 0);
    const client = server.client();
    assert.equal((await client.syncLocal()).kind, 'full');
    assert.equal((await client.syncLocal()).kind, 'none');
    assert.equal((await server.real(['--suspend=/hs/f'])).code, 0);
    assert.equal((await server.real(['--alter', 'add', 'variable', 'V', 'x', '/hs/f/t'])).code, 0);
    assert.equal(await client.newsLocal(), true);
    const change = await client.syncLocal();
    assert.equal(change.kind, 'incremental');
    const print = (text: string) => printDefs(parseDefs(text, { check: false, version: server.version }), { style: 'state', version: server.version });
    assert.equal(printDefs(client.getDefs()!, { style: 'state', version: server.version }), print((await server.client().syncFull()).defs));
    client.close();
  });

  it('--debug prints the lines of --http and --https where ecflow_client does', async () => {
    const env = server.env();
    for (const args of [['--debug', '--http', '--ping'], ['--debug', '--https', '--http', '--suites']]) {
      const [theirs, mine] = await Promise.all([run(server.ecflowClient, args, ecfEnv(server.port, env)), ours(args, ecfEnv(server.port, env))]);
      const tail = (s: string) => s.split('ECF_DEBUG_CLIENT = 1\n\n')[1]!.split('\n').filter((l) => / set via command line$/.test(l));
      assert.deepEqual(tail(mine.stdout), tail(theirs.stdout));
      assert.ok(tail(mine.stdout).length > 0);
    }
  });

  describe('https through a reverse proxy', { skip: !haveOpenssl() && 'no openssl to make a certificate' }, () => {
    let proxy: https.Server;
    let port: number;
    let cert: Buffer;
    const seen: { authorization: string | undefined; connection: number }[] = [];
    let tlsConnections = 0;
    before(async () => {
      const key = path.join(dir, 'proxy.key');
      const crt = path.join(dir, 'proxy.crt');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '2', '-subj', '/CN=ecflow-ts-proxy'], { stdio: 'ignore' });
      cert = fs.readFileSync(crt);
      // What nginx does in front of ecflow_server --http: TLS here, plain HTTP behind, one upstream request each.
      proxy = https.createServer({ key: fs.readFileSync(key), cert, keepAliveTimeout: 60_000 }, (req, res) => {
        seen.push({ authorization: req.headers.authorization, connection: (req.socket as net.Socket & { id?: number }).id ?? 0 });
        // A new upstream connection each (agent: false), as ecflow_server closes every one after its reply.
        const upstream = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/v1/ecflow', agent: false, headers: { 'Content-Type': 'application/json' } }, (reply) => {
          res.writeHead(reply.statusCode ?? 502, { 'Content-Type': 'application/json' });
          reply.pipe(res);
        });
        upstream.on('error', () => res.writeHead(502).end());
        req.pipe(upstream);
      });
      proxy.on('secureConnection', (socket: net.Socket & { id?: number }) => {
        socket.id = ++tlsConnections;
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
      port = (proxy.address() as net.AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => proxy?.close(() => resolve())));

    it('ecflow_client --https and ours: the same output, no certificate check by default, and tokens', async () => {
      const tokens = path.join(dir, 'https-tokens.json');
      fs.writeFileSync(tokens, JSON.stringify({ version: 1, tokens: [{ server: `https://127.0.0.1:${port}`, type: 'bearer', api: { url: 'u', key: 'TLS-KEY', email: 'e' } }] }));
      const from = seen.length;
      for (const args of [['--https', '--suites'], ['--https', '--server_version'], ['--https', '--ping']]) {
        await both(server.ecflowClient, args, ecfEnv(port, { ECF_HOST: '127.0.0.1', ECF_AUTHTOKENS: tokens }), port);
      }
      assert.deepEqual(seen.slice(from).map((s) => s.authorization), Array(6).fill('Bearer TLS-KEY'));
      // ECF_HOST_PROTOCOL=HTTPS too.
      await both(server.ecflowClient, ['--suites'], ecfEnv(port, { ECF_HOST: '127.0.0.1', ECF_HOST_PROTOCOL: 'HTTPS' }), port);
    });

    it('the library verifies the certificate when given TLS options, and keeps its TLS connection', async () => {
      const client = new Client({ host: '127.0.0.1', port, env: {} });
      client.enableHttps();
      assert.equal(client.protocol, 'https');
      assert.equal(client.ssl, false);
      const before = tlsConnections;
      for (let i = 0; i < 5; i++) await client.ping();
      assert.equal(tlsConnections - before, 1, 'five requests, one TLS handshake');
      // Asked to verify, a self-signed certificate is refused, before anything is sent.
      client.enableHttps({ rejectUnauthorized: true });
      await assert.rejects(client.ping(), (e: unknown) => e instanceof TlsError && e.code === ErrorCode.TLS && e.reason === 'certificate verify failed' && /self.signed/i.test(String((e.cause as Error).message)));
      // Trusted as its own CA (the name is not the host's, as ecflow_client's TLS does not check it either).
      client.enableHttps({ ca: cert, checkServerIdentity: () => undefined });
      assert.ok((await client.ping()) >= 0);
      client.enableHttp();
      assert.equal(client.protocol, 'http');
      await assert.rejects(client.ping(), (e: unknown) => e instanceof EcflowError && e.code === ErrorCode.EOF, 'plain HTTP to a TLS port gets no HTTP reply');
      client.close();
    });
  });
});
