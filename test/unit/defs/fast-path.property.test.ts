// Property: the parser's fast paths (parser/fast.ts: task, edit, label, event, meter, trigger and
// complete lines read on token positions) and its general path (the keyword parsers) build the same
// model and print the same text, for generated definitions in every style and for the rules of
// 5.9.2, 5.13.8 and 5.17.0, valid or not: when one path rejects a text, the other rejects it with
// the same error. Likewise a NET text whose tasks' attribute lines are left to be read on first use
// (parser/deferred.ts, as a mirror's full sync reads a server's text) builds the same model as one
// read at once; a text the one rejects, the other rejects too (at the parse, or when the node's
// attributes are first read).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { printDefs, type Defs, type Node, type PrintStyleName } from '../../../packages/ecflow-ts/src/defs/index.js';
import { parseDefsWithPaths } from '../../../packages/ecflow-ts/src/defs/parse.js';

const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,5}$/);
const badName = fc.constantFrom('a-b', '.x', 'é', '');
const word = fc.stringMatching(/^[a-zA-Z0-9_%/.:#-]{1,6}$/);
const spaces = fc.constantFrom(' ', ' ', ' ', '  ', '\t');
const quoted = fc.tuple(fc.array(word, { minLength: 0, maxLength: 3 }), fc.constantFrom("'", '"', '', "'\""), spaces).map(([ws, q, sp]) => {
  const body = ws.join(sp);
  return q === "'\"" ? `'"${body}"'` : q + body + q;
});
const comment = fc.constantFrom('', '', ' # c', ' #', ' # server', '#x');
const version = fc.constantFrom(undefined, '5.9.2', '5.13.8', '5.17.0');

/** One attribute or node line: mostly what the fast paths read, with the cases that make them give up. */
const line = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(name, quoted, comment, spaces).map(([n, v, c, s]) => `edit${s}${n.toUpperCase()}${s}${v}${c}`) },
  { weight: 1, arbitrary: fc.tuple(badName, quoted).map(([n, v]) => `edit ${n} ${v}`) },
  { weight: 1, arbitrary: fc.constant('edit X') },
  { weight: 3, arbitrary: fc.tuple(name, quoted, fc.constantFrom('', ' # "new"', ' # "n v"', ' #')).map(([n, v, c]) => `label ${n} ${v}${c}`) },
  { weight: 1, arbitrary: fc.tuple(badName, quoted).map(([n, v]) => `label ${n} ${v}`) },
  { weight: 3, arbitrary: fc.tuple(fc.option(fc.nat({ max: 9 })), fc.option(name), fc.constantFrom('', ' set', ' # set', ' # clear', ' set # clear')).map(([i, n, s]) => `event${i === null ? '' : ' ' + i}${n === null ? '' : ' ' + n}${s}`) },
  { weight: 3, arbitrary: fc.tuple(name, fc.integer({ min: -3, max: 5 }), fc.integer({ min: -3, max: 9 }), fc.option(fc.integer({ min: -3, max: 12 })), fc.constantFrom('', ' # 3', ' # x')).map(([n, a, b, c, s]) => `meter ${n} ${a} ${b}${c === null ? '' : ' ' + c}${s}`) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('trigger', 'complete'), fc.constantFrom('', '-a ', '-o ', '-x '), fc.constantFrom('t1 == complete', 't2 eq aborted  or t1:e', '../f/t1 == active', '(t1 == complete)', '1 == 1', 'a =='), fc.constantFrom('', ' # free', ' \\', ' # c')).map(([k, j, e, c]) => `${k} ${j}${e}${c}`) },
  { weight: 3, arbitrary: fc.tuple(name, fc.constantFrom('', '', ' # state:complete', ' # state:bogus', ' # try:1 state:active', ' #state:queued')).map(([n, s]) => `task ${n}${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('endtask', 'endfamily', 'family g', 'edit A a; edit B b', 'task a; task b', '# comment', '', 'repeat integer I 1 3', 'limit L 2', 'inlimit L') },
  { weight: 1, arbitrary: fc.constantFrom("edit V 'a  b' # c", 'edit V "x\'y"', "edit A:d 'v w'", 'edit X a b', "edit Y 'open", "aviso --name A --listener '{}'", 'mirror --name M --remote_path /a --ssl', 'future_keyword x y', 'repeat datetime D 20240101T000000 20240102T000000 6', 'repeat datetimelist L "20240101T000000"', 'trigger :D > 20240101T000000') },
);

const text = fc.tuple(
  fc.constantFrom('', 'defs_state NET', 'defs_state MIGRATE', 'defs_state STATE'),
  fc.array(fc.tuple(fc.constantFrom('', '  ', '\t'), line), { minLength: 0, maxLength: 25 }),
  fc.boolean(),
).map(([header, lines, eol]) => {
  const body = ['suite s', 'family f', 'task t1', ...lines.map(([ind, l]) => ind + l), 'endfamily', 'endsuite'];
  return (header === '' ? '' : '#5.9.2\n' + header + '\n') + body.join('\n') + (eol ? '\n' : '');
});

/** NET texts (a server's) of several tasks, their lines mostly unindented, as deferred.ts skips them. */
const netText = fc.tuple(
  fc.array(fc.tuple(name, fc.array(fc.tuple(fc.constantFrom('', '', '', '', '  '), line), { minLength: 0, maxLength: 8 })), { minLength: 1, maxLength: 6 }),
  fc.constantFrom('endfamily', 'endtask', 'family g', 'endsuite'),
  fc.boolean(),
).map(([tasks, close, eol]) => {
  const body = ['#5.9.2', 'defs_state NET', 'suite s', 'family f'];
  tasks.forEach(([n, lines], i) => body.push(`task ${n}${i}`, ...lines.map(([ind, l]) => ind + l)));
  body.push(close, 'endfamily', 'endsuite');
  return body.join('\n') + (eol ? '\n' : '');
});

/** Everything the model holds for a node, through its public getters. */
function dumpNode(n: Node): unknown {
  const a = n as Node & { kind: string; children?: readonly Node[]; aliases?: readonly Node[] };
  const expr = (e: Node['trigger']) => (e === null ? null : { parts: e.parts.map((p) => [p.type, p.text]), free: e.free, line: e.line });
  return {
    kind: a.kind, name: n.name, line: n.line, state: n.state, flags: n.flags, suspended: n.suspended, defStatus: n.defStatus,
    dur: n.stateDuration, rt: n.runtime,
    variables: n.variables.map((v) => [v.name, v.value]),
    labels: n.labels.map((l) => [l.name, l.value, l.newValue]),
    meters: n.meters.map((m) => [m.name, m.min, m.max, m.colorChange, m.value]),
    events: n.events.map((e) => [e.name, e.number, e.initialValue, e.value]),
    trigger: expr(n.trigger), complete: expr(n.complete),
    repeat: n.repeat === null ? null : n.repeat.toString() + n.repeat.stateSuffix(),
    limits: n.limits.map(String), inLimits: n.inLimits.map((l) => [l.toString(), l.incremented]),
    avisos: n.avisos.map(String), mirrors: n.mirrors.map(String), unknown: n.unknown.slice(),
    task: 'tryNo' in n ? [(n as unknown as { tryNo: number }).tryNo, (n as unknown as { password: string }).password] : null,
    children: a.children?.map(dumpNode) ?? null,
    aliases: a.aliases?.map(dumpNode) ?? null,
  };
}
function dump(d: Defs): unknown {
  return {
    style: d.style, version: d.version, state: d.state, externs: d.externs.slice(),
    user: d.userVariables.map((v) => [v.name, v.value]), server: d.serverVariables.map((v) => [v.name, v.value]),
    unknown: d.unknown.slice(),
    suites: d.suites.map(dumpNode),
  };
}

/**
 * The rare attributes of every node, read before anything else of it: a state change reads a
 * node's verifies alone, and a task whose left lines cannot hold any has them not read for that.
 */
function rareFirst(n: Node): unknown {
  const a = n as Node & { children?: readonly Node[] };
  return [
    n.repeat === null ? null : n.repeat.toString(), n.late === null ? null : n.late.toString(), n.verifies.map(String), n.zombies.map(String),
    n.limits.map(String), n.inLimits.map(String), n.times.map(String), n.avisos.map(String), n.mirrors.map(String), n.unknown.slice(),
    a.children?.map(rareFirst) ?? null,
  ];
}

function outcome(t: string, fast: boolean, v: string | undefined, defer = false, rare = false): { rare?: unknown; model?: unknown; prints?: string[]; error?: string } {
  try {
    const d = parseDefsWithPaths(t, v === undefined ? {} : { version: v }, { fast, defer });
    const styles: PrintStyleName[] = ['defs', 'net', 'migrate', 'state'];
    const before = rare ? { rare: d.suites.map(rareFirst) } : {};
    return { ...before, model: dump(d), prints: styles.map((style) => printDefs(d, { style, ...(v === undefined ? {} : { version: v }) })) };
  } catch (e) {
    return { error: String(e) };
  }
}

describe('fast and general parse paths', () => {
  it('build identical models and prints, or reject alike', () => {
    fc.assert(
      fc.property(text, version, (t, v) => {
        assert.deepStrictEqual(outcome(t, true, v), outcome(t, false, v));
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 1500) },
    );
  });

  it('build identical models and prints with the attribute lines of NET tasks read on first use', () => {
    let left = 0;
    fc.assert(
      fc.property(fc.oneof(text, netText), version, (t, v) => {
        const rare = t.length % 2 === 0; // half the texts read their rare attributes first
        const eager = outcome(t, true, v, false, rare);
        const deferred = outcome(t, true, v, true, rare);
        if (eager.error !== undefined) assert.ok(deferred.error !== undefined, `read at once: ${eager.error}; deferred: no error`);
        else {
          assert.deepStrictEqual(deferred, eager);
          const stats = { fastLines: 0, deferredTasks: 0 };
          parseDefsWithPaths(t, v === undefined ? {} : { version: v }, { defer: true, stats });
          left += stats.deferredTasks;
        }
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 1500) },
    );
    assert.ok(left > 20, `only ${left} tasks had their attribute lines left`);
  });

  it('leave the attribute lines of NET tasks, unless a line could reach another node (so the property compares two ways)', () => {
    const net = ['#5.9.2', 'defs_state NET', 'suite s', 'family f'];
    for (let i = 0; i < 20; i++) net.push(`task t${i}`, `trigger t0 == complete`, `edit V${i} 'x'`, `label l "v"`, `meter m 0 10 10`, `event e`, 'late -c +01:00');
    net.push('task u0', 'edit A a', 'trigger a \\', 'and b', 'task u1', 'edit B b', '  label l "indented"', 'task u2', 'edit C c', 'endfamily', 'task u3', 'edit D d', 'endfamily', 'edit E e', 'endsuite', '');
    const t = net.join('\n');
    const stats = { fastLines: 0, deferredTasks: 0 };
    parseDefsWithPaths(t, {}, { defer: true, stats });
    // u0 (a continued trigger) and u1 (an indented line) are read at once; u3, under the suite,
    // is left, and read after the misplaced endfamily that leaves it on the stack
    assert.equal(stats.deferredTasks, 22);
    assert.deepStrictEqual(outcome(t, true, undefined, true), outcome(t, true, undefined));
  });

  it('take the fast path for the common lines (so the property compares two paths)', () => {
    const big = ['suite s', '  family f'];
    for (let i = 0; i < 50; i++) big.push(`    task t${i}`, `      edit V${i} 'x'`, `      label l "v"`, `      event e`, `      meter m 0 10 10`, `      trigger t0 == complete`);
    big.push('  endfamily', 'endsuite', '');
    const t = big.join('\n');
    const stats = { fastLines: 0 };
    parseDefsWithPaths(t, {}, { stats });
    assert.equal(stats.fastLines, 300);
    assert.deepStrictEqual(outcome(t, true, undefined), outcome(t, false, undefined));
  });
});
