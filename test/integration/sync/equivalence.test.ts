/**
 * Incremental sync against the real server: a seeded random walk of changes made with the real
 * ecflow_client (force, alter of every attribute kind, suspend/resume, requeue, begin with jobs that
 * report events/meters/labels/queue steps, suites and families added, deleted and replaced, order,
 * server and node variables, aliases, halt/restart). After each step our mirror, printed in STATE style, must equal a
 * fresh full download, and the Python module's `sync_local()` mirror must equal ours wherever it
 * is itself right (the 5.9.2 C++ client leaves some values stale; those lines are counted). A
 * release without a Python module here is checked against the full download alone. The walk runs
 * on the release under test (ECFLOW_TEST_VERSION); where it has them it also changes date-time
 * repeats (5.13.6+; `repeat datetimelist` 5.17), mirrors (5.13) and avisos (5.15+: before, a
 * failed aviso's reason is written bare in the server's own full text, which then reads back only
 * its first word): their values, `reload`, and attributes added and deleted. Avisos and mirrors
 * point at a loopback port nothing listens on: they fail, and say so, as the walk goes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client } from '../../../packages/ecflow-ts/src/index.js';
import { parseDefs, printDefs } from '../../../packages/ecflow-ts/src/index.js';
import { since } from '../../../packages/ecflow-ts/src/versions.js';
import { statusRecords } from '../../../packages/ecflow-watchman/src/status-records.js';
import { ECFLOW_CLIENT, freePort, haveEcflow, startServer, TEST_VERSION, type TestServer } from '../../helpers/ecflow-server.js';
import { havePythonEcflow, PythonMirror } from '../../helpers/python-mirror.js';
import { GiveUp, until } from '../../helpers/until.js';
import { random } from '../../helpers/random.js';

const STEPS = Number(process.env.SYNC_STEPS ?? 120);

/** What the walk exercises beyond 5.9.2 on the release under test (versions.ts). */
const DATETIME = since(TEST_VERSION, 'repeatDateTimeJson');
const DATETIMELIST = since(TEST_VERSION, 'repeatDateTimeList');
const MIRRORS = since(TEST_VERSION, 'avisoMirror');
const AVISOS = since(TEST_VERSION, 'quotedAvisoReason');
/** A loopback port nothing listens on: where the avisos and mirrors look. */
const DEAD = await freePort();
const listener = (destination: string) => `--listener '{ "event": "dissemination", "request": { "destination": "${destination}" } }' --url http://127.0.0.1:${DEAD}`;
/** An Aviso listener schema with the one event the avisos listen to (libs/service/test/aviso/TestAviso.cpp). */
const AVISO_SCHEMA = JSON.stringify({
  dissemination: { endpoint: [{ engine: ['etcd_rest'], base: '/ec/diss/{destination}', stem: 'date={date},target={target},class={class}', admin: '/ec/admin/{date}/{destination}' }] },
});
const SEED = Number(process.env.SYNC_SEED ?? Date.now() % 1_000_000);


const head = `#!/bin/bash
set -e
export ECF_PORT=%ECF_PORT% ECF_HOST=%ECF_HOST% ECF_NAME=%ECF_NAME% ECF_PASS=%ECF_PASS% ECF_TRYNO=%ECF_TRYNO% ECF_RID=$$
c=${ECFLOW_CLIENT}
$c --init=$$
trap '$c --abort="trapped"; exit 1' ERR
`;
const body = `$c --event=e1
step=$($c --queue=q1 active)
$c --queue=q1 complete $step
$c --meter=m1 50
$c --label=l1 "running $ECF_TRYNO"
$c --meter=m1 100
`;
const tail = `trap - ERR
$c --complete
`;

