/**
 * A suite whose tasks run real jobs (bash scripts calling the real ecflow_client), for the tests
 * of the files, why, dependencies and history of the API and the dashboard. The scripts live in a
 * temporary ECF_HOME; `/jobs/run/hello` waits at `active` until {@link JobsHome.release} so a test
 * sees that state, `/jobs/run/many` writes 10050 lines, `/jobs/run/never` is held by a trigger that cannot hold, and `/jobs/x/files/job`
 * is a node whose path looks like a file route.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ECFLOW_CLIENT } from '../helpers/ecflow-server.js';
import { writeJobScripts } from '../helpers/job-scripts.js';


const SCRIPTS: Record<string, string> = {
  hello: `%manual
hello prints a greeting and waits for the go file.
%end
echo "hello from %ECF_NAME% try %ECF_TRYNO%"
while [ ! -f %ECF_HOME%/go ]; do sleep 0.05; done
echo "released"
`,
  // more than the 10000 lines the server sends at most
  many: `set +x
seq -f 'line %%g' 1 10050
set -x
`,
  after: `echo after
`,
  never: `echo never
`,
  job: `echo job
`,
};

export interface JobsHome {
  dir: string;
  suite: string;
  /** Lets `/jobs/run/hello` finish. */
  release(): void;
  remove(): void;
}

export function jobsHome(): JobsHome {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-watchman-jobs-'));
  // Traced (`set -x`): the export of ECF_PASS lands in the job output, which the API must redact.
  writeJobScripts(dir, SCRIPTS, { trace: true });
  const suite = `suite jobs
  edit ECF_HOME '${dir}'
  edit ECF_FILES '${dir}/files'
  edit ECF_INCLUDE '${dir}/include'
  edit CLIENT '${ECFLOW_CLIENT}'
  edit ECF_TRIES 1
  family run
    task hello
    task many
    task after
      trigger hello == complete
    task never
      trigger /jobs/x/files/job == aborted
  endfamily
  family x
    defstatus suspended
    family files
      task job
    endfamily
  endfamily
endsuite
`;
  return {
    dir,
    suite,
    release: () => fs.writeFileSync(path.join(dir, 'go'), ''),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
