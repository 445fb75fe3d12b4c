/**
 * Option resolution (src/client/client-environment.ts): host/port precedence, ECF_HOSTFILE parsing and the
 * ECF_TIMEOUT clamp. Where ecflow_client has the same rule, its `--debug` dump is the oracle.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { clampTimeout, type Env, readHostFile, resolveAddress } from '../../packages/ecflow-ts/src/client/client-environment.js';
import { ArgumentError, ErrorCode } from '../../packages/ecflow-ts/src/errors.js';
import { haveEcflow, run } from '../helpers/ecflow-server.js';

interface Row {
  options: { host?: string; port?: number | string };
  env: Env;
  host: string;
  port: string;
}

const rows: Row[] = [
  { options: {}, env: {}, host: 'localhost', port: '3141' },
  { options: {}, env: { ECF_HOST: 'h-env' }, host: 'h-env', port: '3141' },
  { options: {}, env: { ECF_PORT: '4001' }, host: 'localhost', port: '4001' },
  { options: {}, env: { ECF_HOST: 'h-env', ECF_PORT: '4001' }, host: 'h-env', port: '4001' },
  { options: {}, env: { ECF_NODE: 'n-env' }, host: 'n-env', port: '3141' },
  { options: {}, env: { ECF_HOST: 'h-env', ECF_NODE: 'n-env' }, host: 'h-env', port: '3141' },
  { options: {}, env: { ECF_HOST: '', ECF_PORT: '' }, host: 'localhost', port: '3141' },
  { options: {}, env: { ECF_HOST: '', ECF_NODE: 'n-env' }, host: 'n-env', port: '3141' },
  { options: { host: 'h-opt' }, env: { ECF_HOST: 'h-env', ECF_NODE: 'n-env', ECF_PORT: '4001' }, host: 'h-opt', port: '4001' },
  { options: { port: 5001 }, env: { ECF_HOST: 'h-env', ECF_PORT: '4001' }, host: 'h-env', port: '5001' },
  { options: { port: '5001' }, env: { ECF_NODE: 'n-env', ECF_PORT: '4001' }, host: 'n-env', port: '5001' },
  { options: { host: 'h-opt', port: 5001 }, env: { ECF_HOST: 'h-env', ECF_PORT: '4001' }, host: 'h-opt', port: '5001' },
  { options: { host: 'h-opt' }, env: {}, host: 'h-opt', port: '3141' },
  { options: { port: 5001 }, env: {}, host: 'localhost', port: '5001' },
  { options: { host: '', port: '' }, env: { ECF_HOST: 'h-env', ECF_PORT: '4001' }, host: 'h-env', port: '4001' },
];

describe('resolveAddress: explicit > ECF_HOST > ECF_NODE > localhost; explicit > ECF_PORT > 3141', () => {
  for (const row of rows) {
    it(`${JSON.stringify(row.options)} with ${JSON.stringify(row.env)} → ${row.host}:${row.port}`, () => {
      assert.deepEqual(resolveAddress(row.options, row.env), { host: row.host, port: row.port });
    });
  }

  for (const port of ['abc', '3.5', '12x', '0x10']) {
    it(`a non-integer port ${JSON.stringify(port)} (option or ECF_PORT) is an ArgumentError naming it`, () => {
      for (const [options, env] of [
        [{ port }, {}],
        [{}, { ECF_PORT: port }],
      ] as const) {
        assert.throws(
          () => resolveAddress(options, env),
          (e: unknown) => e instanceof ArgumentError && e.code === ErrorCode.ARGUMENT && e.message.includes(`port(${port})`),
        );
      }
    });
  }

  it('an explicit integer port beats a bad ECF_PORT', () => {
    assert.deepEqual(resolveAddress({ port: 4242 }, { ECF_PORT: 'junk' }), { host: 'localhost', port: '4242' });
  });
});

/**
 * ecflow_client ignores ECF_NODE, and takes an empty ECF_PORT literally (then fails to connect to
 * port ""); we read ECF_NODE on purpose and treat empty as unset, so those rows are not compared.
 */
