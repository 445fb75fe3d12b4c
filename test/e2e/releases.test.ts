/// <reference lib="dom" />
/**
 * What ecFlow 5.13-5.17 servers add, seen through the watchman: date-time repeats (5.13.6+ in
 * JSON; datetimelist 5.17), avisos and mirrors (5.13+) in the HTTP API's node details, kept
 * current by the incremental sync (the real ecflow_client alters them), and shown in the
 * dashboard's node panel in a real browser (Debian's chromium, when there is one). The avisos and
 * mirrors name a closed loopback port and the suite is never begun, so the server polls nothing.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { since } from '../../packages/ecflow-ts/src/versions.js';
import { TEST_VERSION } from '../helpers/ecflow-builds.js';
import { until } from '../helpers/until.js';
import { skipReason, startStack, type Stack } from '../watchman-api/stack.js';

const CHROMIUM = '/usr/bin/chromium';
const DATETIME = since(TEST_VERSION, 'repeatDateTimeJson');
const DATETIMELIST = since(TEST_VERSION, 'repeatDateTimeList');
const AVISO_MIRROR = since(TEST_VERSION, 'avisoMirror');
const LISTENER = `'{ "event": "dissemination", "request": { "destination": "COM" } }'`;
const DEAD_PORT = 1;

const SUITE = [
  'suite rel',
  '  family f',
  '    task dt',
  '      repeat datetime DT 20240101T000000 20240103T000000 12',
  ...(DATETIMELIST ? ['    task dl', '      repeat datetimelist DL "20240101T000000" "20240101T120000" "20240102T000000"'] : []),
  '    task av',
  `      aviso --name A --listener ${LISTENER} --url http://127.0.0.1:${DEAD_PORT} --polling 60`,
  '    task mi',
  `      mirror --name M --remote_path /x/y --remote_host 127.0.0.1 --remote_port ${DEAD_PORT} --polling 60`,
  '  endfamily',
  'endsuite',
  '',
].join('\n');

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies
type Json = any;

const skip = skipReason || (!(DATETIME && AVISO_MIRROR) && `ecFlow ${TEST_VERSION} has no date-time repeats, avisos or mirrors in JSON`);

describe(`the watchman shows ${TEST_VERSION}'s date-time repeats, avisos and mirrors`, { skip, timeout: 90_000 }, () => {
  let stack: Stack;
  const node = async (path: string): Promise<Json> => {
    const res = await fetch(`${stack.base}/api/v1/servers/ops/main/nodes${path}`);
    assert.equal(res.status, 200, path);
    return res.json();
  };
  before(async () => {
    stack = await startStack({ suite: SUITE });
    await stack.scraped();
  });
  after(async () => {
    await stack?.stop();
  });

  it('the API gives each node its repeat, avisos and mirrors', async () => {
    const dt = await node('/rel/f/dt');
    assert.deepEqual({ kind: dt.repeat.kind, name: dt.repeat.name, value: dt.repeat.value }, { kind: 'datetime', name: 'DT', value: '20240101T000000' });
    if (DATETIMELIST) assert.deepEqual((await node('/rel/f/dl')).repeat, { kind: 'datetimelist', name: 'DL', value: '20240101T000000', index: 0 });
    const av = await node('/rel/f/av');
    assert.deepEqual(av.avisos, [{ name: 'A', listener: LISTENER, url: `http://127.0.0.1:${DEAD_PORT}`, revision: 0, reason: '' }]);
    const mi = await node('/rel/f/mi');
    assert.deepEqual(mi.mirrors, [{ name: 'M', remotePath: '/x/y', remoteHost: '127.0.0.1', remotePort: String(DEAD_PORT), reason: '' }]);
    assert.equal(dt.avisos, undefined, 'no avisos on a node without');
  });

  it('follows what ecflow_client changes, through the incremental sync', async () => {
    for (const args of [
      ['--alter', 'change', 'repeat', '20240102T000000', '/rel/f/dt'],
      ['--alter', 'delete', 'mirror', 'M', '/rel/f/mi'],
      ['--alter', 'add', 'mirror', 'N', `--remote_path /a/b --remote_host 127.0.0.1 --remote_port ${DEAD_PORT} --polling 60`, '/rel/f/mi'],
    ]) {
      const r = await stack.ecflow.real(args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    }
    await until('the watchman to see the changes', async () => {
      const [dt, mi] = await Promise.all([node('/rel/f/dt'), node('/rel/f/mi')]);
      return dt.repeat.value === '20240102T000000' && mi.mirrors?.length === 1 && mi.mirrors[0].name === 'N';
    });
    assert.equal((await node('/rel/f/mi')).mirrors[0].remotePath, '/a/b');
  });

  it('the dashboard shows them in the node panel', { skip: !fs.existsSync(CHROMIUM) && `${CHROMIUM} missing` }, async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
      await page.goto(stack.base + '/');
      const row = (p: string) => page.locator(`#tree .row[data-path="${p}"]`);
      await row('/rel').waitFor();
      await page.locator('#tree .row[data-path="/rel"] [data-role=toggle]').click();
      await page.locator('#tree .row[data-path="/rel/f"] [data-role=toggle]').click();
      const panel = page.locator('#panel');
      await row('/rel/f/av').locator('.name').click();
      await panel.getByText('Avisos').waitFor();
      await panel.getByText(`${LISTENER} (revision 0)`).waitFor();
      await row('/rel/f/mi').locator('.name').click();
      await panel.getByText('Mirrors').waitFor();
      await panel.getByText(`127.0.0.1:${DEAD_PORT} /a/b`).waitFor();
      await row('/rel/f/dt').locator('.name').click();
      await panel.getByText('repeat datetime').waitFor();
      await panel.getByText('DT = 20240102T000000').waitFor();
    } finally {
      await browser?.close();
    }
  });
});
