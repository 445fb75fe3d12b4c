/**
 * Authentication and authorisation as each release does them, on twin servers with the same
 * password files (ECF_PASSWD, ECF_CUSTOM_PASSWD) and white list (ECF_LISTS): the real
 * ecflow_client of the release against one, our ecflow-client against the other, same command
 * lines, same output, exit codes and resulting states; our Client refuses with a ServerError whose
 * message is the server's text, the one the real client prints after "Server reply:". The servers
 * decide; what each release decides is asserted only where it shows the files are in force.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Client, EcflowError, ErrorCode, ServerError } from '../../packages/ecflow-ts/src/index.js';
import { since } from '../../packages/ecflow-ts/src/versions.js';
import { type AuthFiles, haveEcflow, LOGIN, passwdText, type RunResult, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { assertParity, pingTime, type Row } from '../helpers/parity.js';


const skip = !haveEcflow && `ecFlow ${TEST_VERSION} is not installed`;

const DEFS = 'suite s1\n  family f\n    task t\n      label info ""\n      event e\n      meter m 0 10\n  endfamily\nendsuite\nsuite s2\n  task t\nendsuite\n';

/** The server's words in a refusal the real client printed: `Error: request( … ) failed!  Server reply: <text>`. */
function serverReply(r: RunResult): string {
  const m = /^Error: request\( .* \) failed! {2}Server reply: (.*)\n\n$/s.exec(r.stderr);
  assert.ok(m, `not a refusal (exit ${r.code}): ${JSON.stringify(r.stderr)}`);
  return m[1]!;
}

/** Our Client's call refuses as the real client's command line was refused: a ServerError in the server's words. */
async function refusedAlike(call: () => Promise<unknown>, real: RunResult): Promise<void> {
  assert.equal(real.code, 1, real.stdout);
  const text = serverReply(real);
  await assert.rejects(call(), (e: unknown) => {
    assert.ok(e instanceof ServerError, String(e));
    assert.equal(e.code, ErrorCode.SERVER);
    assert.equal(e.message, text);
    return true;
  });
}

