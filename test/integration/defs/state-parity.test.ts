/**
 * STATE style against a live server: a definition is run by a real ecflow_server with real jobs
 * (scripts calling the real ecflow_client --init/--event/--meter/--label/--abort/--complete), then
 * altered; the text the server sends (DefsCmd / SNodeCmd, fetched with our Client) printed by
 * printServerDefs must be byte-identical to `ecflow_client --get_state[=/path]`, auto-added externs
 * and fabricated definitions included.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CtsNodeApi, ctsNodeRequest } from '../../../packages/ecflow-ts/src/commands/cts-node.js';
import { autoAddExterns, parseDefs, printServerDefs } from '../../../packages/ecflow-ts/src/defs/index.js';
import type { Reply } from '../../../packages/ecflow-ts/src/protocol/replies.js';
import { ECFLOW_CLIENT, haveEcflow, startServer, type TestServer } from '../../helpers/ecflow-server.js';
import { until } from '../../helpers/until.js';

const HEAD = `#!/bin/bash
set -e
export ECF_PORT=%ECF_PORT% ECF_HOST=localhost ECF_NAME=%ECF_NAME% ECF_PASS=%ECF_PASS% ECF_TRYNO=%ECF_TRYNO%
export ECF_RID=$$
C=${ECFLOW_CLIENT}
`;
const COMPLETE = '%include <head.h>\n$C --init=$$\n$C --event=e1\n$C --meter=m1 42\n$C --label=l1 "hello world"\n$C --complete\n';
/** Stays active: the job becomes a sleep whose pid is recorded in ECF_HOME/pids, to be killed after. */
const ACTIVE = '%include <head.h>\n$C --init=$$\n$C --meter=m 7\necho $$ >> %ECF_HOME%/pids\nexec sleep 120\n';
/** Never calls --init: stays submitted. */
const SUBMITTED = '%include <head.h>\necho $$ >> %ECF_HOME%/pids\nexec sleep 120\n';
const ABORT = '%include <head.h>\n$C --init=$$\n$C --abort="it failed; badly"\n';
const QUICK = '%include <head.h>\n$C --init=$$\n$C --complete\n';

function definition(home: string): string {
  return `suite s
  edit ECF_HOME '${home}'
  edit ECF_INCLUDE '${home}'
  limit lim 2
  limit other 5
  family f
    repeat integer I 0 5
    inlimit lim
    task t1
      event e1
      meter m1 0 100
      label l1 ""
    task t2
      trigger t1 == complete and t1:e1
      meter m 0 10
    task t3
      trigger t1:m1 > 10
    task t4
      trigger t1:m1 > 10 and :I < 3 or ../g:YMD ge 20240101
      complete ../g/x:ECF_TRYNO == 2 or /s/g<flag>late
    task t5
      defstatus suspended
      trigger (t3 == aborted or not t2 == active) and cal::date_to_julian(../g:YMD) > 0
      inlimit /s:other 2
    task sub
      trigger t1 eq complete
  endfamily
  family g
    repeat date YMD 20240101 20240110 1
    task x
      trigger ../f/t1 == complete
      time 23:59
      today 00:00 23:59 00:30
      cron 10:00
      date 1.1.2030
      day monday
  endfamily
  family h
    repeat enumerated E "a" "b" "c"
    complete :E == 2 and :SUITE == 0 and :lim > 0
    task y
      trigger :E + 2 * 3 == 6 and ../f:I - 1 < 0 and ../g:YMD - 1 == 20231231 and ../g:YMD_DOW + 1 > 0
  endfamily
  family r
    repeat date D 20240227 20240301 2
    task z
      trigger ../r:D_JULIAN >= 0 and :D_MM le 3
  endfamily
  family q
    repeat string S "x" "y"
    task w
  endfamily
  family o
    edit ECF_OUT '%ECF_HOME%/out/%SUITE%'
    edit ECF_EXTN '.sms'
    trigger 1 == 0 or /s/f/t1<flag>zombie or /s/f/t1:e1 != 0
    task v
      queue qu a b c
      trigger v:qu == 0 and /s/f:I % 2 == 0 and /s/f:I / 1 == 0 and /s:lim * 3 >= 0 and :ECF_JULIAN == 0
  endfamily
endsuite
suite s2
  clock hybrid 1.1.2024
  repeat day 1
  edit ECF_HOME '${home}'
  family k
    task a
      defstatus complete
      trigger /s/f/t1 == complete and /s/f/t1:m1 > 1 and /s/f:I >= 0 and /s3/gone:ev
      complete /s2:YYYY == 0 or /s2:ECF_DATE > 1 or /s2:day == 0
  endfamily
endsuite
suite s3
  task gone
    event ev
endsuite
suite s4
  task ref
    defstatus complete
    trigger /s3/gone == complete or /s3/gone:ev
    inlimit /s3:lim
endsuite
`;
}

const PATHS = ['', '/s', '/s/f', '/s/f/t1', '/s/f/t2', '/s/f/t3', '/s/f/t4', '/s/f/t4/alias0', '/s/f/t5', '/s/f/sub', '/s/g', '/s/g/x', '/s/h', '/s/h/y', '/s/r', '/s/q', '/s/o', '/s/o/v', '/s2', '/s2/k/a', '/s3', '/s4', '/s4/ref'];

