/**
 * AlterCmd's values of 5.13 to 5.17 against the release under test: aviso and mirror (add,
 * change, `reload`, delete), `add event|meter`, `add inlimit … -s|-n` and the `remote_error` flag.
 * Where the release knows a value, our ecflow-client and the real ecflow_client of that release
 * make the same change (parity: output, exit code, the server's state afterwards); where it does
 * not, the request is refused with an ArgumentError and nothing is sent (an older server would
 * ignore the value and reply OK). On 5.17.0 the command-line checks of the new kinds are compared
 * with ecflow_client 5.17.0's too. The aviso and mirror attributes point only at a loopback port
 * nothing listens on, and the suite is never begun, so they never poll.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { channels, EcflowError } from '../../packages/ecflow-ts/src/index.js';
import type { RequestDone } from '../../packages/ecflow-ts/src/client/diagnostics.js';
import { type Alteration } from '../../packages/ecflow-ts/src/commands/alter.js';
import { since, TESTED_VERSIONS, type VersionFact } from '../../packages/ecflow-ts/src/versions.js';
import { ecfEnv, freePort, TEST_VERSION } from '../helpers/ecflow-server.js';
import { ours } from '../helpers/our-cli.js';
import { describeParity, head, type Row } from '../helpers/parity.js';

const dead = await freePort();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-alter-'));
const suite = path.join(dir, 's.def');
fs.writeFileSync(suite, 'suite s\n  limit lim 4\n  task t\n  task u\nendsuite\n');
const listener = (event: string) => `--listener '{ "event": "${event}", "request": { "class": "od" } }' --url http://127.0.0.1:${dead}`;
const remote = (path: string) => `--remote_path ${path} --remote_host 127.0.0.1 --remote_port ${dead}`;

/** Each new value: the fact of versions.ts it needs, its command line, and the same through the API. */
const VALUES: { fact: VersionFact; args: string[]; alteration: Alteration; path: string }[] = [
  { fact: 'avisoMirror', args: ['add', 'aviso', 'A', `${listener('mars')} --polling 60`], alteration: { op: 'add', attr: 'aviso', name: 'A', value: `${listener('mars')} --polling 60` }, path: '/s/t' },
  { fact: 'avisoMirror', args: ['change', 'aviso', 'A', `${listener('mars')} --polling 61`], alteration: { op: 'change', attr: 'aviso', name: 'A', value: `${listener('mars')} --polling 61` }, path: '/s/t' },
  { fact: 'alterReload', args: ['change', 'aviso', 'A', 'reload'], alteration: { op: 'change', attr: 'aviso', name: 'A', value: 'reload' }, path: '/s/t' },
  { fact: 'avisoMirror', args: ['add', 'mirror', 'M', `${remote('/x/y')} --polling 60`], alteration: { op: 'add', attr: 'mirror', name: 'M', value: `${remote('/x/y')} --polling 60` }, path: '/s/u' },
  { fact: 'avisoMirror', args: ['change', 'mirror', 'M', `${remote('/x/z')} --polling 61 --ssl`], alteration: { op: 'change', attr: 'mirror', name: 'M', value: `${remote('/x/z')} --polling 61 --ssl` }, path: '/s/u' },
  { fact: 'alterReload', args: ['change', 'mirror', 'M', 'reload'], alteration: { op: 'change', attr: 'mirror', name: 'M', value: 'reload' }, path: '/s/u' },
  { fact: 'avisoMirror', args: ['set_flag', 'remote_error'], alteration: { op: 'set_flag', flag: 'remote_error' }, path: '/s/u' },
  { fact: 'alterAddEventMeter', args: ['add', 'event', 'ev', 'set'], alteration: { op: 'add', attr: 'event', name: 'ev', value: 'set' }, path: '/s/t' },
  { fact: 'alterAddEventMeter', args: ['add', 'event', 'ev2', 'clear'], alteration: { op: 'add', attr: 'event', name: 'ev2', value: 'clear' }, path: '/s/t' },
  { fact: 'alterAddEventMeter', args: ['add', 'meter', 'me', '0,10,5'], alteration: { op: 'add', attr: 'meter', name: 'me', value: '0,10,5' }, path: '/s/t' },
  { fact: 'inlimitOptions', args: ['add', 'inlimit', '/s:lim', '-s 2'], alteration: { op: 'add', attr: 'inlimit', name: '/s:lim', value: '-s 2' }, path: '/s/t' },
  { fact: 'inlimitOptions', args: ['add', 'inlimit', '/s:lim', '-n'], alteration: { op: 'add', attr: 'inlimit', name: '/s:lim', value: '-n' }, path: '/s/u' },
  { fact: 'avisoMirror', args: ['clear_flag', 'remote_error'], alteration: { op: 'clear_flag', flag: 'remote_error' }, path: '/s/u' },
  { fact: 'avisoMirror', args: ['delete', 'aviso', 'A'], alteration: { op: 'delete', attr: 'aviso', name: 'A' }, path: '/s/t' },
  { fact: 'avisoMirror', args: ['delete', 'mirror', 'M'], alteration: { op: 'delete', attr: 'mirror', name: 'M' }, path: '/s/u' },
];

