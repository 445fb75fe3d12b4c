import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { desCrypt } from '../../packages/ecflow-ts/src/client/crypt.ts';
import { clientPasswordHash, findPassword, parsePasswdFile } from '../../packages/ecflow-ts/src/client/passwd-file.ts';
import { EcflowError } from '../../packages/ecflow-ts/src/errors.ts';

const GOOD = [
  '# ecFlow password file',
  '',
  '4.5.0   # version',
  'fred  localhost 3141 fredpw',
  '\tfred\tmachine1\t3141\tfredpw2   # a comment',
  'bill localhost 3142 billpw extra tokens are ignored',
  '   # indented comment',
  'root localhost 4000 secret1\r',
  '',
].join('\n');

function parseError(text: string): string {
  try {
    parsePasswdFile(text, 'pw.txt');
  } catch (err) {
    assert.ok(err instanceof EcflowError);
    assert.equal(err.code, 'ECFLOW_ARGUMENT');
    return err.message;
  }
  assert.fail('expected a parse error');
}

describe('parsePasswdFile', () => {
  it('reads users after the version line, skipping comments and blank lines', () => {
    assert.deepEqual(parsePasswdFile(GOOD, 'pw.txt'), [
      { user: 'fred', host: 'localhost', port: '3141', password: 'fredpw', line: 4 },
      { user: 'fred', host: 'machine1', port: '3141', password: 'fredpw2', line: 5 },
      { user: 'bill', host: 'localhost', port: '3142', password: 'billpw', line: 6 },
      { user: 'root', host: 'localhost', port: '4000', password: 'secret1', line: 8 },
    ]);
  });

  it('accepts an empty file, comments only, or a version only', () => {
    assert.deepEqual(parsePasswdFile('', 'f'), []);
    assert.deepEqual(parsePasswdFile('# nothing\n\n   \n', 'f'), []);
    assert.deepEqual(parsePasswdFile('5.9.2 extra\n', 'f'), []);
  });

  it('accepts versions ecFlow accepts', () => {
    for (const v of ['4.5.0', '4.6.0', '4.10.3', '5.0.0', '5.9.2', '4..5.0', '4.5.0.']) {
      assert.deepEqual(parsePasswdFile(`${v}\nu h 1 p\n`, 'f').length, 1, v);
    }
  });

  it('refuses versions ecFlow refuses, naming file and line', () => {
    assert.match(parseError('\n# c\n4.4.0\n'), /^pw\.txt:3: only password files with a version >= 4\.5\.0/);
    assert.match(parseError('3.9.9\n'), /^pw\.txt:1: only password files/);
    // ecFlow's comparison also refuses 4.5.1 .. 4.5.n.
    assert.match(parseError('4.5.1\n'), /^pw\.txt:1: only password files/);
    assert.match(parseError('4.5\n'), /^pw\.txt:1: expected a version of the form <int>\.<int>\.<int>/);
    assert.match(parseError('4.5.0.1\n'), /^pw\.txt:1: expected a version/);
    assert.match(parseError('4.5.x\n'), /^pw\.txt:1: invalid version number '4\.5\.x'/);
    assert.match(parseError('v4.5.0\n'), /^pw\.txt:1: the version number not found/);
    assert.match(parseError('450\n'), /^pw\.txt:1: the version number not found/);
    assert.match(parseError('fred localhost 3141 pw\n4.5.0\n'), /^pw\.txt:1: the version number not found/);
  });

  it('refuses malformed user lines', () => {
    assert.match(parseError('4.5.0\n\nfred localhost 3141\n'), /^pw\.txt:3: expected <user> <host> <port> <password>/);
    assert.match(parseError('4.5.0\nfred localhost 3141 #pw\n'), /^pw\.txt:2: expected <user>/);
    assert.match(parseError('4.5.0\nfred localhost port pw\n'), /^pw\.txt:2: port number must be an integer, found 'port'/);
    assert.match(parseError('4.5.0\nfred localhost 31.41 pw\n'), /port number must be an integer/);
    assert.match(parseError('4.5.0\nfred localhost 99999999999 pw\n'), /port number must be an integer/);
  });

  it('refuses a user listed twice for the same host and port', () => {
    const text = '4.5.0\nfred h 3141 a\nfred h 3142 b\nfred h2 3141 c\n\nfred h 3141 d\n';
    assert.match(parseError(text), /^pw\.txt:6: user fred can only appear once for given host\/port \(first at line 2\)/);
  });
});

describe('findPassword', () => {
  const entries = parsePasswdFile(GOOD, 'pw.txt');

  it('matches user, host and port exactly', () => {
    assert.equal(findPassword(entries, 'fred', 'localhost', '3141', 'machine1'), 'fredpw');
    assert.equal(findPassword(entries, 'fred', 'machine1', 3141, 'other'), 'fredpw2');
    assert.equal(findPassword(entries, 'bill', 'localhost', 3142, 'machine1'), 'billpw');
    assert.equal(findPassword(entries, 'bill', 'localhost', '3141', 'machine1'), undefined);
    assert.equal(findPassword(entries, 'bill', 'localhost', '03142', 'machine1'), undefined);
    assert.equal(findPassword(entries, 'nobody', 'localhost', '3141', 'machine1'), undefined);
    assert.equal(findPassword(entries, 'fred', 'LOCALHOST', '3141', 'machine9'), undefined);
  });

  it("falls back to this machine's host name, and only to that", () => {
    // Server addressed by another name (e.g. an alias) but the file lists the machine's name.
    assert.equal(findPassword(entries, 'fred', 'alias.example', '3141', 'machine1'), 'fredpw2');
    // An entry for localhost does not serve the machine's own name.
    assert.equal(findPassword(entries, 'bill', 'machine1', '3142', 'machine1'), undefined);
  });

  it("defaults the machine's host name to os.hostname()", () => {
    const mine = parsePasswdFile(`4.5.0\nfred ${os.hostname()} 3141 mine\n`, 'f');
    assert.equal(findPassword(mine, 'fred', 'alias.example', '3141'), 'mine');
  });
});

