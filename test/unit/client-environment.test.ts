/**
 * ClientEnvironment (src/client/client-environment.ts): each setting's chain, explicit value →
 * `ECF_*` variable → default; and it is the only module that reads an `ECF_*` variable.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ClientEnvironment, loginName } from '../../packages/ecflow-ts/src/client/client-environment.js';

// Both packages' sources: the library's and the watchman's.
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages');

describe('ClientEnvironment', () => {
  it('child identity: explicit → ECF_NAME / ECF_PASS / ECF_RID / ECF_TRYNO → defaults', () => {
    const none = new ClientEnvironment({});
    assert.deepEqual([none.taskPath(), none.jobsPassword(), none.rid(), none.tryNo()], ['', '', '', 1]);
    const set = new ClientEnvironment({ ECF_NAME: '/s/t', ECF_PASS: 'pw', ECF_RID: '42', ECF_TRYNO: '3' });
    assert.deepEqual([set.taskPath(), set.jobsPassword(), set.rid(), set.tryNo()], ['/s/t', 'pw', '42', 3]);
    assert.deepEqual([set.taskPath('/x'), set.jobsPassword('p2'), set.rid('7'), set.tryNo(5)], ['/x', 'p2', '7', 5]);
    // atoi: not a number is 0, as ecflow_client's --debug shows it.
    assert.equal(new ClientEnvironment({ ECF_TRYNO: 'x' }).tryNo(), 0);
  });

  it('child retries: ECF_TIMEOUT and ECF_ZOMBIE_TIMEOUT clamped to [600, 86400], ECF_HOSTFILE, ECF_DENIED set', () => {
    assert.deepEqual(new ClientEnvironment({}).child(), { timeout: 86400, zombieTimeout: 43200, hostFile: undefined, denied: false });
    assert.deepEqual(new ClientEnvironment({ ECF_TIMEOUT: '5', ECF_ZOMBIE_TIMEOUT: '999999', ECF_HOSTFILE: '/h', ECF_DENIED: '' }).child(), {
      timeout: 600,
      zombieTimeout: 86400,
      hostFile: '/h',
      denied: true,
    });
    assert.deepEqual(new ClientEnvironment({ ECF_TIMEOUT: '5', ECF_DENIED: '1' }).child({ timeout: 700, denied: false, hostFile: '/o' }), {
      timeout: 700,
      zombieTimeout: 43200,
      hostFile: '/o',
      denied: false,
    });
  });

  it('user: explicit → ECF_USER (a custom user) → the login name', () => {
    assert.deepEqual(new ClientEnvironment({}).user(), { user: loginName(), customUser: false });
    assert.deepEqual(new ClientEnvironment({ ECF_USER: '' }).user(), { user: loginName(), customUser: false });
    assert.deepEqual(new ClientEnvironment({ ECF_USER: 'env-u' }).user(), { user: 'env-u', customUser: true });
    assert.deepEqual(new ClientEnvironment({ ECF_USER: 'env-u' }).user('opt-u'), { user: 'opt-u', customUser: true });
  });

  it('password file: ECF_CUSTOM_PASSWD for a custom user, ECF_PASSWD for the login user', () => {
    const e = new ClientEnvironment({ ECF_CUSTOM_PASSWD: '/c', ECF_PASSWD: '/p' });
    assert.deepEqual(e.passwordFile(true), { variable: 'ECF_CUSTOM_PASSWD', file: '/c' });
    assert.deepEqual(e.passwordFile(false), { variable: 'ECF_PASSWD', file: '/p' });
  });

  it('phase timeout: a positive ECF_CONNECT_TIMEOUT (seconds) overrides the command timeout', () => {
    assert.equal(new ClientEnvironment({}).phaseTimeout(60_000), 60_000);
    assert.equal(new ClientEnvironment({ ECF_CONNECT_TIMEOUT: '0' }).phaseTimeout(60_000), 60_000);
    assert.equal(new ClientEnvironment({ ECF_CONNECT_TIMEOUT: 'x' }).phaseTimeout(60_000), 60_000);
    assert.equal(new ClientEnvironment({ ECF_CONNECT_TIMEOUT: '7' }).phaseTimeout(60_000), 7000);
  });

  it('variables(): what ClientEnvironment::toString prints', () => {
    const v = new ClientEnvironment({ ECF_NAME: '/s/t', ECF_HOSTFILE_POLICY: 'all', ECF_CONNECT_TIMEOUT: '9', NO_ECF: '', ECF_DEBUG_CLIENT: '1' }).variables();
    assert.deepEqual(v, {
      ECF_NAME: '/s/t',
      ECF_PASS: '',
      ECF_RID: '',
      ECF_TRYNO: 1,
      ECF_HOSTFILE: '',
      ECF_HOSTFILE_POLICY: 'all',
      ECF_TIMEOUT: 86400,
      ECF_ZOMBIE_TIMEOUT: 43200,
      ECF_CONNECT_TIMEOUT: 9,
      ECF_DENIED: 0,
      NO_ECF: 1,
      ECF_DEBUG_CLIENT: 1,
      ECF_SSL: '1',
    });
  });

  it('protocol: explicit → --ssl / ECF_SSL (TLS first, as ClientInvoker asks ssl() first) → --http/--https → ECF_HOST_PROTOCOL → tcp', () => {
    const p = (env: Record<string, string>, explicit: Parameters<ClientEnvironment['protocol']>[0] = {}) => new ClientEnvironment(env).protocol(explicit);
    assert.equal(p({}), 'tcp');
    // Enumerate<Protocol>::to_enum: exact names; anything else (lower case included) is PLAIN.
    assert.deepEqual(['HTTP', 'HTTPS', 'PLAIN', 'http', 'Https', 'bogus', ''].map((v) => p({ ECF_HOST_PROTOCOL: v })), ['http', 'https', 'tcp', 'tcp', 'tcp', 'tcp', 'tcp']);
    // SSL names the protocol but enables no TLS: plain TCP.
    assert.equal(p({ ECF_HOST_PROTOCOL: 'SSL' }), 'tcp');
    // --http/--https over ECF_HOST_PROTOCOL; TLS over both.
    assert.equal(p({ ECF_HOST_PROTOCOL: 'HTTPS' }, { http: 'http' }), 'http');
    assert.equal(p({ ECF_HOST_PROTOCOL: 'HTTP' }, { http: 'https' }), 'https');
    assert.equal(p({ ECF_SSL: '1', ECF_HOST_PROTOCOL: 'HTTP' }), 'ssl');
    assert.equal(p({ ECF_SSL: '' }, { http: 'http' }), 'ssl');
    assert.equal(p({}, { ssl: true, http: 'https' }), 'ssl');
    assert.equal(p({ ECF_HOST_PROTOCOL: 'HTTP' }, { ssl: 'host.3141' }), 'ssl');
    // ssl: false is disable_ssl: plain, whatever ECF_SSL and ECF_HOST_PROTOCOL say.
    assert.equal(p({ ECF_SSL: '1', ECF_HOST_PROTOCOL: 'HTTP' }, { ssl: false }), 'tcp');
    // An explicit protocol decides alone, over the environment.
    assert.equal(p({ ECF_SSL: '1' }, { protocol: 'http' }), 'http');
    assert.equal(p({ ECF_HOST_PROTOCOL: 'HTTP' }, { protocol: 'tcp' }), 'tcp');
    assert.equal(p({}, { protocol: 'ssl', ssl: { ca: 'x' } }), 'ssl');
    assert.equal(p({}, { protocol: 'https', ssl: false }), 'https');
    assert.throws(() => p({}, { protocol: 'http', ssl: true }), { code: 'ECFLOW_ARGUMENT', message: /contradicts protocol 'http'/ });
    assert.throws(() => p({}, { protocol: 'ssl', ssl: false }), { code: 'ECFLOW_ARGUMENT' });
    assert.throws(() => p({}, { protocol: 'HTTP' as 'http' }), { code: 'ECFLOW_ARGUMENT', message: /protocol must be one of tcp, ssl, http, https/ });
    // ecflow_client before 5.14 has no ECF_HOST_PROTOCOL.
    assert.equal(new ClientEnvironment({ ECF_HOST_PROTOCOL: 'HTTP' }).protocol({}, '5.13.8'), 'tcp');
    assert.equal(new ClientEnvironment({ ECF_HOST_PROTOCOL: 'HTTP' }).protocol({}, '5.14.0'), 'http');
  });

  it('token file: ECF_AUTHTOKENS (made absolute) → $HOME/.ecflowapirc if it exists → ./.ecflowapirc', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-tokens-'));
    try {
      assert.equal(new ClientEnvironment({ ECF_AUTHTOKENS: 'rel/t.json', HOME: home }).tokenFile('/work/x'), '/work/x/rel/t.json');
      assert.equal(new ClientEnvironment({ ECF_AUTHTOKENS: '/abs/t.json' }).tokenFile('/work/x'), '/abs/t.json');
      assert.equal(new ClientEnvironment({ HOME: home }).tokenFile('/work/x'), '/work/x/.ecflowapirc');
      assert.equal(new ClientEnvironment({}).tokenFile('/work/x'), '/work/x/.ecflowapirc');
      fs.writeFileSync(path.join(home, '.ecflowapirc'), '{}');
      assert.equal(new ClientEnvironment({ HOME: home }).tokenFile('/work/x'), path.join(home, '.ecflowapirc'));
      // std::filesystem::absolute("") fails; ecflow_client takes it for a connection error.
      assert.throws(() => new ClientEnvironment({ ECF_AUTHTOKENS: '' }).tokenFile(), { name: 'TokenFileError', message: 'filesystem error: cannot make absolute path: Invalid argument []' });
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('no other module of packages/*/src reads an ECF_ variable from an environment', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'dist' && e.name !== 'node_modules') walk(p);
        }
        else if (p.endsWith('.ts') && !p.endsWith(`${path.sep}client-environment.ts`)) {
          const text = fs.readFileSync(p, 'utf8');
          for (const m of text.matchAll(/\benv\??\.(ECF_\w+|NO_ECF)|\benv\??\[\s*['"`](ECF_\w+)/g)) offenders.push(`${path.relative(src, p)}: ${m[0]}`);
        }
      }
    };
    walk(src);
    assert.deepEqual(offenders, []);
  });
});
