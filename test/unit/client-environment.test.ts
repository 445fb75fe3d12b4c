/**
 * ClientEnvironment (src/client/client-environment.ts): each setting's chain, explicit value →
 * `ECF_*` variable → default; and it is the only module that reads an `ECF_*` variable.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
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