describe('clientPasswordHash', () => {
  const files: Record<string, string> = {
    '/custom': '4.5.0\nfred localhost 3141 fredpw\nfred machine1 4141 other\n',
    '/login': '4.5.0\nroot localhost 4000 secret1\n',
    '/bad': '4.5.0\nroot localhost\n',
  };
  const readFile = (path: string): string => {
    const text = files[path];
    if (text !== undefined) return text;
    if (path === '/denied') throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  };
  const base = { host: 'localhost', port: '3141', readFile, machineHost: 'machine1' };
  const authFailure = (err: unknown) =>
    err instanceof EcflowError &&
    err.code === 'ECFLOW_AUTH' &&
    err.message ===
      'Invalid custom user(ECF_USER || --user <user>) or authentication failed for ECF_CUSTOM_PASSWD | ECF_PASSWD';

  it('hashes an explicit password with the user name as salt, ahead of any file', () => {
    const env = { ECF_CUSTOM_PASSWD: '/custom', ECF_PASSWD: '/login' };
    assert.equal(clientPasswordHash({ ...base, user: 'fred', customUser: true, env, password: 'fredpw' }), 'frrkVfqP8mTwo');
    assert.equal(clientPasswordHash({ ...base, user: 'fred', customUser: true, env, password: 'x' }), desCrypt('x', 'fred'));
    assert.equal(clientPasswordHash({ ...base, user: 'root', customUser: false, env: {}, password: '' }), desCrypt('', 'root'));
  });

  it('sends an explicit hash as it is, ahead of a password and the files', () => {
    const env = { ECF_CUSTOM_PASSWD: '/custom', ECF_PASSWD: '/login' };
    // ecflow_client 5.13+ salts --password with the custom user's name: '' gives crypt's failure token.
    assert.equal(desCrypt('secret1', ''), '*0');
    assert.equal(clientPasswordHash({ ...base, user: 'root', customUser: false, env, password: 'secret1', passwordHash: '*0' }), '*0');
    assert.equal(clientPasswordHash({ ...base, user: 'fred', customUser: true, env: {}, passwordHash: 'frrkVfqP8mTwo' }), 'frrkVfqP8mTwo');
  });

  it('takes a custom user password from $ECF_CUSTOM_PASSWD', () => {
    const env = { ECF_CUSTOM_PASSWD: '/custom', ECF_PASSWD: '/login' };
    assert.equal(clientPasswordHash({ ...base, user: 'fred', customUser: true, env }), 'frrkVfqP8mTwo');
    // Fallback to the machine's host name.
    assert.equal(
      clientPasswordHash({ ...base, host: 'server.example', port: 4141, user: 'fred', customUser: true, env }),
      desCrypt('other', 'fred'),
    );
  });

  it('refuses a custom user without a password', () => {
    const user = { ...base, user: 'fred', customUser: true };
    assert.throws(() => clientPasswordHash({ ...user, env: {} }), authFailure);
    assert.throws(() => clientPasswordHash({ ...user, env: { ECF_CUSTOM_PASSWD: '' } }), authFailure);
    assert.throws(() => clientPasswordHash({ ...user, env: { ECF_CUSTOM_PASSWD: '/missing' } }), authFailure);
    assert.throws(() => clientPasswordHash({ ...user, port: '9999', env: { ECF_CUSTOM_PASSWD: '/custom' } }), authFailure);
    // A custom user does not use $ECF_PASSWD.
    assert.throws(() => clientPasswordHash({ ...user, user: 'root', port: '4000', env: { ECF_PASSWD: '/login' } }), authFailure);
  });

  it('takes the login user password from $ECF_PASSWD, else sends none', () => {
    const login = { ...base, user: 'root', customUser: false, port: '4000' };
    assert.equal(clientPasswordHash({ ...login, env: { ECF_PASSWD: '/login' } }), 'roRzr3yP740GU');
    assert.equal(clientPasswordHash({ ...login, env: { ECF_CUSTOM_PASSWD: '/login' } }), undefined);
    assert.equal(clientPasswordHash({ ...login, env: { ECF_PASSWD: '/missing' } }), undefined);
    assert.equal(clientPasswordHash({ ...login, port: '4001', env: { ECF_PASSWD: '/login' } }), undefined);
    assert.equal(clientPasswordHash({ ...login, env: {} }), undefined);
  });

  it('reports unreadable and malformed files', () => {
    const login = { ...base, user: 'root', customUser: false };
    assert.throws(
      () => clientPasswordHash({ ...login, env: { ECF_PASSWD: '/denied' } }),
      (err: unknown) =>
        err instanceof EcflowError && err.code === 'ECFLOW_ARGUMENT' && /ECF_PASSWD \/denied \(EACCES/.test(err.message),
    );
    assert.throws(
      () => clientPasswordHash({ ...login, env: { ECF_PASSWD: '/bad' } }),
      (err: unknown) => err instanceof EcflowError && /^\/bad:2: expected <user>/.test(err.message),
    );
  });

  it('needs a user name', () => {
    assert.throws(
      () => clientPasswordHash({ ...base, user: '', customUser: false, env: {} }),
      (err: unknown) => err instanceof EcflowError && err.code === 'ECFLOW_ARGUMENT',
    );
  });
});
