/**
 * Runs a program's `main` and sets the exit code it returns. A failure nobody caught becomes one
 * line, the stack only when asked for (ECFLOW_TS_DEBUG), as an operator cannot act on a stack.
 */
export function exitWith(name: string, main: () => number | Promise<number>): void {
  const failed = (error: unknown) => {
    const detail = process.env.ECFLOW_TS_DEBUG ? ((error as Error).stack ?? String(error)) : ((error as Error).message ?? String(error)).split('\n')[0];
    process.stderr.write(`${name}: internal error: ${detail}\n`);
    process.exitCode = 1;
  };
  try {
    Promise.resolve(main()).then((code) => {
      process.exitCode = code;
    }, failed);
  } catch (error) {
    failed(error);
  }
}
