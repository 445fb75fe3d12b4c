/**
 * Password authentication against a real ecflow_server that has a password file (ECF_PASSWD) and
 * a custom password file (ECF_CUSTOM_PASSWD): refused without a password, accepted with it, the
 * same for the real ecflow_client and for us.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCode, ServerError } from '../../packages/ecflow-ts/src/index.js';
import { ecfEnv, haveEcflow, run, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { ours } from '../helpers/our-cli.js';

const login = os.userInfo().username;
/** How the server words a refused password: "authentication failed" (5.9), "Authentication (user command) failed" (5.17). */
const AUTHENTICATION_FAILED = /authentication (\(user command\) )?failed/i;
const host = os.hostname();

describe('password authentication', { skip: !haveEcflow && `ecFlow ${TEST_VERSION} is not installed` }, () => {
  let server: TestServer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-auth-'));
  const passwd = path.join(dir, 'server.passwd');
  const custom = path.join(dir, 'server.custom_passwd');
  const clientPasswd = path.join(dir, 'client.passwd');
  const clientCustom = path.join(dir, 'client.custom_passwd');

  before(async () => {
    // The server reads the files at start-up; it needs entries for its own host and port, which
    // are only known once the launcher picked a port: so write them for every port it may pick.
    server = await startServer({
      env: { ECF_PASSWD: passwd, ECF_CUSTOM_PASSWD: custom },
      beforeStart: (port) => {
        fs.writeFileSync(passwd, `4.5.0\n${login} ${host} ${port} secret1\n${login} localhost ${port} secret1\n`);
        fs.writeFileSync(custom, `4.5.0\nfred ${host} ${port} fredpw\nfred localhost ${port} fredpw\n`);
        fs.writeFileSync(clientPasswd, `4.5.0\n${login} localhost ${port} secret1\n`);
        fs.writeFileSync(clientCustom, `4.5.0\nfred localhost ${port} fredpw\n`);
      },
      probe: { password: 'secret1' },
    });
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a login user without a password, as it refuses the real client', async () => {
    const real = await run(server.ecflowClient, ['--suites'], ecfEnv(server.port));
    assert.equal(real.code, 1);
    assert.match(real.stderr, AUTHENTICATION_FAILED);
    await assert.rejects(server.client().suites(), (e: unknown) => e instanceof ServerError && e.code === ErrorCode.SERVER && AUTHENTICATION_FAILED.test(e.message));
    const mine = await ours(['--suites'], ecfEnv(server.port));
    assert.equal(mine.code, 1);
    assert.equal(mine.stderr, real.stderr);
  });

  it('accepts the password from ECF_PASSWD (both clients) and from the password option', async () => {
    const env = ecfEnv(server.port, { ECF_PASSWD: clientPasswd });
    const real = await run(server.ecflowClient, ['--suites'], env);
    assert.equal(real.code, 0, real.stderr);
    const mine = await ours(['--suites'], env);
    assert.deepEqual(mine, real);
    assert.deepEqual(await server.client({ password: 'secret1' }).suites(), []);
    await assert.rejects(server.client({ password: 'wrong' }).suites(), AUTHENTICATION_FAILED);
  });

  it('custom users need ECF_CUSTOM_PASSWD; without a password neither client sends anything', async () => {
    const withFile = ecfEnv(server.port, { ECF_USER: 'fred', ECF_CUSTOM_PASSWD: clientCustom });
    const real = await run(server.ecflowClient, ['--suites'], withFile);
    assert.equal(real.code, 0, real.stderr);
    assert.deepEqual(await ours(['--suites'], withFile), real);

    const without = ecfEnv(server.port, { ECF_USER: 'fred' });
    const realRefused = await run(server.ecflowClient, ['--suites'], without);
    const mineRefused = await ours(['--suites'], without);
    assert.equal(realRefused.code, 1);
    assert.deepEqual(mineRefused, realRefused);
    assert.deepEqual(await server.client({ user: 'fred', password: 'fredpw' }).suites(), []);
  });
});
