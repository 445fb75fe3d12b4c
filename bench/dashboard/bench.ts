/**
 * The API and dashboard with a 100,000-task server: a real ecflow_server loaded with 100 families
 * of 1,000 tasks (each with a meter, an event and a label), a real watchman and redis-server, and
 * chromium for the page. Prints the tree API's latency by query and the page's timings.
 *
 *   node --import tsx bench/dashboard/bench.ts
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { until } from '../../test/helpers/until.js';
import { startStack } from '../../test/watchman-api/stack.js';

const execFileAsync = promisify(execFile);
const FAMILIES = 100;
const TASKS = 1000;

function bigSuite(): string {
  const out = ['suite big', "  edit OWNER 'bench'"];
  for (let f = 0; f < FAMILIES; f++) {
    out.push(`  family f${String(f).padStart(3, '0')}`);
    for (let t = 0; t < TASKS; t++) out.push(`    task t${String(t).padStart(4, '0')}`, '      meter m 0 100 100', '      event e', '      label l ""');
    out.push('  endfamily');
  }
  out.push('endsuite', '');
  return out.join('\n');
}

/** One line: median and p90 of `times` (ms), and the body size. */
function report(label: string, times: number[], bytes: number, note = ''): void {
  const sorted = [...times].sort((a, b) => a - b);
  const med = sorted[Math.floor(sorted.length / 2)]!;
  const p90 = sorted[Math.floor(sorted.length * 0.9)]!;
  console.log(`${label.padEnd(44)} median ${med.toFixed(1).padStart(7)} ms  p90 ${p90.toFixed(1).padStart(7)} ms  ${(bytes / 1024).toFixed(0).padStart(7)} KiB${note}`);
}

async function timeIt(label: string, url: string, runs = 15): Promise<void> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    const body = await res.arrayBuffer();
    times.push(performance.now() - t0);
    bytes = body.byteLength;
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  }
  report(label, times, bytes);
}

/**
 * Timings of a client in another process (curl), as API consumers are: the watchman runs in this
 * one, where fetch would also time this process receiving and buffering the body. The first call
 * is apart: it writes every node's JSON, later calls join the entries kept since.
 */
async function curlTimes(label: string, url: string, runs: number): Promise<void> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const { stdout } = await execFileAsync('curl', ['-sf', '-o', '/dev/null', '-w', '%{time_total} %{size_download}', url]);
    const [t, n] = stdout.trim().split(' ');
    times.push(Number(t) * 1000);
    bytes = Number(n);
  }
  const first = times.shift()!;
  report(label, times, bytes, `  (curl; first call ${first.toFixed(0)} ms)`);
}

