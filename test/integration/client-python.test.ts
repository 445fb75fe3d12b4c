/**
 * The Client methods Python's `ecflow.Client` has, called in the same order on twin real servers:
 * ours on server A, Python's (the module of the release under test) on server B. After each step both calls succeeded
 * or both failed (with the server's same words), and the two servers hold the same state (their
 * `--get_state`, printed by the real ecflow_client).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { channels, type Client, EcflowError, findNode, ServerError, type Task } from '../../packages/ecflow-ts/src/index.js';
import { CtsApi, ctsCmd } from '../../packages/ecflow-ts/src/commands/cts.js';
import { since, TESTED_VERSIONS } from '../../packages/ecflow-ts/src/versions.js';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { deadPort } from '../helpers/fake-server.js';
import { agreeingStates, normalizer, stateOf } from '../helpers/parity.js';
import { havePython, PythonClient, type PythonOutcome } from '../helpers/python-client.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir, write } = scratchDir('ecflow-ts-client-python-');
after(() => fs.rmSync(dir, { recursive: true, force: true }));
// Jobs are "submitted" by commands that do nothing, so the tasks wait for the child commands the
// test sends in their name.
const defsFile = write(
  'c.def',
  `suite c
  edit ECF_FILES '${dir}/files'
  edit ECF_INCLUDE '${dir}/files'
  edit ECF_JOB_CMD 'true'
  edit ECF_KILL_CMD 'true'
  edit ECF_STATUS_CMD 'true'
  family f
    task t1
      event e
      meter m 0 10
      label l ""
      queue q a b c
    task t2
      trigger t1 == complete
      time 23:00
      date 1.1.2030
    task t3
      edit X 1
  endfamily
  family g
    task u
  endfamily
endsuite
suite h
  task a
endsuite
`,
);
for (const t of ['f/t1', 'f/t2', 'f/t3', 'g/u']) write(`files/c/${t}.ecf`, '%include <head.h>\necho %TASK%\n');
write('files/head.h', 'echo head\n');

type Ours = (c: Client, ctx: Ctx) => Promise<unknown>;
type Py = (ctx: Ctx) => [string, ...unknown[]];
interface Ctx {
  /** Each server's jobs password of a task, read after it was submitted. */
  password(side: 'ours' | 'python', task: string): Promise<string>;
}
interface Step {
  name: string;
  ours: Ours;
  /** Python's call (method and arguments), or several in order; null where Python has none. */
  python: Py | Py[] | null;
  /** Compare the results too (after `normalize`). @default false */
  result?: boolean;
  normalize?: (value: unknown) => unknown;
}

const zombieView = (zs: unknown) => (zs as { pathToTask: string; type: string; userAction: number }[]).map((z) => `${z.pathToTask} ${z.type} ${z.userAction}`).sort();