function mainSuite(home: string): string {
  const avisoHome = AVISOS ? `  edit ECF_AVISO_SCHEMA '${home}/schema.json'\n  edit ECF_AVISO_AUTH '${home}/auth.json'\n` : '';
  const later =
    (DATETIME ? '    task dt\n      repeat datetime DT 20240101T000000 20240105T000000 12\n' : '') +
    (DATETIMELIST ? '    task dl\n      repeat datetimelist DL "20240101T000000" "20240101T120000" "20240102T000000"\n' : '') +
    (AVISOS ? `    task av\n      aviso --name A ${listener('COM')} --polling 60\n` : '') +
    (MIRRORS ? `    task mi\n      mirror --name M --remote_path /x/y --remote_host 127.0.0.1 --remote_port ${DEAD} --polling 60\n` : '');
  return `suite s
  clock real 1.1.2024
${avisoHome}  edit ECF_HOME '${home}'
  edit ECF_FILES '${home}/files'
  edit ECF_INCLUDE '${home}/include'
  edit ECF_TRIES 1
  limit lim 10
  family f
    repeat date YMD 20240101 20240110
    inlimit lim
    task t1
      event e1
      event 2 e2
      meter m1 0 100 90
      label l1 "hello"
      verify complete:1
    task t2
      trigger t1 == complete
      complete t1:e1
      time 10:00
      today 11:00
      day monday
      date 1.*.*
      cron -w 0,1 23:00
      late -c +03:00
    task t3
      repeat enumerated E "a" "b" "c"
      zombie user:fob::
      queue q1 a b c
      generic gen a b
${later}    family g
      repeat integer I 1 5
      task t4
        repeat string S "x" "y"
        meter m1 0 100
      task t5
        repeat datelist DL "20240101" "20240105"
    endfamily
  endfamily
  family run
    task j1
      event e1
      meter m1 0 100
      label l1 ""
      queue q1 a b c
    task j2
      trigger j1 == complete
      event e1
      meter m1 0 100
      label l1 ""
      queue q1 a b c
  endfamily
endsuite
`;
}

function extraSuite(name: string): string {
  return `suite ${name}
  family a
    task x
      label l "v"
      event e
    task y
      meter m 0 10
  endfamily
  task z
endsuite
`;
}

/** The random operations: each returns the ecflow_client arguments of one change. */
type Op = (pick: <T>(xs: readonly T[]) => T, home: string, step: number) => string[] | string[][];

const later = [...(DATETIME ? ['/s/f/dt'] : []), ...(DATETIMELIST ? ['/s/f/dl'] : []), ...(AVISOS ? ['/s/f/av'] : []), ...(MIRRORS ? ['/s/f/mi'] : [])];
const tasks = ['/s/f/t1', '/s/f/t2', '/s/f/t3', '/s/f/g/t4', '/s/f/g/t5', '/s/run/j1', '/s/run/j2', ...later];
const nodes = ['/s', '/s/f', '/s/f/g', '/s/run', ...tasks];
const states = ['complete', 'aborted', 'queued', 'submitted', 'active', 'unknown'];

