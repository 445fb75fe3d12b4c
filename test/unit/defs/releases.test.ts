// What differs between the releases a definition is parsed and printed for (5.9.2 by default,
// 5.12 … 5.17.0 on request): date-time literals and their evaluation, the datetime repeats and
// their generated variables, aviso/mirror, remote_error, the variable rules, the print facts, and
// the lines of keywords a release does not know. Expected texts come from the real releases
// (see test/integration/defs/release-parity.test.ts for the live comparisons).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AvisoAttr, DefsParseError, InLimit, ExpressionError, Flag, MirrorAttr, RepeatDateTime, RepeatDateTimeList, checkDefs, evaluateExpression,
  formatDurationSeconds, formatInstant, parseDefs, parseDurationSeconds, parseExpression, parseInstant, printDefs, printNode,
  type Defs, type ExprAst, type Task,
} from '../../../packages/ecflow-ts/src/defs/index.js';
import { parseDefsWithWarnings } from '../../../packages/ecflow-ts/src/defs/parse.js';
import { nodeView } from '../../../packages/ecflow-ts/src/sync/records.js';

const V17 = { version: '5.17.0' } as const;
const task = (d: Defs, p: string) => d.findAbsNode(p) as Task;

describe('ecf::Instant and ecf::Duration', () => {
  it('reads and writes yyyymmddTHHMMSS as seconds since the epoch, UTC', () => {
    assert.equal(parseInstant('20240101T000000'), 1704067200);
    assert.equal(parseInstant('19700101T000001'), 1);
    assert.equal(parseInstant('20240229T235959'), 1709251199);
    assert.equal(formatInstant(1704110400), '20240101T120000');
    assert.equal(parseInstant('20240101T000000xyz'), 1704067200); // std::get_time ignores the rest
    assert.throws(() => parseInstant('20240230T000000'), /Detected invalid number of days for instant value: 20240230T000000/);
    assert.throws(() => parseInstant('2024011T000000'), /Unable to parse invalid instant value: 2024011T000000/);
    assert.throws(() => parseInstant('20240101T240000'), /Unable to parse invalid instant value/);
  });
  it('reads H, H:M, H:M:S deltas and writes them HH:MM:SS', () => {
    const cases: [string, number, string][] = [['12', 43200, '12:00:00'], ['1:2:3', 3723, '01:02:03'], ['90', 324000, '90:00:00'], [':30', 1800, '00:30:00'], ['-36', -129600, '-36:00:00'], ['-1:30', -5400, '-1:30:00'], ['25:61:61', 93721, '26:02:01']];
    for (const [text, s, out] of cases) {
      assert.equal(parseDurationSeconds(text), s, text);
      assert.equal(formatDurationSeconds(s), out, text);
    }
    assert.throws(() => parseDurationSeconds('x'), /bad lexical cast/);
  });
});

