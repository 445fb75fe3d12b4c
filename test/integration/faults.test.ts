/**
 * Faults a real ecflow_server cannot be made to produce, served by an in-process fake: every one must
 * reject with an EcflowError of the right code and a message naming what went wrong, promptly, with
 * the socket released; a slow but correct reply must still succeed; and the process must keep
 * working afterwards.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AttemptFailed } from '../../packages/ecflow-ts/src/client/diagnostics.js';
import { Client, type ClientOptions, channels, EcflowError, ErrorCode } from '../../packages/ecflow-ts/src/index.js';
import { type Behaviour, deadPort, type FakeServer, frame, replyBody, startFakeServer } from '../helpers/fake-server.js';
import { ours } from '../helpers/our-cli.js';
import { until } from '../helpers/until.js';

/** Per-phase timeouts are small so that a hang shows up as a failure within the bound. */
const CONNECT_MS = 1000;
const REQUEST_MS = 400;
/** The most any single fault may take before we call it a hang. */
const BOUND_MS = 3000;

const servers: FakeServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function fake(behaviour: Behaviour): Promise<FakeServer> {
  const server = await startFakeServer(behaviour);
  servers.push(server);
  return server;
}

function clientOf(server: { host: string; port: number }, options: ClientOptions = {}): Client {
  return new Client({
    host: server.host,
    port: server.port,
    env: {},
    connectionAttempts: 1,
    retryPeriod: 20,
    connectTimeout: CONNECT_MS,
    requestTimeout: REQUEST_MS,
    ...options,
  });
}

/** Fails the test instead of hanging it when `promise` does not settle within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms (hang)`)), ms);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** Awaits a rejection and checks it is an EcflowError with `code` and a message matching `message`. */
async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<EcflowError> {
  const started = Date.now();
  const error = await within(
    promise.then(
      (value) => {
        throw new assert.AssertionError({ message: `expected a rejection with ${code}, resolved with ${JSON.stringify(value)}` });
      },
      (e: unknown) => e,
    ),
    BOUND_MS,
    `a request expected to fail with ${code}`,
  );
  if (error instanceof assert.AssertionError) throw error;
  assert.ok(error instanceof EcflowError, `expected an EcflowError, got ${String(error)}`);
  assert.equal(error.code, code, `code of "${error.message}"`);
  assert.match(error.message, message);
  assert.ok(Date.now() - started < BOUND_MS);
  return error;
}

/** Polls until the fake sees every connection closed: the client must not leak sockets. */
async function released(server: FakeServer): Promise<void> {
  await until('the client to close its connections', () => server.openSockets === 0, BOUND_MS).catch(() =>
    assert.fail(`${server.openSockets} connection(s) still open ${BOUND_MS} ms after the client gave up`),
  );
}

const ok = (): Buffer => frame(replyBody('StcCmd', { api_: 0 }));

/** A well-behaved fake: reads the request and answers OK, for "the process keeps working". */
async function healthyPing(): Promise<void> {
  const healthy = await fake(async (c) => {
    await c.request();
    c.socket.end(ok());
  });
  const ms = await within(clientOf(healthy).ping(), BOUND_MS, 'ping of a healthy fake');
  assert.equal(typeof ms, 'number');
  assert.equal(healthy.requests.length, 1);
}

