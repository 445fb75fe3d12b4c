// The help system against the real ecflow_client 5.9.2, used as an oracle for the layout.
//
// Two kinds of checks:
//  1. Feed ecflow_client's own option table (names, kinds, value shapes and, at run time only,
//     its description text) through our renderer: the output must be byte-identical to the real
//     client's. This proves the layout code (sorting, columns, grid, boost wrapping).
//  2. Render our own table and compare structure only: same options, order, kinds and value
//     shapes, same header/column/blank-line/table structure; the description words differ.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';

import { OPTION_HELP } from '../../packages/ecflow-ts/src/cli/help/descriptions.js';
import {
  CHILD_ENV_DESCRIPTION,
  CLIENT_ENV_DESCRIPTION,
  HELP_ALL_LINE_LENGTH,
  type HelpOption,
  HelpTopicAmbiguousError,
  findOption,
  formatOptionsDescription,
  helpText,
} from '../../packages/ecflow-ts/src/cli/help/show.js';

const REAL = '/usr/bin/ecflow_client';
const haveReal = existsSync(REAL);
const SKIP = `${REAL} is not installed`;

interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

const runCache = new Map<string, Run>();
function real(...args: string[]): Run {
  const key = args.join('\0');
  let r = runCache.get(key);
  if (r === undefined) {
    const p = spawnSync(REAL, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    r = { stdout: p.stdout, stderr: p.stderr, status: p.status };
    runCache.set(key, r);
  }
  return r;
}
// Note: the real client rejects `--help=` (empty value) as a parse error; plain `--help` is the overview.
const realHelp = (topic: string): string => real(topic === '' ? '--help' : `--help=${topic}`).stdout;

function commonSuffix(texts: readonly string[]): string {
  let s = texts[0] ?? '';
  for (const t of texts) {
    let n = 0;
    while (n < s.length && n < t.length && s[s.length - 1 - n] === t[t.length - 1 - n]) n++;
    s = s.slice(s.length - n);
  }
  return s;
}

/** Topics that --help handles itself, so the option of that name needs a unique prefix instead. */
const RESERVED_TOPICS = new Set(['all', 'summary', 'child', 'user']);

interface RealTable {
  readonly version: string;
  readonly options: readonly HelpOption[];
  /** What follows a user command's description: "\n\n" + environment table. */
  readonly userSuffix: string;
  /** What follows a child command's description: "\n\n" + both environment tables. */
  readonly childSuffix: string;
}

let realTableCache: RealTable | undefined;
/** ecflow_client's option table, read from its --help output at run time. */
function realTable(): RealTable {
  if (realTableCache !== undefined) return realTableCache;
  const version = real('--version').stdout.replace(/\n$/, '');
  const shapes: { name: string; short?: string; parameter: string }[] = [];
  for (const line of realHelp('all').split('\n')) {
    const m = /^ {2}(?:-(\w) \[ --([\w-]+) \]|--([\w-]+)) (arg)?/.exec(line);
    if (m === null) continue;
    const name = m[2] ?? m[3] ?? '';
    shapes.push(m[1] !== undefined ? { name, short: m[1], parameter: m[4] ?? '' } : { name, parameter: m[4] ?? '' });
  }
  const kinds = new Map<string, 'user' | 'child'>();
  for (const line of realHelp('summary').split('\n')) {
    const m = /^ {2}(\S+) +(user|child) {2,3}/.exec(line);
    if (m?.[1] !== undefined) kinds.set(m[1], m[2] === 'child' ? 'child' : 'user');
  }
  const outputs = new Map<string, string>();
  for (const { name } of shapes) outputs.set(name, realHelp(RESERVED_TOPICS.has(name) ? name.slice(0, -1) : name));
  const of = (kind: 'user' | 'child') => shapes.filter((s) => kinds.get(s.name) === kind).map((s) => outputs.get(s.name) ?? '');
  const userSuffix = commonSuffix(of('user'));
  const childSuffix = commonSuffix(of('child'));
  const options = shapes.map((s): HelpOption => {
    const out = outputs.get(s.name) ?? '';
    const header = `\n${s.name}\n${'-'.repeat(s.name.length)}\n\n`;
    const kind = kinds.get(s.name) ?? 'user';
    const suffix = kind === 'child' ? childSuffix : userSuffix;
    assert.ok(out.startsWith(header), `real --help=${s.name} header`);
    assert.ok(out.endsWith(suffix), `real --help=${s.name} environment tables`);
    return { ...s, kind, description: out.slice(header.length, out.length - suffix.length) };
  });
  realTableCache = { version, options, userSuffix, childSuffix };
  return realTableCache;
}

const ours = (topic: string | undefined): string => helpText(topic, realTable().version);
const lines = (s: string): string[] => s.split('\n');

/** A table line reduced to the positions of its '|' characters; any other line to blank/non-blank. */
function shape(line: string): string {
  if (line.startsWith('|')) return [...line].map((c) => (c === '|' ? '|' : c === '-' ? '-' : ' ')).join('').replace(/ +$/, '');
  return line.trim() === '' ? `blank:${line.length}` : 'text';
}

describe('ecflow-client --help', { concurrency: false }, () => {
  test('option table: same names, order, short forms, value shapes and user/child split', (t) => {
    if (!haveReal) return void t.skip(SKIP);
    const want = realTable().options.map(({ name, short, parameter, kind }) => ({ name, short, parameter, kind }));
    const got = OPTION_HELP.map((o: HelpOption) => ({ name: o.name, short: o.short, parameter: o.parameter, kind: o.kind }));
    assert.deepEqual(got, want);
    assert.equal(got.length, 88);
  });

  test('layout is byte-identical when fed ecflow_client’s own text', (t) => {
    if (!haveReal) return void t.skip(SKIP);
    const { version, options } = realTable();
    const theirs = (topic: string) => helpText(topic, version, { options });
    for (const topic of ['all', 'summary', 'child', 'user', 'nonsense', 'zz', '-x', '-']) {
      assert.equal(theirs(topic), realHelp(topic), `--help=${topic}`);
    }
    // boost's option printer alone, with the column width and line length ecflow_client uses.
    assert.equal(
      `${formatOptionsDescription(`Client options, ${version}   `, options, HELP_ALL_LINE_LENGTH)}\n`,
      realHelp('all'),
    );
    // The general help: the command grid is all layout.
    const grid = (s: string) => s.slice(s.indexOf('\n', s.indexOf('#') + 1));
    assert.equal(grid(helpText(undefined, version, { options })).split('Commands:')[1], realHelp('').split('Commands:')[1]);
  });

  test('--help=summary|child|user: same rows, name column and kind column', (t) => {
    if (!haveReal) return void t.skip(SKIP);
    for (const topic of ['summary', 'child', 'user']) {
      const want = lines(realHelp(topic));
      const got = lines(ours(topic));
      assert.equal(got.length, want.length, `--help=${topic} line count`);
      // "  <name padded to 23> <kind>  " is 2 + 23 + 1 + 7 = 33 columns.
      assert.deepEqual(got.map((l) => l.slice(0, 33)), want.map((l) => l.slice(0, 33)), `--help=${topic}`);
      got.forEach((l, i) => {
        if (l.length > 33) assert.match(l.slice(33), /^\S/, `--help=${topic} row ${i} has a summary`);
      });
    }
    const child = lines(ours('child')).filter((l) => l.startsWith('  ')).map((l) => l.trim().split(/\s+/)[0]);
    assert.deepEqual(child, ['abort', 'complete', 'event', 'init', 'label', 'meter', 'queue', 'wait']);
  });

  test('--help: same lines and command grid, own prose', (t) => {
    if (!haveReal) return void t.skip(SKIP);
    const want = lines(realHelp(''));
    const got = lines(ours(undefined));
    assert.equal(got.length, want.length);
    got.forEach((l, i) => {
      const w = want[i] ?? '';
      if (w.includes('#')) assert.equal(l.slice(0, w.indexOf('#') + 1), w.slice(0, w.indexOf('#') + 1), `line ${i}`);
      else if (i === 1 || i === 5) assert.equal(shape(l), shape(w), `line ${i}`);
      else assert.equal(l, w, `line ${i}`);
    });
    assert.equal(ours(''), ours(undefined));
  });

  test('--help=all: same option column, description column and caption', (t) => {
    if (!haveReal) return void t.skip(SKIP);
    const want = lines(realHelp('all'));
    const got = lines(ours('all'));
    assert.equal(got[0], want[0], 'caption');
    const entries = (ls: string[]) => ls.filter((l) => l.startsWith('  -')).map((l) => l.slice(0, 28));
    assert.deepEqual(entries(got), entries(want));
    assert.deepEqual(got.slice(-2), ['', ''], 'ends with an empty line');
    for (const l of got.slice(1, -2)) {
      assert.ok(l.startsWith('  -') || l.startsWith(' '.repeat(28)), `description column: ${JSON.stringify(l)}`);
      assert.ok(l.length <= HELP_ALL_LINE_LENGTH - 1, `line length: ${JSON.stringify(l)}`);
      if (l.startsWith('  -')) assert.match(l.slice(28), /^\S/);
    }
    // Our text never needs boost's wrapping: each description line fits the column.
    for (const o of OPTION_HELP) {
      for (const l of o.description.split('\n')) assert.ok(l.length < 131, `${o.name}: line too long for --help=all: ${l}`);
    }
  });

  test('--help=<cmd>: same header, blank lines and environment tables', (t) => {
    if (!haveReal) return void t.skip(SKIP);
    const { userSuffix, childSuffix } = realTable();
    const shapes = (s: string) => lines(s).map(shape);
    assert.deepEqual(shapes(CLIENT_ENV_DESCRIPTION), shapes(userSuffix.slice(2)), 'client environment table');
    assert.deepEqual(
      shapes(`${CLIENT_ENV_DESCRIPTION}\n${CHILD_ENV_DESCRIPTION}`),
      shapes(childSuffix.slice(2)),
      'child environment table',
    );
    for (const o of OPTION_HELP) {
      const topic = RESERVED_TOPICS.has(o.name) ? o.name.slice(0, -1) : o.name;
      const got = ours(topic);
      const header = `\n${o.name}\n${'-'.repeat(o.name.length)}\n\n`;
      assert.ok(got.startsWith(header), `--help=${topic} header`);
      assert.ok(realHelp(topic).startsWith(header), `real --help=${topic} header`);
      const tail = o.kind === 'child' ? `\n\n${CLIENT_ENV_DESCRIPTION}\n${CHILD_ENV_DESCRIPTION}` : `\n\n${CLIENT_ENV_DESCRIPTION}`;
      assert.equal(got, `${header}${o.description}${tail}`, `--help=${topic}`);
      assert.ok(realHelp(topic).endsWith(o.kind === 'child' ? childSuffix : userSuffix));
    }
  });

  test('--help=<prefix>: nearest match, fallback grid and ambiguity as boost resolves them', (t) => {
    if (!haveReal) return void t.skip(SKIP);
    const topics = new Set(['-h', '-v', '-d', '-', 'zo', 'zombie_f', 'ch_', 'ch_drop', 's', 'h', 'use', 'ver', 'force', 'force-', 'x']);
    for (const { name } of OPTION_HELP) {
      topics.add(name.slice(0, Math.ceil(name.length / 2)));
      topics.add(name.slice(0, -1));
    }
    for (const topic of topics) {
      if (topic === '' || RESERVED_TOPICS.has(topic)) continue;
      const r = real(`--help=${topic}`);
      if (r.status !== 0) {
        const expected = r.stderr.split('\n')[1];
        assert.throws(() => ours(topic), (e: unknown) => e instanceof HelpTopicAmbiguousError && e.message === expected, `--help=${topic}`);
        assert.equal(r.stdout, '');
      } else if (r.stdout.startsWith('No matching command')) {
        assert.equal(ours(topic), r.stdout, `--help=${topic}`);
      } else {
        assert.equal(lines(ours(topic))[1], lines(r.stdout)[1], `--help=${topic} picks the same command`);
      }
    }
  });

  test('usage examples keep the real argument forms', (t) => {
    if (!haveReal) return void t.skip(SKIP);
    for (const theirs of realTable().options) {
      const mine = OPTION_HELP.find((o) => o.name === theirs.name)?.description ?? '';
      for (const line of theirs.description.split('\n')) {
        if (!/^\s*(ecflow_client )?--[\w-]/.test(line)) continue;
        const invocation = line.replace(/\s+#.*$/, '').trim();
        assert.ok(mine.includes(invocation), `${theirs.name}: usage form missing: ${invocation}`);
      }
    }
  });
});

describe('help layout without the real client', () => {
  const opts: HelpOption[] = [
    { name: 'beta', kind: 'user', parameter: 'arg', description: 'Second.\nMore.' },
    { name: 'alpha', kind: 'child', parameter: '', description: '\nFirst after an empty line' },
    { name: 'help', short: 'h', kind: 'user', parameter: 'arg', description: 'Help' },
    { name: 'betamax', kind: 'user', parameter: 'arg', description: 'Third' },
  ];

  test('summary takes the first non-empty line and sorts by name', () => {
    assert.equal(
      helpText('summary', 'V', { options: opts }),
      '\nEcflow client commands:\n\n' +
        '  alpha    child  First after an empty line\n' +
        '  beta     user   Second.\n' +
        '  betamax  user   Third\n' +
        '  help     user   Help\n\n',
    );
  });

  test('prefix matching: exact wins, unique prefix, short form, ambiguity', () => {
    assert.equal(findOption(opts, 'beta')?.name, 'beta');
    assert.equal(findOption(opts, 'al')?.name, 'alpha');
    assert.equal(findOption(opts, '-h')?.name, 'help');
    assert.equal(findOption(opts, 'q'), undefined);
    assert.throws(() => findOption([...opts, { name: 'bet', kind: 'user', parameter: '', description: 'x' }, { name: 'betz', kind: 'user', parameter: '', description: 'x' }], 'be'), {
      message: "option is ambiguous and matches 'bet', 'beta', 'betamax', and 'betz'",
    });
  });

  test('boost wrapping: word breaks, continuation indent, leading-space removal', () => {
    const long = `${'word '.repeat(30)}end`;
    const out = formatOptionsDescription('', [{ name: 'x', kind: 'user', parameter: 'arg', description: long }], 80);
    // Option column "  --x arg" padded to 24; 79 - 24 = 55 characters of text per line.
    assert.equal(
      out,
      `  --x arg               ${'word '.repeat(11)}\n${' '.repeat(24)}${'word '.repeat(11)}\n${' '.repeat(24)}${'word '.repeat(8)}end\n`,
    );
    const one = (description: string) =>
      formatOptionsDescription('', [{ name: 'x', kind: 'user', parameter: 'arg', description }], 80).slice(24, -1);
    const pad = (n: number) => `\n${' '.repeat(n)}`;
    // A word crossing the limit moves to the next line when the break is in the line's second half.
    assert.equal(one(`${'x'.repeat(50)} ${'y'.repeat(20)}`), `${'x'.repeat(50)} ${pad(24)}${'y'.repeat(20)}`);
    // A break just before a single space drops that space from the next line.
    assert.equal(one(`${'x'.repeat(55)} ${'y'.repeat(10)}`), `${'x'.repeat(55)}${pad(24)}${'y'.repeat(10)}`);
    // A tab sets the indent of continuation lines and is itself removed.
    assert.equal(one(`ab\t${'w '.repeat(40)}`), `ab${'w '.repeat(26)}w${pad(26)}${'w '.repeat(13)}`);
    // Empty paragraphs keep the description column.
    assert.equal(one('a\n\nb'), `a${pad(24)}${pad(24)}b`);
  });
});
