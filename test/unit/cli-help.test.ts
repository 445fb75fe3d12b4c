// The help system against the real ecflow_client of each release (5.9.2, 5.13.8, 5.17.0, where
// installed), used as an oracle for the layout.
//
// Two kinds of checks, per release:
//  1. Feed that ecflow_client's own option table (names, kinds, value shapes, generic options and,
//     at run time only, its description text) through our renderer: the output must be
//     byte-identical to the real client's. This proves the layout code (filters, sorting, columns,
//     grids, boost wrapping) of the release.
//  2. Render our own table and compare the layout with the prose masked (test/helpers/help-layout.ts),
//     for every topic and every option: same headings, lists, columns and blank lines.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';

import { OPTION_HELP, optionHelpOf } from '../../packages/ecflow-ts/src/cli/help/descriptions.js';
import {
  clientEnvDescription,
  childEnvDescription,
  HELP_ALL_LINE_LENGTH,
  type HelpOption,
  HelpTopicAmbiguousError,
  findOption,
  formatOptionsDescription,
  helpText,
} from '../../packages/ecflow-ts/src/cli/help/show.js';
import { since, TESTED_VERSIONS } from '../../packages/ecflow-ts/src/versions.js';
import { ECFLOW_BUILDS } from '../helpers/ecflow-builds.js';
import { helpLayout } from '../helpers/help-layout.js';
import { version as versionShape } from '../helpers/parity.js';

interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/** One release's real client, its runs cached. */
class RealClient {
  readonly release: string;
  readonly #path: string;
  readonly #runs = new Map<string, Run>();
  constructor(release: string) {
    this.release = release;
    this.#path = ECFLOW_BUILDS[release as keyof typeof ECFLOW_BUILDS].client;
  }
  get installed(): boolean {
    return existsSync(this.#path);
  }
  run(...args: string[]): Run {
    const key = args.join('\0');
    let r = this.#runs.get(key);
    if (r === undefined) {
      const p = spawnSync(this.#path, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
      r = { stdout: p.stdout, stderr: p.stderr, status: p.status };
      this.#runs.set(key, r);
    }
    return r;
  }
  // The real client rejects `--help=` (empty value) as a parse error; plain `--help` is the overview.
  help(topic: string): string {
    return this.run(topic === '' ? '--help' : `--help=${topic}`).stdout;
  }
}

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
const RESERVED_TOPICS = new Set(['all', 'summary', 'child', 'user', 'option']);
const topicOf = (name: string) => (RESERVED_TOPICS.has(name) ? name.slice(0, -1) : name);

interface RealTable {
  readonly versionLine: string;
  readonly options: readonly HelpOption[];
  /** What follows a command's description: "\n\n" + environment (a generic option's, from 5.12: "\n\n"). */
  readonly suffix: (o: HelpOption) => string;
}

const tables = new Map<string, RealTable>();
/** ecflow_client's option table, read from its --help output at run time. */
function realTable(client: RealClient): RealTable {
  const cached = tables.get(client.release);
  if (cached !== undefined) return cached;
  const versionLine = client.run('--version').stdout.replace(/\n$/, '');
  const shapes: { name: string; short?: string; parameter: string }[] = [];
  for (const line of client.help('all').split('\n')) {
    const m = /^ {2}(?:-(\w) \[ --([\w-]+) \]|--([\w-]+)) (arg)?/.exec(line);
    if (m === null) continue;
    const name = m[2] ?? m[3] ?? '';
    shapes.push(m[1] !== undefined ? { name, short: m[1], parameter: m[4] ?? '' } : { name, parameter: m[4] ?? '' });
  }
  const kinds = new Map<string, 'user' | 'child' | 'option'>();
  // From 5.12 the summary lists the commands and --help=option the generic options.
  for (const line of `${client.help('summary')}${since(client.release, 'helpGenericOptions') ? client.help('option') : ''}`.split('\n')) {
    const m = /^ {2}(\S+) +(user|child|option) {2,5}/.exec(line);
    if (m?.[1] !== undefined) kinds.set(m[1], m[2] as 'user' | 'child' | 'option');
  }
  const outputs = new Map<string, string>();
  for (const { name } of shapes) outputs.set(name, client.help(topicOf(name)));
  const of = (kind: 'user' | 'child') => shapes.filter((s) => kinds.get(s.name) === kind).map((s) => outputs.get(s.name) ?? '');
  const userSuffix = commonSuffix(of('user'));
  const childSuffix = commonSuffix(of('child'));
  const suffix = (o: HelpOption) => (o.generic === true && since(client.release, 'helpGenericOptions') ? '\n\n' : o.kind === 'child' ? childSuffix : userSuffix);
  const options = shapes.map((s): HelpOption => {
    const out = outputs.get(s.name) ?? '';
    const header = `\n${s.name}\n${'-'.repeat(s.name.length)}\n\n`;
    const kind = kinds.get(s.name) ?? 'user';
    // 5.9 has no generic options; ours are the ones 5.12 names.
    const generic = kind === 'option' || (!since(client.release, 'helpGenericOptions') && OPTION_HELP.find((o) => o.name === s.name)?.generic === true);
    const option: HelpOption = { ...s, kind: kind === 'child' ? 'child' : 'user', generic, description: '' };
    const tail = suffix(option);
    assert.ok(out.startsWith(header), `real --help=${s.name} header`);
    assert.ok(out.endsWith(tail), `real --help=${s.name} environment`);
    return { ...option, description: out.slice(header.length, out.length - tail.length) };
  });
  const table = { versionLine, options, suffix };
  tables.set(client.release, table);
  return table;
}

const lines = (s: string): string[] => s.split('\n');

for (const release of TESTED_VERSIONS) {
  const client = new RealClient(release);
  const skip = !client.installed && `the ecflow_client of ${release} is not installed`;
  const ours = (topic: string | undefined): string => helpText(topic, release);
  const layout = (s: string) => helpLayout(s, versionShape);

  describe(`ecflow-client --help as ecflow_client ${release}`, { concurrency: false, skip }, () => {
    test('option table: same names, order, short forms, value shapes, user/child split and generic options', () => {
      const want = realTable(client).options.map(({ name, short, parameter, kind, generic }) => ({ name, short, parameter, kind, generic }));
      const got = optionHelpOf(release).map((o) => ({ name: o.name, short: o.short, parameter: o.parameter, kind: o.kind, generic: o.generic }));
      assert.deepEqual(got, want);
    });

    test('layout is byte-identical when fed ecflow_client’s own text', () => {
      const { versionLine, options, suffix } = realTable(client);
      const theirs = (topic: string | undefined) => helpText(topic, release, { options, versionLine });
      for (const topic of ['all', 'summary', 'child', 'user', 'option', 'nonsense', 'zz', '-x', '-']) {
        assert.equal(theirs(topic), client.help(topic), `--help=${topic}`);
      }
      // boost's option printer alone, with the column width and line length ecflow_client uses.
      assert.equal(`${formatOptionsDescription(`Client options, ${versionLine}   `, options, HELP_ALL_LINE_LENGTH)}\n`, client.help('all'));
      // The general help from its command grid on: all layout.
      const grids = (s: string) => s.slice(s.indexOf('Commands:'));
      assert.equal(grids(theirs(undefined)), grids(client.help('')));
      // Each command up to its environment, whose words are ours; a generic option's has none from 5.12.
      for (const o of options) {
        const real = client.help(topicOf(o.name));
        const mine = theirs(topicOf(o.name));
        const ourTail = mine.slice(mine.indexOf(o.description) + o.description.length);
        assert.equal(mine.slice(0, mine.length - ourTail.length), real.slice(0, real.length - suffix(o).length), `--help=${o.name}`);
        if (suffix(o) === '\n\n') assert.equal(mine, real, `--help=${o.name}`);
      }
    });

    test('our help has the layout of ecflow_client’s for every topic and every option', () => {
      const topics = [undefined, 'all', 'summary', 'child', 'user', 'option', 'nonsense', ...realTable(client).options.map((o) => topicOf(o.name))];
      for (const topic of topics) assert.equal(layout(ours(topic)), layout(client.help(topic ?? '')), `--help=${topic ?? ''}`);
      assert.equal(ours(''), ours(undefined));
    });

    test('the environment: its rows, columns and line counts', () => {
      // A user and a child command carry the whole environment after their description.
      const user = ours('ping');
      const child = ours('abort');
      assert.ok(user.endsWith(`\n\n${clientEnvDescription(release)}`));
      assert.ok(child.endsWith(`\n\n${clientEnvDescription(release)}\n${childEnvDescription(release)}`));
      assert.equal(layout(user), layout(client.help('ping')));
      assert.equal(layout(child), layout(client.help('abort')));
      const names = (s: string) => [...s.matchAll(/(?:^\| |^ {2})(ECF_\w+|NO_ECF)\b/gm)].map((m) => m[1]);
      assert.deepEqual(names(child), names(client.help('abort')), 'the variables, in order');
    });

    test('--help=all: our descriptions fit the column without boost’s wrapping', () => {
      const got = lines(ours('all'));
      assert.deepEqual(got.slice(-2), ['', ''], 'ends with an empty line');
      for (const l of got.slice(1, -2)) assert.ok(l.length <= HELP_ALL_LINE_LENGTH - 1, `line length: ${JSON.stringify(l)}`);
      for (const o of optionHelpOf(release)) {
        for (const l of o.description.split('\n')) assert.ok(l.length < 131, `${o.name}: line too long for --help=all: ${l}`);
      }
    });

    test('--help=<prefix>: nearest match, fallback grid and ambiguity as boost resolves them', () => {
      const topics = new Set(['-h', '-v', '-d', '-', 'zo', 'zombie_f', 'ch_', 'ch_drop', 's', 'h', 'ht', 'use', 'ver', 'force', 'force-', 'x', 'opt']);
      for (const { name } of optionHelpOf(release)) {
        topics.add(name.slice(0, Math.ceil(name.length / 2)));
        topics.add(name.slice(0, -1));
      }
      for (const topic of topics) {
        if (topic === '' || RESERVED_TOPICS.has(topic)) continue;
        const r = client.run(`--help=${topic}`);
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

    test('usage examples keep the real argument forms', () => {
      for (const theirs of realTable(client).options) {
        const mine = optionHelpOf(release).find((o) => o.name === theirs.name)?.description ?? '';
        for (const line of theirs.description.split('\n')) {
          if (!/^\s*(ecflow_client )?--[\w-]/.test(line)) continue;
          const invocation = line.replace(/\s+#.*$/, '').trim();
          assert.ok(mine.includes(invocation), `${theirs.name}: usage form missing: ${invocation}`);
        }
      }
    });
  });
}

describe('the layout mask', () => {
  const layout = (s: string) => helpLayout(s, versionShape);
  test('keeps what changed between releases: generic options apart, the environment listed', () => {
    for (const topic of [undefined, 'summary', 'child', 'user', 'host', 'nonsense']) {
      assert.notEqual(layout(helpText(topic, '5.9.2')), layout(helpText(topic, '5.13.8')), `--help=${topic ?? ''}: 5.9 and 5.12`);
    }
    for (const topic of ['ping', 'abort']) assert.notEqual(layout(helpText(topic, '5.13.8')), layout(helpText(topic, '5.17.0')), `--help=${topic}: 5.13 and 5.15`);
    assert.notEqual(layout(helpText(undefined, '5.13.8')), layout(helpText(undefined, '5.17.0')), '--help: --http and --https from 5.14');
  });
  test('hides the prose only', () => {
    const general = helpText(undefined, '5.17.0');
    assert.equal(layout(general.replace('ecFlow work flow', 'Some other words for the')), layout(general));
    assert.notEqual(layout(general.replace('\nTry:', '\nTry: ')), layout(general));
    const all = helpText('all', '5.17.0');
    assert.equal(layout(all.replace('Show help: an overview', 'Other words')), layout(all));
    assert.notEqual(layout(all.replace('  --ssl   ', '  --ssl  ')), layout(all), 'the description column');
  });
});

describe('help layout without the real client', () => {
  const opts: HelpOption[] = [
    { name: 'beta', kind: 'user', parameter: 'arg', description: 'Second.\nMore.' },
    { name: 'alpha', kind: 'child', parameter: '', description: '\nFirst after an empty line' },
    { name: 'help', short: 'h', kind: 'user', parameter: 'arg', description: 'Help' },
    { name: 'betamax', kind: 'user', parameter: 'arg', description: 'Third' },
    { name: 'hostname', kind: 'user', generic: true, parameter: 'arg', description: 'Where' },
  ];

  test('summary takes the first non-empty line and sorts by name; 5.9 lists every option as wide as the longest', () => {
    assert.equal(
      helpText('summary', '5.9.2', { options: opts, versionLine: 'V' }),
      '\nEcflow client commands:\n\n' +
        '  alpha     child  First after an empty line\n' +
        '  beta      user   Second.\n' +
        '  betamax   user   Third\n' +
        '  help      user   Help\n' +
        '  hostname  user   Where\n\n',
    );
  });

  test('from 5.12 generic options are apart: their own summary, none in the commands’, widths of the rows shown', () => {
    assert.equal(
      helpText('summary', '5.12.0', { options: opts, versionLine: 'V' }),
      '\nEcflow client commands:\n\n' +
        '  alpha    child   First after an empty line\n' +
        '  beta     user    Second.\n' +
        '  betamax  user    Third\n' +
        '  help     user    Help\n\n',
    );
    assert.equal(helpText('option', '5.12.0', { options: opts, versionLine: 'V' }), '\nEcflow generic options:\n\n  hostname  option  Where\n\n');
    assert.equal(helpText('hostname', '5.12.0', { options: opts, versionLine: 'V' }), '\nhostname\n--------\n\nWhere\n\n');
    assert.ok(helpText('hostname', '5.9.2', { options: opts, versionLine: 'V' }).endsWith(`Where\n\n${clientEnvDescription('5.9.2')}`));
    assert.ok(helpText(undefined, '5.12.0', { options: opts, versionLine: 'V' }).endsWith('Commands:\n\n   alpha   beta    betamax help    \n\nGeneric Options:\n\n   hostname \n\n'));
    assert.ok(helpText(undefined, '5.9.2', { options: opts, versionLine: 'V' }).endsWith('Commands:\n\n   alpha    beta     betamax  help     hostname \n'));
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