const OPS: Record<string, Op> = {
  force: (pick) => [`--force=${pick(states)}`, pick(tasks)],
  eventSet: (pick) => ['--alter', 'change', 'event', 'e1', pick(['set', 'clear']), pick(['/s/f/t1', '/s/run/j1', '/s/run/j2'])],
  meter: (pick) => ['--alter', 'change', 'meter', 'm1', String(pick([0, 10, 42, 77])), pick(['/s/f/t1', '/s/run/j1', '/s/f/g/t4'])],
  label: (pick, _h, step) => ['--alter', 'change', 'label', 'l1', pick(['x', 'with space', `step ${step}`]), pick(['/s/f/t1', '/s/run/j1'])],
  variable: (pick, _h, step) => ['--alter', pick(['add', 'change']), 'variable', pick(['V1', 'V2']), `v${step}`, pick(nodes)],
  deleteVariable: (pick) => ['--alter', 'delete', 'variable', pick(['V1', 'V2']), pick(nodes)],
  serverVariable: (pick, _h, step) => ['--alter', pick(['add', 'change']), 'variable', pick(['SV1', 'SV2']), `s${step}`, '/'],
  deleteServerVariable: (pick) => ['--alter', 'delete', 'variable', pick(['SV1', 'SV2']), '/'],
  addAttribute: (pick) =>
    pick([
      ['--alter', 'add', 'time', '12:00', pick(tasks)],
      ['--alter', 'add', 'today', '13:00', pick(tasks)],
      ['--alter', 'add', 'date', '2.1.2024', pick(tasks)],
      ['--alter', 'add', 'day', 'friday', pick(tasks)],
      ['--alter', 'add', 'label', 'nl', 'new', pick(tasks)],
      ['--alter', 'add', 'limit', 'lim2', '4', pick(['/s', '/s/f'])],
      ['--alter', 'add', 'inlimit', '/s:lim', pick(tasks)],
      ['--alter', 'add', 'late', '-s +00:10', pick(tasks)],
      ['--alter', 'add', 'zombie', 'ecf:fail::', pick(tasks)],
    ]),
  deleteAttribute: (pick) =>
    pick([
      ['--alter', 'delete', 'time', '12:00', pick(tasks)],
      ['--alter', 'delete', 'today', '13:00', pick(tasks)],
      ['--alter', 'delete', 'date', '2.1.2024', pick(tasks)],
      ['--alter', 'delete', 'day', 'friday', pick(tasks)],
      ['--alter', 'delete', 'label', 'nl', pick(tasks)],
      ['--alter', 'delete', 'limit', 'lim2', pick(['/s', '/s/f'])],
      ['--alter', 'delete', 'inlimit', 'lim', pick(tasks)],
      ['--alter', 'delete', 'late', pick(tasks)],
      ['--alter', 'delete', 'zombie', 'ecf', pick(tasks)],
      ['--alter', 'delete', 'cron', pick(tasks)],
      ['--alter', 'delete', 'event', 'e2', '/s/f/t1'],
    ]),
  change: (pick) =>
    pick([
      ['--alter', 'change', 'trigger', pick(['t1 == aborted', 't1 == complete or t3 == complete']), '/s/f/t2'],
      ['--alter', 'change', 'complete', pick(['t1:e1', 't3 == complete']), '/s/f/t2'],
      ['--alter', 'change', 'defstatus', pick(['complete', 'queued', 'suspended']), pick(nodes)],
      ['--alter', 'change', 'repeat', pick(['20240103', '20240105']), '/s/f'],
      ['--alter', 'change', 'repeat', pick(['b', 'c']), '/s/f/t3'],
      ['--alter', 'change', 'repeat', pick(['2', '4']), '/s/f/g'],
      ['--alter', 'change', 'repeat', pick(['y', 'x']), '/s/f/g/t4'],
      ['--alter', 'change', 'limit_value', 'lim', pick(['0', '3']), '/s'],
      ['--alter', 'change', 'limit_max', 'lim', pick(['5', '20']), '/s'],
      ['--alter', 'change', 'late', '-c +04:00', '/s/f/t2'],
    ]),
  flag: (pick) => ['--alter', pick(['set_flag', 'clear_flag']), pick(['late', 'message', 'zombie', 'killed']), pick(nodes)],
  suspend: (pick) => [pick(['--suspend', '--resume']), pick(nodes)],
  requeue: (pick) => ['--requeue', pick(['/s/run', '/s/f/t1', '/s/f/g', '/s/run/j1'])],
  freeDep: () => ['--free-dep', '/s/f/t2'],
  run: (pick) => ['--run', pick(['/s/run/j1', '/s/run/j2'])],
  order: (pick) => [`--order=${pick(['/s/f/t3', '/s/f/t1', '/s/run/j2', '/s/f/g'])}`, pick(['top', 'bottom', 'up', 'down', 'alpha'])],
  addSuite: (pick, home) => {
    const name = pick(['x1', 'x2']);
    const file = path.join(home, `${name}.def`);
    fs.writeFileSync(file, extraSuite(name));
    return [[`--load=${file}`], [`--begin=${name}`]];
  },
  deleteNode: (pick) => ['--delete=yes', pick(['/x1', '/x2', '/x1/a/x', '/x2/a', '/x1/z'])],
  replaceFamily: (pick, home, step) => {
    const file = path.join(home, `r${step}.def`);
    fs.writeFileSync(file, extraSuite(pick(['x1', 'x2'])).replace('task y', `task y${step}`));
    return [`--replace=${pick(['/x1/a', '/x2/a'])}`, file, 'parent'];
  },
  alias: (pick, home) => {
    const file = path.join(home, 'alias.job');
    fs.writeFileSync(file, 'echo alias\n');
    return ['--edit_script', pick(['/s/run/j1', '/s/f/t1']), 'submit_file', file, 'create_alias', 'no_run'];
  },
  haltRestart: (pick) => [[pick(['--halt=yes', '--shutdown=yes'])], ['--restart']],
  clock: (pick) => ['--alter', 'change', 'clock_date', pick(['2.1.2024', '3.1.2024']), '/s'],
  begin: () => [['--requeue', '/s/run'], ['--force=queued', '/s/run/j1']],
  datetime: (pick) =>
    pick([
      ['--alter', 'change', 'repeat', pick(['20240102T000000', '20240103T120000', '20240105T000000']), '/s/f/dt'],
      ...(DATETIMELIST ? [['--alter', 'change', 'repeat', pick(['20240101T120000', '20240102T000000']), '/s/f/dl']] : []),
      ['--requeue', pick(['/s/f/dt', ...(DATETIMELIST ? ['/s/f/dl'] : [])])],
    ]),
  aviso: (pick, _h, step) =>
    pick([
      // A changed configuration goes as a delete and an add, as our client sends it: ecflow_client's
      // `change aviso A '<configuration>'` leaves the aviso without its node, and the next requeue
      // kills the server (server-safety.test.ts).
      [
        ['--alter', 'delete', 'aviso', 'A', '/s/f/av'],
        ['--alter', 'add', 'aviso', 'A', `${listener(pick(['COM', 'XYZ']))} --polling ${pick(['60', '61'])}`, '/s/f/av'],
      ],
      ['--alter', 'change', 'aviso', 'A', 'reload', '/s/f/av'],
      ['--alter', 'add', 'aviso', 'B', listener(`D${step}`), pick(['/s/f/t3', '/s/f/dt'])],
      ['--alter', 'delete', 'aviso', 'B', pick(['/s/f/t3', '/s/f/dt'])],
    ]),
  mirror: (pick) =>
    pick([
      ['--alter', 'change', 'mirror', 'M', `--remote_path ${pick(['/x/y', '/x/z'])} --remote_host 127.0.0.1 --remote_port ${DEAD} --polling ${pick(['60', '61'])}`, '/s/f/mi'],
      ['--alter', 'change', 'mirror', 'M', 'reload', '/s/f/mi'],
      ['--alter', 'add', 'mirror', 'N', `--remote_path /a/b --remote_host 127.0.0.1 --remote_port ${DEAD}`, pick(['/s/f/t3', '/s/f/g/t4'])],
      ['--alter', 'delete', 'mirror', 'N', pick(['/s/f/t3', '/s/f/g/t4'])],
    ]),
};
const WEIGHTS: [keyof typeof OPS, number][] = [
  ['force', 6], ['eventSet', 3], ['meter', 3], ['label', 3], ['variable', 4], ['deleteVariable', 2], ['serverVariable', 2],
  ['deleteServerVariable', 1], ['addAttribute', 5], ['deleteAttribute', 4], ['change', 6], ['flag', 3], ['suspend', 4],
  ['requeue', 3], ['freeDep', 1], ['run', 2], ['order', 3], ['addSuite', 2], ['deleteNode', 2], ['replaceFamily', 1],
  ['haltRestart', 1], ['clock', 1], ['begin', 2], ['alias', 2],
  // (none on 5.9.2: its walk is what it was before the releases that brought them)
  ...(DATETIME ? [['datetime', 3] as [keyof typeof OPS, number]] : []),
  ...(AVISOS ? [['aviso', 3] as [keyof typeof OPS, number]] : []),
  ...(MIRRORS ? [['mirror', 3] as [keyof typeof OPS, number]] : []),
];

