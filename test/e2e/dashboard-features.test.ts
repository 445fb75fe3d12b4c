/// <reference lib="dom" />
/**
 * The dashboard's search, shareable URLs, files, top-down why, dependencies and history in
 * Debian's chromium (headless, playwright-core) against a watchman watching a real ecflow_server
 * whose tasks ran real jobs (test/watchman-api/jobs.ts). Screenshots go to test-output/e2e/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { until } from '../helpers/until.js';
import { type JobsHome, jobsHome } from '../watchman-api/jobs.js';
import { skipReason, startStack, type Stack } from '../watchman-api/stack.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = path.resolve('test-output/e2e');
const skip = skipReason || (fs.existsSync(CHROMIUM) ? false : `${CHROMIUM} missing and could not be installed (apt-get install -y chromium)`);

const row = (p: string) => `#tree .row[data-path="${p}"]`;

describe('dashboard features in chromium', { skip, timeout: 120_000 }, () => {
  let stack: Stack;
  let home: JobsHome;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  const state = (p: string) => stack.watchman.view.servers()[0]!.client.getDefs()?.findAbsNode(p)?.state;
  /**
   * Waits for the node panel to be `p`'s: a row is marked selected at once, its panel rebuilt when
   * the node's reply comes (until then the panel, its buttons and its links are the previous node's).
   */
  const panelShows = async (p: string): Promise<void> => {
    await page.waitForFunction((want) => document.querySelector('#panel code')?.textContent === want, p);
  };

  before(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    home = jobsHome();
    [stack, browser] = await Promise.all([
      startStack({ suite: home.suite, interval: '250ms' }),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] }),
    ]);
    await stack.scraped();
    assert.equal((await stack.ecflow.real(['--begin=jobs'])).code, 0);
    await until('hello active in the mirror', () => state('/jobs/run/hello') === 'active', 30_000);
    home.release();
    await until('the jobs to complete', () => ['hello', 'many', 'after'].every((t) => state(`/jobs/run/${t}`) === 'complete'), 30_000);
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    home?.remove();
  });

  it('a shareable URL opens the page with the node selected and its ancestors expanded', async () => {
    await page.goto(`${stack.base}/#/ops/main/jobs/run/hello`);
    await page.locator(`${row('/jobs/run/hello')}.cur`).waitFor();
    await panelShows('/jobs/run/hello');
    for (const p of ['/jobs', '/jobs/run']) assert.equal(await page.locator(`${row(p)} [data-role=toggle]`).textContent(), '\u25be', `${p} expanded`);
    assert.equal(await page.locator(row('/jobs/x/files')).count(), 0, 'nothing else expanded');
  });

  it('history: when the job went active and complete, with how long it was active', async () => {
    const active = page.locator('#panel-history .hist[data-status=active]');
    await active.waitFor();
    assert.match((await active.textContent()) ?? '', /^active \d\d:\d\d:\d\d \(\d+\.\ds\)$/);
    assert.match((await page.locator('#panel-history .hist').last().textContent()) ?? '', /^complete /);
    await shot('features-1-url-history');
  });

  it('files: the job output and the job file as ecflow_client --file prints them, the password redacted', async () => {
    await page.locator('#panel-files button[data-file=jobout]').click();
    const pre = page.locator('#file-view pre[data-file=jobout]');
    await pre.waitFor();
    const real = (await stack.ecflow.real(['--file=/jobs/run/hello', 'jobout'])).stdout;
    const password = /ECF_PASS=(\S+)/.exec(real)?.[1];
    assert.ok(password, 'the real output has the password');
    const shown = (await pre.textContent()) ?? '';
    assert.equal(shown.trimEnd(), real.replaceAll(`ECF_PASS=${password}`, 'ECF_PASS=<redacted>').trimEnd());
    assert.ok(!shown.includes(password));
    await page.locator('#panel-files button[data-file=job]').click();
    const job = page.locator('#file-view pre[data-file=job]');
    await job.waitFor();
    assert.match((await job.textContent()) ?? '', /ECF_PASS=<redacted> ECF_TRYNO=1/);
    assert.equal(await page.locator('#file-view .file-cut').count(), 0);
    await shot('features-2-job-file');
  });

  it('files: a 10050-line output is shown cut, and the page says so', async () => {
    // a new hash on the open page (hashchange), not a new page
    await page.goto(`${stack.base}/#/ops/main/jobs/run/many`);
    await page.locator(`${row('/jobs/run/many')}.cur`).waitFor();
    // The row is marked at once, the panel rebuilt when the node's reply comes: until then its buttons are hello's.
    await panelShows('/jobs/run/many');
    await page.locator('#panel-files button[data-file=jobout]').click();
    await page.locator('#file-view pre[data-file=jobout]').waitFor();
    assert.match((await page.locator('#file-view .file-cut').textContent()) ?? '', /Only the end of the file is shown \(the last 10000 lines/);
    assert.match((await page.locator('#file-view pre').textContent()) ?? '', /line 10050\n/);
  });

  it('dependencies: what waits for a node and what it waits for, each a link that selects the node', async () => {
    await page.goto(`${stack.base}/#/ops/main/jobs/run/hello`);
    const waitedBy = page.locator('#panel-deps [data-role=waited-by] li[data-path="/jobs/run/after"] a.node-link');
    await waitedBy.waitFor();
    await waitedBy.click();
    await page.locator(`${row('/jobs/run/after')}.cur`).waitFor();
    await panelShows('/jobs/run/after');
    assert.match(page.url(), /#\/ops\/main\/jobs\/run\/after$/, 'the URL names the node selected');
    const waitsFor = page.locator('#panel-deps [data-role=waits-for] li[data-path="/jobs/run/hello"]');
    await waitsFor.waitFor();
    assert.match((await waitsFor.textContent()) ?? '', /complete \/jobs\/run\/hello trigger/);
    await shot('features-3-dependencies');
  });

  it('why top down: a family lists what holds its descendants, each node a link', async () => {
    await page.locator(`${row('/jobs/run')} .name`).click();
    const group = page.locator('#panel-topdown .why-group[data-path="/jobs/run/never"]');
    await group.waitFor();
    assert.match((await group.textContent()) ?? '', /expression .* is false/);
    await shot('features-4-why-top-down');
    // the reason names the node the trigger waits for: following it expands the suspended family
    await group.locator('li a.node-link[data-path="/jobs/x/files/job"]').click();
    await page.locator(`${row('/jobs/x/files/job')}.cur`).waitFor();
    await panelShows('/jobs/x/files/job');
  });

  it('search: finds a node that is not expanded; clicking it expands the tree to it and selects it', async () => {
    await page.goto(`${stack.base}/#/ops/main`);
    await page.reload();
    await page.locator(row('/jobs')).waitFor();
    assert.equal(await page.locator(row('/jobs/run')).count(), 0, 'collapsed');
    await page.locator('#search-input').fill('run/ne');
    const hit = page.locator('#search-results .hit[data-path="/jobs/run/never"] a');
    await hit.waitFor();
    assert.equal(await page.locator('#search-results .hit').count(), 1);
    await shot('features-5-search');
    await hit.click();
    await page.locator(`${row('/jobs/run/never')}.cur`).waitFor();
    await panelShows('/jobs/run/never');
    assert.match(page.url(), /#\/ops\/main\/jobs\/run\/never$/);
    // a task that never ran has no output: the server's words, not a broken page
    await page.locator('#panel-files button[data-file=jobout]').click();
    assert.match((await page.locator('#file-view .err').textContent()) ?? '', /jobout of \/jobs\/run\/never: .*Failed to open the job-out/);
  });
});
