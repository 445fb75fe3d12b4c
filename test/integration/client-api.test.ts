/**
 * The promise API of Client against a real ecflow_server; the real ecflow_client is the oracle
 * (same server: its output, or the state it prints with --get_state, must agree with what our
 * calls returned or did).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, EcflowError, ErrorCode, News, ServerError, type SyncPoint } from '../../packages/ecflow-ts/src/index.js';
import { haveEcflow, startServer, type TestServer } from '../helpers/ecflow-server.js';
import { printedNodes } from '../helpers/state-text.js';
import { deadPort } from '../helpers/fake-server.js';

const SUITE = 'api_s';
const OTHER = 'api_other';

/** The comment after `suite|family|task <name>` for `nodePath` in --get_state output, or undefined. */
function nodeLine(state: string, nodePath: string): string | undefined {
  return printedNodes(state).find((n) => n.path === nodePath)?.rest;
}

/** `state_change:N modify_change:M` of the `defs_state` header line (a missing token means 0). */
function changeNumbers(defs: string): { stateChangeNo: number; modifyChangeNo: number } {
  const header = defs.split('\n').find((l) => l.startsWith('defs_state '));
  assert.ok(header, `no defs_state line in:\n${defs.slice(0, 300)}`);
  const num = (key: string) => Number(new RegExp(`\\b${key}:(\\d+)`).exec(header)?.[1] ?? 0);
  return { stateChangeNo: num('state_change'), modifyChangeNo: num('modify_change') };
}

