/**
 * `syncLocal` beyond the random walk: a server restarted under the mirror, client handles,
 * `watch()`, the mementos of 5.13-5.17 one class at a time (on the release under test, where it
 * has them), the flags of cleared nodes, and (against a fake server, since a real one cannot send
 * them) mementos the mirror cannot apply, which must end in a full download, never in drift.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RequestDone } from '../../../packages/ecflow-ts/src/client/diagnostics.js';
import { channels, Client, flagNames, Mirror, parseDefs, parseInstant, printDefs, type SyncChange, UnknownMementoError } from '../../../packages/ecflow-ts/src/index.js';
import type { JsonObject } from '../../../packages/ecflow-ts/src/protocol/cereal.js';
import { since } from '../../../packages/ecflow-ts/src/versions.js';
import { statusRecords } from '../../../packages/ecflow-watchman/src/status-records.js';
import { freePort, haveEcflow, startServer, TEST_VERSION, type TestServer } from '../../helpers/ecflow-server.js';
import { frame, replyBody, startFakeServer } from '../../helpers/fake-server.js';
import { havePythonEcflow, PythonMirror } from '../../helpers/python-mirror.js';
import { until } from '../../helpers/until.js';

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
      assert.deepEqual(statusRecords(client.getDefs()), py.records);
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

/** The STATE print of a definition as the release under test prints it, without what a sync does not carry (calendars, `rt:`, `cal_count:`). */
function statePrint(defs: Parameters<typeof printDefs>[0]): string {
  return printDefs(defs, { style: 'state', version: TEST_VERSION })
    .split('\n')
    .filter((l) => !/^\s*(calendar |# edit (ECF_DATE|YYYY|DOW|DOY|DATE|DAY|DD|MM|MONTH|ECF_CLOCK|ECF_TIME|ECF_JULIAN|TIME) )/.test(l))
    .map((l) => l.replace(/ (rt|cal_count):\S+/g, ''))
    .join('\n');
}

describe(`the flags of nodes whose attributes ${TEST_VERSION} re-sends whole`, { skip: !haveEcflow && `ecFlow ${TEST_VERSION} is not installed` }, () => {
  it(since(TEST_VERSION, 'clearedAttributesFlag') ? 'come in the sync: nothing more is asked' : 'are asked for with --get, as the server leaves them out', async () => {
    const server = await startServer();
    const sent: string[] = [];
    let received = 0;
    const listen = (m: unknown) => {
      sent.push((m as RequestDone).request);
      received += (m as RequestDone).bytesReceived;
    };
    try {
      await load(server, 'a', suite('a', ['t1']));
      const client = server.client();
      await client.syncLocal();
      await server.real(['--alter', 'set_flag', 'late', '/a/f/t1']);
      await server.real(['--alter', 'add', 'variable', 'V', 'x', '/a/f/t1']);
      const before = client.bytesReceived;
      channels.request.subscribe(listen);
      const change = await client.syncLocal();
      channels.request.unsubscribe(listen);
      assert.equal(change.kind, 'incremental');
      assert.ok(received > 0);
      assert.equal(client.bytesReceived - before, received, "the client's count is what the diagnostics reported");
      const gets = sent.filter((r) => r.startsWith('--get'));
      if (since(TEST_VERSION, 'clearedAttributesFlag')) {
        assert.equal(change.clearedPaths, undefined);
        assert.deepEqual(gets, []);
      } else {
        assert.deepEqual(change.clearedPaths, ['/a/f/t1']);
        assert.deepEqual(gets, ['--get=/a/f/t1']);
      }
      const full = parseDefs((await client.syncFull()).defs, { check: false });
      assert.deepEqual(flagNames(client.getDefs()!.findAbsNode('/a/f/t1')!.flags), flagNames(full.findAbsNode('/a/f/t1')!.flags));
      assert.ok(flagNames(full.findAbsNode('/a/f/t1')!.flags).includes('late'));
    } finally {
      channels.request.unsubscribe(listen);
      await server.stop();
    }
  });
});

/** The classes in a SYNC reply: each memento's, and the repeats' inside NodeRepeatMemento and ChildrenMemento. */
function classesOf(compounds: readonly JsonObject[]): { cleared: boolean; path: string; classes: string[] }[] {
  return compounds.map((c) => {
    const classes: string[] = [];
    for (const m of (c.vec_ ?? []) as JsonObject[]) {
      classes.push(String(m.$class));
      const repeat = (m.repeat_ as JsonObject | undefined)?.type_ as JsonObject | undefined;
      if (repeat) classes.push(`${String(m.$class)}(${String(repeat.$class)})`);
      for (const child of (m.children_ ?? []) as JsonObject[]) {
        const node = ((child.value0 as JsonObject).value0 as JsonObject | undefined) ?? {};
        for (const key of ['avisos_', 'mirrors_', 'repeat_']) if (key in node) classes.push(`${String(m.$class)}:${key}`);
      }
    }
    return { cleared: c.clear_attributes_ === true, path: String(c.absNodePath_), classes };
  });
}

const DATETIME = since(TEST_VERSION, 'repeatDateTimeJson');
const DATETIMELIST = since(TEST_VERSION, 'repeatDateTimeList');
const MIRRORS = since(TEST_VERSION, 'avisoMirror');
// before 5.15 a failed aviso's reason is written bare in the full text, which then loses words
const AVISOS = since(TEST_VERSION, 'quotedAvisoReason');

describe(`the mementos of 5.13-5.17 from a real ${TEST_VERSION} server`, { skip: (!haveEcflow && `ecFlow ${TEST_VERSION} is not installed`) || (!DATETIME && `${TEST_VERSION} sends none of them`) }, () => {
  let server: TestServer;
  let client: Client;
  const mirror = new Mirror();

  before(async () => {
    server = await startServer();
    const dead = await freePort();
    const home = server.home;
    fs.writeFileSync(path.join(home, 'schema.json'), JSON.stringify({ dissemination: { endpoint: [{ engine: ['etcd_rest'], base: '/ec/diss/{destination}', stem: 'date={date}', admin: '/ec/admin/{date}/{destination}' }] } }));
    fs.writeFileSync(path.join(home, 'auth.json'), '{ "username": "u", "password": "p" }\n');
    const text = [
      'suite n',
      `  edit ECF_AVISO_SCHEMA '${home}/schema.json'`,
      `  edit ECF_AVISO_AUTH '${home}/auth.json'`,
      '  family f',
      '    task dt',
      '      repeat datetime DT 20240101T000000 20240103T000000 12',
      ...(DATETIMELIST ? ['    task dl', '      repeat datetimelist DL "20240101T000000" "20240101T120000" "20240102T000000"'] : []),
      ...(AVISOS ? ['    task av', `      aviso --name A --listener '{ "event": "dissemination", "request": { "destination": "COM" } }' --url http://127.0.0.1:${dead} --polling 60`] : []),
      ...(MIRRORS ? ['    task mi', `      mirror --name M --remote_path /x/y --remote_host 127.0.0.1 --remote_port ${dead} --polling 60`] : []),
      '    task extra',
      '  endfamily',
      'endsuite',
      '',
    ].join('\n');
    await load(server, 'n', text);
    for (const args of [['--restart'], ['--begin=n']]) assert.equal((await server.real(args)).code, 0);
    client = server.client();
    mirror.apply(await client.syncFull(), 'first');
  });
  after(async () => server?.stop());

  /**
   * Syncs the mirror until the replies since the last call hold a compound that `wanted` accepts
   * and the mirror is where a fresh full download is (change numbers and STATE print).
   */
  async function syncUntil(wanted: (c: ReturnType<typeof classesOf>[number]) => boolean, what: string) {
    const seen: ReturnType<typeof classesOf> = [];
    let found = false;
    await until(
      what,
      async () => {
        const reply = await client.sync(mirror.point());
        const change: SyncChange = mirror.apply(reply);
        assert.equal(change.kind, 'incremental', `${what}: ${change.kind} sync`);
        assert.equal(change.clearedPaths, undefined);
        assert.equal(change.ignored, undefined);
        const classes = classesOf(reply.delta.compoundMementos);
        seen.push(...classes);
        found ||= classes.some(wanted);
        if (!found) return false;
        const full = parseDefs((await client.syncFull()).defs, { check: false });
        if (full.stateChangeNo !== mirror.defs!.stateChangeNo) return false; // the server moved on meanwhile
        assert.equal(statePrint(mirror.defs!), statePrint(full), what);
        return true;
      },
      20_000,
    );
    return seen;
  }

  it('RepeatDateTime in NodeRepeatMemento, and its value in NodeRepeatIndexMemento (epoch seconds)', async () => {
    await server.real(['--alter', 'add', 'variable', 'V', 'x', '/n/f/dt']);
    const seen = await syncUntil((c) => c.path === '/n/f/dt' && c.cleared && c.classes.includes('NodeRepeatMemento(RepeatDateTime)'), 'a cleared /n/f/dt');
    const cleared = seen.find((c) => c.path === '/n/f/dt' && c.cleared)!;
    assert.equal(cleared.classes.at(-1), since(TEST_VERSION, 'clearedAttributesFlag') ? 'FlagMemento' : cleared.classes.at(-1));
    assert.equal(mirror.defs!.findAbsNode('/n/f/dt')!.repeat!.toString(), 'repeat datetime DT 20240101T000000 20240103T000000 12:00:00');
    await server.real(['--alter', 'change', 'repeat', '20240102T000000', '/n/f/dt']);
    await syncUntil((c) => c.path === '/n/f/dt' && c.classes.includes('NodeRepeatIndexMemento'), 'the repeat of /n/f/dt to move');
    const r = mirror.defs!.findAbsNode('/n/f/dt')!.repeat!;
    assert.equal(r.kind === 'datetime' && r.value, parseInstant('20240102T000000'));
  });

  it('RepeatDateTimeList in NodeRepeatMemento, and its index in NodeRepeatIndexMemento', { skip: !DATETIMELIST && `${TEST_VERSION} has no repeat datetimelist` }, async () => {
    await server.real(['--alter', 'add', 'variable', 'V', 'x', '/n/f/dl']);
    await syncUntil((c) => c.path === '/n/f/dl' && c.cleared && c.classes.includes('NodeRepeatMemento(RepeatDateTimeList)'), 'a cleared /n/f/dl');
    await server.real(['--alter', 'change', 'repeat', '20240101T120000', '/n/f/dl']);
    await syncUntil((c) => c.path === '/n/f/dl' && c.classes.includes('NodeRepeatIndexMemento'), 'the repeat of /n/f/dl to move');
    const r = mirror.defs!.findAbsNode('/n/f/dl')!.repeat!;
    assert.equal(r.kind === 'datetimelist' && r.index, 1);
  });

  it('NodeAvisoMemento: re-sent with its node, and when the aviso fails (reason, remote_error)', { skip: !AVISOS && `${TEST_VERSION} writes a failed aviso's reason bare in its full text` }, async () => {
    await server.real(['--alter', 'add', 'variable', 'V', 'x', '/n/f/av']);
    await syncUntil((c) => c.path === '/n/f/av' && c.cleared && c.classes.includes('NodeAvisoMemento'), 'a cleared /n/f/av');
    // The aviso reaches for a server that is not there, and fails: its reason and remote_error.
    await server.real(['--alter', 'change', 'aviso', 'A', 'reload', '/n/f/av']);
    await syncUntil((c) => c.path === '/n/f/av' && c.classes.includes('NodeAvisoMemento') && (mirror.defs!.findAbsNode('/n/f/av')!.flags & (1 << 25)) !== 0, 'the aviso of /n/f/av to fail');
    assert.match(mirror.defs!.findAbsNode('/n/f/av')!.avisos[0]!.reason, /^'.+'$/);
  });

  it('NodeMirrorMemento: re-sent with its node, and when the mirror fails (reason, remote_error: bit 25)', { skip: !MIRRORS && `${TEST_VERSION} has no mirrors` }, async () => {
    await server.real(['--alter', 'add', 'variable', 'V', 'x', '/n/f/mi']);
    await syncUntil((c) => c.path === '/n/f/mi' && c.cleared && c.classes.includes('NodeMirrorMemento'), 'a cleared /n/f/mi');
    await server.real(['--alter', 'change', 'mirror', 'M', 'reload', '/n/f/mi']);
    await syncUntil((c) => c.path === '/n/f/mi' && c.classes.includes('NodeMirrorMemento') && mirror.defs!.findAbsNode('/n/f/mi')!.mirrors[0]!.reason !== '', 'the mirror of /n/f/mi to fail');
    assert.deepEqual(flagNames(mirror.defs!.findAbsNode('/n/f/mi')!.flags & (1 << 25)), ['remote_error']);
    assert.match(mirror.defs!.findAbsNode('/n/f/mi')!.mirrors[0]!.reason, /MirrorClient: failure to sync remote defs/);
  });

  it('ChildrenMemento: tasks with their date-time repeats, avisos and mirrors', async () => {
    await server.real(['--delete=yes', '/n/f/extra']);
    const seen = await syncUntil((c) => c.path === '/n/f' && c.classes.includes('ChildrenMemento'), 'the children of /n/f');
    const children = seen.find((c) => c.path === '/n/f' && c.classes.includes('ChildrenMemento'))!.classes;
    assert.ok(children.includes('ChildrenMemento:repeat_'), children.join());
    if (MIRRORS) assert.ok(children.includes('ChildrenMemento:mirrors_'), children.join());
    if (AVISOS) assert.ok(children.includes('ChildrenMemento:avisos_'), children.join());
    assert.equal(mirror.defs!.findAbsNode('/n/f/extra'), undefined);
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
