/**
 * The mirror as a module beside the client: a LocalMirror over a Client keeps its own definition,
 * synced through the client's requests, independent of the client's own mirror; its watch() follows
 * the server and ends with its signal. The status records of the Go watchman are the watchman's.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, LocalMirror, type SyncChange } from '../../../packages/ecflow-ts/src/index.js';
import { statusRecords } from '../../../packages/ecflow-watchman/src/index.js';
import { haveEcflow, startServer, type TestServer } from '../../helpers/ecflow-server.js';

describe('LocalMirror over a Client', { skip: !haveEcflow && 'ecflow_server not installed' }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
    const file = path.join(server.home, 'm.def');
    fs.writeFileSync(file, 'suite m\n  task t1\n  task t2\nendsuite\n');
    assert.equal((await server.real([`--load=${file}`])).code, 0);
  });
  after(() => server?.stop());

  it('keeps a mirror of its own through the client, apart from the client’s', async () => {
    const client = server.client();
    const mirror = new LocalMirror(client);
    const first = await mirror.syncLocal();
    assert.equal(first.kind, 'full');
    assert.equal(first.reason, 'first');
    assert.equal(client.getDefs(), null, 'the client’s own mirror is untouched');
    assert.ok(mirror.getDefs()?.findAbsNode('/m/t1'));
    assert.equal((await mirror.syncLocal()).kind, 'none');
    assert.equal((await client.syncLocal()).kind, 'full');
    assert.equal(client.localMirror.getDefs(), client.getDefs(), 'the client’s own is a LocalMirror too');
    assert.notEqual(client.localMirror, mirror);

    await client.suspend('/m/t1');
    const change = await mirror.syncLocal();
    assert.equal(change.kind, 'incremental');
    assert.deepEqual(change.stateChanges, [{ path: '/m/t1', old: 'unknown', new: 'suspended' }]);
    assert.equal(statusRecords(mirror.getDefs()).find((r) => r.path === '/m/t1')?.status, 'suspended');
    assert.equal(mirror.nodeViews().find((v) => v.path === '/m/t1')?.state, 'unknown');
    await client.resume('/m/t1');
  });

  it('follows a client handle: the next sync downloads its suites, the definition kept until then', async () => {
    const client = server.client();
    const mirror = new LocalMirror(client);
    await mirror.syncLocal();
    const handle = await client.chRegister(false, ['m']);
    mirror.follow(handle);
    assert.ok(mirror.getDefs() !== null, 'kept for readers');
    const change = await mirror.syncLocal();
    assert.equal(change.kind, 'full');
    assert.equal(change.reason, 'client');
    assert.equal(mirror.syncPoint.handle, handle);
    await client.chDrop(handle);
  });

  it('watch() yields the changes and ends when its signal aborts', async () => {
    const client = new Client({ host: 'localhost', port: server.port, env: {} });
    const mirror = new LocalMirror(client);
    const abort = new AbortController();
    const seen: SyncChange[] = [];
    for await (const change of mirror.watch({ interval: 20, signal: abort.signal })) {
      seen.push(change);
      if (seen.length === 1) await client.suspend('/m/t2');
      else abort.abort();
    }
    assert.equal(seen[0]?.kind, 'full');
    assert.deepEqual(seen[1]?.stateChanges, [{ path: '/m/t2', old: 'unknown', new: 'suspended' }]);
    assert.equal(statusRecords(null).length, 0);
  });
});
