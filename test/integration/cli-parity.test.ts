/**
 * Every command line of the table runs through the real ecflow_client against server A and through
 * our ecflow-client against server B, in the same order; after each row the outputs, the exit codes
 * and the two servers' states (printed by the real client's --get_state) must be the same.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { since } from '../../packages/ecflow-ts/src/versions.js';
import { ecfEnv, type RunResult, run, TEST_VERSION } from '../helpers/ecflow-server.js';
import { ours } from '../helpers/our-cli.js';
import { helpLayout } from '../helpers/help-layout.js';
import { describeParity, digits, head, normalizer, pingTime, type Row, stable, version } from '../helpers/parity.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-parity-'));
const suiteFile = path.join(dir, 'suite.def');
const secondFile = path.join(dir, 'second.def');
fs.writeFileSync(
  suiteFile,
  `# a comment
extern /other/suite:ev
suite s1
  edit ECF_HOME '${dir}'
  family f
    task t1
      event e
      meter m 0 100 50
      label l "hello"
    task t2
      trigger t1 == complete
  endfamily
  family g
    repeat integer I 0 3
    task t3
  endfamily
endsuite
`,
);
fs.writeFileSync(secondFile, `suite s2\n  task a\nendsuite\n`);
const badCheck = path.join(dir, 'bad-check.def');
fs.writeFileSync(badCheck, `suite s\n  task t\n    trigger x == complete\nendsuite\n`);
const badParse = path.join(dir, 'bad-parse.def');
fs.writeFileSync(badParse, `suite s\n  task t\n    meter m 0 a\nendsuite\n`);

/**
 * `--help[=topic]`: the general help, every list, commands of each kind (user, child, one of each
 * arity), generic options (one of them only from 5.14), short forms, prefixes (one names several),
 * a topic no release knows, and `option` (a topic from 5.12, no option before).
 */
const HELP_TOPICS = [undefined, 'all', 'summary', 'user', 'child', 'option', 'load', 'ping', 'force', 'abort', 'label', 'wait', 'host', 'add', 'debug', 'rid',
  'http', 'https', 'ssl', '-h', '-v', '-d', 'zombie_f', 'h', 'ch_', 'bogus', ''];
const help = (s: string) => helpLayout(s, version);

