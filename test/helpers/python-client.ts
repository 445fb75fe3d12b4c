/**
 * A long-lived Python `ecflow.Client` of a given ecFlow release (Debian's module for 5.9.2, the one
 * in ../shared/ecflow for newer releases), driven line by line: the oracle for what Python's
 * client does with the same call.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { EcflowVersion } from './ecflow-server.js';

const python = '/usr/bin/python3';
const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/ecflow');

/** PYTHONPATH for each release's module; a release without one here has no entry. */
const MODULES: Partial<Record<EcflowVersion, string>> = { '5.9.2': '', '5.17.0': `${SHARED}/5.17.0/python3` };

function env(version: EcflowVersion): Record<string, string> | undefined {
  const module = MODULES[version];
  if (module === undefined) return undefined;
  return { PATH: process.env.PATH ?? '/usr/bin', ...(module ? { PYTHONPATH: module } : {}) };
}

/** Whether the Python module of `version` imports on this machine. */
export function havePython(version: EcflowVersion): boolean {
  const e = env(version);
  if (e === undefined || !fs.existsSync(python)) return false;
  return spawnSync(python, ['-c', 'import ecflow'], { env: e, stdio: 'ignore' }).status === 0;
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
    const e = env(version);
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