describe('Client promise API against a real ecflow_server', { skip: haveEcflow ? false : 'ecflow_server / ecflow_client not installed' }, () => {
  let server: TestServer;
  let client: Client;
  let dir: string;
  let defsText: string;

  /** The real client's view of a node: the state comment on its line of --get_state. */
  async function realNode(nodePath: string): Promise<string> {
    const r = await server.real(['--get_state']);
    assert.equal(r.code, 0, r.stderr);
    const line = nodeLine(r.stdout, nodePath);
    assert.notEqual(line, undefined, `${nodePath} not in --get_state output`);
    return line!;
  }
  async function realSuites(): Promise<string[]> {
    const r = await server.real(['--suites']);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim() === 'No suites' ? [] : r.stdout.split(/\s+/).filter(Boolean);
  }

  before(async () => {
    server = await startServer();
    client = server.client();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-client-api-'));
    // A script for t2 so that `run` can really submit it; the job command does nothing, so the
    // task stays submitted.
    fs.mkdirSync(path.join(dir, 'files', SUITE, 'f'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'files', SUITE, 'f', 't2.ecf'), 'echo t2\n');
    defsText = [
      `suite ${SUITE}`,
      `  edit ECF_FILES '${path.join(dir, 'files')}'`,
      `  edit ECF_JOB_CMD 'true'`,
      '  family f',
      '    task t1',
      '    task t2',
      '  endfamily',
      'endsuite',
      `suite ${OTHER}`,
      '  task a',
      'endsuite',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'api.def'), defsText);
  });

  after(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ping resolves with the round-trip time in milliseconds', async () => {
    const ms = await client.ping();
    assert.equal(typeof ms, 'number');
    assert.ok(Number.isFinite(ms) && ms >= 0, String(ms));
  });

  it('serverVersion() equals ecflow_client --server_version', async () => {
    const real = await server.real(['--server_version']);
    assert.equal(real.code, 0, real.stderr);
    assert.equal(await client.serverVersion(), real.stdout.trim());
  });

  it('load(text) then suites() equals ecflow_client --suites', async () => {
    assert.deepEqual(await client.suites(), await realSuites());
    await client.load(fs.readFileSync(path.join(dir, 'api.def'), 'utf8'));
    const suites = await client.suites();
    assert.deepEqual(suites, [SUITE, OTHER]);
    assert.deepEqual(suites, await realSuites());
  });

  it('load of an existing suite without force is a ServerError; with force it succeeds', async () => {
    await assert.rejects(client.load(defsText), (e: unknown) => e instanceof ServerError && /already exist/.test(e.message));
    await client.load(defsText, { force: true });
    assert.deepEqual(await client.suites(), await realSuites());
  });

  it('begin marks the suite begun', async () => {
    assert.doesNotMatch((await realNode(`/${SUITE}`)) ?? '', /begun:1/);
    await client.begin(SUITE);
    assert.match(await realNode(`/${SUITE}`), /begun:1/);
  });

  it('suspend / resume toggle suspended:1', async () => {
    await client.suspend(`/${SUITE}/f`);
    assert.match(await realNode(`/${SUITE}/f`), /suspended:1/);
    await client.resume([`/${SUITE}/f`]);
    assert.doesNotMatch(await realNode(`/${SUITE}/f`), /suspended:1/);
  });

  it('force complete sets state:complete; requeue puts it back to queued', async () => {
    await client.force(`/${SUITE}/f/t1`, 'complete');
    assert.match(await realNode(`/${SUITE}/f/t1`), /state:complete/);
    await client.requeue(`/${SUITE}/f/t1`);
    const line = await realNode(`/${SUITE}/f/t1`);
    assert.doesNotMatch(line, /state:complete/);
    assert.match(line, /state:queued/);
  });

  it('force recursive reaches every node below', async () => {
    await client.force(`/${SUITE}/f`, 'aborted', { recursive: true });
    assert.match(await realNode(`/${SUITE}/f/t1`), /state:aborted/);
    assert.match(await realNode(`/${SUITE}/f/t2`), /state:aborted/);
    await client.requeue(`/${SUITE}/f`);
    assert.match(await realNode(`/${SUITE}/f/t2`), /state:queued/);
  });

  it('run submits a task', async () => {
    await client.run(`/${SUITE}/f/t2`);
    assert.match(await realNode(`/${SUITE}/f/t2`), /state:submitted/);
  });

  it('delete removes a suite, as ecflow_client --suites sees it', async () => {
    await client.delete(`/${OTHER}`);
    const suites = await client.suites();
    assert.deepEqual(suites, [SUITE]);
    assert.deepEqual(suites, await realSuites());
  });

  it('a bad path is a ServerError carrying the server message ecflow_client prints', async () => {
    const bad = `/nonexist_${process.pid}`;
    const error = await client.suspend(bad).then(
      () => assert.fail('suspend of a missing node resolved'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ServerError, String(error));
    assert.ok(error instanceof EcflowError);
    assert.equal(error.code, ErrorCode.SERVER);
    assert.equal(error.code, 'ECFLOW_SERVER');
    assert.ok(error.message.includes(bad), error.message);
    const real = await server.real(['--suspend', bad]);
    assert.equal(real.code, 1);
    const realReply = /Server reply: ([\s\S]*)$/.exec(real.stderr)?.[1];
    assert.ok(realReply, real.stderr);
    assert.equal(error.message.trim(), realReply.trim());
  });

  it('news / sync / syncFull return typed results whose change numbers follow the changes', async () => {
    const full = await client.syncFull();
    assert.equal(full.type, 'SSyncCmd');
    assert.equal(full.fullDefs, true);
    assert.match(full.defs, new RegExp(`^suite ${SUITE}\\b`, 'm'));
    const at: SyncPoint = { handle: 0, ...changeNumbers(full.defs) };
    assert.ok(at.stateChangeNo > 0 && at.modifyChangeNo > 0, JSON.stringify(at));

    assert.equal(await client.news(at), News.NO_NEWS);
    assert.equal(await client.news(at), 0);
    const nothing = await client.sync(at);
    assert.equal(nothing.fullDefs, false);
    assert.equal(nothing.delta.serverStateChangeNo, at.stateChangeNo);
    assert.equal(nothing.delta.serverModifyChangeNo, at.modifyChangeNo);
    assert.equal(nothing.delta.compoundMementos.length, 0);

    await client.suspend(`/${SUITE}/f/t1`);
    assert.equal(await client.news(at), News.NEWS);
    assert.equal(await client.news(at), 1);

    const delta = await client.sync(at);
    assert.equal(delta.type, 'SSyncCmd');
    assert.equal(delta.fullDefs, false);
    assert.equal(delta.serverDefs, '');
    assert.ok(delta.delta.serverStateChangeNo > at.stateChangeNo, JSON.stringify(delta.delta));
    assert.equal(delta.delta.serverModifyChangeNo, at.modifyChangeNo);
    assert.ok(delta.delta.compoundMementos.length > 0);

    const after: SyncPoint = { handle: 0, stateChangeNo: delta.delta.serverStateChangeNo, modifyChangeNo: delta.delta.serverModifyChangeNo };
    assert.equal(await client.news(after), News.NO_NEWS);
    // Numbers ahead of the server's (as after a server restart) ask for a full sync.
    assert.equal(await client.news({ ...after, stateChangeNo: after.stateChangeNo + 1000 }), News.DO_FULL_SYNC);

    const full2 = await client.syncFull();
    const now = changeNumbers(full2.defs);
    assert.equal(now.stateChangeNo, after.stateChangeNo);
    assert.ok(now.stateChangeNo > at.stateChangeNo);

    // A large-scale change (adding a suite) bumps modify_change: news, and the sync is a full one.
    await client.load(`suite ${OTHER}\n  task a\nendsuite\n`);
    assert.equal(await client.news(after), News.NEWS);
    const full3 = await client.sync(after);
    assert.equal(full3.fullDefs, true);
    assert.ok(changeNumbers(full3.defs).modifyChangeNo > after.modifyChangeNo);
    await client.resume(`/${SUITE}/f/t1`);
  });

  it('getLog() contains a message written by logMsg()', async () => {
    const message = `ecflow-ts client-api ${process.pid} ${Date.now()}`;
    assert.ok(!(await client.getLog()).includes(message));
    await client.logMsg(message);
    const log = await client.getLog();
    assert.ok(log.includes(message), log.slice(-500));
    const real = await server.real(['--log=get', '100']);
    assert.ok(real.stdout.includes(message));
  });

  describe('host and port resolution', () => {
    it('ECF_HOST / ECF_PORT from the env reach the server when no option is given', async () => {
      const c = new Client({ env: { ECF_HOST: 'localhost', ECF_PORT: String(server.port) } });
      assert.equal(c.host, 'localhost');
      assert.equal(c.port, String(server.port));
      assert.equal(await c.serverVersion(), await client.serverVersion());
    });

    it('an explicit port wins over ECF_PORT (which points at a dead port)', async () => {
      const dead = await deadPort();
      const env = { ECF_HOST: 'localhost', ECF_PORT: String(dead) };
      // The control: ECF_PORT alone really is dead.
      await assert.rejects(
        new Client({ env, connectionAttempts: 1, retryPeriod: 10, connectTimeout: 2000 }).ping(),
        (e: unknown) => e instanceof EcflowError && e.code === ErrorCode.CONNECT && e.message.includes(String(dead)),
      );
      const c = new Client({ port: server.port, env, connectionAttempts: 1 });
      assert.equal(c.port, String(server.port));
      assert.equal(typeof (await c.ping()), 'number');
    });

    it('an explicit host alone takes ECF_PORT', async () => {
      const c = new Client({ host: '127.0.0.1', env: { ECF_HOST: '127.0.0.2', ECF_PORT: String(server.port) }, connectionAttempts: 1 });
      assert.equal(c.host, '127.0.0.1');
      assert.equal(typeof (await c.ping()), 'number');
    });

    it('legacy ECF_NODE is used when ECF_HOST is unset, and ECF_HOST wins over it', async () => {
      const c = new Client({ env: { ECF_NODE: '127.0.0.1', ECF_PORT: String(server.port) }, connectionAttempts: 1 });
      assert.equal(c.host, '127.0.0.1');
      assert.equal(typeof (await c.ping()), 'number');
      assert.equal(new Client({ env: { ECF_HOST: 'localhost', ECF_NODE: '127.0.0.1' } }).host, 'localhost');
    });

    it('with nothing set: localhost:3141', () => {
      const c = new Client({ env: {} });
      assert.equal(c.host, 'localhost');
      assert.equal(c.port, '3141');
    });
  });
});
