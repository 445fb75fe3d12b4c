/**
 * parseArgv (src/cli/argv.ts): ecflow_client's boost::program_options syntax. Behaviours are
 * checked on a small option table of our own; error messages are checked on the real option table
 * against the real ecflow_client, whose second stderr line is the boost message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArgvError, type OptionSpec, parseArgv } from '../../packages/ecflow-ts/src/cli/argv.js';
import { OPTIONS } from '../../packages/ecflow-ts/src/cli/table.js';
import { ecfEnv, haveEcflow, run } from '../helpers/ecflow-server.js';
import { ours } from '../helpers/our-cli.js';

const specs: OptionSpec[] = [
  { name: 'ping', value: 'none' },
  { name: 'msg', value: 'one' },
  { name: 'get', value: 'optional' },
  { name: 'get_state', value: 'optional' },
  { name: 'suspend', value: 'many' },
  { name: 'sync', value: 'many', unsigned: true },
  { name: 'sync_full', value: 'one', unsigned: true },
  { name: 'ch_drop', value: 'one', integer: true },
  { name: 'stats', value: 'none' },
  { name: 'stats_reset', value: 'none' },
  { name: 'status', value: 'many' },
];

// The behaviours of ecflow_client 5.9.2 unless a test names another release.
const parse = (...argv: string[]) => Object.fromEntries(parseArgv(argv, specs, '5.9.2'));
const parseAs = (version: string, ...argv: string[]) => Object.fromEntries(parseArgv(argv, specs, version));

function fails(argv: string[], message: string | RegExp, table: readonly OptionSpec[] = specs): void {
  assert.throws(
    () => parseArgv(argv, table),
    (e: unknown) => {
      assert.ok(e instanceof ArgvError, `expected an ArgvError, got ${String(e)}`);
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      return true;
    },
  );
}

describe('parseArgv behaviours', () => {
  it('--x=v and --x v give the same value', () => {
    assert.deepEqual(parse('--msg=hello world'), { msg: ['hello world'] });
    assert.deepEqual(parse('--msg', 'hello world'), { msg: ['hello world'] });
    assert.deepEqual(parse('--msg=a=b'), { msg: ['a=b'] }, 'only the first = separates');
  });

  it('a multi-token option takes values until the next --option', () => {
    assert.deepEqual(parse('--suspend', '/a', '/b', '/c', '--ping'), { suspend: ['/a', '/b', '/c'], ping: [] });
    assert.deepEqual(parse('--suspend=/a', '/b', '--ping'), { suspend: ['/a', '/b'], ping: [] });
    assert.deepEqual(parse('--sync', '1', '2', '3'), { sync: ['1', '2', '3'] });
  });

  it('a one-value option takes one token; the rest is ignored', () => {
    assert.deepEqual(parse('--msg', 'a', 'b', '--ping'), { msg: ['a'], ping: [] });
  });

  it('an optional value is "" when absent, and not taken from a following --option', () => {
    assert.deepEqual(parse('--get'), { get: [''] });
    assert.deepEqual(parse('--get', '--ping'), { get: [''], ping: [] });
    assert.deepEqual(parse('--get', '/s'), { get: ['/s'] });
    assert.deepEqual(parse('--get=/s'), { get: ['/s'] });
  });

  it('up to 5.11, negative numbers (and other values starting with one -) are values', () => {
    assert.deepEqual(parse('--msg', '-5'), { msg: ['-5'] });
    assert.deepEqual(parse('--ch_drop', '-3'), { ch_drop: ['-3'] });
    assert.deepEqual(parse('--suspend', '-x', '/a', '-1'), { suspend: ['-x', '/a', '-1'] });
    assert.deepEqual(parse('--msg=-5'), { msg: ['-5'] });
  });

  it('from 5.12, -h, -v and -d are short options: a value adjacent or next, switches grouped, an unknown letter names the whole token', () => {
    const short: OptionSpec[] = [...specs, { name: 'help', short: 'h', value: 'optional' }, { name: 'version', short: 'v', value: 'none' }, { name: 'debug', short: 'd', value: 'none' }];
    const as = (version: string, ...argv: string[]) => Object.fromEntries(parseArgv(argv, short, version));
    for (const version of ['5.12.0', '5.17.0']) {
      assert.deepEqual(as(version, '-h'), { help: [''] });
      assert.deepEqual(as(version, '-h', 'summary'), { help: ['summary'] });
      assert.deepEqual(as(version, '-hsummary'), { help: ['summary'] });
      assert.deepEqual(as(version, '-h=summary'), { help: ['=summary'] });
      assert.deepEqual(as(version, '-hv'), { help: ['v'] });
      assert.deepEqual(as(version, '-vd', '--ping'), { version: [], debug: [], ping: [] });
      assert.throws(() => as(version, '-vx'), { name: 'ArgvError', message: "unrecognised option '-vx'" });
      assert.throws(() => as(version, '-v', '-v'), { name: 'ArgvError', message: "option '--version' cannot be specified more than once" });
    }
    // Before, words like any other, which belong to no option.
    assert.deepEqual(as('5.9.2', '-h', '-v', '--ping'), { ping: [] });
  });

  it('from 5.12, a token starting with one - is a short option (unknown but for -h, -v, -d), except as the first value an option needs', () => {
    for (const version of ['5.12.0', '5.13.8', '5.17.0']) {
      assert.deepEqual(parseAs(version, '--msg', '-5'), { msg: ['-5'] });
      assert.deepEqual(parseAs(version, '--suspend', '-x', '/a'), { suspend: ['-x', '/a'] });
      assert.throws(() => parseAs(version, '--suspend', '/a', '-1'), { name: 'ArgvError', message: "unrecognised option '-1'" });
      assert.throws(() => parseAs(version, '-x', '--ping'), { name: 'ArgvError', message: "unrecognised option '-x'" });
      assert.deepEqual(parseAs(version, '-', '--ping'), { ping: [] });
    }
    assert.deepEqual(parseAs('5.11.4', '--suspend', '/a', '-1'), { suspend: ['/a', '-1'] });
  });

  it('from 5.13, --label and --meter take a name and a first value whatever they look like (then plain tokens), --abort one value', () => {
    const real = (version: string, ...argv: string[]) => Object.fromEntries(parseArgv(argv, OPTIONS, version));
    assert.deepEqual(real('5.13.8', '--label', 'l', '-j64'), { label: ['l', '-j64'] });
    assert.deepEqual(real('5.17.0', '--label=l', 'two', 'words', '--ping'), { label: ['l', 'two', 'words'], ping: [] });
    assert.deepEqual(real('5.17.0', '--label', 'l', '--not-an-option', 'x'), { label: ['l', '--not-an-option', 'x'] });
    assert.deepEqual(real('5.17.0', '--meter', 'm', '-1'), { meter: ['m', '-1'] });
    assert.deepEqual(real('5.17.0', '--abort', '--reason--'), { abort: ['--reason--'] });
    assert.deepEqual(real('5.17.0', '--abort'), { abort: [''] });
    assert.deepEqual(real('5.9.2', '--label=l', 'two', 'words'), { label: ['l', 'two', 'words'] });
    assert.throws(() => real('5.12.0', '--meter', 'm', '-1'), { name: 'ArgvError', message: "unrecognised option '-1'" });
  });

  it('integer and unsigned options check their values', () => {
    fails(['--sync_full=abc'], "the argument ('abc') for option '--sync_full' is invalid");
    fails(['--ch_drop', 'x1'], "the argument ('x1') for option '--ch_drop' is invalid");
    fails(['--sync', '1', 'two', '3'], "the argument ('two') for option '--sync' is invalid");
    assert.deepEqual(parse('--sync_full', '7'), { sync_full: ['7'] });
  });

  it('a unique prefix selects an option; an exact name wins over longer ones', () => {
    assert.deepEqual(parse('--pi'), { ping: [] });
    assert.deepEqual(parse('--sus', '/a'), { suspend: ['/a'] });
    assert.deepEqual(parse('--ms=x'), { msg: ['x'] });
    assert.deepEqual(parse('--get'), { get: [''] }, 'get is exact although get_state starts with it');
    assert.deepEqual(parse('--stats'), { stats: [] });
    assert.deepEqual(parse('--get_'), { get_state: [''] });
  });

  it('an ambiguous prefix lists the candidates, boost style, sorted (boost puts them in a std::set)', () => {
    fails(['--stat'], "option '--stat' is ambiguous and matches '--stats', '--stats_reset', and '--status'");
    fails(['--s'], "option '--s' is ambiguous and matches '--stats', '--stats_reset', '--status', '--suspend', '--sync', and '--sync_full'");
    fails(['--q'], /^unrecognised option '--q'$/);
  });

  it('an unknown option is rejected', () => {
    fails(['--zzz'], "unrecognised option '--zzz'");
    fails(['--pingx'], "unrecognised option '--pingx'");
  });

  it('a missing required value is rejected', () => {
    fails(['--msg'], "the required argument for option '--msg' is missing");
    fails(['--suspend'], "the required argument for option '--suspend' is missing");
    fails(['--sync_full'], "the required argument for option '--sync_full' is missing");
  });

  it('--ping=3 is rejected: ping takes no value', () => {
    fails(['--ping=3'], "option '--ping' does not take any arguments");
    fails(['--pi=3'], "option '--ping' does not take any arguments");
  });

  it('a repeated option is rejected, also when spelled by prefix', () => {
    fails(['--ping', '--ping'], "option '--ping' cannot be specified more than once");
    fails(['--ping', '--pi'], "option '--ping' cannot be specified more than once");
    fails(['--msg=a', '--msg=b'], "option '--msg' cannot be specified more than once");
  });

  it('--opt= (empty after the equal sign) is rejected', () => {
    fails(['--msg='], "the argument for option '--msg' should follow immediately after the equal sign");
    fails(['--get='], "the argument for option '--get' should follow immediately after the equal sign");
    fails(['--ping='], "the argument for option '--ping' should follow immediately after the equal sign");
  });

  it('tokens not following an option are ignored', () => {
    assert.deepEqual(parse('stray', '--ping', 'extra', 'tokens'), { ping: [] });
    assert.deepEqual(parse('a', 'b'), {});
    assert.deepEqual(parse(), {});
    assert.deepEqual(parse('-x', '--ping'), { ping: [] });
  });

  it('values keep the order options appeared in', () => {
    assert.deepEqual([...parseArgv(['--msg=m', '--ping', '--get', '/x'], specs).keys()], ['msg', 'ping', 'get']);
  });
});

/** Command lines ecflow_client rejects while parsing (so it never tries to connect). */
const rejected: string[][] = [
  ['--ping=3'],
  ['--pi=3'],
  ['--zzz'],
  ['--msg'],
  ['--suspend'],
  ['--ping', '--ping'],
  ['--ping', '--pi'],
  ['--msg='],
  ['--ping='],
  ['--sync_full=abc'],
  ['--ch_drop=x'],
  ['--news', '1', 'x', '3'],
  ['--ch_d'],
  ['--st'],
  ['--zombie_'],
  ['--s'],
];

