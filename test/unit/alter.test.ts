/**
 * AlterCmd's values of ecFlow 5.13-5.17 (src/commands/alter.ts): their wire numbers
 * (AlterCmd.hpp@5.17.0), the checks ecflow_client 5.17.0 makes before sending (messages from
 * AlterCmd.cpp@5.17.0, NodeAttr.cpp, InLimit.cpp; the command-line ones are compared with the real
 * ecflow_client 5.17.0 in test/integration/alter-releases.test.ts), the refusal of each for a
 * server whose release does not know it, and `--alter`'s own argv rule (ClientOptionsParser).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgv } from '../../packages/ecflow-ts/src/cli/argv.js';
import { OPTIONS } from '../../packages/ecflow-ts/src/cli/table.js';
import { type Alteration, alterCmd, checkAlterAdd, checkAlterDelete } from '../../packages/ecflow-ts/src/commands/alter.js';
import { ArgumentError } from '../../packages/ecflow-ts/src/errors.js';
import { CerealWriter } from '../../packages/ecflow-ts/src/protocol/cereal.js';
import type { Request } from '../../packages/ecflow-ts/src/protocol/envelope.js';

const fields = (a: Alteration) => alterCmd(['/s/t'], a).fields(new CerealWriter(), { user: { clientHost: 'h', user: 'u' } });

function argumentError(f: () => void, message: string): void {
  assert.throws(f, (e: unknown) => e instanceof ArgumentError && e.message === message);
}

/**
 * Runs a request's guard against a server of `version`; `nodes` answers its `--get=PATH` questions
 * (SNodeCmd texts by path), and any other question fails the test (nothing else may be sent).
 */
async function guard(request: Request, version: string, nodes: Record<string, string> = {}): Promise<void> {
  await request.guard?.(
    async (r) => {
      const path = r.cls === 'CtsNodeCmd' ? (r.fields(new CerealWriter(), { user: { clientHost: 'h', user: 'u' } }).absNodePath_ as string) : undefined;
      if (path === undefined || !(path in nodes)) throw new Error(`the guard sent ${r.text}`);
      return { type: 'SNodeCmd', node: nodes[path]! };
    },
    { version: async () => version },
  );
}

