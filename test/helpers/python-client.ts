/**
 * A long-lived Python `ecflow.Client` of a given ecFlow release (Debian's module for 5.9.2, the one
 * in ../shared/ecflow for newer releases), driven line by line: the oracle for what Python's
 * client does with the same call.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { ECFLOW_BUILDS, type EcflowVersion, TEST_VERSION } from './ecflow-builds.js';

export const python = '/usr/bin/python3';

/** Environment for `python` that imports `version`'s ecflow module; undefined when the release has none here. */
export function pythonEnv(version: EcflowVersion = TEST_VERSION): Record<string, string> | undefined {
  const module = ECFLOW_BUILDS[version].pythonPath;
  if (module === undefined) return undefined;
  return { PATH: process.env.PATH ?? '/usr/bin', ...(module ? { PYTHONPATH: module } : {}) };
}

const imports = new Map<EcflowVersion, boolean>();

/** Whether the Python module of `version` (the release under test by default) imports on this machine. */
export function havePython(version: EcflowVersion = TEST_VERSION): boolean {
  let ok = imports.get(version);
  if (ok === undefined) {
    const e = pythonEnv(version);
    ok = e !== undefined && fs.existsSync(python) && spawnSync(python, ['-c', 'import ecflow'], { env: e, stdio: 'ignore' }).status === 0;
    imports.set(version, ok);
  }
  return ok;
}

const SCRIPT = String.raw`
import ecflow, json, os, sys
ci = ecflow.Client('localhost', int(sys.argv[1]))
# Replies go to fd 3: the C++ library prints warnings to standard output.
replies = os.fdopen(3, 'w')
def arg(x):
    # {"$ecflow": "State.aborted"} names a value of the module (an enum member, say).
    if isinstance(x, dict) and list(x) == ['$ecflow']:
        v = ecflow
        for part in x['$ecflow'].split('.'):
            v = getattr(v, part)
        return v
    return x
for line in sys.stdin:
    call = json.loads(line)
    try:
        result = getattr(ci, call['method'])(*[arg(x) for x in call.get('args', [])])
        try:
            json.dumps(result)
        except TypeError:
            result = list(result) if hasattr(result, '__iter__') and not isinstance(result, str) else str(result)
        reply = {'result': result}
    except Exception as e:
        reply = {'error': str(e)}
    replies.write(json.dumps(reply) + '\n')
    replies.flush()
`;

/** What a call did: its result, or the text of the exception it raised. */
export type PythonOutcome = { result: unknown } | { error: string };

export class PythonClient {
  readonly #proc: ChildProcess;
  readonly #lines: AsyncIterator<string>;

  constructor(version: EcflowVersion, port: number) {
    const e = pythonEnv(version);
    if (e === undefined) throw new Error(`no Python ecflow module for ${version}`);
    this.#proc = spawn(python, ['-c', SCRIPT, String(port)], { env: e, stdio: ['pipe', 'ignore', 'ignore', 'pipe'] });
    this.#lines = readline.createInterface({ input: this.#proc.stdio[3] as Readable })[Symbol.asyncIterator]();
  }

  /**
   * Calls `ecflow.Client.<method>(*args)` and reports what it returned or raised; an argument
   * `{ $ecflow: 'State.aborted' }` stands for that value of the module.
   */
  async call(method: string, ...args: unknown[]): Promise<PythonOutcome> {
    this.#proc.stdin!.write(`${JSON.stringify({ method, args })}\n`);
    const next = await this.#lines.next();
    if (next.done === true) throw new Error('the Python client exited');
    return JSON.parse(next.value) as PythonOutcome;
  }

  close(): void {
    this.#proc.stdin!.end();
    this.#proc.kill();
  }
}