function diffLines(a: string, b: string): number[] {
  const A = a.split('\n');
  const B = b.split('\n');
  const out: number[] = [];
  for (let i = 0; i < Math.max(A.length, B.length); i++) if (A[i] !== B[i]) out.push(i);
  return out;
}

/**
 * State tokens the 5.9.2 server never sends incrementally: `dur:` when a requeue resets it without
 * a state change (Node::initState bumps no change number), `rt:` (not serialised; each client
 * computes it from its own calendar), and the definition's `cal_count:` (calendar ticks).
 */
const unsentTokens = (line: string): string => line.replace(/ dur:\S+| rt:\S+| cal_count:\S+/g, '');

/**
 * Lines that follow the suite calendars, which tick without a change number: when the server has
 * no news the mirror keeps the calendar of its last sync, and the server's full text, cached until
 * the next change number, keeps the calendar of when it was made.
 */
const CALENDAR_LINE = /^\s*(calendar |# edit (ECF_DATE|YYYY|DOW|DOY|DATE|DAY|DD|MM|MONTH|ECF_CLOCK|ECF_TIME|ECF_JULIAN|TIME) )/;

/** The lines where two prints differ, for a message that fits on a screen. */
function showDiff(a: string, b: string, lines: readonly number[]): string {
  const A = a.split('\n');
  const B = b.split('\n');
  return lines
    .slice(0, 8)
    .map((i) => `  line ${i}:\n    ${(A[i] ?? '<none>').slice(0, 200)}\n    ${(B[i] ?? '<none>').slice(0, 200)}`)
    .join('\n');
}

const changeNumbers = (text: string): string => /state_change:\d+ modify_change:\d+/.exec(text)?.[0] ?? '';

describe(`incremental sync equals a full download (seed ${SEED}, ${STEPS} steps)`, { skip: !haveEcflow && `ecFlow ${TEST_VERSION} is not installed` }, () => {
  let server: TestServer;
  let python: PythonMirror | undefined;
  let ours: Client;
  let fresh: Client;

  before(async () => {
    server = await startServer();
    const home = server.home;
    fs.mkdirSync(path.join(home, 'files'), { recursive: true });
    fs.mkdirSync(path.join(home, 'include'), { recursive: true });
    fs.writeFileSync(path.join(home, 'include', 'head.h'), head);
    fs.writeFileSync(path.join(home, 'include', 'tail.h'), tail);
    for (const t of ['j1', 'j2']) fs.writeFileSync(path.join(home, 'files', `${t}.ecf`), `%include <head.h>\n${body}%include <tail.h>\n`);
    fs.writeFileSync(path.join(home, 's.def'), mainSuite(home));
    fs.writeFileSync(path.join(home, 'schema.json'), AVISO_SCHEMA);
    fs.writeFileSync(path.join(home, 'auth.json'), '{ "username": "u", "password": "p" }\n');
    for (const args of [[`--load=${path.join(home, 's.def')}`], ['--restart'], ['--begin=s']]) {
      const r = await server.real(args);
      assert.equal(r.code, 0, r.stderr);
    }
    ours = server.client();
    fresh = server.client();
    if (havePythonEcflow) python = new PythonMirror(server.port);
  });
  after(async () => {
    python?.close();
    await server?.stop();
  });

  /** One sync of each. */
  async function take() {
    const change = await ours.syncLocal();
    const py = await python?.sync(true);
    const full = printDefs(parseDefs((await fresh.syncFull()).defs, { check: false, version: server.version }), { style: 'state', version: server.version });
    const mine = printDefs(ours.getDefs()!, { style: 'state', version: server.version });
    return { change, py, full, mine };
  }

  /**
   * Syncs all three (two without Python) until they saw the same change numbers (jobs may be
   * reporting meanwhile); after 4 s, what they last saw, for the comparisons to show.
   */
  async function snapshot() {
    let last: Awaited<ReturnType<typeof take>> | undefined;
    const agree = ({ py, full, mine }: Awaited<ReturnType<typeof take>>) =>
      changeNumbers(full) === changeNumbers(mine) && (py === undefined || changeNumbers(full) === changeNumbers(py.text));
    await until(
      'the mirrors and a full download to show the same change numbers',
      async () => {
        last = await take().catch((e: unknown) => {
          throw new GiveUp('a sync failed', { cause: e });
        });
        return agree(last);
      },
      4_000,
    ).catch((e: unknown) => {
      if (e instanceof GiveUp) throw e.cause;
    });
    return last!;
  }

  it('stays identical to the server through a random walk of changes', async (t) => {
    const rnd = random(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const total = WEIGHTS.reduce((s, [, w]) => s + w, 0);
    const choose = (): keyof typeof OPS => {
      let r = rnd() * total;
      for (const [name, w] of WEIGHTS) if ((r -= w) < 0) return name;
      return 'force';
    };
    assert.equal((await ours.syncLocal()).kind, 'full');
    const first = await snapshot();
    assert.equal(first.mine, first.full);
    const kinds = { none: 0, incremental: 0, full: 0 };
    let pythonStale = 0;
    let unsent = 0;
    for (let step = 1; step <= STEPS; step++) {
      const name = choose();
      const made = OPS[name]!(pick, server.home, step);
      const commands = Array.isArray(made[0]) ? (made as string[][]) : [made as string[]];
      for (const args of commands) await server.real(args); // a refused change is a step too
      const { change, py, full, mine } = await snapshot();
      kinds[change.kind]++;
      const where = `step ${step} (${name}: ${commands.map((c) => c.join(' ')).join('; ')}), seed ${SEED}`;
      // a full download for recovery would hide a memento the mirror failed to apply
      assert.notEqual(change.reason, 'recovery', `the mirror could not apply the server's changes after ${where}: ${change.error?.message}`);
      assert.equal(change.ignored, undefined, `the mirror left out ${change.ignored?.join('; ')} after ${where}`);
      const mineLines = mine.split('\n');
      const fullLines = full.split('\n');
      const different = diffLines(mine, full);
      const real = different.filter(
        (i) =>
          unsentTokens(mineLines[i] ?? '') !== unsentTokens(fullLines[i] ?? '') &&
          !(CALENDAR_LINE.test(mineLines[i] ?? '') && CALENDAR_LINE.test(fullLines[i] ?? '')),
      );
      assert.deepEqual(real, [], `mirror differs from a full download after ${where}:\n${showDiff(mine, full, real)}`);
      unsent += different.length;
      if (py === undefined) continue;
      assert.deepEqual(statusRecords(ours.getDefs()), py.records, `status records differ from Python's get_all_nodes after ${where}`);
      // Python's mirror may only differ from ours where it differs from the server.
      const pyWrong = new Set(diffLines(py.text, full));
      const pyLines = py.text.split('\n');
      for (const line of diffLines(py.text, mine)) {
        if (unsentTokens(pyLines[line] ?? '') === unsentTokens(mineLines[line] ?? '')) continue;
        if (CALENDAR_LINE.test(pyLines[line] ?? '') && CALENDAR_LINE.test(mineLines[line] ?? '')) continue;
        assert.ok(pyWrong.has(line), `Python's mirror differs from ours after ${where}:\n${showDiff(py.text, mine, [line])}`);
      }
      pythonStale += pyWrong.size;
    }
    if (python === undefined) t.diagnostic(`ecFlow ${TEST_VERSION} has no Python module here: compared with the full download only`);
    t.diagnostic(`syncs: ${JSON.stringify(kinds)}; lines where the Python mirror was stale and ours right: ${pythonStale}; lines differing only in dur:/rt:/cal_count: or in a calendar: ${unsent}`);
    assert.ok(kinds.incremental > STEPS / 2, `most steps are incremental syncs: ${JSON.stringify(kinds)}`);
  });
});
