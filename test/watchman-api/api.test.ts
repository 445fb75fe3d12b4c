/**
 * The watchman's HTTP API against a real ecflow_server (changed with the real ecflow_client) and
 * a real redis-server: servers, tree (whole, by depth, by path, filtered), one node with why and
 * inherited variables, aborted tasks, server-sent change sets, and JSON errors.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findNode } from '../../packages/ecflow-ts/src/index.js';
import { until } from '../helpers/until.js';
import { skipReason, startStack, type Stack } from './stack.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies
type Json = any;

async function get(stack: Stack, path: string): Promise<{ status: number; type: string; body: Json }> {
  const res = await fetch(stack.base + path);
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, body: type.includes('json') ? await res.json() : await res.text() };
}

/** Reads server-sent events from the stream into `events` until aborted. */
function listen(url: string, events: { event: string; data: Json }[], signal: AbortSignal): Promise<void> {
  return (async () => {
    const res = await fetch(url, { signal });
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data !== '') events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch (e) {
      if (!signal.aborted) throw e;
    }
  })();
}

describe('watchman HTTP API', { skip: skipReason, timeout: 60_000 }, () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
    await stack.scraped();
  });
  after(async () => {
    await stack?.stop();
  });

  it('listens on loopback', () => {
    assert.match(stack.watchman.address ?? '', /^127\.0\.0\.1:\d+$/);
  });

  it('GET /api/v1/servers: health and node counts by state', async () => {
    const { status, body } = await get(stack, '/api/v1/servers');
    assert.equal(status, 200);
    assert.equal(body.servers.length, 1);
    const s = body.servers[0];
    assert.equal(s.owner, 'ops');
    assert.equal(s.repo, 'main');
    assert.equal(s.reachable, true);
    assert.equal(s.serverState, 'RUNNING');
    assert.equal(s.nodes, 10);
    const total = Object.values(s.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    assert.equal(total, 10);
    assert.equal(s.aborted, 0);
  });

  it('GET .../tree: the whole tree with types, states, attributes; variables on request', async () => {
    const { status, body } = await get(stack, '/api/v1/servers/ops/main/tree');
    assert.equal(status, 200);
    assert.equal(body.serverState, 'RUNNING');
    assert.equal(body.root.path, '/');
    assert.deepEqual(body.root.nodes.map((n: Json) => n.name), ['ops', 'other']);
    const ops = body.root.nodes[0];
    assert.equal(ops.type, 'suite');
    assert.deepEqual(ops.limits, [{ name: 'run', limit: 2, value: 0, paths: [] }]);
    assert.equal(ops.variables, undefined);
    const ingest = ops.nodes[0];
    assert.equal(ingest.type, 'family');
    assert.equal(ingest.repeat.kind, 'integer');
    assert.equal(ingest.repeat.value, '1');
    const fetchTask = ingest.nodes[0];
    assert.equal(fetchTask.path, '/ops/ingest/fetch');
    assert.equal(fetchTask.type, 'task');
    assert.deepEqual(fetchTask.meters, [{ name: 'progress', min: 0, max: 100, value: 0 }]);
    assert.deepEqual(fetchTask.events, [{ name: 'ready', value: false }]);
    assert.deepEqual(fetchTask.labels, [{ name: 'note', value: '', default: '' }]);
    assert.equal(fetchTask.children, 0);

    const withVars = await get(stack, '/api/v1/servers/ops/main/tree?variables=true&path=/ops&depth=0');
    assert.deepEqual(withVars.body.root.variables, [{ name: 'OWNER', value: 'ops-team' }]);
    assert.equal(withVars.body.root.nodes, undefined);
  });

  it('GET .../tree?depth=&path=: one level at a time', async () => {
    const top = (await get(stack, '/api/v1/servers/ops/main/tree?depth=1')).body;
    assert.deepEqual(top.root.nodes.map((n: Json) => [n.name, n.children, n.nodes]), [['ops', 2, undefined], ['other', 1, undefined]]);
    const ingest = (await get(stack, '/api/v1/servers/ops/main/tree?depth=1&path=/ops/ingest')).body;
    assert.equal(ingest.root.path, '/ops/ingest');
    assert.deepEqual(ingest.root.nodes.map((n: Json) => n.name), ['fetch', 'decode', 'archive']);
  });

  it('GET .../nodes/{path}: trigger, why, own, generated and inherited variables', async () => {
    const { status, body } = await get(stack, '/api/v1/servers/ops/main/nodes/ops/ingest/decode');
    assert.equal(status, 200);
    assert.equal(body.path, '/ops/ingest/decode');
    assert.equal(body.trigger, 'fetch == complete');
    assert.ok(body.why.length > 0, 'why gives reasons');
    const inherited = new Map(body.inherited.map((v: Json) => [v.name, v]));
    assert.deepEqual(inherited.get('STAGE'), { name: 'STAGE', value: 'ingest', from: '/ops/ingest' });
    assert.deepEqual(inherited.get('OWNER'), { name: 'OWNER', value: 'ops-team', from: '/ops' });
    assert.ok(body.generated.some((v: Json) => v.name === 'TASK' && v.value === 'decode'));
    assert.ok(body.attributes.includes('inlimit run'), JSON.stringify(body.attributes));
  });

  it('bad paths get 404 with a JSON error; bad queries 400', async () => {
    for (const [path, code] of [
      ['/api/v1/servers/nobody/nothing', 404],
      ['/api/v1/servers/nobody/nothing/tree', 404],
      ['/api/v1/servers/ops/main/nodes/ops/nosuch', 404],
      ['/api/v1/servers/ops/main/tree?path=/nosuch', 404],
      ['/api/v1/nosuch', 404],
      ['/api/v1/servers/ops/main/tree?depth=-1', 400],
      ['/api/v1/servers/ops/main/tree?status=red', 400],
    ] as const) {
      const r = await get(stack, path);
      assert.equal(r.status, code, path);
      assert.match(r.type, /application\/json/, path);
      assert.equal(typeof r.body.error, 'string', path);
      assert.equal(typeof r.body.message, 'string', path);
    }
    const r = await get(stack, '/api/v1/servers/ops/main/nodes/ops/nosuch');
    assert.deepEqual(r.body, { error: 'NOT_FOUND', message: 'no node /ops/nosuch on ops/main' });
  });

  it('a task forced aborted with ecflow_client: change event, aborted list, filtered tree', async () => {
    const controller = new AbortController();
    const events: { event: string; data: Json }[] = [];
    const reading = listen(`${stack.base}/api/v1/events`, events, controller.signal);
    await until('the servers event', () => events.some((e) => e.event === 'servers'));
    assert.equal(events[0]!.event, 'servers');
    assert.equal(events[0]!.data[0].owner, 'ops');

    const forced = await stack.ecflow.real(['--force=aborted', '/ops/report/mail']);
    assert.equal(forced.code, 0, forced.stderr);
    const change = await until('a change event for /ops/report/mail', () =>
      events.find((e) => e.event === 'change' && e.data.changes.some((c: Json) => c.path === '/ops/report/mail' && c.new === 'aborted')),
    );
    assert.equal(change.data.owner, 'ops');
    assert.equal(change.data.health.counts.aborted >= 1, true);
    controller.abort();
    await reading;

    const aborted = (await get(stack, '/api/v1/servers/ops/main/aborted')).body;
    assert.deepEqual(aborted.aborted.map((t: Json) => t.path), ['/ops/report/mail']);
    assert.equal((await get(stack, '/api/v1/servers')).body.servers[0].aborted, 1);

    const filtered = (await get(stack, '/api/v1/servers/ops/main/tree?status=aborted')).body;
    // ecFlow carries the most significant state up: the family and suite are aborted too
    assert.equal(filtered.matches, 3);
    const paths: string[] = [];
    const walk = (n: Json) => {
      if (n.match) paths.push(n.path);
      for (const k of n.nodes ?? []) walk(k);
    };
    walk(filtered.root);
    assert.deepEqual(paths, ['/ops', '/ops/report', '/ops/report/mail']);
    assert.deepEqual(filtered.root.nodes.map((n: Json) => n.name), ['ops']);
    assert.deepEqual(filtered.root.nodes[0].nodes.map((n: Json) => n.name), ['report'], 'ingest is hidden');

    const byName = (await get(stack, '/api/v1/servers/ops/main/tree?name=LONE')).body;
    assert.deepEqual(byName.root.nodes.map((n: Json) => n.name), ['other']);
    assert.equal(byName.root.nodes[0].nodes[0].path, '/other/lonely');
  });

  it('serves the dashboard page, script and stylesheet from the watchman itself', async () => {
    const page = await get(stack, '/');
    assert.equal(page.status, 200);
    assert.match(page.type, /text\/html/);
    assert.doesNotMatch(page.body, /https?:\/\//, 'no CDN');
    const js = await get(stack, '/dashboard/app.js');
    assert.match(js.type, /javascript/);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiles the served script without running it
    assert.doesNotThrow(() => new Function(js.body));
    const css = await get(stack, '/dashboard/app.css');
    assert.match(css.body, /\.s-aborted\{background:#ff0000\}/);
  });
});

/**
 * Issue 17: what the API showed wrong or should never show. A suite begun on a real server: a
 * task whose script is missing aborts with ecFlow's own multi-line reason, a task whose job
 * command is `true` stays submitted with its job password, a task holds every time attribute.
 * ecflow_client is the oracle for the attribute lines, the reason and why.
 */
describe('watchman HTTP API: attribute lines, abort reasons, why, secrets', { skip: skipReason, timeout: 60_000 }, () => {
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-api17-'));
  fs.writeFileSync(path.join(files, 'running.ecf'), 'echo hi\n');
  const TOKEN = 'tok-0123456789-secret';
  const SUITE = `suite ask
  edit ECF_HOME '${files}'
  edit ECF_FILES '${files}'
  edit ECF_JOB_CMD 'true'
  edit API_TOKEN '${TOKEN}'
  limit lim 2
  family times
    task clock
      defstatus complete
      inlimit lim
      late -s +00:15 -c 01:00
      time 23:59
      time 00:00 23:59 01:00
      time +00:30
      today 10:00
      today 00:10 23:50 00:20
      date 5.*.*
      day monday
      cron -w 0,6 10:00
      cron -d 15 10:00 20:00 00:30
      autocancel +2
      zombie user:fob::
    task chk
      defstatus complete
      verify complete:3
  endfamily
  task broken
  task running
endsuite
`;
  let stack: Stack;
  const bodies: string[] = [];
  const text = async (p: string): Promise<string> => {
    const res = await fetch(stack.base + p);
    const body = await res.text();
    assert.equal(res.status, 200, `${p}: ${body}`);
    bodies.push(body);
    return body;
  };
  const json = async (p: string): Promise<Json> => JSON.parse(await text(p));
  /** What the real server holds for a task: `--get_state`'s line for it. */
  const stateLine = async (p: string): Promise<string> => {
    const r = await stack.ecflow.real(['--get_state', p]);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.split('\n').find((l) => l.trimStart().startsWith('task '))!;
  };
  before(async () => {
    stack = await startStack({ suite: SUITE, owner: 'ask', repo: 'main' });
    await stack.scraped();
    const begun = await stack.ecflow.real(['--begin', 'ask']);
    assert.equal(begun.code, 0, begun.stderr);
    const server = stack.watchman.view.servers()[0]!;
    await until('broken aborted and running submitted in the mirror', () => {
      const d = server.client.getDefs();
      const state = (p: string) => (d === null ? undefined : findNode(d, p)?.state);
      return state('/ask/broken') === 'aborted' && state('/ask/running') === 'submitted';
    });
  });
  after(async () => {
    await stack?.stop();
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('attributes: every kind as ecflow_client --get prints its line, in its order', async () => {
    for (const p of ['/ask/times/clock', '/ask/times/chk']) {
      const got = await json(`/api/v1/servers/ask/main/nodes${p}`);
      const printed = await stack.ecflow.real(['--get', p]);
      assert.equal(printed.code, 0, printed.stderr);
      // the lines of the node's own print that the view does not carry as fields
      const expected = printed.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !/^(task|edit|label|meter|event|trigger|complete|repeat|limit|defstatus)\b/.test(l));
      assert.ok(expected.length >= (p.endsWith('clock') ? 13 : 1), printed.stdout);
      assert.deepEqual(got.attributes, expected, p);
    }
    assert.ok(!bodies.some((b) => b.includes('[object Object]')), 'no [object Object]');
  });

  it("abort reasons: ecFlow's lines decoded, never a literal \\n; gone once the task is forced complete", async () => {
    const raw = /abort<:(.*)>abort/.exec(await stateLine('/ask/broken'))![1]!;
    assert.match(raw, /\\n/, 'the server writes the reason with \\n pairs');
    const lines = raw.split('\\n').map((l) => l.trim()).filter((l) => l !== '');
    assert.ok(lines.length >= 2, raw);
    const node = await json('/api/v1/servers/ask/main/nodes/ask/broken');
    assert.equal(node.abortedReason, lines.join('\n'));
    const tree = await json('/api/v1/servers/ask/main/tree?path=/ask&depth=1');
    const broken = tree.root.nodes.find((n: Json) => n.name === 'broken');
    assert.equal(broken.abortedReason, lines.join('\n'));
    const aborted = await json('/api/v1/servers/ask/main/aborted');
    assert.deepEqual(aborted.aborted.map((t: Json) => [t.path, t.reason]), [['/ask/broken', lines.join('\n')]]);
    for (const b of bodies) assert.ok(!b.includes('\\\\n'), 'no \\n pair in any body');

    const forced = await stack.ecflow.real(['--force=complete', '/ask/broken']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(await stateLine('/ask/broken'), /abort<:/, 'ecFlow keeps the reason after the force');
    await until('broken complete in the API', async () => (await json('/api/v1/servers/ask/main/nodes/ask/broken')).status === 'complete');
    assert.equal((await json('/api/v1/servers/ask/main/nodes/ask/broken')).abortedReason, undefined);
    const after = (await json('/api/v1/servers/ask/main/tree?path=/ask&depth=1')).root.nodes.find((n: Json) => n.name === 'broken');
    assert.equal(after.status, 'complete');
    assert.equal(after.abortedReason, undefined, 'no old reason in the row');
    // back to aborted for the tests after this one
    assert.equal((await stack.ecflow.real(['--force=aborted', '/ask/broken'])).code, 0);
    await until('broken aborted again', async () => (await json('/api/v1/servers/ask/main/nodes/ask/broken')).status === 'aborted');
  });

  it('why: what ecflow_client prints for the same node, nothing when it prints nothing', async () => {
    for (const p of ['/ask/broken', '/ask/running']) {
      const real = await stack.ecflow.real([`--group=get; why=${p}`]);
      assert.equal(real.code, 0, real.stderr);
      const expected = real.stdout.split('\n').filter((l) => l !== '');
      const got = await json(`/api/v1/servers/ask/main/nodes${p}`);
      assert.deepEqual(got.why, expected, p);
    }
  });

  it('no secret in any body: ECF_PASS and a *_TOKEN variable are served redacted', async () => {
    const passwords = [];
    for (const p of ['/ask/running', '/ask/broken']) {
      const pw = /passwd:(\S+)/.exec(await stateLine(p))?.[1];
      assert.ok(pw !== undefined && pw.length >= 4, `${p} has a job password`);
      passwords.push(pw);
    }
    const controller = new AbortController();
    const events: { event: string; data: Json }[] = [];
    const reading = listen(`${stack.base}/api/v1/events`, events, controller.signal);
    await until('the servers event', () => events.some((e) => e.event === 'servers'));
    // a change event too: forced active, the job password stays
    assert.equal((await stack.ecflow.real(['--force=active', '/ask/running'])).code, 0);
    await until('a change event for /ask/running', () => events.some((e) => e.event === 'change' && e.data.changes.some((c: Json) => c.path === '/ask/running')));
    controller.abort();
    await reading;
    bodies.push(...events.map((e) => JSON.stringify(e.data)));

    const running = await json('/api/v1/servers/ask/main/nodes/ask/running');
    assert.equal(running.status, 'active');
    assert.deepEqual(running.generated.find((v: Json) => v.name === 'ECF_PASS'), { name: 'ECF_PASS', value: '<redacted>' });
    assert.deepEqual(running.inherited.find((v: Json) => v.name === 'API_TOKEN'), { name: 'API_TOKEN', value: '<redacted>', from: '/ask' });
    const suite = await json('/api/v1/servers/ask/main/tree?path=/ask&depth=0&variables=true');
    assert.ok(suite.root.variables.some((v: Json) => v.name === 'API_TOKEN' && v.value === '<redacted>'));
    assert.ok(suite.root.variables.some((v: Json) => v.name === 'ECF_JOB_CMD' && v.value === 'true'), 'other variables are served');
    for (const p of ['/api/v1/servers', '/api/v1/servers/ask/main', '/api/v1/servers/ask/main/tree', '/api/v1/servers/ask/main/tree?variables=1', '/api/v1/servers/ask/main/tree?variables=1&status=active', '/api/v1/servers/ask/main/aborted']) {
      await text(p);
    }
    for (const p of ['/ask', '/ask/times', '/ask/times/clock', '/ask/times/chk', '/ask/broken', '/ask/running']) await text(`/api/v1/servers/ask/main/nodes${p}`);
    for (const secret of [...passwords, TOKEN]) {
      const leaks = bodies.filter((b) => b.includes(secret));
      assert.equal(leaks.length, 0, `${secret} served in: ${leaks.map((b) => b.slice(0, 200)).join('\n')}`);
    }
  });
});
