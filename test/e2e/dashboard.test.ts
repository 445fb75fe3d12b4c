/// <reference lib="dom" />
/**
 * The dashboard in a real browser: Debian's chromium, headless, driven by playwright-core, against
 * a watchman watching a real ecflow_server. The page loads, a task forced aborted with the real
 * ecflow_client turns red within one scrape interval, the filters hide what they should.
 * Screenshots go to test-output/e2e/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { abortReasonLines, oneLine } from '../../packages/ecflow-watchman/src/abort-reason.js';
import { until } from '../helpers/until.js';
import { skipReason, startStack, type Stack } from '../watchman-api/stack.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = path.resolve('test-output/e2e');
const SCRAPE_INTERVAL_MS = 1000;
const skip = skipReason || (fs.existsSync(CHROMIUM) ? false : `${CHROMIUM} missing and could not be installed (apt-get install -y chromium)`);

const row = (p: string) => `#tree .row[data-path="${p}"]`;

describe('dashboard in chromium', { skip, timeout: 90_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });

  before(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    [stack, browser] = await Promise.all([
      startStack({ interval: `${SCRAPE_INTERVAL_MS}ms` }),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] }),
    ]);
    // some colour on the page (fetch last: a complete family would advance its repeat and requeue)
    for (const [state, p] of [['active', '/ops/ingest/decode'], ['queued', '/ops/ingest/archive'], ['submitted', '/ops/report/plot'], ['complete', '/ops/ingest/fetch']]) {
      const r = await stack.ecflow.real([`--force=${state}`, p!]);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal((await stack.ecflow.real(['--suspend', '/other/lonely'])).code, 0);
    await stack.scraped();
    await until('the watchman to see the forced states', () => stack.watchman.view.servers()[0]!.health.counts.suspended === 1);
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('loads: a server card, the tree, expand and collapse, a node panel', async () => {
    await page.goto(stack.base + '/');
    const card = page.locator('.card[data-server="ops/main"]');
    await card.waitFor();
    assert.match(await card.textContent() ?? '', /RUNNING/);
    // The replica that scrapes it: this process's watchman, alone.
    assert.equal(await card.locator('[data-role=replica]').textContent(), `scraped by ${os.hostname()}:${process.pid}`);
    assert.equal(await page.locator('#live').textContent({ timeout: 5000 }), 'live');
    await page.locator(row('/ops')).waitFor();
    assert.equal(await page.locator(row('/ops/ingest')).count(), 0, 'collapsed at first');
    await page.locator(`${row('/ops')} [data-role=toggle]`).click();
    await page.locator(row('/ops/ingest')).waitFor();
    await page.locator(`${row('/ops/ingest')} [data-role=toggle]`).click();
    await page.locator(`${row('/ops/report')} [data-role=toggle]`).click();
    await page.locator(row('/ops/report/mail')).waitFor();
    await page.locator(`${row('/ops/ingest/fetch')}`).waitFor();
    const bg = await page.locator(`${row('/ops/ingest/fetch')} .st`).evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(bg, 'rgb(255, 255, 0)', 'complete is yellow');
    await page.locator(`${row('/ops/ingest/decode')} .name`).click();
    await page.locator('#panel').getByText('fetch == complete').waitFor();
    await page.locator('#panel').getByText('from /ops/ingest').first().waitFor();
    await shot('1-loaded');
    // collapse hides the children again
    await page.locator(`${row('/ops/ingest')} [data-role=toggle]`).click();
    assert.equal(await page.locator(row('/ops/ingest/fetch')).count(), 0);
    await page.locator(`${row('/ops/ingest')} [data-role=toggle]`).click();
    await page.locator(row('/ops/ingest/fetch')).waitFor();
  });

  it('a task forced aborted with ecflow_client turns red within one scrape interval, without a reload', async () => {
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const mail = page.locator(row('/ops/report/mail'));
    assert.notEqual(await mail.getAttribute('data-status'), 'aborted');
    const forced = await stack.ecflow.real(['--force=aborted', '/ops/report/mail']);
    const t0 = Date.now();
    assert.equal(forced.code, 0, forced.stderr);
    await page.waitForSelector(`${row('/ops/report/mail')}[data-status="aborted"]`, { timeout: 5000 });
    const elapsed = Date.now() - t0;
    // The next scrape starts at most one interval away; then the scrape itself (as long as the
    // watchman measured it: longer on a busy machine), the SSE push and the DOM update.
    const scrapeMs = ((await (await fetch(`${stack.base}/api/v1/servers`)).json()) as { servers: { scrapeDurationMs: number }[] }).servers[0]!.scrapeDurationMs;
    assert.ok(elapsed < SCRAPE_INTERVAL_MS + scrapeMs + 500, `turned red after ${elapsed} ms (the scrape took ${scrapeMs} ms)`);
    const bg = await mail.locator('.st').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(bg, 'rgb(255, 0, 0)');
    assert.equal(await page.evaluate(() => (window as unknown as { marker: number }).marker), 42, 'no reload');
    await page.locator('#aborted .ab[data-path="/ops/report/mail"]').waitFor();
    const count = page.locator('.card[data-server="ops/main"] [data-role=aborted-count]');
    await page.waitForFunction(() => document.querySelector('.card [data-role=aborted-count]')?.textContent === '1 aborted');
    assert.equal(await count.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(213, 0, 0)', 'aborted count in red');
    console.log(`# aborted -> red on the page in ${elapsed} ms (scrape interval ${SCRAPE_INTERVAL_MS} ms)`);
    await shot('2-aborted');
  });

  it('filters by state and by name hide what they should', async () => {
    await page.locator('#filters input[data-status=aborted]').check();
    await page.waitForFunction(() => document.querySelector('#tree .row[data-path="/ops/ingest"]') === null);
    const shown = await page.locator('#tree .row').evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.path));
    assert.deepEqual(shown, ['/ops', '/ops/report', '/ops/report/mail']);
    await shot('3-filter-aborted');
    await page.locator('#filters input[data-status=aborted]').uncheck();
    await page.locator('#name-filter').fill('lone');
    await page.waitForFunction(() => document.querySelector('#tree .row[data-path="/ops"]') === null);
    const byName = await page.locator('#tree .row').evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.path));
    assert.deepEqual(byName, ['/other', '/other/lonely']);
    assert.equal(await page.locator(row('/other/lonely')).getAttribute('data-status'), 'suspended');
    await shot('4-filter-name');
    await page.locator('#name-filter').fill('');
    await page.locator(row('/ops/report/mail')).waitFor();
  });

  // A task the server aborted for its missing script: its reason has several lines.
  const plot = '/broken/noscript';
  let lines: string[] = [];
  const meta = () => page.locator(`${row(plot)} .meta`);

  it('an abort reason: its lines in the node panel, on one line in the row and the aborted list, never a literal \\n', async () => {
    const def = path.join(stack.ecflow.home, 'broken.def');
    fs.writeFileSync(def, `suite broken\n  edit ECF_HOME '${path.join(stack.ecflow.home, 'nowhere')}'\n  task noscript\nendsuite\n`);
    for (const args of [['--load', def], ['--begin', 'broken']]) {
      const r = await stack.ecflow.real(args);
      assert.equal(r.code, 0, r.stderr);
    }
    await page.locator(`${row('/broken')} [data-role=toggle]`).click();
    await page.waitForSelector(`${row(plot)}[data-status="aborted"]`, { timeout: 10_000 });
    const state = (await stack.ecflow.real(['--get_state', plot])).stdout;
    const raw = /abort<:(.*)>abort/.exec(state)?.[1];
    assert.ok(raw !== undefined && raw.includes('\\n'), `the server's reason has \\n pairs: ${state}`);
    lines = abortReasonLines(raw);
    assert.ok(lines.length >= 2, raw);

    // the one-line form is top's (abort-reason.ts): the page's must read the same
    await until('the reason in the row', async () => (await meta().innerText()).includes(oneLine(raw)));
    assert.doesNotMatch(await meta().innerText(), /\\n/);
    const listed = page.locator(`#aborted .ab[data-path="${plot}"]`);
    await until('the reason in the aborted list', async () => (await listed.count()) === 1 && (await listed.innerText()).includes(oneLine(raw)));
    assert.doesNotMatch(await listed.innerText(), /\\n/);

    await page.locator(`${row(plot)} .name`).click();
    const reasonCell = page.locator('#panel tr', { hasText: 'abort reason' }).locator('td').nth(1);
    await reasonCell.waitFor();
    assert.deepEqual((await reasonCell.innerText()).split('\n'), lines, 'one line of the panel a line of the reason');
    await shot('5-abort-reason');
  });

  it("why: what ecflow_client prints for the aborted task (nothing), not a reason of the page's own", async () => {
    await page.locator(`${row(plot)} .name`).click();
    await page.locator('#panel tr', { hasText: 'abort reason' }).waitFor();
    const why = (await stack.ecflow.real([`--group=get; why=${plot}`])).stdout.split('\n').filter((l) => l !== '');
    assert.deepEqual(await page.locator('#panel .why li').allInnerTexts(), why, "ecflow_client's why");
    assert.equal(await page.locator('#panel').getByText('nothing holds it').count(), 0);
  });

  it('flags: the harmless message flag in grey, late in red (as ecflow_ui draws their icons)', async () => {
    // any user command leaves the message flag (the node log has entries): a fact, not an alarm
    const message = page.locator('#tree .flag.fl-message').first();
    await message.waitFor();
    assert.equal(await message.evaluate((e) => getComputedStyle(e).color), 'rgb(95, 107, 118)', 'message is grey');
    const late = await page.evaluate(() => {
      const e = document.createElement('span');
      e.className = 'flag fl-late';
      document.body.appendChild(e);
      const c = getComputedStyle(e).color;
      e.remove();
      return c;
    });
    assert.equal(late, 'rgb(200, 55, 55)', 'late is red');
  });

  it('a task forced complete loses its old abort reason from its row and the panel (ecFlow keeps it)', async () => {
    await page.locator(`${row(plot)} .name`).click();
    await page.locator('#panel tr', { hasText: 'abort reason' }).waitFor();
    assert.equal((await stack.ecflow.real(['--force=complete', plot])).code, 0);
    assert.match((await stack.ecflow.real(['--get_state', plot])).stdout, /abort<:/, 'ecFlow keeps the old reason');
    await page.waitForSelector(`${row(plot)}[data-status="complete"]`, { timeout: 10_000 });
    await until('the old reason gone from the row', async () => !(await meta().innerText()).includes(lines[0]!));
    await until('and from the panel', async () => (await page.locator('#panel tr', { hasText: 'abort reason' }).count()) === 0);
  });

  it('time attributes in the node panel as ecFlow prints them, not [object Object]', async () => {
    const archive = '/ops/ingest/archive';
    for (const [kind, value] of [['time', '23:59'], ['time', '00:00 23:59 01:00'], ['time', '+00:30'], ['today', '10:00'], ['day', 'monday'], ['date', '5.*.*']]) {
      const r = await stack.ecflow.real([`--alter=add`, kind!, value!, archive]);
      assert.equal(r.code, 0, `${kind} ${value}: ${r.stderr}`);
    }
    const printed = (await stack.ecflow.real(['--get', archive])).stdout.split('\n').map((l) => l.trim());
    const expected = printed.filter((l) => /^(inlimit|time|today|date|day) /.test(l));
    assert.ok(expected.length >= 6, printed.join('\n'));
    // the watchman has them after its next scrape; the panel fetches the node when it opens
    await until('the watchman to see them', async () => {
      const r = await fetch(`${stack.base}/api/v1/servers/ops/main/nodes${archive}`);
      return ((await r.json()) as { attributes: string[] }).attributes.length === expected.length;
    });
    await page.locator(`${row(archive)} .name`).click();
    const other = page.locator('#panel h4', { hasText: 'Other attributes' }).locator('xpath=following-sibling::table[1]').locator('td');
    await until('the time attributes in the panel', async () => (await other.allInnerTexts()).length === expected.length);
    assert.deepEqual(await other.allInnerTexts(), expected);
    assert.equal(await page.locator('#panel').getByText('[object Object]').count(), 0);
  });

  it('fits a wall screen', async () => {
    await page.setViewportSize({ width: 2560, height: 1440 });
    await page.locator(`${row('/ops/report/mail')} .name`).click();
    await page.locator('#panel table').first().waitFor();
    await shot('6-wall');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, 'no horizontal scrolling');
  });

  it('an unreachable server: its card says so with the error instead of RUNNING, its tree is marked as the last known one', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const badge = page.locator('.card[data-server="ops/main"] [data-role=server-state]');
    assert.equal(await badge.textContent(), 'RUNNING');
    assert.equal(await page.locator('#stale').isVisible(), false);
    const lastSuccess = stack.watchman.view.servers()[0]!.health.lastSuccess;
    await stack.ecflow.kill();
    await page.waitForFunction(() => document.querySelector('.card[data-server="ops/main"] [data-role=server-state]')?.textContent === 'UNREACHABLE', null, { timeout: 15_000 });
    const card = page.locator('.card[data-server="ops/main"]');
    assert.doesNotMatch((await card.innerText()), /RUNNING|HALTED/);
    const health = stack.watchman.view.servers()[0]!.health;
    assert.ok(health.lastError !== null && !health.reachable);
    assert.match(await card.locator('[data-role=last-error]').innerText(), new RegExp(health.lastError.kind));
    const banner = page.locator('#stale');
    await banner.waitFor();
    const text = await banner.innerText();
    assert.match(text, /ops\/main is unreachable/);
    // the tree is as of the last successful scrape, whose time the banner gives
    const asOf = new Date(health.lastSuccess!).toTimeString().slice(0, 8);
    assert.ok(health.lastSuccess! >= lastSuccess!, 'the last success is no older than before the kill');
    assert.match(text, new RegExp(`as of ${asOf}`));
    assert.equal(await page.locator('#tree').getAttribute('class'), 'stale');
    const opacity = await page.locator(row('/ops')).evaluate((e) => Number(getComputedStyle(e).opacity));
    assert.ok(opacity < 1, `rows greyed (opacity ${opacity})`);
    await shot('7-unreachable');
    await stack.ecflow.restart();
    await page.waitForFunction(() => document.querySelector('.card[data-server="ops/main"] [data-role=server-state]')?.textContent !== 'UNREACHABLE', null, { timeout: 15_000 });
    await until('the mark gone', async () => !(await banner.isVisible()) && (await page.locator('#tree').getAttribute('class')) !== 'stale');
  });
});
