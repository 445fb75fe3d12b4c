/**
 * The Python ecflow module's own mirror (`Client.sync_local()`), kept in a long-lived process so that
 * its incremental state lasts across steps, as in a real monitor; the module of the release under
 * test by default.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import readline from 'node:readline';
import { type EcflowVersion, TEST_VERSION } from './ecflow-builds.js';
import { havePython, python, pythonEnv } from './python-client.js';

export { python };
/** Whether the Python module of the release under test imports (Debian's 5.9.2 one for the unit tests). */
export const havePythonEcflow = havePython();

const SCRIPT = String.raw`
import ecflow, json, sys, os, tempfile
ci = ecflow.Client('localhost', int(sys.argv[1]))
out = os.path.join(tempfile.mkdtemp(), 'mirror.def')
for line in sys.stdin:
    cmd = line.split()
    try:
        if cmd[0] == 'sync':
            ci.sync_local()
            d = ci.get_defs()
            text = ''
            if d is not None:
                d.save_as_defs(out, ecflow.Style.STATE)
                text = open(out).read()
            reply = {'text': text, 'changed': list(ci.changed_node_paths), 'records': None}
            if len(cmd) > 1 and d is not None:
                # .name: str() of an enum member is 'DState.aborted' in 5.17's module, 'aborted' in 5.9's
                recs = [{'path': '/', 'status': d.get_state().name}]
                for n in d.get_all_nodes():
                    recs.append({'path': n.get_abs_node_path(), 'status': n.get_dstate().name})
                reply['records'] = recs
        elif cmd[0] == 'register':
            ci.ch_register(cmd[1] == '1', cmd[2:])
            reply = {'handle': ci.get_handle() if hasattr(ci, 'get_handle') else 0}
        else:
            reply = {'error': 'unknown command ' + cmd[0]}
    except Exception as e:
        reply = {'error': str(e)}
    sys.stdout.write(json.dumps(reply) + '\n')
    sys.stdout.flush()
`;

export interface PythonSync {
  text: string;
  changed: string[];
  records: { path: string; status: string }[] | null;
}

export class PythonMirror {
  readonly #proc: ChildProcessWithoutNullStreams;
  readonly #lines: AsyncIterator<string>;

  constructor(port: number, version: EcflowVersion = TEST_VERSION) {
    const env = pythonEnv(version);
    if (env === undefined) throw new Error(`no Python ecflow module for ${version}`);
    this.#proc = spawn(python, ['-c', SCRIPT, String(port)], { env });
    this.#proc.stderr.on('data', () => {});
    this.#lines = readline.createInterface({ input: this.#proc.stdout })[Symbol.asyncIterator]();
  }

  async #ask(line: string): Promise<Record<string, unknown>> {
    this.#proc.stdin.write(line + '\n');
    const next = await this.#lines.next();
    if (next.done === true) throw new Error('the python mirror exited');
    const reply = JSON.parse(next.value) as Record<string, unknown>;
    if (typeof reply.error === 'string') throw new Error(`python: ${reply.error}`);
    return reply;
  }

  /** `sync_local()`, then the mirror printed in STATE style (and its get_all_nodes records when asked). */
  async sync(records = false): Promise<PythonSync> {
    return (await this.#ask(records ? 'sync records' : 'sync')) as unknown as PythonSync;
  }

  async register(autoAdd: boolean, suites: readonly string[]): Promise<void> {
    await this.#ask(`register ${autoAdd ? 1 : 0} ${suites.join(' ')}`);
  }

  close(): void {
    this.#proc.stdin.end();
    this.#proc.kill();
  }
}
