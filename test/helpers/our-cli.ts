import { main } from '../../src/cli/client-main.js';
import type { RunResult } from './ecflow-server.js';

/** Runs our ecflow-client in-process, with `input` as standard input (for prompts). */
export async function ours(args: readonly string[], env: Record<string, string>, input = ''): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const lines = input.split('\n');
  const code = await main(args, env, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    readLine: () => lines.shift() ?? '',
  });
  return { stdout, stderr, code };
}
