/**
 * TLS against a real ecflow_server started with ECF_SSL=1 and a certificate made in the test: our
 * Client and CLI talk TLS with it, the real ecflow_client agrees, and a plain client gets the EOF
 * ecFlow reports for "mixing ssl and non-ssl".
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execFile } from 'node:child_process';
import { ArgumentError, channels, Client, EcflowError, ErrorCode, type RequestDone, TlsError } from '../../packages/ecflow-ts/src/index.js';
import { since } from '../../packages/ecflow-ts/src/versions.js';
import { ECFLOW_CLIENT, haveEcflow, haveOpenssl, makeCertificates, run, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { ours } from '../helpers/our-cli.js';
import { pingTime } from '../helpers/parity.js';

const skip = !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !haveOpenssl() ? 'the openssl CLI is not installed' : false;


/** A HOME whose .ecflowrc/ssl holds a certificate of its own (not the server's). */
function otherHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-tls-other-'));
  makeCertificates(home);
  return home;
}

/** Our Client's call fails the handshake for `reason`, at once (ecflow_client does not retry it either). */
async function handshakeFails(client: Client, reason: string): Promise<void> {
  const started = Date.now();
  await assert.rejects(client.suites(), (e: unknown) => {
    assert.ok(e instanceof TlsError, String(e));
    assert.equal(e.code, ErrorCode.TLS);
    assert.equal(e.reason, reason);
    assert.equal(e.address.host, client.host);
    assert.match(e.message, new RegExp(`^TLS handshake with ${client.host}:${client.port} failed \\(${reason}\\)`));
    return true;
  });
  assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
}

/** What the handshake settled on for one request of `client`, as the client reports it. */
async function negotiated(client: Client): Promise<RequestDone['tls']> {
  let seen: RequestDone | undefined;
  const listen = (m: unknown) => {
    seen = m as RequestDone;
  };
  channels.request.subscribe(listen);
  try {
    await client.ping();
  } finally {
    channels.request.unsubscribe(listen);
  }
  return seen?.tls;
}

/** What `openssl s_client` negotiates with the server: its protocol and cipher. */
function opensslNegotiates(port: number, certificate: string): Promise<{ protocol: string; cipher: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile('openssl', ['s_client', '-connect', `localhost:${port}`, '-CAfile', certificate], { timeout: 20_000 }, (_error, stdout) => {
      const m = /New, (TLSv[\d.]+), Cipher is (\S+)/.exec(stdout);
      if (m) resolve({ protocol: m[1]!, cipher: m[2]! });
      else reject(new Error(`openssl s_client negotiated nothing: ${stdout}`));
    });
    child.stdin?.end();
  });
}

describe('TLS (ECF_SSL=1) against a real ecflow_server', { skip }, () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({ tls: true });
  });
  after(async () => {
    await server?.stop();
  });

  it('our Client with HOME and ECF_SSL=1 pings and reads the server version over TLS', async () => {
    const client = new Client({ env: server.env({ ECF_SSL: '1' }) });
    assert.equal(client.ssl, true);
    assert.equal(typeof (await client.ping()), 'number');
    const real = await server.real(['--server_version'], { env: { ECF_SSL: '1' } });
    assert.equal(real.code, 0, real.stderr);
    assert.equal(await client.serverVersion(), real.stdout.trim());
  });

  it('ssl: true as an option works like ECF_SSL=1', async () => {
    const client = new Client({ ssl: true, env: server.env() });
    assert.equal(client.ssl, true);
    assert.equal(typeof (await client.ping()), 'number');
  });

  it('enableSsl / disableSsl switch a long-lived client between TLS and plain TCP', async () => {
    const client = new Client({ env: server.env(), connectionAttempts: 1, connectTimeout: 5000, requestTimeout: 5000 });
    assert.equal(client.ssl, false);
    client.enableSsl();
    assert.equal(client.ssl, true);
    assert.equal(typeof (await client.ping()), 'number');
    client.disableSsl();
    assert.equal(client.ssl, false);
    await assert.rejects(client.ping(), (e: unknown) => e instanceof EcflowError && e.code === ErrorCode.EOF);
  });

  it('a plain client gets ECFLOW_EOF ("mixing ssl and non-ssl"), quickly', async () => {
    const client = new Client({ env: server.env(), connectionAttempts: 1, connectTimeout: 5000, requestTimeout: 5000 });
    assert.equal(client.ssl, false);
    const started = Date.now();
    await assert.rejects(client.ping(), (e: unknown) => {
      assert.ok(e instanceof EcflowError, String(e));
      assert.equal(e.code, ErrorCode.EOF, e.message);
      assert.match(e.message, /mixing ssl and non-ssl/);
      return true;
    });
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    // The server survives it.
    assert.equal(typeof (await new Client({ env: server.env({ ECF_SSL: '1' }) }).ping()), 'number');
  });

  it('the real ecflow_client agrees: it pings with ECF_SSL=1, and gets EOF without', async () => {
    const tls = await server.real(['--ping'], { env: { ECF_SSL: '1' } });
    assert.equal(tls.code, 0, tls.stderr);
    assert.match(tls.stdout, /ping server\(.*\) succeeded/);
    const plain = await server.real(['--ping']);
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /mixing ssl and non-ssl/);
  });

  it('our CLI --ssl --ping works and prints what ecflow_client prints', async () => {
    const mine = await ours(['--ssl', '--ping'], server.env());
    assert.equal(mine.code, 0, mine.stderr);
    assert.equal(mine.stderr, '');
    const real = await server.real(['--ssl', '--ping']);
    assert.equal(real.code, 0, real.stderr);
    assert.equal(pingTime(mine.stdout), pingTime(real.stdout));
  });

  it('our CLI without --ssl fails like ecflow_client (exit 1, EOF message)', async () => {
    const mine = await ours(['--ping'], server.env());
    const real = await server.real(['--ping']);
    assert.equal(mine.code, 1);
    assert.equal(mine.code, real.code);
    assert.equal(mine.stderr, real.stderr);
  });
});