// Over TCP, and from 5.14 over HTTP too: our Client with protocol 'http', Python's after enable_http().
for (const http of since(TEST_VERSION, 'http') ? [false, true] : [false]) {
  describe(`Client against Python's ecflow.Client on twin servers${http ? ' over HTTP (ecflow_server --http)' : ''}`, { skip: !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !havePython() && `ecFlow ${TEST_VERSION} has no Python module here` }, () => {
    let a: TestServer;
    let b: TestServer;
    let ours: Client;
    let child: Client;
    let py: PythonClient;
    let norm: (s: string) => string;

    before(async () => {
      [a, b] = await Promise.all([startServer({ http }), startServer({ http })]);
      ours = a.client();
      child = a.client();
      py = new PythonClient(TEST_VERSION, b.port);
      if (http) assert.deepEqual(await py.call('enable_http'), { result: null });
      norm = normalizer(a, b);
    });
    after(async () => {
      py?.close();
      await Promise.all([a?.stop(), b?.stop()]);
    });

    const ctx: Ctx = {
      async password(side, task) {
        const c = side === 'ours' ? a.client() : b.client();
        return (findNode(await c.getServerDefs(), task) as Task).password;
      },
    };

    const childSetup = (task: string, pid: string): { ours: Ours; python: Py[] } => ({
      ours: async (_c, x) => {
        child.setChildPath(task);
        child.setChildPassword(await x.password('ours', task));
        child.setChildPid(pid);
        child.setChildTryNo(1);
        child.setChildTimeout(600);
        child.setZombieChildTimeout(600);
      },
      python: [() => ['set_child_path', task], () => ['set_child_pid', pid], () => ['set_child_try_no', 1], () => ['set_child_timeout', 600], () => ['set_zombie_child_timeout', 600]],
    });

    const steps: Step[] = [
      { name: 'restart', ours: (c) => c.restartServer(), python: () => ['restart_server'] },
      { name: 'load a file', ours: (c) => c.load(defsFile), python: () => ['load', defsFile] },
      { name: 'load it again: refused by the server', ours: (c) => c.load(defsFile), python: () => ['load', defsFile] },
      { name: 'begin one suite', ours: (c) => c.begin('c'), python: () => ['begin_suite', 'c'] },
      { name: 'begin all', ours: (c) => c.begin(undefined, { force: true }), python: () => ['begin_all_suites', true] },
      { name: 'suites', ours: (c) => c.suites(), python: () => ['suites'], result: true },
      { name: 'suspend', ours: (c) => c.suspend('/c/g'), python: () => ['suspend', '/c/g'] },
      { name: 'resume', ours: (c) => c.resume(['/c/g']), python: () => ['resume', ['/c/g']] },
      { name: 'run t1 (submitted: the job does nothing)', ours: (c) => c.run('/c/f/t1'), python: () => ['run', '/c/f/t1', false] },
      { name: 'status of t1', ours: (c) => c.status('/c/f/t1'), python: () => ['status', '/c/f/t1'] },
      { name: 'status of a missing node', ours: (c) => c.status('/c/nosuch'), python: () => ['status', '/c/nosuch'] },
      { name: 'kill t1', ours: (c) => c.kill('/c/f/t1'), python: () => ['kill', '/c/f/t1'] },
      // Child commands, as a job of t1 sends them (the password is each server's own).
      { name: 'child identity', ...childSetup('/c/f/t1', '4242'), python: [...childSetup('/c/f/t1', '4242').python, () => ['set_child_password', 'PW:/c/f/t1']] },
      {
        name: 'init with variables',
        ours: () => {
          child.setChildInitAddVars({ ADDED: 'yes' });
          return child.childInit();
        },
        python: [() => ['set_child_init_add_vars', { ADDED: 'yes' }], () => ['child_init']],
      },
      { name: 'event', ours: () => child.childEvent('e'), python: () => ['child_event', 'e', true] },
      { name: 'meter', ours: () => child.childMeter('m', 7), python: () => ['child_meter', 'm', 7] },
      { name: 'label', ours: () => child.childLabel('l', 'half way'), python: () => ['child_label', 'l', 'half way'] },
      { name: 'queue active', ours: () => child.childQueue('q', 'active'), python: () => ['child_queue', 'q', 'active', '', ''], result: true },
      { name: 'queue complete', ours: () => child.childQueue('q', 'complete', 'a'), python: () => ['child_queue', 'q', 'complete', 'a', ''] },
      { name: 'wait on a holding expression', ours: () => child.childWait('1 == 1'), python: () => ['child_wait', '1 == 1'] },
      { name: 'abort', ours: () => child.childAbort('broken pipe'), python: () => ['child_abort', 'broken pipe'] },
      { name: 'requeue the aborted', ours: (c) => c.requeue('/c/f', 'abort'), python: () => ['requeue', '/c/f', 'abort'] },
      { name: 'run t1 again', ours: (c) => c.run(['/c/f/t1'], { force: true }), python: () => ['run', ['/c/f/t1'], true] },
      { name: 'child identity again', ...childSetup('/c/f/t1', '4243'), python: [...childSetup('/c/f/t1', '4243').python, () => ['set_child_password', 'PW:/c/f/t1']] },
      { name: 'init', ours: () => child.childInit(), python: () => ['child_init'] },
      {
        name: 'complete, deleting a variable',
        ours: () => {
          child.setChildCompleteDelVars(['ADDED']);
          return child.childComplete();
        },
        python: [() => ['set_child_complete_del_vars', ['ADDED']], () => ['child_complete']],
      },
      // Dependencies.
      { name: 'free trigger', ours: (c) => c.freeTriggerDep('/c/f/t2'), python: () => ['free_trigger_dep', '/c/f/t2'] },
      { name: 'free date', ours: (c) => c.freeDateDep('/c/f/t2'), python: () => ['free_date_dep', '/c/f/t2'] },
      { name: 'free time', ours: (c) => c.freeTimeDep(['/c/f/t2']), python: () => ['free_time_dep', ['/c/f/t2']] },
      { name: 'free all', ours: (c) => c.freeAllDep('/c/f/t2'), python: () => ['free_all_dep', '/c/f/t2'] },
      // Forcing, ordering, altering.
      { name: 'force a state', ours: (c) => c.force('/c/g/u', 'aborted'), python: () => ['force_state', '/c/g/u', { $ecflow: 'State.aborted' }] },
      { name: 'force a state recursively', ours: (c) => c.force('/c/g', 'complete', { recursive: true }), python: () => ['force_state_recursive', '/c/g', { $ecflow: 'State.complete' }] },
      { name: 'force an event', ours: (c) => c.force('/c/f/t1:e', 'clear'), python: () => ['force_event', '/c/f/t1:e', 'clear'] },
      { name: 'order', ours: (c) => c.order('/c/g', 'top'), python: () => ['order', '/c/g', 'top'] },
      { name: 'alter', ours: (c) => c.alter('/c/f/t3', { op: 'change', attr: 'variable', name: 'X', value: '2' }), python: () => ['alter', '/c/f/t3', 'change', 'variable', 'X', '2'] },
      { name: 'sort attributes', ours: (c) => c.sortAttributes('/c', 'variable', true), python: () => ['sort_attributes', '/c', 'variable', true] },
      { name: 'query', ours: (c) => c.query('variable', '/c/f/t3', 'X'), python: () => ['query', 'variable', '/c/f/t3', 'X'], result: true },
      // Scripts and files.
      { name: 'edit script', ours: (c) => c.editScriptEdit('/c/f/t3'), python: () => ['edit_script_edit', '/c/f/t3'], result: true },
      { name: 'pre-process', ours: (c) => c.editScriptPreprocess('/c/f/t3'), python: () => ['edit_script_preprocess', '/c/f/t3'], result: true },
      { name: 'submit with variables', ours: (c) => c.editScriptSubmit('/c/f/t3', [{ name: 'X', value: '3' }]), python: () => ['edit_script_submit', '/c/f/t3', ['X=3'], [], false, true] },
      {
        name: 'submit a script as an alias, not run',
        ours: (c) => c.editScriptSubmitFile('/c/f/t3', ['echo alias'], { createAlias: true, run: false }),
        python: () => ['edit_script_submit', '/c/f/t3', [], ['echo alias'], true, false],
      },
      { name: 'the job file', ours: (c) => c.getFile('/c/f/t3', 'job'), python: () => ['get_file', '/c/f/t3', 'job'], result: true },
      { name: 'check', ours: (c) => c.check('/c'), python: () => ['check', '/c'], result: true },
      { name: 'job generation', ours: (c) => c.jobGen('/c/g'), python: () => ['job_generation', '/c/g'] },
      // Zombies: deleting a submitted task leaves its job a zombie.
      { name: 'run u', ours: (c) => c.run('/c/g/u', { force: true }), python: () => ['run', '/c/g/u', true] },
      { name: 'delete it, forced', ours: (c) => c.delete('/c/g/u', { force: true }), python: () => ['delete', '/c/g/u', true] },
      { name: 'zombies', ours: (c) => c.zombieGet(), python: null },
      { name: 'zombie fail', ours: (c) => c.zombieFail('/c/g/u'), python: () => ['zombie_fail', '/c/g/u'] },
      { name: 'zombie adopt (nothing to adopt)', ours: (c) => c.zombieAdopt('/c/g/u'), python: () => ['zombie_adopt', '/c/g/u'] },
      { name: 'zombie block', ours: (c) => c.zombieBlock(['/c/g/u']), python: () => ['zombie_block', ['/c/g/u']] },
      { name: 'zombie fob', ours: (c) => c.zombieFob('/c/g/u'), python: () => ['zombie_fob', '/c/g/u'] },
      { name: 'zombie kill', ours: (c) => c.zombieKill('/c/g/u'), python: () => ['zombie_kill', '/c/g/u'] },
      { name: 'zombie remove', ours: (c) => c.zombieRemove('/c/g/u'), python: () => ['zombie_remove', '/c/g/u'] },
      // Client handles.
      { name: 'register', ours: (c) => c.chRegister(false, ['c']), python: () => ['ch_register', false, ['c']] },
      { name: 'the handle', ours: async (c) => c.chHandle(), python: () => ['ch_handle'], result: true },
      { name: 'add to the own handle', ours: (c) => c.chAdd(['h']), python: () => ['ch_add', ['h']] },
      { name: 'remove from it', ours: (c) => c.chRemove(['c']), python: () => ['ch_remove', ['c']] },
      { name: 'auto-add on it', ours: (c) => c.chAutoAdd(true), python: () => ['ch_auto_add', true] },
      { name: 'the handles', ours: (c) => c.chSuites(), python: null },
      { name: 'drop the own handle', ours: (c) => c.chDrop(), python: () => ['ch_drop'] },
      { name: 'register twice more', ours: async (c) => [await c.chRegister(true), await c.chRegister(true)], python: [() => ['ch_register', true, []], () => ['ch_register', true, []]] },
      { name: "drop the user's handles", ours: (c) => c.chDropUser(), python: () => ['ch_drop_user', ''] },
      { name: 'no handle left to drop', ours: (c) => c.chDropUser(), python: () => ['ch_drop_user', ''] },
      // The log.
      { name: 'clear the log', ours: (c) => c.clearLog(), python: () => ['clear_log'] },
      { name: 'write to it', ours: (c) => c.logMsg('from the test'), python: () => ['log_msg', 'from the test'] },
      { name: 'flush it', ours: (c) => c.flushLog(), python: () => ['flush_log'] },
      { name: 'read it', ours: async (c) => /from the test/.test(await c.getLog(5)), python: () => ['get_log', 5], normalize: (v) => (typeof v === 'string' ? /from the test/.test(v) : v), result: true },
      { name: 'a new log', ours: (c) => c.newLog(path.join(a.home, 'new.log')), python: () => ['new_log', path.join(b.home, 'new.log')] },
      { name: 'its path', ours: async (c) => (await c.getLogPath()) === path.join(a.home, 'new.log'), python: null },
      // The server.
      { name: 'debug on', ours: (c) => c.debugServerOn(), python: () => ['debug_server_on'] },
      { name: 'debug off', ours: (c) => c.debugServerOff(), python: () => ['debug_server_off'] },
      { name: 'reload the white list (there is none)', ours: (c) => c.reloadWhiteListFile(), python: () => ['reload_wl_file'] },
      { name: 'reload the password file (there is none)', ours: (c) => c.reloadPasswdFile(), python: () => ['reload_passwd_file'] },
      { name: 'reload the custom password file (there is none)', ours: (c) => c.reloadCustomPasswdFile(), python: () => ['reload_custom_passwd_file'] },
      { name: 'statistics', ours: (c) => c.stats(), python: () => ['stats'] },
      { name: 'reset them', ours: (c) => c.statsReset(), python: () => ['stats_reset'] },
      { name: 'shut down', ours: (c) => c.shutdownServer(), python: () => ['shutdown_server'] },
      { name: 'halt', ours: (c) => c.haltServer(), python: () => ['halt_server'] },
      { name: 'check-point', ours: (c) => c.checkpoint(), python: () => ['checkpt'] },
      { name: 'restore with suites loaded: refused', ours: (c) => c.restoreFromCheckpt(), python: () => ['restore_from_checkpt'] },
      { name: 'delete all', ours: (c) => c.deleteAll({ force: true }), python: () => ['delete_all', true] },
      { name: 'restore from the check-point', ours: (c) => c.restoreFromCheckpt(), python: () => ['restore_from_checkpt'] },
      { name: 'restart again', ours: (c) => c.restartServer(), python: () => ['restart_server'] },
      { name: 'server version', ours: (c) => c.serverVersion(), python: () => ['server_version'], result: true },
    ];

    it(`${steps.length} steps: the same outcome and the same server state`, async () => {
      for (const step of steps) {
        if (process.env.STEPS) console.error('step', step.name);
        let mine: PythonOutcome;
        try {
          mine = { result: await step.ours(ours, ctx) };
        } catch (error) {
          assert.ok(error instanceof EcflowError, `${step.name}: ${String(error)}`);
          mine = { error: error.message };
        }
        if (step.python === null) {
          assert.ok('result' in mine && mine.result !== false, `${step.name}: ${JSON.stringify(mine)}`);
          continue;
        }
        let theirs: PythonOutcome = { result: null };
        for (const call of Array.isArray(step.python) ? step.python : [step.python]) {
          const [method, ...args] = call(ctx);
          // A password placeholder stands for server B's own jobs password of that task.
          const real = await Promise.all(args.map(async (x) => (typeof x === 'string' && x.startsWith('PW:') ? ctx.password('python', x.slice(3)) : x)));
          theirs = await py.call(method, ...real);
          if ('error' in theirs) break;
        }
        if ('error' in theirs || 'error' in mine) {
          assert.ok('error' in theirs && 'error' in mine, `${step.name}: ours ${JSON.stringify(mine)}, Python's ${JSON.stringify(theirs)}`);
          // Python frames the server's words: "Error: request( … ) failed!  Server reply: <words>".
          assert.ok(norm(theirs.error).includes(norm(mine.error).trim()), `${step.name}: ours said ${JSON.stringify(mine.error)}, Python's ${JSON.stringify(theirs.error)}`);
        } else if (step.result) {
          const n = step.normalize ?? ((v: unknown) => v);
          assert.deepEqual(n(typeof mine.result === 'string' ? norm(mine.result) : mine.result), n(typeof theirs.result === 'string' ? norm(theirs.result) : theirs.result), step.name);
        }
        const states = async (): Promise<[string, string]> => {
          const [sa, sb] = await Promise.all([a.real(['--get_state']), b.real(['--get_state'])]);
          return [stateOf(sa.stdout, norm), stateOf(sb.stdout, norm)];
        };
        const [sa, sb] = await agreeingStates(await states(), states);
        assert.equal(sa, sb, `server state after: ${step.name}`);
      }
      assert.deepEqual(zombieView(await ours.zombieGet()), zombieView(await b.client().zombieGet()));
    });

    it('the mirror: get_server_defs, news_local, in_sync, auto-sync, group, reset', async () => {
      const c = a.client();
      assert.equal(c.getDefs(), null);
      assert.deepEqual({ result: await c.newsLocal() }, await py.call('news_local'));
      const defs = await c.getServerDefs();
      assert.equal(c.getDefs(), defs);
      assert.equal(c.inSync(), true);
      assert.equal((await c.syncLocal()).kind, 'none');
      assert.equal(c.inSync(), false);
      assert.equal(await c.newsLocal(), false);

      assert.equal(c.autoSync, false);
      c.setAutoSync(true);
      assert.equal(c.autoSync, true);
      await c.suspend('/c/f/t3');
      // The suspension arrived with the command's own request.
      assert.equal(findNode(c.getDefs()!, '/c/f/t3')!.suspended, true);
      await c.resume('/c/f/t3');
      assert.equal(findNode(c.getDefs()!, '/c/f/t3')!.suspended, false);
      await assert.rejects(c.suspend('/c/nosuch'), ServerError);
      c.setAutoSync(false);

      const g = await c.group('suspend /c/f/t3; get; show state');
      assert.match(g.output, /task t3 .*suspended/);
      assert.equal(findNode(c.getDefs()!, '/c/f/t3')!.suspended, true);
      await assert.rejects(c.group('resume /c/f/t3; resume /nosuch'), (e: unknown) => e instanceof ServerError && /nosuch/.test(e.message));
      assert.notEqual(await c.query('dstate', '/c/f/t3'), 'suspended', 'the rest of a group runs');

      c.reset();
      assert.equal(c.getDefs(), null);
      assert.equal(c.chHandle(), 0);
    });

    it('a handle change keeps the mirror until the next sync downloads the handle’s suites', async () => {
      const c = a.client();
      await c.syncLocal();
      const before = c.getDefs();
      const handle = await c.chRegister(false, ['h']);
      assert.equal(c.getDefs(), before, 'getDefs() is not emptied by a handle change');
      const change = await c.syncLocal();
      assert.equal(change.kind, 'full');
      assert.equal(change.reason, 'client');
      assert.deepEqual(c.getDefs()!.suites.map((s) => s.name), ['h']);
      await c.chDrop(handle);
      assert.deepEqual(c.getDefs()!.suites.map((s) => s.name), ['h'], 'still the last sync until the next one');
      await c.syncLocal();
      assert.deepEqual(c.getDefs()!.suites.map((s) => s.name).sort(), ['c', 'h']);
    });

    it('settings of a long-lived client: host and port, user, attempts, retry period', async () => {
      const dead = await deadPort();
      const c = a.client({ port: dead, connectionAttempts: 1, retryPeriod: 10 });
      await assert.rejects(c.ping(), (e: unknown) => e instanceof EcflowError && e.code === 'ECFLOW_CONNECT');
      c.setHostPort(`localhost:${a.port}`);
      assert.equal(c.port, String(a.port));
      assert.ok((await c.ping()) >= 0);
      c.setHostPort('localhost', dead);
      let attempts = 0;
      const count = () => attempts++;
      channels.attemptFailed.subscribe(count);
      try {
        c.setConnectionAttempts(3);
        c.setRetryPeriod(20);
        const started = performance.now();
        await assert.rejects(c.suites());
        // Over HTTP a request that finds no server fails at once, as ecflow_client's does.
        assert.equal(attempts, http ? 0 : 3);
        if (!http) assert.ok(performance.now() - started >= 40, 'two waits of the retry period between three attempts');
      } finally {
        channels.attemptFailed.unsubscribe(count);
      }
      assert.throws(() => c.setConnectionAttempts(0), (e: unknown) => e instanceof EcflowError && e.code === 'ECFLOW_ARGUMENT');
      c.setHostPort('localhost', a.port);
      // A custom user needs a password: with no ECF_CUSTOM_PASSWD file, ours refuses as Python's does.
      c.setUser('someone');
      const theirs = new PythonClient(TEST_VERSION, b.port);
      try {
        await theirs.call('set_user_name', 'someone');
        const py = await theirs.call('suites');
        await assert.rejects(c.suites(), (e: unknown) => e instanceof EcflowError && 'error' in py && py.error.includes(e.message));
      } finally {
        theirs.close();
      }
      // With a password it is sent, and a server without a password file lets no custom user in.
      c.setUser('someone', 'secret');
      // (in each release's own words: 5.15 rewrote authentication)
      const refusal = since(a.version, 'authorisationLayer') ? /Authentication \(user command\) failed, due to: Incorrect credentials detected/ : /User 'someone' is not allowed any access/;
      await assert.rejects(c.suites(), (e: unknown) => e instanceof ServerError && refusal.test(e.message));
      // Python's names its own build's release; ours the newest it speaks.
      assert.equal(c.version(), TESTED_VERSIONS[TESTED_VERSIONS.length - 1]);
      assert.ok('result' in (await py.call('version')));
      assert.equal(c.childPath, '');
      assert.deepEqual(await a.client().invoke(ctsCmd(CtsApi.SUITES)), ['c', 'h']);
    });

    it('waitForServerReply, forceDependencyEval and terminate', async () => {
      assert.equal(await ours.waitForServerReply(5), true);
      await ours.forceDependencyEval();
      await Promise.all([ours.terminateServer(), py.call('terminate_server')]);
      await Promise.all([new Promise((r) => (a.process.exitCode === null ? a.process.once('exit', r) : r(null))), new Promise((r) => (b.process.exitCode === null ? b.process.once('exit', r) : r(null)))]);
      assert.equal(await ours.waitForServerReply(0.2), false);
    });
  });
}