describe('STATE style parity with ecflow_client --get_state', { skip: haveEcflow ? false : 'no ecflow_server' }, () => {
  let server: TestServer;
  const pids: number[] = [];

  before(async () => {
    server = await startServer();
    const home = server.home;
    const scripts: Record<string, string> = {
      'head.h': HEAD,
      's/f/t1.ecf': COMPLETE,
      's/f/t2.ecf': ACTIVE,
      's/f/t3.ecf': ABORT,
      's/f/t4.ecf': QUICK,
      's/f/t5.ecf': QUICK,
      's/f/sub.ecf': SUBMITTED,
      's/g/x.ecf': ACTIVE,
      's/h/y.ecf': QUICK,
      's/r/z.ecf': QUICK,
      's/q/w.ecf': QUICK,
    };
    for (const [file, text] of Object.entries(scripts)) {
      fs.mkdirSync(path.dirname(path.join(home, file)), { recursive: true });
      fs.writeFileSync(path.join(home, file), text);
    }
    fs.writeFileSync(path.join(home, 'defs.def'), definition(home));
    for (const args of [['--load=' + path.join(home, 'defs.def')], ['--restart'], ['--begin=s'], ['--begin=s2'], ['--begin=s4']]) {
      const r = await server.real(args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    }
    // wait for the jobs: t1 complete, t2 active, t3 aborted twice, sub submitted, r and q done
    let text = '';
    await until(
      'the jobs to settle',
      async () => {
        text = await fetch('/s');
        return (
          /task t1 .*state:complete/.test(text) &&
          /task t2 .*state:active/.test(text) &&
          /task t3 .*try:2 state:aborted/.test(text) &&
          /task sub .*state:submitted/.test(text) &&
          /family r # state:complete/.test(text) &&
          /family q # state:complete/.test(text)
        );
      },
      30_000,
    ).catch(() => {
      throw new Error(`jobs did not settle:\n${text}`);
    });
    // an alias of t4, made from its pre-processed script (Task::add_alias)
    const pre = await server.real(['--edit_script', '/s/f/t4', 'pre_process']);
    assert.equal(pre.code, 0, pre.stderr);
    fs.writeFileSync(path.join(home, 'alias.ecf'), pre.stdout);
    for (const args of [
      ['--edit_script', '/s/f/t4', 'submit_file', path.join(home, 'alias.ecf'), 'create_alias', 'no_run'],
      ['--free-dep', 'all', '/s/f/t5'],
      ['--alter', 'change', 'meter', 'm', '9', '/s/f/t2'],
      ['--alter', 'change', 'label', 'l1', 'multi\nline', '/s/f/t1'],
      ['--alter', 'change', 'event', 'e1', 'clear', '/s/f/t1'],
      ['--alter', 'change', 'repeat', '3', '/s/f'],
      ['--alter', 'change', 'repeat', 'c', '/s/h'],
      ['--alter', 'add', 'variable', 'GLOBAL', 'g1', '/'],
      ['--suspend', '/s/g'],
      ['--force=complete', '/s3/gone'],
      ['--halt=yes'],
    ]) {
      const r = await server.real(args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    }
  });

  after(async () => {
    const pidFile = server === undefined ? '' : path.join(server.home, 'pids');
    if (pidFile && fs.existsSync(pidFile)) for (const pid of fs.readFileSync(pidFile, 'utf8').split('\n')) if (pid) pids.push(Number(pid));
    for (const pid of new Set(pids)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await server?.stop();
  });

  async function reply(p: string): Promise<Reply> {
    const client = server.client();
    return client.request(ctsNodeRequest(CtsNodeApi.GET, p));
  }

  async function fetch(p: string): Promise<string> {
    const r = await reply(p);
    if (r.type === 'DefsCmd') return r.defs;
    if (r.type === 'SNodeCmd') return r.node;
    throw new Error(`unexpected reply ${r.type}`);
  }

  async function ours(p: string): Promise<string> {
    const r = await reply(p);
    if (r.type === 'DefsCmd') return printServerDefs(r.defs, 'defs', 'state', { version: server.version });
    if (r.type === 'SNodeCmd') return printServerDefs(r.node, 'node', 'state', { version: server.version });
    throw new Error(`unexpected reply ${r.type}`);
  }

  for (const p of PATHS) {
    it(`--get_state${p ? '=' + p : ''}`, async () => {
      const real = await server.real([p ? `--get_state=${p}` : '--get_state']);
      assert.equal(real.code, 0, real.stderr);
      assert.equal(await ours(p), real.stdout);
    });
  }

  it('externs for references into deleted suites (--get_state)', async () => {
    const r = await server.real(['--delete', 'force', 'yes', '/s3']);
    assert.equal(r.code, 0, r.stderr);
    const real = await server.real(['--get_state']);
    assert.match(real.stdout, /^extern \/s3\/gone$/m);
    assert.equal(await ours(''), real.stdout);
    const real4 = await server.real(['--get_state=/s4']);
    assert.equal(await ours('/s4'), real4.stdout);
  });

  it('--get and --migrate print the same replies', async () => {
    for (const [flag, style] of [['--get', 'defs'], ['--migrate', 'migrate']] as const) {
      for (const p of ['', '/s2', '/s/f']) {
        const real = await server.real([p ? `${flag}=${p}` : flag]);
        const r = await reply(p);
        const text = r.type === 'DefsCmd' ? printServerDefs(r.defs, 'defs', style, { version: server.version }) : r.type === 'SNodeCmd' ? printServerDefs(r.node, 'node', style, { version: server.version }) : '';
        assert.equal(text, real.stdout, `${flag}${p ? '=' + p : ''}`);
      }
    }
  });

  it('autoAddExterns is idempotent and sorted on print', async () => {
    const defs = parseDefs(await fetch(''), { check: false });
    autoAddExterns(defs);
    const once = [...defs.externs];
    autoAddExterns(defs);
    assert.deepEqual(defs.externs, once);
    assert.ok(once.includes('/s3/gone:ev') && once.includes('/s3:lim'), once.join(' '));
  });
});