describe('AlterCmd values of 5.13 to 5.17', () => {
  it('travel with the wire numbers of AlterCmd.hpp@5.17.0', () => {
    const cases: [Alteration, Record<string, number>][] = [
      [{ op: 'add', attr: 'aviso', name: 'A', value: "--listener '{}'" }, { add_attr_type_: 11 }],
      [{ op: 'add', attr: 'mirror', name: 'M', value: '--remote_path /x' }, { add_attr_type_: 12 }],
      [{ op: 'add', attr: 'event', name: 'e', value: 'set' }, { add_attr_type_: 13 }],
      [{ op: 'add', attr: 'meter', name: 'm', value: '0,10,5' }, { add_attr_type_: 14 }],
      [{ op: 'delete', attr: 'aviso', name: 'A' }, { del_attr_type_: 20 }],
      [{ op: 'delete', attr: 'mirror', name: 'M' }, { del_attr_type_: 21 }],
      [{ op: 'change', attr: 'aviso', name: 'A', value: 'reload' }, { change_attr_type_: 18 }],
      [{ op: 'change', attr: 'mirror', name: 'M', value: 'reload' }, { change_attr_type_: 19 }],
      [{ op: 'set_flag', flag: 'remote_error' }, { flag_type_: 25 }],
    ];
    for (const [alteration, numbers] of cases) {
      const f = fields(alteration);
      for (const [key, n] of Object.entries(numbers)) assert.equal(f[key], n, JSON.stringify(alteration));
    }
    assert.deepEqual(fields({ op: 'add', attr: 'meter', name: 'm', value: '0,10,5' }), {
      paths_: ['/s/t'],
      name_: 'm',
      value_: '0,10,5',
      add_attr_type_: 14,
      del_attr_type_: 16,
      change_attr_type_: 13,
      flag_type_: 19,
      flag_: false,
    });
  });

  it('make the checks of ecflow_client 5.17.0 before sending', () => {
    argumentError(() => checkAlterAdd('event', 'e1', 'maybe'), 'Event::Event: Invalid state : maybe');
    checkAlterAdd('event', 'e1', 'set');
    checkAlterAdd('event', '1', 'clear');
    argumentError(() => checkAlterAdd('meter', 'm', '0,10'), "Meter::make_from_value: Expect three comma-separated values, but found: '0,10'");
    argumentError(() => checkAlterAdd('meter', 'm', 'a,b,c'), 'Meter::make_from_value: Expect three comma-separated values, but found: (a, b, c)');
    argumentError(() => checkAlterAdd('meter', 'm', '10,0,5'), 'Meter::Meter: Invalid Meter(name,min,max,color_change) : min must be less than max');
    checkAlterAdd('meter', 'm', '0,10,5');
    checkAlterAdd('meter', 'm', ',0,,10,5,'); // split_at drops empty fields
    argumentError(() => checkAlterAdd('inlimit', '/s:lim', '0'), "AlterCmd: the inlimit value must be > 0, but value was: '0'");
    argumentError(() => checkAlterAdd('inlimit', '/s:lim', 'x'), "AlterCmd: the inlimit value, 'x', cannot be converted to an integer");
    argumentError(() => checkAlterAdd('inlimit', '/s:lim', '-s -n'), 'AlterCmd: an inlimit cannot be limited for both submission and node');
    for (const value of ['', '2', '-s', '-s 2', '-n 3', '-s2']) checkAlterAdd('inlimit', '/s:lim', value);
    argumentError(() => checkAlterDelete('aviso', ''), 'Invalid AvisoAttr name :');
    argumentError(() => checkAlterDelete('mirror', ''), 'Invalid MirrorAttr name :');
    checkAlterDelete('aviso', 'A');
    // an aviso's and a mirror's configuration, with --name NAME after it (AvisoParser, MirrorParser)
    argumentError(() => checkAlterAdd('aviso', 'A', '--no-such-option'), "unrecognised option '--no-such-option'");
    argumentError(() => checkAlterAdd('aviso', 'A', '--listener'), "AvisoParser::doParse: Could not find 'name' option in line: --listener --name A");
    argumentError(() => checkAlterAdd('aviso', 'A', '--url http://h'), "AvisoParser::doParse: Could not find 'listener' option in line: --url http://h --name A");
    argumentError(() => checkAlterAdd('mirror', 'M', '--remote_host h'), "AvisoParser::doParse: Could not find 'remote_path' option in line: --remote_host h --name M");
    checkAlterAdd('aviso', 'A', "--listener '{ \"event\": \"mars\" }' --url http://h --polling 60");
    checkAlterAdd('mirror', 'M', '--remote_path /s/t --remote_host h --remote_port 3141 --ssl');
  });

  it("change an aviso's configuration by deleting and adding it, which the servers survive", async () => {
    // Node::changeAviso keeps the new aviso without its node: the next requeue kills the server.
    const change = alterCmd(['/s/t', '/s/u'], { op: 'change', attr: 'aviso', name: 'A', value: "--listener '{ \"event\": \"mars\" }'" });
    const numbers = () => {
      const f = change.fields(new CerealWriter(), { user: { clientHost: 'h', user: 'u' } });
      return [f.del_attr_type_, f.change_attr_type_, f.add_attr_type_, f.name_, f.value_];
    };
    const withAviso = (n: string) => `task ${n}\n  aviso --name A --listener '{ "event": "dissemination" }' --revision 0\n`;
    await assert.rejects(guard(change, '5.9.2'), /needs ecFlow 5\.13\.0 or later/);
    await guard(change, '5.17.0', { '/s/t': withAviso('t'), '/s/u': withAviso('u') });
    assert.deepEqual(numbers(), [20, 13, 11, 'A', "--listener '{ \"event\": \"mars\" }'"]);
    // where no node has it, the change goes as it is, and the server says it could not find it
    await guard(change, '5.17.0', { '/s/t': 'task t\n', '/s/u': 'task u\n' });
    assert.deepEqual(numbers(), [16, 18, 6, 'A', "--listener '{ \"event\": \"mars\" }'"]);
    await assert.rejects(guard(change, '5.13.8', { '/s/t': withAviso('t'), '/s/u': 'task u\n' }), (e: unknown) => e instanceof ArgumentError && /\/s\/u has no aviso A/.test(e.message));
    // reload is safe as it is
    const reload = alterCmd(['/s/t'], { op: 'change', attr: 'aviso', name: 'A', value: 'reload' });
    await guard(reload, '5.17.0');
    assert.equal(reload.fields(new CerealWriter(), { user: { clientHost: 'h', user: 'u' } }).change_attr_type_, 18);
  });

  it('are refused, before anything is sent, for a server whose release does not know them', async () => {
    const needs: [Alteration, string][] = [
      [{ op: 'add', attr: 'aviso', name: 'A', value: "--listener '{}'" }, '5.13.0'],
      [{ op: 'delete', attr: 'mirror', name: 'M' }, '5.13.0'],
      [{ op: 'change', attr: 'mirror', name: 'M', value: 'reload' }, '5.13.6'],
      [{ op: 'add', attr: 'event', name: 'e', value: 'set' }, '5.14.0'],
      [{ op: 'add', attr: 'meter', name: 'm', value: '0,10,5' }, '5.14.0'],
      [{ op: 'add', attr: 'inlimit', name: '/s:lim', value: '-s 2' }, '5.16.0'],
      [{ op: 'clear_flag', flag: 'remote_error' }, '5.13.0'],
    ];
    for (const [alteration, since] of needs) {
      const request = alterCmd(['/s/t'], alteration);
      await assert.rejects(guard(request, '5.9.2'), (e: unknown) => e instanceof ArgumentError && e.message.includes(`needs ecFlow ${since} or later, and the server is 5.9.2`));
      await guard(request, since);
      await guard(request, '5.17.0');
    }
    await assert.rejects(guard(alterCmd(['/s'], { op: 'add', attr: 'event', name: 'e', value: 'set' }), '5.13.8'), /--alter add event needs ecFlow 5\.14\.0 or later, and the server is 5\.13\.8/);
    // 5.9.2's values go to every server unasked.
    for (const alteration of [{ op: 'add', attr: 'inlimit', name: '/s:lim', value: '2' }, { op: 'set_flag', flag: 'late' }] as const) {
      assert.equal(alterCmd(['/s'], alteration).guard, undefined);
    }
  });
});