const rows: Row[] = [
  { args: ['--ping'], normalize: pingTime },
  { args: ['--server_version'] },
  { args: ['--version'], normalize: version },
  { args: ['--suites'] },
  { args: [`--load=${suiteFile}`] },
  { args: [`--load=${suiteFile}`] },
  { args: [`--load=${path.join(dir, 'missing.def')}`], normalize: (s) => s.split('\n').slice(0, 3).join('\n') },
  { args: [`--load=${suiteFile}`, 'check_only'] },
  { args: [`--load=${suiteFile}`, 'print'] },
  { args: [`--load=${suiteFile}`, 'stats'] },
  { args: [`--load=${badCheck}`] },
  { args: [`--load=${badParse}`], normalize: version },
  { args: ['--load=suite inline\n  task x\nendsuite\n', 'check_only'] },
  { args: ['--load', secondFile] },
  { args: [`--load=${secondFile}`, 'force'] },
  { args: ['--suites'] },
  { args: ['--begin=s1'] },
  { args: ['--begin=s1'] },
  { args: ['--begin=nosuch'] },
  { args: ['--group=server_version; suites'] },
  { args: ['--group=suspend /s1/f/t1; resume /s1/f/t1; server_version; force=complete /s1/g/t3'] },
  { args: ['--group=server_version; suspend /nonexist; ping; server_version'] },
  { args: ['--group=bogus'] },
  { args: ['--group=;;'] },
  { args: ['--group=msg "a quoted message"; log=get 1'] },
  { args: ['--suspend', '/s1/f/t1', '/s1/g'] },
  { args: ['--suspend=/s1/f/t2'] },
  { args: ['--resume', '/s1/f/t1', '/nonexist', '/s1/g'] },
  { args: ['--suspend'] },
  { args: ['--suspend', 'nopath'] },
  { args: ['--status', '/s1/f/t1'] },
  { args: ['--status=/nosuch', '/s1'] },
  { args: ['--status', 'nopath'] },
  // Our --force=complete first asks the suite's state (a suite never begun is refused: forcing
  // there can abort the server), so the server counts one query more than ecflow_client's; the
  // query row keeps the --stats rows below comparable.
  { args: ['--query', 'state', '/s1'] },
  { args: ['--force=complete', '/s1/f/t1'] },
  { args: ['--force', 'aborted', 'recursive', '/s1/g'] },
  { args: ['--force=set', '/s1/f/t1:e'] },
  { args: ['--force=clear', '/s1/f/t1:e', '/s1/f/t1:nosuch'] },
  { args: ['--force=set', '/s1/f/t1'] },
  { args: ['--force=bogus', '/s1/f/t1'], normalize: head(2) },
  { args: ['--force=complete'], normalize: head(2) },
  { args: ['--requeue', '/s1/f'] },
  { args: ['--requeue', 'abort', '/s1/g'] },
  { args: ['--requeue=force', '/s1/g/t3'] },
  { args: ['--requeue', 'sideways', '/s1'], normalize: head(2) },
  { args: ['--requeue=/nosuch'] },
  { args: ['--get'] },
  { args: ['--get=/s1'] },
  { args: ['--get', '/s1/f'] },
  { args: ['--get=/s1/f/t1'] },
  { args: ['--get=/nosuch'] },
  { args: ['--get_state'], normalize: stable },
  { args: ['--get_state=/s1'], normalize: stable },
  { args: ['--get_state=/s1/g'], normalize: stable },
  { args: ['--migrate'], normalize: stable },
  { args: ['--migrate=/s1'], normalize: stable },
  { args: ['--migrate=/s1/f/t2'], normalize: stable },
  { args: ['--show'] },
  { args: ['--show=state'] },
  { args: ['--show=bogus'] },
  { args: ['--why=/s1/f/t2'] },
  { args: ['--group=get; show'] },
  { args: ['--group=get=/s1; show state'], normalize: stable },
  { args: ['--group=get=/s1/f; show migrate'], normalize: stable },
  { args: ['--group=get /s1/f/t1; show'] },
  { args: ['--run', '/s1/f/t2'] },
  { args: ['--run=force', '/s1/f/t2'] },
  { args: ['--run', 'quickly', '/s1/f/t2'], normalize: head(2) },
  { args: ['--kill', '/s1/f/t2'] },
  { args: ['--kill=/nosuch'] },
  { args: ['--msg=hello from the parity test'] },
  { args: ['--msg', 'two words'] },
  { args: ['--log=get', '3'] },
  { args: ['--log=path'] },
  { args: ['--log=flush'] },
  { args: ['--log=get', 'x'] },
  { args: ['--log=bogus'], normalize: head(2) },
  { args: ['--check_pt'] },
  { args: ['--check_pt=on_time:200'] },
  { args: ['--check_pt=never'] },
  { args: ['--check_pt=always'] },
  { args: ['--check_pt=bad'], normalize: head(2) },
  { args: ['--sync_clock', '0', '0', '0'] },
  { args: ['--restore_from_checkpt'] },
  { args: ['--reloadwsfile'] },
  { args: ['--reloadpasswdfile'] },
  { args: ['--reloadcustompasswdfile'] },
  { args: ['--force-dep-eval'] },
  { args: ['--debug_server_on'] },
  { args: ['--debug_server_off'] },
  { args: ['--host', 'localhost', '--password=unused', '--ping'], normalize: pingTime },
  { args: ['--complete', '--remove', 'A', 'B'] },
  { args: ['--abort=because'] },
  { args: ['--wait=/s1/f/t1 == complete'] },
  { args: ['--news', '0', '0', '0'] },
  { args: ['--sync', '0', '0', '0'] },
  { args: ['--sync_full=0'] },
  { args: ['--news=0', '0'] },
  { args: ['--sync_full=x'] },
  { args: ['--zombie_get'] },
  { args: ['--stats'], normalize: digits },
  { args: ['--stats_reset'] },
  { args: ['--delete=/s1/f/t2'], input: 'n\n' },
  { args: ['--delete', 'yes', '/s1/f/t2'] },
  { args: ['--delete', 'force', 'yes', '/nosuch'] },
  { args: ['--delete=/s2'], input: 'y\n' },
  { args: ['--delete'] },
  { args: ['--delete', 'yes'] },
  { args: ['--delete', 'yes', '_all_'] },
  { args: ['--suites'] },
  { args: ['--halt'], input: 'no\n' },
  { args: ['--halt=maybe'] },
  { args: ['--restart'] },
  { args: ['--shutdown=yes'] },
  { args: ['--halt', 'yes'] },
  { args: ['--restart'] },
  { args: ['--serv'] },
  { args: ['--bogus'] },
  { args: ['--msg'] },
  { args: ['--ping=now'] },
  { args: ['--port', 'abc', '--ping'] },
  { args: ['--rid', '5', '--ssl', '--user=fred'] },
  { args: ['--add', 'a=b', 'c=d'] },
  { args: ['--init=123'] },
  { args: ['--complete'] },
  { args: ['--meter=m', 'x'] },
  { args: ['--event=e', 'bogus'] },
  { args: ['--label=l'] },
  { args: ['--queue=q'] },
  { args: ['--debug'], normalize: version },
  ...HELP_TOPICS.map((topic): Row => ({ args: [topic === undefined ? '--help' : `--help=${topic}`], normalize: help, state: false })),
  // Short options: from 5.12 `-h`, `-v`, `-d` with boost's ways of giving a value; before, ignored words.
  { args: ['-h'], normalize: help, state: false },
  { args: ['-h', 'summary'], normalize: help, state: false },
  { args: ['-hchild'], normalize: help, state: false },
  { args: ['-h=summary'], normalize: help, state: false },
  { args: ['-hv'], normalize: help, state: false },
  { args: ['-v'], normalize: version, state: false },
  { args: ['-vx'], state: false },
  { args: ['-x'], state: false },
  { args: ['-d'], normalize: version, state: false },
  { args: ['--host', '--ping'], normalize: pingTime, state: false },
  // Options a release does not know, prefixes that name several, switches that are no command.
  { args: ['--ht'], state: false },
  { args: ['--h'], state: false },
  { args: ['--http'], state: false },
  { args: ['--https'], state: false },
  { args: ['--ping', '-x'], normalize: pingTime, state: false },
  { args: ['--port'], state: false },
  { args: [] },
  { args: ['not-an-option'] },
  { args: ['--terminate=yes'], state: false },
];

