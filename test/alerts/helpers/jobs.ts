/**
 * A suite whose jobs really run (through the real ecflow_client of the server's release) for the
 * alert tests: `fail` aborts, `ok` completes, `never` waits on a trigger that never holds (a
 * deadline it misses) and, with `late`, is late: `late -a 00:00` (not active by midnight), which the
 * server sets at its next minute tick.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestServer } from '../../helpers/ecflow-server.js';
import { writeJobScripts } from '../../helpers/job-scripts.js';

const SCRIPTS: Record<string, string> = {
  fail: 'false\n',
  ok: 'true\n',
};

/** The suite `/alerts` in the server's home, loaded and begun. */
export async function beginAlertSuite(server: TestServer, options: { late?: boolean } = {}): Promise<void> {
  const dir = server.home;
  writeJobScripts(dir, SCRIPTS);
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
