import { main } from '../../packages/ecflow-ts/src/cli/client-main.js';
import { TEST_VERSION } from './ecflow-builds.js';
import type { RunResult } from './ecflow-server.js';

/**
 * Runs our ecflow-client in-process, with `input` as standard input (for prompts). Where nothing
 * the server sent tells it the release, it imitates the release under test (ECFLOW_TEST_VERSION),
 * as its oracle ecflow_client is that release's, unless `env` chooses (ECFLOW_TS_IMITATE).
 */
export async function ours(args: readonly string[], env: Record<string, string>, input = ''): Promise<RunResult> {
  env = { ECFLOW_TS_IMITATE: TEST_VERSION, ...env };
  let stdout = '';
  let stderr = '';
  const lines = input.split('\n');
  // Called by the oracle's name, as a drop-in would be: the help's "Try:" lines name the program so.
  const code = await main(
    args,
    env,
    {
      stdout: (s) => {
        stdout += s;
      },
      stderr: (s) => {
        stderr += s;
      },
      readLine: () => lines.shift() ?? '',
    },
    'ecflow_client',
  );
  return { stdout, stderr, code };
}
