/**
 * The same suite runs on two real servers: on A its jobs report with the real ecflow_client, on B
 * with our ecflow-client (--init, --event, --meter, --label, --wait, --queue, --complete,
 * --abort). Both must end in the same state.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { since } from '../../packages/ecflow-ts/src/versions.js';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { normalizer, stateOf } from '../helpers/parity.js';
import { until } from '../helpers/until.js';

const repo = path.resolve(import.meta.dirname, '..', '..');
const ours = path.join(repo, 'packages', 'ecflow-ts', 'dist', 'bin', 'ecflow-client.cjs');

// The trap exits 0 once the abort is told, as ecFlow's own head.h does: a job exiting non-zero is
// also a failed ECF_JOB_CMD to the server, which then replaces the abort's reason with its own
// whenever it reaps the job (a race that differs from server to server).
const head = `#!/bin/bash
set -e
export ECF_HOST_PROTOCOL=%ECF_HOST_PROTOCOL:PLAIN% ECF_PORT=%ECF_PORT% ECF_HOST=%ECF_HOST% ECF_NAME=%ECF_NAME% ECF_PASS=%ECF_PASS% ECF_TRYNO=%ECF_TRYNO% ECF_RID=$$
client="%CLIENT%"
$client --init=$$ %INIT_ADD:%
trap '$client --abort="trapped at line $LINENO"; exit 0' ERR
`;
const tail = `trap - ERR
$client --complete %COMPLETE_REMOVE:%
`;
const scripts: Record<string, string> = {
  producer: `$client --meter=progress 50
$client --label=info "half way there"
$client --event=ready
$client --meter=progress 100
$client --label=info done now
$client --event=spare set
$client --event=spare clear
`,
  consumer: `$client --wait="producer:ready and producer == complete"
$client --label=info "waited"
`,
  worker: `while true; do
  step=$($client --queue=steps active)
  [ "$step" = "<NULL>" ] && break
  if [ "$step" = "b" ]; then $client --queue=steps aborted $step; else $client --queue=steps complete $step; fi
done
$client --label=info "aborted=$($client --queue=steps no_of_aborted)"
`,
  failing: `$client --label=info "about to fail"
false
`,
  vars: `$client --event=1
`,
};

function suiteDef(dir: string, client: string, http: boolean): string {
  return `suite child
  edit ECF_HOME '${dir}'${http ? "\n  edit ECF_HOST_PROTOCOL 'HTTP'" : ''}
  edit ECF_FILES '${dir}/files'
  edit ECF_INCLUDE '${dir}/include'
  edit CLIENT '${client}'
  edit ECF_TRIES 1
  task producer
    meter progress 0 100 100
    label info ""
    event ready
    event spare
  task consumer
    label info ""
  task worker
    queue steps a b c
    label info ""
  task failing
    label info ""
  task vars
    edit INIT_ADD '--add NEWVAR=hello OTHER=x'
    edit COMPLETE_REMOVE '--remove OTHER'
    event 1 numbered
endsuite
`;
}

function prepare(dir: string, client: string, http = false): string {
  fs.mkdirSync(path.join(dir, 'files'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'include'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'include', 'head.h'), head);
  fs.writeFileSync(path.join(dir, 'include', 'tail.h'), tail);
  for (const [name, body] of Object.entries(scripts)) {
    fs.writeFileSync(path.join(dir, 'files', `${name}.ecf`), `%include <head.h>\n${body}%include <tail.h>\n`);
  }
  const file = path.join(dir, 'child.def');
  fs.writeFileSync(file, suiteDef(dir, client, http));
  return file;
}

/** Every job output (`ECF_HOME/child/<task>.<try>`) of a run, each under its name. */
function jobOutputs(home: string): string {
  const at = path.join(home, 'child');
  if (!fs.existsSync(at)) return '(none)';
  return fs
    .readdirSync(at)
    .filter((f) => /\.\d+$/.test(f))
    .map((f) => `== ${f}\n${fs.readFileSync(path.join(at, f), 'utf8')}`)
    .join('\n');
}

async function runToEnd(server: TestServer, defsFile: string): Promise<string> {
  for (const args of [[`--load=${defsFile}`], ['--restart'], ['--begin=child']]) {
    const r = await server.real(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  const client = server.client();
  let last = '';
  await until(
    `the suite to settle on port ${server.port} (every task complete or aborted)`,
    async () => {
      const { defs } = await client.syncFull();
      last = defs;
      const tasks = [...defs.matchAll(/^task (\S+) # .*?state:(\w+)/gm)];
      return tasks.length === 5 && tasks.every(([, , s]) => s === 'complete' || s === 'aborted');
    },
    60_000,
  ).catch((e: Error) => assert.fail(`${e.message}:\n${last}`));
  return (await server.real(['--get_state'])).stdout;
}

// Over TCP, and from 5.14 over HTTP too: the jobs' clients then read ECF_HOST_PROTOCOL=HTTP.
for (const http of since(TEST_VERSION, 'http') ? [false, true] : [false]) {
  describe(`child commands: a suite driven by our ecflow-client ends as with ecflow_client${http ? ' over HTTP (ECF_HOST_PROTOCOL=HTTP, ecflow_server --http)' : ''}`, { skip: !haveEcflow && 'ecflow_server not installed' }, () => {
    let a: TestServer;
    let b: TestServer;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-child-'));
    before(async () => {
      [a, b] = await Promise.all([startServer({ http }), startServer({ http })]);
    });
    after(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('reaches the same final state, attribute for attribute', async () => {
      assert.ok(fs.existsSync(ours), `${ours} is built by npm ci (prepare)`);
      const [stateA, stateB] = await Promise.all([
        runToEnd(a, prepare(path.join(dir, 'real'), a.ecflowClient, http)),
        runToEnd(b, prepare(path.join(dir, 'ours'), `${process.execPath} ${ours}`, http)),
      ]);
      const norm = normalizer(a, b);
      const clean = (s: string) =>
        stateOf(s, norm)
          .replaceAll(path.join(dir, 'real'), 'DIR')
          .replaceAll(path.join(dir, 'ours'), 'DIR')
          .replaceAll(`${process.execPath} ${ours}`, 'CLIENT')
          .replaceAll(a.ecflowClient, 'CLIENT')
          .replace(/ rid:\d+/g, '')
          .replace(/PID\(\d+\)/g, 'PID()')
          .replace(/(# edit ECF_RID ')\d+'/g, "$1'");
      // A difference shows the jobs' own output: what a failing child command printed is only there.
      if (clean(stateB) !== clean(stateA)) {
        assert.fail(`final states differ\n--- with ecflow_client:\n${clean(stateA)}\n--- with ours:\n${clean(stateB)}\n--- our jobs' output:\n${jobOutputs(path.join(dir, 'ours'))}`);
      }
      // The run really exercised every child command.
      for (const expected of ['flag:task_aborted', 'label info "" # "about to fail"', 'label info "" # "done now"', 'label info "" # "waited"', 'queue steps a b c # 3 complete aborted complete', 'event 1 numbered # set', "edit NEWVAR 'hello'"]) {
        assert.ok(stateA.includes(expected) || stateA.replace(/\s+/g, ' ').includes(expected), `real run shows ${expected}`);
      }
    });
  });
}