describe('argv error messages equal ecflow_client’s', { skip: haveEcflow ? false : 'ecflow_client not installed' }, () => {
  // Port 1 on loopback: if a line were accepted after all, the real client fails fast instead of
  // reaching anything.
  const env = ecfEnv(1);
  for (const argv of rejected) {
    it(argv.join(' '), async () => {
      const real = await run('/usr/bin/ecflow_client', argv, env);
      assert.equal(real.code, 1);
      const lines = real.stderr.split('\n');
      assert.equal(lines[0], 'ecflow_client: Caught exception whilst parsing arguments:', real.stderr);
      fails(argv, lines[1]!, OPTIONS);
      // And our CLI prints the whole block the same way (argv[0] aside).
      const mine = await ours(argv, env);
      assert.equal(mine.code, 1);
      const norm = (s: string) => s.replace(/^args: \S+/m, 'args: X');
      assert.equal(norm(mine.stderr), norm(real.stderr));
    });
  }

  it('a required value is taken even when it looks like an option (boost 1.74): --suspend --ping', async () => {
    // ecflow_client hands "--ping" to --suspend as its path, then complains about the path.
    const real = await run('/usr/bin/ecflow_client', ['--suspend', '--ping'], env);
    assert.equal(real.code, 1);
    assert.doesNotMatch(real.stderr, /required argument/);
    assert.match(real.stderr, /suspend: +No paths specified/);
    assert.deepEqual(Object.fromEntries(parseArgv(['--suspend', '--ping'], OPTIONS)), { suspend: ['--ping'] });
    assert.deepEqual(Object.fromEntries(parseArgv(['--msg', '--ping'], OPTIONS)), { msg: ['--ping'] });
  });
});
