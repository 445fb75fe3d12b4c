/**
 * The API's files, search, why, dependencies and history against a real ecflow_server running
 * real jobs (test/watchman-api/jobs.ts) and a real watchman: each file compared with what the real
 * `ecflow_client --file` prints, the job password never served, the route rule for a node named
 * `files`, the errors of a task that never ran and of a server that is down.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/until.js';
import { type JobsHome, jobsHome } from './jobs.js';
import { skipReason, startStack, type Stack } from './stack.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies
type Json = any;

// CFileCmd's last line when it cut a file (ecflow_client prints a newline after the text).
const TRUNCATED = /\n# >>>>>>>> File truncated down to \d+\. Truncated from the end of the file <<<<<<<<<\n+$/;

describe('watchman API: files, search, why, dependencies, history', { skip: skipReason, timeout: 90_000 }, () => {
  let stack: Stack;
  let home: JobsHome;
  const get = async (p: string): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${stack.base}/api/v1/servers/ops/main${p}`);
    return { status: res.status, body: await res.json() };
  };
  const state = (p: string) => stack.watchman.view.servers()[0]!.client.getDefs()?.findAbsNode(p)?.state;
  const real = async (args: string[]) => {
    const r = await stack.ecflow.real(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  before(async () => {
    home = jobsHome();
    stack = await startStack({ suite: home.suite });
    await stack.scraped();
    await real(['--begin=jobs']);
    await until('hello active in the mirror', () => state('/jobs/run/hello') === 'active', 30_000);
    home.release();
    await until('the jobs to complete in the mirror', () => ['hello', 'many', 'after'].every((t) => state(`/jobs/run/${t}`) === 'complete'), 30_000);
  });
  after(async () => {
    await stack?.stop();
    home?.remove();
  });

  for (const kind of ['script', 'jobout', 'manual'] as const) {
    it(`files/${kind}: the text the real ecflow_client --file prints`, async () => {
      const { status, body } = await get(`/nodes/jobs/run/hello/files/${kind}`);
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.kind, kind);
      assert.equal(body.path, '/jobs/run/hello');
      assert.equal(body.truncated, false);
      const theirs = await real([`--file=/jobs/run/hello`, kind]);
      // the output holds the password (redacted); an unsubstituted %ECF_PASS% is no password
      const password = /ECF_PASS=([^%\s]\S*)/.exec(theirs)?.[1];
      const expected = password === undefined ? theirs : theirs.replaceAll(`ECF_PASS=${password}`, 'ECF_PASS=<redacted>');
      assert.equal(body.text.trimEnd(), expected.trimEnd());
      if (kind === 'jobout') {
        assert.match(body.text, /hello from \/jobs\/run\/hello try 1/);
        assert.ok(password !== undefined && password.length > 0, 'set -x traced the password into the real output');
        assert.ok(!body.text.includes(password), 'the job password is not in the served output');
      }
      if (kind === 'manual') assert.match(body.text, /hello prints a greeting/);
    });
  }

  it('files/job: the job file with ECF_PASS substituted is served with the password redacted', async () => {
    const theirs = await real(['--file=/jobs/run/hello', 'job']);
    const password = /ECF_PASS=(\S+)/.exec(theirs)?.[1];
    assert.ok(password !== undefined && password !== '%ECF_PASS%', `the real job file holds the password: ${theirs}`);
    const { status, body } = await get('/nodes/jobs/run/hello/files/job');
    assert.equal(status, 200);
    assert.ok(!body.text.includes(password), 'no password in the served job file');
    assert.match(body.text, /ECF_PASS=<redacted> ECF_TRYNO=1/);
    assert.equal(body.text.trimEnd(), theirs.replaceAll(`ECF_PASS=${password}`, 'ECF_PASS=<redacted>').trimEnd());
  });

  it('files/jobout?lines=10 and a 10050-line output: the last lines, marked truncated, as the server cut them', async () => {
    const { status, body } = await get('/nodes/jobs/run/many/files/jobout?lines=10');
    assert.equal(status, 200);
    assert.equal(body.truncated, true);
    assert.equal(body.lines, 10);
    const theirs = await real(['--file=/jobs/run/many', 'jobout', '10']);
    assert.match(theirs, TRUNCATED, 'the real client shows the server cut it');
    assert.equal(body.text.trimEnd(), theirs.replace(TRUNCATED, '').trimEnd());
    assert.ok(body.text.includes('line 10050') && !body.text.includes('line 10040\n'), 'the end of the output, not its start');
    assert.ok(!body.text.includes('>>>>>>>>'), 'the marker line becomes the truncated flag');
    const whole = await get('/nodes/jobs/run/many/files/jobout');
    assert.equal(whole.body.truncated, true, 'more than 10000 lines');
    assert.equal(whole.body.lines, 10000);
    assert.ok(whole.body.text.includes('line 10050\n') && !whole.body.text.includes('line 50\n'));
    assert.equal(whole.body.text.trimEnd(), (await real(['--file=/jobs/run/many', 'jobout'])).replace(TRUNCATED, '').trimEnd());
    for (const bad of ['0', '10001', 'x']) assert.equal((await get(`/nodes/jobs/run/many/files/jobout?lines=${bad}`)).status, 400);
  });

  it('files of a task that never ran, of a family, and an unknown kind: clear API errors, not 500', async () => {
    const never = await get('/nodes/jobs/run/never/files/jobout');
    assert.equal(never.status, 404);
    assert.equal(never.body.error, 'FILE_UNAVAILABLE');
    assert.match(never.body.message, /jobout of \/jobs\/run\/never: .*Failed to open the job-out/);
    const job = await get('/nodes/jobs/run/never/files/job');
    assert.equal(job.body.error, 'FILE_UNAVAILABLE');
    const family = await get('/nodes/jobs/run/files/script');
    assert.equal(family.status, 404);
    assert.match(family.body.message, /only valid for tasks/);
    const kind = await get('/nodes/jobs/run/hello/files/kill');
    assert.equal(kind.status, 400);
    assert.match(kind.body.message, /expected one of jobout, script, job, manual/);
  });

  it('a node named files: the longest path that is a node wins', async () => {
    const node = await get('/nodes/jobs/x/files/job');
    assert.equal(node.status, 200);
    assert.equal(node.body.path, '/jobs/x/files/job');
    assert.equal(node.body.type, 'task');
    // /jobs/x/files is a node too: its files/script is asked for (and refused: it is a family)
    const file = await get('/nodes/jobs/x/files/files/script');
    assert.equal(file.status, 404, JSON.stringify(file.body));
    assert.equal(file.body.message, 'script of /jobs/x/files: Option script is only valid for tasks');
    const script = await get('/nodes/jobs/x/files/job/files/script');
    assert.equal(script.status, 200);
    assert.equal(script.body.text.trimEnd(), (await real(['--file=/jobs/x/files/job', 'script'])).trimEnd());
    assert.equal((await get('/nodes/jobs/nothing/files/script')).status, 404);
  });

  it('search: by name and by path over the whole definition, exact names first', async () => {
    const byName = await get('/search?q=JOB');
    assert.equal(byName.status, 200);
    assert.deepEqual(byName.body.hits.map((h: Json) => h.path), ['/jobs/x/files/job', '/jobs']);
    const byPath = await get('/search?q=run/h');
    assert.deepEqual(byPath.body.hits, [{ path: '/jobs/run/hello', name: 'hello', type: 'task', status: 'complete' }]);
    const limited = await get('/search?q=e&limit=2');
    assert.equal(limited.body.hits.length, 2);
    assert.equal(limited.body.truncated, true);
    assert.equal((await get('/search?q=e&limit=0')).status, 400);
    assert.deepEqual((await get('/search?q=')).body.hits, []);
  });

  it('why: bottom up as ecflow_client --why, top down for a suite as ecflow_client prints it for the whole definition', async () => {
    const { status, body } = await get('/nodes/jobs/run/never/why');
    assert.equal(status, 200);
    const theirs = (await real(['--group=get; why=/jobs/run/never'])).split('\n').filter((l) => l !== '');
    assert.deepEqual(body.bottomUp.map((r: Json) => r.text), theirs);
    assert.equal(body.topDown, undefined, 'a task has no top-down why');
    const suite = await get('/nodes/jobs/why');
    const all = (await real(['--group=get; why'])).split('\n').filter((l) => l !== '');
    assert.deepEqual(suite.body.topDown.flatMap((g: Json) => g.reasons.map((r: Json) => r.text)), all);
    const held = suite.body.topDown.find((g: Json) => g.path === '/jobs/run/never');
    assert.ok(held, JSON.stringify(suite.body.topDown));
    assert.ok(held.reasons.some((r: Json) => r.paths.includes('/jobs/x/files/job')), 'the reason links the node it waits for');
    const x = suite.body.topDown.find((g: Json) => g.path === '/jobs/x');
    assert.match(x.reasons[0].text, /suspended/);
  });

  it('dependencies: what a node waits for and what waits for it', async () => {
    const hello = await get('/nodes/jobs/run/hello/dependencies');
    assert.equal(hello.status, 200);
    assert.deepEqual(hello.body.waitsFor, []);
    assert.deepEqual(hello.body.waitedBy, [{ path: '/jobs/run/after', status: 'complete', expression: 'trigger' }]);
    const after = await get('/nodes/jobs/run/after/dependencies');
    assert.equal(after.body.trigger, 'hello == complete');
    assert.deepEqual(after.body.waitsFor, [{ path: '/jobs/run/hello', status: 'complete', expression: 'trigger' }]);
    const job = await get('/nodes/jobs/x/files/job/dependencies');
    assert.deepEqual(job.body.waitedBy.map((d: Json) => d.path), ['/jobs/run/never']);
    // an altered trigger is seen at the next revision of the mirror
    await real(['--alter=change', 'trigger', '/jobs/run/hello == complete and /jobs/run/many == complete', '/jobs/run/never']);
    await until('the altered trigger in the mirror', async () => (await get('/nodes/jobs/run/never/dependencies')).body.waitsFor.length === 2);
    const many = await get('/nodes/jobs/run/many/dependencies');
    assert.deepEqual(many.body.waitedBy.map((d: Json) => d.path), ['/jobs/run/never']);
    assert.deepEqual((await get('/nodes/jobs/x/files/job/dependencies')).body.waitedBy, []);
  });

  it('history: the states a job went through with their durations, asked for after they happened', async () => {
    const { status, body } = await get('/nodes/jobs/run/hello/history');
    assert.equal(status, 200);
    const states = body.entries.map((e: Json) => e.status);
    assert.ok(states.includes('active'), JSON.stringify(body.entries));
    assert.equal(states.at(-1), 'complete');
    const active = body.entries.find((e: Json) => e.status === 'active');
    assert.ok(active.durationMs > 0, 'active lasted until the go file');
    assert.equal(body.entries.at(-1).durationMs, undefined, 'the current state has no end');
    for (let i = 1; i < body.entries.length; i++) assert.equal(body.entries[i].from, body.entries[i - 1].status);
    const job = (await get('/nodes/jobs/x/files/job/history')).body.entries;
    assert.deepEqual(job.map((e: Json) => [e.from, e.status]), [['unknown', 'queued']], 'queued by --begin, never run');
  });

  it('file requests beside the scrapes: 20 at once of a 10000-line output, and every scrape meanwhile succeeds', async () => {
    const server = stack.watchman.view.servers()[0]!;
    const before = server.health.lastSuccess;
    const replies = await Promise.all(Array.from({ length: 20 }, () => get('/nodes/jobs/run/many/files/jobout')));
    for (const r of replies) assert.equal(r.status, 200);
    await until('a scrape after the requests', () => server.health.lastSuccess !== before);
    assert.equal(server.health.lastError, null, 'no scrape failed');
    assert.equal(server.health.reachable, true);
  });

  it('files while the server is down: SERVER_UNREACHABLE, not a 500', async () => {
    await stack.ecflow.kill();
    const { status, body } = await get('/nodes/jobs/run/hello/files/jobout');
    assert.equal(status, 502);
    assert.equal(body.error, 'SERVER_UNREACHABLE');
    assert.match(body.message, /ops\/main did not answer/);
  });
});
