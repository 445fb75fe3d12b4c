// The model's own API: builders that return what they add (compared with the Python module building
// the same definition, printed, and with its error messages), variable substitution, errors as
// EcflowErrors, read-only lists, zombie/child-command names, and the typed findNode.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ArgumentError, EcflowError, ErrorCode } from '../../../packages/ecflow-ts/src/errors.js';
import {
  AutoArchiveAttr,
  AutoCancelAttr,
  CHILD_CMDS,
  ChildCmdType,
  Defs,
  DefsParseError,
  Expression,
  Family,
  findNode,
  flagsFromString,
  InLimit,
  Label,
  Meter,
  parseDate,
  parseDefs,
  parseTime,
  parseZombie,
  printDefs,
  RepeatDate,
  RepeatInteger,
  Suite,
  Task,
  Variable,
  why,
  ZOMBIE_ACTIONS,
  ZOMBIE_TYPES,
  ZombieAttr,
  ZombieType,
  ZombieUserActionType,
  type AnyNode,
} from '../../../packages/ecflow-ts/src/defs/index.js';
import { theInt } from '../../../packages/ecflow-ts/src/defs/text.js';
import { havePythonEcflow, python } from '../../helpers/python-mirror.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function py(script: string): unknown {
  const r = spawnSync(python, ['-c', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// The same definition built with Python's API (left) and ours (right).
const PY_BUILD = String.raw`
import ecflow, json
d = ecflow.Defs()
d.add_variable('UV', 'u').add_variable('N', 3).add_variable({'W': 'w'})
s = d.add_suite('s')
s.add_variable('SV', 'x').add_limit('L', 2).add_defstatus(ecflow.DState.suspended)
f = s.add_family('f')
f.add_variable({'A': '1', 'B': 2})
t = f.add_task('t')
t.add_variable('A', 'b').add_label('l', 'v').add_meter('m', 0, 10).add_meter('m2', 0, 10, 5)
t.add_event(1).add_event('e').add_event(2, 'e2').add_event('3')
t.add_trigger('t2 == complete').add_complete('t2 == aborted')
t.add_time('10:00').add_time(11, 30).add_time('+00:30').add_today('00:00 11:30 00:01').add_today(9, 5, True)
t.add_date(1, 0, 2020).add_date(0, 0, 0).add_day('monday')
t.add_inlimit('L', '/s', 1).add_inlimit('L2')
t.add_queue('q', ['a', 'b']).add_generic('g', ['x', 'y'])
t.add_zombie(ecflow.ZombieAttr(ecflow.ZombieType.ecf, [ecflow.ChildCmdType.init], ecflow.ZombieUserActionType.fob, 100))
c = ecflow.Cron(); c.set_week_days([0, 1]); c.set_time_series('10:00'); t.add_cron(c)
t2 = f.add_task('t2')
t2.add_part_trigger('t == complete').add_part_trigger('t == aborted', False).add_part_complete('1 == 1')
t2.add_repeat(ecflow.RepeatInteger('R', 1, 5))
l = ecflow.Late(); l.submitted(0, 15); l.active(20, 0); l.complete(2, 0, True); t2.add_late(l)
t2.add_autocancel(3)
f.add_family('g').add_task('t3').add_autoarchive(2, False)
d.add_suite('s2').add_task('t')
print(json.dumps(str(d)))
`;

function buildOurs(): Defs {
  const d = new Defs();
  d.addVariable('UV', 'u').addVariable('N', 3).addVariable({ W: 'w' });
  const s = d.addSuite('s');
  s.addVariable('SV', 'x').addLimit('L', 2).addDefStatus('suspended');
  const f = s.addFamily('f');
  f.addVariable({ A: '1', B: 2 });
  const t = f.addTask('t');
  t.addVariable('A', 'b').addLabel('l', 'v').addMeter('m', 0, 10).addMeter('m2', 0, 10, 5);
  t.addEvent(1).addEvent('e').addEvent(2, 'e2').addEvent('3');
  t.addTrigger('t2 == complete').addComplete('t2 == aborted');
  t.addTime('10:00').addTime(11, 30).addTime('+00:30').addToday('00:00 11:30 00:01').addToday(9, 5, true);
  t.addDate(1, 0, 2020).addDate(0, 0, 0).addDay('monday');
  t.addInLimit('L', '/s', 1).addInLimit('L2');
  t.addQueue('q', ['a', 'b']).addGeneric('g', ['x', 'y']);
  t.addZombie('ecf:fob:init:100');
  t.addCron('-w 0,1 10:00');
  const t2 = f.addTask('t2');
  t2.addTriggerPart('t == complete').addTriggerPart('t == aborted', 'or').addCompletePart('1 == 1');
  t2.addRepeat(new RepeatInteger('R', 1, 5));
  t2.addLate('-s +00:15 -a 20:00 -c +02:00');
  t2.addAutoCancel(new AutoCancelAttr({ h: 72, m: 0 }, false, true));
  f.addFamily('g').addTask('t3').addAutoArchive(new AutoArchiveAttr({ h: 48, m: 0 }, false, true, false));
  d.addSuite('s2').addTask('t');
  return d;
}

interface Ctx {
  d: Defs;
  s: Suite;
  f: Family;
  t: Task;
}
// [name, Python statements run with d, s, f, t in scope, the same with ours]
const ERROR_CASES: [string, string, (c: Ctx) => unknown][] = [
  ['duplicate label', "t.add_label('l', 'a'); t.add_label('l', 'b')", ({ t }) => t.addLabel('l', 'a').addLabel('l', 'b')],
  ['duplicate meter', "t.add_meter('m', 0, 9); t.add_meter('m', 0, 9)", ({ t }) => t.addMeter('m', 0, 9).addMeter('m', 0, 9)],
  ['meter range', "t.add_meter('m', 9, 0)", ({ t }) => t.addMeter('m', 9, 0)],
  ['duplicate event number', 't.add_event(1); t.add_event(1)', ({ t }) => t.addEvent(1).addEvent(1)],
  ['duplicate numeric event name', "t.add_event(1); t.add_event('1')", ({ t }) => t.addEvent(1).addEvent('1')],
  ['duplicate event name', "t.add_event('e'); t.add_event('e')", ({ t }) => t.addEvent('e').addEvent('e')],
  ['empty event name', "t.add_event('')", ({ t }) => t.addEvent('')],
  ['bad event name', "t.add_event('a b')", ({ t }) => t.addEvent('a b')],
  ['bad numbered event name', "t.add_event(1, 'a b')", ({ t }) => t.addEvent(1, 'a b')],
  ['duplicate limit', "t.add_limit('L', 1); t.add_limit('L', 2)", ({ t }) => t.addLimit('L', 1).addLimit('L', 2)],
  ['bad limit name', "t.add_limit('a b', 1)", ({ t }) => t.addLimit('a b', 1)],
  ['duplicate inlimit', "t.add_inlimit('L', '/s'); t.add_inlimit('L', '/s')", ({ t }) => t.addInLimit('L', '/s').addInLimit('L', '/s')],
  ['bad inlimit name', "t.add_inlimit('a b')", ({ t }) => t.addInLimit('a b')],
  ['bad variable name', "t.add_variable('a b', 'x')", ({ t }) => t.addVariable('a b', 'x')],
  ['bad defs variable name', "d.add_variable('a b', 'x')", ({ d }) => d.addVariable('a b', 'x')],
  ['bad label name', "t.add_label('a b', 'x')", ({ t }) => t.addLabel('a b', 'x')],
  ['bad meter name', "t.add_meter('a b', 0, 1)", ({ t }) => t.addMeter('a b', 0, 1)],
  ['second trigger', "t.add_trigger('1 == 1'); t.add_trigger('2 == 2')", ({ t }) => t.addTrigger('1 == 1').addTrigger('2 == 2')],
  ['second complete', "t.add_complete('1 == 1'); t.add_complete('2 == 2')", ({ t }) => t.addComplete('1 == 1').addComplete('2 == 2')],
  ['trigger on a suite', "s.add_trigger('1 == 1')", ({ s }) => s.addTrigger('1 == 1')],
  ['complete on a suite', "s.add_complete('1 == 1')", ({ s }) => s.addComplete('1 == 1')],
  ['part trigger on a suite', "s.add_part_trigger('1 == 1')", ({ s }) => s.addTriggerPart('1 == 1')],
  ['part complete on a suite', "s.add_part_complete('1 == 1')", ({ s }) => s.addCompletePart('1 == 1')],
  ['second part without and/or', "t.add_part_trigger('1 == 1'); t.add_part_trigger('2 == 2')", ({ t }) => t.addTriggerPart('1 == 1').addTriggerPart('2 == 2')],
  ['time on a suite', "s.add_time('10:00')", ({ s }) => s.addTime('10:00')],
  ['today on a suite', 's.add_today(10, 0)', ({ s }) => s.addToday(10, 0)],
  ['date on a suite', 's.add_date(1, 1, 2020)', ({ s }) => s.addDate(1, 1, 2020)],
  ['day on a suite', "s.add_day('monday')", ({ s }) => s.addDay('monday')],
  ['bad hour', "t.add_time('25:00')", ({ t }) => t.addTime('25:00')],
  ['half a series', "t.add_time('10:00 11:00')", ({ t }) => t.addTime('10:00 11:00')],
  ['bad day of month', 't.add_date(32, 1, 2020)', ({ t }) => t.addDate(32, 1, 2020)],
  ['bad month', 't.add_date(1, 13, 2020)', ({ t }) => t.addDate(1, 13, 2020)],
  ['no such date', 't.add_date(29, 2, 2021)', ({ t }) => t.addDate(29, 2, 2021)],
  ['bad day name', "t.add_day('Monday')", ({ t }) => t.addDay('Monday')],
  ['bad queue name', "t.add_queue('a b', ['x'])", ({ t }) => t.addQueue('a b', ['x'])],
  ['empty queue', "t.add_queue('q', [])", ({ t }) => t.addQueue('q', [])],
  ['duplicate queue', "t.add_queue('q', ['x']); t.add_queue('q', ['y'])", ({ t }) => t.addQueue('q', ['x']).addQueue('q', ['y'])],
  ['bad generic name', "t.add_generic('a b', [])", ({ t }) => t.addGeneric('a b')],
  ['duplicate generic', "t.add_generic('g', []); t.add_generic('g', [])", ({ t }) => t.addGeneric('g').addGeneric('g')],
  [
    'duplicate zombie type',
    'z = ecflow.ZombieAttr(ecflow.ZombieType.user, [], ecflow.ZombieUserActionType.fob, 100); t.add_zombie(z); t.add_zombie(z)',
    ({ t }) => t.addZombie('user:fob::100').addZombie('user:fob::100'),
  ],
  ['second repeat', "t.add_repeat(ecflow.RepeatInteger('R', 1, 2)); t.add_repeat(ecflow.RepeatInteger('S', 1, 2))", ({ t }) => t.addRepeat(new RepeatInteger('R', 1, 2)).addRepeat(new RepeatInteger('S', 1, 2))],
  ['repeat after a cron', "t.add_cron(ecflow.Cron('10:00')); t.add_repeat(ecflow.RepeatInteger('R', 1, 2))", ({ t }) => t.addCron('10:00').addRepeat(new RepeatInteger('R', 1, 2))],
  ['cron series after a repeat', "t.add_repeat(ecflow.RepeatInteger('R', 1, 2)); t.add_cron(ecflow.Cron('00:00 23:00 01:00'))", ({ t }) => t.addRepeat(new RepeatInteger('R', 1, 2)).addCron('00:00 23:00 01:00')],
  ['second late', 'l = ecflow.Late(); l.active(1, 0); t.add_late(l); t.add_late(l)', ({ t }) => t.addLate('-a 01:00').addLate('-a 01:00')],
  ['second autocancel', 't.add_autocancel(1); t.add_autocancel(2)', ({ t }) => t.addAutoCancel(new AutoCancelAttr({ h: 24, m: 0 }, false, true)).addAutoCancel(new AutoCancelAttr({ h: 48, m: 0 }, false, true))],
  ['autocancel after autoarchive', 't.add_autoarchive(1, False); t.add_autocancel(1)', ({ t }) => t.addAutoArchive(new AutoArchiveAttr({ h: 24, m: 0 }, false, true, false)).addAutoCancel(new AutoCancelAttr({ h: 24, m: 0 }, false, true))],
  ['autoarchive after autocancel', 't.add_autocancel(1); t.add_autoarchive(1, False)', ({ t }) => t.addAutoCancel(new AutoCancelAttr({ h: 24, m: 0 }, false, true)).addAutoArchive(new AutoArchiveAttr({ h: 24, m: 0 }, false, true, false))],
  ['duplicate task by name', "f.add_task('t')", ({ f }) => f.addTask('t')],
  ['duplicate task', "f.add_task(ecflow.Task('t'))", ({ f }) => f.addTask(new Task('t'))],
  ['family named like a task', "f.add_family('t')", ({ f }) => f.addFamily('t')],
  ['bad task name', "f.add_task('a b')", ({ f }) => f.addTask('a b')],
  ['bad family name', "f.add_family('.x')", ({ f }) => f.addFamily('.x')],
  ['duplicate suite by name', "d.add_suite('s')", ({ d }) => d.addSuite('s')],
  ['duplicate suite', "d.add_suite(ecflow.Suite('s'))", ({ d }) => d.addSuite(new Suite('s'))],
  ['bad suite name', "d.add_suite('a b')", ({ d }) => d.addSuite('a b')],
  ['find_node of an unknown type', "d.find_node('alias', '/s/f/t')", ({ d }) => d.findNode('alias', '/s/f/t')],
];

const PY_ERRORS = String.raw`
import ecflow, json, sys
out = []
for code in json.load(sys.stdin):
    d = ecflow.Defs(); s = d.add_suite('s'); f = s.add_family('f'); t = f.add_task('t')
    try:
        exec(code, {'ecflow': ecflow, 'd': d, 's': s, 'f': f, 't': t})
        out.append(None)
    except Exception as e:
        out.append(str(e))
print(json.dumps(out))
`;

function ctx(): Ctx {
  const d = new Defs();
  const s = d.addSuite('s');
  const f = s.addFamily('f');
  const t = f.addTask('t');
  return { d, s, f, t };
}

describe('builders like the Python module', { skip: havePythonEcflow ? false : 'no /usr/bin/python3 with ecflow' }, () => {
  it('builds, through chained calls, the definition Python builds (printed the same)', () => {
    assert.equal(printDefs(buildOurs()), py(PY_BUILD));
  });

  it('refuses what Python refuses, with its message, as ArgumentErrors', () => {
    const r = spawnSync(python, ['-c', PY_ERRORS], { input: JSON.stringify(ERROR_CASES.map((c) => c[1])), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const messages = JSON.parse(r.stdout) as (string | null)[];
    ERROR_CASES.forEach(([name, , ours], i) => {
      const want = messages[i];
      assert.ok(typeof want === 'string', `${name}: python accepted it`);
      assert.throws(() => ours(ctx()), (e: unknown) => {
        assert.ok(e instanceof ArgumentError, `${name}: ${String(e)}`);
        assert.equal(e.code, ErrorCode.ARGUMENT);
        assert.equal(e.message, want, name);
        return true;
      }, name);
    });
  });

  it('names zombie types, actions and child commands as Python does, in its enum order', () => {
    const names = py(String.raw`
import ecflow, json
def order(E): return [k for _, k in sorted((int(v), k) for k, v in E.names.items())]
print(json.dumps([order(ecflow.ZombieType), order(ecflow.ZombieUserActionType), order(ecflow.ChildCmdType)]))
`) as string[][];
    assert.deepEqual(ZOMBIE_TYPES, names[0]);
    assert.deepEqual(ZOMBIE_ACTIONS, names[1]);
    assert.deepEqual(CHILD_CMDS, names[2]);
    assert.deepEqual(Object.keys(ZombieType).sort(), [...names[0]!].sort());
    assert.deepEqual(Object.keys(ZombieUserActionType).sort(), [...names[1]!].sort());
    assert.deepEqual(Object.keys(ChildCmdType).sort(), [...names[2]!].sort());
  });
});

describe('builders return what they add', () => {
  it('chains from the definition down to a task, and back to the node from attribute adders', () => {
    const defs = new Defs();
    const t = defs.addSuite('s').addFamily('f').addTask('t');
    assert.equal(t.absNodePath(), '/s/f/t');
    assert.equal(defs.findAbsNode('/s/f/t'), t);
    assert.equal(t.addVariable('A', 'x').addLabel('l', 'v').addTrigger('1 == 1'), t);
    const s = new Suite('s2');
    assert.equal(defs.addSuite(s), s);
    const f = new Family('g');
    assert.equal(s.addFamily(f), f);
    assert.equal(f.parent, s);
    assert.equal(s.defs, defs);
    assert.equal(defs.addVariable('V', 1).findVariable('V')?.value, '1');
  });

  it('updates a variable of the same name instead of adding one, in every form', () => {
    const t = new Task('t');
    t.addVariable('A', 'x').addVariable(new Variable('A', 'y')).addVariable({ A: 'z', B: 2 });
    assert.deepEqual(t.variables.map((v) => [v.name, v.value]), [['A', 'z'], ['B', '2']]);
  });

  it('keeps an attribute object as given, unchecked, as the parser and the sync add', () => {
    const t = new Task('t');
    t.addLabel(new Label('l', 'a')).addLabel(new Label('l', 'b'));
    assert.equal(t.labels.length, 2);
  });

  it('makes an Expression of one part from its text', () => {
    const e = new Expression('a == complete');
    assert.deepEqual(e.parts, [{ text: 'a == complete', type: 'first' }]);
    assert.equal(e.add({ text: 'b == complete', type: 'and' }).text(), 'a == complete AND b == complete');
  });
});

describe('variable substitution', () => {
  const defs = parseDefs(readFileSync(path.join(here, 'fixtures', 'variables.def'), 'utf8'));
  defs.serverVariables = [new Variable('ECF_HOME', '.'), new Variable('ECF_MICRO', '%'), new Variable('ECF_PORT', '3141')];
  const sub = (p: string, name: string) => defs.findAbsNode(p)!.findParentVariableSubValue(name);
  const cases: [string, string, string][] = [
    ['/s/f/t', 'A', 'a-fb-f-1-f'], // nested three deep, the family's B over the suite's, repeat and generated
    ['/s/f/t', 'D', 'user_/home/s-0-t'], // a server user variable, itself substituted from the node
    ['/s/f/t', 'E', '%NOPE%-x'], // an unknown variable stops the substitution
    ['/s/f/t', 'F', 'def-y c'], // %VAR:default%
    ['/s/f/t', 'G', '%literal% a-fb-f-1-f 100%'], // %% is %
    ['/s/f/t', 'H', '/s/f/t:/home/s/s/f/t.job0:/out/s/s/f/t.0:/home/s/s/f/t.sms'], // generated, and substituted again
    ['/s/f/t', 'H2', 'printf %02d 00'],
    ['/s/f/t', 'UV', 'user_.'], // a server variable is substituted with the server's variables only
    ['/s/f/t', 'UREC', '%UREC%'],
    ['/s/f/t', 'LOOP', '%LOOP2%'], // recursion ends
    ['/s/f/t', 'NOPE', ''],
    ['/s/f/t2', 'I', '20200101_3_2458850_1'], // repeat date generated variables
    ['/s/f/t2', 'ECF_OUT', '/home/s/o/f'],
    ['/s/f/g/t3', 'K', 'a-fb-f/g-1-g s f/g  '],
    ['/s/m/tm', 'Y', 'xa-%B%y %A% & /s/m/tm &z'], // ECF_MICRO '&'
  ];
  for (const [p, name, want] of cases) it(`${p} ${name} is ${JSON.stringify(want)}`, () => assert.equal(sub(p, name), want));

  it('finds variables up the tree, then the server user and server variables', () => {
    const t = defs.findAbsNode('/s/f/t')!;
    assert.equal(t.findParentVariable('B')?.value, 'fb-%FAMILY%-%R%-%FAMILY1%');
    assert.equal(t.findParentVariable('UV')?.value, 'user_%ECF_HOME%');
    assert.equal(t.findParentVariable('ECF_PORT')?.value, '3141');
    assert.equal(t.findParentVariable('FAMILY'), undefined); // generated: findGenVariable
    assert.equal(defs.findAbsNode('/s/f')!.findGenVariable('FAMILY')?.value, 'f');
    assert.equal(t.findVariable('B'), undefined);
    assert.equal(defs.variableSubstitution('%UV%'), 'user_.');
    assert.equal(t.variableSubstitution('%ECF_NAME% %%'), '/s/f/t %');
  });
});

describe('every error of the model is an EcflowError', () => {
  const cases: [string, () => unknown, string][] = [
    ['Meter', () => new Meter('m', 2, 1), 'Meter::Meter: Invalid Meter(name,min,max,color_change) : min must be less than max'],
    ['InLimit', () => new InLimit('l', '', 1, true, true), "InLimit::InLimit: can't limit family only(-n) and limit submission(-s) at the same time"],
    ['parseZombie', () => parseZombie('x'), 'ZombieAttr::create failed: Invalid zombie type x'],
    ['parseTime', () => parseTime('1:00'), 'TimeSeries::getTime: Invalid hour :1'],
    ['parseDate', () => parseDate('1.1'), 'DateAttr::getDate: Invalid date missing second dot :1.1'],
    ['RepeatDate', () => new RepeatDate('d', 20200101, 20200102, 0), 'Invalid Repeat date: the delta cannot be zerorepeat d 20200101 20200102 0'],
    ['flagsFromString', () => flagsFromString('nope'), 'Flag::set_flag: Unknown flag types found: nope'],
    ['theInt', () => theInt('x', 'not an int'), 'not an int'],
    ['why', () => why(new Defs(), '/nope'), "WhyCmd: The node path parameter '/nope' cannot be found."],
    ['Expression.add', () => new Expression().add({ text: 'a', type: 'and' }), 'Expression::add: expression a failed: The first expression should not have AND or OR set'],
    ['addChild', () => ctx().f.addChild(new Task('t')), "Add Task failed: A Task/Family of name 't' already exist on node FAMILY:/s/f"],
  ];
  for (const [name, f, message] of cases) {
    it(`${name} throws an ArgumentError`, () => {
      assert.throws(f, (e: unknown) => e instanceof ArgumentError && e instanceof EcflowError && e.code === 'ECFLOW_ARGUMENT' && e.message === message);
    });
  }

  it('a parse error stays a DefsParseError whose reason is the model error, kept as its cause', () => {
    assert.throws(
      () => parseDefs('suite s\n  task t\n    label l "a"\n    label l "b"\nendsuite\n'),
      (e: unknown) =>
        e instanceof DefsParseError &&
        e.code === 'ECFLOW_DEFS_PARSE' &&
        e.line === 4 &&
        e.reason === "Add Label failed: Duplicate label of name 'l' already exist for node TASK:/s/t" &&
        e.cause instanceof ArgumentError,
    );
    assert.throws(
      () => parseDefs('suite s\n  task t\n    meter m 5 1\nendsuite\n'),
      (e: unknown) => e instanceof DefsParseError && e.reason === 'Meter::Meter: Invalid Meter(name,min,max,color_change) : min must be less than max',
    );
  });
});

describe('read-only lists', () => {
  it('types the attribute lists readonly: a fresh node shares one frozen empty list', () => {
    const a = new Task('a');
    const b = new Task('b');
    assert.equal(a.variables, b.variables);
    assert.ok(Object.isFrozen(a.limits));
    // @ts-expect-error the lists are read-only: add through the node
    assert.throws(() => a.limits.push(b.limits[0]!), TypeError);
    // @ts-expect-error the lists are read-only
    assert.throws(() => a.aliases.push(), TypeError);
    a.addLimit('L', 1);
    assert.deepEqual(a.limits.map((l) => l.name), ['L']);
    assert.equal(b.limits.length, 0);
  });

  it('replaces a whole list through its setter, which the node then keeps', () => {
    const t = new Task('t');
    const list = [new ZombieAttr('user', [], 'fob', 100)];
    t.zombies = list;
    t.addZombie('ecf:fob::100');
    assert.equal(t.zombies, list);
    assert.deepEqual(t.zombies.map((z) => z.type), ['user', 'ecf']);
  });

  it('keeps the children and the definition lists behind their adders', () => {
    // type checks only (test/tsconfig.json): the lists are plain arrays underneath
    const compileOnly = (defs: Defs, s: Suite): void => {
      // @ts-expect-error children are read-only: addTask / addFamily / addChild / replaceChildren
      s.children.push(new Task('u'));
      // @ts-expect-error add with addVariable / addUserVariable
      defs.userVariables.push(new Variable('a', 'b'));
      // @ts-expect-error add with addServerVariable
      defs.serverVariables.push(new Variable('a', 'b'));
      // @ts-expect-error add with addExtern
      defs.externs.push('/x');
      // @ts-expect-error a parts list is read-only: Expression.add
      new Expression('x').parts.push({ text: 'y', type: 'and' });
    };
    void compileOnly;
    const defs = new Defs();
    defs.addExtern('/x').addExtern('/x');
    assert.deepEqual(defs.externs, ['/x']);
    defs.addVariable('A', 'a').addUserVariable(new Variable('A', 'b'));
    assert.deepEqual(defs.userVariables.map((v) => [v.name, v.value]), [['A', 'b']]);
  });
});

describe('names and types', () => {
  it('spells zombie types, actions and child commands by name', () => {
    const z = parseZombie(`${ZombieType.ecf_pid}:${ZombieUserActionType.fob}:${ChildCmdType.init},${ChildCmdType.complete}:300`);
    assert.deepEqual([z.type, z.action, z.childCmds], ['ecf_pid', 'fob', ['init', 'complete']]);
    assert.equal(z.toString(), 'zombie ecf_pid:fob:init,complete:300');
  });

  it('types findNode as AnyNode, narrowed by kind', () => {
    const defs = parseDefs('suite s\n  family f\n    task t\n  endfamily\nendsuite\n');
    const n: AnyNode | undefined = findNode(defs, '/s/f/t');
    assert.ok(n !== undefined);
    assert.equal(n, defs.findAbsNode('s/f/t/'));
    // narrowing by kind reaches the task's own members
    assert.deepEqual(n.kind === 'task' ? n.aliases : null, []);
    const t: Task | undefined = defs.findNode('task', '/s/f/t');
    const f: Family | undefined = defs.findNode('family', '/s/f');
    assert.equal(t, n);
    assert.equal(f?.findTask('t'), t);
    assert.equal(f?.findFamily('t'), undefined);
    assert.equal(defs.findNode('family', '/s/f/t'), undefined);
  });

  it('starts an alias queued, and ignores the state comments of a DEFS text, as ecFlow does', () => {
    const defs = parseDefs('defs_state MIGRATE\nsuite s\n  task t\n    alias a\n    endalias\n  task u # state:active\nendsuite\n');
    assert.equal(defs.findAbsNode('/s/t/a')?.state, 'queued');
    assert.equal(defs.findAbsNode('/s/u')?.state, 'active');
    assert.equal(parseDefs('suite s\n  task u # state:active\nendsuite\n').findAbsNode('/s/u')?.state, 'unknown');
  });

  it('reports state and dstate as Python does', () => {
    const t = new Task('t');
    assert.deepEqual([t.state, t.dstate], ['unknown', 'unknown']);
    t.state = 'active';
    t.suspended = true;
    assert.deepEqual([t.state, t.dstate], ['active', 'suspended']);
  });
});