describe('--alter on the command line (ClientOptionsParser::parse_alter)', () => {
  const alter = (...argv: string[]) => parseArgv(['--alter', ...argv], OPTIONS).get('alter');

  it('takes values that look like options, up to the first path, then the paths', () => {
    assert.deepEqual(alter('add', 'aviso', 'A', "--listener '{ \"event\": \"mars\" }' --url http://h", '/s/t', '/s/u'), [
      'add',
      'aviso',
      'A',
      "--listener '{ \"event\": \"mars\" }' --url http://h",
      '/s/t',
      '/s/u',
    ]);
    assert.deepEqual(alter('add', 'mirror', 'M', '--remote_path', '/s/t'), ['add', 'mirror', 'M', '--remote_path', '/s/t']);
    assert.deepEqual(alter('change', 'meter', 'm', '-1', '/s/t'), ['change', 'meter', 'm', '-1', '/s/t']);
  });

  it("takes an inlimit's /path:limit name and value before looking for paths", () => {
    assert.deepEqual(alter('add', 'inlimit', '/s:lim', '-s 2', '/s/t'), ['add', 'inlimit', '/s:lim', '-s 2', '/s/t']);
    assert.deepEqual(alter('add', 'inlimit', 'lim', '/s/t'), ['add', 'inlimit', 'lim', '/s/t']);
    // Before 5.17 the /path:limit name is taken for the first path.
    assert.deepEqual(parseArgv(['--alter', 'add', 'inlimit', '/s:lim', '2', '/s/t'], OPTIONS, '5.13.8').get('alter'), ['add', 'inlimit', '/s:lim']);
  });

  it('leaves what follows its paths to the other options', () => {
    const parsed = parseArgv(['--alter', 'change', 'variable', 'V', 'x', '/s', '--port', '3141'], OPTIONS);
    assert.deepEqual(parsed.get('alter'), ['change', 'variable', 'V', 'x', '/s']);
    assert.deepEqual(parsed.get('port'), ['3141']);
    assert.deepEqual(parseArgv(['--alter=add', 'label', 'l', 'v', '/s'], OPTIONS).get('alter'), ['add', 'label', 'l', 'v', '/s']);
  });
});