describe('transport and protocol faults (fake server)', () => {
  it('garbage header "zzzzzzzz" → ECFLOW_PROTOCOL naming the header', async () => {
    const server = await fake(async (c) => {
      await c.request();
      c.socket.write('zzzzzzzz'); // and keep the connection open: the header alone must fail it
    });
    await rejectsWith(clientOf(server).ping(), ErrorCode.PROTOCOL, /header.*zzzzzzzz/);
    await released(server);
    await healthyPing();
  });

  it('header announcing ffffffff bytes → ECFLOW_PROTOCOL at once, without waiting for the body', async () => {
    const server = await fake(async (c) => {
      await c.request();
      c.socket.write('ffffffff{');
    });
    const error = await rejectsWith(clientOf(server, { requestTimeout: 10_000 }).ping(), ErrorCode.PROTOCOL, /4294967295/);
    assert.match(error.message, /limit/);
    await released(server);
  });

  it('maxFrameBytes is the bound: a 5000-byte reply with maxFrameBytes 1024 → ECFLOW_PROTOCOL', async () => {
    const server = await fake(async (c) => {
      await c.request();
      c.socket.write(frame(replyBody('SStringCmd', { str_: 'x'.repeat(5000) })).subarray(0, 20));
    });
    const error = await rejectsWith(clientOf(server, { maxFrameBytes: 1024, requestTimeout: 10_000 }).serverVersion(), ErrorCode.PROTOCOL, /1024/);
    assert.match(error.message, /more than the limit/);
    await released(server);
  });

  it('truncated JSON (framed with its own length) then close → ECFLOW_PROTOCOL "not valid JSON"', async () => {
    const whole = replyBody('StcCmd', { api_: 0 });
    const server = await fake(async (c) => {
      await c.request();
      c.socket.end(frame(whole.slice(0, Math.floor(whole.length / 2))));
    });
    await rejectsWith(clientOf(server).ping(), ErrorCode.PROTOCOL, /not valid JSON/);
    await released(server);
  });

  it('invalid JSON → ECFLOW_PROTOCOL quoting the body', async () => {
    const server = await fake(async (c) => {
      await c.request();
      c.socket.write(frame('{this is not json}'));
    });
    await rejectsWith(clientOf(server).ping(), ErrorCode.PROTOCOL, /not valid JSON.*this is not json/);
    await released(server);
  });

  it('valid JSON that is no ServerToClientResponse → ECFLOW_PROTOCOL', async () => {
    const server = await fake(async (c) => {
      await c.request();
      c.socket.write(frame('{"22ServerToClientResponse": {"nothing": 1}}'));
    });
    await rejectsWith(clientOf(server).ping(), ErrorCode.PROTOCOL, /stc_cmd_/);
    await released(server);
  });

  it('valid JSON of an unknown reply class → ECFLOW_PROTOCOL naming the class', async () => {
    const server = await fake(async (c) => {
      await c.request();
      c.socket.write(frame(replyBody('SNoSuchReplyCmd', { whatever_: 1 })));
    });
    await rejectsWith(clientOf(server).ping(), ErrorCode.PROTOCOL, /SNoSuchReplyCmd/);
    await released(server);
  });

  it('a reply of the wrong class for the command → ECFLOW_PROTOCOL naming both classes', async () => {
    const server = await fake(async (c) => {
      await c.request();
      c.socket.write(frame(replyBody('SNewsCmd', { news_: 1 })));
    });
    await rejectsWith(clientOf(server).serverVersion(), ErrorCode.PROTOCOL, /SStringCmd.*SNewsCmd/);
    await released(server);
  });

  it('a reply split into 1-byte chunks with delays → succeeds with the exact text', async () => {
    const version = `fake-${process.pid}-é✓`; // multi-byte characters split across chunks too
    const server = await fake(async (c) => {
      await c.request();
      const bytes = frame(replyBody('SStringCmd', { str_: version }));
      for (let i = 0; i < bytes.length; i++) {
        if (c.socket.destroyed) return;
        c.socket.write(bytes.subarray(i, i + 1));
        await sleep(1);
      }
      c.socket.end();
    });
    const got = await within(clientOf(server, { requestTimeout: 10_000 }).serverVersion(), 15_000, 'chunked reply');
    assert.equal(got, version);
    // The request itself was a well-formed frame our fake could read.
    const request = JSON.parse(server.requests[0]!) as Record<string, unknown>;
    assert.ok('21ClientToServerRequest' in request);
  });

  it('a stall (accepts, reads, never answers) → ECFLOW_TIMEOUT after requestTimeout', async () => {
    const server = await fake(async (c) => {
      await c.request();
    });
    const started = Date.now();
    const error = await rejectsWith(clientOf(server).ping(), ErrorCode.TIMEOUT, /0\.4 seconds/);
    assert.match(error.message, /no reply|timed out/);
    assert.ok(Date.now() - started >= REQUEST_MS - 50, 'must wait for the request timeout, not give up early');
    await released(server);
  });

  it('connection cut mid-body (FIN) → ECFLOW_EOF saying how much arrived', async () => {
    const server = await fake(async (c) => {
      await c.request();
      const bytes = frame(replyBody('SStringCmd', { str_: 'y'.repeat(200) }));
      c.socket.end(bytes.subarray(0, 8 + 50));
    });
    const error = await rejectsWith(clientOf(server).serverVersion(), ErrorCode.EOF, /closed the connection after 50 of \d+ body bytes/);
    assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${server.port}`));
    await released(server);
  });

  it('connection reset mid-body (RST) → ECFLOW_EOF naming the reset', async () => {
    const server = await fake(async (c) => {
      await c.request();
      c.socket.write(frame(replyBody('SStringCmd', { str_: 'z'.repeat(200) })).subarray(0, 30));
      await sleep(20);
      c.socket.resetAndDestroy();
    });
    await rejectsWith(clientOf(server).serverVersion(), ErrorCode.EOF, /ECONNRESET|reset/);
  });

  it('half a header then close → ECFLOW_EOF', async () => {
    const server = await fake(async (c) => {
      await c.request();
      c.socket.end('   ');
    });
    await rejectsWith(clientOf(server).ping(), ErrorCode.EOF, /3 of 8 header bytes/);
    await released(server);
  });

  it('reads the request, then closes without a reply → ECFLOW_EOF "did not reply"', async () => {
    const server = await fake(async (c) => {
      await c.request();
      c.socket.end();
    });
    await rejectsWith(clientOf(server).ping(), ErrorCode.EOF, /did not reply/);
    await released(server);
    assert.equal(server.connections, 1, 'EOF is final: no second attempt');
  });

  it('accepts, then closes at once → ECFLOW_EOF', async () => {
    const server = await fake((c) => {
      c.socket.end();
    });
    await rejectsWith(clientOf(server).ping(), ErrorCode.EOF, /did not reply|ECONNRESET|EPIPE/);
    await released(server);
  });

  it('refused port → ECFLOW_CONNECT "Failed to connect"', async () => {
    const port = await deadPort();
    await rejectsWith(clientOf({ host: '127.0.0.1', port }).ping(), ErrorCode.CONNECT, new RegExp(`Failed to connect to 127\\.0\\.0\\.1:${port}\\. After 1 attempts`));
  });

  it('refused port with connectionAttempts 2 → attemptFailed fires twice, then ECFLOW_CONNECT', async () => {
    const port = await deadPort();
    const seen: AttemptFailed[] = [];
    const listener = (message: unknown) => {
      const m = message as AttemptFailed;
      if (m.port === String(port)) seen.push(m);
    };
    channels.attemptFailed.subscribe(listener);
    try {
      const error = await rejectsWith(
        clientOf({ host: '127.0.0.1', port }, { connectionAttempts: 2, retryPeriod: 30 }).ping(),
        ErrorCode.CONNECT,
        /After 2 attempts/,
      );
      assert.ok(error.cause instanceof Error, 'the last attempt error is kept as the cause');
    } finally {
      channels.attemptFailed.unsubscribe(listener);
    }
    assert.equal(seen.length, 2);
    for (const m of seen) {
      assert.equal(m.host, '127.0.0.1');
      assert.match(m.request, /ping/);
      assert.ok(m.error instanceof EcflowError);
      assert.equal((m.error).code, ErrorCode.CONNECT);
      assert.match(m.error.message, /ECONNREFUSED/);
    }
  });

  it('the process keeps working after all the faults above', async () => {
    await healthyPing();
    await healthyPing();
  });
});

describe('our CLI against a fake that answers garbage', () => {
  it('exits 1 with one clear paragraph on stderr and no stack trace', async () => {
    const server = await fake(async (c) => {
      await c.request();
      c.socket.end('zzzzzzzz');
    });
    const env = { ECF_HOST: '127.0.0.1', ECF_PORT: String(server.port), HOME: process.env.HOME ?? '/tmp', PATH: process.env.PATH ?? '' };
    for (const args of [['--ping'], ['--server_version']]) {
      const result = await within(ours(args, env), BOUND_MS * 2, `ecflow-client ${args.join(' ')}`);
      assert.equal(result.code, 1, `exit code of ${args.join(' ')}`);
      const text = result.stderr.trim();
      assert.match(text, /zzzzzzzz/);
      assert.match(text, /header/);
      assert.doesNotMatch(text, /\n\s*\n/, 'one paragraph');
      assert.doesNotMatch(text, /^\s+at /m, 'no stack trace');
      assert.doesNotMatch(text, /internal error/);
      assert.equal(result.stdout, '');
    }
    await released(server);
  });

  it('a well-formed reply it cannot print (a definition it cannot read): one line with the code, no stack', async () => {
    const server = await fake(async (c) => {
      await c.request();
      c.socket.write(frame(replyBody('DefsCmd', { value1: '#5.17.0\ndefs_state MIGRATE\nsuite\nendsuite\n' })));
    });
    const env = { ECF_HOST: '127.0.0.1', ECF_PORT: String(server.port), HOME: process.env.HOME ?? '/tmp', PATH: process.env.PATH ?? '' };
    const result = await within(ours(['--get'], env), BOUND_MS * 2, 'ecflow-client --get');
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^Error: request\( --get \): the server's reply cannot be printed: ECFLOW_DEFS_PARSE: \S.*\n$/);
    await released(server);
  });
});
