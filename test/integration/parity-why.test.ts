/**
 * Parity of `why` (`--group="get; why[=path]"`), which ecflow_client computes on the client from
 * the definition it fetched: each row runs through the real ecflow_client (server A) and ours
 * (server B); outputs, exit codes and the resulting states must agree.
 *
 * The suites use fixed clocks (`clock real|hybrid 1.1.2030 +43200`: suite time 2030-01-01 12:00
 * at begin), so the reasons for time, today, cron, date and day attributes do not depend on when
 * the test runs. The suite time still advances with the servers' own clocks (each server updates
 * its calendars on its own poll), so the current time a reason quotes ("current suite time is
 * 12:00", "current time 12:00 ...", "+00:00" for relative times) is normalised by `clock`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeParity, type Row } from '../helpers/parity.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-why-'));
for (const t of ['t1', 't2', 't3', 't4', 't5', 't6', 'x1', 'x2', 'y1', 'y2', 'rt', 'u1', 'u2', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6']) fs.writeFileSync(path.join(dir, `${t}.ecf`), 'echo hi\n');

const suiteFile = path.join(dir, 'why.def');
fs.writeFileSync(
  suiteFile,
  `suite w
  clock real 1.1.2030 +43200
  edit ECF_FILES '${dir}'
  edit ECF_JOB_CMD 'true'
  edit SV '7'
  limit lim 2
  limit one 1
  limit big 5
  family f
    task t1
      event e
      meter m 0 10
    task t2
      trigger t1 == complete and t1:e == set
    task t3
      trigger t1 == complete or t1:m ge 5
    task t4
      trigger (t1 == active and not t2 == complete) or t1:m < 3
      complete t1:e
    task t5
      trigger ../r:I ge 2 and :SV == 8 and t1:ECF_TRYNO > 1 and /w:one > 5 and t1<flag>late
    task t6
      trigger cal::date_to_julian(/w/r/rt:D) > 2470000 and t1:e == clear or (t1:m + 1 == 3 and ! t1 == queued)
  endfamily
  family r
    repeat integer I 0 3
    task rt
      repeat date D 20300101 20300105
      trigger rt:D > 20300102
  endfamily
  family tm
    task a
      time 10:00
    task b
      time 14:00
    task c
      time 11:00 15:00 01:00
    task d
      today 13:00
    task e
      today 10:00
    task f
      time +00:30
    task g
      date 2.1.2030
    task h
      day wednesday
    task i
      cron 13:00
    task j
      cron -w 0,6 10:00
    task k
      cron -d 15 10:00 20:00 00:30
    task l
      day monday
      time 10:00
    task m
      date 5.*.*
      today 09:00
    task n
      cron -m 3 -d 1,L 08:00
    task o
      cron -w 2L 08:00
    task p
      time 09:00 11:00 00:30
    task q
      today 12:00 18:00 02:00
  endfamily
  family lm
    inlimit lim 2
    task x1
    task x2
    family sub
      inlimit one
      task y1
      task y2
    endfamily
  endfamily
  family bg
    task b1
      inlimit /w:big
    task b2
      inlimit /w:big
    task b3
      inlimit /w:big
    task b4
      inlimit /w:big
    task b5
      inlimit /w:big
    task b6
      inlimit /w:big
  endfamily
  family sus
    defstatus suspended
    task s1
  endfamily
  family dc
    defstatus complete
    task c1
  endfamily
endsuite
suite v
  clock hybrid 1.1.2030 +43200
  family a
    time 14:00
    task t
      trigger 1 == 0
  endfamily
  family b
    time 12:30 13:00 00:30
    task t
      trigger 1 == 0
  endfamily
  family c
    today 14:00
    today 12:30 13:00 00:30
    cron 12:30 13:00 00:30
    task t
      trigger 1 == 0
  endfamily
  family d
    time 10:00 11:30 00:30
    cron -w 1 11:00
    cron 10:00 11:00 00:30
    task t
      trigger 1 == 0
  endfamily
endsuite
suite nb
  family f
    task u1
      trigger u2 == complete
    task u2
endsuite
`,
);

/** The current suite time a reason quotes moves with each server's own calendar updates. */
const clock = (s: string) =>
  s.replace(/(current suite time is \+?)\d\d:\d\d/g, '$1HH:MM').replace(/(current time \+?)\d\d:\d\d/g, '$1HH:MM');

