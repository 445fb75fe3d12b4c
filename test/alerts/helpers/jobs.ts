/**
 * A suite whose jobs really run (through the real ecflow_client of the server's release) for the
 * alert tests: `fail` aborts, `ok` completes, `never` waits on a trigger that never holds (a
 * deadline it misses) and, with `late`, is late: `late -a 00:00` (not active by midnight), which the
 * server sets at its next minute tick.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestServer } from '../../helpers/ecflow-server.js';

const HEAD = `#!/bin/bash
set -e
export ECF_PORT=%ECF_PORT% ECF_HOST=%ECF_HOST% ECF_NAME=%ECF_NAME% ECF_PASS=%ECF_PASS% ECF_TRYNO=%ECF_TRYNO% ECF_RID=$$
client="%CLIENT%"
$client --init=$$
trap '$client --abort="trapped at line $LINENO"; exit 0' ERR
`;
const TAIL = `trap - ERR
$client --complete
`;
const SCRIPTS: Record<string, string> = {
  fail: 'false\n',
  ok: 'true\n',
};

/** The suite `/alerts` in the server's home, loaded and begun. */
export async function beginAlertSuite(server: TestServer, options: { late?: boolean } = {}): Promise<void> {
  const dir = server.home;
  fs.mkdirSync(path.join(dir, 'files'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'include'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'include', 'head.h'), HEAD);
  fs.writeFileSync(path.join(dir, 'include', 'tail.h'), TAIL);
  for (const [name, body] of Object.entries(SCRIPTS)) fs.writeFileSync(path.join(dir, 'files', `${name}.ecf`), `%include <head.h>\n${body}%include <tail.h>\n`);
  const def = `suite alerts
  edit ECF_HOME '${dir}'
  edit ECF_FILES '${dir}/files'
  edit ECF_INCLUDE '${dir}/include'
  edit CLIENT '${server.ecflowClient}'
  edit ECF_TRIES 1
  task fail
  task ok
  task never
    trigger ok == aborted${options.late ? '\n    late -a 00:00' : ''}
endsuite
`;
  const file = path.join(dir, 'alerts.def');
  fs.writeFileSync(file, def);
  for (const args of [[`--load=${file}`], ['--restart'], ['--begin=alerts']]) {
    const r = await server.real(args);
    if (r.code !== 0) throw new Error(`ecflow_client ${args.join(' ')}: ${r.stderr}`);
  }
}

/** Runs the real ecflow_client; throws with its stderr when it fails. */
export async function ecflow(server: TestServer, ...args: string[]): Promise<void> {
  const r = await server.real(args);
  if (r.code !== 0) throw new Error(`ecflow_client ${args.join(' ')}: ${r.stderr}`);
}