describe('yyyymmddTHHMMSS literals in expressions (AstInstant, 5.12+)', () => {
  it('are a factor of the 5.12+ grammar only', () => {
    const ast = parseExpression(':DT > 20240101T120000', V17) as Extract<ExprAst, { type: 'compare' }>;
    assert.deepEqual(ast.right, { type: 'instant', value: 1704110400, text: '20240101T120000' });
    assert.deepEqual(parseExpression('20240101T000000 < ../f:DT + 3600', { version: '5.12.0' }).type, 'compare');
    assert.throws(() => parseExpression(':DT > 20240101T120000'), ExpressionError); // 5.9.2: an integer followed by T120000
    assert.throws(() => parseExpression(':DT > 20241301T000000', V17), /Unable to parse invalid instant value: 20241301T000000/);
    assert.throws(() => parseExpression(':DT > 20240101T1200001', V17), ExpressionError);
    // a node whose name looks like one is still a node
    assert.deepEqual(parseExpression('20240101T120000 == complete', V17).type, 'compare');
  });

  it('compare with a datetime repeat by its value in seconds', () => {
    const text = [
      'suite s', '  family f', '    repeat datetime DT 20240101T000000 20240103T000000 12', '    task a',
      '      trigger :DT > 20240101T120000', '    task b', '      trigger :DT + 43200 >= 20240101T120000 and :DT_HOURS == 0',
      '    task c', '      trigger 20240103T000000 == :DT', '  endfamily', 'endsuite', '',
    ].join('\n');
    const defs = parseDefs(text, V17);
    const f = defs.findAbsNode('/s/f')!;
    // STATE style: the literal is an `# Instant` leaf (5.17.0, unindented)
    const state = printDefs(defs, { style: 'state', ...V17 });
    assert.match(state, /\ntrigger :DT > 20240101T120000\n# Trigger Evaluation Tree\n# GREATER_THAN \(false\)\n# :DT node\(f\) REPEAT value\(1704067200\)\n# Instant 1704110400\n/);
    const ev = (p: string) => evaluateExpression(task(defs, p), task(defs, p).trigger!);
    assert.deepEqual([ev('/s/f/a'), ev('/s/f/b'), ev('/s/f/c')], [false, true, false]);
    const r = f.repeat as RepeatDateTime;
    r.value = parseInstant('20240102T000000');
    assert.deepEqual([ev('/s/f/a'), ev('/s/f/b'), ev('/s/f/c')], [true, true, false]);
    r.value = r.end + r.delta; // past the end: the last valid value counts
    assert.deepEqual([ev('/s/f/a'), ev('/s/f/c')], [true, true]);
  });

  it('are refused by the check of 5.9.2 and accepted by that of 5.12+', () => {
    const text = 'suite s\n  task t\n    repeat integer I 0 3\n    trigger :I < 20240101T000000\nendsuite\n';
    assert.throws(() => parseDefs(text), (e: unknown) => e instanceof DefsParseError && /Failed to parse trigger/.test(e.message));
    assert.equal(task(parseDefs(text, { version: '5.12.0' }), '/s/t').trigger?.text(), ':I < 20240101T000000');
    const defs = parseDefs(text, { version: '5.12.0', check: false });
    assert.match(checkDefs(defs), /Failed to parse trigger :I < 20240101T000000/);
    assert.equal(checkDefs(defs, { version: '5.12.0' }), '');
  });
});

describe('repeat datetime and repeat datetimelist', () => {
  it('print as 5.17.0 writes them, state included', () => {
    const r = new RepeatDateTime('DT', '20240101T000000', '20240103T000000', '12');
    assert.equal(r.toString(), 'repeat datetime DT 20240101T000000 20240103T000000 12:00:00');
    r.value = parseInstant('20240102T000000');
    assert.equal(r.stateSuffix(), ' # 20240102T000000');
    const l = new RepeatDateTimeList('L', ['20240101T000000', 1704110400]);
    assert.equal(l.toString(), 'repeat datetimelist L "20240101T000000" "20240101T120000"');
    l.index = 1;
    assert.equal(l.stateSuffix(), ' # 1');
    assert.throws(() => new RepeatDateTime('DT', '20240101T000000', '20240103T000000', 0), /the delta cannot be zerorepeat DT 20240101T000000 20240103T000000 00:00:00/);
    assert.throws(() => new RepeatDateTime('DT', '20240103T000000', '20240101T000000'), /The end must be greater than the start date\+time, when delta is positive/);
    assert.throws(() => new RepeatDateTimeList('L', []), /RepeatDateTimeList: L is empty/);
  });

  it('are known from 5.12 (datetime) and 5.17 (datetimelist)', () => {
    const dt = 'suite s\n  task t\n    repeat datetime D 20240101T000000 20240102T000000 6\nendsuite\n';
    const dl = 'suite s\n  task t\n    repeat datetimelist L "20240101T000000"\nendsuite\n';
    assert.throws(() => parseDefs(dt), /RepeatParser::doParse: Invalid repeat/);
    assert.equal(task(parseDefs(dt, { version: '5.12.0' }), '/s/t').repeat?.kind, 'datetime');
    assert.throws(() => parseDefs(dl, { version: '5.16.0' }), /RepeatParser::doParse: Invalid repeat/);
    assert.equal(task(parseDefs(dl, V17), '/s/t').repeat?.kind, 'datetimelist');
    // a state style of a release that does not know them keeps the line
    const net = parseDefs('defs_state NET\n' + dt.replace('6\n', '6 # 20240101T120000\n'));
    assert.deepEqual(task(net, '/s/t').unknown, ['repeat datetime D 20240101T000000 20240102T000000 6 # 20240101T120000']);
  });

  it('generate V_DATE … V_SECONDS, zero-padded from 5.16, <invalid> once past the end', () => {
    const defs = parseDefs('suite s\n  task t\n    repeat datetime DT 20240301T000000 20240302T000000 07:30:05\nendsuite\n', V17);
    const t = task(defs, '/s/t');
    const gen = (v: string) => Object.fromEntries(t.generatedVariables({ version: v }).slice(8).map((x) => [x.name, x.value]));
    (t.repeat as RepeatDateTime).value += 3 * (7 * 3600 + 30 * 60 + 5);
    assert.deepEqual(gen('5.17.0'), {
      DT_DATE: '20240301', DT_YYYY: '2024', DT_MM: '03', DT_DD: '01', DT_JULIAN: '2460371', DT_TIME: '223015',
      DT_HOURS: '22', DT_MINUTES: '30', DT_SECONDS: '15', DT: '20240301T223015',
    });
    assert.equal(gen('5.15.0').DT_MM, '3');
    assert.equal(gen('5.15.0').DT_SECONDS, '15');
    assert.equal(t.findGenVariable('DT_MM', V17)?.value, '03');
    (t.repeat as RepeatDateTime).value += 7 * 3600;
    assert.equal(gen('5.17.0').DT_HOURS, '<invalid>');
    assert.equal(gen('5.17.0').DT, '20240302T000000');
  });
});

describe('aviso and mirror (5.13+)', () => {
  it('read as AvisoParser and MirrorParser read them, and print with the defaults left out', () => {
    const text = [
      'suite s', '  task t',
      "    aviso --name=A --lis '{ \"event\": \"mars\" }' --polling 30 stray # comment",
      '    mirror --name M --remote_path /x/y --remote_host h --ssl true',
      'endsuite', '',
    ].join('\n');
    const t = task(parseDefs(text, V17), '/s/t');
    assert.deepEqual(t.avisos.map(String), ["aviso --name A --listener '{ \"event\": \"mars\" }' --polling 30 --revision 0 --reason ''"]);
    assert.deepEqual(t.mirrors.map(String), ['mirror --name M --remote_path /x/y --remote_host h --ssl']);
    assert.equal(t.avisos[0]!.url, AvisoAttr.DEFAULT_URL);
    assert.equal(t.mirrors[0]!.remotePort, MirrorAttr.DEFAULT_REMOTE_PORT);
    const bad: [string, RegExp][] = [
      ["aviso --name A --listener x --re 3", /option '--re' is ambiguous and matches '--reason', and '--revision'/],
      ['aviso --name A --listener x --foo', /unrecognised option '--foo'/],
      ['aviso --name A', /AvisoParser::doParse: Could not find 'listener' option in line/],
      ['mirror --name M', /AvisoParser::doParse: Could not find 'remote_path' option in line/],
      ['mirror --name M --remote_path /a --ssl=1', /option '--ssl' does not take any arguments/],
      ['aviso --name A --name B --listener x', /option '--name' cannot be specified more than once/],
      ['aviso --name A --listener x --revision abc', /the argument \('abc'\) for option '--revision' is invalid/],
    ];
    for (const [line, re] of bad) assert.throws(() => parseDefs(`suite s\n  task t\n    ${line}\nendsuite\n`, V17), re, line);
    assert.throws(() => parseDefs("suite s\n  task t\n    aviso --name A --listener x\n    aviso --name B --listener y\nendsuite\n", V17), /Only 1 Aviso allowed per node/);
  });

  it('are unexpected keywords before 5.13: a DEFS text is rejected, as 5.9.2 and 5.17 reject unknown keywords', () => {
    const text = "suite s\n  task t\n    aviso --name A --listener '{}'\nendsuite\n";
    assert.throws(() => parseDefs(text), /# Unexpected keyword aviso found whilst parsing task \/s\/t/);
    assert.throws(() => parseDefs(text.replace('aviso', 'future_thing'), V17), /# Unexpected keyword future_thing found whilst parsing task \/s\/t/);
  });

  it('are printed after cron and before autocancel', () => {
    const text = "suite s\n  task t\n    cron 10:00\n    aviso --name A --listener '{}'\n    mirror --name M --remote_path /a\n    autocancel 2\nendsuite\n";
    const out = printDefs(parseDefs(text, V17), V17);
    assert.match(out, /cron 10:00\n {4}aviso --name A --listener '\{\}' --revision 0 --reason ''\n {4}mirror --name M --remote_path \/a\n {4}autocancel 2\n/);
  });
});

describe('the remote_error flag (5.13+)', () => {
  const net = 'defs_state NET\nsuite s\n  task t # flag:late,remote_error\nendsuite\n';
  it('is read and written last from 5.13', () => {
    const t = task(parseDefs(net, V17), '/s/t');
    assert.equal(t.flags, (1 << Flag.late) | (1 << Flag.remote_error));
    assert.match(printDefs(t.defs!, { style: 'net', ...V17 }), /task t # flag:late,remote_error\n/);
  });
  it('costs only that flag in a 5.9.2 parse (5.9.2 itself refuses the definition)', () => {
    const { defs, warnings } = parseDefsWithWarnings(net);
    assert.equal(task(defs, '/s/t').flags, 1 << Flag.late);
    assert.match(warnings, /Unknown flag remote_error -> ignoring/);
  });
});

describe('variables: 5.9.2 re-joins tokens, 5.17 keeps quoted values verbatim', () => {
  const text = ["suite s", '  edit A "a  b"', "  edit B 'x #y' # c", '  edit C "it\'s"', "  edit D '\"dq\"'", 'endsuite', ''].join('\n');
  it('read the same text differently', () => {
    const v = (d: Defs) => d.suites[0]!.variables.map((x) => x.value);
    assert.deepEqual(v(parseDefs(text)), ['a b', "'x", "it's", '"dq"']); // as Debian's 5.9.2 reads them
    assert.deepEqual(v(parseDefs(text, V17)), ['a  b', 'x #y', "it's", '"dq"']);
    assert.equal(printDefs(parseDefs(text, V17), V17).split('\n')[2], "  edit A 'a  b'");
  });
  it('5.17 rejects text after an unquoted value and a lone quote', () => {
    assert.equal(parseDefs('suite s\n  edit X a b\nendsuite\n').suites[0]!.variables[0]!.value, 'a b');
    assert.throws(() => parseDefs('suite s\n  edit X a b\nendsuite\n', V17), /VariableParser::doParse: Invalid comment at line: {3}edit X a b -- non-# found after value\nAt node: SUITE:\/s/);
    assert.throws(() => parseDefs("suite s\n  edit X 'a\nendsuite\n", V17), /Mismatched quote detected/);
  });
  it("5.17 marks a server variable by '# server' alone", () => {
    const net = "defs_state NET\nedit A 'x' # server\nedit B 'y' # server please\nsuite s\nendsuite\n";
    const d = parseDefs(net, V17);
    assert.deepEqual([d.serverVariables.map((x) => x.name), d.userVariables.map((x) => x.name)], [['A'], ['B']]);
    const d9 = parseDefs(net);
    assert.deepEqual([d9.serverVariables.map((x) => x.name), d9.userVariables.map((x) => x.name)], [['A', 'B'], []]);
  });
});

describe("the 5.16 inlimit forms of 'alter add inlimit NAME VALUE'", () => {
  it('read -s and -n with the tokens, as InLimit::make_from_name_and_value', () => {
    assert.equal(InLimit.fromNameAndValue('/s/f:lim', '-s 2').toString(), 'inlimit -s /s/f:lim 2');
    assert.equal(InLimit.fromNameAndValue('lim', '-n').toString(), 'inlimit -n lim');
    assert.equal(InLimit.fromNameAndValue('lim', '').toString(), 'inlimit lim');
    assert.equal(InLimit.fromNameAndValue('lim', ' 3 ').toString(), 'inlimit lim 3');
    assert.throws(() => InLimit.fromNameAndValue('lim', '-s -n'), /AlterCmd: an inlimit cannot be limited for both submission and node/);
    assert.throws(() => InLimit.fromNameAndValue('lim', '0'), /AlterCmd: the inlimit value must be > 0, but value was: '0'/);
    assert.throws(() => InLimit.fromNameAndValue('lim', '-s x'), /AlterCmd: the inlimit value, 'x', cannot be converted to an integer/);
    assert.throws(() => InLimit.fromNameAndValue('/s:b-d', '1'), /InLimit::InLimit: Invalid InLimit name: b-d/);
  });
});

describe('print facts by release', () => {
  const defs = () => parseDefs("suite s\n  family f\n    task t\n      repeat date D 20240101 20240105\n      trigger t == complete\n  endfamily\nendsuite\n");
  it('write the release in the header', () => {
    assert.ok(printDefs(defs()).startsWith('#5.9.2\n'));
    assert.ok(printDefs(defs(), { version: '5.13.8' }).startsWith('#5.13.8\n'));
    assert.ok(printDefs(defs(), { style: 'net', ...V17 }).startsWith('#5.17.0\ndefs_state NET'));
  });
  it('indent STATE by default before 5.14.1 only; NET and MIGRATE never; DEFS always', () => {
    const d = defs();
    assert.match(printDefs(d, { style: 'state' }), /\n {4}task t\n/);
    assert.match(printDefs(d, { style: 'state', version: '5.14.1' }), /\ntask t\n/);
    assert.match(printDefs(d, { style: 'state', version: '5.14.1', indent: true }), /\n {4}task t\n/);
    assert.match(printDefs(d, V17), /\n {4}task t\n/);
    assert.match(printDefs(d, { style: 'net', version: '5.13.8' }), /\ntask t\n/);
    const t = d.findAbsNode('/s/f/t')!;
    assert.equal(printNode(t, { style: 'net' }).split('\n')[0], '    task t');
    assert.equal(printNode(t, { style: 'net', ...V17 }).split('\n')[0], 'task t');
    assert.equal(printNode(t, { style: 'defs', ...V17 }).split('\n')[0], '    task t');
  });
  it('zero-pad the repeat variables from 5.16 and nest the STATE trees as DefsWriter from 5.14.1', () => {
    const d = defs();
    assert.match(printDefs(d, { style: 'state' }), /# edit D_MM '1'\n/);
    assert.match(printDefs(d, { style: 'state', version: '5.16.0' }), /# edit D_MM '01'\n/);
    const tree = (v: string) => printDefs(d, { style: 'state', version: v, indent: true }).split('\n').filter((l) => l.includes('# Trigger') || l.includes('# EQUAL') || l.includes('# NODE'));
    assert.deepEqual(tree('5.9.2'), ['        # Trigger Evaluation Tree', '          # EQUAL (false)', '            # NODE t unknown(0)', '            # NODE_STATE complete(1)']);
    assert.deepEqual(tree('5.17.0'), ['      # Trigger Evaluation Tree', '        # EQUAL (false)', '          # NODE t unknown(0)', '          # NODE_STATE complete(1)']);
  });
});

describe('lines of keywords a release does not know (NET, MIGRATE, STATE)', () => {
  const text = [
    '#5.18.0', 'defs_state NET', "edit ECF_HOME '/h' # server", 'server_thing on', 'suite s', 'future_suite_attr x',
    '  family f', '  future_family_attr "a b"   c', '    task t # state:active', '      edit V x',
    "      aviso --name A --listener '{}'", '      future_task_attr --flag  --other', '      clock real', '    endtask', '  endfamily', 'endsuite', '# enddef', '',
  ].join('\n');

  it('are kept verbatim on their node and printed back after its other attributes', () => {
    // Read as 5.9.2 reads it, which knows no aviso (by default the header's 5.18.0 would).
    const { defs, warnings } = parseDefsWithWarnings(text, { version: '5.9.2' });
    assert.deepEqual(defs.unknown, ['server_thing on']);
    assert.deepEqual(defs.suites[0]!.unknown, ['future_suite_attr x']);
    assert.deepEqual(defs.findAbsNode('/s/f')!.unknown, ['future_family_attr "a b"   c']);
    assert.deepEqual(task(defs, '/s/f/t').unknown, ["aviso --name A --listener '{}'", 'future_task_attr --flag  --other']);
    assert.equal(task(defs, '/s/f/t').state, 'active');
    // a known keyword in the wrong place stays a fault, as in ecFlow
    assert.match(warnings, /# Unexpected keyword clock found whilst parsing task \/s\/f\/t -> ignoring/);
    const net = printDefs(defs, { style: 'net' });
    assert.equal(
      net,
      [
        '#5.9.2', 'defs_state NET cal_count:0', "edit ECF_HOME '/h' # server", 'server_thing on', 'suite s', 'future_suite_attr x', 'family f',
        'future_family_attr "a b"   c', 'task t # state:active', "edit V 'x'", "aviso --name A --listener '{}'", 'future_task_attr --flag  --other', 'endfamily',
        'endsuite', '# enddef', '',
      ].join('\n'),
    );
    // round trip: the same lines again
    assert.equal(printDefs(parseDefs(net), { style: 'net' }), net);
    // 5.17 knows aviso: it is an attribute there, the others stay unknown lines
    const t17 = task(parseDefs(text, V17), '/s/f/t');
    assert.equal(t17.avisos.length, 1);
    assert.deepEqual(t17.unknown, ['future_task_attr --flag  --other']);
  });

  it("show in the node's view (the API's and the dashboard's), the rest of the node read", () => {
    const defs = parseDefs(text, { version: '5.9.2' });
    const view = nodeView(task(defs, '/s/f/t'));
    assert.deepEqual(view.unknown, ["aviso --name A --listener '{}'", 'future_task_attr --flag  --other']);
    assert.equal(view.status, 'active');
    assert.equal(nodeView(defs.suites[0]!).unknown?.[0], 'future_suite_attr x');
    // read by 5.17, the aviso is one
    const v17 = nodeView(task(parseDefs(text, V17), '/s/f/t'));
    assert.deepEqual(v17.unknown, ['future_task_attr --flag  --other']);
    assert.deepEqual(v17.avisos, [{ name: 'A', listener: "'{}'", url: '%ECF_AVISO_URL%', revision: 0, reason: '' }]);
  });

  it('are kept in STATE text too, and printed in every style', () => {
    // (a misplaced known keyword is an error in STATE, as in ecFlow)
    const state = text.replace('defs_state NET', 'defs_state STATE').replace('      clock real\n', '');
    const defs = parseDefs(state, { check: false, version: '5.9.2' });
    assert.deepEqual(task(defs, '/s/f/t').unknown, ["aviso --name A --listener '{}'", 'future_task_attr --flag  --other']);
    assert.match(printDefs(defs), /\n {6}future_task_attr --flag {2}--other\n/);
  });

  it('reject a DEFS text, in 5.9.2 and 5.17 alike', () => {
    const defsText = 'suite s\n  task t\n    future_task_attr x\nendsuite\n';
    for (const options of [{}, V17]) {
      assert.throws(() => parseDefs(defsText, options), (e: unknown) => e instanceof DefsParseError && /Unexpected keyword future_task_attr/.test(e.message));
    }
  });
});
