/**
 * Cancellation end to end: an aborted `signal` stops a call at once, wherever it is (connecting,
 * waiting for a reply, sleeping before a retry, held by a halted server), closes its socket, leaves
 * no timer behind and rejects with a coded error. Against a real ecflow_server where one can be made
 * to hold a call, a closed port, and the fake server for a stall.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AttemptFailed, Blocked } from '../../packages/ecflow-ts/src/client/diagnostics.js';
import { AbortError, channels, Client, EcflowError, ErrorCode, TimeoutError } from '../../packages/ecflow-ts/src/index.js';
import { haveEcflow, startServer, type TestServer } from '../helpers/ecflow-server.js';
import { deadPort, type FakeServer, startFakeServer } from '../helpers/fake-server.js';
import { until } from '../helpers/until.js';

/** How long an aborted call may take to settle: "at once", with room for a loaded machine. */
const PROMPT_MS = 500;

function count(kind: string): number {
  return process.getActiveResourcesInfo().filter((r) => r === kind).length;
}

/** Settles `promise` and checks it rejected with `code` within PROMPT_MS of `since`. */
async function rejectsPromptly(promise: Promise<unknown>, code: ErrorCode, since: () => number): Promise<EcflowError> {
  const error = await promise.then(
    (value) => assert.fail(`expected a rejection with ${code}, resolved with ${JSON.stringify(value)}`),
    (e: unknown) => e,
  );
  const ms = performance.now() - since();
  assert.ok(error instanceof EcflowError, `expected an EcflowError, got ${String(error)}`);
  assert.equal(error.code, code, `code of "${error.message}"`);
  assert.ok(ms < PROMPT_MS, `settled ${Math.round(ms)} ms after the abort`);
  return error;
}

function once<T>(channel: { subscribe(f: (m: unknown) => void): void; unsubscribe(f: (m: unknown) => void): void }, match: (m: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const f = (m: unknown) => {
      if (!match(m as T)) return;
      channel.unsubscribe(f);
      resolve(m as T);
    };
    channel.subscribe(f);
  });
}

describe('cancellation without a server', () => {
  it('an abort during the retry sleep (closed port, 30 s retry period) rejects at once with ECFLOW_ABORTED and leaves no timer', async () => {
    const port = await deadPort();
    const client = new Client({ host: '127.0.0.1', port, env: {}, connectionAttempts: 3, retryPeriod: 30_000 });
    const timers = count('Timeout');
    const abort = new AbortController();
    const failed = once<AttemptFailed>(channels.attemptFailed, (m) => m.port === String(port));
    const ping = client.ping({ signal: abort.signal });
    await failed;
    // The client now sleeps 30 s before its second attempt: that sleep is a timer of its own.
    assert.equal(count('Timeout'), timers + 1, 'the retry sleep is armed');
    const abortedAt = performance.now();
    abort.abort();
    const error = await rejectsPromptly(ping, ErrorCode.ABORTED, () => abortedAt);
    assert.ok(error instanceof AbortError);
    assert.match(error.message, /Request\( --ping \) aborted/);
    assert.equal(count('Timeout'), timers, 'the retry timer was cleared');
  });

  it('the reason of the signal: an EcflowError is rejected as it is, AbortSignal.timeout() as ECFLOW_TIMEOUT', async () => {
    const port = await deadPort();
    const client = new Client({ host: '127.0.0.1', port, env: {}, connectionAttempts: 3, retryPeriod: 30_000 });
    const mine = new TimeoutError('my own deadline');
    const abort = new AbortController();
    const failed = once<AttemptFailed>(channels.attemptFailed, (m) => m.port === String(port));
    const call = client.suites({ signal: abort.signal });
    await failed;
    abort.abort(mine);
    assert.equal(await call.catch((e: unknown) => e), mine);

    const started = performance.now();
    const error = await rejectsPromptly(client.ping({ signal: AbortSignal.timeout(50) }), ErrorCode.TIMEOUT, () => started + 50);
    assert.ok(error instanceof TimeoutError);
    assert.equal((error.cause as Error).name, 'TimeoutError');
  });

  it('a signal aborted before the call: nothing is sent, whichever call', async () => {
    const fake = await startFakeServer(() => assert.fail('nothing may connect'));
    try {
      const client = new Client({ host: fake.host, port: fake.port, env: {}, connectionAttempts: 1 }, { path: '/s/t', password: 'x' });
      const signal = AbortSignal.abort();
      for (const call of [
        () => client.ping({ signal }),
        () => client.syncLocal({ signal }),
        () => client.begin('s', { force: true, signal }),
        () => client.force('/s/t', 'complete', { signal }),
        () => client.chAdd([], { signal }),
        () => client.chAdd(1, ['s'], { signal }),
        () => client.childLabel('l', 'v', { signal }),
        () => client.waitForServerReply(5, { signal }),
      ]) {
        const error = await call().catch((e: unknown) => e);
        assert.ok(error instanceof AbortError, `${String(call)}: ${String(error)}`);
      }
      assert.equal(fake.connections, 0);
    } finally {
      await fake.close();
    }
  });
});