describe('resolveAddress agrees with ecflow_client --debug', { skip: haveEcflow ? false : 'ecflow_client not installed' }, () => {
  for (const row of rows.filter((r) => r.env.ECF_NODE === undefined && !Object.values(r.env).includes(''))) {
    it(`${JSON.stringify(row.options)} with ${JSON.stringify(row.env)}`, async () => {
      const args = ['--debug'];
      if (row.options.host) args.push(`--host=${row.options.host}`);
      if (row.options.port !== undefined && row.options.port !== '') args.push(`--port=${row.options.port}`);
      const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
      for (const [k, v] of Object.entries(row.env)) if (v !== undefined) env[k] = v;
      const real = await run('/usr/bin/ecflow_client', args, env);
      const dumped = /host_vec_\.size\(\) = \d+\n\s+(\S+):(\S+)/.exec(real.stdout);
      assert.ok(dumped, real.stdout + real.stderr);
      const ours = resolveAddress(row.options, row.env);
      assert.deepEqual({ host: ours.host, port: ours.port }, { host: dumped[1], port: dumped[2] });
    });
  }
});

describe('readHostFile (ECF_HOSTFILE)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-hostfile-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const main = { host: 'main-host', port: '3199' };

  it('keeps the main host first; one host or host:port a line; comments, blanks and extra tokens ignored', () => {
    const file = path.join(dir, 'hosts');
    fs.writeFileSync(
      file,
      ['# a comment', '', 'alpha', '   beta:4000   ', '\tgamma extra tokens here', '  # indented comment', 'delta:4001 # trailing', '   ', 'epsilon'].join('\n'),
    );
    assert.deepEqual(readHostFile(file, main), [
      main,
      { host: 'alpha', port: '3199' },
      { host: 'beta', port: '4000' },
      { host: 'gamma', port: '3199' },
      { host: 'delta', port: '4001' },
      { host: 'epsilon', port: '3199' },
    ]);
  });

  it('handles CRLF line ends and an empty file', () => {
    const crlf = path.join(dir, 'crlf');
    fs.writeFileSync(crlf, 'one\r\ntwo:12\r\n');
    assert.deepEqual(readHostFile(crlf, main), [main, { host: 'one', port: '3199' }, { host: 'two', port: '12' }]);
    const empty = path.join(dir, 'empty');
    fs.writeFileSync(empty, '');
    assert.deepEqual(readHostFile(empty, main), [main]);
  });

  it('a missing file is an ArgumentError naming the file', () => {
    const missing = path.join(dir, 'no-such-file');
    assert.throws(
      () => readHostFile(missing, main),
      (e: unknown) => e instanceof ArgumentError && e.message.includes(missing),
    );
  });
});

describe('clampTimeout (ECF_TIMEOUT / ECF_ZOMBIE_TIMEOUT: atoi, then [600, 86400])', () => {
  const cases: [string | number | undefined, number, number][] = [
    [undefined, 86400, 86400],
    [undefined, 43200, 43200],
    [undefined, 10, 600],
    ['0', 86400, 600],
    ['100', 86400, 600],
    ['600', 86400, 600],
    ['601', 86400, 601],
    ['7200', 86400, 7200],
    ['86400', 86400, 86400],
    ['86401', 86400, 86400],
    ['1000000', 86400, 86400],
    ['abc', 86400, 600],
    ['', 86400, 600],
    ['-5', 86400, 600],
    ['900xyz', 86400, 900],
    [1234, 86400, 1234],
    [5, 86400, 600],
    [99999, 86400, 86400],
  ];
  for (const [value, fallback, expected] of cases) {
    it(`${JSON.stringify(value)} (default ${fallback}) → ${expected}`, () => {
      assert.equal(clampTimeout(value, fallback), expected);
    });
  }
});