/** Twin servers started with `auth`, a folder for the client's files, the suites loaded by the login user. */
function twins(auth: AuthFiles) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-auth-'));
  const state = { a: undefined as unknown as TestServer, b: undefined as unknown as TestServer, dir };
  before(async () => {
    [state.a, state.b] = await Promise.all([startServer({ auth }), startServer({ auth })]);
    fs.writeFileSync(path.join(dir, 'suites.def'), DEFS);
  });
  after(async () => {
    await Promise.all([state.a?.stop(), state.b?.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get a() {
      return state.a;
    },
    get b() {
      return state.b;
    },
    dir,
    /** A client password file giving `users` their passwords on both servers. */
    file(name: string, users: Record<string, string>): string {
      const file = path.join(dir, name);
      fs.writeFileSync(file, passwdText([state.a.port, state.b.port], users));
      return file;
    },
    /** Both servers' files rewritten alike. */
    writeAuth(files: AuthFiles): void {
      state.a.writeAuth(files);
      state.b.writeAuth(files);
    },
  };
}

describe('authentication: password and custom users', { skip }, () => {
  const t = twins({ passwords: { [LOGIN]: 'secret1' }, customPasswords: { fred: 'fredpw' } });
  let admin: Record<string, string>;
  let files: Record<'wrong' | 'custom' | 'customWrong' | 'admin2' | 'custom2', string>;
  before(() => {
    admin = { ECF_PASSWD: t.file('admin.passwd', { [LOGIN]: 'secret1' }) };
    files = {
      wrong: t.file('wrong.passwd', { [LOGIN]: 'nope' }),
      custom: t.file('custom.passwd', { fred: 'fredpw' }),
      customWrong: t.file('custom-wrong.passwd', { fred: 'nope' }),
      admin2: t.file('admin2.passwd', { [LOGIN]: 'secret2' }),
      custom2: t.file('custom2.passwd', { fred: 'fredpw2' }),
    };
  });
  const fred = () => ({ ECF_USER: 'fred', ECF_CUSTOM_PASSWD: files.custom });

  it('the password files are in force: without a password the login user is refused, with it accepted', async () => {
    const refused = await t.a.real(['--suites']);
    assert.equal(refused.code, 1);
    // 5.9's "[ authentication failed ] User 'x' is not allowed any access.", 5.15's own words after.
    assert.match(serverReply(refused), since(TEST_VERSION, 'authorisationLayer') ? /^Command not accepted, due to: Authentication \(user command\) failed/ : /^\[ authentication failed \] User '.*' is not allowed any access\.$/);
    const accepted = await t.a.real(['--suites'], { env: admin });
    assert.equal(accepted.code, 0, accepted.stderr);
  });

  it('login and custom users, right, wrong and missing passwords: the same on both', async () => {
    const rows: Row[] = [
      { args: ['--ping'], normalize: pingTime },
      { args: ['--suites'] },
      { args: ['--suites'], env: { ECF_PASSWD: files.wrong } },
      { args: ['--suites'], env: { ECF_PASSWD: path.join(t.dir, 'no-such.passwd') } },
      { args: ['--suites'], env: admin },
      { args: [`--load=${path.join(t.dir, 'suites.def')}`], env: admin },
      { args: ['--suites'], env: admin },
      // --password is used from 5.13, salted with the custom user's name: '' for the login user.
      { args: ['--password=secret1', '--suites'] },
      { args: ['--password=nope', '--suites'] },
      { args: ['--user', '--password=secret1', '--suites'] },
      { args: [`--user=${LOGIN}`, '--password=secret1', '--suites'] },
      // A custom user needs a password on the client: without one nothing is sent.
      { args: ['--suites'], env: { ECF_USER: 'fred' } },
      { args: ['--user=fred', '--suites'] },
      { args: ['--suites'], env: { ECF_USER: 'fred', ECF_CUSTOM_PASSWD: files.customWrong } },
      { args: ['--suites'], env: fred() },
      { args: ['--suites'], env: { ECF_USER: 'fred', ECF_PASSWD: files.custom } },
      { args: ['--user=fred', '--password=fredpw', '--suites'] },
      { args: ['--user=fred', '--password=nope', '--suites'] },
      { args: ['--password=fredpw', '--suites'], env: { ECF_USER: 'fred' } },
      // `--user` with no name is the login user, whatever ECF_USER says.
      { args: ['--user', '--suites'], env: { ...fred(), ...admin } },
      { args: ['--user', '--suites'], env: fred() },
      { args: ['--suspend=/s1'], env: fred() },
      { args: ['--resume=/s1'], env: { ECF_PASSWD: files.wrong } },
      { args: ['--resume=/s1'], env: admin },
    ];
    await assertParity(t.a, t.b, rows, { stateEnv: admin });
  });

  it('our Client is refused in the words the real client prints', async () => {
    const { a } = t;
    const mine = (options: Parameters<TestServer['client']>[0]): Client => a.client({ connectionAttempts: 1, ...options });
    await refusedAlike(() => mine({}).suites(), await a.real(['--suites']));
    await refusedAlike(() => mine({ password: 'nope' }).suites(), await a.real(['--suites'], { env: { ECF_PASSWD: files.wrong } }));
    await refusedAlike(() => mine({ user: 'fred', password: 'nope' }).suites(), await a.real(['--suites'], { env: { ECF_USER: 'fred', ECF_CUSTOM_PASSWD: files.customWrong } }));
    await refusedAlike(() => mine({ env: { ECF_PASSWD: files.wrong } }).suspend('/s1'), await a.real(['--suspend=/s1'], { env: { ECF_PASSWD: files.wrong } }));
    // A ping is authenticated before 5.15, not after: our Client fares as the real client does.
    const ping = await a.real(['--ping']);
    if (ping.code === 0) assert.equal(typeof (await mine({}).ping()), 'number');
    else await refusedAlike(() => mine({}).ping(), ping);

    const real = await a.real(['--suites'], { env: admin });
    assert.deepEqual(await mine({ password: 'secret1' }).suites(), real.stdout.trim().split(/\s+/));
    assert.deepEqual(await mine({ user: 'fred', password: 'fredpw' }).suites(), real.stdout.trim().split(/\s+/));
    assert.deepEqual(await mine({ env: fred() }).suites(), real.stdout.trim().split(/\s+/));

    // A custom user without a password: nothing is sent, and the error is ecflow_client's words.
    const noPassword = await a.real(['--suites'], { env: { ECF_USER: 'fred' } });
    assert.equal(noPassword.code, 1);
    await assert.rejects(mine({ user: 'fred' }).suites(), (e: unknown) => e instanceof EcflowError && e.code === ErrorCode.AUTH && e.message === noPassword.stderr.trim());
  });

  it('--reloadpasswdfile and --reloadcustompasswdfile after the files changed, and when they are gone', async () => {
    t.writeAuth({ passwords: { [LOGIN]: 'secret2' }, customPasswords: { fred: 'fredpw2' } });
    const admin2 = { ECF_PASSWD: files.admin2 };
    const fred2 = { ECF_USER: 'fred', ECF_CUSTOM_PASSWD: files.custom2 };
    // The states are read as the login user, whose password changes half way.
    await assertParity(
      t.a,
      t.b,
      [
        { args: ['--suites'], env: admin },
        { args: ['--suites'], env: fred() },
        { args: ['--reloadcustompasswdfile'], env: fred() },
        { args: ['--suites'], env: fred() },
        { args: ['--suites'], env: fred2 },
        { args: ['--reloadpasswdfile'], env: admin2, state: false },
        { args: ['--reloadpasswdfile'], env: admin, state: false },
      ],
      { stateEnv: admin },
    );
    await assertParity(
      t.a,
      t.b,
      [
        { args: ['--suites'], env: admin },
        { args: ['--suites'], env: admin2 },
      ],
      { stateEnv: admin2 },
    );
    t.writeAuth({ passwords: null, customPasswords: null });
    await assertParity(
      t.a,
      t.b,
      [
        { args: ['--reloadpasswdfile'], env: admin2 },
        { args: ['--reloadcustompasswdfile'], env: admin2 },
        // The passwords loaded stay in force.
        { args: ['--suites'], env: admin },
        { args: ['--suites'], env: fred2 },
      ],
      { stateEnv: admin2 },
    );
    // The whole exchange did what it says: the new password replaced the old one.
    assert.equal((await t.a.real(['--suites'], { env: admin })).code, 1);
    assert.equal((await t.a.real(['--suites'], { env: admin2 })).code, 0);
  });
});

describe('authorisation: the white list (ECF_LISTS)', { skip }, () => {
  // fred may write /s1 only (and read it); reader may read everything; bob is not listed.
  const WHITE_LIST = [LOGIN, 'fred /s1', '-reader'];
  const t = twins({ passwords: { [LOGIN]: 'secret1' }, customPasswords: { fred: 'fredpw', reader: 'readpw', bob: 'bobpw' }, whiteList: WHITE_LIST });
  let admin: Record<string, string>;
  let custom: string;
  before(async () => {
    admin = { ECF_PASSWD: t.file('admin.passwd', { [LOGIN]: 'secret1' }) };
    custom = t.file('custom.passwd', { fred: 'fredpw', reader: 'readpw', bob: 'bobpw' });
    for (const server of [t.a, t.b]) {
      const loaded = await server.real([`--load=${path.join(t.dir, 'suites.def')}`], { env: admin });
      assert.equal(loaded.code, 0, loaded.stderr);
    }
  });
  const as = (user: string) => ({ ECF_USER: user, ECF_CUSTOM_PASSWD: custom });
  /** What each user tries: reads and writes, inside and outside fred's /s1. */
  const tries = (user: string): Row[] => [
    { args: ['--ping'], normalize: pingTime },
    { args: ['--suites'] },
    { args: ['--get'] },
    { args: ['--get=/s1'] },
    { args: ['--get=/s1/f'] },
    { args: ['--get=/s2'] },
    { args: ['--get_state=/s1'] },
    { args: ['--migrate=/s1'] },
    { args: ['--query=state', '/s1'] },
    { args: ['--news'] },
    { args: ['--suspend=/s1'] },
    { args: ['--suspend=/s2'] },
    { args: ['--resume', '/s1', '/s2'] },
    { args: ['--resume=/s1'] },
    { args: ['--alter', 'add', 'variable', `BY_${user}`, '1', '/s1'] },
    { args: ['--alter', 'add', 'variable', `BY_${user}`, '1', '/s2'] },
    { args: ['--alter', 'change', 'label', 'info', user, '/s1/f/t'] },
    { args: [`--load=${path.join(t.dir, 'suites.def')}`] },
    { args: ['--replace=/s1', path.join(t.dir, 'suites.def')] },
    { args: ['--delete=force', 'yes', '/s2'] },
    { args: ['--group=get=/s1; show'] },
    { args: ['--group=suspend=/s1; get=/s2'] },
    { args: ['--show'] },
    { args: ['--reloadwsfile'] },
  ].map((row) => ({ ...row, env: as(user) }));

  it('the white list is in force: a reader reads and may not write, fred writes only in /s1', async () => {
    const { a, b } = t;
    // Run on both servers, which must stay alike.
    const codes = async (user: string, ...args: string[]) => {
      const [x, y] = await Promise.all([a.real(args, { env: as(user) }), b.real(args, { env: as(user) })]);
      assert.equal(x.code, y.code);
      return x.code;
    };
    assert.equal(await codes('reader', '--get=/s1'), 0);
    assert.equal(await codes('reader', '--alter', 'add', 'variable', 'PROBE', '1', '/s1'), 1);
    assert.equal(await codes('fred', '--alter', 'add', 'variable', 'PROBE', '1', '/s1'), 0);
    assert.equal(await codes('fred', '--alter', 'add', 'variable', 'PROBE', '1', '/s2'), 1);
    assert.equal(await codes('bob', '--get=/s1'), 1);
    // 5.15's authorisation asks for `/` itself, which a user limited to /s1 may not read.
    assert.equal(await codes('fred', '--suites'), since(TEST_VERSION, 'authorisationLayer') ? 1 : 0);
    const refusal = serverReply(await a.real(['--alter', 'add', 'variable', 'PROBE', '1', '/s1'], { env: as('reader') }));
    assert.match(refusal, since(TEST_VERSION, 'authorisationLayer') ? /^Command not accepted, due to: Authorisation \(user\) failed/ : /has no \*write\* access/);
    for (const server of [a, b]) {
      const done = await server.real(['--alter', 'delete', 'variable', 'PROBE', '/s1'], { env: admin });
      assert.equal(done.code, 0, done.stderr);
    }
  });

  it('a read-only user, a user limited to /s1 and an unlisted user: the same on both', async () => {
    await assertParity(t.a, t.b, [...tries('reader'), ...tries('fred'), ...tries('bob')], { stateEnv: admin });
  });

  it('--reloadwsfile: a new list is in force; a list that is gone or does not parse is refused', async () => {
    // `*` lines: every user may read; reader may now write; fred is no longer listed.
    t.writeAuth({ whiteList: [LOGIN, 'reader', '-*'] });
    const rows: Row[] = [
      { args: ['--suspend=/s2'], env: as('reader') },
      { args: ['--reloadwsfile'], env: as('reader') },
      { args: ['--reloadwsfile'], env: admin },
      { args: ['--suspend=/s2'], env: as('reader') },
      { args: ['--resume=/s2'], env: as('reader') },
      { args: ['--suites'], env: as('bob') },
      { args: ['--get=/s1'], env: as('bob') },
      { args: ['--suspend=/s1'], env: as('bob') },
      { args: ['--suspend=/s1'], env: as('fred') },
      { args: ['--suites'], env: as('fred') },
    ];
    await assertParity(t.a, t.b, rows, { stateEnv: admin });
    // What bob may do after each failed reload is the server's to say (a list that does not parse
    // is cleared as it is read).
    const bob: Row[] = [
      { args: ['--suites'], env: as('bob') },
      { args: ['--suspend=/s1'], env: as('bob') },
      { args: ['--resume=/s1'], env: admin },
    ];
    for (const server of [t.a, t.b]) fs.writeFileSync(server.auth!.whiteList, 'no version line\nfred\n');
    await assertParity(t.a, t.b, [{ args: ['--reloadwsfile'], env: admin }, ...bob], { stateEnv: admin });
    t.writeAuth({ whiteList: null });
    await assertParity(t.a, t.b, [{ args: ['--reloadwsfile'], env: admin }, ...bob], { stateEnv: admin });
  });

  it('child commands go by the jobs password, whoever runs them', async () => {
    const job = { ECF_NAME: '/s1/f/t', ECF_PASS: 'FREE', ECF_RID: '4242', ECF_TRYNO: '1' };
    const rows: Row[] = [
      { args: ['--restart'], env: admin },
      // A task whose ECF_PASS is FREE takes any jobs password.
      { args: ['--alter', 'add', 'variable', 'ECF_PASS', 'FREE', '/s1/f/t'], env: admin },
      { args: ['--init=4242'], env: job },
      { args: ['--label=info', 'started'], env: { ...job, ECF_USER: 'bob' } },
      { args: ['--event=e'], env: { ...job, ECF_USER: 'nobody' } },
      { args: ['--meter=m', '5'], env: { ...job, ...as('reader') } },
      { args: ['--complete'], env: { ...job, ...as('fred') } },
    ];
    await assertParity(t.a, t.b, rows, { stateEnv: admin });
    const state = await t.a.real(['--get_state=/s1/f/t'], { env: admin });
    assert.match(state.stdout, /task t # .*state:complete/);
    assert.match(state.stdout, /label info "" # "started"/);
  });

  it('our Client is refused in the words the real client prints, and allowed what it allows', async () => {
    // The list the describe started with, again (the tests before changed it).
    t.writeAuth({ whiteList: WHITE_LIST });
    const { a } = t;
    const reloaded = await a.real(['--reloadwsfile'], { env: admin });
    assert.equal(reloaded.code, 0, reloaded.stderr);
    const mine = (user: string) => a.client({ connectionAttempts: 1, user, env: { ECF_CUSTOM_PASSWD: custom } });
    const real = (user: string, ...args: string[]) => a.real(args, { env: as(user) });
    await refusedAlike(() => mine('reader').suspend('/s1'), await real('reader', '--suspend=/s1'));
    await refusedAlike(() => mine('reader').load(DEFS, { force: true }), await real('reader', `--load=${path.join(t.dir, 'suites.def')}`, 'force'));
    await refusedAlike(() => mine('reader').reloadWhiteListFile(), await real('reader', '--reloadwsfile'));
    await refusedAlike(() => mine('fred').suspend(['/s1', '/s2']), await real('fred', '--suspend', '/s1', '/s2'));
    await refusedAlike(() => mine('fred').alter('/s2', { op: 'add', attr: 'variable', name: 'X', value: '1' }), await real('fred', '--alter', 'add', 'variable', 'X', '1', '/s2'));
    await refusedAlike(() => mine('fred').load(DEFS, { force: true }), await real('fred', `--load=${path.join(t.dir, 'suites.def')}`, 'force'));
    await refusedAlike(() => mine('bob').suites(), await real('bob', '--suites'));
    await refusedAlike(() => mine('bob').group('get=/s1'), await real('bob', '--group=get=/s1'));

    // What the real client may do, ours may do: fred's writes to /s1, a node of /s1 printed.
    assert.equal((await real('fred', '--suspend=/s1')).code, 0);
    await mine('fred').resume('/s1');
    const printed = await real('fred', '--group=get=/s1');
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal((await mine('fred').group('get=/s1')).output, printed.stdout);
    const replaced = await real('fred', '--replace=/s1', path.join(t.dir, 'suites.def'));
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.equal((await mine('fred').replace('/s1', DEFS)).defs.suites.length, 2);
  });
});
