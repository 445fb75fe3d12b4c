/**
 * `syncLocal` beyond the random walk: a server restarted under the mirror, client handles,
 * `watch()`, and (against a fake server, since a real one cannot send them) mementos the mirror
 * cannot apply, which must end in a full download, never in drift.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, parseDefs, printDefs, UnknownMementoError } from '../../../src/index.js';
import { haveEcflow, startServer, type TestServer } from '../../helpers/ecflow-server.js';
import { frame, replyBody, startFakeServer } from '../../helpers/fake-server.js';
import { havePythonEcflow, PythonMirror } from '../../helpers/python-mirror.js';

const suite = (name: string, tasks: readonly string[]) => `suite ${name}\n  family f\n${tasks.map((t) => `    task ${t}\n      meter m 0 10\n`).join('')}  endfamily\nendsuite\n`;

async function load(server: TestServer, name: string, text: string): Promise<void> {
  const file = path.join(server.home, `${name}.def`);
  fs.writeFileSync(file, text);
  const r = await server.real([`--load=${file}`]);
  assert.equal(r.code, 0, r.stderr);
}

describe('syncLocal against a real server', { skip: !haveEcflow && 'ecflow_server not installed' }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
    await load(server, 'a', suite('a', ['t1', 't2']));
    await load(server, 'b', suite('b', ['u1']));
    assert.equal((await server.real(['--restart'])).code, 0);
  });
  after(async () => server?.stop());

  it('asks only news while nothing changes, and applies what does', async () => {
    const client = server.client();
    assert.equal((await client.syncLocal()).kind, 'full');
    const before = client.syncPoint;
    assert.equal((await client.syncLocal()).kind, 'none');
    assert.deepEqual(client.changedNodePaths, []);
    await server.real(['--alter', 'change', 'meter', 'm', '7', '/a/f/t2']);
    const change = await client.syncLocal();
    assert.equal(change.kind, 'incremental');
    assert.ok(change.changedPaths.includes('/a/f/t2'), change.changedPaths.join());
    assert.ok(client.syncPoint.stateChangeNo > before.stateChangeNo);
    assert.equal(client.nodeViews().find((v) => v.path === '/a/f/t2')?.meters[0]?.value, 7);
  });

  it('restricts the mirror to the suites of a client handle, as the Python module does', { skip: !havePythonEcflow && 'no python3-ecflow' }, async () => {
    const client = server.client();
    const python = new PythonMirror(server.port);
    try {
      const handle = await client.chRegister(false, ['b']);
      assert.ok(handle > 0);
      await python.register(false, ['b']);
      await client.syncLocal();
      assert.deepEqual(client.getDefs()?.suites.map((s) => s.name), ['b']);
      await server.real(['--force=complete', '/b/f/u1']);
      await server.real(['--force=aborted', '/a/f/t1']);
      const change = await client.syncLocal();
      assert.deepEqual(change.stateChanges.filter((c) => c.path.startsWith('/a')), [], 'nothing from suite a');
      assert.ok(change.stateChanges.some((c) => c.path === '/b/f/u1' && c.new === 'complete'), JSON.stringify(change.stateChanges));
      const py = await python.sync(true);
      const full = printDefs(parseDefs((await server.client().syncFull(handle)).serverDefs, { check: false }), { style: 'state' });
      const mine = printDefs(client.getDefs()!, { style: 'state' });
      assert.equal(mine.replace(/ cal_count:\d+/, ''), full.replace(/ cal_count:\d+/, ''));
      assert.deepEqual(client.statusRecords(), py.records);
      await client.chDrop(handle);
      assert.equal(client.syncPoint.handle, 0);
      assert.equal((await client.syncLocal()).kind, 'full');
      assert.deepEqual(client.getDefs()?.suites.map((s) => s.name), ['a', 'b']);
    } finally {
      python.close();
    }
  });

  it('yields change sets from watch() until aborted', async () => {
    const client = server.client();
    const controller = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      for await (const change of client.watch({ interval: 20, signal: controller.signal })) {
        seen.push(change.kind);
        if (change.kind === 'incremental' && change.stateChanges.some((c) => c.path === '/a/f/t2' && c.new === 'suspended')) controller.abort();
        else if (change.kind === 'full') await server.real(['--suspend', '/a/f/t2']);
      }
    })();
    await watching;
    assert.deepEqual(seen, ['full', 'incremental']);
    await server.real(['--resume', '/a/f/t2']);
  });
});

describe('a server restarted under the mirror', { skip: !haveEcflow && 'ecflow_server not installed' }, () => {
  it('is noticed, and the mirror is downloaded again', async () => {
    let server = await startServer();
    try {
      await load(server, 'a', suite('a', ['t1', 't2', 't3']));
      for (let i = 0; i < 5; i++) await server.real(['--alter', 'change', 'meter', 'm', String(i), '/a/f/t1']);
      const client = server.client();
      await client.syncLocal();
      const port = server.port;
      await server.stop();
      server = await startServer({ port });
      await load(server, 'z', suite('z', ['only']));
      const change = await client.syncLocal();
      assert.equal(change.kind, 'full');
      assert.equal(change.reason, 'server');
      assert.deepEqual(client.getDefs()?.suites.map((s) => s.name), ['z']);
      assert.ok(change.stateChanges.some((c) => c.path === '/a/f/t1' && c.new === null), 'the old nodes are reported gone');
    } finally {
      await server.stop();
    }
  });
});

describe('mementos the mirror cannot apply', () => {
  const defsText = (suiteName: string, changeNo: number) => `#5.9.2\ndefs_state NET state>:queued state_change:${changeNo} modify_change:1\nsuite ${suiteName}\n  task t\nendsuite\n`;
  const compound = (path: string, memento: string) => ({
    ptr_wrapper: {
      id: 2147483650,
      data: {
        absNodePath_: path,
        vec_: [{ polymorphic_id: 2147483650, polymorphic_name: memento, ptr_wrapper: { id: 2147483651, data: { value0: {}, state_: 1 } } }],
      },
    },
  });

  for (const [what, path, memento] of [
    ['an unknown memento class', '/a/t', 'NodeGadgetMemento'],
    ['a memento for a path the mirror does not hold', '/nowhere/t', 'NodeDefStatusDeltaMemento'],
  ] as const) {
    it(`${what} ends in a full download`, async () => {
      let fulls = 0;
      const fake = await startFakeServer(async (c) => {
        const api = Number(/"api_":(\d)/.exec(await c.request())?.[1]);
        let body: string;
        if (api === 0) body = replyBody('SNewsCmd', { news_: 1 });
        else if (api === 2) body = replyBody('SSyncCmd', { full_defs_: true, incremental_changes_: { server_state_change_no_: 0, server_modify_change_no_: 0, compound_mementos_: [] }, server_defs_: '', value1: defsText(fulls++ === 0 ? 'a' : 'b', 10) });
        else {
          const delta = { server_state_change_no_: 11, server_modify_change_no_: 1, compound_mementos_: [compound(path, memento)] };
          body = replyBody('SSyncCmd', { full_defs_: false, incremental_changes_: delta, server_defs_: '', value1: '' });
        }
        c.socket.end(frame(body));
      });
      try {
        const client = new Client({ host: fake.host, port: fake.port, env: {} });
        assert.equal((await client.syncLocal()).kind, 'full');
        const change = await client.syncLocal();
        assert.equal(change.kind, 'full');
        assert.equal(change.reason, 'recovery');
        if (memento === 'NodeGadgetMemento') assert.ok(change.error instanceof UnknownMementoError, String(change.error));
        assert.match(String(change.error?.message), memento === 'NodeGadgetMemento' ? /unknown memento class NodeGadgetMemento/ : /could not find path \/nowhere\/t/);
        assert.deepEqual(client.getDefs()?.suites.map((s) => s.name), ['b']);
      } finally {
        await fake.close();
      }
    });
  }
});
