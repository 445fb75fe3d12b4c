/**
 * The scripts of a suite whose jobs really run: `include/head.h` and `include/tail.h` as ecFlow's
 * own examples write them (the job tells --init, its abort from an ERR trap, --complete) and one
 * `files/<task>.ecf` a task, under `dir` (the suite's ECF_HOME, ECF_FILES=dir/files,
 * ECF_INCLUDE=dir/include; the suite sets CLIENT to the ecflow_client to call).
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * `trace` adds `set -x`, so that every command, the export of ECF_PASS included, is in the job's
 * output. The trap exits 0 once the abort is told, as ecFlow's head.h does: a job exiting non-zero
 * is also a failed ECF_JOB_CMD, whose reason the server may put in place of the abort's.
 */
export function writeJobScripts(dir: string, scripts: Readonly<Record<string, string>>, options: { trace?: boolean } = {}): void {
  const head = `#!/bin/bash
set -e
${options.trace ? 'set -x\n' : ''}export ECF_PORT=%ECF_PORT% ECF_HOST=%ECF_HOST% ECF_NAME=%ECF_NAME% ECF_PASS=%ECF_PASS% ECF_TRYNO=%ECF_TRYNO% ECF_RID=$$
client="%CLIENT%"
$client --init=$$
trap '$client --abort="trapped at line $LINENO"; exit 0' ERR
`;
  const tail = `trap - ERR
$client --complete
`;
  fs.mkdirSync(path.join(dir, 'files'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'include'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'include', 'head.h'), head);
  fs.writeFileSync(path.join(dir, 'include', 'tail.h'), tail);
  for (const [name, body] of Object.entries(scripts)) fs.writeFileSync(path.join(dir, 'files', `${name}.ecf`), `%include <head.h>\n${body}%include <tail.h>\n`);
}