describe('cancellation of a stalled request (fake server)', () => {
  let stall: FakeServer;
  before(async () => {
    // Accepts and reads the request, never answers.
    stall = await startFakeServer(async (c) => {
      await c.request();
    });
  });
  after(() => stall?.close());

  it('an abort while waiting for the reply closes the socket at once and clears the request timer', async () => {
    const client = new Client({ host: stall.host, port: stall.port, env: {}, connectionAttempts: 1, requestTimeout: 60_000 });
    const timers = count('Timeout');
    const sockets = count('TCPSocketWrap');
    const abort = new AbortController();
    const version = client.serverVersion({ signal: abort.signal });
    await until('the fake to hold the request', () => stall.requests.length === 1);
    assert.equal(stall.openSockets, 1);
    const abortedAt = performance.now();
    abort.abort();
    const error = await rejectsPromptly(version, ErrorCode.ABORTED, () => abortedAt);
    assert.match(error.message, new RegExp(`Request\\( --server_version \\) to 127\\.0\\.0\\.1:${stall.port} aborted`));
    assert.equal(count('Timeout'), timers, 'the 60 s request timer was cleared');
    await until('the fake to see the connection closed', () => stall.openSockets === 0, PROMPT_MS);
    await until('the client socket to be released', () => count('TCPSocketWrap') <= sockets, PROMPT_MS);
  });

  it('watch() ends when its signal aborts in the middle of a sync', async () => {
    const client = new Client({ host: stall.host, port: stall.port, env: {}, connectionAttempts: 1, requestTimeout: 60_000 });
    const abort = new AbortController();
    const seen = stall.requests.length;
    const changes: unknown[] = [];
    const watching = (async () => {
      for await (const change of client.watch({ interval: 10, signal: abort.signal })) changes.push(change);
    })();
    await until('the first sync to be held', () => stall.requests.length > seen);
    const abortedAt = performance.now();
    abort.abort();
    await watching;
    assert.ok(performance.now() - abortedAt < PROMPT_MS);
    assert.deepEqual(changes, []);
    await until('the fake to see the connection closed', () => stall.openSockets === 0, PROMPT_MS);
  });
});

describe('cancellation against a real ecflow_server', { skip: !haveEcflow && 'ecflow_server not installed' }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(); // a new server is halted: it holds child commands back
  });
  after(() => server?.stop());

  it('a child command held by a halted server stops at the abort', async () => {
    const client = new Client(
      { host: '127.0.0.1', port: server.port, env: {}, retryPeriod: 30_000, hostPollPeriod: 30_000 },
      { path: '/s/t', password: '_DJP_', rid: '1', tryNo: 1 },
    );
    const timers = count('Timeout');
    const abort = new AbortController();
    const held = once<Blocked>(channels.blocked, (b) => b.port === String(server.port) && b.reason === 'halted');
    const init = client.childInit(undefined, [], { signal: abort.signal });
    await held;
    const abortedAt = performance.now();
    abort.abort();
    await rejectsPromptly(init, ErrorCode.ABORTED, () => abortedAt);
    assert.equal(count('Timeout'), timers);
    // The server is unharmed and answers the next call.
    assert.equal(typeof (await client.ping()), 'number');
  });

  it('an aborted sync leaves the mirror consistent: the next syncLocal brings it up to date', async () => {
    const client = server.client({ connectionAttempts: 1 });
    await client.syncLocal({ signal: AbortSignal.abort() }).catch((e: unknown) => assert.ok(e instanceof AbortError));
    assert.equal(client.getDefs(), null);
    const change = await client.syncLocal();
    assert.equal(change.kind, 'full');
    assert.equal(change.reason, 'first');
  });
});