const t0 = performance.now();
const stack = await startStack({ suite: bigSuite(), interval: '2s', owner: 'bench', repo: 'big' });
await until('the first scrape of 100k tasks', () => stack.watchman.view.servers()[0]!.client.getDefs() !== null, 120_000);
console.log(`setup (load 100k tasks, first scrape): ${((performance.now() - t0) / 1000).toFixed(1)} s; nodes: ${stack.watchman.view.servers()[0]!.health.nodes}`);
const api = `${stack.base}/api/v1/servers/bench/big`;
try {
  console.log('\nAPI (fetch from the same host, loopback)');
  await timeIt('GET /servers', `${stack.base}/api/v1/servers`);
  await timeIt('GET tree?depth=1 (suites)', `${api}/tree?depth=1`);
  await timeIt('GET tree?path=/big&depth=1 (100 families)', `${api}/tree?path=/big&depth=1`);
  await timeIt('GET tree?path=/big/f050&depth=1 (1000 tasks)', `${api}/tree?path=/big/f050&depth=1`);
  await timeIt('GET tree?status=aborted (walks 100k)', `${api}/tree?status=aborted`);
  await timeIt('GET tree?name=t0999 (walks 100k, 100 hits)', `${api}/tree?name=t0999`);
  await timeIt('GET nodes/big/f050/t0500 (why, variables)', `${api}/nodes/big/f050/t0500`);
  await timeIt('GET search?q=t0999 (walks 100k, 100 hits)', `${api}/search?q=t0999`);
  // the first call builds the reverse index of every expression (kept until the mirror changes)
  await timeIt('GET nodes/…/t0500/dependencies (first call)', `${api}/nodes/big/f050/t0500/dependencies`, 1);
  await timeIt('GET nodes/…/t0500/dependencies', `${api}/nodes/big/f050/t0500/dependencies`);
  await timeIt('GET nodes/big/f050/why (top down, 1000 tasks)', `${api}/nodes/big/f050/why`);
  await timeIt('GET nodes/…/t0500/history', `${api}/nodes/big/f050/t0500/history`);
  await curlTimes('GET tree (whole, 100k nodes)', `${api}/tree`, 21);

  if (fs.existsSync('/usr/bin/chromium')) {
    console.log('\nPage (chromium headless, 1366x768)');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    let t = performance.now();
    await page.goto(stack.base + '/');
    await page.locator('#tree .row[data-path="/big"]').waitFor();
    console.log(`first tree row visible after navigation: ${(performance.now() - t).toFixed(0)} ms`);
    t = performance.now();
    await page.locator('#tree .row[data-path="/big"] [data-role=toggle]').click();
    await page.locator('#tree .row[data-path="/big/f099"]').waitFor();
    console.log(`expand /big (100 families): ${(performance.now() - t).toFixed(0)} ms`);
    t = performance.now();
    await page.locator('#tree .row[data-path="/big/f050"] [data-role=toggle]').click();
    await page.locator('#tree .row[data-path="/big/f050/t0499"]').waitFor();
    console.log(`expand /big/f050 (1000 tasks, 500 rendered): ${(performance.now() - t).toFixed(0)} ms`);
    const rows = await page.locator('#tree .row').count();
    const url = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    t = performance.now();
    await url.goto(stack.base + '/#/bench/big/big/f077/t0999');
    await url.locator('#tree .row.cur[data-path="/big/f077/t0999"]').waitFor();
    console.log(`shareable URL of /big/f077/t0999 (ancestors expanded, selected): ${(performance.now() - t).toFixed(0)} ms`);
    t = performance.now();
    await url.locator('#search-input').fill('f012/t0998');
    await url.locator('#search-results .hit a').click();
    await url.locator('#tree .row.cur[data-path="/big/f012/t0998"]').waitFor();
    console.log(`search f012/t0998 and reveal it: ${(performance.now() - t).toFixed(0)} ms (incl. the 200 ms typing pause)`);
    await url.close();
    t = performance.now();
    await stack.ecflow.real(['--force=aborted', '/big/f050/t0010']);
    await page.locator('#tree .row[data-path="/big/f050/t0010"][data-status="aborted"]').waitFor({ timeout: 10_000 });
    console.log(`force aborted -> red on the page (scrape interval 2 s): ${(performance.now() - t).toFixed(0)} ms`);
    t = performance.now();
    await page.locator('#filters input[data-status=aborted]').check();
    await page.waitForFunction(() => document.querySelectorAll('#tree .row').length === 3);
    console.log(`filter status=aborted over 100k tasks: ${(performance.now() - t).toFixed(0)} ms`);
    // responsiveness: how long the main thread takes to answer a frame request after all this
    const frame = await page.evaluate(() => new Promise<number>((r) => { const s = performance.now(); requestAnimationFrame(() => r(performance.now() - s)); }));
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(`rows in the DOM with /big and /big/f050 open: ${rows}; next animation frame: ${frame.toFixed(1)} ms`);
    console.log(`long tasks (>50 ms) on the main thread during the run: ${longTasks.length}${longTasks.length ? ` (max ${Math.max(...longTasks).toFixed(0)} ms)` : ''}`);
    await browser.close();
  }
} finally {
  await stack.stop();
}
