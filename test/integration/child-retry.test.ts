/**
 * How child commands keep trying, as ecflow_client's do: while the server is halted, while a
 * --wait expression is false, and across the hosts of ECF_HOSTFILE; ECF_DENIED stops that.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { channels, Client } from '../../packages/ecflow-ts/src/index.js';
import type { Blocked, NextHost } from '../../packages/ecflow-ts/src/client/diagnostics.js';
import { haveEcflow, startServer, type TestServer } from '../helpers/ecflow-server.js';
import { deadPort } from '../helpers/fake-server.js';
import { until } from '../helpers/until.js';

// `_DJP_` is the jobs password the server accepts without checks: no job has to run.
const child = { path: '/s/t', password: '_DJP_', rid: '1', tryNo: 1 };

function collect<T>(channel: { subscribe(f: (m: unknown) => void): void; unsubscribe(f: (m: unknown) => void): void }) {
  const seen: T[] = [];
  const f = (m: unknown) => seen.push(m as T);
  channel.subscribe(f);
  return { seen, stop: () => channel.unsubscribe(f) };
}

describe('child commands retry as ecflow_client does', { skip: !haveEcflow && 'ecflow_server not installed' }, () => {
  let server: TestServer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-retry-'));
  before(async () => {
    server = await startServer();
    fs.writeFileSync(path.join(dir, 's.def'), 'suite s\n  task t\n    event e\n    label l ""\nendsuite\n');
    assert.equal((await server.real([`--load=${path.join(dir, 's.def')}`])).code, 0);
    assert.equal((await server.real(['--begin=s'])).code, 0);
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('waits while the server is halted, then delivers', async () => {
    const blocked = collect<Blocked>(channels.blocked);
    const client = new Client({ host: 'localhost', port: server.port, env: {}, retryPeriod: 100, hostPollPeriod: 100 }, child);
    const label = client.childLabel('l', 'after the halt');
    await until('the server to say it is halted', () => blocked.seen.some((b) => b.reason === 'halted'));
    assert.equal((await server.real(['--restart'])).code, 0);
    await label;
    blocked.stop();
    assert.match((await server.real(['--get_state=/s/t'])).stdout, /label l "" # "after the halt"/);
  });

  it('holds --wait until the expression holds', async () => {
    const blocked = collect<Blocked>(channels.blocked);
    const client = new Client({ host: 'localhost', port: server.port, env: {}, retryPeriod: 100, hostPollPeriod: 100 }, child);
    let done = false;
    const wait = client.childWait('/s/t:e').then(() => {
      done = true;
    });
    await until('the server to hold --wait back twice', () => blocked.seen.filter((b) => b.reason === 'wait').length >= 2);
    assert.equal(done, false, 'still waiting while the event is clear');
    assert.equal((await server.real(['--force=set', '/s/t:e'])).code, 0);
    await wait;
    blocked.stop();
    assert.equal(done, true);
  });

  it('moves on to the hosts of ECF_HOSTFILE when the main one is down', async () => {
    const hostFile = path.join(dir, 'hosts');
    fs.writeFileSync(hostFile, `# fail-over\nlocalhost:${server.port}\n`);
    const dead = await deadPort();
    const moves = collect<NextHost>(channels.nextHost);
    const client = new Client({ host: 'localhost', port: dead, env: {}, retryPeriod: 50, connectionAttempts: 1 }, { ...child, hostFile });
    await client.childLabel('l', 'via the host file');
    moves.stop();
    assert.deepEqual(moves.seen.map((m) => m.to), [`localhost:${server.port}`]);
    assert.match((await server.real(['--get_state=/s/t'])).stdout, /# "via the host file"/);
  });

  it('gives up after the attempts with ECF_DENIED', async () => {
    const dead = await deadPort();
    const client = new Client({ host: 'localhost', port: dead, env: {}, retryPeriod: 50 }, { ...child, denied: true });
    await assert.rejects(client.childLabel('l', 'never'), /ECF_DENIED , Failed to connect to localhost:\d+\. After 2 attempts/);
  });
});