/**
 * The checks ecflow_client 5.17.0 makes of the new kinds before sending (AlterCmd.cpp@5.17.0),
 * which ours makes as it does. Not here: invalid names, which 5.17 explains in other words than
 * 5.9.2 (ours keeps 5.9.2's, as the rest of the command line does).
 */
const USAGE_5_17: string[][] = [
  ['add', 'aviso', 'A', '/s/t'],
  ['add', 'aviso', 'A', 'a', 'b', '/s/t'],
  ['add', 'mirror', 'M', '/s/t'],
  ['add', 'aviso', 'A', '--bogus x', '/s/t'],
  ['add', 'aviso', 'A', '--listener', '/s/t'],
  ['add', 'aviso', 'A', '--url http://127.0.0.1:1', '/s/t'],
  ['add', 'mirror', 'M', '--remote_host 127.0.0.1', '/s/t'],
  ['add', 'mirror', 'M', '--remote_path /x --ssl=1', '/s/t'],
  ['delete', 'aviso', '/s/t'],
  ['delete', 'mirror', '/s/t'],
  ['change', 'aviso', 'A', '/s/t'],
  ['change', 'mirror', 'M', 'a', 'b', '/s/t'],
  ['add', 'event', 'e1', '/s/t'],
  ['add', 'event', 'e1', 'maybe', '/s/t'],
  ['add', 'meter', 'm', '0,10', '/s/t'],
  ['add', 'meter', 'm', '10,0,5', '/s/t'],
  ['add', 'meter', 'm', 'a,b,c', '/s/t'],
  ['add', 'inlimit', '/s:lim', '0', '/s/t'],
  ['add', 'inlimit', '/s:lim', 'x', '/s/t'],
  ['add', 'inlimit', '/s:lim', '-s -n', '/s/t'],
  ['add', 'bogus', 'x', '/s'],
  ['delete', 'bogus', 'x', '/s'],
  ['change', 'bogus', 'x', '/s'],
  ['set_flag', 'bogus', '/s'],
];

const known = VALUES.filter((v) => since(TEST_VERSION, v.fact));
const unknown = VALUES.filter((v) => !since(TEST_VERSION, v.fact));

const rows: Row[] = [
  { args: [`--load=${suite}`] },
  ...known.map((v): Row => ({ args: ['--alter', ...v.args, v.path] })),
  // (the messages quote the alter description, worded differently by design: compare up to it)
  ...(TEST_VERSION === '5.17.0' ? USAGE_5_17.map((args): Row => ({ args: ['--alter', ...args], normalize: head(args.includes('bogus') ? 2 : 3), state: false })) : []),
];

describeParity(`AlterCmd's 5.13-5.17 values on ecFlow ${TEST_VERSION}`, rows, {
  cleanup: dir,
  more: (servers) => {
    it(`refuses, before sending, what ${TEST_VERSION} does not know`, { skip: unknown.length === 0 && `${TEST_VERSION} knows them all` }, async () => {
      const { b } = servers();
      const before = (await b.real(['--get_state'])).stdout;
      const sent: string[] = [];
      const listen = (m: unknown) => sent.push((m as RequestDone).request);
      channels.request.subscribe(listen);
      try {
        const client = b.client();
        for (const v of unknown) {
          await assert.rejects(client.alter(v.path, v.alteration), (e: unknown) => e instanceof EcflowError && e.code === 'ECFLOW_ARGUMENT' && /needs ecFlow \d+\.\d+\.\d+ or later, and the server is/.test(e.message), v.args.join(' '));
          // as the newest ecflow_client would read the line (an older one could not read some of them)
          const cli = await ours(['--alter', ...v.args, v.path], { ...ecfEnv(b.port), ECFLOW_TS_IMITATE: TESTED_VERSIONS.at(-1)! });
          assert.equal(cli.code, 1, v.args.join(' '));
          assert.match(cli.stderr, new RegExp(`needs ecFlow \\d+\\.\\d+\\.\\d+ or later, and the server is ${TEST_VERSION.replaceAll('.', '\\.')}`), v.args.join(' '));
        }
        // the guard asked once; the client remembers the release
        assert.equal(client.knownServerVersion, TEST_VERSION);
      } finally {
        channels.request.unsubscribe(listen);
      }
      assert.deepEqual(
        sent.filter((r) => !r.startsWith('--server_version')),
        [],
        'nothing but the release was asked',
      );
      assert.equal((await b.real(['--get_state'])).stdout.replace(/ cal_count:\d+/, ''), before.replace(/ cal_count:\d+/, ''));
    });
  },
});