const why = (target = ''): Row => ({ args: [target === '' ? '--group=get; why' : `--group=get; why=${target}`], normalize: clock, state: false });

const W_NODES = [
  '/w', '/w/f', '/w/f/t1', '/w/f/t2', '/w/f/t3', '/w/f/t4', '/w/f/t5', '/w/f/t6', '/w/r', '/w/r/rt', '/w/tm', '/w/tm/a', '/w/tm/b',
  '/w/tm/c', '/w/tm/d', '/w/tm/e', '/w/tm/f', '/w/tm/g', '/w/tm/h', '/w/tm/i', '/w/tm/j', '/w/tm/k', '/w/tm/l', '/w/tm/m', '/w/tm/n',
  '/w/tm/o', '/w/tm/p', '/w/tm/q', '/w/lm', '/w/lm/x2', '/w/lm/sub', '/w/lm/sub/y1', '/w/bg', '/w/bg/b6', '/w/sus/s1', '/w/dc/c1',
];

const rows: Row[] = [
  // a new server is halted: nothing to say but that, top down; bottom up still lists each level
  why(),
  { args: [`--load=${suiteFile}`] },
  why(),
  why('/nb/f/u1'),
  { args: ['--begin=w'] },
  { args: ['--begin=v'] },
  why(),
  ...W_NODES.map((n) => why(n)),
  // running: jobs are submitted (ECF_JOB_CMD true), the limit fills, scripts that are missing abort
  { args: ['--restart'] },
  why(),
  ...W_NODES.map((n) => why(n)),
  why('/v'),
  why('/v/a/t'),
  why('/nb'),
  why('/nb/f/u1'),
  // states, flags, events, meters, limits and freed dependencies changed by hand
  { args: ['--alter=set_flag', 'late', '/w/f/t1'] },
  { args: ['--alter=change', 'event', 'e', 'set', '/w/f/t1'] },
  { args: ['--alter=change', 'meter', 'm', '4', '/w/f/t1'] },
  { args: ['--suspend=/w/f/t3'] },
  { args: ['--free-dep=/w/tm/a'] },
  { args: ['--free-dep', 'date', '/w/tm/g'] },
  { args: ['--alter=change', 'limit_value', 'one', '1', '/w'] },
  { args: ['--force=aborted', '/w/f/t5'] },
  { args: ['--force=complete', '/w/r/rt'] },
  { args: ['--force=complete', '/v/a', '/v/b', '/v/c'] },
  { args: ['--force=complete', '/v/b', '/v/c'] },
  { args: ['--force=queued', '/nb/f/u1'] },
  why(),
  ...['/w/f/t2', '/w/f/t3', '/w/f/t5', '/w/f/t6', '/w/tm/a', '/w/tm/g', '/w/lm/sub/y1', '/w/r/rt', '/w/r'].map((n) => why(n)),
  ...['/v/a', '/v/b', '/v/c', '/v/d/t', '/nb/f/u1'].map((n) => why(n)),
  { args: ['--free-dep=/nb/f/u1'] },
  why('/nb/f/u1'),
  // what else a group can hold: a relative path, the first why of several, sync_full, sync, a
  // node alone (`get=/path` gives no definition: nothing printed), why without get, show first
  { args: ['--group=get; why=w/f/t2'], normalize: clock, state: false },
  { args: ['--group=get; why=/w/f/t2; why=/w'], normalize: clock, state: false },
  { args: ['--group=sync_full 0; why=/w/f/t2'], normalize: clock, state: false },
  { args: ['--group=sync 0 0 0; why=/w/lm/x2'], normalize: clock, state: false },
  { args: ['--group=get=/w; why=/w/f/t2'], state: false },
  { args: ['--group=why=/w/f/t2'], state: false },
  { args: ['--group=get; show; why=/w/f/t2'], normalize: clock, state: false },
  // a path that names no node
  { args: ['--group=get; why=/nosuch'], state: false },
  { args: ['--group=get; why=/'], state: false },
  { args: ['--group=get; show; why=/w/nosuch'], state: false },
  // halted again
  { args: ['--halt=yes'] },
  why(),
  why('/w/f/t2'),
  { args: ['--shutdown=yes'] },
  why(),
  why('/w/lm/x2'),
];

describeParity('why', rows, { cleanup: dir });