describe('TLS: a certificate the client does not trust, and the TLS versions', { skip }, () => {
  let server: TestServer;
  let other: string;
  before(async () => {
    server = await startServer({ tls: true });
    other = otherHome();
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(other, { recursive: true, force: true });
  });

  it('a client trusting another certificate: our CLI prints what ecflow_client prints', async () => {
    for (const args of [['--ping'], ['--suites'], ['--ssl', '--suites']]) {
      const env: Record<string, string> = args[0] === '--ssl' ? { HOME: other } : { HOME: other, ECF_SSL: '1' };
      const real = await server.real(args, { env });
      assert.equal(real.code, 1, real.stdout);
      assert.match(real.stderr, /SslClient::handle_handshake: error\(certificate verify failed\)/);
      assert.deepEqual(await ours(args, server.env(env)), real);
    }
  });

  it('a client trusting another certificate: our Client rejects with a TlsError, not retried', async () => {
    await handshakeFails(new Client({ ssl: true, env: server.env({ HOME: other }) }), 'certificate verify failed');
  });

  it('the handshake settles on what the server offers (openssl s_client agrees); 5.16+ refuses TLS 1.2', async () => {
    const client = new Client({ ssl: true, env: server.env() });
    const mine = await negotiated(client);
    assert.deepEqual(mine, await opensslNegotiates(server.port, server.tls!.certificate));
    if (since(TEST_VERSION, 'tls13Only')) assert.equal(mine?.protocol, 'TLSv1.3');
    const ca = fs.readFileSync(server.tls!.certificate);
    const tls12 = new Client({ host: 'localhost', port: server.port, ssl: { ca, checkServerIdentity: () => undefined, maxVersion: 'TLSv1.2' } });
    if (since(TEST_VERSION, 'tls13Only')) await handshakeFails(tls12, 'tlsv1 alert protocol version');
    else assert.equal((await negotiated(tls12))?.protocol, 'TLSv1.2');
  });
});

describe('TLS against a plain ecflow_server', { skip }, () => {
  let server: TestServer;
  let home: string;
  before(async () => {
    server = await startServer();
    home = otherHome();
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('our CLI prints what ecflow_client prints', async () => {
    for (const args of [['--ping'], ['--suites']]) {
      const real = await server.real(args, { env: { HOME: home, ECF_SSL: '1' } });
      assert.equal(real.code, 1, real.stdout);
      assert.match(real.stderr, /SslClient::handle_handshake: error\(wrong version number\) on localhost:\d+ possibly non-ssl server/);
      assert.deepEqual(await ours(args, server.env({ HOME: home, ECF_SSL: '1' })), real);
    }
  });

  it('our Client rejects with a TlsError, not retried; the server keeps serving', async () => {
    await handshakeFails(new Client({ ssl: true, env: server.env({ HOME: home }) }), 'wrong version number');
    assert.equal(typeof (await server.client().ping()), 'number');
  });
});

describe('TLS requested but no certificate', { skip: haveEcflow ? false : `ecFlow ${TEST_VERSION} is not installed` }, () => {
  let home: string;
  before(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-tls-empty-'));
  });
  after(() => {
    fs.rmSync(home, { recursive: true, force: true });
  });
  const env = () => ({ HOME: home, ECF_HOST: 'localhost', ECF_PORT: '3141', PATH: process.env.PATH ?? '' });
  const realClient = (args: string[], extra: Record<string, string>) => run(ECFLOW_CLIENT, args, { ...env(), ...extra });

  it('the Client constructor throws an ArgumentError naming the expected files', () => {
    assert.throws(
      () => new Client({ env: { ...env(), ECF_SSL: '1' } }),
      (e: unknown) => e instanceof ArgumentError && e.code === ErrorCode.ARGUMENT && /server\.crt \*OR\* .*\.3141\.crt/.test(e.message),
    );
  });

  for (const [label, args, extra] of [
    ['--ssl', ['--ssl', '--ping'], {}],
    ['ECF_SSL=1', ['--ping'], { ECF_SSL: '1' }],
  ] as const) {
    it(`our CLI prints what ecflow_client prints (${label})`, async () => {
      const mine = await ours(args, { ...env(), ...extra });
      const real = await realClient([...args], extra);
      assert.equal(mine.code, 1);
      assert.equal(real.code, 1);
      // ecflow_client names itself by its path in the args line (`argc=N, argv=[path, …]` after 5.9); ours by its name.
      const argv0 = (s: string) => s.replace(/^args: \S+/m, 'args: X').replace(/^(argc=\d+, argv=\[)[^,\]]+/m, '$1X');
      assert.equal(argv0(mine.stderr), argv0(real.stderr));
    });
  }
});