// The same rows over HTTP (ecflow_server --http, 5.14+): with --http on every command line (where
// ECF_HOST_PROTOCOL says PLAIN: the flag wins), and with ECF_HOST_PROTOCOL=HTTP alone.
const overHttp = since(TEST_VERSION, 'http');

describeParity('ecflow-client matches ecflow_client command by command', rows, {
  ...(overHttp ? {} : { cleanup: dir }),
  more: (servers) => {

  it('fails the same way when no server listens', async () => {
    const { a, b } = servers();
    const dead = String(a.port + 1 === b.port ? a.port + 2 : a.port + 1);
    const norm = normalizer(a, b);
    // A user command prints the client's environment after the error; a ping does not.
    for (const args of [['--port', dead, '--ping'], ['--port', dead, '--suites'], ['--host', 'localhost', '--port', dead, '--get=/s1'], ['--port', dead, '--msg', 'hello']]) {
      const env = ecfEnv(a.port);
      const [theirs, mine] = await Promise.all([
        run(a.ecflowClient, args, env),
        ours(args, env),
      ]);
      const view = (r: RunResult) => ({ stdout: norm(r.stdout), stderr: version(norm(r.stderr)).replaceAll(dead, 'DEAD'), code: r.code });
      assert.deepEqual(view(mine), view(theirs), args.join(' '));
    }
  });
  },
});

if (overHttp) {
  describeParity('ecflow-client --http matches ecflow_client --http command by command (ecflow_server --http)', rows, {
    server: { http: true },
    args: ['--http'],
    env: { ECF_HOST_PROTOCOL: 'PLAIN' },
  });
  describeParity('ecflow-client matches ecflow_client with ECF_HOST_PROTOCOL=HTTP command by command (ecflow_server --http)', rows, {
    server: { http: true },
    cleanup: dir,
  });
}
